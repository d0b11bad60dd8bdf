"""`kg export FORMAT -o FILE`: the twinning network for historians and other tools.

kg export explorer -o ketnghia.html                 one offline HTML page (search, filters, map)
kg export gexf -o ketnghia.gexf --province "Quảng Nam"   for Gephi, with a timeline
kg export graphml|json|linked-places -o FILE [--from 1960 --to 1980] [--all-units] [--with-context]
kg export site -o DIR [--all-units]                 a static offline site: a page per entity (kg.site)
"""

from __future__ import annotations

import argparse
import sys

from kg.cli import EXIT_OK, UserError, say
from kg.errors import cannot_write_vi

FORMATS = ("explorer", "graphml", "gexf", "json", "linked-places", "site")


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 1000 <= value <= 9999:
        raise argparse.ArgumentTypeError(f"not a four-digit year: {text!r}")
    return value


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export the twinning network (explorer page, GraphML, GEXF, JSON, Linked Places)",
        description="Export the twinning network: units and organizations as nodes, twinnings as edges. "
        "By default every twinning is exported, with only the units and organizations that "
        "are parties to one. 'explorer' writes one self-contained HTML page that works "
        "offline; 'gexf' (1.3, dynamic) opens in Gephi with a timeline.",
    )
    parser.add_argument("format", choices=FORMATS, metavar="FORMAT", help=", ".join(FORMATS))
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    parser.add_argument(
        "--province",
        metavar="NAME",
        help="only twinnings with a party in this province (either era; a name with or "
        "without diacritics, e.g. 'Quảng Nam' or 'da nang', or 'pre2025/49')",
    )
    parser.add_argument(
        "--from", dest="start", type=_year, metavar="YEAR", help="only twinnings established in or after this year"
    )
    parser.add_argument(
        "--to", dest="end", type=_year, metavar="YEAR", help="only twinnings established in or before this year"
    )
    parser.add_argument(
        "--include-undated", action="store_true", help="with --from/--to: also keep twinnings whose year is unknown"
    )
    parser.add_argument(
        "--all-units", action="store_true", help="every administrative unit (of the province, if given), twinned or not"
    )
    parser.add_argument(
        "--with-context", action="store_true", help="also the parent units (district, province) of the units included"
    )
    parser.add_argument("--title", help="explorer: the page title")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="explorer: interface language (default vi)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.network import model as network
    from kg.graph.store import open_store

    if args.format == "site":
        from kg.cli.export_site import run_site

        return run_site(args)
    if args.start and args.end and args.start > args.end:
        raise UserError(
            f"--from {args.start} is after --to {args.end}", vi=f"--from {args.start} ở sau --to {args.end}"
        )
    if args.include_undated and not (args.start or args.end):
        raise UserError(
            "--include-undated only makes sense with --from or --to",
            vi="--include-undated chỉ có nghĩa khi có --from hoặc --to",
        )
    selection = network.Selection(
        province=args.province,
        period=(args.start, args.end) if args.start or args.end else None,
        include_undated=args.include_undated,
        all_units=args.all_units,
        with_context=args.with_context,
    )
    graph = network.build_network(open_store(), selection)
    try:
        if args.format == "explorer":
            from kg.network.explorer import write_explorer

            write_explorer(graph, args.output, title=args.title, language=args.lang)
        else:
            from kg.network.exports import export

            export(graph, args.format, args.output)
    except OSError as exc:
        raise UserError(
            f"cannot write {args.output}: {exc.strerror or exc}", vi=cannot_write_vi(args.output, exc)
        ) from None
    twinnings = len({key for *_, key in graph.edges(keys=True)})
    nodes = graph.number_of_nodes()
    where, where_vi = ("standard output", "đầu ra chuẩn") if args.output == "-" else (args.output, args.output)
    say(
        f"wrote {where}: {nodes} nodes, {twinnings} twinnings",
        f"đã ghi {where_vi}: {nodes} nút, {twinnings} quan hệ kết nghĩa",
        file=sys.stderr,
    )
    if not twinnings:
        chosen = ", ".join(_selection_words(args)) or "the whole graph"
        print(
            f"warning: no twinning in the selection ({chosen}) / cảnh báo: không có quan hệ kết nghĩa nào "
            "trong phạm vi đã chọn",
            file=sys.stderr,
        )
    return EXIT_OK


def _selection_words(args) -> list[str]:
    words = [f"--province {args.province!r}"] if args.province else []
    if args.start or args.end:
        words.append(f"established {args.start or '…'}–{args.end or '…'}")
    return words
