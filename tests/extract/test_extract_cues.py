"""Twinnings stated beyond a clause with a twinning word (invented sentences)."""

from __future__ import annotations

from kg.extract import extract_text


def _keys(text, **kw) -> list[str]:
    return [t.key for t in extract_text(text, **kw).twinnings]


def test_names_glued_by_a_lost_separator_are_two_parties():
    keys = _keys("Mùa xuân năm 1962, hai tỉnh Nam ĐịnhBình Định tổ chức lễ kết nghĩa.")
    assert keys == ["sister-localities-hist-tinh-binh-dinh--hist-tinh-nam-dinh"]


def test_the_two_provinces_are_those_named_since_the_last_pair():
    text = (
        "Năm 1960, tỉnh Nghệ An kết nghĩa với tỉnh Quảng Ngãi; Nghệ An gửi quà, Nghệ An gửi gạo. Năm 1961, "
        "tỉnh Thanh Hóa kết nghĩa với tỉnh Quảng Nam; Thanh Hóa gửi quà, Thanh Hóa gửi gạo. Việc kết nghĩa "
        "giữa hai tỉnh đã cổ vũ nhân dân."
    )
    # Not Nghệ An with Thanh Hóa, the two provinces named most.
    assert _keys(text) == [
        "sister-localities-hist-tinh-nghe-an--hist-tinh-quang-ngai",
        "sister-localities-hist-tinh-quang-nam--pre2025-38",
    ]


def test_the_age_in_an_undated_article_counts_from_the_last_day_it_states():
    text = "Ngày 5/3/2021, lãnh đạo Hưng Yên và Quảng Trị gặp mặt. Hưng Yên và Quảng Trị đã tròn 60 năm kết nghĩa."
    # 2021 - 60: the provinces of 1961, not those refounded in 1989 and 1997.
    assert _keys(text) == ["sister-localities-hist-tinh-hung-yen--hist-tinh-quang-tri"]
