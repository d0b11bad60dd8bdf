"""Cost of one (subject, predicate) lookup in a published store, on disk and in memory.

    python bench/lookup_cost.py bench/out/home-1m/store

Why: the saved queries that miss the 30x ratio at 1M on disk (docs/performance.md, section b)
spend their time in per-row lookups through the union default graph, one per label, party or
heir of each row. This measures that unit: the subjects are up to 5,000 relations with a
kn:currentStatus, each looked up for its dct:source with `quads_for_pattern`, on the store opened read-only (as `kg query`
opens it) and on the in-memory copy `kg.api.keep_in_memory()` makes. Best of --repeat passes,
Python's call overhead included (it is the same on both sides).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.graph import store as kg_store  # noqa: E402

SUBJECTS = """PREFIX kn: <https://w3id.org/ketnghia/ontology#>
SELECT ?relation WHERE { ?relation kn:currentStatus ?status } LIMIT 5000"""
SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")


def per_lookup_us(store: ox.Store, repeat: int) -> tuple[float, int]:
    subjects = [row["relation"] for row in store.query(SUBJECTS, use_default_graph_as_union=True)]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for subject in subjects:
            for _quad in store.quads_for_pattern(subject, SOURCE, None, None):
                pass
        best = min(best, (time.perf_counter() - started) / max(len(subjects), 1))
    return best * 1e6, len(subjects)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a store published by kg build (its directory)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    disk, n = per_lookup_us(ox.Store.read_only(str(args.store)), args.repeat)
    memory, _ = per_lookup_us(kg_store.memory_copy(args.store), args.repeat)
    print(f"{n} subjects, best of {args.repeat}: on disk {disk:.1f} µs a lookup, in memory {memory:.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
