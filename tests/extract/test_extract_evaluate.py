"""The evaluation's matching rules, on small graphs written for the tests, and the bench script's
behaviour without seeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kg.extract.evaluate import evaluate, load_graph

ROOT = Path(__file__).resolve().parents[2]
PREFIXES = """
@prefix kn: <https://w3id.org/ketnghia/ontology#> . @prefix knv: <https://w3id.org/ketnghia/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix u: <https://w3id.org/ketnghia/id/unit/pre2025/> . @prefix o: <https://w3id.org/ketnghia/id/org/> .
@prefix id: <https://w3id.org/ketnghia/id/> . @prefix g: <https://w3id.org/ketnghia/graph/source/> .
"""

GOLD = (
    PREFIXES
    + """
g:x {
  o:party-committee-pre2025-427 a kn:PartyCommittee ; skos:prefLabel "Huyện ủy Đô Lương"@vi ; kn:ofUnit u:427 .
  o:thuong-truc-huyen-uy-do-luong-2024 a kn:Organization ; skos:prefLabel "Thường trực Huyện ủy Đô Lương"@vi .
  id:twinning-a a kn:Twinning ; kn:party u:427 , u:497 ; kn:twinningKind knv:sister-localities ;
      kn:status knv:active ; kn:establishedOn "2023-03-15"^^xsd:date ; kn:establishedRelative id:rt .
  id:rt a kn:RelativeTime ; kn:expression "Qua hơn 5 năm kết nghĩa"@vi ; kn:offset "P5Y"^^xsd:duration .
  id:amount1 a kn:MonetaryAmount ; kn:value 500000000 ; kn:currency "VND" ; kn:amountQualifier knv:exact .
  id:amount2 a kn:MonetaryAmount ; kn:value 500000000 ; kn:currency "VND" ; kn:amountQualifier knv:exact .
  id:person a kn:Person ; skos:prefLabel "Trần Văn Minh"@vi .
  id:post a kn:Post ; kn:holder id:person ; kn:role knv:secretary ; kn:inOrganization o:party-committee-pre2025-427 .
  id:policy a kn:PolicyDocument ; kn:issuedBy o:thuong-truc-huyen-uy-do-luong-2024 ; kn:documentNumber "07-CT/HU" .
}
"""
)

DRAFT = (
    PREFIXES
    + """
