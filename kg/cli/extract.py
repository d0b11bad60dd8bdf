"""`kg extract ARTICLE.txt -o draft.trig`: propose a draft contribution from a news article.

Exit codes: 0 a draft was written (even one with no twinning: it says so); 2 the input could not
be used (missing, empty, binary or undecodable file, a language other than Vietnamese, French or
English, a malformed --published or --url). With -o, a draft that says why is written in the
second case too, whenever the file could be read.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kg import config
from kg.cli import EXIT_BAD_INPUT, EXIT_OK, UserError

LANGS = ("auto", "vi", "fr", "en")
# the draft's counts (ExtractionResult.counts) as `kg --lang vi extract` names them
COUNTED_VI = {
    "units": "đơn vị",
    "organizations": "tổ chức",
    "people": "người",
    "posts": "chức vụ",
    "twinnings": "quan hệ kết nghĩa",
    "policies": "văn bản chính sách",
    "events": "sự kiện",
    "supports": "khoản hỗ trợ",
    "amounts": "số tiền",
    "dates": "ngày",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="propose a draft contribution (TriG) from a news article",
        description="Read a news article (plain text: Vietnamese, French or English) and propose, in the "
        "project's ontology and IRI scheme, the facts it states: administrative units "
        "linked to the national gazetteer, organizations, people and their posts, twinnings "
        "(kind and status), dates, amounts and support, policy documents and events. Every "
        "proposed fact carries its evidence (character offsets and quote) and a confidence; "
        "what a steward must still complete is listed as kne:todo on the article. Offline, "
        "rule- and gazetteer-based. Exit codes: 0 draft written, 2 input unusable.",
    )
    parser.add_argument("article", metavar="ARTICLE.txt", help="the article's text file")
    parser.add_argument("--lang", choices=LANGS, default="auto", help="language of the article (default: detected)")
    parser.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="publication date: chooses the era of units and the year of dates written without one",
    )
    parser.add_argument("--url", help="where the article was published")
    parser.add_argument("-o", "--output", metavar="DRAFT.trig", help="write the draft here (default: standard output)")
    parser.add_argument(
        "--source-id",
        metavar="HEX16",
        help="the source id to use instead of the first 16 hex characters of the file's SHA-256 "
        "(e.g. the id in a corpus file name)",
    )
    parser.add_argument("--no-validate", action="store_true", help="do not check the draft with the project's shapes")
    parser.set_defaults(handler=run)


def _arguments(args):
    from kg.extract.dates import parse_published

    published = None
    if args.published:
        try:
            published = parse_published(args.published)
        except ValueError as exc:
            raise UserError(
                f"--published: {exc}", vi=f"--published: không phải ngày dạng YYYY-MM-DD: {args.published!r}"
            ) from None
    if args.url and not re.match(r"https?://\S+$", args.url):
        raise UserError(
            f"--url: not an http(s) address: {args.url!r}", vi=f"--url: không phải địa chỉ http(s): {args.url!r}"
        )
    if args.source_id and not re.fullmatch(r"[0-9a-f]{16}", args.source_id):
        raise UserError(
            f"--source-id: expected 16 lower-case hex characters, got {args.source_id!r}",
            vi=f"--source-id: cần 16 ký tự thập lục phân viết thường, nhận được {args.source_id!r}",
        )
    return published


def run(args) -> int:
    from kg.extract import pipeline

    published = _arguments(args)
    result = pipeline.extract_file(Path(args.article), lang=args.lang, published=published, url=args.url)
    if args.source_id:
        result.source_id_override = args.source_id
    unusable = result.status in (pipeline.MISSING, pipeline.UNREADABLE, pipeline.UNSUPPORTED)
    if result.has_draft:
        _write(result.draft_trig(validate=not args.no_validate and not unusable), args.output)
    from kg.extract.text import note_text

    lang = config.language()
    for note in result.notes:
        word = "lưu ý" if lang == "vi" else "note"
        print(f"kg extract: {word}: {note_text(note, lang)}", file=sys.stderr)
    if unusable:
        draft = result.has_draft and args.output
        written = f" (an empty draft saying why was written to {args.output})" if draft else ""
        written_vi = f" (đã ghi một bản nháp rỗng nêu lý do vào {args.output})" if draft else ""
        raise UserError(result.message + written, EXIT_BAD_INPUT, vi=(result.message_vi or result.message) + written_vi)
    counts = result.counts()
    if lang == "vi":
        summary = ", ".join(f"{n} {COUNTED_VI.get(what, what)}" for what, n in counts.items() if n)
        where = args.output or "đầu ra chuẩn"
        message = result.message_vi or result.message
        print(f"kg extract: {message}; đã ghi bản nháp vào {where} ({summary or 'không có dữ kiện'})", file=sys.stderr)
    else:
        summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        where = args.output or "standard output"
        print(f"kg extract: {result.message}; draft written to {where} ({summary or 'no facts'})", file=sys.stderr)
    return EXIT_OK


def _write(trig: str, output: str | None) -> None:
    if not output or output == "-":
        sys.stdout.write(trig)
        return
    from kg.safe_output import write_output

    write_output(output, trig)  # errors: kg.safe_output.OutputError, one line (kg.cli.main)
