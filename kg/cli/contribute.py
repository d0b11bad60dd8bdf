"""`kg contribute FILE --contributor NAME`: validate in context, then merge atomically.

FILE is RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD: named graphs are merged into the one
contribution graph) or a CSV template (kg template). It is read exactly as `kg validate` reads it.
"""

from __future__ import annotations

import sys

from kg import config
from kg.cli import EXIT_FAILED, EXIT_OK


def register(subparsers) -> None:
    from kg.cli.validate import add_max_size

    parser = subparsers.add_parser(
        "contribute",
        help="validate a contribution against the graph it joins, then merge it as a named graph",
        description="Read FILE (RDF, or a CSV written from `kg template`), validate it together with the part "
        "of the built graph it refers to, and, only if it conforms, merge it as the named graph "
        "kg:contribution/{id} with its provenance (contributor, time, SHA-256 of the file, tool version) in "
        "one atomic step. A rejected contribution changes nothing. Exit: 0 merged, 1 rejected (violations), "
        "2 unreadable input, 3 no built graph.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--contributor", required=True, help="who sends it (person or office)")
    parser.add_argument("--engine", choices=["pyshacl", "shacl", "auto"], default=None)
    parser.add_argument(
        "--lang", choices=["vi", "en"], help="language of the report (default: kg --lang, else the locale)"
    )
    add_max_size(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    import warnings

    with warnings.catch_warnings():  # see kg.cli.validate.run
        warnings.filterwarnings("ignore", message="Serializing weird numerical")
        return _run(args)


def _run(args) -> int:
    from kg.steward.checking import FileRejected, contribute_file
    from kg.validation.render import render_text

    lang = config.language()
    try:
        record, loaded = contribute_file(
            args.file, args.contributor, engine=args.engine, max_bytes=int(args.max_size * 1e6)
        )
    except FileRejected as exc:
        print(render_text([exc.checked], lang), end="", file=sys.stderr)
        print(f"kg contribute: {'bị từ chối' if lang == 'vi' else 'rejected'} — {exc.message(lang)}", file=sys.stderr)
        return EXIT_FAILED
    for issue in loaded.issues:  # warnings only by now (extra CSV columns)
        row = "hàng" if lang == "vi" else "row"
        where = f"{row} {loaded.lines.get(issue.focus)}" if loaded.location == "row" else args.file
        print(
            f"kg contribute: {'cảnh báo' if lang == 'vi' else 'warning'}: {where}: {issue.message(lang)}",
            file=sys.stderr,
        )
    if lang == "vi":
        print(
            f"đã hợp nhất đóng góp {record.id} ({record.triples} bộ ba) của {record.contributor} "
            f"thành <{record.graph}>; hoàn tác bằng `kg revert {record.id}`"
        )
    else:
        print(
            f"merged contribution {record.id} ({record.triples} triples) by {record.contributor} "
            f"as <{record.graph}>; undo with `kg revert {record.id}`"
        )
    return EXIT_OK
