"""The store's side of the twinning network: a handful of bulk SPARQL queries
(kg/network/sparql/*.rq, never one query per node) read into NetworkData, indexed by subject,
and the Selection that shapes the network (kg.network.model assembles the graph from them)."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import KgError
from kg.vietnamese import fold, search_key
from kg.iris import BASE, sparql_prefixes
from kg.sparql_files import sparql

KN, KNV = BASE + "ontology#", BASE + "vocab/"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
AS_WKT = "http://www.opengis.net/ont/geosparql#asWKT"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# How precise a date is, from its datatype (docs/iri-scheme.md: dates keep their precision).
PRECISION = {
    XSD + "date": "day",
    XSD + "dateTime": "day",
    XSD + "gYearMonth": "month",
    XSD + "gYear": "year",
    XSD + "gMonthDay": "month-day",
}
UNKNOWN_DECADE = "unknown"
UNIT_KEYS = {
    RDFS_LABEL: "name",
    KN + "era": "era",
    KN + "level": "level",
    KN + "unitType": "unit_type",
    KN + "partOf": "parent",
    KN + "validFrom": "valid_from",
    KN + "validUntil": "valid_until",
    KN + "code": "code",
}
_POINT = re.compile(r"POINT\s*\(\s*([-+\d.eE]+)\s+([-+\d.eE]+)\s*\)", re.I)


class SelectionError(KgError, ValueError):
    """The selection names something the graph does not have (e.g. an unknown province)."""


@dataclass
class Selection:
    """What to include. Default: every twinning, and only the units/organizations that are parties."""

    province: str | None = None  # name ("Quảng Nam", "quang nam"), "pre2025/49", or IRI; either era
    period: tuple[int | None, int | None] | None = None  # establishment years, inclusive
    include_undated: bool = False  # with a period: also keep twinnings whose year is unknown
    all_units: bool = False  # every unit (of the province, if given), twinned or not
    with_context: bool = False  # also the parents (kn:partOf+) of the included units


@dataclass
class NetworkData:
    """Rows of the bulk queries, indexed by subject."""

    labels: dict = field(default_factory=lambda: defaultdict(dict))  # iri -> {lang: label}
    twinnings: dict = field(default_factory=dict)
    parties: dict = field(default_factory=lambda: defaultdict(list))  # twinning -> [(party, role)]
    agents: dict = field(default_factory=dict)  # party -> {kind, cls, unit}
    units: dict = field(default_factory=dict)
    ancestors: dict = field(default_factory=lambda: defaultdict(set))


def _q(store: ox.Store, name: str, **slots: str):
    """Run kg/network/sparql/NAME.rq (the project's prefixes added) with its slots filled."""
    return store.query(sparql_prefixes() + sparql("network", name, **slots), use_default_graph_as_union=True)


def _v(term) -> str | None:
    return None if term is None else term.value


def local_name(iri: str | None) -> str | None:
    """'https://w3id.org/ketnghia/vocab/sister-localities' -> 'sister-localities'."""
    return None if iri is None else re.split(r"[/#]", iri)[-1]


def date_info(term) -> dict | None:
    """A typed date literal -> {"value", "precision", "year"} (year None for gMonthDay)."""
    if term is None:
        return None
    precision = PRECISION.get(term.datatype.value if isinstance(term, ox.Literal) else "", "unknown")
    match = re.match(r"^(-?\d{4})", term.value)
    year = int(match.group(1)) if match and precision != "month-day" else None
    return {"value": term.value, "precision": precision, "year": year}


def _number(term):
    value = float(term.value)  # xsd:decimal: VND amounts are whole, keep them int
    return int(value) if value.is_integer() else value


# --------------------------------------------------------------------------- bulk queries


def read_labels(store: ox.Store, data: NetworkData) -> None:
    # Units are labelled by read_units; everything else (concepts, classes, twinnings, people...) here.
    for row in _q(store, "labels"):
        data.labels[row["s"].value].setdefault(row["l"].language or "", row["l"].value)
    for row in _q(store, "source-titles"):
        data.labels[row["s"].value].setdefault("title", row["t"].value)


def read_twinnings(store: ox.Store, data: NetworkData) -> None:
    rows = _q(store, "twinnings")
    current = _current_statuses(store)
    kinds, dates = defaultdict(set), defaultdict(set)
    for row in rows:
        item = data.twinnings.setdefault(row["t"].value, {"parent": _v(row["parent"])})
        if row["kind"] is not None:
            kinds[row["t"].value].add(local_name(row["kind"].value))
        if row["est"] is not None:
            dates[row["t"].value].add(row["est"])
        # sources may differ: kn:currentStatus, the latest claim's status (kg/graph/derived.py)
        item.setdefault("status", current.get(row["t"].value) or local_name(_v(row["status"])))
        item.setdefault("relative", _v(row["expr"]))
    for twinning, item in data.twinnings.items():
        # sources may classify and date a relation differently (the claims model): the most specific
        # kind (a named kind before the generic sister-localities), and the earliest date with a year
        found = sorted(kinds.get(twinning, ()), key=lambda k: (k == "sister-localities", k))
        item["kind"] = found[0] if found else None
        if len(found) > 1:
            item["kinds"] = found
        ordered = sorted(dates.get(twinning, ()), key=lambda d: (d.value.startswith("--"), d.value))
        item["established"] = date_info(ordered[0]) if ordered else None
    rows = _q(store, "twinning-parties")
    for row in rows:
        pair = (row["x"].value, row["role"].value)
        if pair not in data.parties[row["t"].value]:
            data.parties[row["t"].value].append(pair)
    org_classes = {row["c"].value for row in _q(store, "organization-classes")}
    rows = _q(store, "party-classes")
    for row in rows:
        agent = data.agents.setdefault(row["x"].value, {"kind": "group", "cls": None, "unit": None})
        cls = _v(row["cls"])
        if cls == KN + "AdministrativeUnit":
            agent["kind"] = "unit"
        elif cls == KN + "ForeignLocality" and agent["kind"] != "unit":
            agent["kind"] = "foreign"
        elif cls in org_classes and agent["kind"] != "unit":
            agent["kind"] = "organization"
            if agent["cls"] in (None, KN + "Organization"):
                agent["cls"] = cls  # the most specific class we meet
        agent["unit"] = agent["unit"] or _v(row["unit"])


def _current_statuses(store: ox.Store) -> dict[str, str]:
    """Twinning -> local name of its current status (kn:currentStatus, graph kg:derived, written by the
    build from every source's claims); a tie between two statuses keeps the first in name order."""
    statuses: dict[str, set[str]] = defaultdict(set)
    for row in _q(store, "current-statuses"):
        statuses[row["t"].value].add(local_name(row["status"].value))
    return {t: sorted(s)[0] for t, s in statuses.items()}


def read_units(store: ox.Store, data: NetworkData, iris: set[str] | None) -> None:
    """Unit descriptions; iris=None reads every unit (the whole country)."""
    if iris is not None and not iris:
        return
    scope = ""  # the whole country: scan the predicates (faster than joining on the type)
    if iris is not None:  # these units and their ancestors: provinces and context need them
        values = " ".join(f"<{iri}>" for iri in sorted(iris))
        found = {row["s"].value for row in _q(store, "units-and-ancestors", units=values)}
        scope = "VALUES ?s { %s }" % " ".join(f"<{iri}>" for iri in sorted(found))
    rows = _q(store, "unit-descriptions", scope=scope)
    described, units = defaultdict(lambda: {"labels": {}, "alt": [], "alt_lang": {}, "successors": []}), set()
    for row in rows:
        unit, p, o = described[row["s"].value], row["p"].value, row["o"]
        if p == RDF_TYPE:
            if o.value == KN + "AdministrativeUnit":
                units.add(row["s"].value)
        elif p == SKOS + "prefLabel":
            unit["labels"].setdefault(o.language or "", o.value)
        elif p in (SKOS + "altLabel", KN + "succeededBy"):
            values = unit["alt" if p == SKOS + "altLabel" else "successors"]
            values += [] if o.value in values else [o.value]
            if isinstance(o, ox.Literal) and o.language:  # "Que Son"@fr: the name in that language
                unit["alt_lang"].setdefault(o.language, o.value)
        elif p == AS_WKT:
            match = _POINT.search(o.value)
            if match:
                unit["lon"], unit["lat"] = float(match.group(1)), float(match.group(2))
        else:
            key = UNIT_KEYS[p]
            unit.setdefault(key, local_name(o.value) if key in ("era", "level", "unit_type") else o.value)
    data.units.update((iri, described[iri]) for iri in units)
    for row in _q(store, "unit-ancestors", scope=scope):
        data.ancestors[row["s"].value].add(row["a"].value)


# --------------------------------------------------------------------------- selection


def province_of(data: NetworkData, unit: str | None) -> str | None:
    candidates = (unit, *data.ancestors.get(unit, ())) if unit in data.units else ()
    return next((iri for iri in candidates if data.units.get(iri, {}).get("level") == "province"), None)


def resolve_provinces(store: ox.Store, text: str) -> set[str]:
    """Province units (either era) named by text: an IRI, 'pre2025/49', or a name with or without
    diacritics and type word ('Quảng Nam', 'tinh quang nam')."""
    wanted, found = search_key(text), set()
    rows = list(_q(store, "provinces"))
    for row in rows:
        iri, era, code = row["p"].value, local_name(row["era"].value), row["code"].value
        if text.strip() in (iri, f"{era}/{code}") or search_key(row["l"].value) == wanted:
            found.add(iri)
    if not found:
        from kg.graph.resolve import closest

        iris = {search_key(row["l"].value): row["p"].value for row in rows}
        shown: dict[str, str] = {}  # the shortest name of each province: 'Quảng Nam (pre2025/49)'
        for row in sorted(rows, key=lambda row: -len(row["l"].value)):
            shown[row["p"].value] = f"{row['l'].value} ({local_name(row['era'].value)}/{row['code'].value})"
        near = "; ".join(list(dict.fromkeys(shown[iris[key]] for key in closest(text, iris, 10)))[:5])
        raise SelectionError(
            f"no province named {text!r} (either era)" + (f"; closest: {near}" if near else ""),
            vi=f"không có tỉnh nào tên {text!r}" + (f"; tên gần nhất: {near}" if near else ""),
        )
    return found


def in_period(twinning: dict, selection: Selection) -> bool:
    year = (twinning.get("established") or {}).get("year")
    if selection.period is None or year is None:
        return selection.period is None or selection.include_undated
    start, end = selection.period
    return (start is None or year >= start) and (end is None or year <= end)


# --------------------------------------------------------------------------- details of twinnings


def read_details(store: ox.Store, data: NetworkData, selected: set[str]) -> dict[str, dict]:
    """Agreements, support, events, people and sources of the selected twinnings."""
    details = {t: {"agreements": {}, "support": [], "events": {}, "people": {}, "sources": []} for t in selected}
    label = functools.partial(label_of, data)
    for row in _q(store, "agreements"):
        if row["t"].value in details:
            agreement = details[row["t"].value]["agreements"].setdefault(
                row["a"].value,
                {
                    "iri": row["a"].value,
                    "label": label(row["a"].value),
                    "type": local_name(_v(row["type"])),
                    "signed_on": date_info(row["signed"]),
                    "content_areas": [],
                },
            )
            area = local_name(_v(row["area"]))
            if area and area not in agreement["content_areas"]:
                agreement["content_areas"].append(area)
    for row in _q(store, "supports"):  # top-level only: a part is inside its package's total
        items = details.get(row["t"].value, {}).get("support")
        if items is None or any(item["iri"] == row["s"].value for item in items):
            continue
        items.append(
            {
                "iri": row["s"].value,
                "label": label(row["s"].value),
                "value": _number(row["value"]) if row["value"] else None,
                "currency": _v(row["cur"]),
                "qualifier": local_name(_v(row["qual"])),
                "stated_as": _v(row["stated"]),
                "date": date_info(row["date"]),
                "giver": _v(row["giver"]),
                "recipient": _v(row["recipient"]),
            }
        )
    for row in _q(store, "events"):
        if row["t"].value in details:
            details[row["t"].value]["events"].setdefault(
                row["e"].value,
                {
                    "iri": row["e"].value,
                    "label": label(row["e"].value),
                    "type": local_name(_v(row["type"])),
                    "date": date_info(row["date"]),
                },
            )
    _read_people(store, data, details)
    _read_sources(store, data, details)
    for item in details.values():
        item["agreements"] = sorted(item["agreements"].values(), key=lambda a: a["iri"])
        item["events"] = sorted(item["events"].values(), key=lambda e: ((e["date"] or {}).get("value") or "", e["iri"]))
        item["people"] = sorted(item["people"].values(), key=lambda p: (fold(p["name"]), p["iri"]))
    return details


def _read_people(store: ox.Store, data: NetworkData, details: dict) -> None:
    """People at the twinning's events, who signed its agreements, or who held a post in a party
    (or in a body of a party unit) according to the same article that states the twinning.

    Simple queries joined here: one SPARQL query (a UNION joining posts to parties on the
    article) was orders of magnitude slower (docs/performance-history.md), and its
    `{ FILTER(?org = ?party) }` branch never matched: a filter alone in a group sees neither
    variable, so posts held in the party itself were missed."""
    pairs = [
        (row["t"].value, row["person"].value)
        for name in ("event-people", "agreement-signatories")
        for row in _q(store, name)
    ]
    by_party_source = defaultdict(set)  # (party, article) -> twinnings that article states
    for row in _q(store, "party-sources"):
        by_party_source[row["party"].value, row["src"].value].add(row["t"].value)
    units_of = defaultdict(set)  # body -> the units it belongs to (kn:ofUnit)
    for row in _q(store, "bodies-of-units"):
        units_of[row["org"].value].add(row["unit"].value)
    for row in _q(store, "post-holders"):
        org, src = row["org"].value, row["src"].value
        for party in {org, *units_of.get(org, ())}:
            pairs += [(t, row["person"].value) for t in by_party_source.get((party, src), ())]
    posts = defaultdict(list)
    for row in _q(store, "posts"):
        posts[row["person"].value].append(
            {
                "role": local_name(_v(row["role"])),
                "organization": label_of(data, _v(row["org"])),
                "as_of": date_info(row["asof"]),
            }
        )
    for twinning, iri in pairs:
        people = details.get(twinning, {}).get("people")
        if people is not None:
            people.setdefault(iri, {"iri": iri, "name": label_of(data, iri), "posts": posts.get(iri, [])})


def _read_sources(store: ox.Store, data: NetworkData, details: dict) -> None:
    info = {}
    for row in _q(store, "sources"):
        info.setdefault(
            row["s"].value,
            compact(
                {
                    "iri": row["s"].value,
                    "title": label_of(data, row["s"].value, "title"),
                    "language": _v(row["lang"]),
                    "url": _v(row["url"]),
                    "address": _v(row["address"]),
                    "issued": _v(row["issued"]),
                }
            ),
        )
    rows = _q(store, "twinning-sources")
    for row in rows:
        if row["t"].value in details and row["src"].value in info:
            details[row["t"].value]["sources"].append(info[row["src"].value])


def label_of(data: NetworkData, iri: str | None, key: str = "vi") -> str | None:
    if iri is None:
        return None
    labels = data.labels.get(iri) or data.units.get(iri, {}).get("labels") or {}
    return labels.get(key) or labels.get("vi") or labels.get("") or next(iter(labels.values()), None) or local_name(iri)


def support_totals(items: list[dict]) -> dict:
    """VND totals of top-level supports, split by how exact the article is."""
    totals = {"exact": 0, "lower-bound": 0, "approximate": 0}
    for item in items:
        if item["value"] is not None and (item["currency"] or "VND") == "VND":
            # An amount not stated as exact or as a bound is counted as approximate, never as exact.
            key = item["qualifier"] if item["qualifier"] in totals else "approximate"
            totals[key] += item["value"]
    return totals


# --------------------------------------------------------------------------- the graph


def compact(attrs: dict) -> dict:
    return {key: value for key, value in attrs.items() if value not in (None, [], {}, "")}
