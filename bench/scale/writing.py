"""Writing a scale data set: the sources as TriG, the whole as N-Quads, the manifest.

generate is what `python bench/generate.py` runs (bench/generate.py describes the output folder):
the national gazetteer and the ontology, then synthetic sources from Generator until the size
asked for, with the injected errors spread over evenly spaced sources.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from bench.scale.generator import Generator
from bench.scale.sources import trig_text
from bench.scale.terms import Compactor
from kg.graph import gazetteer, gazetteer_nquads
from kg.iris import ONTOLOGY_GRAPH

GENERATOR_VERSION = 2


def ontology_nquads() -> tuple[str, int]:
    """The ontology files as N-Quads in the ontology graph, and how many triples they hold."""
    from kg.graph.build import ontology_files

    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    store = ox.Store()
    for path in ontology_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
    text = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return text, len(store)


def generate(
    out_dir: Path,
    *,
    triples: int | None = None,
    synthetic_triples: int | None = None,
    seed: int = 20261101,
    facts_per_source: int = 200,
    provinces: set[str] | None = None,
    inject: list[str] | None = None,
    nquads: bool = True,
    quiet: bool = False,
) -> dict:
    """Write the scale graph to out_dir (see the docstring of bench/generate.py); returns the manifest."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    sources_dir = out_dir / "sources"
    sources_dir.mkdir(parents=True, exist_ok=True)
    for old in sources_dir.glob("*.trig"):
        old.unlink()
    gen = Generator(seed, provinces, facts_per_source)
    report = gazetteer.GazetteerReport()
    gaz_lines = gazetteer_nquads.gazetteer_lines(gazetteer.load_package_data(), report)
    onto_text, onto_count = ontology_nquads()
    base = len(gaz_lines) + onto_count
    if synthetic_triples is None:
        if triples is None:
            raise ValueError("give triples (whole dataset) or synthetic_triples")
        if triples <= base:
            raise SystemExit(
                f"--triples {triples:,} is not more than the gazetteer and ontology "
                f"({base:,}); use --synthetic-triples for a small graph"
            )
        synthetic_triples = triples - base
    inject = list(inject or [])
    # Injected errors go into evenly spaced sources (the estimate errs low; leftovers go last).
    estimated_sources = max(1, synthetic_triples // max(1, facts_per_source * 8))
    inject_at: dict[int, list[str]] = {}
    for i, kind in enumerate(inject):
        inject_at.setdefault(int(i * estimated_sources / max(1, len(inject))), []).append(kind)
    injected: list[dict] = []
    compact = Compactor()
    nq = open(out_dir / "all.nq", "w", encoding="utf-8") if nquads else None
    if nq:
        nq.writelines(gaz_lines)
        nq.write(onto_text)
    del gaz_lines
    produced, files, counts = 0, {}, {}
    n_injected = 0
    while produced < synthetic_triples:
        index = gen.source_index
        sb = gen.source(budget=synthetic_triples - produced)
        last = produced + len(sb.triples) >= synthetic_triples
        kinds = inject_at.pop(index, [])
        if last:
            kinds += [k for key in sorted(inject_at) for k in inject_at[key]]
            inject_at.clear()
        for kind in kinds:
            injected.append(gen.inject(sb, kind, n_injected))
            n_injected += 1
        (sources_dir / f"{sb.source_id}.trig").write_text(trig_text(sb, compact), encoding="utf-8")
        if nq:
            g = sb.graph
            nq.writelines(f"{s} {p} {o} {g} .\n" for s, p, o in sb.triples)
        produced += len(sb.triples)
        files[sb.source_id] = len(sb.triples)
        for cls, n in sb.counts.items():
            counts[cls] = counts.get(cls, 0) + n
        if not quiet and len(files) % 100 == 0:
            print(f"  {len(files):,} sources, {produced:,} synthetic triples…", file=sys.stderr, flush=True)
    if nq:
        nq.close()
    manifest = {
        "generator": f"bench/generate.py v{GENERATOR_VERSION}",
        "seed": seed,
        "facts_per_source": facts_per_source,
        "provinces": sorted(provinces) if provinces else "all",
        "gazetteer": {"package": f"{gazetteer.PACKAGE} {report.package_version}", "triples": report.triples},
        "ontology_triples": onto_count,
        "synthetic_triples": produced,
        "total_triples": base + produced,
        "sources": len(files),
        "nodes_by_class": dict(sorted(counts.items())),
        "twinnings": len(gen.twinnings),
        "policies": len(gen.policy_iris),
        "injected": len(injected),
        "seconds": round(time.perf_counter() - started, 1),
        "files": files,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    injected_path = out_dir / "injected.json"
    if injected:
        injected_path.write_text(json.dumps(injected, ensure_ascii=False, indent=1), "utf-8")
    elif injected_path.exists():
        injected_path.unlink()
    return manifest
