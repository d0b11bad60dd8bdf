"""The twinning network in exchange formats: GraphML, GEXF 1.3 (dynamic), node-link JSON and
Linked Places Format (GeoJSON-LD).

GraphML and GEXF hold only scalar attributes, so they get a *flat* copy of the network: lists and
details become short text ("agreements", "source_titles"...), and ids become XML-safe short forms
of the IRIs ("unit:pre2025:509"; the full IRI stays in the "iri" attribute). Node-link JSON keeps
everything. Nothing here fetches anything: the Linked Places @context is written as a string.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import networkx as nx

from kg.iris import BASE
from kg.network.model import iter_edges, summarize

ID_BASE = BASE + "id/"
GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
GAZETTEER_CITATION = {
    "label": "vietnamadminunits (danh mục đơn vị hành chính quốc gia / national gazetteer)",
    "@id": "https://pypi.org/project/vietnamadminunits/",
}
FORMATS = ("graphml", "gexf", "json", "linked-places")


def short_id(iri: str) -> str:
    """An XML NMTOKEN for an IRI: 'https://w3id.org/ketnghia/id/unit/pre2025/509' -> 'unit:pre2025:509'."""
    text = iri[len(ID_BASE) :] if str(iri).startswith(ID_BASE) else str(iri)
    return "".join(ch if ch.isalnum() or ch in ".-_:" else ":" if ch == "/" else "_" for ch in text)


def _write_text(path, text: str) -> None:
    from kg.safe_output import write_output

    write_output(path, text)


def export(G: nx.Graph, fmt: str, path) -> None:
    {"graphml": write_graphml, "gexf": write_gexf, "json": write_node_link, "linked-places": write_linked_places}[fmt](
        G, path
    )


# --------------------------------------------------------------------------- flat copy


def _joined(values) -> str | None:
    values = [str(v) for v in values if v not in (None, "")]
    return " | ".join(values) or None


def _aligned(values) -> str | None:
    """Joined keeping the place of a missing value, left empty ('vi |  | fr'), not '-'."""
    values = ["" if v is None else str(v) for v in values]
    return " | ".join(values) if any(values) else None


def _dated(label: str, when: dict | None) -> str:
    """'Label (1968-11-20)', or the label alone when the date is not known."""
    value = (when or {}).get("value")
    return f"{label} ({value})" if value else label


def _flat_node(attrs: dict) -> dict:
    flat = {}
    for key, value in attrs.items():
        if isinstance(value, (list, tuple)):
            value = _joined(value)
        if isinstance(value, bool):
            flat[key] = value
        elif isinstance(value, (int, float, str)):
            flat[key] = value
    return flat


def _flat_edge(attrs: dict) -> dict:
    flat = {k: v for k, v in attrs.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
    agreements = attrs.get("agreements", [])
    flat["agreements"] = _joined(_dated(a["label"], a.get("signed_on")) for a in agreements)
    flat["content_areas"] = _joined(sorted({area for a in agreements for area in a.get("content_areas", [])}))
    flat["events"] = _joined(_dated(e["label"], e.get("date")) for e in attrs.get("events", []))
    flat["people"] = _joined(p["name"] for p in attrs.get("people", []))
    sources = attrs.get("sources", [])
    flat["source_titles"] = _joined(s.get("title") for s in sources)
    # Same order in the three lists; an empty place is what an article does not give.
    flat["source_languages"] = _aligned(s.get("language") for s in sources)
    flat["source_urls"] = _aligned(s.get("url") for s in sources)
    flat["sources"] = _joined(s.get("iri") for s in sources)
    for qualifier, total in (attrs.get("support_vnd") or {}).items():
        flat[f"support_vnd_{qualifier.replace('-', '_')}"] = float(total)  # one type per key, always
    flat["year_known"] = isinstance(attrs.get("year"), int)
    return {k: v for k, v in flat.items() if v is not None}


def flat_graph(G: nx.Graph) -> nx.MultiGraph:
    """A copy with scalar attributes and XML-safe ids (edge keys unique even for 3-party twinnings)."""
    flat = nx.MultiGraph(name=str(G.graph.get("name", "")))
    ids = {node: short_id(node) for node in G.nodes}
    for node, attrs in G.nodes(data=True):
        flat.add_node(ids[node], **{"iri": str(node), **_flat_node(attrs)})
    used = set()
    for u, v, key, attrs in iter_edges(G):
        base = short_id(attrs.get("iri") or key or f"{u}--{v}")
        edge_id, n = base, 1
        while edge_id in used:
            n += 1
            edge_id = f"{base}.{n}"
        used.add(edge_id)
        flat.add_edge(ids[u], ids[v], key=edge_id, **_flat_edge(attrs))
    return flat


# --------------------------------------------------------------------------- GraphML, JSON


def write_graphml(G: nx.Graph, path) -> None:
    from kg.safe_output import open_output

    with open_output(path, binary=True) as handle:
        nx.write_graphml(flat_graph(G), handle, encoding="utf-8", prettyprint=True)


def node_link(G: nx.Graph) -> dict:
    data = nx.node_link_data(G, edges="edges")
    data["graph"] = {**G.graph, "analytics": summarize(G)}
    return data


def write_node_link(G: nx.Graph, path) -> None:
    _write_text(path, json.dumps(node_link(G), ensure_ascii=False, indent=1, default=str))


# --------------------------------------------------------------------------- GEXF 1.3

GEXF_TYPES = ((bool, "boolean"), (int, "integer"), (float, "double"), (str, "string"))


def _gexf_type(values) -> str:
    for python, name in GEXF_TYPES:
        if all(isinstance(v, python) for v in values):
            return name
    return "string"


def _gexf_value(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _day(value: str | None, precision: str | None) -> str | None:
    """A date of any precision as the first day it covers (GEXF timeformat 'date'); None if the year is unknown."""
    if not value or precision in (None, "month-day", "unknown"):
        return None
    return {"day": value[:10], "month": value[:7] + "-01", "year": value[:4] + "-01-01"}.get(precision)


def write_gexf(G: nx.Graph, path) -> None:
    """GEXF 1.3, dynamic: nodes live from valid_from to valid_until, twinnings from their
    establishment (never before their parties exist, never after they end)."""
    flat = flat_graph(G)
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(
        f"{{{GEXF_NS}}}gexf", {"version": "1.3", f"{{{XSI_NS}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd"}
    )
    meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "kg export gexf (Kết nghĩa knowledge graph)"
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = (
        "Twinnings (kết nghĩa) between Vietnamese localities. Node intervals: validity of the unit; "
        "edge intervals: from the establishment date (twinnings whose year is unknown have none)."
    )
    graph = ET.SubElement(
        root,
        f"{{{GEXF_NS}}}graph",
        {"defaultedgetype": "undirected", "mode": "dynamic", "timeformat": "date", "timerepresentation": "interval"},
    )
    node_ids = _gexf_attributes(graph, "node", [a for _, a in flat.nodes(data=True)], skip={"label"})
    edge_ids = _gexf_attributes(graph, "edge", [a for *_, a in flat.edges(keys=True, data=True)], skip={"label"})
    nodes = ET.SubElement(graph, f"{{{GEXF_NS}}}nodes")
    spans = {}
    for node, attrs in flat.nodes(data=True):
        # GEXF's timeformat is "date": a validity known to the year or month (historical units)
        # opens on its first day and closes on its last
        start, end = _full_date(attrs.get("valid_from"), True), _full_date(attrs.get("valid_until"), False)
        spans[node] = (start, end)
        element = ET.SubElement(
            nodes, f"{{{GEXF_NS}}}node", _interval({"id": node, "label": str(attrs.get("label", node))}, start, end)
        )
        _gexf_values(element, node_ids, attrs)
        if attrs.get("lon") is not None:  # a map in Gephi's Overview: x = longitude × 100, y = latitude × 100
            ET.SubElement(
                element,
                f"{{{VIZ_NS}}}position",
                {"x": f"{attrs['lon'] * 100:.2f}", "y": f"{attrs['lat'] * 100:.2f}", "z": "0.0"},
            )
        ET.SubElement(element, f"{{{VIZ_NS}}}size", {"value": str(4 + 2 * attrs.get("degree", 1))})
    edges = ET.SubElement(graph, f"{{{GEXF_NS}}}edges")
    for u, v, key, attrs in flat.edges(keys=True, data=True):
        starts = [
            d
            for d in (_day(attrs.get("established"), attrs.get("established_precision")), spans[u][0], spans[v][0])
            if d
        ]
        ends = [d for d in (spans[u][1], spans[v][1]) if d]
        start, end = (max(starts) if starts else None), (min(ends) if ends else None)
        if start and end and start > end:
            end = None  # established after a party ended: keep the fact, drop the inconsistent end
        element = ET.SubElement(
            edges,
            f"{{{GEXF_NS}}}edge",
            _interval({"id": key, "source": u, "target": v, "label": str(attrs.get("label", key))}, start, end),
        )
        _gexf_values(element, edge_ids, attrs)
    ET.indent(root)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    from kg.safe_output import open_output

    with open_output(path, binary=True) as handle:
        ET.ElementTree(root).write(handle, encoding="utf-8", xml_declaration=True)


def _full_date(value, first: bool):
    """ "1994" -> "1994-01-01" (or "1994-12-31"), "1994-06" -> first or last day; a full date as it is."""
    if not value or len(str(value)) == 10:
        return value
    text = str(value)
    if len(text) == 4:
        return f"{text}-01-01" if first else f"{text}-12-31"
    if len(text) == 7:
        import calendar

        year, month = int(text[:4]), int(text[5:7])
        return f"{text}-01" if first else f"{text}-{calendar.monthrange(year, month)[1]:02d}"
    return value


def _interval(attrib: dict, start: str | None, end: str | None) -> dict:
    if start:
        attrib["start"] = start
    if end:
        attrib["end"] = end
    return attrib


def _gexf_attributes(graph: ET.Element, cls: str, items: list[dict], skip: set) -> dict:
    """Declare one attribute per key, typed by its values; returns key -> (id, type)."""
    keys = sorted({k for attrs in items for k in attrs} - skip)
    element = ET.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": "static"})
    declared = {}
    for i, key in enumerate(keys):
        kind = _gexf_type([attrs[key] for attrs in items if key in attrs])
        declared[key] = (str(i), kind)
        ET.SubElement(element, f"{{{GEXF_NS}}}attribute", {"id": str(i), "title": key, "type": kind})
    return declared


def _gexf_values(element: ET.Element, declared: dict, attrs: dict) -> None:
    values = ET.SubElement(element, f"{{{GEXF_NS}}}attvalues")
    for key, (attr_id, _) in declared.items():
        if key in attrs:
            ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": attr_id, "value": _gexf_value(attrs[key])})


# --------------------------------------------------------------------------- Linked Places


def _when(start: str | None, end: str | None) -> dict | None:
    """Unit validity as LPF 'when'. The gazetteer gives a pre-2025 unit only its last day, so its
    start is 'latest' that day; a 2025 unit has no end yet (the label says so)."""
    if start and end:
        return {"timespans": [{"start": {"in": start}, "end": {"in": end}}]}
    if end:
        return {
            "timespans": [{"start": {"latest": end}, "end": {"in": end}}],
            "label": f"until {end}; start not in the gazetteer",
        }
    if start:
        return {"timespans": [{"start": {"in": start}}], "label": f"from {start}, still in force"}
    return None


def linked_places(G: nx.Graph) -> dict:
    """Administrative units as Linked Places features: names, types, validity, part-of, succession
    and twinning relations (twinnings with organizations are left out: they are not places)."""
    vocabulary = G.graph.get("vocabulary") or {}
    features = []
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind", "unit") != "unit":
            continue
        feature = {
            "@id": str(node),
            "type": "Feature",
            "properties": {
                "title": attrs.get("label", str(node)),
                "ccodes": ["VN"],
                "fclasses": ["A"],
                **{k: attrs[k] for k in ("level", "era", "code", "province_label") if k in attrs},
            },
            "names": _names(attrs),
            "geometry": _geometry(attrs),
        }
        when = _when(attrs.get("valid_from"), attrs.get("valid_until"))
        if when:
            feature["when"] = when
        if attrs.get("unit_type"):
            labels = vocabulary.get(attrs["unit_type"], {})
            feature["types"] = [
                {
                    "identifier": BASE + "vocab/" + attrs["unit_type"],
                    "label": labels.get("en", attrs["unit_type"]),
                    "sourceLabels": [{"label": labels.get("vi", attrs["unit_type"]), "lang": "vi"}],
                }
            ]
        feature["relations"] = _relations(G, node, attrs)
        features.append(feature)
    return {"type": "FeatureCollection", "@context": LPF_CONTEXT, "features": features}


def _names(attrs: dict) -> list[dict]:
    names = [{"toponym": attrs.get("label", ""), "lang": "vi", "citations": [GAZETTEER_CITATION]}]
    seen = {names[0]["toponym"]}
    for toponym, lang in (
        (attrs.get("name"), "vi"),
        (attrs.get("label_en"), "en"),
        (attrs.get("label_fr"), "fr"),
        *((alt, None) for alt in attrs.get("alt_labels", [])),
    ):
        if toponym and toponym not in seen:
            seen.add(toponym)
            names.append({"toponym": toponym, **({"lang": lang} if lang else {})})
    return names


def _geometry(attrs: dict) -> dict | None:
    if attrs.get("lon") is None:
        return None
    point = {"type": "Point", "coordinates": [attrs["lon"], attrs["lat"]]}
    if attrs.get("coordinates_from") == "centroid":
        return point
    # Borrowed from the parent unit or the successors: say how uncertain it is.
    return {"type": "GeometryCollection", "geometries": [{**point, "certainty": "less-certain"}]}


def _relations(G: nx.Graph, node, attrs: dict) -> list[dict]:
    when = _when(attrs.get("valid_from"), attrs.get("valid_until"))
    relations = []
    if attrs.get("parent"):
        relations.append(
            {
                "relationType": "gvp:broaderPartitive",
                "relationTo": attrs["parent"],
                "label": f"part of {attrs.get('parent_label') or attrs['parent']}",
                **({"when": when} if when else {}),
            }
        )
    for successor in attrs.get("successors", []):
        relations.append(
            {
                "relationType": "gvp:tgn3000_related_to",
                "relationTo": successor,
                "label": "succeeded by (administrative reform of 1 July 2025)",
                "when": {"timespans": [{"start": {"in": "2025-07-01"}}]},
            }
        )
    for _, other, key, edge in _incident(G, node):
        if G.nodes[other].get("kind", "unit") != "unit":
            continue
        relation = {
            "relationType": "gvp:tgn3000_related_to",
            "relationTo": str(other),
            "label": f"kết nghĩa / twinned with {G.nodes[other].get('label', other)}: {edge.get('label', key)}",
        }
        start = _day(edge.get("established"), edge.get("established_precision"))
        if start:
            relation["when"] = {"timespans": [{"start": {"in": edge["established"]}}], "label": f"since {start}"}
        citations = [
            {"label": s.get("title") or s.get("iri"), "@id": s.get("url") or s.get("iri")}
            for s in edge.get("sources", [])
        ]
        if citations:
            relation["citations"] = citations
        relations.append(relation)
    return relations


def _incident(G: nx.Graph, node):
    if G.is_multigraph():
        yield from G.edges(node, keys=True, data=True)
    else:
        for u, v, attrs in G.edges(node, data=True):
            yield u, v, None, attrs


def write_linked_places(G: nx.Graph, path) -> None:
    _write_text(path, json.dumps(linked_places(G), ensure_ascii=False, indent=1))
