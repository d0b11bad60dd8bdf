"""Border twinnings and the English and French press on twinnings abroad (invented sentences)."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_text
from kg.extract.foreign_names import is_foreign


def _twinnings(text, **kw):
    return {t.key: t for t in extract_text(text, **kw).twinnings}


def _foreign(text, **kw) -> dict[str, str]:
    return {m.surface: m.unit.country for m in extract_text(text, **kw).foreign if is_foreign(m)}


def test_a_country_as_possessor_names_a_foreign_locality():
    text = "Vietnam's Lai Chau province and Morocco's Fes province set up twinning ties on May 2."
    assert set(_twinnings(text, lang="en")) == {"sister-city-place-ma-fes--pre2025-12"}
    assert _foreign("Hoi An city and Spain's Toledo celebrated ten years of friendship.", lang="en") == {"Toledo": "ES"}


def test_a_foreign_province_of_its_country_is_coordinated_past_its_parent():
    text = (
        "Representatives of Oran province of Algeria and Vietnam's Lai Chau province agreed to set up "
        "a twinning partnership on May 2."
    )
    assert set(_twinnings(text, lang="en")) == {"sister-city-place-dz-oran--pre2025-12"}


def test_a_plural_type_word_and_its_country_cover_every_name_listed_before_it():
    text = "To date, Ha Nam has set up twinned relations with Bokeo and Sekong provinces of Laos, he said."
    assert set(_twinnings(text, lang="en")) == {
        "sister-city-place-la-bokeo--pre2025-35",
        "sister-city-place-la-sekong--pre2025-35",
    }
    text = (
        "Tan Lap and Tan Hoa communes of Binh Phuoc province are twinned with Phum Sre and Kom Bo communes of Cambodia."
    )
    assert _foreign(text, lang="en") == {"Phum Sre": "KH", "Kom Bo": "KH"}


def test_places_on_each_side_of_a_border_twinned_as_groups_are_one_relation():
    text = (
        "Tan Lap and Tan Hoa communes of Binh Phuoc province are twinned with Phum Sre and Kom Bo communes of Cambodia."
    )
    assert set(_twinnings(text, lang="en")) == {
        "sister-city-place-kh-kom-bo--place-kh-phum-sre--pre2025-25381--pre2025-25384"
    }


def test_village_type_words_of_the_south_and_of_cambodia():
    text = (
        "Ngày 12/4/2023, khóm Bình Long, phường Châu Phú A, thành phố Châu Đốc, tỉnh An Giang đã tổ chức lễ "
        "kết nghĩa với phum Srae Ta, xã Chrey, huyện Kiri Vong, tỉnh Kampong Speu (Campuchia)."
    )
    result = extract_text(text)
    assert {m.surface: m.unit.country for m in result.foreign} == {"Srae Ta": "KH"}
    assert [m.unit.full_name for m in result.units if m.kind == "below"] == ["Khóm Bình Long"]
    # a village abroad written with a Vietnamese type word and four parents, the country last
    text = (
        "Ấp Bình Hòa, xã Mỹ Quý Tây, huyện Đức Huệ kết nghĩa với ấp Prek Ta, xã Chrey, huyện Romeas Hek, "
        "tỉnh Kampong Speu, Campuchia."
    )
    assert _foreign(text) == {"Prek Ta": "KH"}


def test_a_village_twinned_with_a_village_abroad_is_a_party_past_its_address():
    text = (
        "Ngày 12/4/2023, lễ kết nghĩa cụm dân cư hai bên biên giới giữa ấp Bình Hòa, xã Mỹ Quý Tây, huyện Đức "
        "Huệ, tỉnh Long An, Việt Nam và ấp Prek Ta, xã Chrey, huyện Romeas Hek, tỉnh Kampong Speu (Campuchia) "
        "đã diễn ra tại nhà văn hóa ấp."
    )
    assert set(_twinnings(text)) == {"border-cluster-place-kh-prek-ta--pre2025-27907-ap-binh-hoa"}


def test_french_adjectives_between_the_type_word_and_de():
    text = (
        "L'ancienne cité de Hoi An, dans la province centrale de Quang Nam, est devenue la première ville "
        "vietnamienne jumelée avec la ville de Brême, en Allemagne, en vertu d'un accord signé le 3 mai."
    )
    assert set(_twinnings(text, lang="fr")) == {"sister-city-place-de-breme--pre2025-503"}


def test_friendly_and_cooperative_ties_and_cooperating_relate_a_place_abroad():
    text = (
        "Representatives of the South Central province of Phu Yen and the Japanese city of Kobe signed an "
        "agreement to set up friendly and cooperative ties in Tuy Hoa city on October 21."
    )
    assert set(_twinnings(text, lang="en")) == {"sister-city-place-jp-kobe--pre2025-54"}
    text = "Since 2001, Nam Dinh province and the French city of Lille have cooperated in health and education."
    assert set(_twinnings(text, lang="en")) == {"sister-city-place-fr-lille--pre2025-36"}


def test_a_french_departement_written_as_parent_is_in_france():
    text = "Depuis 2001, Nam Dinh et la ville de Lille (département du Nord) coopèrent dans la santé et l'éducation."
    assert set(_twinnings(text, lang="fr")) == {"sister-city-place-fr-lille--pre2025-36"}


def _ages(text, **kw):
    return {t.key: t.established_relative.text for t in extract_text(text, **kw).twinnings if t.established_relative}


def test_english_and_french_anniversaries_are_the_age_of_the_relation_not_its_signing():
    text = (
        "A ceremony was held in the central province of Quang Nam on May 12 to mark the 35th anniversary of "
        "its friendship and cooperation with Savannakhet province of Laos."
    )
    found = extract_text(text, lang="en", published=dt.date(2023, 5, 13)).twinnings
    assert [(t.established, t.established_relative.offset) for t in found] == [(None, "P35Y")]
    text = (
        "Le 3 mai, une cérémonie a eu lieu pour le 25e anniversaire du jumelage entre la province de Quang Nam "
        "et la ville de Kobe (Japon)."
    )
    assert _ages(text, lang="fr") == {"sister-city-place-jp-kobe--pre2025-49": "25e anniversaire"}
    text = "Quang Nam and Kobe (Japan) held a ceremony on August 31 to celebrate more than 10 years of twinning."
    assert _ages(text, lang="en") == {"sister-city-place-jp-kobe--pre2025-49": "more than 10 years"}


def test_a_neighbouring_countrys_province_written_bare_in_a_relating_sentence():
    text = "Quang Ngai and Attapeu have maintained their twinning relations for 30 years."
    assert set(_twinnings(text, lang="en")) == {"sister-city-place-la-attapeu--pre2025-51"}
    # written as a parent, it is where the party is, not a party
    assert set(_twinnings("Huyện Quế Sơn kết nghĩa với huyện Mã Quan (Vân Nam).")) == {
        "sister-city-place-cn-ma-quan--pre2025-509"
    }


def _posts(text, **kw) -> set[tuple[str, str, str]]:
    return {(p.person.name, p.role, p.org.key) for p in extract_text(text, **kw).posts}


def test_a_province_ending_in_a_surname_before_peoples_committee():
    text = "Chairman of the Nam Dinh People's Committee Tran Van Binh stressed the cooperation with Laos."
    assert _posts(text, lang="en") == {("Tran Van Binh", "chairman", "peoples-committee-pre2025-36")}


def test_french_permanent_vice_chairman():
    text = "Tran Van Binh, vice-président permanent du Comité populaire de Quang Nam, a reçu la délégation."
    assert _posts(text, lang="fr") == {("Tran Van Binh", "vice-chairman", "peoples-committee-pre2025-49")}


def test_english_type_word_between_the_body_and_the_name():
    text = "In his remarks, Secretary of the Party Committee of Quang Ngai province Tran Van Binh praised the ties."
    assert _posts(text, lang="en") == {("Tran Van Binh", "secretary", "party-committee-pre2025-51")}


def test_a_title_opening_with_two_places_a_comma_and_a_verb():
    text = (
        "Quang Ngai, Attapeu mark 25-year cooperation\n\n"
        "Officials from Quang Ngai province are in Laos to attend a ceremony marking the 25th anniversary of "
        "the twinning relationship between the Vietnamese locality and its Lao partner.\n"
    )
    assert set(_twinnings(text, lang="en")) == {"sister-city-place-la-attapeu--pre2025-51"}


def test_a_lao_hamlet_cluster_is_a_foreign_locality():
    text = (
        "Truong Son commune in Quang Binh province's Quang Ninh district on May 22 was twinned with Nong Ma "
        "village cluster in Bualapha district of Laos's Khammouane province."
    )
    assert set(_twinnings(text, lang="en")) == {"sister-city-place-la-nong-ma--pre2025-19204"}


def test_french_press_names_keep_only_french_accents():
    text = "Le secrétaire du Comité du Parti de la province de Lai Chau, Nguyên Van Dông, a salué les liens."
    assert _posts(text, lang="fr") == {("Nguyên Van Dông", "secretary", "party-committee-pre2025-12")}


def test_an_english_post_named_by_its_unit_alone():
    text = "The agreement, signed by chairman of Hai Phong City Tran Van Binh and the Mayor of Kobe, took effect."
    assert _posts(text, lang="en") == {("Tran Van Binh", "chairman", "peoples-committee-pre2025-31")}


def _dated(text, **kw):
    return {t.key: t.established.text for t in extract_text(text, **kw).twinnings if t.established}


def test_agreeing_to_establish_a_twinning_dates_it():
    text = (
        "Local administrations of Oran province of Algeria and Vietnam's Lai Chau province agreed to establish "
        "a twinning partnership on May 28."
    )
    assert _dated(text, lang="en", published=dt.date(2023, 5, 30)) == {
        "sister-city-place-dz-oran--pre2025-12": "May 28"
    }


def test_of_vietnam_after_a_party_does_not_part_it_from_the_next():
    text = "Hai Phong City of Vietnam and Kobe city of Japan agreed on May 3 to set up friendship-city relations."
    assert set(_twinnings(text, lang="en", published=dt.date(2023, 5, 4))) == {"sister-city-place-jp-kobe--pre2025-31"}


def test_the_address_of_a_unit_before_its_foreign_partner_is_no_gap():
    text = (
        "Ngày 5/6, tại thị trấn Mường Khương đã diễn ra buổi lễ ký kết nghĩa giữa thị trấn Mường Khương, huyện "
        "Mường Khương, tỉnh Lào Cai (Việt Nam) và trấn Kiều Đầu, huyện Hà Khẩu, tỉnh Vân Nam (Trung Quốc)."
    )
    found = _dated(text, published=dt.date(2023, 6, 7))
    assert found == {"sister-city-place-cn-kieu-dau--pre2025-02761": "Ngày 5/6"}


def test_was_twinned_on_a_day_dates_the_relation():
    text = (
        "Truong Son commune in Quang Binh province's Quang Ninh district on May 22 was twinned with Nong Ma "
        "village cluster in Bualapha district of Laos's Khammouane province."
    )
    assert _dated(text, lang="en", published=dt.date(2023, 5, 23)) == {
        "sister-city-place-la-nong-ma--pre2025-19204": "May 22"
    }


def test_two_provinces_that_twinned_their_villages_are_no_pair():
    text = (
        "The southern province of Dong Thap and the Cambodian province of Prey Veng twinned their border "
        "villages on May 3."
    )
    assert _twinnings(text, lang="en") == {}


def test_french_provincial_after_the_body_before_the_name():
    text = (
        "Une délégation de la province de Lai Chau dirigée par le président du comité populaire provincial "
        "Tran Van Binh a visité la province de Phongsaly."
    )
    assert _posts(text, lang="fr") == {("Tran Van Binh", "chairman", "peoples-committee-pre2025-12")}


def test_a_village_number_is_part_of_a_foreign_name():
    text = (
        "Ngày 5/6/2015, bản Nà Sài (xã Tà Long, huyện Đakrông) và bản Pa Lai 3 (huyện Xê Pôn, tỉnh Savannakhet, "
        "Lào) đã tổ chức lễ kết nghĩa."
    )
    assert _foreign(text) == {"Pa Lai 3": "LA"}


def test_the_signing_ceremony_told_in_the_next_sentence_dates_the_relation():
    text = (
        "Tan Lap and Tan Hoa communes of Binh Phuoc province are twinned with Phum Sre and Kom Bo communes of "
        "Cambodia. The signing ceremony in Binh Phuoc on November 3 is part of a memorandum of understanding."
    )
    assert _dated(text, lang="en", published=dt.date(2014, 11, 4)) == {
        "sister-city-place-kh-kom-bo--place-kh-phum-sre--pre2025-25381--pre2025-25384": "November 3"
    }
