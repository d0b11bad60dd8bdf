"""The twinning network: units and organizations as nodes, twinnings as edges (a networkx MultiGraph).

Built from the store with a handful of bulk SPARQL queries (never one query per node), then
shaped by a Selection (a province of either era, a period, the whole country). Node ids are
IRIs; each edge is keyed by its twinning's IRI, so two twinnings between the same pair stay two
edges. Concepts (kinds, statuses, levels...) are kept as local names ("sister-localities"); their
vi/en labels are in G.graph["vocabulary"].

    import kg.network.model as net
    G = net.build_network(open_store(), net.Selection(province="Quảng Nam", period=(1960, 1980)))
    net.summarize(G)   # degree, components, pairs across provinces, twinnings per decade
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import asdict

import networkx as nx
import pyoxigraph as ox

from kg import progress
from kg.network.reading import (
    KN,
    KNV,
    UNKNOWN_DECADE,
    NetworkData,
    Selection,
    SelectionError,
    compact,
    in_period,
    label_of,
    local_name,
    province_of,
    read_details,
    read_labels,
    read_twinnings,
    read_units,
    resolve_provinces,
    support_totals,
)


def build_network(store: ox.Store, selection: Selection | None = None) -> nx.MultiGraph:
    """The twinning network of the store, shaped by selection (see Selection)."""
    selection = selection or Selection()
    start, end = selection.period or (None, None)
    if start is not None and end is not None and start > end:
        raise SelectionError(
            f"the period {start}–{end} ends before it starts",
            vi=f"khoảng thời gian {start}–{end} kết thúc trước khi bắt đầu",
        )
    provinces = resolve_provinces(store, selection.province) if selection.province else None
    data = NetworkData()
    steps = progress.Steps(5, "reading the network")  # national graphs: each step takes seconds
    read_labels(store, data)
    steps.advance("labels")
    read_twinnings(store, data)
    steps.advance("twinnings")
    read_units(store, data, None if selection.all_units else {_unit_of(data, x) for x in data.agents} - {None})
    steps.advance("units")
    selected = {
        twinning
        for twinning, info in data.twinnings.items()
        if len(data.parties.get(twinning, [])) >= 2
        and in_period(info, selection)
        and (
            not provinces
            or any(province_of(data, _unit_of(data, party)) in provinces for party, _ in data.parties[twinning])
        )
    }

    G = nx.MultiGraph(name="Kết nghĩa — twinning network", selection=asdict(selection), vocabulary=_vocabulary(data))
    for twinning in sorted(selected):
        for party, _ in data.parties[twinning]:
            _add_agent(G, data, party)
    if selection.all_units:
        for unit in sorted(data.units):
            if not provinces or province_of(data, unit) in provinces:
                _add_unit(G, data, unit)
    if selection.with_context:
        for node in list(G.nodes):
            unit = _unit_of(data, node)
            for iri in sorted({unit, *data.ancestors.get(unit, ())} - {None, node}):
                if iri not in G:
                    _add_unit(G, data, iri, context=True)
    details = read_details(store, data, selected)
    steps.advance("details")
    for twinning in sorted(selected):
        _add_twinning(G, data, twinning, details[twinning])
    annotate(G)
    steps.advance("graph")
    return G


def _unit_of(data: NetworkData, agent: str | None) -> str | None:
    if agent in data.units or data.agents.get(agent, {}).get("kind") == "unit":
        return agent
    return data.agents.get(agent, {}).get("unit")


def _vocabulary(data: NetworkData) -> dict:
    return {
        local_name(iri): {lang: text for lang, text in labels.items() if lang in ("vi", "en")}
        for iri, labels in sorted(data.labels.items())
        if iri.startswith((KNV, KN))
    }


def _own_coordinates(data: NetworkData, unit: str | None) -> tuple[float | None, float | None, str | None]:
    """The unit's centroid, else its nearest ancestor's (a village has none of its own)."""
    current, how = unit, "centroid"
    while current in data.units:
        if "lat" in data.units[current]:
            return data.units[current]["lat"], data.units[current]["lon"], how
        current, how = data.units[current].get("parent"), "parent"
    return None, None, None


def _coordinates(data: NetworkData, unit: str | None) -> tuple[float | None, float | None, str | None]:
    """As _own_coordinates; a unit of the historical gazetteer has no centroid of its own, so it
    sits where its successors do (followed through later mergers and splits; those of its own name
    if some are, else their mean): approximate, and said so ("successors"). Without this the
    provinces of the 1959–1960 north–south twinnings waited in a column west of the map."""
    lat, lon, how = _own_coordinates(data, unit)
    if lat is not None or unit not in data.units:
        return lat, lon, how
    found, seen, todo = [], {unit}, list(data.units[unit]["successors"])
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        lat, lon, _ = _own_coordinates(data, current)
        if lat is not None:
            found.append((current, lat, lon))
        elif current in data.units:
            todo += data.units[current]["successors"]
    name = data.units[unit].get("name")
    same = [f for f in found if name and data.units[f[0]].get("name") == name]
    found = same or found
    if not found:
        return None, None, None
    return sum(f[1] for f in found) / len(found), sum(f[2] for f in found) / len(found), "successors"


def _add_unit(G: nx.MultiGraph, data: NetworkData, iri: str, context: bool = False) -> None:
    if iri in G:
        return
    unit = data.units.get(iri, {"labels": {}, "alt": [], "alt_lang": {}, "successors": []})
    labels, province = {**unit["alt_lang"], **unit["labels"]}, province_of(data, iri)
    lat, lon, how = _coordinates(data, iri)
    G.add_node(
        iri,
        **compact(
            {
                "kind": "unit",
                "iri": iri,
                "label": labels.get("vi") or unit.get("name") or local_name(iri),
                "name": unit.get("name"),
                "label_en": labels.get("en"),
                "label_fr": labels.get("fr"),
                "alt_labels": unit["alt"],
                "level": unit.get("level"),
                "unit_type": unit.get("unit_type"),
                "era": unit.get("era"),
                "code": unit.get("code"),
                "parent": unit.get("parent"),
                "parent_label": label_of(data, unit.get("parent")),
                "province": province,
                "province_label": _province_label(data, province),
                "lat": lat,
                "lon": lon,
                "coordinates_from": how,
                "valid_from": unit.get("valid_from"),
                "valid_until": unit.get("valid_until"),
                "successors": sorted(set(unit["successors"])),
                "context": context or None,
            }
        ),
    )


def _province_label(data: NetworkData, province: str | None) -> str | None:
    return province and (data.units[province].get("name") or data.units[province]["labels"].get("vi"))


def _add_agent(G: nx.MultiGraph, data: NetworkData, iri: str) -> None:
    agent = data.agents.get(iri, {"kind": "group", "cls": None, "unit": None})
    if agent["kind"] == "unit":
        _add_unit(G, data, iri)
        return
    if iri in G:
        return
    labels, unit = data.labels.get(iri, {}), agent["unit"]
    unit_info = data.units.get(unit, {})
    lat, lon, _ = _coordinates(data, unit)
    province = province_of(data, unit)
    G.add_node(
        iri,
        **compact(
            {
                "kind": agent["kind"],
                "iri": iri,
                "label": labels.get("vi") or labels.get("") or local_name(iri),
                "label_en": labels.get("en"),
                "label_fr": labels.get("fr"),
                "org_type": local_name(agent["cls"]),
                "unit": unit,
                "unit_label": label_of(data, unit),
                "level": unit_info.get("level"),
                "era": unit_info.get("era"),
                "province": province,
                "province_label": _province_label(data, province),
                "lat": lat,
                "lon": lon,
                "coordinates_from": "unit" if lat is not None else None,
                # An organization lives as long as the unit it belongs to.
                "valid_from": unit_info.get("valid_from"),
                "valid_until": unit_info.get("valid_until"),
            }
        ),
    )


def _add_twinning(G: nx.MultiGraph, data: NetworkData, iri: str, details: dict) -> None:
    info, parties = data.twinnings[iri], data.parties[iri]
    sponsors = [p for p, role in parties if role == "sponsor"]
    sponsored = [p for p, role in parties if role == "sponsored"]
    if sponsors and sponsored:
        pairs = [(a, b) for a in sponsors for b in sponsored]
    else:
        pairs = list(itertools.combinations(sorted({p for p, _ in parties}), 2))
    labels, established = data.labels.get(iri, {}), info.get("established") or {}
    eras = {G.nodes[p].get("era") for p, _ in parties} - {None}
    attrs = compact(
        {
            "iri": iri,
            "label": labels.get("vi") or labels.get("") or local_name(iri),
            "label_en": labels.get("en"),
            "label_fr": labels.get("fr"),
            "kind": info.get("kind"),
            "kinds": info.get("kinds"),
            "status": info.get("status"),
            "established": established.get("value"),
            "established_precision": established.get("precision"),
            "year": established.get("year"),
            "relative": info.get("relative"),
            "parent_twinning": info.get("parent"),
            "era": eras.pop() if len(eras) == 1 else ("mixed" if eras else None),
            "agreements": details["agreements"],
            "support": details["support"],
            "events": details["events"],
            "people": details["people"],
            "sources": details["sources"],
        }
    )
    attrs["support_vnd"] = support_totals(details["support"])
    for a, b in pairs:
        G.add_edge(a, b, key=iri, **attrs, **({"sponsor": a} if sponsors and sponsored else {}))


# --------------------------------------------------------------------------- analytics


def annotate(G: nx.Graph) -> None:
    """Store each node's degree (number of twinnings) and its connected component (0 = largest)."""
    for node, degree in G.degree():
        G.nodes[node]["degree"] = degree
    components = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(map(str, c))))
    for index, component in enumerate(components):
        for node in component:
            G.nodes[node]["component"] = index


