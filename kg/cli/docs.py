"""`kg docs`: regenerate the generated reference pages (ontology, query catalogue)."""

from __future__ import annotations

from kg.cli import EXIT_FAILED, EXIT_OK, say


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "docs",
        help="regenerate docs/ontology.md, docs/queries.md and docs/coverage.md",
        description="Write the documentation pages generated from the project's sources: docs/ontology.md "
        "from ontology/, docs/queries.md from the #+ headers of queries/*.rq, and, when a graph is built, "
        "docs/coverage.md with its pictures from the built graph. With --check, write nothing "
        "and exit 1 if a page is out of date.",
    )
    parser.add_argument("--check", action="store_true", help="only report pages that are out of date (exit 1 if any)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.docs import pages as docs_gen

    if args.check:
        stale = docs_gen.stale_pages()
        for name in stale:
            say(f"docs/{name} is out of date: run `kg docs`", f"docs/{name} đã cũ: hãy chạy `kg docs`")
        return EXIT_FAILED if stale else EXIT_OK
    for path in docs_gen.write_all():
        say(f"wrote {path}", f"đã ghi {path}")
    return EXIT_OK
