"""`kg review DRAFT.trig --article ARTICLE.txt -o review.html`: a steward's review page for a draft."""

from __future__ import annotations

from pathlib import Path

from kg.cli import EXIT_OK, UserError, say
from kg.errors import cannot_write_vi


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review",
        help="write an offline review page for a draft contribution made by `kg extract`",
        description="Write one offline HTML page (no outside request) showing the article with the evidence "
        "of every proposed fact highlighted and linked to its card; accept or reject each fact (keys j/k to "
        "move, a/r to accept or reject) and download the accepted facts as TriG for `kg validate`.",
    )
    parser.add_argument("draft", type=Path, metavar="DRAFT.trig", help="the draft written by `kg extract`")
    parser.add_argument(
        "--article", type=Path, required=True, metavar="ARTICLE.txt", help="the article the draft was extracted from"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="the page to write")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from kg.extract.review import ReviewError, review_file

    try:
        page = review_file(args.draft, args.article)
    except ReviewError as exc:
        raise UserError(str(exc), vi=exc.message("vi")) from None
    try:
        args.output.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UserError(
            f"{args.output}: không ghi được / cannot write: {exc.strerror or exc}", vi=cannot_write_vi(args.output, exc)
        ) from None
    say(f"review page written to {args.output}", f"đã ghi trang duyệt vào {args.output}")
    return EXIT_OK
