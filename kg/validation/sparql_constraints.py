"""SHACL-SPARQL constraints evaluated set-at-a-time on Oxigraph, for the fast engine.

The Rust engine runs a SPARQL constraint once per focus node, with $this pre-bound: about
0.4 ms of overhead per focus node, and far more when the query has a property path it cannot
start from $this (kn:ValidityPeriodConstraint took 27 s on 30,000 synthetic triples, and the
build of the 1M-triple scale graph did not finish in 10 min). Here the same SELECT runs once for
all focus nodes -- $this becomes a free variable -- and its rows are kept for the focus nodes
of the shape's targets, listed by a second query. Both queries are planned as a whole by
Oxigraph: about a second each at 1M triples. (Joining the two in one query let Oxigraph fall
back to evaluating the constraint once per target node: 22 s for kn:DuplicateConstraint at 1M.)
This gives the same results as pre-binding wherever the constraint binds $this in a pattern,
which every constraint of the project does; tests/validation/test_validation_engines.py compares the
results with pyshacl on every example.

Only constraints this module can evaluate exactly are taken out of the shapes given to the Rust
engine: sh:select on a node shape with explicit targets (targetClass, targetNode,
targetSubjectsOf, targetObjectsOf), neither deactivated, whose SELECT binds $this in a triple
pattern. Anything else stays with the engine. A row without ?this is an error, not dropped.
The sh:class checks kg.validation.class_checks takes from the engine run here the same way.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import caret_lines, sparql_position
from kg.validation import class_checks
from kg.validation.class_checks import deactivated

_THIS = re.compile(r"\$this\b")
# $this as the subject of a triple pattern (`$this kn:p ?o` or `$this a kn:C`)
_BINDS_THIS = re.compile(r"\$this\s+(?:a\b|<|[A-Za-z][\w-]*:)")
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


@dataclass(frozen=True)
class SparqlConstraint:
    shape: URIRef
    constraint: Node | None  # the sh:sparql node; None for a core check (kg.validation.class_checks)
    severity: URIRef
    query: str  # the set-at-a-time SELECT: ?this ?path ?value per result
    targets_query: str  # SELECT DISTINCT ?this: the shape's focus nodes
    component: URIRef = SH.SPARQLConstraintComponent
    path: Node | None = None  # the property shape's path, for results without ?path
    path_triples: tuple = ()  # its triples when it is a blank node, copied into the report
    select_line: int = 1  # the line of `query` where the sh:select text starts (PREFIX lines come first)


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for prefixes in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(prefixes, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _term(term: Node) -> str:
    return term.n3()


def _target_pattern(shapes: Graph, shape: Node) -> str | None:
    branches = []
    for cls in shapes.objects(shape, SH.targetClass):
        branches.append(f"?this <{RDF.type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* {_term(cls)} .")
    for node in shapes.objects(shape, SH.targetNode):
        branches.append(f"VALUES ?this {{ {_term(node)} }}")
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        branches.append(f"?this {_term(prop)} [] .")
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        branches.append(f"[] {_term(prop)} ?this .")
    if not branches:
        return None
    return " UNION ".join("{ " + b + " }" for b in branches)


def split_shapes(shapes: Graph, class_checks: bool = True) -> tuple[Graph, list[SparqlConstraint]]:
    """The shapes without the SPARQL constraints evaluated here, and those constraints; with
    `class_checks`, the sh:class checks kg.validation.class_checks takes too."""
    taken: list[SparqlConstraint] = []
    removed: list[tuple[Node, Node, Node]] = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql), key=lambda pair: (str(pair[0]), str(pair[1]))):
        select = shapes.value(constraint, SH.select)
        if (
            not isinstance(shape, URIRef)
            or select is None
            or shapes.value(shape, SH.path) is not None
            or deactivated(shapes, shape)
            or deactivated(shapes, constraint)
            or (shape, RDF.type, SH.NodeShape) not in shapes
        ):
            continue
        targets = _target_pattern(shapes, shape)
        if targets is None:
            continue
        if not _BINDS_THIS.search(str(select)):
            continue
        prefixes = _prefixes(shapes, constraint)
        query = f"{prefixes}\n{_THIS.sub('?this', str(select))}"
        targets_query = f"{prefixes}\nSELECT DISTINCT ?this WHERE {{ {targets} }}"
        severity = shapes.value(shape, SH.severity) or SH.Violation
        taken.append(
            SparqlConstraint(shape, constraint, severity, query, targets_query, select_line=prefixes.count("\n") + 2)
        )
        removed.append((shape, SH.sparql, constraint))
    for check, triple in _class_checks(shapes) if class_checks else ():
        taken.append(check)
        removed.append(triple)
    if not removed:
        return shapes, []
    rest = Graph()
    for prefix, namespace in shapes.namespaces():
        rest.bind(prefix, namespace, override=False)
    rest += shapes
    for triple in removed:
        rest.remove(triple)
    return rest, taken


def _class_checks(shapes: Graph):
    """(check, the triple it replaces) for the sh:class checks kg.validation.class_checks takes."""
    for node_shape, property_shape, path, path_text in class_checks.candidates(shapes):
        targets = _target_pattern(shapes, node_shape)
        if targets is None:
            continue
        targets_query = f"SELECT DISTINCT ?this WHERE {{ {targets} }}"
        severity = shapes.value(property_shape, SH.severity) or SH.Violation
        path_triples = class_checks.path_triples(shapes, path)
        for predicate, component in ((SH["class"], SH.ClassConstraintComponent), (SH.node, SH.NodeConstraintComponent)):
            for value in sorted(shapes.objects(property_shape, predicate), key=str):
                classes = [value] if predicate == SH["class"] else class_checks.classes_only(shapes, value)
                if not classes or not all(isinstance(c, URIRef) for c in classes):
                    continue
                yield (
                    SparqlConstraint(
                        property_shape,
                        None,
                        severity,
                        class_checks.query(path_text, classes),
                        targets_query,
                        component,
                        path,
                        path_triples,
                    ),
                    (property_shape, predicate, value),
                )


def _rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _result(constraint: SparqlConstraint, job):
    """The job's rows; a constraint whose sh:select is not SPARQL is named, with the line of the
    sh:select text and a caret (the PREFIX lines added before it are not counted)."""
    try:
        return job.result()
    except SyntaxError as exc:
        found = sparql_position(str(exc))
        if found is None:
            raise ValueError(f"<{constraint.shape}>: sh:select is not valid SPARQL: {exc}") from None
        select = "\n".join(constraint.query.split("\n")[constraint.select_line - 1 :])
        line, column, shown = caret_lines(select, found[0] - constraint.select_line + 1, found[1])
        raise ValueError(
            f"<{constraint.shape}>: sh:select line {line}, column {column}: not valid SPARQL: {found[2]}\n{shown}"
        ) from None


def _solutions(store: ox.Store, query: str, union_default_graph: bool) -> list[tuple]:
    """(?this, ?path, ?value) per row; ?path and ?value None where the SELECT has none."""
    rows = store.query(query, use_default_graph_as_union=union_default_graph)
    names = {variable.value for variable in rows.variables}
    has_path, has_value = "path" in names, "value" in names
    return [(row["this"], row["path"] if has_path else None, row["value"] if has_value else None) for row in rows]


def _focus_nodes(store: ox.Store, query: str, union_default_graph: bool) -> set:
    return {row["this"] for row in store.query(query, use_default_graph_as_union=union_default_graph)}


def evaluate(
    store: ox.Store, constraints: list[SparqlConstraint], *, union_default_graph: bool = False, workers: int = 1
) -> Graph:
    """The results of `constraints` on `store` as sh:result nodes of one report graph.

    Results carry what the engines' results carry (focus node, path, value, source shape and
    constraint, component, severity); messages come from the shapes when the report is read.
    With `workers` > 1 the queries run on that many threads: pyoxigraph releases the GIL while it
    evaluates, so on the 5M-triple graph two threads take the time of the longest queries, not
    their sum. The report is the same in any order (it is a set of results).
    """
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        jobs = {c.query: (c, pool.submit(_solutions, store, c.query, union_default_graph)) for c in constraints}
        solutions = {query: _result(constraint, job) for query, (constraint, job) in jobs.items()}
        # Focus nodes only for the constraints that found something: listing them is most of the
        # time on a graph that conforms (docs/performance-history.md).
        targets_queries = sorted({c.targets_query for c in constraints if solutions[c.query]})
        targets = {q: pool.submit(_focus_nodes, store, q, union_default_graph) for q in targets_queries}
        targets = {query: future.result() for query, future in targets.items()}
    report = Graph()
    root = BNode()
    for constraint in constraints:
        if not solutions[constraint.query]:
            continue
        focus_nodes = targets[constraint.targets_query]
        seen = set()
        for key in solutions[constraint.query]:
            this, path, value = key
            if this is None:
                raise ValueError(f"{constraint.shape}: a result of its SPARQL constraint has no ?this")
            if this not in focus_nodes or key in seen:  # the union default graph repeats triples
                continue
            seen.add(key)
            result = BNode()
            report.add((root, SH.result, result))
            report.add((result, RDF.type, SH.ValidationResult))
            report.add((result, SH.focusNode, _rdflib(this)))
            if path is not None:
                report.add((result, SH.resultPath, _rdflib(path)))
            elif constraint.path is not None:
                report.add((result, SH.resultPath, constraint.path))
                for triple in constraint.path_triples:
                    report.add(triple)
            if value is not None:
                report.add((result, SH.value, _rdflib(value)))
            report.add((result, SH.sourceShape, constraint.shape))
            if constraint.constraint is not None:
                report.add((result, SH.sourceConstraint, constraint.constraint))
            report.add((result, SH.sourceConstraintComponent, constraint.component))
            report.add((result, SH.resultSeverity, constraint.severity))
    return report
