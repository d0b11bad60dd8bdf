"""Normalised validation results: one shape of result whatever engine produced the report.

Both engines emit a standard `sh:ValidationReport` graph. `issues_from_report` reads one into
`ValidationIssue`s keyed only by what identifies a result (focus, path, value, shape, component),
so two engines can be compared with `==`, and `build_report_graph` writes the issues back as one
engine-independent `sh:ValidationReport` for Turtle output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable, Iterable

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.iris import PREFIXES, SH

KNSH = Namespace("https://w3id.org/ketnghia/shapes#")
REPORT_PREFIXES = {**PREFIXES, "knsh": KNSH}

_PATH_SUFFIX = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


@dataclass(frozen=True)
class ValidationIssue:
    """One validation result. Equality and order use the identifying fields only."""

    focus: Node
    path: str | None  # SPARQL property-path syntax with prefixes, e.g. "kn:party|kn:sponsor"
    value: Node | None
    severity: str  # "Violation", "Warning" or "Info"
    shape: Node  # sh:sourceShape, e.g. knsh:Twinning-party
    component: str  # e.g. "sh:MinCountConstraintComponent"
    message_vi: str
    message_en: str
    node_shape: Node | None = None  # the node shape the source shape belongs to (itself if a node shape)
    path_term: Node | None = field(default=None, compare=False, repr=False)

    def sort_key(self) -> tuple:
        return (
            self.focus.n3(),
            self.path or "",
            self.component,
            str(self.shape),
            self.value.n3() if self.value is not None else "",
            self.message_en,
        )

    def message(self, lang: str = "vi") -> str:
        """The message in `lang`, falling back to the other language."""
        first, second = (self.message_vi, self.message_en) if lang == "vi" else (self.message_en, self.message_vi)
        return first or second

    def shape_names(self) -> set[str]:
        """The shape IRIs this issue can be attributed to, in prefixed form (for expectations)."""
        return {qname(s) for s in (self.shape, self.node_shape) if s is not None}

    def to_dict(self) -> dict:
        return {
            "focus": term_text(self.focus),
            "path": self.path,
            "value": term_text(self.value) if self.value is not None else None,
            "severity": self.severity,
            "shape": term_text(self.shape),
            "node_shape": term_text(self.node_shape) if self.node_shape is not None else None,
            "component": self.component,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }


def qname(term: Node, strict: bool = True) -> str:
    """A prefixed name when one of the project's prefixes fits, else the N-Triples form.

    `strict=False` also shortens IRIs whose local part has slashes (`id:unit/pre2025/510`):
    easier to read in a report, though not a valid Turtle prefixed name.
    """
    if isinstance(term, URIRef):
        text = str(term)
        best = None
        for prefix, namespace in REPORT_PREFIXES.items():
            ns = str(namespace)
            local = text[len(ns) :]
            if text.startswith(ns) and local and "#" not in local and (not strict or "/" not in local):
                if best is None or len(ns) > len(str(REPORT_PREFIXES[best[0]])):
                    best = (prefix, local)
        if best:
            return f"{best[0]}:{best[1]}"
        return f"<{text}>"
    return term.n3()


def term_text(term: Node) -> str:
    """How a term reads in a report: prefixed IRI, `_:b` blank node or N3 literal."""
    if isinstance(term, URIRef):
        return qname(term, strict=False)
    if isinstance(term, Literal):
        return term.n3(namespace_manager=None)
    return term.n3()


def _expand(name: str) -> URIRef:
    """Inverse of `qname` for the names it produces."""
    if name.startswith("<") and name.endswith(">"):
        return URIRef(name[1:-1])
    prefix, local = name.split(":", 1)
    return URIRef(str(REPORT_PREFIXES[prefix]) + local)


def render_path(graph: Graph, path: Node, nested: bool = False) -> str:
    """A SHACL path node as SPARQL property-path text: `kn:a|^kn:b`, `(kn:a/kn:b)*`."""
    if isinstance(path, URIRef):
        return qname(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + render_path(graph, inverse, nested=True)
    for predicate, suffix in _PATH_SUFFIX.items():
        inner = graph.value(path, predicate)
        if inner is not None:
            return render_path(graph, inner, nested=True) + suffix
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        text = "|".join(render_path(graph, p, nested=True) for p in Collection(graph, alternatives))
    elif graph.value(path, RDF.first) is not None:
        text = "/".join(render_path(graph, p, nested=True) for p in Collection(graph, path))
    else:
        return path.n3()
    return f"({text})" if nested else text


def copy_path(source: Graph, path: Node, target: Graph) -> Node:
    """Copy a path node and everything hanging from it (lists, nested paths) into `target`."""
    if not isinstance(path, BNode):
        return path
    seen, todo = set(), [path]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in source.predicate_objects(node):
            target.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return path


def _messages(graph: Graph, subject: Node, predicate: URIRef) -> dict[str, str]:
    messages: dict[str, str] = {}
    for literal in sorted(graph.objects(subject, predicate), key=str):
        lang = (getattr(literal, "language", None) or "").split("-")[0].lower()
        messages.setdefault(lang, str(literal))
    return messages


class ShapesIndex:
    """What a report leaves out but a reader wants: owning node shapes, paths and messages.

    Lookups are by shape IRI. A shape that is a blank node cannot be found from the Rust
    engine's report (it renames blank nodes), which is one reason every shape that can report
    a result has an IRI (tests/validation/test_shapes.py checks it).
    """

    def __init__(self, shapes: Graph):
        self.graph = shapes
        self._owner: dict[Node, Node] = {}
        for node_shape, property_shape in shapes.subject_objects(SH.property):
            current = self._owner.get(property_shape)
            if current is None or str(node_shape) < str(current):
                self._owner[property_shape] = node_shape

    def node_shape(self, shape: Node) -> Node | None:
        return self._owner.get(shape, shape)

    def path(self, shape: Node) -> Node | None:
        return self.graph.value(shape, SH.path)

    def messages(self, shape: Node, constraint: Node | None = None) -> dict[str, str]:
        messages = _messages(self.graph, constraint, SH.message) if constraint is not None else {}
        for lang, text in _messages(self.graph, shape, SH.message).items():
            messages.setdefault(lang, text)
        return messages


def issues_from_report(
    report: Graph, index: ShapesIndex, restore: Callable[[Node], Node] = lambda n: n
) -> list[ValidationIssue]:
    """Read the top-level results of a `sh:ValidationReport` graph as sorted, distinct issues.

    `restore` maps terms the engine saw back to the caller's (e.g. skolem IRIs to blank nodes).
    """
    issues = set()
    for result in report.objects(None, SH.result):
        focus = restore(report.value(result, SH.focusNode))
        shape = report.value(result, SH.sourceShape)
        component = report.value(result, SH.sourceConstraintComponent)
        severity = report.value(result, SH.resultSeverity)
        value = report.value(result, SH.value)
        path_node = report.value(result, SH.resultPath)
        path_term = path_node if isinstance(path_node, URIRef) else index.path(shape)
        path = render_path(report, path_node) if path_node is not None else None
        messages = _messages(report, result, SH.resultMessage)
        fallback = index.messages(shape, report.value(result, SH.sourceConstraint))
        issues.add(
            ValidationIssue(
                focus=focus,
                path=path,
                value=restore(value) if value is not None else None,
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                shape=shape,
                component=qname(component),
                message_vi=messages.get("vi") or fallback.get("vi", ""),
                message_en=messages.get("en") or fallback.get("en", ""),
                node_shape=index.node_shape(shape),
                path_term=path_term if path_node is not None else None,
            )
        )
    return sorted(issues, key=ValidationIssue.sort_key)


def build_report_graph(issues: Iterable[ValidationIssue], conforms: bool, index: ShapesIndex) -> Graph:
    """The issues as a standard `sh:ValidationReport`, with the project's prefixes bound."""
    graph = Graph()
    for prefix, namespace in REPORT_PREFIXES.items():
        graph.bind(prefix, namespace)
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(conforms)))
    for issue in issues:
        result = BNode()
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, issue.focus))
        if issue.path_term is not None:
            graph.add((result, SH.resultPath, copy_path(index.graph, issue.path_term, graph)))
        if issue.value is not None:
            graph.add((result, SH.value, issue.value))
        graph.add((result, SH.resultSeverity, SH[issue.severity]))
        graph.add((result, SH.sourceShape, issue.shape))
        graph.add((result, SH.sourceConstraintComponent, _expand(issue.component)))
        for lang, text in (("vi", issue.message_vi), ("en", issue.message_en)):
            if text:
                graph.add((result, SH.resultMessage, Literal(text, lang=lang)))
    return graph


@dataclass
class ValidationOutcome:
    """What a validation run found, whichever engine ran it."""

    conforms: bool
    issues: list[ValidationIssue]
    report_graph: Graph  # a standard sh:ValidationReport built from `issues`
    engine: str  # the engine that actually ran ("pyshacl" or "shacl")
    notes: list[str] = field(default_factory=list)  # e.g. why "auto" fell back to pyshacl
    seconds: float = 0.0  # time spent in the engine, parsing of the input excluded

    def report_turtle(self) -> str:
        return self.report_graph.serialize(format="turtle")

    def by_focus(self) -> dict[Node, list[ValidationIssue]]:
        """Issues grouped by focus node, in the issues' (deterministic) order."""
        groups: dict[Node, list[ValidationIssue]] = {}
        for issue in self.issues:
            groups.setdefault(issue.focus, []).append(issue)
        return groups
