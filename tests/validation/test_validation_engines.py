"""The Rust engine (`shacl`) must give the same normalised results as pyshacl, the reference.

This is what allows kg.validation.DEFAULT_ENGINE to be "auto" (Rust, pyshacl as fallback): if
any of these fail, the default must go back to "pyshacl".

Measured on the shared 2-core machine (load average 4-8 from other work, so +-50 %), Nov. 2026:
- the 60 example files, one validate() each: pyshacl 4.3-11.6 s, shacl 0.24-1.0 s;
- the curated graph of the five articles as the build gate assembles it (3,271 triples with the
  ontology): pyshacl 5.9 s, shacl 0.28 s, both conform;
- the national gazetteer of both eras (14,149 units from vietnamadminunits) plus renamed copies of
  every example, 121,314 triples: pyshacl 124 s, shacl 7.9 s (about 5 s of it is rdflib writing
  the N-Triples the Rust engine reads), 690 identical results;
- the real gazetteer as kg.graph.gazetteer writes it (221,292 quads; the slow test below): pyshacl about
  128 s, shacl 12 s, the same 3 results (a dataset without a @vi title, two areas of 0 km²).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal

from kg.iris import KN
from kg.validation import DEFAULT_ENGINE, engines, validate
from kg.validation.parsing import parse_rdf_file

EXAMPLES = sorted(p for p in (Path(__file__).parents[1] / "shapes").glob("*/*") if p.suffix in (".ttl", ".trig"))


def results(outcome):
    """Everything a caller sees of a result, messages included."""
    return [
        (i.focus, i.path, i.value, i.severity, i.shape, i.node_shape, i.component, i.message_vi, i.message_en)
        for i in outcome.issues
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rust_engine_matches_pyshacl(path):
    graph = parse_rdf_file(path)
    reference = validate(graph, engine="pyshacl")
    fast = validate(graph, engine="shacl")
    assert fast.engine == "shacl" and not fast.notes
    assert fast.conforms == reference.conforms
    assert results(fast) == results(reference)


@pytest.mark.parametrize("class_checks_on_oxigraph", [False, True], ids=["default", "class-checks-on-oxigraph"])
def test_engines_agree_on_all_examples_merged(class_checks_on_oxigraph, monkeypatch):
    """One graph of every example: results that only appear when examples interact. The small
    examples leave the sh:class checks to the Rust engine; forced, they run as the SPARQL
    anti-joins of kg.validation.class_checks, as on a large graph and in `kg build`."""
    if class_checks_on_oxigraph:
        monkeypatch.setattr(engines, "CLASS_CHECKS_MIN_BYTES", 0)
    merged = Graph()
    for path in EXAMPLES:
        for triple in (
            parse_rdf_file(path).quads((None, None, None, None)) if path.suffix == ".trig" else parse_rdf_file(path)
        ):
            merged.add(triple[:3])
    reference = validate(merged, engine="pyshacl")
    fast = validate(merged, engine="shacl")
    assert len(reference.issues) > 40
    assert results(fast) == results(reference)


def test_blank_nodes_come_back_as_the_callers_blank_nodes():
    """The Rust engine renames blank nodes; results must still name the caller's nodes."""
    graph = parse_rdf_file(Path(__file__).parents[1] / "shapes" / "valid" / "people-possibly-same.ttl")
    amount = next(o for o in graph.objects(None, KN.amount) if isinstance(o, BNode))
    graph.remove((amount, KN.value, None))
    graph.add((amount, KN.value, Literal(-1)))
    fast = validate(graph, engine="shacl")
    assert {i.focus for i in fast.issues} == {amount}
    assert results(fast) == results(validate(graph, engine="pyshacl"))


def test_auto_uses_the_rust_engine_and_default_is_justified():
    graph = parse_rdf_file(EXAMPLES[0])
    outcome = validate(graph, engine="auto")
    assert outcome.engine == "shacl" and not outcome.notes
    assert DEFAULT_ENGINE in ("auto", "shacl")


def test_auto_falls_back_to_pyshacl_with_a_note(monkeypatch):
    from kg.validation import engines

    def broken(*_args, **_kwargs):
        raise engines.EngineError("the Rust SHACL engine failed: simulated")

    monkeypatch.setattr(engines, "run_shacl", broken)
    path = next(p for p in EXAMPLES if p.name == "twinning-self.ttl")
    outcome = validate(parse_rdf_file(path), engine="auto")
    assert outcome.engine == "pyshacl"
    assert outcome.notes and "simulated" in outcome.notes[0]
    assert not outcome.conforms
    with pytest.raises(engines.EngineError):
        validate(parse_rdf_file(path), engine="shacl")


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError):
        validate(Graph(), engine="jena")


@pytest.mark.slow
def test_engines_agree_on_the_national_gazetteer(tmp_path):
    """The real gazetteer of both eras (about 220,000 triples): pyshacl needs minutes here."""
    from kg.graph.gazetteer_nquads import write_gazetteer

    path = tmp_path / "gazetteer.nq"
    write_gazetteer(path)
    graph = parse_rdf_file(path)
    fast = validate(graph, engine="shacl")
    reference = validate(graph, engine="pyshacl")
    assert results(fast) == results(reference)
