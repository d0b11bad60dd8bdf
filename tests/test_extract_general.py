"""General mechanisms of issue 25, each on short texts written for the tests (not article text):
lists of pairs, dates after time-of-day words, three-party relations, eras, per-person sums,
official letters, people with unlisted roles, English towns, captions, joined English clauses,
the summary line."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_text

AUG_2025 = dt.date(2025, 8, 28)


def _pairs(result) -> set[frozenset]:
    return {frozenset(p.unit.full_name if p.unit else p.org.surface for p in t.parties) for t in result.twinnings}


def test_a_twinning_word_and_a_colon_introduce_a_list_of_pairs():
    text = ("Trước đó, nhiều địa phương đã tổ chức kết nghĩa, gồm: phường Hải Châu với xã Hùng Sơn; "
            "phường Sơn Trà với xã Trà Leng; phường An Hải - xã Trà Linh. Năm nay có nhiều hoạt động khác.")
    pairs = _pairs(extract_text(text, published=AUG_2025))
    assert pairs == {frozenset({"Phường Hải Châu", "Xã Hùng Sơn"}), frozenset({"Phường Sơn Trà", "Xã Trà Leng"}),
                     frozenset({"Phường An Hải", "Xã Trà Linh"})}


def test_english_list_of_pairs_joined_by_with():
    text = ("Previously, many localities in the city have organized twinning, including: Hai Chau Ward with "
            "Hung Son Commune; Son Tra Ward with Tra Leng Commune.")
    pairs = _pairs(extract_text(text, published=AUG_2025))
    assert pairs == {frozenset({"Phường Hải Châu", "Xã Hùng Sơn"}), frozenset({"Phường Sơn Trà", "Xã Trà Leng"})}


def test_a_list_ends_with_the_first_item_that_is_not_a_pair():
    text = ("Các địa phương đã kết nghĩa gồm: phường Hải Châu với xã Hùng Sơn; "
            "phường Sơn Trà tổ chức hội nghị với xã Trà Leng vào cuối tháng.\nPhường An Hải và xã Trà Linh tổ chức hội thao.")
    pairs = _pairs(extract_text(text, published=AUG_2025))
    assert frozenset({"Phường An Hải", "Xã Trà Linh"}) not in pairs
