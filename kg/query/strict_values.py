"""Strict parameter values (kg query -p, kg.api.run_query): what Python's parsers accept but a
query cannot use. `20250701` and `2025-W27-2` are ISO 8601 for date.fromisoformat but not
xsd:date, so they silently matched nothing; NaN, Infinity and 1e999999 are numbers for Decimal
but not xsd:decimal; `http://[::1/x` passed the IRI pattern and failed in the store; bytes that are
not UTF-8 (a surrogate escape from the command line) ended in UnicodeEncodeError. Each raises
kg.catalog.CatalogError, the error kg.api documents (kg query: exit 2, one line).
"""

from __future__ import annotations

import re

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")


def _error(message: str, vi: str):
    from kg.query.catalog import CatalogError

    return CatalogError(message, vi=vi)


def check_encodable(name: str, raw: str) -> None:
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        shown = raw.encode("utf-8", "backslashreplace").decode("ascii", "replace")
        raise _error(
            f"parameter '{name}': the value is not valid UTF-8 text ({shown!r})",
            f"tham số '{name}': giá trị không phải văn bản UTF-8 hợp lệ ({shown!r})",
        ) from None


def check_date(name: str, raw: str, value: str) -> None:
    if not DATE.fullmatch(value):
        raise _error(
            f"parameter '{name}': {raw!r} is not a date (YYYY-MM-DD, e.g. 2025-07-01)",
            f"tham số '{name}': {raw!r} không phải ngày (YYYY-MM-DD, ví dụ 2025-07-01)",
        )


def check_number(name: str, raw: str, value: str) -> None:
    if not DECIMAL.fullmatch(value):
        raise _error(
            f"parameter '{name}': {raw!r} is not a number: write a finite decimal such as 12.5 "
            "(no NaN, Infinity or exponent)",
            f"tham số '{name}': {raw!r} không phải số: hãy ghi một số thập phân hữu hạn như 12.5 "
            "(không NaN, Infinity hay số mũ)",
        )


def iri_term(name: str, raw: str, value: str):
    """The NamedNode for `value`, or CatalogError when the store would refuse it as an IRI."""
    import pyoxigraph as ox

    try:
        return ox.NamedNode(value)
    except (ValueError, UnicodeEncodeError) as exc:
        raise _error(
            f"parameter '{name}': {raw!r} is not a valid IRI ({exc})",
            f"tham số '{name}': {raw!r} không phải IRI hợp lệ (trình đọc báo: «{exc}»)",
        ) from None