def twinnings_per_decade(G: nx.Graph) -> dict[str, int]:
    """'1960s' -> count; twinnings without a known year (undated, day-month only, relative) are 'unknown'."""
    years = {_twinning_id(u, v, key, attrs): attrs.get("year") for u, v, key, attrs in iter_edges(G)}
    counts = Counter(f"{year // 10 * 10}s" if isinstance(year, int) else UNKNOWN_DECADE for year in years.values())
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNKNOWN_DECADE, kv[0])))


def cross_province_pairs(G: nx.Graph) -> list[dict]:
    """Twinnings whose two ends lie in different provinces (ends without a province are left out)."""
    pairs = []
    for u, v, key, attrs in iter_edges(G):
        pu, pv = G.nodes[u].get("province"), G.nodes[v].get("province")
        if pu and pv and pu != pv:
            pairs.append(
                {
                    "twinning": _twinning_id(u, v, key, attrs),
                    "label": attrs.get("label"),
                    "ends": [u, v],
                    "provinces": [G.nodes[u].get("province_label", pu), G.nodes[v].get("province_label", pv)],
                }
            )
    return pairs


def summarize(G: nx.Graph, top: int = 10) -> dict:
    """Degree, components, pairs across provinces and twinnings per decade, as plain data."""
    sizes = sorted((len(c) for c in nx.connected_components(G)), reverse=True)
    ranked = sorted(G.degree(), key=lambda nd: (-nd[1], str(nd[0])))[:top]
    cross = cross_province_pairs(G)
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "twinnings": len({_twinning_id(*edge) for edge in iter_edges(G)}),
        "components": {"count": len(sizes), "sizes": sizes[:top]},
        "top_degree": [{"node": n, "label": G.nodes[n].get("label", str(n)), "degree": d} for n, d in ranked],
        "cross_province": {"count": len(cross), "pairs": cross},
        "per_decade": twinnings_per_decade(G),
    }


def _twinning_id(u, v, key, attrs: dict):
    """A twinning with three parties is several edges with one IRI: count it once."""
    return attrs.get("iri") or (key if key is not None else (u, v))


def iter_edges(G: nx.Graph):
    """(u, v, key, attrs) for any graph: key is None in a simple graph."""
    yield from (
        G.edges(keys=True, data=True)
        if G.is_multigraph()
        else ((u, v, None, attrs) for u, v, attrs in G.edges(data=True))
    )
