"""`kg export explorer`: the twinning network as ONE self-contained, offline HTML file.

pyvis's Network holds the vis-network node/edge items and options and serializes them, but its
own page cannot be used: it loads Bootstrap from a CDN, and its add_node path grows faster than
linearly (20 s for 20k nodes). So the items are built here as plain dicts, and the page is our
own template (kg/network/templates/explorer.*) with vis-network's JS and CSS from pyvis's package
files inlined. Physics is off: both layouts are computed beforehand (kg.network.layout), so a
large graph opens at once. vis draws the nodes; the twinning lines are drawn by the page itself
on vis's canvas (explorer-edges.js): vis's per-edge objects took a second to build and a sixth of
a second per frame at 20k edges. So are the labels (explorer-labels.js: one screen size, no two
overlapping), Viet Nam's outline and approximate province borders (vietnam-outline.json,
provinces-approx.json; bench/ derives them). What the side panel shows of a twinning's
agreements, support, events and people travels gzipped (pack_details) and is unpacked in the
page: at national scale (~10k nodes, ~20k twinnings) it is 25 of the 35 MB of JSON
(bench/explorer_bench.py measures the page against its targets).

Every label from the data reaches the page only as JSON inside <script type="application/json">
(with <, >, &, U+2028 and U+2029 escaped) and is put into the DOM with textContent. A Content
Security Policy allows only our own scripts (by hash) and no network request at all.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import json
import math
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

from kg.iris import BASE
from kg.safe_output import script_json
from kg.network.layout import NETWORK_SCALE, geo_scale, geographic_positions, network_positions
from kg.network.model import iter_edges

ID_BASE = BASE + "id/"

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).parent / "templates"
BIG_GRAPH = 3000  # above this many edges, no hover effects


def write_explorer(network: nx.Graph, path, *, title: str | None = None, language: str = "vi", seed: int = 7) -> dict:
    """Write the explorer page for `network` to `path` (atomically); returns what was written."""
    started = time.perf_counter()
    page = render_explorer(network, title=title, language=language, seed=seed)
    from kg.safe_output import write_output

    size = write_output(path, page)
    return {
        "path": str(path),
        "nodes": network.number_of_nodes(),
        "edges": network.number_of_edges(),
        "bytes": size,
        "seconds": round(time.perf_counter() - started, 3),
    }


def render_explorer(network: nx.Graph, *, title: str | None = None, language: str = "vi", seed: int = 7) -> str:
    # The page's data is a few hundred thousand small lists and dicts; with a national graph's
    # millions of objects alive, the cyclic collector's passes cost more than building them
    # (docs/performance-history.md). Nothing built here is cyclic.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _render(network, title=title, language=language, seed=seed)
    finally:
        if collecting:
            gc.enable()


def _render(network: nx.Graph, *, title: str | None, language: str, seed: int) -> str:
    payload = explorer_payload(network, title=title, language=language, seed=seed)
    template = (TEMPLATES / "explorer.html").read_text("utf-8")
    scripts = {
        "@@VIS_JS@@": (VIS_DIR / "vis-network.min.js").read_text("utf-8"),
        **{
            f"@@{name.upper()}_JS@@": "\n".join((TEMPLATES / f"{stem}.js").read_text("utf-8") for stem in stems)
            for name, stems in (
                ("text", ["explorer-text"]),
                ("panel", ["explorer-panel"]),
                ("app", ["explorer-edges", "explorer-labels", "explorer"]),
            )
        },
    }
    css = (VIS_DIR / "vis-network.css").read_text("utf-8") + "\n" + (TEMPLATES / "explorer.css").read_text("utf-8")
    for script in scripts.values():
        if "</script" in script.lower():
            raise ValueError("an inlined script contains '</script'")  # would end the element early
    # Only these scripts may run: an injected inline handler (onerror=...) would be refused too.
    policy = (
        "default-src 'none'; script-src "
        + " ".join(_csp_hash(s) for s in scripts.values())
        + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )
    parts = {
        "@@CSP@@": policy,
        "@@LANG@@": "en" if language == "en" else "vi",
        "@@TITLE@@": _html_text(payload["meta"]["title"] or PAGE_TITLES["en" if language == "en" else "vi"]),
        "@@CSS@@": css,
        "@@DATA@@": script_json({**payload, "details": pack_details(payload["details"])}),
        **scripts,
    }
    # One pass, so a marker inside the data or a script is never replaced.
    pieces, rest = [], template
    while "@@" in rest:
        before, _, after = rest.partition("@@")
        marker, _, rest = after.partition("@@")
        pieces += [before, parts[f"@@{marker}@@"]]
    return "".join(pieces) + rest


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- the data of the page


def explorer_payload(G: nx.Graph, *, title: str | None = None, language: str = "vi", seed: int = 7) -> dict:
    """Everything the page needs: vis items and options (through pyvis) and the facts behind them."""
    nodes = list(G.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    scale = geo_scale(G)
    geo = geographic_positions(G, scale)
    net = network_positions(G, seed=seed, scale=NETWORK_SCALE)
    provinces, sources = _Table(), _Table()

    node_items, node_info = [], []
    for i, node in enumerate(nodes):
        attrs = G.nodes[node]
        kind = attrs.get("kind", "unit")
        degree = attrs["degree"] if "degree" in attrs else G.degree(node)
        item = {
            "id": i,
            "label": str(attrs.get("label", node)),
            "x": geo[node][0],
            "y": geo[node][1],
            "size": round(6 + 3 * math.sqrt(degree), 1),
        }
        if kind in NODE_SHAPES:  # dots are the default (options): fewer per-item options, faster start
            item["shape"] = NODE_SHAPES[kind]
        node_items.append(item)
        province = attrs.get("province")
        node_info.append(
            _drop_empty(
                {
                    "iri": _short(attrs.get("iri", str(node))),
                    "kind": None if kind == "unit" else kind,
                    "level": attrs.get("level"),
                    "type": attrs.get("unit_type") or attrs.get("org_type"),
                    "era": attrs.get("era"),
                    "name": attrs.get("name"),
                    "en": attrs.get("label_en"),
                    "fr": attrs.get("label_fr"),
                    "alt": attrs.get("alt_labels"),
                    "code": attrs.get("code"),
                    "prov": provinces.add(
                        province,
                        {"iri": province, "label": attrs.get("province_label") or province, "era": attrs.get("era")},
                    )
                    if province
                    else None,
                    "parent": attrs.get("parent_label") or attrs.get("unit_label"),
                    "from": attrs.get("valid_from"),
                    "until": attrs.get("valid_until"),
                    "lat": _round(attrs.get("lat")),
                    "lon": _round(attrs.get("lon")),
                    "where": None if attrs.get("coordinates_from") == "centroid" else attrs.get("coordinates_from"),
                    "deg": degree,
                    "ctx": 1 if attrs.get("context") else None,
                    "net": net[node],
                }
            )
        )

    edge_items, edge_info, details, pairs = [], [], [], {}
    for j, (u, v, key, attrs) in enumerate(iter_edges(G)):
        a, b = index[u], index[v]
        if attrs.get("sponsor") == v:
            a, b = b, a  # sponsorship arrows point from the sponsor to the sponsored
        item = _edge_item(j, a, b, attrs)
        nth = pairs[frozenset((a, b))] = pairs.get(frozenset((a, b)), -1) + 1
        if nth:  # a second twinning of the same pair curves away, alternately left and right
            item["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if (nth % 2) == (a < b) else "curvedCCW",
                "roundness": 0.25 * ((nth + 1) // 2),
            }
        edge_items.append(item)
        edge_info.append(
            _drop_empty(
                {
                    "iri": _short(attrs.get("iri") or key),
                    "label": attrs.get("label"),
                    "en": attrs.get("label_en"),
                    "fr": attrs.get("label_fr"),
                    "kind": attrs.get("kind"),
                    "status": attrs.get("status"),
                    "est": attrs.get("established"),
                    "prec": attrs.get("established_precision"),
                    "year": attrs.get("year"),
                    "rel": attrs.get("relative"),
                    "era": attrs.get("era"),
                    "src": [sources.add(s.get("iri"), s) for s in attrs.get("sources", [])],
                }
            )
        )
        details.append(edge_details(attrs))

    vis = _pyvis_network(node_items, edge_items, big=len(edge_items) > BIG_GRAPH)
    items_nodes, items_edges, _heading, _height, _width, options = vis.get_network_data()
    years = [info["year"] for info in edge_info if isinstance(info.get("year"), int)]
    name = G.graph.get("name")
    meta = {
        "title": title
        or (str(name) if name and name not in DEFAULT_NAMES else None),  # None: the page's own, localized
        "titles": PAGE_TITLES,
        "language": language,
        "idBase": ID_BASE,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "selection": G.graph.get("selection"),
        "nodes": len(node_items),
        "edges": len(edge_items),
        "years": [min(years), max(years)] if years else None,
        "undated": sum(1 for info in edge_info if not isinstance(info.get("year"), int)),
        "geoScale": scale,
    }
    return {
        "meta": meta,
        "outline": {**vietnam_outline(), "provinces": province_borders()},
        "vocab": G.graph.get("vocabulary") or {},
        "provinces": provinces.rows,
        "sources": sources.rows,
        "vis": {"nodes": items_nodes, "edges": items_edges, "options": json.loads(options)},
        "nodes": node_info,
        "edges": edge_info,
        "details": details,
    }


def edge_details(attrs: dict) -> list | None:
    """What the side panel shows of a twinning's agreements, support, events and people, as
    positional rows (the page's explorer.js names the fields again). Their IRIs, givers, raw
    amounts... stay in the JSON/GraphML exports. None when the twinning has none of them.

        [agreements: [[label, type, signed value, signed precision, content areas]],
         support: [[label, stated as, date value, date precision]], VND totals,
         events: [[label, date value, date precision]],
         people: [[name, [[role, organization, as-of value, as-of precision]]]]]
    """
    vnd = attrs.get("support_vnd")
    row = [
        [
            [a.get("label"), a.get("type"), *_when(a.get("signed_on")), a.get("content_areas") or None]
            for a in attrs.get("agreements") or ()
        ]
        or None,
        [[s.get("label"), s.get("stated_as"), *_when(s.get("date"))] for s in attrs.get("support") or ()] or None,
        vnd if vnd and any(vnd.values()) else None,
        [[e.get("label"), *_when(e.get("date"))] for e in attrs.get("events") or ()] or None,
        [
            [
                p.get("name"),
                [
                    [post.get("role"), post.get("organization"), *_when(post.get("as_of"))]
                    for post in p.get("posts") or ()
                ],
            ]
            for p in attrs.get("people") or ()
        ]
        or None,
    ]
    return row if any(part is not None for part in row) else None


def _when(info: dict | None) -> tuple:
    return (info.get("value"), info.get("precision")) if info else (None, None)


DETAIL_CHUNK = 256  # edges per separately gzipped chunk of details


def pack_details(details: list, chunk: int = DETAIL_CHUNK) -> dict:
    """The per-edge details as gzipped text (base64), one JSON row per edge and line, in chunks of
    `chunk` edges: at national scale (20k twinnings) 25 MB of JSON become 3 MB, so the page stays
    under 15 MB. The page unpacks them with DecompressionStream (no library): all at once when
    they are small, else only the chunk of a twinning whose panel opens (a few milliseconds),
    instead of 25 MB before the first click."""
    chunks = []
    for start in range(0, len(details), chunk):
        text = "\n".join(
            json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=str)
            for row in details[start : start + chunk]
        )
        packer = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: a gzip stream
        chunks.append(base64.b64encode(packer.compress(text.encode("utf-8")) + packer.flush()).decode("ascii"))
    return {"size": chunk, "chunks": chunks}


# The graph's default name (kg/network.py) is English; without --title the page names itself in its language.
DEFAULT_NAMES = {"Kết nghĩa — twinning network"}
PAGE_TITLES = {"vi": "Kết nghĩa — mạng lưới kết nghĩa", "en": "Kết nghĩa — twinning network"}


def vietnam_outline() -> dict:
    """Viet Nam's outline (lon, lat rings) and where it comes from: kg/network/templates/vietnam-outline.json,
    derived from Natural Earth by bench/vietnam_outline.py."""
    data = json.loads((TEMPLATES / "vietnam-outline.json").read_text("utf-8"))
    return {"rings": data["rings"], "source": data["source"], "licence": data["licence"]}


def province_borders() -> dict:
    """APPROXIMATE province borders of each era (era -> list of rings): kg/network/templates/provinces-approx.json,
    Voronoi cells of commune centroids merged by province (bench/province_cells.py)."""
    data = json.loads((TEMPLATES / "provinces-approx.json").read_text("utf-8"))
    return {
        era: [ring for province in provinces for ring in province["rings"]] for era, provinces in data["eras"].items()
    }


NODE_SHAPES = {"organization": "square", "group": "triangle", "foreign": "diamond"}
EDGE_COLOURS = {"sister-localities": "#c0392b", "sponsorship": "#2471a3", "cooperation-programme": "#1e8449"}


def _edge_item(j: int, a: int, b: int, attrs: dict) -> dict:
    item = {"id": j, "from": a, "to": b, "color": EDGE_COLOURS.get(attrs.get("kind"), "#7f8c8d")}
    if attrs.get("sponsor") is not None:
        item["arrows"] = "to"
    if attrs.get("status") == "planned":
        item["dashes"] = True
    elif attrs.get("status") == "ended":
        item["color"] = "#b3b6b7"
    return item


def _pyvis_network(node_items: list, edge_items: list, big: bool) -> Network:
    vis = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    # Straight to the item lists: pyvis's add_node is quadratic and its undirected add_edge
    # merges parallel edges, but two twinnings between the same pair are two facts.
    vis.nodes, vis.edges = node_items, edge_items
    vis.options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "nodes": {
            "shape": "dot",
            "font": {
                "face": "Noto Sans, Segoe UI, Roboto, Arial, Liberation Sans, DejaVu Sans, sans-serif",
                "size": 14,
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "borderWidth": 1,
        },
        # The page draws the edges itself (kg/network/templates/explorer-edges.js) with these options.
        "edges": {
            "smooth": False,
            "width": 2,
            "selectionWidth": 3,
            "hoverWidth": 1,
            "arrows": {"to": {"scaleFactor": 0.6}},
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 300,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
    }
    return vis


class _Table:
    """Rows shared by many items (provinces, sources), referred to by index."""

    def __init__(self):
        self.rows, self._index = [], {}

    def add(self, key, row: dict) -> int:
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append(_drop_empty(dict(row)))
        return self._index[key]


def _short(iri) -> str:
    """IRIs without the common base (the page adds it back): a large graph's file is a third smaller."""
    iri = str(iri)
    return iri.removeprefix(ID_BASE)


def _round(degrees: float | None) -> float | None:
    return None if degrees is None else round(degrees, 5)  # about a metre: plenty for a centroid


def _drop_empty(item: dict) -> dict:
    return {k: v for k, v in item.items() if v is not None and v != [] and v != {}}
