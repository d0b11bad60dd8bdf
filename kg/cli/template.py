"""`kg template NAME [-o FILE]`: a CSV template for people who do not write RDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli import EXIT_OK, UserError, say
from kg.errors import cannot_write_vi


def register(subparsers) -> None:
    from kg.steward.csv_templates import TEMPLATES

    listing = "\n".join(
        f"  {t.name:<11} {t.title_vi} / {t.title_en}: "
        + ", ".join(c.key + ("*" if c.required else "") for c in t.columns)
        for t in TEMPLATES.values()
    )
    parser = subparsers.add_parser(
        "template",
        help="write a CSV template (twinnings, support, agreements, people, events) to fill in a spreadsheet",
        description="Write a CSV template: leading '#' comment rows explain each column in Vietnamese and "
        "English, then a header row 'Tên tiếng Việt / English name [key]', then one example row restating a "
        "recorded fact. Fill it in a spreadsheet, save as CSV (UTF-8 or UTF-16, ',' ';' or tab), then "
        "`kg validate FILE.csv` and `kg contribute FILE.csv --contributor NAME`. Columns are matched by the "
        "[key] in the header, so they may be reordered; extra columns are ignored with a warning.",
        epilog="templates (* = required column):\n" + listing,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", choices=sorted(TEMPLATES), metavar="NAME", help=f"one of: {', '.join(TEMPLATES)}")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (UTF-8 with BOM, for spreadsheets); default: standard output",
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.steward.csv_templates import template_text, write_template

    if not args.output:
        sys.stdout.write(template_text(args.name))
        return EXIT_OK
    path = Path(args.output)
    if path.exists() and not args.force:
        raise UserError(
            f"{path} exists; use --force to overwrite it", 2, vi=f"{path} đã tồn tại; dùng --force để ghi đè"
        )
    try:
        write_template(args.name, path)
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror or exc}", 2, vi=cannot_write_vi(path, exc)) from None
    say(f"wrote the {args.name} template to {path}", f"đã ghi mẫu {args.name} vào {path}", file=sys.stderr)
    return EXIT_OK
