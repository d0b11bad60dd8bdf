"""The analysts' Python API: run a saved (or ad-hoc) query on the built graph or on an endpoint.

    from kg.api import run_query, run_query_df
    rows = run_query("twinnings-of-unit", {"unit": "pre2025/510"})
    rows = run_query("twinnings-of-unit", {"unit": "pre2025/510"}, endpoint="http://127.0.0.1:7878/query")
    frame = run_query_df("support-totals-of-unit")            # needs pandas

For many queries in one process (a notebook), `keep_in_memory()` copies the built graph into
memory once (~7 s and ~620 MB per million triples); the queries after it run on the copy, 2-4x
faster for most saved queries on the 1M-triple graph.

Rows are dicts of Python values (see kg.query.results.python_value: numbers become int/Decimal/float,
dates stay ISO strings because their precision varies). `execute()` returns the RDF terms instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from kg.query import catalog, endpoints
from kg import config
from kg.graph import store
from kg.errors import os_reason_vi
from kg.query.catalog import CatalogError, SavedQuery
from kg.query.sparql_syntax import with_label_language
from kg.query.results import QueryResult, from_oxigraph, python_value, to_string

__all__ = [
    "QueryTimeout",
    "answer_text",
    "execute",
    "find_query",
    "keep_in_memory",
    "list_queries",
    "resolve_params",
    "run_query",
    "run_query_df",
    "run_sparql",
]


class QueryTimeout(endpoints.EndpointTimeout):
    """The embedded store did not finish the query in time."""


def list_queries(tag: str | None = None) -> list[SavedQuery]:
    """The saved queries by name; with `tag`, only those carrying it."""
    queries = sorted(catalog.load_catalog().values(), key=lambda q: q.name)
    return [q for q in queries if tag in q.tags] if tag else queries


def find_query(name: str | None = None, file: Path | None = None, sparql: str | None = None) -> SavedQuery:
    """A saved query by name, a query file, or query text (its `#+` header may declare parameters)."""
    if name:
        return catalog.get_query(name)
    if file is not None:
        try:
            text = Path(file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else exc
            reason_vi = os_reason_vi(exc) if isinstance(exc, OSError) else f"không phải văn bản UTF-8 ({exc})"
            raise CatalogError(f"cannot read {file}: {reason}", vi=f"không đọc được {file}: {reason_vi}") from None
        return catalog.parse_query_text(text, Path(file).stem, Path(file), require_title=False)
    if sparql is None:
        raise CatalogError(
            "no query: give a saved query's name, a file or the query text",
            vi="không có truy vấn: hãy cho tên một truy vấn lưu sẵn, một tệp hoặc nội dung truy vấn",
        )
    return catalog.parse_query_text(sparql, "ad-hoc", require_title=False)


def resolve_params(
    query: SavedQuery | str,
    params: dict[str, str] | None = None,
    *,
    exact_unit: bool = False,
    endpoint: str | None = None,
    timeout: float | None = None,
    credentials: endpoints.Credentials | None = None,
    lookups: bool = True,
    lang: str | None = None,
) -> tuple[dict, list[str]]:
    """The parameter values with names resolved ("Quế Sơn" → its IRI) and units declared
    `follow: reform` bound with their predecessors and heirs (unless exact_unit), and one line
    per change for the user (kg.query.names), in `lang` (default: kg.config.language()).
    execute() does this itself; kg query calls it first to print the lines. `lookups=False`: names only (from the local search index), no
    query to the store or endpoint (no existence check, no predecessors)."""
    from kg.query import names

    saved = catalog.get_query(query) if isinstance(query, str) else query
    values = {k: str(v) for k, v in (params or {}).items()}
    # unknown parameter names and badly typed plain values first, before any name is looked up
    # or a unit followed (which prints a note)
    named = catalog.NAMED_TYPES
    saved.bindings({k: v for k, v in values.items() if k not in saved.params or saved.params[k].type not in named})

    def select(text: str) -> list[tuple[str, ...]]:
        if endpoint:
            from kg.query import remote

            result = remote.run_query(
                endpoint, text, timeout=timeout or endpoints.DEFAULT_TIMEOUT, credentials=credentials
            )
        else:
            result = _run_embedded(lambda s: s.query(text, use_default_graph_as_union=True), timeout)
        return [tuple(term.value if term is not None else "" for term in row) for row in result.rows]

    return names.resolve_values(
        saved, values, exact=exact_unit, select=select if lookups else None, lang=lang or config.language()
    )


def answer_text(
    query: SavedQuery | str,
    params: dict[str, str] | None = None,
    fmt: str = "table",
    *,
    endpoint: str | None = None,
    timeout: float | None = None,
    credentials: endpoints.Credentials | None = None,
    max_width: int = 0,
    allow_service: bool = False,
    exact_unit: bool = False,
    resolved: bool = False,
    lang: str | None = None,
    width: int | None = None,
) -> str:
    """What `kg query` prints: the answer written in `fmt` (a format of kg.query.results);
    `lang` picks the vocabulary labels and the number format, `width` the table's total width."""
    native = fmt if fmt in NATIVE_FORMATS and not endpoint else None
    result = execute(
        query,
        params,
        endpoint=endpoint,
        timeout=timeout,
        credentials=credentials,
        native_format=native,
        allow_service=allow_service,
        exact_unit=exact_unit,
        resolved=resolved,
        lang=lang,
    )
    if isinstance(result, bytes):
        return result.decode("utf-8")
    return to_string(result, fmt, max_width=max_width, lang=lang, width=width)


