"""The draft as RDF: named graph, source description, evidence that quotes the article, declared
terms, the extraction vocabulary's labels, and the project's shapes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.extract import extract_file
from kg.extract.draft import KNE
from kg.iris import KN, KNV

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parents[1] / "data" / "extract"
FACT_CLASSES = {
    KN.Twinning,
    KN.Post,
    KN.Person,
    KN.Event,
    KN.Support,
    KN.PolicyDocument,
    KN.ReportedStatistic,
    KN.PartyCommittee,
    KN.PeoplesCommittee,
    KN.PeoplesCouncil,
    KN.StandingBoard,
    KN.PartyOffice,
    KN.Agreement,
}


@pytest.fixture(scope="module")
def signed():
    result = extract_file(DATA / "vi_signed.txt", published=dt.date(2023, 3, 16), url="https://example.org/a")
    ds = Dataset()
    ds.parse(data=result.draft_trig(), format="trig")
    return result, ds


def _only_graph(ds: Dataset) -> Graph:
    graphs = [g for g in ds.graphs() if len(g)]
    assert len(graphs) == 1
    return graphs[0]


def test_one_named_graph_per_source_with_the_article_description(signed):
    result, ds = signed
    graph = _only_graph(ds)
    sid = result.sha256[:16]
    assert str(graph.identifier) == f"https://w3id.org/ketnghia/graph/source/{sid}"
    src = URIRef(f"https://w3id.org/ketnghia/id/source/{sid}")
    assert (src, RDF.type, KN.SourceArticle) in graph
    assert graph.value(src, KN.sha256) == Literal(result.sha256)
    assert graph.value(src, KN.sourceFile) == Literal("vi_signed.txt")
    assert str(graph.value(src, DCTERMS.language)) == "vi"
    assert graph.value(src, DCTERMS.issued) == Literal("2023-03-16", datatype=XSD.date)
    assert str(graph.value(src, URIRef("https://schema.org/url"))) == "https://example.org/a"


def test_every_fact_has_its_source_evidence_and_confidence(signed):
    result, ds = signed
    graph = _only_graph(ds)
    facts = {s for cls in FACT_CLASSES for s in graph.subjects(RDF.type, cls)}
    assert facts
    for fact in facts:
        assert graph.value(fact, DCTERMS.source) is not None, fact
        evidence = list(graph.objects(fact, KNE.evidence))
        assert evidence, fact
        for node in evidence:
            start, end = int(graph.value(node, KNE.start)), int(graph.value(node, KNE.end))
            assert str(graph.value(node, KNE.quote)) == result.article.text[start:end]
    for value in graph.objects(None, KNE.confidence):
        assert 0 <= float(value) <= 1


def test_the_expected_facts_are_in_the_draft(signed):
    _, ds = signed
    graph = _only_graph(ds)
    twinning = URIRef("https://w3id.org/ketnghia/id/twinning/sister-localities-pre2025-427--pre2025-497")
    assert graph.value(twinning, KN.status) == KNV.active
    assert graph.value(twinning, KN.establishedOn) == Literal("2023-03-15", datatype=XSD.date)
    amounts = {
        (float(graph.value(a, KN.value)), graph.value(a, KN.amountQualifier))
        for a in graph.subjects(RDF.type, KN.MonetaryAmount)
    }
    assert amounts == {(5e8, KNV.exact), (1.2e9, KNV.approximate)}
    purposes = set(graph.objects(None, KN.purpose))
    assert {KNV.housing, KNV["disaster-relief"]} <= purposes


def _declared_terms() -> set:
    ontology = Graph()
    for path in [ROOT / "ontology" / "ketnghia.ttl", *sorted((ROOT / "ontology" / "vocab").glob("*.ttl"))]:
        ontology.parse(path)
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme}
    return {s for kind in kinds for s in ontology.subjects(RDF.type, kind)}, ontology


@pytest.mark.parametrize("name", ["vi_signed.txt", "fr_ceremony.txt", "en_cooperation.txt", "vi_planned_2025.txt"])
def test_every_project_term_the_draft_uses_is_declared(name):
    declared, _ = _declared_terms()
    ds = Dataset()
    ds.parse(data=extract_file(DATA / name).draft_trig(validate=False), format="trig")
    used = set()
    for _s, p, o, _g in ds.quads((None, None, None, None)):
        used.add(p)
        if p == RDF.type or str(o).startswith(str(KNV)):
            used.add(o)
    ours = {t for t in used if str(t).startswith((str(KN), str(KNV), str(KNE)))}
    assert ours - declared == set()


def test_extraction_vocabulary_has_vietnamese_and_english_labels_and_definitions():
    _, ontology = _declared_terms()
    terms = {s for s in ontology.subjects() if str(s).startswith(str(KNE))}
    assert {KNE.evidence, KNE.start, KNE.end, KNE.quote, KNE.confidence, KNE.todo, KNE.Evidence} <= terms
    for term in terms:
        for prop in (RDFS.label, SKOS.definition):
            languages = {o.language for o in ontology.objects(term, prop)}
            assert {"vi", "en"} <= languages, (term, prop)


def test_a_complete_article_gives_a_draft_that_passes_the_shapes(signed):
    result, ds = signed
    graph = _only_graph(ds)
    todos = [str(t) for t in graph.objects(None, KNE.todo)]
    assert not [t for t in todos if t.startswith("Shapes:")]


def test_shape_problems_become_todos():
    # The giver of this support is not named: the shapes require one, the draft says so.
    result = extract_file(DATA / "vi_no_twinning.txt")
    ds = Dataset()
    ds.parse(data=result.draft_trig(), format="trig")
    todos = [str(t) for t in _only_graph(ds).objects(None, KNE.todo)]
    assert any(t.startswith("Shapes:") and "kn:subject" in t for t in todos)
    assert any("No twinning statement" in t for t in todos)


def test_source_id_can_be_named():
    result = extract_file(DATA / "vi_signed.txt")
    result.source_id_override = "0123456789abcdef"
    trig = result.draft_trig(validate=False)
    assert "sg:0123456789abcdef" in trig and "per:tran-van-minh-0123456789abcdef" in trig
