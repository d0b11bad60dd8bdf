"""`kg export`: GraphML, GEXF 1.3, node-link JSON, Linked Places and the explorer page, checked
offline (round trips through networkx, structure rules) — the browser tests are separate."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg.network import exports, explorer, layout
from kg.network import model as net

ID = "https://w3id.org/ketnghia/id/"
TX_QS = f"{ID}twinning/sister-localities-pre2025-395--pre2025-509"
G_NS, VIZ = "{http://gexf.net/1.3}", "{http://gexf.net/1.3/viz}"
NMTOKEN = re.compile(r"^[\w.:-]+$")


@pytest.fixture(scope="module")
def graph(built_store):
    return net.build_network(built_store, net.Selection(with_context=True))


@pytest.fixture(scope="module")
def written(graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    paths = {fmt: folder / f"ketnghia.{fmt}" for fmt in exports.FORMATS}
    for fmt, path in paths.items():
        exports.export(graph, fmt, path)
    return paths


# --------------------------------------------------------------------------- GraphML, JSON


def test_graphml_round_trip(graph, written):
    back = nx.read_graphml(written["graphml"])
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert {attrs["iri"] for _, attrs in back.nodes(data=True)} == set(graph.nodes)
    assert all(NMTOKEN.match(node) for node in back.nodes)  # GraphML ids are NMTOKENs
    que_son = back.nodes[exports.short_id(f"{ID}unit/pre2025/509")]
    assert que_son["label"] == "Huyện Quế Sơn" and que_son["lat"] == graph.nodes[f"{ID}unit/pre2025/509"]["lat"]
    (tx_qs,) = [a for *_, a in back.edges(data=True) if a.get("iri") == TX_QS]
    assert tx_qs["established"] == "1968-11-20" and tx_qs["year"] == 1968
    assert tx_qs["support_vnd_exact"] == 120000000.0
    # seed 002 in French, five corpus articles in Vietnamese
    assert sorted(tx_qs["source_languages"].split(" | ")) == ["fr", "vi", "vi", "vi", "vi", "vi"]
    assert "Afin de renforcer" in tx_qs["source_titles"]


def test_node_link_json_keeps_everything(graph, written):
    data = json.loads(written["json"].read_text("utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert set(back.nodes) == set(graph.nodes) and back.number_of_edges() == graph.number_of_edges()
    assert back.is_multigraph() and back.has_edge(f"{ID}unit/pre2025/395", f"{ID}unit/pre2025/509", key=TX_QS)
    tx_qs = back.edges[f"{ID}unit/pre2025/395", f"{ID}unit/pre2025/509", TX_QS]
    assert "fr" in {s["language"] for s in tx_qs["sources"]} and tx_qs["events"][0]["date"]["precision"] == "day"
    assert data["graph"]["analytics"]["per_decade"]["1960s"] == net.summarize(graph)["per_decade"]["1960s"] >= 1
    assert data["graph"]["vocabulary"]["sister-localities"]["vi"] == "Kết nghĩa"


# --------------------------------------------------------------------------- GEXF 1.3

GEXF_TYPES = {
    "integer": int,
    "long": int,
    "double": float,
    "float": float,
    "boolean": lambda v: {"true": True, "false": False}[v],
    "string": str,
    "anyURI": str,
}


def gexf_problems(path) -> list[str]:
    """The GEXF 1.3 structure rules we can check offline (the XSD itself is online only)."""
    problems = []
    root = ET.parse(path).getroot()
    if root.tag != f"{G_NS}gexf" or root.get("version") != "1.3":
        return [f"root is {root.tag} version {root.get('version')}"]
    if "http://gexf.net/1.3" not in (root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") or ""):
        problems.append("no schemaLocation for GEXF 1.3")
    graphs = root.findall(f"{G_NS}graph")
    if len(graphs) != 1:
        return problems + [f"{len(graphs)} graph elements"]
    graph = graphs[0]
    if graph.get("defaultedgetype") not in ("directed", "undirected", "mutual"):
        problems.append(f"defaultedgetype {graph.get('defaultedgetype')}")
    if (graph.get("mode"), graph.get("timeformat"), graph.get("timerepresentation")) != ("dynamic", "date", "interval"):
        problems.append("not a dynamic graph with date intervals")
    order = [child.tag for child in graph]
    if order != sorted(order, key=lambda tag: {f"{G_NS}attributes": 0, f"{G_NS}nodes": 1, f"{G_NS}edges": 2}[tag]):
        problems.append(f"children out of order: {order}")
    declared = {}
    for attributes in graph.findall(f"{G_NS}attributes"):
        cls = attributes.get("class")
        for attribute in attributes.findall(f"{G_NS}attribute"):
            if attribute.get("id") in declared.setdefault(cls, {}):
                problems.append(f"{cls} attribute id {attribute.get('id')} declared twice")
            if attribute.get("type") not in GEXF_TYPES:
                problems.append(f"{cls} attribute type {attribute.get('type')}")
            declared[cls][attribute.get("id")] = attribute.get("type")

    def check(element, cls, what):
        start, end = element.get("start"), element.get("end")
        for value in (start, end):
            if value is not None:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    problems.append(f"{what}: bad date {value}")
                    return None
        if start and end and start > end:
            problems.append(f"{what}: starts {start} after it ends {end}")
        for value in element.iter(f"{G_NS}attvalue"):
            kind = declared.get(cls, {}).get(value.get("for"))
            if kind is None:
                problems.append(f"{what}: value for undeclared attribute {value.get('for')}")
                continue
            try:
                GEXF_TYPES[kind](value.get("value"))
            except (KeyError, ValueError):
                problems.append(f"{what}: {value.get('value')!r} is not {kind}")
        for colour in element.iter(f"{VIZ}color"):
            if not all(0 <= int(colour.get(c)) <= 255 for c in "rgb"):
                problems.append(f"{what}: colour out of range")
        return start, end

    spans = {}
    for node in graph.iter(f"{G_NS}node"):
        if node.get("id") in spans:
            problems.append(f"node id {node.get('id')} twice")
        spans[node.get("id")] = check(node, "node", f"node {node.get('id')}")
        for position in node.iter(f"{VIZ}position"):
            float(position.get("x")), float(position.get("y"))
    edge_ids = set()
    for edge in graph.iter(f"{G_NS}edge"):
        what = f"edge {edge.get('id')}"
        if edge.get("id") in edge_ids:
            problems.append(f"{what} twice")
        edge_ids.add(edge.get("id"))
        if edge.get("source") not in spans or edge.get("target") not in spans:
            problems.append(f"{what}: unknown end")
            continue
        span = check(edge, "edge", what)
        for end in (edge.get("source"), edge.get("target")):  # an edge lives within its nodes' lives
            node_span = spans[end]
            if span and node_span and span[0] and node_span[1] and span[0] > node_span[1]:
                problems.append(f"{what}: starts after {end} ends")
    return problems


def test_gexf_is_well_formed_1_3_dynamic(written):
    assert gexf_problems(written["gexf"]) == []


def test_the_gexf_checker_catches_broken_files(written, tmp_path):
    text = written["gexf"].read_text("utf-8")
    broken = tmp_path / "broken.gexf"
    assert 'start="1968-11-20" end="2025-06-30"' in text  # Thọ Xuân – Quế Sơn
    broken.write_text(
        text.replace('mode="dynamic"', 'mode="static"', 1).replace('start="1968-11-20"', 'start="2030-01-01"', 1),
        "utf-8",
    )
    problems = gexf_problems(broken)
    assert any("dynamic" in p for p in problems) and any("after it ends" in p or "starts after" in p for p in problems)


def test_gexf_round_trip_with_time_intervals(graph, written):
    back = nx.read_gexf(written["gexf"])
    assert back.graph["mode"] == "dynamic"
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    tho_xuan, que_son = exports.short_id(f"{ID}unit/pre2025/395"), exports.short_id(f"{ID}unit/pre2025/509")
    tx_qs = back.edges[tho_xuan, que_son]
    assert (tx_qs["start"], tx_qs["end"]) == ("1968-11-20", "2025-06-30")  # from 1968 until the reform
    assert tx_qs["iri"] == TX_QS and tx_qs["year_known"] is True
    assert back.nodes[que_son]["end"] == "2025-06-30" and "start" not in back.nodes[que_son]
    hoa_cuong = back.nodes[exports.short_id(f"{ID}unit/2025/20257")]
    assert hoa_cuong["start"] == "2025-07-01" and "end" not in hoa_cuong
    offices = [a for *_, a in back.edges(data=True) if a["iri"].endswith("org-party-office-pre2025-49")][0]
    # 12 June, year unknown: no date of its own; it starts when Quảng Nam (re-established on
    # 1 January 1997, data/history) did
    assert offices["year_known"] is False and offices.get("start") == "1997-01-01"


# --------------------------------------------------------------------------- Linked Places


def test_linked_places_is_a_geojson_feature_collection(graph, written):
    data = json.loads(written["linked-places"].read_text("utf-8"))
    assert data["type"] == "FeatureCollection"
    assert data["@context"] == exports.LPF_CONTEXT and isinstance(data["@context"], str)
    units = {n for n, a in graph.nodes(data=True) if a["kind"] == "unit"}
    assert {f["@id"] for f in data["features"]} == units  # organizations are not places
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["properties"]["title"]
        assert feature["names"] and any(name.get("citations") for name in feature["names"])
        geometry = feature["geometry"]
        points = [geometry] if geometry and geometry["type"] == "Point" else (geometry or {}).get("geometries", [])
        for point in points:
            lon, lat = point["coordinates"]
            assert point["type"] == "Point" and 102 < lon < 110 and 8 < lat < 24
        for span in feature.get("when", {}).get("timespans", []):
            assert set(span["start"]) <= {"in", "earliest", "latest"} and span["start"]
            for value in [*span["start"].values(), *span.get("end", {}).values()]:
                # ISO 8601 with the precision known: a historical unit may be valid from a year or a month
                date.fromisoformat(value if len(value) == 10 else (value + "-01-01")[:10])
        for relation in feature["relations"]:
            assert relation["relationType"] in ("gvp:broaderPartitive", "gvp:tgn3000_related_to")
            assert relation["relationTo"].startswith(ID)


def test_linked_places_relations_and_names(written):
    features = {f["@id"]: f for f in json.loads(written["linked-places"].read_text("utf-8"))["features"]}
    que_son = features[f"{ID}unit/pre2025/509"]
    assert {"toponym": "Que Son", "lang": "fr"} in que_son["names"]
    assert que_son["when"]["timespans"] == [{"start": {"latest": "2025-06-30"}, "end": {"in": "2025-06-30"}}]
    relations = {(r["relationType"], r["relationTo"]): r for r in que_son["relations"]}
    assert ("gvp:broaderPartitive", f"{ID}unit/pre2025/49") in relations
    twin = relations[("gvp:tgn3000_related_to", f"{ID}unit/pre2025/395")]
    assert twin["when"]["timespans"][0]["start"] == {"in": "1968-11-20"}
    assert twin["citations"][0]["@id"].startswith("https://baothanhhoa.vn/")
    assert any(r["relationTo"].startswith(f"{ID}unit/2025/") for r in que_son["relations"])  # successors
    assert que_son["types"][0]["sourceLabels"] == [{"label": "Huyện", "lang": "vi"}]


# --------------------------------------------------------------------------- the explorer file


class Elements(HTMLParser):
    """The elements of a page as a browser's tokenizer sees them (script content is not markup)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_script_json_cannot_end_the_script_element():
    value = {"label": "</script><script>alert(1)</script>", "comment": "<!-- x", "ls": "a\u2028b\u2029c", "amp": "&"}
    text = explorer.script_json(value)
    assert "</" not in text and "<!--" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_explorer_file_is_self_contained(graph, tmp_path):
    stats = explorer.write_explorer(graph, tmp_path / "explorer.html")
    html = (tmp_path / "explorer.html").read_text("utf-8")
    assert stats["nodes"] == graph.number_of_nodes() and stats["bytes"] < 2_000_000
    assert '<meta charset="utf-8">' in html and "Content-Security-Policy" in html
    assert "default-src 'none'" in html
    elements = Elements()
    elements.feed(html)
    assert [attrs.get("type") for tag, attrs in elements.found if tag == "script"] == ["application/json"] + [None] * 4
    assert not [(tag, attrs) for tag, attrs in elements.found if "src" in attrs or "href" in attrs]
    assert "bootstrap" not in html.lower() and "@version 9.1.2" in html  # vis-network inlined, no CDN
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))
    assert data["vis"]["options"]["physics"]["enabled"] is False
    assert len(data["vis"]["nodes"]) == graph.number_of_nodes() and len(data["vis"]["edges"]) == graph.number_of_edges()
    assert all(len(n["net"]) == 2 for n in data["nodes"])