g:y {
  o:party-committee-pre2025-427 a kn:PartyCommittee ; skos:prefLabel "Huyện ủy Đô Lương"@vi .
  o:thuong-truc-huyen-uy-do-luong a kn:Organization ; skos:prefLabel "Thường trực Huyện ủy Đô Lương"@vi .
  id:twinning-b a kn:Twinning ; kn:sponsor u:497 ; kn:sponsored u:427 ; kn:twinningKind knv:sponsorship ;
      kn:status knv:planned ; kn:establishedOn "2023-03-15"^^xsd:date ; kn:establishedRelative id:rt2 .
  id:rt2 a kn:RelativeTime ; kn:expression "hơn 5 năm"@vi ; kn:offset "P5Y"^^xsd:duration .
  id:twinning-c a kn:Twinning ; kn:party u:427 , u:40 .
  id:amount a kn:MonetaryAmount ; kn:value 500000000.0 ; kn:currency "VND" ; kn:amountQualifier knv:exact .
  id:amount3 a kn:MonetaryAmount ; kn:value 500000000 ; kn:currency "VND" ; kn:amountQualifier knv:approximate .
  id:person2 a kn:Person ; skos:prefLabel "Tran Van Minh"@vi .
  id:post2 a kn:Post ; kn:holder id:person2 ; kn:role knv:secretary ; kn:inOrganization o:party-committee-pre2025-427 .
  id:policy2 a kn:PolicyDocument ; kn:issuedBy o:thuong-truc-huyen-uy-do-luong ; kn:documentNumber "07-CT/HU" .
  [] kn:place u:40 , u:12345 .
}
"""
)


def _scores():
    return evaluate(load_graph(DRAFT, is_text=True), load_graph(GOLD, is_text=True))


def test_twinning_pairs_match_on_parties_whatever_kind_and_status():
    evaluation = _scores()
    pairs = evaluation.scores["twinning pairs"]
    assert (pairs.correct, pairs.predicted, pairs.found, pairs.gold) == (1, 2, 1, 1)
    assert evaluation.kind_agreement == (0, 1) and evaluation.status_agreement == (0, 1)


def test_dates_match_on_value_and_datatype_and_relative_times_on_offset_and_words():
    dates = _scores().scores["dates"]
    assert (dates.correct, dates.predicted, dates.found, dates.gold) == (2, 2, 2, 2)


def test_amounts_match_on_value_currency_and_qualifier_as_a_multiset():
    amounts = _scores().scores["amounts"]
    # one exact 500 million found of two; the approximate one matches nothing
    assert (amounts.correct, amounts.predicted, amounts.found, amounts.gold) == (1, 2, 1, 2)


def test_people_match_without_diacritics_and_organizations_by_label():
    scores = _scores().scores
    assert (scores["people with posts"].correct, scores["people with posts"].found) == (1, 1)
    assert (scores["organizations"].correct, scores["organizations"].gold) == (2, 2)
    assert scores["policies"].correct == 1  # issuer matched through its label


def test_units_count_parents_of_curated_units_as_right():
    units = _scores().scores["units"]
    # 427, 497 curated; 40 (Nghệ An) is 427's province: right; 12345 is not related: wrong
    assert (units.correct, units.predicted, units.found, units.gold) == (3, 4, 2, 2)


def test_bench_without_seeds_says_so_and_exits_0(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "extraction_eval.py"),
            "--seeds",
            str(tmp_path),
            "--corpus",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and "no seed articles" in proc.stdout


def test_other_candidates_of_a_mention_are_not_proposed_units():
    from rdflib import BNode, Graph, URIRef

    from kg.extract import evaluate

    unit = "https://w3id.org/ketnghia/id/unit/pre2025/20989"
    other = "https://w3id.org/ketnghia/id/unit/pre2025/00655"
    graph, mention = Graph(), BNode()
    graph.add((mention, URIRef("https://w3id.org/ketnghia/extraction#refersTo"), URIRef(unit)))
    graph.add((mention, URIRef("https://w3id.org/ketnghia/extraction#candidate"), URIRef(other)))
    assert evaluate.units(graph) == [unit]


MISSES_GOLD = (
    PREFIXES
    + """
g:x {
  id:twinning-named a kn:Twinning ; kn:party u:427 , u:497 .
  id:twinning-village a kn:Twinning ; kn:party u:427 , <https://w3id.org/ketnghia/id/unit/pre2025/16936-na-son> .
  id:twinning-1960 a kn:Twinning ; kn:party <https://w3id.org/ketnghia/id/unit/hist/tinh-quang-nam> , u:38 .
  id:twinning-org a kn:Twinning ; kn:sponsor o:bank-x ; kn:sponsored u:12345 .
  id:twinning-three a kn:Twinning ; kn:party u:1 , u:2 , u:3 .
  id:twinning-other a kn:Twinning ; kn:party u:7 , u:8 .
  u:9 skos:prefLabel "named, never related"@vi . u:10 skos:prefLabel "named too"@vi .
}
"""
)
MISSES_DRAFT = (
    PREFIXES
    + """
g:y {
  [] kn:place u:427 , u:497 , u:38 , u:12345 .
  id:two-of-three a kn:Twinning ; kn:party u:1 , u:2 .
  id:one-shared a kn:Twinning ; kn:party u:7 , u:4 .
  id:not-related a kn:Twinning ; kn:party u:9 , u:3 .
  id:named-apart a kn:Twinning ; kn:party u:9 , u:10 .
  id:unknown a kn:Twinning ; kn:party u:5 , u:6 .
}
"""
)


def test_missed_and_wrong_relations_are_counted_by_class():
    classes = evaluate(load_graph(MISSES_DRAFT, is_text=True), load_graph(MISSES_GOLD, is_text=True)).relation_misses
    # gold: both parties of twinning-named and all three of twinning-three are in the draft
    assert classes == {
        "missed: every party is in the draft, the relation is not": 2,
        "missed: the draft never names a village or a place abroad among its parties": 1,
        "missed: the draft never names a unit of the historical gazetteer among its parties": 1,
        "missed: the draft never names an organization among its parties": 1,
        "missed: the draft never names a unit of the national gazetteer among its parties": 1,
        "wrong: a curated relation with parties missing or extra": 1,
        "wrong: shares a party with a curated relation, not the others": 2,
        "wrong: parties the curators name, but do not relate": 1,
        "wrong: a party the curators never name": 1,
    }
