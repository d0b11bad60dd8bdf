"""Linking unit mentions to the gazetteer: type words (vi, fr, en), diacritic-insensitive names,
disambiguation by a parent written nearby, the article's era, units below the commune."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_text
from kg.extract.dates import find_dates
from kg.extract.people import reserve_names
from kg.extract.text import split_sentences
from kg.extract.era import article_era
from kg.extract.units import find_unit_mentions


def _links(text, era="pre2025", lang="vi"):
    names = [(n.start, n.end) for n in reserve_names(text)]
    mentions = find_unit_mentions(text, split_sentences(text), era, names, lang)
    return mentions, {m.surface: (m.unit.era, m.unit.code) for m in mentions if m.unit is not None}


def test_district_with_its_province_in_brackets():
    mentions, links = _links("Huyện Hòa Vang (Đà Nẵng) tiếp đoàn công tác.")
    assert links == {"Hòa Vang": ("pre2025", "497"), "Đà Nẵng": ("pre2025", "48")}
    district = next(m for m in mentions if m.surface == "Hòa Vang")
    assert district.stated_type == "huyen" and district.type_word == "Huyện"


def test_french_names_without_diacritics_link_to_the_accented_unit():
    _, links = _links("La délégation du district de Que Son a visité le district de Tho Xuan.", lang="fr")
    assert links == {"Que Son": ("pre2025", "509"), "Tho Xuan": ("pre2025", "395")}


def test_english_type_word_after_the_name():
    mentions, links = _links("Do Luong district and Hoa Vang district met in Nghe An province.", lang="en")
    assert links == {"Do Luong": ("pre2025", "427"), "Hoa Vang": ("pre2025", "497"), "Nghe An": ("pre2025", "40")}


def test_same_name_is_settled_by_the_parent_written_after_it():
    # "Nam Giang" is a district of Quảng Nam and a commune of Thọ Xuân (Thanh Hóa), among others.
    _, links = _links("Xã Nam Giang, huyện Thọ Xuân nhận hỗ trợ.")
    assert links["Nam Giang"] == ("pre2025", "15505")
    _, links = _links("Huyện Nam Giang tiếp đoàn.")
    assert links["Nam Giang"] == ("pre2025", "510")


def test_commune_list_shares_its_type_and_its_parent():
    _, links = _links("Thành phố A kết nghĩa với các xã biên giới La Êê và La Dê huyện Nam Giang.")
    assert links["La Êê"] == ("pre2025", "20698")
    assert links["La Dê"] == ("pre2025", "20704")  # the gazetteer writes "La Dêê": loose key


def test_same_named_commune_is_settled_by_the_dominant_province():
    text = (
        "Thành phố Đà Nẵng có nhiều phường kết nghĩa. Phường Hòa Cường của thành phố Đà Nẵng kết nghĩa với xã Trà Tân."
    )
    _, links = _links(text, era="2025")
    assert links["Trà Tân"] == ("2025", "20923")  # not Trà Tân of Lâm Đồng


def test_unresolvable_name_is_left_unlinked_with_a_note():
    mentions, links = _links("Xã Thanh Hòa nhận quà.")
    assert "Thanh Hòa" not in links
    assert "gazetteer units are called" in next(m for m in mentions if m.surface == "Thanh Hòa").note


def test_bare_names_link_only_when_known():
    _, links = _links("Huyện Đô Lương đón đoàn. Đô Lương và Nghệ An cùng phát triển. Minh Tân đẹp.")
    assert links["Đô Lương"] == ("pre2025", "427") and links["Nghệ An"] == ("pre2025", "40")
    assert "Minh Tân" not in links  # neither a province nor named with a type before


def test_a_personal_name_is_not_a_unit():
    _, links = _links("Phường Hải Châu đón ông Nguyễn Hải Châu, Bí thư Đảng ủy phường Hải Châu.", era="2025")
    assert list(links) == ["Hải Châu"]
    mentions, _ = _links("ông Nguyễn Hải Châu phát biểu.", era="2025")
    assert mentions == []


def test_era_decides_which_unit_a_name_is():
    _, old = _links("phường Thanh Khê", era="pre2025")
    _, new = _links("phường Thanh Khê", era="2025")
    assert old == {}  # no ward Thanh Khê before the reform (only a district), and no fallback to 2025
    assert new["Thanh Khê"] == ("2025", "20209")
    # districts were abolished: a district in a 2025 article is the pre-2025 district
    _, links = _links("huyện Hòa Vang", era="2025")
    assert links["Hòa Vang"] == ("pre2025", "497")


def test_former_unit_marked_cu_is_pre2025():
    _, links = _links("tỉnh Quảng Nam (cũ) và thành phố Đà Nẵng", era="2025")
    assert links["Quảng Nam"] == ("pre2025", "49") and links["Đà Nẵng"] == ("2025", "48")


def test_village_below_a_commune_becomes_a_new_unit():
    mentions, _ = _links("Công trình tại thôn Bến Đò (xã Lăng, huyện Tây Giang).")
    village = next(m for m in mentions if m.kind == "below")
    assert village.unit.full_name == "Thôn Bến Đò"
    assert (village.unit.parent.code, village.unit.code) == ("20449", "20449-thon-ben-do")


def test_article_era():
    assert article_era("x", [], dt.date(2025, 7, 1))[0] == "2025"
    assert article_era("x", [], dt.date(2025, 6, 30))[0] == "pre2025"
    text = "Ngày 8/8/2025 hai phường ký kết."
    assert article_era(text, find_dates(text), None)[0] == "2025"
    assert article_era("Vận hành chính quyền 2 cấp.", [], None)[0] == "2025"
    text = "Ngày 8/8/2024 hai huyện ký kết."
    assert article_era(text, find_dates(text), None)[0] == "pre2025"


def test_a_dash_pair_of_districts_unique_in_the_country_is_linked_without_a_province():
    from kg.extract import extract_text

    units = extract_text("Lễ kết nghĩa Hoằng Hóa – Quảng Xương diễn ra hôm qua.").units
    assert [(m.surface, m.unit.code) for m in units] == [("Hoằng Hóa", "399"), ("Quảng Xương", "406")]


def test_a_name_the_article_linked_is_not_read_as_a_province_of_the_past():
    from kg.extract import extract_text

    text = "Năm 1965 có nhiều sự kiện. Hôm nay quận Hà Đông (Hà Nội) đón đoàn. Hà Đông đẹp."
    units = [(m.surface, m.unit.era) for m in extract_text(text).units if m.surface == "Hà Đông"]
    assert units == [("Hà Đông", "pre2025"), ("Hà Đông", "pre2025")]


def test_newspaper_abbreviations_of_unit_types():
    # "P.", "X.", "H.", "Q." glued to the name, as some newspapers write them; a lower-case
    # "h." (hours) is no type word
    mentions, links = _links("Đoàn của P.Hải Châu lên X. Hùng Sơn (H.Tây Giang cũ) ngày 8.8.", era="2025")
    assert {m.surface: m.stated_type for m in mentions if m.surface in ("Hải Châu", "Hùng Sơn")} == {
        "Hải Châu": "phuong",
        "Hùng Sơn": "xa",
    }
    assert links["Hải Châu"][0] == links["Hùng Sơn"][0] == "2025"
    mentions, _ = _links("Lúc 9 h.Hải Châu đón đoàn.", era="2025")
    assert not any(m.type_word.lower().startswith("h.") for m in mentions)


def test_an_english_commune_may_be_a_ward():
    # English texts call wards "communes" too: the ward Hải Châu of Đà Nẵng, not a commune
    # of that name in another province.
    (twinning,) = extract_text("In 2025, Hai Chau Commune twinned with Hung Son Commune.").twinnings
    assert twinning.key == "sister-localities-2025-20242--2025-20443"


def test_a_province_written_as_one_word_is_linked_in_a_sentence_that_relates_places():
    # "Danang", "Haiphong": the provinces Đà Nẵng and Hải Phòng written as English writes them.
    _, links = _links("Danang and Haiphong signed a cooperation agreement last year.", lang="en")
    assert links == {"Danang": ("pre2025", "48"), "Haiphong": ("pre2025", "31")}
    # A dateline names where the article was written, not a party.
    _, links = _links("Haiphong, March 3 - Danang signed a cooperation agreement with Bangkok.", lang="en")
    assert links == {"Danang": ("pre2025", "48")}
    # A sentence that relates no places: the one word may be anything (a team, a port, a brand).
    _, links = _links("Danang hosted a fair of local crafts.", lang="en")
    assert links == {}


def test_a_districts_type_of_another_time_names_the_place_it_became():
    # Invented: towns of 1961 since made cities, a district since made a town; no historical unit.
    found = extract_text("Năm 1961, thị xã Yên Bái kết nghĩa với thị xã Tây Ninh.").twinnings
    assert [sorted((p.unit.short_name, p.unit.unit_type) for p in t.parties) for t in found] == [
        [("Tây Ninh", "thanh-pho-thuoc-tinh"), ("Yên Bái", "thanh-pho-thuoc-tinh")]
    ]
    units = extract_text("Năm 1962, huyện Giá Rai kết nghĩa với huyện Kim Sơn.").units
    assert {(m.unit.short_name, m.unit.unit_type) for m in units if m.unit is not None} == {
        ("Giá Rai", "thi-xa"),
        ("Kim Sơn", "huyen"),
    }
