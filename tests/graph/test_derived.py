"""kg:derived: the current status of each relation and the plans another relation carried out."""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph import derived
from kg.query import catalog

ID = "https://w3id.org/ketnghia/id/"
KN = "https://w3id.org/ketnghia/ontology#"

# Invented units and relations, one source graph each: X planned and Y signed between A and B
# (the signing recorded under another IRI); Z planned between A, B and C; W and V both planned.
CLAIMS = f"""
@prefix kn: <{KN}> . @prefix knv: <https://w3id.org/ketnghia/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{ID}graph/s1> {{
  <{ID}twinning/x> a kn:Twinning ; kn:party <{ID}unit/a> , <{ID}unit/b> ; kn:status knv:planned ;
      skos:prefLabel "X"@vi ; dct:source <{ID}source/s1> .
  <{ID}twinning/z> a kn:Twinning ; kn:party <{ID}unit/a> , <{ID}unit/b> , <{ID}unit/c> ;
      kn:status knv:planned ; skos:prefLabel "Z"@vi ; dct:source <{ID}source/s1> .
  <{ID}twinning/w> a kn:Twinning ; kn:party <{ID}unit/a> , <{ID}unit/d> ; kn:status knv:planned ;
      skos:prefLabel "W"@vi ; dct:source <{ID}source/s1> .
  <{ID}source/s1> dct:issued "2025-07-30"^^xsd:date .
}}
<{ID}graph/s2> {{
  <{ID}twinning/y> a kn:Twinning ; kn:sponsor <{ID}unit/a> ; kn:sponsored <{ID}unit/b> ;
      kn:status knv:active ; skos:prefLabel "Y"@vi ; dct:source <{ID}source/s2> .
  <{ID}twinning/v> a kn:Twinning ; kn:party <{ID}unit/a> , <{ID}unit/d> ; kn:status knv:planned ;
      skos:prefLabel "V"@vi ; dct:source <{ID}source/s2> .
  <{ID}source/s2> dct:issued "2025-08-15"^^xsd:date .
}}
<{ID}graph/units> {{
  <{ID}unit/a> skos:prefLabel "A"@vi . <{ID}unit/b> skos:prefLabel "B"@vi .
  <{ID}unit/c> skos:prefLabel "C"@vi . <{ID}unit/d> skos:prefLabel "D"@vi .
}}
"""


def _store() -> ox.Store:
    store = ox.Store()
    store.load(input=CLAIMS, format=ox.RdfFormat.TRIG)
    derived.refresh(store)
    return store


def _superseded(store: ox.Store) -> set[tuple[str, str]]:
    quads = store.quads_for_pattern(None, ox.NamedNode(KN + "supersededBy"), None, ox.NamedNode(derived.DERIVED_GRAPH))
    return {(q.subject.value.rsplit("/", 1)[1], q.object.value.rsplit("/", 1)[1]) for q in quads}


def test_a_plan_is_superseded_only_by_a_relation_not_planned_with_all_its_parties():
    # Y (signed, A sponsors B) carries out X; Z also needs C; W and V are both still plans
    assert _superseded(_store()) == {("x", "y")}


def test_planned_twinnings_leaves_out_the_plans_carried_out():
    rows = _store().query(catalog.get_query("planned-twinnings").bound_text({}), use_default_graph_as_union=True)
    assert sorted({row["label"].value for row in rows}) == ["V", "W", "Z"]


def _status_of_y(status: str) -> ox.Quad:
    return ox.Quad(
        ox.NamedNode(ID + "twinning/y"),
        ox.NamedNode(KN + "status"),
        ox.NamedNode("https://w3id.org/ketnghia/vocab/" + status),
        ox.NamedNode(ID + "graph/s2"),
    )


def test_a_refresh_replaces_what_an_earlier_one_derived():
    store = _store()
    store.remove(_status_of_y("active"))
    store.add(_status_of_y("planned"))
    derived.refresh(store)
    assert _superseded(store) == set()
