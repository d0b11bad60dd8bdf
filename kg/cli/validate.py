"""`kg validate FILE...`: check contributions (RDF or CSV) before they join the graph.

Three separate steps, so each can grow on its own: read every file (an unreadable one stops
everything with one line: file, line, column, problem), validate each file -- together with the
part of the built graph it refers to when there is one, else on its own with the ontology --
and render all outcomes (text, JSON, HTML or the Turtle sh:ValidationReport).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from kg.cli import EXIT_FAILED, EXIT_OK, UserError

EXIT_CODES = """\
exit status:
  0  every file conforms (warnings allowed)
  1  at least one violation (the report says where: record, line or CSV row and column)
  2  a file cannot be read: missing, too large, empty, binary, not UTF-8/UTF-16, an RDF syntax
     error (file:line:column), a CSV that is not a kg template or lacks a required column

Files: Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML (by extension), and CSV/TSV written
from `kg template` (see docs/steward-guide.md).
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check contributions (RDF or a CSV template) against the shapes and the built graph",
        description="Validate each FILE against the project's SHACL shapes (shapes/*.ttl). When a graph "
        "has been built, a file is checked together with the part of it the file refers to: units, people, "
        "organizations and sources must exist (unknown ones are shown with the closest known names), units "
        "must exist at the dates they take part, and facts must not already be recorded under another IRI. "
        "--standalone checks the file on its own with the ontology. Results are grouped by record, with "
        "the line (or CSV row and column) where it starts and the message in --lang.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="RDF file (.ttl .trig .nt .nq .jsonld .rdf) or CSV template (.csv .tsv)")
    parser.add_argument("--engine", choices=["pyshacl", "shacl", "auto"], default=None,
                        help="SHACL engine (default: the project's default, see kg.validation)")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi",
                        help="language of messages and labels (default: vi)")
    parser.add_argument("--format", choices=["text", "json", "html", "turtle"], default="text",
                        help="text for people, html for a page to send on, json for programs, "
                             "turtle for the standard sh:ValidationReport")
    parser.add_argument("--standalone", action="store_true",
                        help="do not use the built graph: check each file on its own with the ontology")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    add_max_size(parser)
    parser.set_defaults(handler=run)


def add_max_size(parser) -> None:
    from kg.validation.parsing import DEFAULT_MAX_BYTES

    parser.add_argument("--max-size", type=float, default=DEFAULT_MAX_BYTES / 1e6, metavar="MB",
                        help=f"refuse larger files (default {DEFAULT_MAX_BYTES / 1e6:g} MB)")


@dataclass
class LoadedFile:
    """A file read for validation: its graph, and where its records start."""

    name: str
    graph: object                       # rdflib Graph (named graphs merged)
    issues: list = field(default_factory=list)     # problems found while reading (CSV cells)
    lines: dict = field(default_factory=dict)      # record -> line (RDF) or row (CSV)
    location: str = "line"
    columns: dict = field(default_factory=dict)
    labels: object = None               # display names of CSV row nodes


def load_file(name: str, resolver_factory, max_bytes: int | None) -> LoadedFile:
    """Read one RDF or CSV file; UserError (exit 2) when it cannot be read."""
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
        raise UserError(f"{name}: is a directory, not a file", 2) from None
    except OSError as exc:
        raise UserError(f"{name}: cannot read: {exc.strerror or exc}", 2) from None


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
        outcome = validate(loaded.graph, engine=engine or DEFAULT_ENGINE)
    add_issues(outcome, loaded.issues)
    mode = "context" if graph.store is not None else "standalone"
    display = loaded.graph + loaded.labels if loaded.labels is not None else loaded.graph
    if graph.store is not None:
        unnamed = {i.focus for i in outcome.issues if label(display, i.focus, "vi") is None}
        display = display + recorded_labels(graph.store, unnamed)
    return CheckedFile(loaded.name, display, outcome, loaded.lines, loaded.location, loaded.columns, mode)


def recorded_labels(oxstore, nodes) -> object:
    """Labels the built graph has for `nodes`: a record the file only adds to is named in the report."""
    import pyoxigraph as ox
    import rdflib

    from kg.steward.context_checks import sparql_values

    iris = {str(n) for n in nodes if isinstance(n, rdflib.URIRef)}
    labels = rdflib.Graph()
    if iris:
        query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                 "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> CONSTRUCT { ?s skos:prefLabel ?l } "
                 f"WHERE {{ VALUES ?s {{ {sparql_values(iris)} }} ?s skos:prefLabel|rdfs:label ?l }}")
        text = oxstore.query(query, use_default_graph_as_union=True).serialize(format=ox.RdfFormat.N_TRIPLES)
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


def run(args) -> int:
    with warnings.catch_warnings():
        # rdflib warns each time it writes an ill-typed number ("abc"^^xsd:decimal); the report
        # already says what is wrong with it, so the warning would only be noise on stderr.
        warnings.filterwarnings("ignore", message="Serializing weird numerical")
        return _run(args)


def _run(args) -> int:
    from kg import config
    from kg.validation import EngineError
    from kg.validation.render import RENDERERS

    max_bytes = int(args.max_size * 1e6)
    graph = GraphAccess(args.standalone)
    loaded = [load_file(name, graph.resolver, max_bytes) for name in args.files]

    checked = []
    for item in loaded:
        try:
            result = check(item, args.engine, graph)
        except EngineError as exc:
            raise UserError(f"{item.name}: {exc}; try --engine pyshacl", 2) from None
        if graph.store is None and not args.standalone:
            result.outcome.notes.append(f"no built graph at {config.store_path()}: checked standalone, so references "
                                        "to units, people and sources were not resolved (run `kg build`)")
        checked.append(result)

    report = RENDERERS[args.format](checked, args.lang)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
        print(f"report written to {args.output}", file=sys.stderr)
    else:
        print(report, end="")
    return EXIT_OK if all(c.outcome.conforms for c in checked) else EXIT_FAILED
