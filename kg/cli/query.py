"""`kg query`: list and run the saved queries of queries/ (or an ad-hoc one), here or on an endpoint."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kg import api, config
from kg.query import catalog, endpoints
from kg.cli import EXIT_OK, UserError
from kg.query.results import GRAPH_FORMATS, SELECT_FORMATS, text_width


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "query",
        help="list and run saved queries (or an ad-hoc one) on the graph or a SPARQL endpoint",
        description="Run a saved query of queries/ by name on the built graph, or with --endpoint on "
        "any SPARQL 1.1 endpoint (e.g. `kg serve`, or a store loaded with `kg push`). Parameters are "
        "typed (iri, unit, date, year, text, number), checked, and bound as RDF terms, never pasted "
        "into the query. Exit codes: 0 ok, 2 bad input (unknown query or parameter, bad value), "
        "3 graph or endpoint unreachable, 4 the endpoint answered an error, 5 time limit reached.",
        epilog="examples: kg query --list --lang en | kg query twinnings-of-unit -p unit=pre2025/509 "
        "| kg query units-without-twinning --format csv --output wards.csv "
        "| kg query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="the saved query (see --list)")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true", help="list the saved queries with their parameters")
    what.add_argument("--file", type=Path, metavar="FILE", help="run the query in FILE (a #+ header is optional)")
    what.add_argument("--sparql", metavar="TEXT", help="run this SPARQL query text")
    parser.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a parameter value (repeatable); the others keep their defaults",
    )
    parser.add_argument(
        "--format",
        choices=SELECT_FORMATS + GRAPH_FORMATS,
        default="table",
        help="table (default), csv, tsv, json (SPARQL 1.1 results formats), markdown; "
        "ntriples or turtle for CONSTRUCT/DESCRIBE",
    )
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the results to FILE")
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        help="language of titles, vocabulary labels and messages (default: the locale, vi… → vi, else en)",
    )
    parser.add_argument("--tag", help="with --list: only queries with this tag")
    parser.add_argument(
        "--show", action="store_true", help="print the query text that would be sent (parameters bound), do not run it"
    )
    parser.add_argument(
        "--endpoint", metavar="URL", help="a SPARQL 1.1 query endpoint, e.g. http://127.0.0.1:7878/query"
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help=f"give up after this long (default {endpoints.DEFAULT_TIMEOUT:g} s on an endpoint, none embedded)",
    )
    parser.add_argument("--user", help="user name for an endpoint that needs authentication")
    parser.add_argument("--password", help="password for --user (default: $KG_ENDPOINT_PASSWORD)")
    parser.add_argument(
        "--auth",
        choices=("basic", "digest"),
        default="basic",
        help="HTTP authentication scheme for --user (default basic)",
    )
    parser.add_argument(
        "--allow-service",
        action="store_true",
        help="let the query use SERVICE (federated: this process sends requests to other servers)",
    )
    parser.add_argument(
        "--exact-unit",
        action="store_true",
        help="a unit parameter stays on that unit: no predecessors or heirs across the 2025 reform",
    )
    parser.add_argument(
        "--max-width",
        type=int,
        metavar="N",
        help="table format: no line wider than N columns (0: no limit; default: the terminal's width, $COLUMNS)",
    )
    parser.set_defaults(handler=run)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):  # NaN compares false
        raise argparse.ArgumentTypeError("must be a finite number more than 0")
    return value


def run(args) -> int:
    if args.list:
        if args.name:
            raise UserError("--list takes no query name", vi="--list không nhận tên truy vấn")
        return _list(args)
    if sum([bool(args.name), args.file is not None, args.sparql is not None]) != 1:
        raise UserError(
            "name one saved query, or give --file or --sparql (see kg query --list)",
            vi="hãy nêu tên một truy vấn lưu sẵn, hoặc dùng --file hay --sparql (xem kg query --list)",
        )
    query = api.find_query(args.name, args.file, args.sparql)
    values = parse_params(args.param)
    credentials = _credentials(args)
    # names made IRIs, units followed across the reform: said on stderr, one line each
    values, notes = api.resolve_params(
        query,
        values,
        exact_unit=args.exact_unit,
        endpoint=args.endpoint,
        timeout=args.timeout,
        credentials=credentials,
        lookups=not (args.show and args.endpoint),  # --show sends nothing
    )
    for note in notes:
        print(note, file=sys.stderr)
    if args.show:
        text = query.bound_text(values)
        _emit(text if text.endswith("\n") else text + "\n", args.output)
        return EXIT_OK
    _emit(
        api.answer_text(
            query,
            values,
            args.format,
            endpoint=args.endpoint,
            timeout=args.timeout,
            credentials=credentials,
            allow_service=args.allow_service,
            resolved=True,
            lang=config.language(),
            width=_table_width(args),
        ),
        args.output,
    )
    return EXIT_OK


def _table_width(args) -> int:
    """--max-width, else $COLUMNS, else the width of the terminal on stdout (or on stderr, for
    `kg query … | less`); no limit for --output or when no terminal is attached."""
    if args.max_width is not None:
        return max(0, args.max_width)
    if args.output is not None:
        return 0
    import shutil

    if os.environ.get("COLUMNS", "").strip().isdigit():
        return shutil.get_terminal_size().columns  # it reads $COLUMNS first
    for stream in (sys.stdout, sys.stderr):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            continue
    return 0


def parse_params(pairs: list[str]) -> dict[str, str]:
    """`-p key=value` pairs; a key without `=value` or given twice is an error, not a guess."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not key:
            raise UserError(
                f"parameter {pair!r} has no name (use -p KEY=VALUE)",
                vi=f"tham số {pair!r} không có tên (hãy ghi -p TÊN=GIÁ_TRỊ)",
            )
        if not sep:
            raise UserError(
                f"parameter '{key}' has no value (use -p {key}=VALUE)",
                vi=f"tham số '{key}' không có giá trị (hãy ghi -p {key}=GIÁ_TRỊ)",
            )
        if key in values:
            raise UserError(f"parameter '{key}' is given twice", vi=f"tham số '{key}' được ghi hai lần")
        values[key] = value
    return values


