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

from kg import config
from kg.cli import EXIT_FAILED, EXIT_OK

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
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="RDF file (.ttl .trig .nt .nq .jsonld .rdf) or CSV template (.csv .tsv)",
    )
    parser.add_argument(
        "--engine",
        choices=["pyshacl", "shacl", "auto"],
        default=None,
        help="SHACL engine (default: the project's default, see kg.validation)",
    )
    parser.add_argument(
        "--lang", choices=["vi", "en"], help="language of messages and labels (default: the locale, vi… → vi, else en)"
    )
    parser.add_argument(
        "--format",
        choices=["text", "json", "html", "turtle"],
        default="text",
        help="text for people, html for a page to send on, json for programs, "
        "turtle for the standard sh:ValidationReport",
    )
    parser.add_argument(
        "--standalone",
        action="store_true",
        help="do not use the built graph: check each file on its own with the ontology",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    add_max_size(parser)
    parser.set_defaults(handler=run)


def add_max_size(parser) -> None:
    from kg.validation.parsing import DEFAULT_MAX_BYTES

    parser.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_BYTES / 1e6,
        metavar="MB",
        help=f"refuse larger files (default {DEFAULT_MAX_BYTES / 1e6:g} MB)",
    )


def run(args) -> int:
    with warnings.catch_warnings():
        # rdflib warns each time it writes an ill-typed number ("abc"^^xsd:decimal); the report
        # already says what is wrong with it, so the warning would only be noise on stderr.
        warnings.filterwarnings("ignore", message="Serializing weird numerical")
        return _run(args)


def _run(args) -> int:
    from kg.steward.checking import check_files
    from kg.validation.render import RENDERERS

    checked = check_files(
        args.files, engine=args.engine, standalone=args.standalone, max_bytes=int(args.max_size * 1e6)
    )
    report = RENDERERS[args.format](checked, config.language())
    if args.output is not None:  # -o "" is an error, not stdout
        from kg.safe_output import write_output

        write_output(args.output, report)
        done = "đã ghi báo cáo vào" if config.language() == "vi" else "report written to"
        print(f"{done} {args.output}", file=sys.stderr)
    else:
        print(report, end="")
    return EXIT_OK if all(c.outcome.conforms for c in checked) else EXIT_FAILED
