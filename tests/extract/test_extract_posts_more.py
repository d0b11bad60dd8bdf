"""People with posts, organizations and policies: wordings added in the fourth round (invented
sentences)."""

from __future__ import annotations

from kg.extract import extract_text


def _posts(text, **kw):
    return {(p.person.name, p.role, p.org.key) for p in extract_text(text, **kw).posts}


def test_former_posts_are_not_proposed_and_keep_to_their_name():
    text = (
        "Đón đoàn có ông Trần Văn Sớm, nguyên Bí thư Tỉnh ủy Nghệ An, Lê Văn Đài, nguyên Phó Bí thư "
        "Tỉnh ủy Nghệ An, và bà Hà Thị Lan, Chủ tịch HĐND tỉnh Nghệ An."
    )
    assert _posts(text) == {("Hà Thị Lan", "chairman", "peoples-council-pre2025-40")}
    assert _posts("Mr. Le Van Dai, former Chairman of the Nghe An Provincial People's Committee, spoke.") == set()
