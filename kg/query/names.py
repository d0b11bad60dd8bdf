"""Parameter values given as names, made IRIs before a saved query is bound.

`kg query twinnings-of-unit -p unit="Quế Sơn"`: a parameter of type unit, organization or person
takes an IRI, a key (pre2025/509, org/party-office-pre2025-49) or a name, resolved by
kg.graph.resolve with the date of the query (its date or year parameter, else today). A key the
built graph does not have is an error, not an empty answer.

A unit parameter declared `follow: reform` (twinnings-of-unit) then follows the unit along
kn:succeededBy: its predecessors and its heirs (the 2025 reform, and the historical gazetteer's
changes since 1954) are bound with it, one VALUES row each, so a 2025 commune shows the
twinnings of the district it came from. `exact=True` (kg query --exact-unit) binds the unit alone.
"""

from __future__ import annotations

from collections.abc import Callable

from typing import TYPE_CHECKING

from kg.iris import ID_BASE
from kg.query.catalog import NAMED_TYPES, CatalogError, SavedQuery
from kg.query.strict_values import check_encodable
from kg.sparql_files import sparql

if TYPE_CHECKING:
    from kg.graph.resolve import Resolver

KINDS = {"unit": ("unit", "organization"), "organization": ("organization",), "person": ("person",)}

# Runs a SELECT (the text) where the query will run and gives its rows as tuples of strings.
Select = Callable[[str], list[tuple[str, ...]]]


def query_day(query: SavedQuery, values: dict[str, str]) -> str | None:
    """The date the query is about: its date parameter, else the middle of its year parameter."""
    for name, param in query.params.items():
        value = str(values.get(name, param.default)).strip()
        if param.type == "date" and len(value) == 10:
            return value
        if param.type == "year" and len(value) == 4 and value.isdigit():
            return f"{value}-07-01"
    return None


def resolve_values(
    query: SavedQuery,
    values: dict[str, str],
    *,
    exact: bool = False,
    select: Select | None = None,
    resolver: Resolver | None = None,
    lang: str = "en",
) -> tuple[dict, list[str]]:
    """(the values with names made IRIs and followed units made tuples, one line per change,
    in `lang`: "vi" or "en")."""
    vi = lang == "vi"
    out: dict = dict(values)
    notes: list[str] = []
    day = query_day(query, values)
    for name, param in query.params.items():
        if param.type not in NAMED_TYPES:
            continue
        raw = values.get(name)
        if raw is not None:
            check_encodable(name, raw)
        try:  # a key or an IRI: it must exist; a name: resolved (kg.graph.resolve, imported then)
            iri = param.to_term(raw).value if raw is not None else None
        except CatalogError:
            iri = None
        else:
            if iri and iri.startswith(ID_BASE) and select is not None:
                if not select(sparql("query", "entity-exists", entity=f"<{iri}>")):
                    from kg.graph.resolve import no_such

                    raise no_such(str(raw).strip(), param.type, f"parameter '{name}'", f"tham số '{name}'")
        if raw is not None and iri is None and raw.strip():
            from kg.graph.resolve import Resolver, describe, key_of

            resolver = resolver or Resolver()
            hit, others = resolver.resolve(
                raw, KINDS[param.type], day=day, what=f"parameter '{name}'", what_vi=f"tham số '{name}'"
            )
            if hit is not None:
                out[name] = hit.iri
                if key_of(hit.iri) != raw.strip() and hit.iri != raw.strip():
                    also = "; ".join(describe(o) for o in others[:4])
                    if also and vi:
                        also = f" (còn: {also}; ghi mã hoặc '(pre2025)', '(2025)' để chọn nơi khác)"
                    elif also:
                        also = f" (also: {also}; a key or '(pre2025)', '(2025)' picks another)"
                    notes.append(f"{name}={raw} → {describe(hit)}{also}")
        if param.follow == "reform" and not exact and select is not None:
            iri = param.to_term(out.get(name, param.default)).value
            chain = select(sparql("query", "unit-chain", unit=f"<{iri}>"))
            if chain:
                out[name] = (iri, *(row[0] for row in chain))
                before = sum(1 for row in chain if row[1] == "predecessor")
                after = len(chain) - before
                notes.append(
                    f"{name}: kèm {before} đơn vị tiền thân và {after} đơn vị kế thừa theo kn:succeededBy "
                    "(--exact-unit: chỉ đơn vị này)"
                    if vi
                    else f"{name}: with {before} predecessor(s) and {after} heir(s) along "
                    "kn:succeededBy (--exact-unit: this unit only)"
                )
    return out, notes
