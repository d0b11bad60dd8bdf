"""`kg contribute FILE --contributor NAME`: validate in context, then merge atomically."""

from __future__ import annotations

import sys
from pathlib import Path

from kg.cli import EXIT_FAILED, EXIT_OK, EXIT_UNAVAILABLE, UserError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "contribute",
        help="validate a contribution against the graph it joins, then merge it as a named graph",
        description="Read FILE, validate it together with the part of the built graph it refers to, "
        "and, only if it conforms, merge it as the named graph kg:contribution/{id} with its provenance "
        "(contributor, time, SHA-256 of the file, tool version) in one atomic step. A rejected "
        "contribution changes nothing. Exit: 0 merged, 1 rejected (violations), 2 unreadable input, "
        "3 no built graph.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--contributor", required=True, help="who sends it (person or office)")
    parser.add_argument("--engine", choices=["pyshacl", "shacl", "auto"], default=None)
    parser.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the report")
    parser.set_defaults(handler=run)


def read_contribution(name: str):
    """Parse a contribution file (RDF by extension); one-line errors with file and line."""
    from kg.validation.parsing import RdfSyntaxError, parse_rdf_file

    try:
        return parse_rdf_file(name)
    except RdfSyntaxError as exc:
        raise UserError(str(exc), 2) from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{name}: not UTF-8 text (byte {exc.start}: {exc.reason})", 2) from None
    except OSError as exc:
        raise UserError(f"{name}: cannot read: {exc.strerror or exc}", 2) from None


def run(args) -> int:
    from kg.contribute import ContributionError, ContributionRejected, contribute
    from kg.store import StoreMissing
    from kg.validation.render import RENDERERS, CheckedFile

    data = read_contribution(args.file)
    try:
        record = contribute(Path(args.file), args.contributor, data, engine=args.engine)
    except ContributionRejected as exc:
        print(RENDERERS["text"]([CheckedFile(args.file, exc.graph, exc.outcome)], args.lang), end="", file=sys.stderr)
        print(f"kg contribute: rejected — {exc}", file=sys.stderr)
        return EXIT_FAILED
    except StoreMissing as exc:
        raise UserError(str(exc), EXIT_UNAVAILABLE) from None
    except ContributionError as exc:
        raise UserError(str(exc), 2) from None
    print(f"merged contribution {record.id} ({record.triples} triples) by {record.contributor} "
          f"as <{record.graph}>; undo with `kg revert {record.id}`")
    return EXIT_OK
