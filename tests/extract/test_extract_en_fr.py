"""English and French phrasings of twinnings (invented sentences)."""

from __future__ import annotations

from kg.extract import extract_text


def _twinnings(text, **kw):
    return {t.key: t for t in extract_text(text, **kw).twinnings}


def _linked(text, **kw) -> dict[str, str]:
    return {m.surface: m.unit.full_name for m in extract_text(text, **kw).units if m.unit is not None}


def test_possessive_parent_is_where_the_unit_is_not_a_party():
    text = "Quang Tri province's Huong Hoa district and Hai Phong's Kien An district signed a twinning agreement."
    assert set(_twinnings(text, lang="en")) == {"sister-localities-pre2025-307--pre2025-465"}
    assert _linked(text, lang="en")["Quang Tri"] == "Tỉnh Quảng Trị"


def test_a_unit_placed_in_a_possessive_is_a_place_too():
    found = _twinnings(
        "Dan Phuong commune in Quang Tri province's Huong Hoa district was twinned with Dong Ha ward.", lang="en"
    )
    assert set(found) == {"sister-localities-2025-09784--2025-19333"}


def test_the_possessors_twin_province_is_the_object():
    found = _twinnings("Thanh Hoa's twin province, Quang Nam, sent a delegation to the festival.", lang="en")
    assert set(found) == {"sister-localities-pre2025-38--pre2025-49"}
    found = _twinnings("Leaders of Quang Nam visited its sister province Thanh Hoa on May 5.", lang="en")
    assert set(found) == {"sister-localities-pre2025-38--pre2025-49"}


def test_initials_of_ho_chi_minh_city():
    hcm = "Thành phố Hồ Chí Minh"
    assert _linked("HCM City and Hanoi agreed to set up sister city relations.", lang="en")["HCM"] == hcm
    assert _linked("HCMC and Can Tho formed a sister relationship in 1999.", lang="en")["HCMC"] == hcm
    assert _linked("TP.HCM và Cần Thơ ký kết kết nghĩa.")["HCM"] == hcm
    assert set(_twinnings("TPHCM và Cần Thơ ký kết kết nghĩa.")) == {"sister-localities-pre2025-79--pre2025-92"}
    # "(HCMC)" after the full name defines the initials: one party, not two.
    found = _twinnings("Ho Chi Minh City (HCMC) and Can Tho formed a sister relationship in 1999.", lang="en")
    assert set(found) == {"sister-localities-pre2025-79--pre2025-92"}


def test_celle_de_and_that_of_give_the_second_name_the_first_ones_type():
    expected = {"sister-localities-pre2025-395--pre2025-509"}
    text = "Le district de Que Son et celui de Tho Xuan sont jumelés depuis 1960."
    assert set(_twinnings(text, lang="fr")) == expected
    text = "The district of Que Son and that of Tho Xuan have been twinned since 1960."
    assert set(_twinnings(text, lang="en")) == expected


def test_thua_thien_hue_is_the_province_of_hue_under_its_former_name():
    expected = {"sister-localities-pre2025-45--pre2025-46"}
    assert set(_twinnings("Tỉnh Thừa Thiên Huế và tỉnh Quảng Trị ký kết kết nghĩa năm 2015.")) == expected
    text = "Thua Thien Hue and Quang Tri signed a twinning agreement in 2015."
    assert set(_twinnings(text, lang="en")) == expected


def test_a_city_of_1960_written_as_one_word_is_the_city_of_then():
    # Invented: "Saigon" in an English story of the 1960 twinnings is hist:thanh-pho-sai-gon.
    found = extract_text("On May 5, 1961, Haiphong - Saigon twinned friendship was celebrated in Haiphong.").twinnings
    assert [sorted(p.key for p in t.parties) for t in found] == [["hist-thanh-pho-sai-gon", "pre2025-31"]]


def test_a_place_before_an_institutions_head_word_names_the_institution():
    # Invented: the newspaper, not the province, is who the city's officials talked with; the
    # province stays named as where the newspaper is.
    result = extract_text("In 2021, Da Nang City officials, speaking with Quang Nam Newspaper, praised the twinning.")
    assert not result.twinnings
    assert {m.kind for m in result.units if m.surface == "Quang Nam"} == {"parent"}