def test_hostile_labels_stay_inside_the_data(tmp_path):
    import pyoxigraph as ox
    from kg.graph.build import ontology_files
    from kg.iris import ONTOLOGY_GRAPH

    store = ox.Store()
    for path in ontology_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
    store.bulk_load(path=str(Path(__file__).parents[1] / "data" / "explorer-xss.trig"), format=ox.RdfFormat.TRIG)
    explorer.write_explorer(net.build_network(store), tmp_path / "hostile.html")
    html = (tmp_path / "hostile.html").read_text("utf-8")
    elements = Elements()
    elements.feed(html)
    assert [tag for tag, _ in elements.found if tag in ("script", "img", "svg", "iframe", "b")] == ["script"] * 5
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))
    labels = {item["label"] for item in data["vis"]["nodes"]}
    assert labels == {"<img src=x onerror=alert(1)>", "Xã </script><script>alert(2)</script> Đồng\u2028Tâm"}


def test_layouts_on_a_plain_large_graph():
    G = nx.gnm_random_graph(1200, 2400, seed=2)  # one component above the spring-layout size
    positions = layout.network_positions(G)
    assert set(positions) == set(G.nodes)
    xs = {round(x) for x, _ in positions.values()}
    assert len(xs) > 300  # spread out, not collapsed onto a few points
    geo = layout.geographic_positions(G)  # no coordinates at all: a column, still complete
    assert set(geo) == set(G.nodes)


