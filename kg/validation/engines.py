"""Running the shapes with one of the two SHACL engines, and normalising what they report.

- "pyshacl": the reference implementation, pure Python, over rdflib graphs.
- "shacl": the Rust engine from PyPI (`shacl`), fed N-Triples; 50-150x faster.
- "auto": the Rust engine, falling back to pyshacl (with a note) if it is missing or fails.

Both engines see the same data graph: the caller's triples (all named graphs merged) plus the
ontology and vocabularies. The ontology is merged into the data rather than passed as pyshacl's
`ont_graph`, because with inference="none" pyshacl only follows rdfs:subClassOf triples that are
*in the data graph* for sh:class and sh:targetClass; the Rust engine does the same.
"""

from __future__ import annotations

import functools
import time

from rdflib import BNode, Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from kg.validation import resources
from kg.validation.report import (
    ShapesIndex, ValidationOutcome, build_report_graph, issues_from_report,
)

ENGINES = ("pyshacl", "shacl", "auto")

# Blank nodes are renamed by the Rust engine; they travel to it as IRIs in this namespace.
_SKOLEM = "urn:x-kg-validation:bnode:"


class EngineError(RuntimeError):
    """An engine could not run the shapes (missing, or a feature it does not support)."""


def data_with_ontology(data: Graph, ont_graph: Graph | None = None) -> Graph:
    """A new plain Graph: every triple of `data` (all its named graphs) plus the ontology.

    Always a plain in-memory rdflib Graph: pyshacl over an oxrdflib-backed graph reports false
    sh:in violations (see MEASUREMENTS.md).
    """
    merged = Graph()
    if isinstance(data, ConjunctiveGraph):
        for s, p, o, _graph in data.quads((None, None, None, None)):
            merged.add((s, p, o))
    else:
        merged += data
    merged += ont_graph if ont_graph is not None else resources.shared_ontology()
    return merged


# --------------------------------------------------------------------------- pyshacl

def run_pyshacl(data: Graph, shapes: Graph) -> Graph:
    """Validate with pyshacl; returns its sh:ValidationReport graph."""
    import pyshacl

    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False,
        allow_warnings=False, meta_shacl=False, advanced=False, js=False,
    )
    return report


# --------------------------------------------------------------------------- shacl (Rust)

@functools.lru_cache(maxsize=4)
def _compile_rust_shapes(shapes_ntriples: str):
    import shacl

    return shacl.Shapes.from_text(shapes_ntriples, format="ntriples")


def _rust_shapes(shapes: Graph):
    # Compiled once per distinct shapes graph: compiling is a real share of a small run.
    return _compile_rust_shapes(shapes.serialize(format="nt"))


def _skolemize(graph: Graph) -> Graph:
    """The graph with every blank node replaced by an IRI the report can be mapped back from."""
    def iri(term: Node) -> Node:
        return URIRef(_SKOLEM + str(term)) if isinstance(term, BNode) else term

    if not any(isinstance(s, BNode) or isinstance(o, BNode) for s, _p, o in graph):
        return graph
    out = Graph()
    for s, p, o in graph:
        out.add((iri(s), p, iri(o)))
    return out


def restore_blank_nodes(term: Node) -> Node:
    if isinstance(term, URIRef) and str(term).startswith(_SKOLEM):
        return BNode(str(term)[len(_SKOLEM):])
    return term


def run_shacl(data: Graph, shapes: Graph) -> Graph:
    """Validate with the Rust engine; returns its sh:ValidationReport graph (parsed by rdflib)."""
    try:
        compiled = _rust_shapes(shapes)
        report = compiled.validate_text(_skolemize(data).serialize(format="nt"), format="ntriples")
        return Graph().parse(data=report.serialize(format="ntriples"), format="nt")
    except ImportError as exc:
        raise EngineError(f"the Rust SHACL engine is not installed ({exc})") from exc
    except (ValueError, RuntimeError) as exc:
        raise EngineError(f"the Rust SHACL engine failed: {exc}") from exc


# --------------------------------------------------------------------------- entry point

def validate_graph(data: Graph, *, engine: str, ont_graph: Graph | None = None,
                   shapes: Graph | None = None) -> ValidationOutcome:
    """Validate `data` (with the ontology) against the shapes; see kg.validation.validate."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    shapes = shapes if shapes is not None else resources.shared_shapes()
    merged = data_with_ontology(data, ont_graph)
    index = ShapesIndex(shapes)
    notes: list[str] = []

    started = time.perf_counter()
    used = "pyshacl" if engine == "pyshacl" else "shacl"
    if used == "shacl":
        try:
            report = run_shacl(merged, shapes)
        except EngineError as exc:
            if engine == "shacl":
                raise
            notes.append(f"{exc}; validated with pyshacl instead")
            used = "pyshacl"
    if used == "pyshacl":
        report = run_pyshacl(merged, shapes)
    seconds = time.perf_counter() - started

    restore = restore_blank_nodes if used == "shacl" else (lambda term: term)
    issues = issues_from_report(report, index, restore)
    conforms = not issues
    return ValidationOutcome(
        conforms=conforms,
        issues=issues,
        report_graph=build_report_graph(issues, conforms, index),
        engine=used,
        notes=notes,
        seconds=seconds,
    )
