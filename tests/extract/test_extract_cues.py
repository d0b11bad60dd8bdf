"""Twinnings stated beyond a clause with a twinning word (invented sentences)."""

from __future__ import annotations

from kg.extract import extract_text


def _keys(text, **kw) -> list[str]:
    return [t.key for t in extract_text(text, **kw).twinnings]


def test_names_glued_by_a_lost_separator_are_two_parties():
    keys = _keys("Mùa xuân năm 1962, hai tỉnh Nam ĐịnhBình Định tổ chức lễ kết nghĩa.")
    assert keys == ["sister-localities-hist-tinh-binh-dinh--hist-tinh-nam-dinh"]
