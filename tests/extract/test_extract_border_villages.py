"""Villages written in English in border twinnings (invented sentences)."""

from __future__ import annotations

import datetime as dt

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.extract import extract_text
from kg.extract.draft import KNE
from kg.iris import KN

_PUBLISHED = dt.date(2023, 5, 20)


def _twinnings(text) -> set[str]:
    return {t.key for t in extract_text(text, lang="en", published=_PUBLISHED).twinnings}


def test_an_english_village_before_its_commune_is_a_party_below_the_commune():
    text = (
        "On May 5, Na Son village, Tam Hop commune, Tuong Duong district (Vietnam) and Huoi Lot village, "
        "Nong Het district (Laos) signed a twinning agreement."
    )
    assert _twinnings(text) == {"border-cluster-place-la-huoi-lot--pre2025-16936-na-son"}
    # "of" and "in" before the commune, as in "thôn A, xã B"
    text = (
        "Na Son village of Tam Hop commune in Tuong Duong district was twinned with Huoi Lot village of "
        "Nong Het district, Laos."
    )
    assert _twinnings(text) == {"border-cluster-place-la-huoi-lot--pre2025-16936-na-son"}


def test_the_village_of_a_name_and_capitalised_type_words_before_the_commune():
    key = "border-cluster-place-la-huoi-lot--pre2025-16936-na-son"
    text = (
        "The village of Na Son in Tam Hop commune, Tuong Duong district and Huoi Lot village of Laos signed a "
        "twinning agreement."
    )
    assert _twinnings(text) == {key}
    text = (
        "Na Son Village, Tam Hop Commune, Tuong Duong District and Huoi Lot Village, Nong Het District of Laos "
        "signed a twinning agreement."
    )
    assert _twinnings(text) == {key}


def test_an_english_village_in_the_commune_a_district_possesses():
    text = "Na Son village in Tuong Duong district's Tam Hop commune was twinned with Huoi Lot village of Laos."
    assert _twinnings(text) == {"border-cluster-place-la-huoi-lot--pre2025-16936-na-son"}


def test_an_english_village_a_commune_possesses():
    text = (
        "Tuong Duong district's Tam Hop commune's Na Son village and Huoi Lot village of Laos signed a twinning "
        "agreement."
    )
    assert _twinnings(text) == {"border-cluster-place-la-huoi-lot--pre2025-16936-na-son"}


def test_the_draft_names_an_english_village_as_the_curated_sources_do():
    text = (
        "On May 5, Na Son village, Tam Hop commune, Tuong Duong district (Vietnam) and Huoi Lot village, "
        "Nong Het district (Laos) signed a twinning agreement."
    )
    ds = Dataset()
    ds.parse(data=extract_text(text, lang="en", published=_PUBLISHED).draft_trig(), format="trig")
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    village = URIRef("https://w3id.org/ketnghia/id/unit/pre2025/16936-na-son")
    assert (village, SKOS.prefLabel, Literal("Na Son", lang="vi")) in graph
    assert (village, KN.partOf, URIRef("https://w3id.org/ketnghia/id/unit/pre2025/16936")) in graph
    todos = [str(t) for t in graph.objects(None, KNE.todo)]
    assert not [t for t in todos if t.startswith("Shapes:") and "na-son" in t]


def test_an_english_village_needs_its_commune_after_it():
    # no commune written after the village: no Vietnamese village, and no party in its place
    assert _twinnings("Na Son village and Huoi Lot village of Laos signed a twinning agreement.") == set()


def _foreign(text) -> dict[str, str]:
    return {m.surface: m.unit.country for m in extract_text(text, lang="en", published=_PUBLISHED).foreign}


def test_a_country_ending_in_s_as_possessor_and_a_capitalised_type_word():
    text = "Tam Hop commune of Tuong Duong district was twinned with Pa Kho Village of Laos' Salavan Province."
    assert _foreign(text) == {"Pa Kho": "LA", "Salavan": "LA"}
    assert _twinnings(text) == {"sister-city-place-la-pa-kho--pre2025-16936"}
    text = (
        "Na Son village of Tam Hop commune, Tuong Duong district and Pa Kho Village of Laos' Salavan Province "
        "signed a twinning agreement."
    )
    assert _twinnings(text) == {"border-cluster-place-la-pa-kho--pre2025-16936-na-son"}


def test_a_ward_area_khu_is_a_village_word_in_border_clusters():
    text = "Ngày 5/6/2023, khu Hòa Bình (phường Trà Cổ) kết nghĩa với thôn Nà Pha (Trung Quốc)."
    result = extract_text(text)
    assert {t.key for t in result.twinnings} == {"border-cluster-place-cn-na-pha--pre2025-06721-khu-hoa-binh"}
    # "Hòa Bình" is the area's name, not the province
    assert [m.unit.full_name for m in result.units if m.surface == "Hòa Bình"] == ["Khu Hòa Bình"]


def test_khu_used_generically_names_no_village():
    text = (
        "Các xã trong khu vực biên giới, Khu Kinh tế Móng Cái và Bộ Tư lệnh Quân khu 3 thăm khu Tự trị Quảng Tây "
        "và xã Hải Sơn."
    )
    assert not [m for m in extract_text(text).units if m.kind == "below"]


def test_a_village_twinned_with_a_place_of_a_neighbouring_country_is_a_border_cluster():
    text = "Thôn Na Son (xã Tam Hợp, huyện Tương Dương) kết nghĩa với bản Huội Lót (Lào) năm 2023."
    assert {t.key for t in extract_text(text).twinnings} == {
        "border-cluster-place-la-huoi-lot--pre2025-16936-thon-na-son"
    }
    # a commune and a town abroad, the border unsaid: the kind is not assumed
    text = "Xã Tam Hợp (huyện Tương Dương) kết nghĩa với trấn Đông Hưng (Trung Quốc) năm 2023."
    assert {t.key for t in extract_text(text).twinnings} == {"sister-city-place-cn-dong-hung--pre2025-16936"}


def test_ban_before_a_lao_village_in_english_is_a_village_abroad_not_a_board():
    text = (
        "Na Son village, Tam Hop commune, Tuong Duong district was twinned with Ban Huoi Lot, Nong Het district, "
        "Xieng Khouang province, Laos."
    )
    result = extract_text(text, lang="en", published=_PUBLISHED)
    assert {t.key for t in result.twinnings} == {"border-cluster-place-la-huoi-lot--pre2025-16936-na-son"}
    assert not [o for o in result.orgs if "Huoi Lot" in text[o.start : o.end]]
    # a Vietnamese board ("Ban") with no Lao or Thai parent after it stays a board
    assert not _foreign("The Ban Quan ly of Tam Hop commune met a delegation from Laos.")


def test_a_french_village_before_its_commune():
    text = (
        "Le village de Na Son (commune de Tam Hop, district de Tuong Duong) et le village laotien de Huoi Lot "
        "ont signé un accord de jumelage."
    )
    result = extract_text(text, lang="fr", published=_PUBLISHED)
    assert {t.key for t in result.twinnings} == {"border-cluster-place-la-huoi-lot--pre2025-16936-na-son"}