# SELECT answers of the embedded store in these formats are written by pyoxigraph's own
# serialiser: the same bytes as kg.query.results' writers for CSV and TSV, the same JSON once parsed
# (tests/cli/test_cli_query.py compares them), without a Python call per value, which was a
# sixth of a large answer's time (docs/performance-history.md).
NATIVE_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}


def execute(
    query: SavedQuery | str,
    params: dict[str, str] | None = None,
    endpoint: str | None = None,
    timeout: float | None = None,
    credentials: endpoints.Credentials | None = None,
    *,
    native_format: str | None = None,
    allow_service: bool = False,
    exact_unit: bool = False,
    resolved: bool = False,
    lang: str | None = None,
) -> QueryResult | bytes:
    """Run a saved query (object or name) with typed parameters; the answer as RDF terms.
    Names are resolved first (see resolve_params; `resolved`: the caller already did).

    With `native_format` (a key of NATIVE_FORMATS), a SELECT answer of the embedded store comes
    back already serialised, as bytes; any other answer is a QueryResult as usual. `lang` ("vi" or
    "en", default en) is the language of vocabulary labels (sparql_syntax.with_label_language)."""
    saved = catalog.get_query(query) if isinstance(query, str) else query
    if saved.form == "UPDATE":
        raise CatalogError(
            "this is a SPARQL update, not a query: kg query only reads",
            vi="đây là lệnh cập nhật SPARQL, không phải truy vấn: kg query chỉ đọc",
        )
    if resolved:
        values = dict(params or {})
    elif any(p.type in catalog.NAMED_TYPES for p in saved.params.values()):
        values, _notes = resolve_params(
            saved, params, exact_unit=exact_unit, endpoint=endpoint, timeout=timeout, credentials=credentials
        )
    else:
        values = {k: str(v) for k, v in (params or {}).items()}
    if endpoint:
        from kg.query import remote  # the HTTP client, only when an endpoint is asked for

        return remote.run_query(
            endpoint,
            with_label_language(saved.bound_text(values), lang),
            timeout=timeout or endpoints.DEFAULT_TIMEOUT,
            credentials=credentials,
        )
    text = with_label_language(saved.bound_text(values), lang)
    from kg.query.query_guard import check_service

    check_service(text, allow_service)  # the embedded store would fetch from wherever SERVICE says
    finish = from_oxigraph
    if native_format is not None:
        results_format = NATIVE_FORMATS[native_format]

        def finish(answer):
            if isinstance(answer, ox.QuerySolutions):
                return answer.serialize(format=results_format)
            return from_oxigraph(answer)

    try:
        return _run_embedded(lambda s: s.query(text, use_default_graph_as_union=True), timeout, finish)
    except _SyntaxFailure as exc:
        from kg.query.sparql_syntax import located

        where = str(saved.path) if saved.path else "--sparql" if saved.name == "ad-hoc" else saved.name
        raise located(saved.text, where, str(exc)) from None


class _SyntaxFailure(CatalogError):
    """pyoxigraph's SyntaxError on the bound text; execute() locates it on the text as written."""


def run_sparql(
    text: str, params: dict[str, str] | None = None, endpoint: str | None = None, timeout: float | None = None
) -> QueryResult:
    """An ad-hoc query (it may carry a `#+` header with typed parameters)."""
    result = execute(catalog.parse_query_text(text, "ad-hoc", require_title=False), params, endpoint, timeout)
    assert isinstance(result, QueryResult)  # bytes only with native_format
    return result


