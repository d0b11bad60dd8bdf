"""One test per failure class listed in issue 25, on sentences invented for these tests (real
place names of the gazetteer, wording of our own). They guard the general mechanisms against
regressions; see tests/extract/test_extract_general.py for the first sentences of each class."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kg.extract import extract_text

SEP_2025 = dt.date(2025, 9, 5)


def _pairs(result) -> set[frozenset]:
    return {frozenset(p.unit.full_name if p.unit else p.org.surface for p in t.parties) for t in result.twinnings}


def _twinnings(text, **kw):
    return {t.key: t for t in extract_text(text, **kw).twinnings}


# 1. a day/month after a time-of-day word is a date, and the date of the signing it opens
@pytest.mark.parametrize(
    "text, day",
    [
        (
            "Sáng 3/9, tại phường Hải Vân, Đảng ủy phường Hải Vân và Đảng ủy xã Tây Giang ký kết kết nghĩa.",
            "2025-09-03",
        ),
        (
            "Tối 2/9, đoàn xã Trà Leng đến phường Sơn Trà. Trước đó, chiều 29/8, hai địa phương đã ký kết kết nghĩa.",
            "2025-08-29",
        ),
    ],
)
def test_1_time_of_day_dates_are_read_and_attached(text, day):
    result = extract_text(text, published=SEP_2025)
    [twinning] = result.twinnings
    assert (twinning.established.lexical, twinning.established.datatype) == (day, "date")


# 2. three or more parties are one relation
@pytest.mark.parametrize(
    "text",
    [
        "Chiều 28/8, lễ kết nghĩa giữa xã Tây Giang, xã Avương và phường Hải Vân được tổ chức trang trọng.",
        "Ngày 25/8/2025, phường Hải Vân, xã Tây Giang và xã Avương ký kết kết nghĩa.",
    ],
)
def test_2_three_parties_are_one_relation(text):
    assert _pairs(extract_text(text, published=SEP_2025)) == {
        frozenset({"Phường Hải Vân", "Xã Tây Giang", "Xã Avương"})
    }


def test_2_a_plural_type_word_and_a_colon_list_three_communes():
    pairs = _pairs(extract_text("Đảng ủy các xã: Tây Giang, Hùng Sơn và Avương ký kết kết nghĩa.", published=SEP_2025))
    assert pairs == {frozenset({"Xã Tây Giang", "Xã Hùng Sơn", "Xã Avương"})}


# 3. lists of pairs joined by hyphens or dashes
def test_3_dashed_pairs_in_a_list():
    text = "Năm 2025, Đà Nẵng tổ chức kết nghĩa các cặp: Hải Châu - Hùng Sơn, Sơn Trà - Trà Leng, An Hải – Trà Linh."
    assert _pairs(extract_text(text, published=SEP_2025)) == {
        frozenset({"Phường Hải Châu", "Xã Hùng Sơn"}),
        frozenset({"Phường Sơn Trà", "Xã Trà Leng"}),
        frozenset({"Phường An Hải", "Xã Trà Linh"}),
    }


def test_3_dashed_pairs_without_diacritics():
    text = "Nam 2025, cac cap ket nghia gom: Hai Chau - Hung Son, Son Tra - Tra Leng, An Hai - Tra Linh."
    assert _pairs(extract_text(text, published=SEP_2025)) == {
        frozenset({"Phường Hải Châu", "Xã Hùng Sơn"}),
        frozenset({"Phường Sơn Trà", "Xã Trà Leng"}),
        frozenset({"Phường An Hải", "Xã Trà Linh"}),
    }


# 4. an English "X town" is the town of that name, not a township elsewhere
def test_4_english_towns_are_the_towns_of_the_named_provinces():
    text = "Ba Don town (Quang Binh province) and Hoang Mai town (Nghe An province) signed a twinning agreement."
    assert _pairs(extract_text(text, published=dt.date(2019, 5, 1))) == {
        frozenset({"Thị xã Ba Đồn", "Thị xã Hoàng Mai"})
    }


# 5. a province in brackets is the place's parent; "(cũ)" does not mix eras
def test_5_bracketed_province_is_context_and_old_units_keep_one_era():
    text = "The twinning of Dong Hoi city (Quang Binh province) and Vinh city (Nghe An province) was signed."
    assert list(_twinnings(text, published=dt.date(2019, 5, 1))) == ["sister-localities-pre2025-412--pre2025-450"]
    text = "Huyện Quế Sơn, tỉnh Quảng Nam (cũ) kết nghĩa với huyện Ngọc Lặc (cũ) từ năm 1970."
    found = _twinnings(text, published=SEP_2025)
    assert list(found) == ["sister-localities-pre2025-389--pre2025-509"]


# 6. a photo caption with a count before the objects gives no pair of the objects
def test_6_caption_count_before_objects():
    text = "Ảnh: Nghi thức ký kết kết nghĩa giữa phường An Hải với hai xã Avương và Tây Giang."
    assert _pairs(extract_text(text, published=SEP_2025)) == {
        frozenset({"Phường An Hải", "Xã Avương"}),
        frozenset({"Phường An Hải", "Xã Tây Giang"}),
    }


# 7. a relation of the past in a 2025 article names the units of then
@pytest.mark.parametrize(
    "text, key",
    [
        (
            "Năm 1960, tỉnh Quảng Bình kết nghĩa với tỉnh Hà Tĩnh.",
            "sister-localities-hist-tinh-ha-tinh--hist-tinh-quang-binh",
        ),
        (
            "Năm 1962, tỉnh Quảng Ngãi (cũ) kết nghĩa với tỉnh Nghệ An.",
            "sister-localities-hist-tinh-nghe-an--hist-tinh-quang-ngai",
        ),
    ],
)
def test_7_a_relation_of_the_past_in_a_2025_article(text, key):
    assert list(_twinnings(text, published=SEP_2025)) == [key]


def test_7_an_undated_2025_article_keeps_its_pair():
    result = extract_text("Hai xã Trà Leng và Trà Linh ký kết kết nghĩa với phường Sơn Trà vào chiều 20/8.")
    assert result.era == "2025"
    assert frozenset({"Xã Trà Leng", "Xã Trà Linh", "Phường Sơn Trà"}) in _pairs(result)


# 8. people with posts in committees of the Fatherland Front and in English
def test_8_people_with_posts():
    posts = extract_text("Bà Trần Thị Hà, Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hà Tĩnh, phát biểu.").posts
    assert [(p.person.name, p.role) for p in posts] == [("Trần Thị Hà", "chairman")]
    text = "The Chairman of the Quang Nam Provincial People's Committee, Le Tri Thanh, attended the ceremony."
    posts = extract_text(text, lang="en").posts
    assert [(p.person.name, p.role, p.org.key) for p in posts] == [
        ("Le Tri Thanh", "chairman", "peoples-committee-pre2025-49")
    ]


# 9. official letters and resolutions with their issuer
def test_9_official_letter_and_resolution():
    text = "UBND thành phố Đà Nẵng ban hành Công văn số 512/UBND-NV ngày 10/8/2025 về kết nghĩa giữa các xã."
    [letter] = extract_text(text, published=SEP_2025).policies
    assert (letter.number, letter.issuer.key, letter.issued.lexical) == (
        "512/UBND-NV",
        "peoples-committee-2025-48",
        "2025-08-10",
    )
    text = "Nghị quyết số 15-NQ/TU ngày 3/3/2023 của Ban Thường vụ Tỉnh ủy Nghệ An về công tác kết nghĩa."
    [resolution] = extract_text(text).policies
    assert (resolution.kind, resolution.issuer.key) == ("resolution", "standing-board-pre2025-40")


# 10. per-person and per-gift sums are rates
def test_10_rates_are_not_totals():
    text = "Huyện Đô Lương tặng 100 suất quà, 500 nghìn đồng/suất, và hỗ trợ 5 triệu đồng/người cho 10 hộ."
    result = extract_text(text)
    assert result.amounts == [] and result.statistics == []
    assert {(q.value, q.unit) for q in result.quantities if "/" in q.unit} == {
        (Decimal(500_000), "VND/suất"),
        (Decimal(5_000_000), "VND/người"),
    }


# 11. joined English clauses pair each subject with its own object
def test_11_joined_english_clauses():
    text = "Hoa Vang district has twinned with Do Luong district, and Dai Loc district with Nga Son district."
    assert _pairs(extract_text(text, lang="en", published=dt.date(2019, 5, 1))) == {
        frozenset({"Huyện Hòa Vang", "Huyện Đô Lương"}),
        frozenset({"Huyện Đại Lộc", "Huyện Nga Sơn"}),
    }


# 12. the summary counts the dates written to the draft
def test_12_counts_follow_the_draft():
    text = "Năm 1985 và năm 1999 trời mưa nhiều. Ngày 2/4/2021, huyện Đô Lương và huyện Hòa Vang ký kết kết nghĩa."
    result = extract_text(text)
    assert len([d for d in result.dates if not d.relative]) == 3  # found in the text
    result.draft(validate=False)
    assert 1 <= result.counts()["dates"] < 3  # written to the draft: not the two years of rain
