"""`kg build`: build, validate and publish the graph."""

from __future__ import annotations

import sys

from kg.cli import EXIT_FAILED, EXIT_OK


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build the graph (ontology, gazetteer, curated sources), validate it and publish it",
        description="Load the ontology, vocabularies, national gazetteer and every curated source graph "
        "into a new embedded store, validate the whole graph with the SHACL shapes and the quality "
        "checks, and only then publish it (atomically) at $KG_HOME/store (default ./var/store). "
        "An invalid graph is refused and the previous store is left untouched. A rebuild with no "
        "changed input returns at once.",
    )
    parser.add_argument("--force", action="store_true", help="rebuild even if no input changed")
    parser.add_argument(
        "--sources", metavar="DIR", default=None, help="folder of curated source graphs (*.trig; default: data/sources)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument(
        "--engine",
        choices=["pyshacl", "shacl", "auto"],
        default=None,
        help="SHACL engine for the validation gate (default: the project's default engine)",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.graph.build import BuildError, build

    try:
        result = build(force=args.force, quiet=args.quiet, engine=args.engine, sources_dir=args.sources)
    except BuildError as exc:
        print(f"kg build: the graph was NOT published (the previous store is unchanged):\n{exc}", file=sys.stderr)
        return EXIT_FAILED
    if result.up_to_date:
        print(f"up to date: {result.store_path} ({result.triples:,} triples, checked in {result.seconds:.2f} s)")
        return EXIT_OK
    print(f"published {result.store_path}")
    print(f"  {len(result.graphs)} named graphs, {result.triples:,} triples, built in {result.seconds:.1f} s")
    for graph, count in result.graphs.items():
        print(f"  {count:>9,}  {graph}")
    if result.gazetteer_summary:
        print("  gazetteer: " + result.gazetteer_summary.replace("\n", "\n  "))
    return EXIT_OK
