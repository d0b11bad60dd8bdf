"""`kg build`: build, validate and publish the graph."""

from __future__ import annotations

import sys

from kg.cli import EXIT_FAILED, EXIT_OK, say


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


# The words of the gazetteer's import summary (kept in the store's metadata in English); the
# kinds of the table (province pre2025, commune succession...) are the importer's names, kept
SUMMARY_VI = (
    ("historical gazetteer:", "danh mục lịch sử:"),
    ("gazetteer from", "danh mục từ"),
    (" imported,", " đã nhập,"),
    (" skipped", " bỏ qua"),
    ("districts without communes:", "huyện không có xã:"),
    (" triples", " bộ ba"),
    (" changes, units:", " thay đổi, đơn vị:"),
    (" in ", " trong "),
    ("warning", "cảnh báo"),
    ("… and ", "… và "),
    (" more ", " nữa "),
)


def gazetteer_summary_vi(summary: str) -> str:
    for english, vietnamese in SUMMARY_VI:
        summary = summary.replace(english, vietnamese)
    return summary


def run(args) -> int:
    from kg.graph.build import BuildError, build

    try:
        result = build(force=args.force, quiet=args.quiet, engine=args.engine, sources_dir=args.sources)
    except BuildError as exc:
        say(
            f"kg build: the graph was NOT published (the previous store is unchanged):\n{exc}",
            f"kg build: đồ thị KHÔNG được công bố (kho trước đó giữ nguyên):\n{exc}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    stored, triples, seconds = result.store_path, f"{result.triples:,}", result.seconds
    if result.up_to_date:
        say(
            f"up to date: {stored} ({triples} triples, checked in {seconds:.2f} s)",
            f"đã mới nhất: {stored} ({triples} bộ ba, kiểm tra trong {seconds:.2f} s)",
        )
        return EXIT_OK
    say(f"published {stored}", f"đã công bố {stored}")
    graphs = len(result.graphs)
    say(
        f"  {graphs} named graphs, {triples} triples, built in {seconds:.1f} s",
        f"  {graphs} đồ thị có tên, {triples} bộ ba, dựng trong {seconds:.1f} s",
    )
    for graph, count in result.graphs.items():
        print(f"  {count:>9,}  {graph}")
    if result.gazetteer_summary:
        summary = result.gazetteer_summary.replace("\n", "\n  ")
        say(f"  gazetteer: {summary}", f"  danh mục: {gazetteer_summary_vi(summary)}")
    return EXIT_OK
