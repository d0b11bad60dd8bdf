"""The data sets of a run: the national graph and the generated scales, made once and reused."""

from __future__ import annotations

import json
import os
from pathlib import Path


class Data:
    def __init__(self, out: Path, quiet: bool):
        self.out = out
        self.quiet = quiet

    def national(self) -> dict:
        """gazetteer + ontology + data/sources as one N-Quads file (the alternative's input)."""
        import pyoxigraph as ox

        from bench.scale import ontology_nquads
        from kg import config
        from kg.graph import gazetteer, gazetteer_nquads

        folder = self.out / "national"
        folder.mkdir(parents=True, exist_ok=True)
        nq = folder / "all.nq"
        report = gazetteer.GazetteerReport()
        lines = gazetteer_nquads.gazetteer_lines(gazetteer.load_package_data(), report)
        onto, onto_n = ontology_nquads()
        store = ox.Store()
        for path in sorted(config.SOURCES_DIR.glob("*.trig")):
            store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
        curated = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
        with open(nq, "w", encoding="utf-8") as f:
            f.writelines(lines)
            f.write(onto)
            f.write(curated)
        return {
            "dir": folder,
            "nq": nq,
            "sources": config.SOURCES_DIR,
            "triples": len(lines) + onto_n + len(store),
            "curated_triples": len(store),
        }

    def scale(
        self,
        name: str,
        triples: int | None = None,
        synthetic: int | None = None,
        inject: str | None = None,
        facts_per_source: int = 200,
    ) -> dict:
        from bench.scale import GENERATOR_VERSION, generate, parse_inject

        folder = self.out / name
        options = {
            "triples": triples,
            "synthetic": synthetic,
            "inject": inject,
            "facts_per_source": facts_per_source,
            "version": GENERATOR_VERSION,
        }
        stamp = folder / "options.json"
        if not (stamp.exists() and json.loads(stamp.read_text()) == options and (folder / "all.nq").exists()):
            print(f"generating {folder} …", flush=True)
            generate(
                folder,
                triples=triples,
                synthetic_triples=synthetic,
                inject=parse_inject(inject),
                facts_per_source=facts_per_source,
                quiet=self.quiet,
            )
            stamp.write_text(json.dumps(options))
            # The generator leaves gigabytes of dirty pages: the first build after it, Dec. 2026,
            # took 69.5 s at 5M instead of 53-54 s while the disk wrote them out. Not the build's cost.
            os.sync()
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        injected = (
            json.loads((folder / "injected.json").read_text("utf-8")) if (folder / "injected.json").exists() else []
        )
        return {
            "dir": folder,
            "nq": folder / "all.nq",
            "sources": folder / "sources",
            "triples": manifest["total_triples"],
            "manifest": manifest,
            "injected": injected,
        }

    def contribution(self) -> dict:
        """A ~1,000-triple contribution (one synthetic source, TriG) and the graph `kg validate`
        checks for it against the national graph: the contribution + its context from the store
        (kg.steward.contribute.graph_in_context), written as N-Triples for the library-level comparison."""
        import pyoxigraph as ox
        from rdflib import Dataset

        from kg.steward.contribute import graph_in_context

        data = self.scale("contribution-1k", synthetic=1000, facts_per_source=10_000)
        sources = sorted(data["sources"].glob("*.trig"))
        if len(sources) != 1:
            raise RuntimeError(f"expected one synthetic source in {data['sources']}, found {len(sources)}")
        target = data["dir"] / "validation.nt"
        if not target.exists() or target.stat().st_mtime < (data["dir"] / "manifest.json").stat().st_mtime:
            store = ox.Store()
            store.bulk_load(path=str(self.national()["nq"]), format=ox.RdfFormat.N_QUADS)
            contribution = Dataset()
            contribution.parse(str(sources[0]), format="trig")
            graph_in_context(contribution, store).serialize(str(target), format="nt")
        data["file"] = sources[0]
        data["validation"] = target
        data["validation_triples"] = sum(1 for _ in open(target, encoding="utf-8"))
        return data
