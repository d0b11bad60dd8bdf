"""Known gaps of the extractor found with invented sentences (real gazetteer names, wording of
our own), one test per mechanism that closed them."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_text
from kg.extract.language import detect

SEP_2025 = dt.date(2025, 9, 5)


def _pairs(result) -> set[frozenset]:
    return {frozenset(p.unit.full_name if p.unit else p.org.surface for p in t.parties) for t in result.twinnings}


def test_coordinated_subjects_and_one_object_are_one_relation():
    # as the curators record "các xã A, B (X) với trấn Y" and a title pairing one place with three
    text = "Chiều 21/8, hai xã Avương và Hùng Sơn đã ký kết kết nghĩa với phường Hải Châu."
    assert _pairs(extract_text(text, published=SEP_2025)) == {
        frozenset({"Xã Avương", "Xã Hùng Sơn", "Phường Hải Châu"})
    }


def test_a_dashed_list_naming_no_province_is_settled_by_its_unique_sides():
    # Hải Châu and An Hải are also names of units outside Đà Nẵng; Sơn Trà and Trà Leng are not
    text = "Năm 2025, các cặp kết nghĩa gồm: Hải Châu - Hùng Sơn, Sơn Trà - Trà Leng, An Hải - Trà Linh."
    assert _pairs(extract_text(text, published=SEP_2025)) == {
        frozenset({"Phường Hải Châu", "Xã Hùng Sơn"}),
        frozenset({"Phường Sơn Trà", "Xã Trà Leng"}),
        frozenset({"Phường An Hải", "Xã Trà Linh"}),
    }


def test_kinship_words_typed_without_diacritics_open_a_dashed_list():
    text = "Cac dia phuong ket nghia: Hai Chau - Hung Son, Son Tra - Tra Leng."
    assert len(_pairs(extract_text(text, published=SEP_2025))) == 2
    # without a kinship word, a dashed list is no twinning
    text = "Cac tuyen xe buyt: Hai Chau - Hung Son, Son Tra - Tra Leng."
    assert _pairs(extract_text(text, published=SEP_2025)) == set()


def test_english_naming_places_with_their_diacritics_is_english():
    text = "Đô Lương district (Nghệ An province) and Hòa Vang district (Quảng Nam province) were twinned in 1960."
    result = extract_text(text, published=dt.date(2019, 5, 1))
    assert _pairs(result) == {frozenset({"Huyện Đô Lương", "Huyện Hòa Vang"})}
    assert detect("Hai huyện Đô Lương và Hòa Vang kết nghĩa năm 1960.").code == "vi"


def test_a_dashed_name_of_one_historical_province_is_one_unit():
    # Quảng Nam – Đà Nẵng, one province from 1976 to 1996 (data/history/units.csv)
    text = "Huyện Duy Xuyên, tỉnh Quảng Nam - Đà Nẵng (cũ) kết nghĩa với huyện Thọ Xuân, tỉnh Thanh Hóa từ năm 1978."
    result = extract_text(text, published=SEP_2025)
    assert _pairs(result) == {frozenset({"Huyện Duy Xuyên", "Huyện Thọ Xuân"})}
    assert [m.unit.code for m in result.units if m.surface == "Quảng Nam - Đà Nẵng"] == ["tinh-quang-nam-da-nang"]


def test_a_province_whose_name_has_a_dash_is_one_province():
    # news in English and French drop the diacritics and the spaces around the dash
    quang_nam = "Tỉnh Quảng Nam"
    for text in (
        "Ba Ria-Vung Tau and Quang Nam have been twinned since 1998.",
        "Ba Ria - Vung Tau province has been twinned with Quang Nam province since 1998.",
        "Bà Rịa - Vũng Tàu và Quảng Nam kết nghĩa từ năm 1998.",
        "Tỉnh Bà Rịa - Vũng Tàu kết nghĩa với tỉnh Quảng Nam từ năm 1998.",
    ):
        assert _pairs(extract_text(text, published=dt.date(2019, 5, 1))) == {
            frozenset({"Tỉnh Bà Rịa - Vũng Tàu", quang_nam})
        }, text
    # a dash the gazetteer's name lacks: the province of Huế under its former name
    result = extract_text("Thua Thien-Hue and Quang Tri are twinned provinces.", published=dt.date(2019, 5, 1))
    assert [m.unit.code for m in result.units if m.surface == "Thua Thien-Hue"] == ["46"]
    # two names of different units joined by a dash stay a pair
    text = "Tỉnh Thanh Hóa - Quảng Nam: hai tỉnh kết nghĩa từ năm 1960."
    assert len({m.unit.full_name for m in extract_text(text, published=dt.date(2019, 5, 1)).units}) == 2


def test_a_district_or_ward_named_by_its_number_is_linked():
    # the gazetteer names them with their type word ("Quận 1"); "Phường 5" is settled by its district
    may_2019 = dt.date(2019, 5, 1)
    assert _pairs(extract_text("Năm 2018, quận 3 kết nghĩa với huyện Nam Giang.", published=may_2019)) == {
        frozenset({"Quận 3", "Huyện Nam Giang"})
    }
    text = "District 1 of Ho Chi Minh City has twinned with Tay Giang district."
    assert _pairs(extract_text(text, published=may_2019)) == {frozenset({"Quận 1", "Huyện Tây Giang"})}
    result = extract_text("Phường 5, Quận 3 kết nghĩa với xã Lăng.", published=may_2019)
    assert _pairs(result) == {frozenset({"Phường 5", "Xã Lăng"})}
    assert [m.unit.parent.short_name for m in result.units if m.surface == "Phường 5"] == ["Quận 3"]
    # an abbreviation needs its full stop: "Q1" is a quarter, not a district
    assert [m.surface for m in extract_text("Q1 revenue of the province rose.", published=may_2019).units] == []


def test_a_plural_type_word_after_coordinated_names_types_each_of_them():
    # Tân Lập and Tân Hòa are communes of many provinces: the province written after settles them
    may_2019 = dt.date(2019, 5, 1)
    for text in (
        "Tan Lap and Tan Hoa communes of Binh Phuoc province have twinned with Lang commune.",
        "Les communes de Tan Lap et Tan Hoa, province de Binh Phuoc, sont jumelées avec la commune de Lang.",
        "Tỉnh Bình Phước có các xã Tân Lập và Tân Hòa kết nghĩa với xã Lăng.",
    ):
        units = {m.surface: m.unit for m in extract_text(text, published=may_2019).units}
        for name in ("Tan Lap", "Tan Hoa") if "Tan" in text else ("Tân Lập", "Tân Hòa"):
            assert units[name].full_name.startswith("Xã "), (text, name)
            assert units[name].parent.parent.short_name == "Bình Phước", (text, name)
    text = "Nam Giang, Dong Giang and Tay Giang districts of Quang Nam province celebrated the day."
    assert {m.unit.full_name for m in extract_text(text, published=may_2019).units} >= {
        "Huyện Nam Giang",
        "Huyện Đông Giang",
        "Huyện Tây Giang",
    }
