"""Dates at their precision, relative times, sums of money and counted quantities (vi, fr, en)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kg.extract.amounts import find_amounts, find_quantities, parse_number
from kg.extract.dates import complete_years, find_dates, parse_published, reference_year


def _absolute(text):
    return [(d.lexical, d.datatype) for d in find_dates(text) if not d.relative]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lễ ký kết diễn ra ngày 8/8/2025 tại phường.", [("2025-08-08", "date")]),
        ("ngày 09/9/2021 Ban Thường vụ ban hành chỉ thị", [("2021-09-09", "date")]),
        ("Chiều ngày 12.6, hai văn phòng ký kết", [("--06-12", "gMonthDay")]),
        ("vào ngày 24/7 vừa qua", [("--07-24", "gMonthDay")]),
        ("ngày 3 tháng 5 năm 2019", [("2019-05-03", "date")]),
        ("từ tháng 8/2025", [("2025-08", "gYearMonth")]),
        ("năm 2020, đoàn công tác", [("2020", "gYear")]),
        ("le 20 novembre 1968, la cérémonie", [("1968-11-20", "date")]),
        ("le 2 août, une délégation", [("--08-02", "gMonthDay")]),
        ("en novembre 1968", [("1968-11", "gYearMonth")]),
        ("On May 20, 2022 the districts", [("2022-05-20", "date")]),
        ("on 3 June 2021", [("2021-06-03", "date")]),
    ],
)
def test_absolute_dates_keep_their_precision(text, expected):
    assert _absolute(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Huyện có 9/11 xã đạt chuẩn",  # a ratio, not 9 November
        "đạt 8/36 chỉ tiêu",  # not a date at all
        "ngày 31/2/2024",  # no such day
        "kỷ niệm 75 năm thành lập",  # an anniversary, not a year
    ],
)
def test_things_that_are_not_dates(text):
    assert _absolute(text) == []


@pytest.mark.parametrize(
    "text, offset, qualifier",
    [
        ("Qua hơn 2 năm tổ chức kết nghĩa", "P2Y", "lower-bound"),
        ("buổi lễ kết nghĩa cách đây 54 năm", "P54Y", "exact"),
        ("Trong 30 năm qua, hai tỉnh", "P30Y", "exact"),
        ("Au cours des 55 dernières années, les deux districts", "P55Y", "exact"),
        ("il y a 40 ans", "P40Y", "exact"),
        ("over the past 10 years", "P10Y", "exact"),
        ("about 20 years ago", "P20Y", "approximate"),
    ],
)
def test_relative_times_are_kept_with_offset_and_qualifier(text, offset, qualifier):
    relative = [d for d in find_dates(text) if d.relative]
    assert len(relative) == 1
    assert (relative[0].offset, relative[0].qualifier) == (offset, qualifier)
    assert relative[0].lexical == ""  # never turned into a date


def test_relative_time_without_number():
    relative = [d for d in find_dates("Theo kế hoạch cuối tuần này, hai bên ký kết") if d.relative]
    assert [(d.text, d.offset) for d in relative] == [("cuối tuần này", "")]


def test_anniversary_range_marks_start_and_end():
    dates = find_dates("thành lập Đảng bộ huyện (28/6/1949 - 28/6/2024)")
    assert [(d.lexical, d.range_role) for d in dates] == [("1949-06-28", "start"), ("2024-06-28", "end")]


def test_reference_year_is_published_year_else_latest_stated_year_without_term_ends():
    text = "Nghị quyết ngày 29/7/2025; nhiệm kỳ 2025 - 2030; ngày 12/8 ký kết."
    dates = find_dates(text)
    assert reference_year(text, dates, None) == 2025  # 2030 ends a term: left out
    assert reference_year(text, dates, dt.date(2026, 1, 1)) == 2026
    complete_years(dates, 2025)
    day_month = [d for d in dates if d.text == "ngày 12/8"][0]
    assert (day_month.lexical, day_month.datatype, day_month.year_from_context) == ("2025-08-12", "date", True)


def test_day_month_stays_without_year_when_the_article_has_none():
    text = "Chiều ngày 12.6, tại TP. Vinh diễn ra lễ ký kết."
    dates = find_dates(text)
    complete_years(dates, reference_year(text, dates, None))
    assert [(d.lexical, d.datatype) for d in dates] == [("--06-12", "gMonthDay")]


def test_published_must_be_iso():
    assert parse_published("2025-08-10") == dt.date(2025, 8, 10)
    with pytest.raises(ValueError):
        parse_published("10/8/2025")


# ---------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    "text, lang, value, qualifier",
    [
        ("ủng hộ 300 triệu đồng", "vi", "300000000", "exact"),
        ("tổng trị giá khoảng 1,7 tỷ đồng", "vi", "1700000000", "approximate"),
        ("tổng mức đầu tư 2,4 tỷ đồng", "vi", "2400000000", "exact"),
        ("hơn 757 triệu đồng", "vi", "757000000", "lower-bound"),
        ("gần 2 tỷ đồng", "vi", "2000000000", "approximate"),
        ("1 tỷ 200 triệu đồng", "vi", "1200000000", "exact"),
        ("500.000 đồng mỗi suất", "vi", "500000", "exact"),
        ("a fait don de 120 millions de VND", "fr", "120000000", "exact"),
        ("plus de 48 millions de VND/personne/an", "fr", "48000000", "lower-bound"),
        ("environ 2 milliards de dongs", "fr", "2000000000", "approximate"),
        ("more than VND 1.5 billion", "en", "1500000000", "lower-bound"),
        ("about 300 million VND", "en", "300000000", "approximate"),
    ],
)
def test_amounts(text, lang, value, qualifier):
    amounts = find_amounts(text, lang)
    assert len(amounts) == 1
    assert (amounts[0].value, amounts[0].currency, amounts[0].qualifier) == (Decimal(value), "VND", qualifier)


def test_words_that_look_like_money_are_not():
    assert find_amounts("3 đồng chí lãnh đạo và 2 đồng bào", "vi") == []


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("1.500", "vi", "1500"),
        ("1,7", "vi", "1.7"),
        ("1,5", "fr", "1.5"),
        ("1.5", "en", "1.5"),
        ("1,500", "en", "1500"),
        ("12", "vi", "12"),
    ],
)
def test_number_marks_follow_the_language(text, lang, value):
    assert parse_number(text, lang) == Decimal(value)


def test_quantities_skip_dates_money_and_ratios():
    text = "trao 10 nhà tình nghĩa, 7.597 bài dự thi, 8/36 chỉ tiêu, 300 triệu đồng, 20 cadeaux"
    amounts = find_amounts(text, "vi")
    found = find_quantities(text, "vi", [(a.start, a.end) for a in amounts])
    assert [(q.value, q.unit) for q in found] == [
        (Decimal(10), "nhà tình nghĩa"),
        (Decimal(7597), "bài dự thi"),
        (Decimal(20), "cadeaux"),
    ]


@pytest.mark.parametrize(
    "text, offset",
    [("Hai huyện đã tròn 45 năm kết nghĩa.", "P45Y"), ("lễ kỷ niệm 30 năm ngày hai xã ký kết", "P30Y")],
)
def test_the_age_of_a_relation_is_a_relative_time(text, offset):
    assert [d.offset for d in find_dates(text) if d.relative] == [offset]


def test_the_age_of_an_organization_is_not_read_as_a_relation_age():
    assert [d for d in find_dates("kỷ niệm 75 năm thành lập Đảng bộ tỉnh") if d.relative] == []


def test_a_paragraph_printed_twice_states_its_sum_once():
    from kg.extract import extract_text

    lead = "Huyện Nam Giang trao tặng xã La Dêê 200 triệu đồng để xây nhà văn hóa.\n"
    once = extract_text(lead + "Ngoài ra, xã La Êê nhận 50 triệu đồng.\n")
    twice = extract_text(lead + lead + "Ngoài ra, xã La Êê nhận 50 triệu đồng.\n")
    assert len(twice.amounts) == 3
    assert [s.amount.text for s in twice.supports] == [s.amount.text for s in once.supports]
