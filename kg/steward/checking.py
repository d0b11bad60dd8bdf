"""Checking a steward's files: read RDF or a CSV template, validate each in the context of the
built graph (or on its own), and name in the report the records the graph already has.
`kg validate` and `kg contribute` call it; the shapes themselves run in kg.validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import EXIT_FAILED, KgError, os_reason_vi

if TYPE_CHECKING:
    from rdflib import Graph


class FileRejected(KgError):
    """A contribution that does not conform; nothing was merged. `checked` is what to report."""

    exit_code = EXIT_FAILED

    def __init__(self, checked, reason: str, vi: str | None = None):
        super().__init__(reason, vi=vi)
        self.checked = checked


@dataclass
class LoadedFile:
    """A file read for validation: its graph, and where its records start."""

    name: str
    graph: Graph  # named graphs merged
    issues: list = field(default_factory=list)  # problems found while reading (CSV cells)
    lines: dict = field(default_factory=dict)  # record -> line (RDF) or row (CSV)
    location: str = "line"
    columns: dict = field(default_factory=dict)
    labels: Graph | None = None  # display names of CSV row nodes


def load_file(name: str, resolver_factory, max_bytes: int | None) -> LoadedFile:
    """Read one RDF or CSV file; KgError (exit 2) when it cannot be read."""
    from kg.steward.csv_import import is_csv, read_csv_contribution
    from kg.validation.engines import plain_graph
    from kg.validation.parsing import parse_rdf_file, record_lines

    try:
        if is_csv(name):
            read = read_csv_contribution(name, resolver_factory(), max_bytes)
            return LoadedFile(name, read.graph, read.issues, read.rows, "row", read.columns, read.labels)
        graph = plain_graph(parse_rdf_file(name, max_bytes))
        return LoadedFile(name, graph, lines=record_lines(name))
    except IsADirectoryError:
        raise KgError(f"{name}: is a directory, not a file", vi=f"{name}: là thư mục, không phải tệp") from None
    except OSError as exc:
        raise KgError(
            f"{name}: cannot read: {exc.strerror or exc}", vi=f"{name}: không đọc được: {os_reason_vi(exc)}"
        ) from None


class GraphAccess:
    """The built graph, opened once -- unless there is none or --standalone asks not to use it."""

    def __init__(self, standalone: bool):
        from kg.graph import store

        self.store = None
        self._resolver = None
        if not standalone and store.published() is not None:
            self.store = store.open_store()

    def resolver(self):
        from kg.steward.csv_values import Resolver

        if self._resolver is None:
            self._resolver = Resolver(self.store)
        return self._resolver


def check(loaded: LoadedFile, engine: str | None, graph: GraphAccess):
    """Validate one loaded file; the outcome also holds the problems found while reading it."""
    from kg.steward.contribute import validate_in_context
    from kg.validation import DEFAULT_ENGINE, validate
    from kg.validation.render import CheckedFile, label

    if graph.store is not None:
        outcome = validate_in_context(loaded.graph, engine, graph.store)
    else:
        from kg.steward import closed_world
        from kg.validation.claims import within_source_issues

        outcome = validate(loaded.graph, engine=engine or DEFAULT_ENGINE)
        add_issues(outcome, within_source_issues(loaded.graph) + closed_world.issues(loaded.graph))
    add_issues(outcome, loaded.issues)
    mode = "context" if graph.store is not None else "standalone"
    display = loaded.graph + loaded.labels if loaded.labels is not None else loaded.graph
    if graph.store is not None:
        unnamed = {i.focus for i in outcome.issues if label(display, i.focus, "vi") is None}
        display = display + recorded_labels(graph.store, unnamed)
    return CheckedFile(loaded.name, display, outcome, loaded.lines, loaded.location, loaded.columns, mode)


def recorded_labels(oxstore, nodes) -> Graph:
    """Labels the built graph has for `nodes`: a record the file only adds to is named in the report."""
    import pyoxigraph as ox
    import rdflib

    from kg.steward.context_checks import query, sparql_values

    iris = {str(n) for n in nodes if isinstance(n, rdflib.URIRef)}
    labels = rdflib.Graph()
    if iris:
        text = query(oxstore, "labels-of", iris=sparql_values(iris)).serialize(format=ox.RdfFormat.N_TRIPLES)
        labels.parse(data=text, format="nt")
    return labels


def add_issues(outcome, issues: list) -> None:
    """Merge problems found outside SHACL into an outcome, and rebuild its sh:ValidationReport."""
    if not issues:
        return
    from kg.validation import load_shapes
    from kg.validation.report import ShapesIndex, ValidationIssue, build_report_graph

    outcome.issues = sorted(set(outcome.issues) | set(issues), key=ValidationIssue.sort_key)
    outcome.conforms = not any(i.severity.endswith("Violation") for i in outcome.issues)
    outcome.report_graph = build_report_graph(outcome.issues, outcome.conforms, ShapesIndex(load_shapes()))


def check_files(
    names: list[str], *, engine: str | None = None, standalone: bool = False, max_bytes: int | None = None
) -> list:
    """What `kg validate` reports: each file read, then checked in the context of the built graph
    (or on its own with `standalone`, or when there is no built graph, which a note says)."""
    from kg import config
    from kg.validation import EngineError

    graph = GraphAccess(standalone)
    loaded = [load_file(name, graph.resolver, max_bytes) for name in names]
    checked = []
    for item in loaded:
        try:
            result = check(item, engine, graph)
        except EngineError as exc:
            raise KgError(
                f"{item.name}: {exc}; try --engine pyshacl",
                vi=f"{item.name}: {exc.message('vi')}; hãy thử --engine pyshacl",
            ) from None
        if graph.store is None and not standalone:
            result.outcome.notes.append(
                f"no built graph at {config.store_path()}: checked standalone, so references "
                "to units, people and sources were not resolved (run `kg build`)"
            )
        checked.append(result)
    return checked


def contribute_file(name: str, contributor: str, *, engine: str | None = None, max_bytes: int | None = None):
    """What `kg contribute` does: read one file as `kg validate` reads it, validate it in the
    context of the built graph, merge it. (record, loaded file); FileRejected when it does not
    conform (CSV cell problems are rejected before the store is locked)."""
    from kg.graph import store
    from kg.steward.contribute import ContributionRejected, contribute
    from kg.validation.render import CheckedFile

    if store.published() is None:
        raise store.missing()
    graph = GraphAccess(standalone=False)
    loaded = load_file(name, graph.resolver, max_bytes)
    if any(i.severity == "Violation" for i in loaded.issues):
        checked = check(loaded, engine, graph)
        problems = sum(i.severity == "Violation" for i in checked.outcome.issues)
        raise FileRejected(
            checked,
            f"{problems} validation problem(s); nothing was merged",
            vi=f"{problems} vấn đề kiểm tra; không hợp nhất gì",
        )
    try:
        record = contribute(Path(name), contributor, loaded.graph, engine=engine)
    except ContributionRejected as exc:
        add_issues(exc.outcome, loaded.issues)
        checked = CheckedFile(name, exc.graph, exc.outcome, loaded.lines, loaded.location, loaded.columns, "context")
        raise FileRejected(checked, str(exc), vi=exc.message("vi")) from None
    return record, loaded