def run_query(
    name: str,
    params: dict[str, str] | None = None,
    endpoint: str | None = None,
    timeout: float | None = None,
    *,
    exact_unit: bool = False,
) -> list[dict]:
    """A saved query's rows as dicts of Python values (unbound → None); `exact_unit`: a unit
    parameter binds that unit alone, not its predecessors and heirs too."""
    result = execute(name, params, endpoint, timeout, exact_unit=exact_unit)
    if result.kind != "select":
        raise CatalogError(f"query '{name}' is not a SELECT query", vi=f"truy vấn '{name}' không phải truy vấn SELECT")
    return [{var: python_value(term) for var, term in zip(result.variables, row)} for row in result.rows]


def run_query_df(
    name: str,
    params: dict[str, str] | None = None,
    endpoint: str | None = None,
    timeout: float | None = None,
    *,
    exact_unit: bool = False,
):
    """A saved query's rows as a pandas DataFrame, columns in the query's order (`exact_unit`:
    as in run_query)."""
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "run_query_df needs pandas, which is not installed: "
            "pip install 'ketnghia-kg[pandas]' (or use run_query for plain dicts)"
        ) from None
    result = execute(name, params, endpoint, timeout, exact_unit=exact_unit)
    rows = [[python_value(term) for term in row] for row in result.rows]
    return pandas.DataFrame(rows, columns=result.variables)


# --------------------------------------------------------------------------- the embedded store

_open: dict[str, ox.Store] = {}
_links: dict[str | None, str] = {}  # $KG_HOME -> the store link's absolute path
_in_memory = False


def keep_in_memory(enabled: bool = True) -> None:
    """Run this process's embedded queries on an in-memory copy of the built graph (made now,
    and again for a new build when one is published), or, with False, on the store on disk again.
    The answers are the same (tests/query/test_api_memory.py); only the speed and memory differ."""
    global _in_memory
    if enabled != _in_memory:
        _open.clear()
    _in_memory = enabled
    if enabled:  # copy now, not in the middle of the first query
        _published_store()


def _published_store() -> ox.Store:
    """The published store, opened once per build (a rebuild swaps the symlink: a new key).
    One readlink per call on plain strings (no realpath, no Path objects): ~50 µs less a query."""
    home = os.environ.get("KG_HOME")
    link = _links.get(home)
    if link is None:
        link = os.path.abspath(os.path.join(home or config.home(), "store"))
        if home is None or os.path.isabs(home):  # a relative (or empty) KG_HOME depends on the cwd
            _links[home] = link
    try:
        key = os.path.join(os.path.dirname(link), os.readlink(link))
    except OSError:
        key = link
    opened = _open.get(key)
    if opened is not None:
        return opened
    path = Path(key)
    if not path.exists():
        raise store.missing()
    _open.clear()
    _open[key] = store.memory_copy(path) if _in_memory else store.open_store(path)
    return _open[key]


def _run_embedded(run, timeout: float | None, finish=from_oxigraph):
    """pyoxigraph has no time limit of its own, but it releases the GIL while it evaluates, so a
    worker thread can be abandoned when the time is up (it finishes in the background). The
    answer is lazy: `finish` (materialise or serialise it) is where the query really runs."""
    oxstore = _published_store()
    try:
        if not timeout:
            return finish(run(oxstore))
        import threading

        outcome: dict = {}

        def work():
            try:
                outcome["result"] = finish(run(oxstore))
            except BaseException as exc:  # handed to the caller's thread below
                outcome["error"] = exc

        worker = threading.Thread(target=work, name="kg-query", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise QueryTimeout(
                f"the query did not finish within {timeout:g} s on the embedded store",
                vi=f"truy vấn không chạy xong trong {timeout:g} giây trên kho nhúng",
            )
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]
    except SyntaxError as exc:
        detail = " ".join(str(exc).split())
        raise _SyntaxFailure(str(exc), vi=f"truy vấn không phải SPARQL hợp lệ (trình đọc báo: «{detail}»)") from None
    except RuntimeError as exc:  # the store refused the query at evaluation
        detail = " ".join(str(exc).split())
        raise CatalogError(
            f"the store refused the query: {detail}", vi=f"kho từ chối truy vấn (kho báo: «{detail}»)"
        ) from None
    except OSError as exc:  # a SERVICE the query was allowed to call did not answer
        detail = " ".join(str(exc).split())
        raise endpoints.EndpointUnreachable(
            f"a SERVICE of the query failed: {detail}", vi=f"một SERVICE của truy vấn bị lỗi (hệ thống báo: «{detail}»)"
        ) from None
