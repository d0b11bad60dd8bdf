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


def _orgs(text, **kw):
    return {o.key for o in extract_text(text, **kw).orgs if o.key}


def test_bodies_named_only_by_a_membership_or_a_standing_role_are_not_proposed():
    text = (
        "Dự buổi lễ có ông Lê Văn Nam, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Nghệ An, và ông Hồ Văn Bảy, "
        "Phó Bí thư Thường trực Tỉnh ủy Nghệ An."
    )
    orgs = _orgs(text)
    assert "party-central-committee" not in orgs
    assert not any(key.startswith("thuong-truc") for key in orgs)
    assert ("Hồ Văn Bảy", "deputy-secretary", "party-committee-pre2025-40") in _posts(text)
    assert "party-central-committee" in _orgs("Thực hiện chủ trương của Trung ương Đảng, hai tỉnh kết nghĩa.")
