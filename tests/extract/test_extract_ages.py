"""The age of a relation read against the dates the article states (kg/extract/ages.py).
Every sentence here is invented."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_text

PAIR = "sister-localities-pre2025-427--pre2025-497"  # huyện Đô Lương – huyện Hòa Vang


def _pair(text, **kw):
    found = {t.key: t for t in extract_text(text, **kw).twinnings}
    return found[PAIR]


def test_an_age_takes_the_origin_date_its_paragraph_states():
    twinning = _pair(
        "Năm 2022, huyện Đô Lương và huyện Hòa Vang kỷ niệm 40 năm kết nghĩa. "
        "Hai huyện kết nghĩa từ khi còn nghèo, ngày 2/5/1982, giữa mùa mưa lũ."
    )
    assert (twinning.established.lexical, twinning.established.datatype) == ("1982-05-02", "date")
    assert not twinning.established.computed_from


def test_an_age_with_a_bare_year_range_starts_at_its_first_year():
    twinning = _pair("Huyện Đô Lương kết nghĩa với huyện Hòa Vang. Năm nay tròn 30 năm kết nghĩa (1994 - 2024).")
    assert (twinning.established.lexical, twinning.established.datatype) == ("1994", "gYear")


def test_an_age_and_the_year_its_sentence_states_give_a_computed_year():
    twinning = _pair("Năm 2024 đánh dấu tròn 30 năm kết nghĩa giữa huyện Đô Lương và huyện Hòa Vang.")
    assert (twinning.established.lexical, twinning.established.datatype) == ("1994", "gYear")
    assert twinning.established.computed_from  # the draft says how the year was read
    assert twinning.established_relative.offset == "P30Y"  # and keeps the age as written


def test_an_age_without_a_year_stays_relative():
    twinning = _pair("Huyện Đô Lương và huyện Hòa Vang đã 30 năm kết nghĩa.")
    assert twinning.established is None and twinning.established_relative.offset == "P30Y"


def test_an_age_stated_apart_dates_the_relation_its_sentence_names():
    twinning = _pair(
        "Huyện Đô Lương kết nghĩa với huyện Hòa Vang từ lâu. Nhiều đoàn đã qua lại.\n"
        "Hai huyện Đô Lương – Hòa Vang đã trải qua 25 năm tình nghĩa thủy chung."
    )
    assert twinning.established_relative.offset == "P25Y"


def test_an_age_in_a_sentence_naming_no_place_dates_the_only_relation():
    twinning = _pair(
        "Huyện Đô Lương kết nghĩa với huyện Hòa Vang từ lâu. Nhiều đoàn đã qua lại.\n"
        "Đến nay đã 25 năm kết nghĩa, tình cảm vẫn vẹn nguyên."
    )
    assert twinning.established_relative.offset == "P25Y"


def test_a_duration_or_a_list_of_anniversaries_is_not_an_age():
    twinning = _pair("Trong 3 ngày, huyện Đô Lương và huyện Hòa Vang kết nghĩa đã cùng dựng nhà văn hóa.")
    assert twinning.established_relative is None
    twinning = _pair("Huyện Đô Lương tổ chức kỷ niệm 10 năm, 15 năm, 20 năm kết nghĩa với huyện Hòa Vang.")
    assert twinning.established_relative is None


def test_an_age_stated_apart_names_the_units_of_the_founding_year():
    # Invented, published in 2024: 64 years of kinship date the relation to 1960, whose units
    # are the provinces of then (hist:tinh-hai-duong, hist:tinh-phu-yen), as an age in the clause does.
    found = extract_text(
        "Tỉnh Hải Dương và tỉnh Phú Yên kết nghĩa anh em. Đến nay, hai tỉnh Hải Dương - Phú Yên đã "
        "trải qua 64 năm tình nghĩa.",
        published=dt.date(2024, 1, 9),
    ).twinnings
    assert [sorted(p.key for p in t.parties) for t in found] == [["hist-tinh-hai-duong", "hist-tinh-phu-yen"]]


def test_the_past_years_of_a_sentence_that_speaks_of_kinship_further_on_are_an_age():
    # Invented: "Trong 64 năm qua" opens a long sentence whose kinship word comes late.
    found = extract_text(
        "Tỉnh Hải Dương và tỉnh Phú Yên kết nghĩa anh em. Trong 64 năm qua, cán bộ và nhân dân hai tỉnh "
        "Hải Dương - Phú Yên luôn kề vai sát cánh, giúp đỡ nhau vượt qua mọi khó khăn trong chiến tranh "
        "cũng như trong hòa bình, gắn bó keo sơn.",
        published=dt.date(2024, 1, 9),
    ).twinnings
    (twinning,) = found
    assert twinning.established_relative.offset == "P64Y"
    assert sorted(p.key for p in twinning.parties) == ["hist-tinh-hai-duong", "hist-tinh-phu-yen"]
