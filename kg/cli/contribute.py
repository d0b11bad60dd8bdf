"""`kg contribute FILE --contributor NAME`: validate in context, then merge atomically.

FILE is RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD: named graphs are merged into the one
contribution graph) or a CSV template (kg template). It is read exactly as `kg validate` reads it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.cli import EXIT_FAILED, EXIT_OK, EXIT_UNAVAILABLE, UserError


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
    parser.add_argument("--lang", choices=["vi", "en"], default="vi", help="language of the report")
    add_max_size(parser)
    parser.set_defaults(handler=run)


def run(args) -> int:
    import warnings

    with warnings.catch_warnings():   # see kg.cli.validate.run
        warnings.filterwarnings("ignore", message="Serializing weird numerical")
        return _run(args)


def _run(args) -> int:
    from kg import config
    from kg.graph import store
    from kg.cli.validate import GraphAccess, add_issues, check, load_file
    from kg.steward.contribute import ContributionRejected, contribute
    from kg.validation.render import CheckedFile, render_text

    if store.published() is None:
        raise UserError(f"no built graph at {config.store_path()}; run `kg build` first", EXIT_UNAVAILABLE)
    graph = GraphAccess(standalone=False)
    loaded = load_file(args.file, graph.resolver, int(args.max_size * 1e6))

    def rejected(checked: CheckedFile, reason: str) -> int:
        print(render_text([checked], args.lang), end="", file=sys.stderr)
        print(f"kg contribute: rejected — {reason}", file=sys.stderr)
        return EXIT_FAILED

    if any(i.severity == "Violation" for i in loaded.issues):   # CSV cells: rejected before the store is locked
        checked = check(loaded, args.engine, graph)
        problems = sum(i.severity == "Violation" for i in checked.outcome.issues)
        return rejected(checked, f"{problems} validation problem(s); nothing was merged")
    try:
        record = contribute(Path(args.file), args.contributor, loaded.graph, engine=args.engine)
    except ContributionRejected as exc:
        add_issues(exc.outcome, loaded.issues)
        checked = CheckedFile(args.file, exc.graph, exc.outcome, loaded.lines, loaded.location, loaded.columns,
                              "context")
        return rejected(checked, str(exc))
    for issue in loaded.issues:   # warnings only by now (extra CSV columns)
        where = f"row {loaded.lines.get(issue.focus)}" if loaded.location == "row" else args.file
        print(f"kg contribute: warning: {where}: {issue.message(args.lang)}", file=sys.stderr)
    print(f"merged contribution {record.id} ({record.triples} triples) by {record.contributor} "
          f"as <{record.graph}>; undo with `kg revert {record.id}`")
    return EXIT_OK