def _credentials(args) -> endpoints.Credentials | None:
    if not args.user:
        return None
    if not args.endpoint:
        raise UserError("--user is only for --endpoint", vi="--user chỉ dùng cùng --endpoint")
    password = args.password if args.password is not None else os.environ.get("KG_ENDPOINT_PASSWORD", "")
    return endpoints.Credentials(args.user, password, args.auth)


def _list(args) -> int:
    queries = api.list_queries(args.tag)
    if args.format == "json":
        _emit(json.dumps([_as_dict(q) for q in queries], ensure_ascii=False, indent=2) + "\n", args.output)
        return EXIT_OK
    lines = []
    lang = config.language()
    words = _LIST_WORDS[lang]
    width = max([text_width(q.name) for q in queries] + [4])
    for q in queries:
        lines.append(f"{q.name}{' ' * (width - text_width(q.name))}  {q.title.get(lang, '')}")
        for p in q.params.values():
            lines.append(
                f"{' ' * width}    -p {p.name}=…  ({p.type}, {words['default']} {p.default}"
                f"{', ' + words['e.g.'] + ' ' + p.example if p.example else ''})"
            )
    lines.append(words["footer"].format(n=len(queries)))
    _emit("\n".join(lines) + "\n", args.output)
    return EXIT_OK


_LIST_WORDS = {
    "en": {
        "default": "default",
        "e.g.": "e.g.",
        "footer": "({n} queries; run one with: kg query NAME [-p KEY=VALUE …])",
    },
    "vi": {
        "default": "mặc định",
        "e.g.": "ví dụ",
        "footer": "({n} truy vấn; chạy một truy vấn bằng: kg query TÊN [-p KHÓA=GIÁ_TRỊ …])",
    },
}


def _as_dict(q: catalog.SavedQuery) -> dict:
    return {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "tags": q.tags,
        "params": {
            p.name: {"type": p.type, "default": p.default, "example": p.example, "description": p.description}
            for p in q.params.values()
        },
    }


def _emit(text: str, output: Path | None) -> None:
    """To stdout, or to a file replaced atomically (a failed run leaves no half-written file)."""
    if output is None:
        sys.stdout.write(text)
        return
    from kg.safe_output import write_output

    write_output(output, text)
