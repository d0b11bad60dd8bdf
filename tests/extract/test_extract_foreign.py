"""Parties outside Vietnam: foreign localities in twinning clauses (invented sentences)."""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.extract import extract_text
from kg.extract.draft import KNE
from kg.iris import KN


def _found(text, **kw):
    result = extract_text(text, **kw)
    return result, {t.key: t for t in result.twinnings}


def _linked(result) -> set[str]:
    return {m.surface for m in result.units if m.unit is not None}


def test_communes_listed_before_their_district_and_a_chinese_town_are_one_cluster():
    result, found = _found(
        "Các xã biên giới kết nghĩa hữu nghị với các hương, trấn phía Trung Quốc, gồm: La Êê, La Dê "
        "(Nam Giang) với trấn Phú Ninh (Kim Bình); Tà Bhing (Nam Giang) với hương Hòa Vang (Kim Bình)."
    )
    assert set(found) == {
        "border-cluster-place-cn-phu-ninh--pre2025-20698--pre2025-20704",
        "border-cluster-place-cn-hoa-vang--pre2025-20710",
    }
    # The Chinese towns are not the Vietnamese district Phú Ninh or Hòa Vang of the same name.
    assert not {"Phú Ninh", "Hòa Vang", "Kim Bình"} & _linked(result)


def test_dashed_district_pairs_with_a_chinese_province_in_brackets():
    result, found = _found(
        "Hai huyện biên giới kết nghĩa với hai huyện của bạn, gồm: Nam Giang (Quảng Nam) - Hòa Vang "
        "(Vân Nam), Tây Giang (Quảng Nam) - Mã Lâm (Quảng Tây)."
    )
    assert set(found) == {
        "border-cluster-place-cn-hoa-vang--pre2025-510",
        "border-cluster-place-cn-ma-lam--pre2025-504",
    }
    assert "Hòa Vang" not in _linked(result)


def test_english_sister_city_with_its_country_in_brackets():
    _, found = _found("In 2015, Da Nang signed a sister city agreement with Daegu (South Korea).")
    assert list(found) == ["sister-city-place-kr-daegu--pre2025-48"]


def test_french_nationality_word_and_friendship_without_a_twinning_word():
    _, found = _found(
        "Les communes de La Ee et La De du district de Nam Giang ont établi des relations d'amitié avec "
        "le bourg chinois de Dong Xing."
    )
    assert list(found) == ["sister-city-place-cn-dong-xing--pre2025-20698--pre2025-20704"]


def test_country_of_the_sentence_and_vietnamese_units_stay_vietnamese():
    result, found = _found(
        "Thực hiện chủ trương của hai nước Việt Nam và Lào, xã La Êê (Nam Giang) kết nghĩa với bản Pa Xoóng Lư."
    )
    assert list(found) == ["sister-city-place-la-pa-xoong-lu--pre2025-20698"]
    result, found = _found("Huyện Hòa Vang (Đà Nẵng) kết nghĩa hữu nghị với trấn Đông Hưng (Trung Quốc).")
    assert list(found) == ["sister-city-place-cn-dong-hung--pre2025-497"]
    assert "Hòa Vang" in _linked(result)


def test_the_draft_describes_the_foreign_party_and_passes_the_shapes():
    result = extract_text("Huyện Hòa Vang (Đà Nẵng) kết nghĩa hữu nghị với trấn Đông Hưng (Trung Quốc).")
    ds = Dataset()
    ds.parse(data=result.draft_trig(), format="trig")
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    place = URIRef("https://w3id.org/ketnghia/id/place/cn-dong-hung")
    assert (place, RDF.type, KN.ForeignLocality) in graph
    assert (place, KN.country, Literal("CN")) in graph
    assert (place, SKOS.prefLabel, Literal("Đông Hưng", lang="vi")) in graph
    assert (place, KNE.evidence, None) in graph and (None, KN.party, place) in graph
    todos = [str(t) for t in graph.objects(None, KNE.todo)]
    assert not [t for t in todos if t.startswith("Shapes:")]


def test_a_tabled_city_written_bare_with_cooperation():
    _, found = _found("For ten years, Da Nang has built cultural cooperation with Gyeongju.")
    assert list(found) == ["sister-city-place-kr-gyeongju--pre2025-48"]
    # A Vietnamese spelling names the city of its English one; the clause says cooperation.
    _, found = _found("Năm 2015, thành phố Đà Nẵng và Băng Cốc ký kết hợp tác.")
    assert list(found) == ["cooperation-programme-place-th-bangkok--pre2025-48"]


def test_a_tabled_city_needs_a_sentence_relating_places_and_no_unit_of_its_spelling():
    result, found = _found("Đà Nẵng có nhiều du khách từ Gyeongju và Lyon.")
    assert found == {} and not result.foreign
    # "Bằng Cốc" is a Vietnamese commune, not Bangkok ("Băng Cốc").
    result, _ = _found("Xã Bằng Cốc kết nghĩa với xã Yên Lâm.")
    assert not result.foreign


def test_more_countries_nationalities_and_french_names_with_hyphens():
    _, found = _found(
        "En 2012, la province de Hai Duong a signé un accord de jumelage avec la ville française de Saint-Malo."
    )
    assert list(found) == ["sister-city-place-fr-saint-malo--pre2025-30"]
    _, found = _found("Thành phố Đà Nẵng kết nghĩa với thành phố Perth (Úc) năm 2000.")
    assert list(found) == ["sister-city-place-au-perth--pre2025-48"]
    # A French département, even without its country; "de l'", "du" before the name.
    _, found = _found("La province de Quang Nam et le département du Val-de-Marne ont signé un accord de coopération.")
    assert list(found) == ["cooperation-programme-place-fr-val-de-marne--pre2025-49"]
    _, found = _found("La coopération décentralisée entre la province de Quang Nam et le département de l'Essonne.")
    assert list(found) == ["cooperation-programme-place-fr-essonne--pre2025-49"]


def test_the_wars_against_america_name_no_country_of_a_party():
    result, _ = _found("Trong kháng chiến chống Mỹ, huyện Tân Lập kết nghĩa với huyện Hòa Vang.")
    assert not result.foreign


def test_a_sister_city_of_a_foreign_town():
    _, found = _found("In 2009, Da Nang became a sister city of Kallstadt (Germany).")
    assert list(found) == ["sister-city-place-de-kallstadt--pre2025-48"]
    _, found = _found("Hai Duong is a sister province of Yamanashi Prefecture.")
    assert list(found) == ["sister-city-place-jp-yamanashi--pre2025-30"]
