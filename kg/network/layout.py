"""The two layouts of the explorer, computed here so that a large network opens at once with
physics off: geographic (longitude and latitude, spread where nodes share a point, foreign
parties offshore) and network (force-directed per component: small components in batches,
large ones by pivot-based placement refined on a grid, then packed)."""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np

MAP_SIZE = 900.0  # page pixels across the map of a small network (more for big ones)
NETWORK_SCALE = 110.0  # page pixels per ideal edge length


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
