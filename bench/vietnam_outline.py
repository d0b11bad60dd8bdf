"""Derive kg/network/templates/vietnam-outline.json (the explorer's map outline) from the npm package
world-atlas (Natural Earth country outlines as TopoJSON; Natural Earth is public domain, the
package's files are ISC). A developer's tool: it runs neither at build nor at run time.

    npm pack world-atlas && tar xzf world-atlas-*.tgz
    python bench/vietnam_outline.py package/countries-10m.json

Vietnam is ISO 3166 numeric 704. Rings are simplified with Douglas–Peucker (tolerance in
degrees) and islands smaller than --min-area square degrees are dropped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "templates" / "vietnam-outline.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON quantized, delta-encoded arcs -> lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]  # ~i: arc i reversed
        points.extend(arc[1:] if points else arc)  # arcs share their end points
    return points


def simplify(points: list, tolerance: float) -> list:
    """Douglas–Peucker, iterative (a coastline has thousands of points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, where = 0.0, None
        for k in range(first + 1, last):
            px, py = points[k]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best:
                best, where = d, k
        if where is not None and best > tolerance:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [p for p, kept in zip(points, keep) if kept]


def area(points: list) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas's countries-10m.json or countries-50m.json")
    parser.add_argument("--tolerance", type=float, default=0.01, help="degrees (0.01 ≈ 1 km)")
    parser.add_argument("--min-area", type=float, default=0.002, help="square degrees")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text("utf-8"))
    arcs = decode_arcs(topology)
    country = next(g for g in topology["objects"]["countries"]["geometries"] if str(g.get("id")) == "704")
    polygons = country["arcs"] if country["type"] == "MultiPolygon" else [country["arcs"]]
    rings = []
    for polygon in polygons:
        outer = ring(arcs, polygon[0])  # Vietnam's polygons have no holes worth drawing
        if area(outer) >= args.min_area:
            rings.append([[round(x, 3), round(y, 3)] for x, y in simplify(outer, args.tolerance)])
    rings.sort(key=len, reverse=True)
    note = {
        "what": "Outline of Viet Nam (ISO 3166 numeric 704), simplified",
        "source": f"Natural Earth via the npm package world-atlas ({args.topojson.name})",
        "licence": "Natural Earth: public domain; world-atlas: ISC (Copyright 2013-2019 Michael Bostock)",
        "derived_by": f"bench/vietnam_outline.py --tolerance {args.tolerance} --min-area {args.min_area}",
        "note": "Natural Earth's country polygon: offshore archipelagos (Hoàng Sa, Trường Sa) are not part of it",
    }
    args.output.write_text(
        json.dumps({**note, "rings": rings}, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8"
    )
    print(f"{args.output}: {len(rings)} rings, {sum(map(len, rings))} points, {args.output.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
