"""`kg export explorer`: the twinning network as ONE self-contained, offline HTML file.

pyvis's Network holds the vis-network node/edge items and options and serializes them, but its
own page cannot be used: it loads Bootstrap from a CDN, and its add_node path grows faster than
linearly (20 s for 20k nodes). So the items are built here as plain dicts, and the page is our
own template (kg/network/templates/explorer.*) with vis-network's JS and CSS from pyvis's package files
inlined. Physics is off: both layouts are computed here, so a large graph opens at once. vis
draws the nodes; the twinning lines are drawn by the page itself on vis's canvas (explorer-edges.js):
vis's per-edge objects took a second to build and a sixth of a second per frame at 20k edges. So
are the labels (explorer-labels.js: one screen size, no two overlapping), Viet Nam's outline and
approximate province borders (vietnam-outline.json, provinces-approx.json; bench/ derives them).
What the side panel shows of a twinning's agreements, support, events and people travels gzipped
(pack_details) and is unpacked in the page: at national scale (~10k nodes, ~20k twinnings) it
is 25 of the 35 MB of JSON (bench/explorer_bench.py measures the page against its targets).

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
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import networkx as nx
import numpy as np
import pyvis
from pyvis.network import Network

from kg.iris import BASE
from kg.network.model import iter_edges

ID_BASE = BASE + "id/"

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).parent / "templates"
MAP_SIZE = 900.0  # page pixels across the map of a small network (more for big ones)
NETWORK_SCALE = 110.0  # page pixels per ideal edge length
BIG_GRAPH = 3000  # above this many edges, no hover effects


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no '</script>', no '<!--', no JS line breaks."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


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


# --------------------------------------------------------------------------- layouts


def geo_scale(G: nx.Graph) -> float:
    """Page pixels per degree: the map is about MAP_SIZE pixels across, growing with √n so a big
    network is not a blot when it opens."""
    located = [
        (a["lon"], a["lat"]) for _, a in G.nodes(data=True) if a.get("lat") is not None and a.get("lon") is not None
    ]
    extent = max(np.ptp(np.array(located), axis=0).max() if located else 1.0, 0.5)
    return MAP_SIZE / extent * max(1.0, math.sqrt(len(located) / 400))


FOREIGN_OFFSET = 1.2  # degrees east of the Vietnamese party: at sea for most of the coast, off the land's nodes


def geographic_positions(G: nx.Graph, scale: float | None = None) -> dict:
    """x = lon, y = -lat (north up), scaled. Nodes sharing a point (an organization and its unit)
    are spread on a small spiral. A node without coordinates twinned with located ones (a foreign
    locality) sits FOREIGN_OFFSET degrees east of them (their mean), fanned out when several
    share that point; the others wait in a column west of the map."""
    scale = geo_scale(G) if scale is None else scale
    pos, seen, missing = {}, {}, []
    # Units placed where their successors are come last: they take the outer turns of a shared
    # point's spiral and leave every other node where it would be without them.
    ordered = sorted(G.nodes(data=True), key=lambda item: item[1].get("coordinates_from") == "successors")
    for node, attrs in ordered:
        lat, lon = attrs.get("lat"), attrs.get("lon")
        if lat is None or lon is None:
            missing.append(node)
            continue
        x, y = round(lon * scale), round(-lat * scale)  # whole pixels: vis truncates x and y (parseInt)
        k = seen[(x, y)] = seen.get((x, y), -1) + 1
        angle = k * 2.39996  # golden angle: successive points never line up
        pos[node] = (round(x + 8 * math.sqrt(k) * math.cos(angle)), round(y + 8 * math.sqrt(k) * math.sin(angle)))
    waiting, fanned = [], {}
    for node in missing:
        anchors = [pos[n] for n in G.neighbors(node) if n in pos]
        if not anchors:
            waiting.append(node)
            continue
        x, y = sum(a[0] for a in anchors) / len(anchors), sum(a[1] for a in anchors) / len(anchors)
        k = fanned[(x, y)] = fanned.get((x, y), -1) + 1
        # East first, then alternately above and below it, 20° apart; a wider arc every 7 nodes.
        angle = math.radians(20 * ((k % 7 + 1) // 2) * (1 if k % 2 else -1))
        radius = FOREIGN_OFFSET * scale * (1 + 0.4 * (k // 7))
        pos[node] = (round(x + radius * math.cos(angle)), round(y + radius * math.sin(angle)))
    if waiting:
        west = min((x for x, _ in pos.values()), default=0) - 300
        top = min((y for _, y in pos.values()), default=0)
        rows = max(1, int(math.sqrt(len(waiting)) * 2))
        for k, node in enumerate(waiting):
            pos[node] = (west - 40 * (k // rows), top + 40 * (k % rows))
    return pos


def network_positions(G: nx.Graph, seed: int = 7, scale: float = NETWORK_SCALE) -> dict:
    """Force-directed positions, one connected component at a time, components packed in rows
    (largest first). Fruchterman–Reingold for small components (all of them at once, see
    _small_layouts); pivot MDS refined on a grid for large ones."""
    components = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(map(str, c))))
    members = [sorted(component, key=str) for component in components]
    where = {node: (c, i) for c, nodes in enumerate(members) for i, node in enumerate(nodes)}
    edges = [[] for _ in members]
    for u, v in G.edges():  # one pass over the edges: subgraph views are slow on big graphs
        (cu, iu), (_, iv) = where[u], where[v]
        if iu != iv:
            edges[cu].append((iu, iv))
    edges = [np.array(pairs, dtype=np.int64).reshape(-1, 2) for pairs in edges]
    layouts = [None] * len(members)
    small = [c for c, nodes in enumerate(members) if 2 < len(nodes) <= SMALL_COMPONENT]
    for c, arr in zip(small, _small_layouts([(len(members[c]), edges[c]) for c in small], seed)):
        layouts[c] = arr
    for c, nodes in enumerate(members):
        if len(nodes) <= 2:  # a pair stands upright: labels are drawn under the nodes and would collide side by side
            layouts[c] = np.array([[0.0, 0.0]] if len(nodes) == 1 else [[0.0, -0.5], [0.0, 0.5]])
        elif layouts[c] is None:
            layouts[c] = _large_layout(len(nodes), edges[c], seed)
        if len(nodes) > 2:
            lengths = np.linalg.norm(layouts[c][edges[c][:, 0]] - layouts[c][edges[c][:, 1]], axis=1)
            layouts[c] = layouts[c] / (float(np.median(lengths)) or 1.0)  # one unit = one typical edge
    return _pack(list(zip(members, layouts)), scale)


SMALL_COMPONENT = 400
_PADDED_SIZES = (3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64, 80, 96, 128, 160, 192, 256, 320, SMALL_COMPONENT)


def _small_layouts(jobs: list[tuple[int, np.ndarray]], seed: int, iterations: int = 60) -> list[np.ndarray]:
    """Fruchterman–Reingold (the dense algorithm of networkx's spring_layout) for many small
    components at once: components padded to a few sizes and stacked, so a national graph's
    hundreds of small components cost a few dozen array passes, not hundreds of layout calls."""
    rng = np.random.default_rng(seed)
    results = [None] * len(jobs)
    buckets = defaultdict(list)
    for index, (n, _) in enumerate(jobs):
        buckets[next(size for size in _PADDED_SIZES if size >= n)].append(index)
    for m, indices in sorted(buckets.items()):
        per_batch = max(1, 2_000_000 // (m * m))  # ~64 MB of pair arrays at most
        for start in range(0, len(indices), per_batch):
            batch = indices[start : start + per_batch]
            for index, arr in zip(batch, _fr_batch([jobs[i] for i in batch], m, rng, iterations)):
                results[index] = arr
    return results


def _fr_batch(jobs: list[tuple[int, np.ndarray]], m: int, rng, iterations: int) -> list[np.ndarray]:
    size = len(jobs)
    start = rng.random((size, m, 2))
    x, y = start[:, :, 0].copy(), start[:, :, 1].copy()
    valid = np.zeros((size, m))
    adjacency = np.zeros((size, m, m))
    for b, (n, edges) in enumerate(jobs):
        valid[b, :n] = 1.0
        adjacency[b, edges[:, 0], edges[:, 1]] = adjacency[b, edges[:, 1], edges[:, 0]] = 1.0
    k = np.sqrt(1.0 / valid.sum(axis=1))[:, None, None]  # ideal distance, per component
    repulsion = valid[:, :, None] * valid[:, None, :] * k * k  # padding neither pushes nor pulls
    attraction = adjacency / k
    temperature = 0.1  # a tenth of the initial spread (positions start in the unit square)
    step = temperature / (iterations + 1)
    for _ in range(iterations):
        dx, dy = x[:, :, None] - x[:, None, :], y[:, :, None] - y[:, None, :]
        d2 = np.maximum(dx * dx + dy * dy, 1e-4)
        force = repulsion / d2 - attraction * np.sqrt(d2)  # k²/d - A·d²/k, along the unit vector
        move_x, move_y = (dx * force).sum(axis=2), (dy * force).sum(axis=2)
        length = np.sqrt(move_x * move_x + move_y * move_y)
        scale = temperature / np.where(length < 0.01, 0.1, length)
        x += move_x * scale
        y += move_y * scale
        temperature -= step
    return [np.column_stack([x[b, :n], y[b, :n]]) for b, (n, _) in enumerate(jobs)]


def _pack(boxes: list, scale: float) -> dict:
    """Shelf packing: left to right, a new row when the row is as wide as the square of the total area."""
    sized = []
    for nodes, arr in boxes:
        arr = arr - arr.min(axis=0)
        w, h = arr.max(axis=0) + (2.2, 1.2)  # room for the labels, which are wider than tall
        sized.append((nodes, arr, w, h))
    width = max(math.sqrt(sum(w * h for *_, w, h in sized)) * 1.3, max((w for *_, w, _h in sized), default=1))
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for nodes, arr, w, h in sized:
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in zip(nodes, arr):
            pos[node] = (round((x + px) * scale), round((y + py) * scale))  # whole pixels, as vis keeps them
        x, row_height = x + w, max(row_height, h)
    return pos


def _large_layout(n: int, edges: np.ndarray, seed: int, pivots: int = 40, iterations: int = 8) -> np.ndarray:
    """Pivot MDS (Brandes & Pich 2006) for the overall shape, then a few Fruchterman–Reingold
    steps whose repulsion only looks at neighbouring grid cells: O(n) per step, not O(n²)."""
    rng = np.random.default_rng(seed)
    indptr, indices = _csr(n, edges)
    k = min(pivots, n)
    dist = np.empty((k, n))
    pivot = int(np.argmax(np.diff(indptr)))
    for i in range(k):
        dist[i] = _bfs(indptr, indices, pivot, n)
        pivot = int(np.argmax(dist[: i + 1].min(axis=0)))  # farthest from the pivots so far
    sq = dist.T**2
    centred = -0.5 * (sq - sq.mean(axis=0) - sq.mean(axis=1, keepdims=True) + sq.mean())
    _, vectors = np.linalg.eigh(centred.T @ centred)
    pos = centred @ vectors[:, -2:]
    pos = pos / (np.ptp(pos) or 1.0) * math.sqrt(n)
    pos += rng.normal(scale=0.05, size=pos.shape)  # nodes with the same distances to every pivot
    for _ in range(6):  # spread until grid cells hold a handful of nodes: repulsion stays cheap
        _, counts = np.unique(_cell_keys(pos)[0], return_counts=True)
        crowding = float((counts.astype(np.float64) ** 2).sum()) / n
        if crowding <= 6:
            break
        pos *= math.sqrt(crowding / 6)
    return _grid_refine(pos, edges, iterations)


def _cell_keys(pos: np.ndarray, cell: float = 2.0) -> tuple[np.ndarray, int]:
    cells = np.floor(pos / cell).astype(np.int64)
    cells -= cells.min(axis=0) - 1
    width = int(cells[:, 1].max()) + 2
    return cells[:, 0] * width + cells[:, 1], width


def _csr(n: int, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    heads = np.concatenate([edges[:, 0], edges[:, 1]])
    tails = np.concatenate([edges[:, 1], edges[:, 0]])
    order = np.argsort(heads, kind="stable")
    return np.searchsorted(heads[order], np.arange(n + 1)), tails[order]


def _gather(indptr: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions into `indices` of all neighbours of `nodes`, and how many each node has."""
    starts, counts = indptr[nodes], indptr[nodes + 1] - indptr[nodes]
    offsets = np.cumsum(counts) - counts
    return np.repeat(starts - offsets, counts) + np.arange(counts.sum()), counts


def _bfs(indptr: np.ndarray, indices: np.ndarray, source: int, n: int) -> np.ndarray:
    dist = np.full(n, -1.0)
    dist[source], frontier, depth = 0, np.array([source]), 0
    while frontier.size:
        depth += 1
        positions, _ = _gather(indptr, frontier)
        reached = np.unique(indices[positions])
        frontier = reached[dist[reached] < 0]
        dist[frontier] = depth
    dist[dist < 0] = depth  # not reachable (cannot happen within a component)
    return dist


def _grid_refine(pos: np.ndarray, edges: np.ndarray, iterations: int) -> np.ndarray:
    """Fruchterman–Reingold with ideal distance 1; repulsion only within 2 (the grid variant)."""
    n = len(pos)
    for step in range(iterations):
        temperature = 2.0 * (1 - step / iterations) + 0.05
        disp = np.zeros_like(pos)
        delta = pos[edges[:, 0]] - pos[edges[:, 1]]
        pull = delta * np.linalg.norm(delta, axis=1, keepdims=True)  # d² along the edge
        _accumulate(disp, edges[:, 1], pull)
        _accumulate(disp, edges[:, 0], -pull)
        keys, width = _cell_keys(pos)
        order = np.argsort(keys, kind="stable")
        unique, first, count = np.unique(keys[order], return_index=True, return_counts=True)
        # Own cell: every ordered pair, pushing i only. Four of the eight neighbours: each pair
        # once, pushing both ends (the other four see the same pairs from the other side).
        for offset, both in ((0, False), (width - 1, True), (width, True), (width + 1, True), (1, True)):
            wanted = keys + offset
            slot = np.clip(np.searchsorted(unique, wanted), 0, len(unique) - 1)
            hits = np.where(unique[slot] == wanted, count[slot], 0)
            i = np.repeat(np.arange(n), hits)
            j = order[np.repeat(first[slot] - (np.cumsum(hits) - hits), hits) + np.arange(hits.sum())]
            d = pos[i] - pos[j]
            d2 = np.maximum((d**2).sum(axis=1), 1e-9)
            push = d * np.where((i != j) & (d2 < 4.0), 1.0 / d2, 0.0)[:, None]  # 1/d along d
            _accumulate(disp, i, push)
            if both:
                _accumulate(disp, j, -push)
        length = np.maximum(np.linalg.norm(disp, axis=1, keepdims=True), 1e-9)
        pos = pos + disp / length * np.minimum(length, temperature)
    return pos


def _accumulate(target: np.ndarray, index: np.ndarray, vectors: np.ndarray) -> None:
    for axis in (0, 1):
        target[:, axis] += np.bincount(index, weights=vectors[:, axis], minlength=len(target))
