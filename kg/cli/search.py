"""`kg search TEXT`: find units, organizations and people by name, with or without diacritics."""

from __future__ import annotations

import argparse
import json

from kg import config
from kg.graph import search
from kg.vietnamese import search_key
from kg.cli import EXIT_OK, EXIT_UNAVAILABLE, UserError


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "search",
        help="find units, organizations and people by name",
        description="Find administrative units, organizations and people by name. Case and "
        "diacritics are ignored: 'que son', 'Quế Sơn' and 'QUE SON' all find Quế Sơn. "
        "Exact names come first, then names starting with the text, then names "
        "containing it.",
    )
    parser.add_argument("text", nargs="+", metavar="TEXT", help="the name, or part of it")
    parser.add_argument("--limit", type=_positive, default=20, metavar="N", help="show at most N hits (default 20)")
    parser.add_argument("--type", choices=search.KINDS, dest="kind", help="only units, organizations or people")
    parser.add_argument("--era", choices=search.ERAS, help="only units (and organizations of units) of this era")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="table (default) or json")
    parser.set_defaults(handler=run)


def run(args) -> int:
    text = " ".join(args.text)
    if not search_key(text):
        raise UserError(f"nothing to search for in {text!r}", vi=f"không có gì để tìm trong {text!r}")
    path = search.index_path()
    if not path.exists():
        raise UserError(
            f"no built graph at {config.home()}; run `kg build`",
            EXIT_UNAVAILABLE,
            vi=f"chưa có đồ thị đã xây dựng tại {config.home()}; hãy chạy `kg build`",
        )
    try:
        hits = search.search(path, text, limit=args.limit, kind=args.kind, era=args.era)
    except search.IndexUnavailable as exc:
        raise UserError(
            f"{exc}; run `kg build`", EXIT_UNAVAILABLE, vi=f"{exc.message('vi')}; hãy chạy `kg build`"
        ) from None
    if args.format == "json":
        print(json.dumps([hit.as_dict() for hit in hits], ensure_ascii=False, indent=2))
        return EXIT_OK
    lang = config.language()
    if not hits:
        print(f"không tìm thấy {text!r}" if lang == "vi" else f"no match for {text!r}")
        return EXIT_OK
    shown = [hit.describe(lang) for hit in hits]
    width = max(len(line) for line in shown)
    for line, hit in zip(shown, hits):
        print(f"{line:<{width}}  {hit.iri}")
    return EXIT_OK
