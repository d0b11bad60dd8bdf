"""Do two answers to the same query agree? Across runs, stores (embedded, Oxigraph server, Virtuoso).

What may legitimately differ, and is therefore normalised:
  * row order, unless the query has ORDER BY; even then rows that tie on every ORDER BY key may
    come in any order, so for a plain `ORDER BY ?a DESC(?b)` the rows are compared as a multiset
    and the sequence of key values separately;
  * the order of the parts of a GROUP_CONCAT (SPARQL does not define it): parts are sorted;
  * with `loose=True` (another engine): the lexical form and exact type of numbers
    ("1.0"^^xsd:decimal = "1"^^xsd:integer), booleans written as 1/0, the case of language tags,
    and repeated rows (compared as sets).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from kg.query.sparql_syntax import sparql_tokens
from kg.query.results import XSD, QueryResult, tsv_term

_NUMERIC = {
    XSD + name
    for name in (
        "integer",
        "decimal",
        "double",
        "float",
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
_GROUP_CONCAT = re.compile(
    r"GROUP_CONCAT\s*\(\s*(?:DISTINCT\s+)?[^;()]*(?:\([^()]*\)[^;()]*)*;\s*SEPARATOR\s*=\s*"
    r"(?P<q>[\"'])(?P<sep>.*?)(?P=q)\s*\)\s*AS\s+\?(?P<var>\w+)",
    re.IGNORECASE | re.DOTALL,
)


def concat_separators(query_text: str) -> dict[str, str]:
    """Variables computed by GROUP_CONCAT(… ; SEPARATOR="x") AS ?var, with their separator."""
    return {m["var"]: m["sep"] for m in _GROUP_CONCAT.finditer(query_text)}


def order_by(query_text: str) -> list[tuple[str, bool]] | None:
    """The ORDER BY keys as (variable, descending); [] if a key is an expression; None if no ORDER BY."""
    tokens = [
        (kind, value) for kind, value, _end, depth in sparql_tokens(query_text) if depth == 0 and kind != "comment"
    ]
    for i, (kind, value) in enumerate(tokens):
        if kind == "word" and value.upper() == "ORDER" and i + 1 < len(tokens) and tokens[i + 1][1].upper() == "BY":
            return _order_keys(tokens[i + 2 :])
    return None


def _order_keys(tokens: list[tuple[str, str]]) -> list[tuple[str, bool]]:
    keys, i = [], 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "var":
            keys.append((value[1:], False))
            i += 1
        elif (
            kind == "word"
            and value.upper() in ("ASC", "DESC")
            and i + 3 < len(tokens)
            and tokens[i + 1][1] == "("
            and tokens[i + 2][0] == "var"
            and tokens[i + 3][1] == ")"
        ):
            keys.append((tokens[i + 2][1][1:], value.upper() == "DESC"))
            i += 4
        elif kind == "word" and value.upper() in ("LIMIT", "OFFSET", "VALUES"):
            break
        else:
            return []  # an expression: only the full sequence can be compared
    return keys


def cell(term, separator: str | None = None, loose: bool = False) -> str:
    """One value as comparable text (TSV syntax, normalised as the module docstring says)."""
    if separator is not None and (term is None or isinstance(term, ox.Literal)):
        # GROUP_CONCAT of nothing is "" in the spec; some stores leave it unbound
        parts = sorted(term.value.split(separator)) if term is not None and term.value else []
        return "concat:" + "\x1f".join(parts)
    if isinstance(term, ox.Literal):
        if loose:
            datatype = term.datatype.value
            if datatype in _NUMERIC:
                try:
                    return "number:" + _canonical_number(Decimal(term.value))
                except InvalidOperation:
                    pass
            if datatype == XSD + "duration":  # Virtuoso answers P54Y as "648" (months)
                months = _duration_months(term.value)
                if months is not None:
                    return f"duration-months:{months}"
            if datatype == XSD + "boolean":  # some stores answer EXISTS with 1/0 integers
                return "number:" + ("1" if term.value in ("true", "1") else "0")
            if term.language:
                return str(ox.Literal(term.value, language=term.language.lower()))
    return tsv_term(term)


def _duration_months(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    match = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?", text)
    if not match or not any(match.groups()):
        return None
    return int(match[1] or 0) * 12 + int(match[2] or 0)


def _canonical_number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def comparable_rows(result: QueryResult, query_text: str, loose: bool = False) -> list[tuple[str, ...]]:
    separators = concat_separators(query_text)
    return [
        tuple(cell(term, separators.get(var), loose) for var, term in zip(result.variables, row)) for row in result.rows
    ]


def differences(
    expected: QueryResult, actual: QueryResult, query_text: str, loose: bool = False, check_order: bool = True
) -> list[str]:
    """What differs between two answers (empty: they agree)."""
    if expected.kind != actual.kind:
        return [f"expected a {expected.kind} answer, got a {actual.kind} answer"]
    if expected.kind == "ask":
        return [] if expected.boolean == actual.boolean else [f"expected {expected.boolean}, got {actual.boolean}"]
    if expected.variables != actual.variables:
        return [f"columns differ: expected {expected.variables}, got {actual.variables}"]
    want, got = comparable_rows(expected, query_text, loose), comparable_rows(actual, query_text, loose)
    problems = []
    if loose:  # another engine's DISTINCT may keep rows that differ only in how it stores a literal
        want, got = list(dict.fromkeys(want)), list(dict.fromkeys(got))
    missing, extra = Counter(want) - Counter(got), Counter(got) - Counter(want)
    problems += [f"missing row: {' | '.join(row)}" for row in sorted(missing.elements())]
    problems += [f"unexpected row: {' | '.join(row)}" for row in sorted(extra.elements())]
    keys = order_by(query_text) if check_order else None
    if problems or keys is None:
        return problems
    if not keys:
        if want != got:
            problems.append("same rows, but not in the expected order")
        return problems
    index = [expected.variables.index(var) for var, _desc in keys if var in expected.variables]
    if [tuple(r[i] for i in index) for r in want] != [tuple(r[i] for i in index) for r in got]:
        problems.append(f"same rows, but not ordered by {', '.join(v for v, _ in keys)} as expected")
    return problems
