"""Query results in one shape, whatever answered (embedded store or remote endpoint), and their formats.

    result = from_oxigraph(store.query(...))        # or from_sparql_json(http_body)
    write(result, "table", sys.stdout)               # table | csv | tsv | json | markdown | ntriples | turtle

Terms are pyoxigraph terms (NamedNode, BlankNode, Literal), so a remote answer and an embedded one
compare with `==`. The serialisations follow the W3C specs: SPARQL 1.1 Query Results JSON, and
SPARQL 1.1 Query Results CSV and TSV (tests check them against pyoxigraph's own serialisers).
"""

from __future__ import annotations

import io
import json
import re
import unicodedata

import pyoxigraph as ox

from kg.errors import KgError
from kg.iris import PREFIX_IRIS

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SELECT_FORMATS = ("table", "csv", "tsv", "json", "markdown")
GRAPH_FORMATS = ("ntriples", "turtle")

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class ResultsError(KgError):
    """An answer that is not SPARQL results, or a format that does not fit the kind of result."""


class QueryResult:
    """A materialised answer: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE.
    (A plain class, not a dataclass: importing dataclasses slows every `kg query` start.)"""

    __slots__ = ("kind", "variables", "rows", "boolean", "triples")

    def __init__(
        self,
        kind: str,
        variables: list[str] | None = None,
        rows: list[tuple[Term | None, ...]] | None = None,
        boolean: bool | None = None,
        triples: list[ox.Triple] | None = None,
    ):
        self.kind = kind  # "select" | "ask" | "graph"
        self.variables = variables if variables is not None else []
        self.rows = rows if rows is not None else []
        self.boolean = boolean
        self.triples = triples if triples is not None else []

    def __eq__(self, other) -> bool:
        return isinstance(other, QueryResult) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__
        )

    def __repr__(self) -> str:
        size = len(self.rows) if self.kind == "select" else len(self.triples) if self.kind == "graph" else self.boolean
        return f"QueryResult({self.kind!r}, {size!r})"

    def dicts(self) -> list[dict[str, Term | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


# --------------------------------------------------------------------------- reading answers


def from_oxigraph(answer) -> QueryResult:
    """Materialise what pyoxigraph's Store.query returned (the query runs while this iterates)."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        # a solution iterates over its values in the order of the variables (None when unbound),
        # faster than looking each value up by name
        return QueryResult("select", [v.value for v in answer.variables], [tuple(s) for s in answer])
    return QueryResult("graph", triples=list(answer))


def from_sparql_json(body: bytes | str) -> QueryResult:
    """Parse SPARQL 1.1 Query Results JSON (also the older `typed-literal` form some stores send)."""
    try:
        data = json.loads(body)
        if "boolean" in data:
            return QueryResult("ask", boolean=bool(data["boolean"]))
        variables = list(data["head"]["vars"])
        rows = [
            tuple(_term_from_json(b[v]) if v in b else None for v in variables) for b in data["results"]["bindings"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise ResultsError(
            f"not SPARQL JSON results ({type(exc).__name__}: {exc})",
            vi=f"không phải kết quả SPARQL dạng JSON («{type(exc).__name__}: {exc}»)",
        ) from None
    return QueryResult("select", variables, rows)


def _term_from_json(value: dict) -> Term:
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return ox.Literal(text, language=value["xml:lang"])
        if value.get("datatype") and value["datatype"] not in (XSD_STRING, RDF_LANG_STRING):
            return ox.Literal(text, datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(text)
    raise ValueError(f"unknown term type {kind!r}")


# --------------------------------------------------------------------------- Python values


def python_value(term: Term | None):
    """int / Decimal / float / bool for numeric and boolean literals; str for everything else.

    Dates stay strings on purpose: "2024", "2025-08" and "--06-12" are dates of different
    precision, and a datetime would invent the missing parts.
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype == XSD + "decimal":
                from decimal import Decimal

                return Decimal(term.value)
            if datatype in (XSD + "double", XSD + "float"):
                return float(term.value)
            if datatype == XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            return term.value  # an ill-typed literal stays as written
        return term.value
    return term.value


_INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}


# --------------------------------------------------------------------------- term forms


def ntriples(term: Term | None) -> str:
    """N-Triples form; pyoxigraph escapes quotes, backslashes and control characters."""
    return "" if term is None else str(term)


_TSV_SHORT = {  # Turtle's abbreviated numeric and boolean forms, as the TSV spec allows
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}


def tsv_term(term: Term | None) -> str:
    if isinstance(term, ox.Literal):
        pattern = _TSV_SHORT.get(term.datatype.value)
        if pattern is not None and pattern.fullmatch(term.value):
            return term.value
    return ntriples(term)


def csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


_COMPACT = sorted(((ns, prefix) for prefix, ns in PREFIX_IRIS.items()), key=lambda p: -len(p[0]))


def display(term: Term | None) -> str:
    """Short human form: prefixed IRIs (id:unit/pre2025/510), literal values without quotes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for namespace, prefix in _COMPACT:
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return term.value
    return csv_term(term)


def text_width(text: str) -> int:
    """Terminal columns: combining marks take none, wide East-Asian characters two."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# --------------------------------------------------------------------------- writers


def write(
    result: QueryResult,
    fmt: str,
    out: io.TextIOBase,
    max_width: int = 0,
    *,
    lang: str | None = None,
    width: int | None = None,
) -> None:
    """`result` in `fmt`. Table only: cells clipped at `max_width`, the whole within `width`
    columns, numbers and row count in `lang` (kg.query.table); the other formats stay raw."""
    if result.kind == "graph":
        if fmt not in GRAPH_FORMATS:
            raise ResultsError(
                f"a CONSTRUCT/DESCRIBE answer is a graph: use --format ntriples or turtle, not {fmt}",
                vi=f"kết quả của CONSTRUCT/DESCRIBE là một đồ thị: hãy dùng --format ntriples hoặc turtle, không phải {fmt}",
            )
        rdf_format = ox.RdfFormat.N_TRIPLES if fmt == "ntriples" else ox.RdfFormat.TURTLE
        out.write(ox.serialize(result.triples, format=rdf_format).decode("utf-8"))
        return
    if fmt in GRAPH_FORMATS:
        raise ResultsError(
            f"--format {fmt} is for CONSTRUCT/DESCRIBE queries; use one of {', '.join(SELECT_FORMATS)}",
            vi=f"--format {fmt} dành cho truy vấn CONSTRUCT/DESCRIBE; hãy dùng một trong {', '.join(SELECT_FORMATS)}",
        )
    if result.kind == "ask":
        out.write(
            json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
            if fmt == "json"
            else ("true" if result.boolean else "false") + "\n"
        )
        return
    if fmt == "table":
        from kg.query.table import write_table  # it imports this module

        write_table(result, out, width=width or 0, language=lang or "en", max_cell=max_width)
        return
    WRITERS[fmt](result, out, max_width)


def to_string(
    result: QueryResult, fmt: str, max_width: int = 0, *, lang: str | None = None, width: int | None = None
) -> str:
    buffer = io.StringIO()
    write(result, fmt, buffer, max_width, lang=lang, width=width)
    return buffer.getvalue()


def _write_json(result: QueryResult, out: io.TextIOBase, _max_width: int) -> None:
    bindings = [
        {var: _term_to_json(term) for var, term in zip(result.variables, row) if term is not None}
        for row in result.rows
    ]
    json.dump({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, out, ensure_ascii=False)
    out.write("\n")


def _term_to_json(term: Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    if term.datatype.value != XSD_STRING:
        return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    return {"type": "literal", "value": term.value}


def _write_csv(result: QueryResult, out: io.TextIOBase, _max_width: int) -> None:
    import csv

    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as the SPARQL CSV spec requires
    writer.writerow(result.variables)
    writer.writerows([csv_term(t) for t in row] for row in result.rows)


def _write_tsv(result: QueryResult, out: io.TextIOBase, _max_width: int) -> None:
    out.write("\t".join(f"?{v}" for v in result.variables) + "\n")
    for row in result.rows:
        out.write("\t".join(tsv_term(t) for t in row) + "\n")


def _write_markdown(result: QueryResult, out: io.TextIOBase, _max_width: int) -> None:
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")

    out.write("| " + " | ".join(result.variables) + " |\n")
    out.write("|" + "|".join("---" for _ in result.variables) + "|\n")
    for row in result.rows:
        out.write("| " + " | ".join(cell(display(t)) for t in row) + " |\n")


WRITERS = {
    "json": _write_json,
    "csv": _write_csv,
    "tsv": _write_tsv,
    "markdown": _write_markdown,
}
