"""Derive kg/network/templates/provinces-approx.json: APPROXIMATE province boundaries for the explorer's
map, in both eras. No maintained package ships Viet Nam's province boundaries for both the
63-province and the 34-province structure, so they are derived: Voronoi cells of the commune
centroids of the gazetteer's package (vietnamadminunits, MIT), clipped to the outline
(kg/network/templates/vietnam-outline.json, Natural Earth), merged by province and simplified as one
coverage (shared borders stay shared). A border drawn this way can be kilometres off the legal one.

A developer's tool: it runs neither at build nor at run time, and needs shapely and scipy, which
the project does not depend on (e.g. `pip install --target /tmp/geolib --no-deps shapely scipy`,
then PYTHONPATH=/tmp/geolib:. python bench/province_cells.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import shapely
from scipy.spatial import Voronoi
from shapely.geometry import MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kg.graph.gazetteer import load_package_data  # noqa: E402  (after the sys.path line)

TEMPLATES = ROOT / "kg" / "network" / "templates"


def cells(points: np.ndarray) -> list[Polygon]:
    """The Voronoi cell of each point, bounded by a frame far outside the country."""
    centre, reach = points.mean(axis=0), np.ptp(points, axis=0).max() * 10
    frame = centre + reach * np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]])
    diagram = Voronoi(np.vstack([points, frame]))
    out = []
    for k in range(len(points)):
        region = diagram.regions[diagram.point_region[k]]
        out.append(Polygon(diagram.vertices[region]) if region and -1 not in region else Polygon())
    return out


def provinces(rows: list[dict], land, tolerance: float) -> list[dict]:
    located = {}
    for row in rows:  # one centroid per commune; the first row wins
        if row.get("wardLat") is not None and row.get("wardLon") is not None:
            located.setdefault((row["provinceCode"], row["wardCode"]), (row["wardLon"], row["wardLat"], row))
    keys = list(located)
    points = np.array([located[k][:2] for k in keys], dtype=float)
    points, unique = np.unique(points, axis=0, return_index=True)  # two communes on one point: one cell
    keys = [keys[i] for i in unique]
    clipped = shapely.intersection(np.array(cells(points), dtype=object), land)
    by_province, names = defaultdict(list), {}
    for (code, _), cell in zip(keys, clipped):
        by_province[code].append(cell)
    for _code, _, row in located.values():
        names[row["provinceCode"]] = row["provinceShort"]
    codes = sorted(by_province)
    merged = [shapely.union_all(by_province[code]) for code in codes]
    merged = list(shapely.coverage_simplify(np.array(merged, dtype=object), tolerance))
    out = []
    for code, shape in zip(codes, merged):
        polygons = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
        rings = [
            [[round(x, 3), round(y, 3)] for x, y in polygon.exterior.coords[:-1]]
            for polygon in polygons
            if not polygon.is_empty and polygon.area > 0.001
        ]
        if rings:
            out.append({"code": code, "name": names[code], "rings": rings})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=0.02, help="degrees (0.02 ≈ 2 km)")
    parser.add_argument("-o", "--output", type=Path, default=TEMPLATES / "provinces-approx.json")
    args = parser.parse_args(argv)
    outline = json.loads((TEMPLATES / "vietnam-outline.json").read_text("utf-8"))
    land = shapely.make_valid(MultiPolygon([Polygon(ring) for ring in outline["rings"]]))
    data = load_package_data()
    eras = {
        "pre2025": provinces(data.legacy_rows, land, args.tolerance),
        "2025": provinces(data.rows_2025, land, args.tolerance),
    }
    note = {
        "what": "APPROXIMATE province boundaries of Viet Nam, before and from 1 July 2025",
        "method": "Voronoi cells of the commune centroids, clipped to the outline, merged by province, "
        "simplified as a coverage; borders can be kilometres off the legal ones",
        "source": f"commune centroids: vietnamadminunits {data.version} (MIT); outline: Natural Earth "
        "(public domain) via world-atlas (ISC)",
        "derived_by": f"bench/province_cells.py --tolerance {args.tolerance}",
    }
    args.output.write_text(
        json.dumps({**note, "eras": eras}, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8"
    )
    points = sum(len(r) for era in eras.values() for p in era for r in p["rings"])
    print(
        f"{args.output}: {len(eras['pre2025'])} + {len(eras['2025'])} provinces, {points} points, "
        f"{args.output.stat().st_size} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
