"""SHACL validation of Kết nghĩa data: shapes, engines, normalised results.

    from kg.validation import validate
    outcome = validate(graph)            # graph: rdflib Graph or Dataset
    outcome.conforms, outcome.issues     # sorted ValidationIssue(focus, path, value, ...)
    outcome.report_turtle()              # the standard sh:ValidationReport
    validate_dataset(path_nq, store)     # a whole N-Quads dataset also held in an Oxigraph store

The data is validated together with the ontology and vocabularies (merged into a copy of the
data, so sh:class and sh:targetClass see rdfs:subClassOf). Results are normalised so that both
engines can be compared with `==`: blank-node paths rendered as SPARQL path text, duplicates
removed, order deterministic, messages split into Vietnamese and English.

Engines: "pyshacl" (reference), "shacl" (Rust, PyPI) and "auto" (Rust, falling back to pyshacl
with a note in `outcome.notes`). DEFAULT_ENGINE is "auto" because tests/validation/test_validation_engines.py
shows the Rust engine gives the same normalised results as pyshacl on every example in
tests/shapes/ (SHACL-SPARQL included), on all of them merged, and on the real national
gazetteer (221k triples, marked slow), at 1/10 to 1/20 of the time: 12 s against about 128 s on
the gazetteer (timings in that test's docstring). If it ever fails, set DEFAULT_ENGINE to "pyshacl".
"""

from __future__ import annotations

from rdflib import Graph

from kg.validation.engines import (
    ENGINES,
    DatasetValidation,
    EngineError,
    data_with_ontology,
    validate_dataset,
    validate_graph,
)
from kg.validation.report import ValidationIssue, ValidationOutcome
from kg.validation.resources import load_ontology, load_shapes

DEFAULT_ENGINE = "auto"

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "DatasetValidation",
    "EngineError",
    "ValidationIssue",
    "ValidationOutcome",
    "data_with_ontology",
    "load_ontology",
    "load_shapes",
    "validate",
    "validate_dataset",
]


def validate(
    data: Graph, *, engine: str = DEFAULT_ENGINE, ont_graph: Graph | None = None, shapes: Graph | None = None
) -> ValidationOutcome:
    """Validate `data` against the project's shapes (or `shapes`), with the ontology.

    `ont_graph` replaces the project's ontology + vocabularies (ontology/*.ttl) if given.
    Raises ValueError for an unknown engine, EngineError if engine="shacl" cannot run.
    """
    return validate_graph(data, engine=engine, ont_graph=ont_graph, shapes=shapes)