def test_two_twinnings_of_one_pair_are_two_lines():
    G = nx.MultiGraph()
    for key in ("t1", "t2", "t3"):
        G.add_edge("a", "b", key=key, kind="sister-localities")
    G.add_edge("b", "c", key="t4", kind="sponsorship", sponsor="c")
    items = explorer.explorer_payload(G)["vis"]["edges"]
    assert "smooth" not in items[0] and items[1]["smooth"]["type"] != items[2]["smooth"]["type"]
    assert (items[3]["from"], items[3]["to"], items[3]["arrows"]) == (2, 1, "to")  # from the sponsor


def test_html_title_is_escaped(tmp_path):
    G = nx.MultiGraph([("a", "b")])
    explorer.write_explorer(G, tmp_path / "t.html", title="<script>alert(1)</script>")
    html = (tmp_path / "t.html").read_text("utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html


# --------------------------------------------------------------------------- the command


@pytest.mark.parametrize("fmt", exports.FORMATS + ("explorer",))
def test_kg_export_writes_each_format(run_kg, kg_home, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run_kg("export", fmt, "-o", str(out), "--with-context")
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000 and "twinnings" in result.stderr


def test_kg_export_reports_bad_input(run_kg, kg_home, tmp_path):
    result = run_kg("export", "json", "-o", str(tmp_path / "x.json"), "--province", "Atlantis")
    assert result.returncode == 2 and "no province named 'Atlantis'" in result.stderr
    result = run_kg("export", "json", "-o", str(tmp_path / "x.json"), "--from", "1990", "--to", "1980")
    assert result.returncode == 2 and "--from 1990 is after --to 1980" in result.stderr
    result = run_kg("export", "json", "-o", str(tmp_path / "x.json"), env={"KG_HOME": str(tmp_path / "empty")})
    assert result.returncode == 3 and "kg build" in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_kg_export_selects_a_province_and_period(run_kg, kg_home, tmp_path):
    out = tmp_path / "qn.json"
    result = run_kg("export", "json", "-o", str(out), "--province", "quang nam", "--from", "1960", "--to", "1980")
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    assert [e["key"] for e in data["edges"]] == [TX_QS]
