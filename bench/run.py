"""Side-by-side benchmarks: the project (`kg`, pyoxigraph on disk, Rust SHACL) against the obvious
alternative (rdflib Dataset in memory + pyshacl), in one run; writes docs/performance.md.

    python bench/run.py                                   # everything (national, 1m, 5m): ~1 h
    python bench/run.py --scale national --repeat 5       # the real graph only: a few minutes
    python bench/run.py --scale 1m --only b,c             # queries at 1M triples
    python bench/run.py --scale 1m --skip-alternative     # the project's side only
    python bench/run.py --scale 1m --only b --queries twinnings-of-unit --merge   # one query again

Sections (see bench/README.md):
  a  build/load time and peak memory: `kg build` vs rdflib Dataset.parse of the same N-Quads
  b  saved queries (every queries/*.rq, all have defaults, + bench/queries/*.rq): median of N
     runs, more for a query of a few ms (until ~0.5 s in all, see bench/workers.py); at 1M on the
     store on disk and on kg.api.keep_in_memory's copy
  c  `kg query`'s own overhead against bare pyoxigraph for the same query (target ≤ 1.2×)
  d  `kg build` of the national graph from clean, and a no-change rebuild (≤ 10 s, ≤ 2 s)
  e  `kg search` latency on the national index (≤ 100 ms per query)
  f  validation, pyshacl vs the default (fast) engine: national graph, a ~1,000-triple
     contribution, 1M triples with injected errors (≥ 50× at 1M, identical results)
  g  5M triples: `kg build` ≤ 60 s and ≤ 1.5 GB peak
  h  the explorer page at national scale (~10k nodes, ~20k twinnings): written ≤ 5 s, ≤ 15 MB,
     interactive in headless Chromium ≤ 3 s; against plain pyvis on the same network

Every measured side runs in its own process (bench/workers.py) under bench/measure.py, which
reports wall time and the peak RSS of that process alone and kills it past --limit-mb.
Data sets are generated into bench/out/ by bench/generate.py (seeded) and reused while the
generator's options are unchanged.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/run.py`: bench.*, kg

from bench.common import BENCH, KG, PY, ROOT, SCALES
from bench.datasets import Data
from bench.processes import build_failure, build_steps, measured
from bench.report import injected_table, machine, merged, report, save_results, table, target_summaries  # noqa: F401 (tests)
from bench.results import MEMORY_SUFFIX, SECTIONS, Results, Row, fmt_s  # noqa: F401 (read through run)
from bench.section_a import BuildSection
from bench.section_b import QuerySection
from bench.section_c import OverheadSection
from bench.section_d import NationalBuildSection
from bench.section_e import SearchSection
from bench.section_f import ValidationSection
from bench.section_h import ExplorerSection
from bench.section_x import ExtractionSection


# --------------------------------------------------------------------------- the benchmark


class Bench(
    BuildSection,
    QuerySection,
    OverheadSection,
    NationalBuildSection,
    SearchSection,
    ValidationSection,
    ExplorerSection,
    ExtractionSection,
):
    def __init__(self, args):
        self.args = args
        self.out = Path(args.workdir).resolve()
        self.out.mkdir(parents=True, exist_ok=True)
        self.data = Data(self.out, args.quiet)
        self.res = Results()
        self.command = ""
        self.stores: dict[str, dict] = {}  # scale -> {"home", "store", "note"}
        self.datasets: dict[str, dict] = {}
        self.build_failed: dict[str, str] = {}  # scale -> why its kg build did not publish
        for scale in args.scale:  # no store of an earlier run (older data) may be measured
            shutil.rmtree(self.home(scale), ignore_errors=True)

    # ------------------------------------------------------------------ helpers

    def want(self, section: str) -> bool:
        return section in self.args.only

    def dataset(self, scale: str) -> dict:
        if scale not in self.datasets:
            if scale == "national":
                self.datasets[scale] = self.data.national()
            else:
                self.datasets[scale] = self.data.scale(f"scale-{scale}", triples=SCALES[scale])
        return self.datasets[scale]

    def home(self, scale: str) -> Path:
        return self.out / f"home-{scale}"

    def warm_gazetteer(self, home: Path) -> None:
        code = "from kg.graph import build; build._gazetteer_file()"
        subprocess.run([PY, "-c", code], env={**os.environ, "KG_HOME": str(home)}, cwd=ROOT, check=False)

    def kg_build(self, scale: str, *, force: bool = True, clean: bool = False, what: str = "") -> dict:
        """One measured `kg build` of the scale's sources into its own KG_HOME."""
        data = self.dataset(scale)
        home = self.home(scale) if not clean else self.out / "home-national-clean"
        if clean and home.exists():
            shutil.rmtree(home)
        home.mkdir(parents=True, exist_ok=True)
        if not clean:
            self.warm_gazetteer(home)
        command = KG + ["build", "--sources", str(data["sources"])] + (["--force"] if force else [])
        log = self.out / f"build-{scale}{'-clean' if clean else ''}.log"
        result = measured(
            command, env={"KG_HOME": str(home)}, limit_mb=self.args.limit_mb, timeout=self.args.build_timeout, log=log
        )
        result["steps"] = build_steps(result["log"])
        result["failure"] = "" if result["returncode"] == 0 else (result["killed"] or build_failure(result["log"]))
        if result["failure"] and not clean:
            self.build_failed[scale] = result["failure"]
        if result["killed"]:  # a killed build leaves its half-built store behind: remove it
            published = (home / "store").resolve() if (home / "store").exists() else None
            for leftover in (home / "stores").glob("build-*"):
                if leftover.is_dir() and leftover != published:
                    shutil.rmtree(leftover, ignore_errors=True)
        self.res.builds.append(
            {
                "scale": scale,
                "what": what or ("clean" if clean else "forced rebuild"),
                "seconds": result["seconds"],
                "peak_mb": result["peak_mb"],
                "steps": result["steps"],
                "failure": result["failure"],
                "up_to_date": "up to date" in result["log"],
            }
        )
        return result

    def store_for(self, scale: str) -> dict:
        """The published store of the scale (building it if needed). If `kg build` refuses or
        cannot finish, the same data is bulk-loaded straight into a store, and rows say so."""
        if scale in self.stores:
            return self.stores[scale]
        home = self.home(scale)
        link = home / "store"
        note = ""
        if not link.exists() and scale in self.build_failed:
            note = f"store bulk-loaded directly: kg build did not publish ({self.build_failed[scale][:120]})"
        elif not link.exists():
            result = self.kg_build(scale, what="store for queries")
            if result["returncode"] != 0:
                note = f"store bulk-loaded directly: kg build did not publish ({result['failure'][:120]})"
        if link.exists():
            info = {"home": home, "store": link.resolve(), "note": note}
        else:
            import pyoxigraph as ox

            direct = home / "direct-store"
            if not direct.exists():
                store = ox.Store(str(direct))
                store.bulk_load(path=str(self.dataset(scale)["nq"]), format=ox.RdfFormat.N_QUADS)
                store.flush()
                del store
            # Published by hand in this private KG_HOME so that `kg query` (section c) finds it.
            link.symlink_to(direct.relative_to(home))
            info = {"home": home, "store": direct, "note": note or "store bulk-loaded directly"}
        self.stores[scale] = info
        return info

    def queries_file(self) -> Path:
        from kg.query import catalog

        queries = []
        for path in [*sorted((ROOT / "queries").glob("*.rq")), *sorted((BENCH / "queries").glob("*.rq"))]:
            saved = catalog.parse_query_file(path)
            # what kg runs, parameters bound to their defaults (every parameter has one)
            entry = {"name": saved.name, "text": saved.bound_text({})}
            # the same question in the form rdflib runs faster, where the saved text is written
            # for Oxigraph's planner (bench/alternative-queries/README.md)
            alternative = BENCH / "alternative-queries" / path.name
            if alternative.exists():
                entry["alternative_text"] = catalog.parse_query_file(alternative).bound_text({})
            queries.append(entry)
        path = self.out / "queries.json"
        path.write_text(json.dumps(queries, ensure_ascii=False, indent=1), "utf-8")
        return path

    # ------------------------------------------------------------------ a, g: build / load

    def profile(self, scale: str) -> None:
        import pstats

        data = self.dataset(scale)
        home = self.home(scale)
        self.warm_gazetteer(home)
        prof = self.out / f"build-{scale}.prof"
        log = self.out / f"build-{scale}-profile.log"
        r = measured(
            [PY, "-m", "cProfile", "-o", str(prof), "-m", "kg", "build", "--force", "--sources", str(data["sources"])],
            env={"KG_HOME": str(home)},
            limit_mb=self.args.limit_mb,
            timeout=self.args.build_timeout * 2,
            log=log,
        )
        if not prof.exists():
            self.res.problems.append(f"profile of kg build ({scale}) did not complete: {r.get('killed')}")
            return
        stats = pstats.Stats(str(prof))
        total = stats.total_tt
        rows = []
        for func, (_cc, nc, tt, ct, _callers) in stats.stats.items():
            rows.append((ct, tt, nc, func))
        lines = [
            f"cProfile of `kg build --force --sources {data['sources'].relative_to(ROOT)}` "
            f"({data['triples']:,} triples): {fmt_s(r['seconds'])} under the profiler, "
            f"total {total:.1f} s of profiled time.",
            "",
            "| cumulative | own | calls | function |",
            "|---|---|---|---|",
        ]
        seen = 0
        for ct, tt, nc, (file, line, name) in sorted(rows, reverse=True):
            short = f"{Path(file).name}:{line} {name}" if file != "~" else name
            if ct < 0.02 * total:
                break
            lines.append(f"| {ct:.1f} s ({100 * ct / total:.0f} %) | {tt:.1f} s | {nc:,} | `{short}` |")
            seen += 1
            if seen >= 30:
                break
        self.res.extra.setdefault("profile", []).append((f"Profile of kg build ({scale})", "\n".join(lines)))
        self.res.builds.append(
            {
                "scale": scale,
                "what": "under cProfile",
                "seconds": r["seconds"],
                "peak_mb": r["peak_mb"],
                "steps": build_steps(r["log"]),
                "failure": "",
                "up_to_date": False,
            }
        )

    # ------------------------------------------------------------------ run

    def run(self) -> None:
        scales = self.args.scale
        steps = []
        for scale in scales:
            if self.want("a") or (scale == "5m" and self.want("g")):
                steps.append((f"a/g {scale}", lambda s=scale: self.section_a(s)))
        for scale in scales:
            if self.want("b") and scale != "5m" or (self.want("b") and scale == "5m" and self.args.queries_5m):
                chosen = f" [{', '.join(self.args.queries)}]" if self.args.queries else ""
                steps.append((f"b {scale}{chosen}", lambda s=scale: self.section_b(s)))
            if self.want("c") and scale in ("national", "1m"):
                steps.append((f"c {scale}", lambda s=scale: self.section_c(s)))
        if "national" in scales and self.want("d"):
            steps.append(("d", self.section_d))
        if "national" in scales and self.want("e"):
            steps.append(("e", self.section_e))
        for scale in scales:
            if self.want("f") and scale in ("national", "1m"):
                steps.append((f"f {scale}", lambda s=scale: self.section_f(s)))
        if self.want("h"):
            steps.append(("h", self.section_h))
        if self.want("x"):
            steps.append(("x", self.section_x))
        for scale in self.args.profile:
            steps.append((f"profile {scale}", lambda s=scale: self.profile(s)))
        for label, step in steps:
            load = os.getloadavg()[0]
            print(f"== {label} (load average {load:.1f})", flush=True)
            self.res.current_step = label
            before = {key: len(blocks) for key, blocks in self.res.extra.items()}
            n_builds, n_problems = len(self.res.builds), len(self.res.problems)
            t0 = time.time()
            try:
                step()
            except Exception as exc:  # one broken section must not lose the others
                import traceback

                traceback.print_exc()
                self.res.problems.append(f"section {label} failed: {type(exc).__name__}: {exc}")
            print(f"   ({label} took {time.time() - t0:.0f} s)", flush=True)
            for key, blocks in self.res.extra.items():  # tag what this step wrote, for --merge
                blocks[before.get(key, 0) :] = [(h, b, label) for h, b, *_ in blocks[before.get(key, 0) :]]
            for build in self.res.builds[n_builds:]:
                build["step"] = label
            self.res.problems[n_problems:] = [
                (p, label) if isinstance(p, str) else p for p in self.res.problems[n_problems:]
            ]
            self.res.steps[label] = {
                "at": time.strftime("%Y-%m-%d %H:%M", time.localtime(t0)),
                "minutes": (time.time() - t0) / 60,
                "load_before": load,
                "load_after": os.getloadavg()[0],
                "command": self.command,
                "machine": machine(),
            }
            if self.args.queries and label.startswith("b "):
                self.res.steps[label]["queries"] = self.args.queries
        for name, d in self.datasets.items():
            m = d.get("manifest", {})
            self.res.datasets[name] = {
                "triples": d["triples"],
                "sources": m.get("sources", "5 curated"),
                "seed": m.get("seed"),
                "twinnings": m.get("twinnings"),
            }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", default="national,1m,5m", help="comma-separated: national, 1m, 5m (default: all three)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing, median reported (default 5)")
    parser.add_argument("--build-repeat", type=int, default=1, help="builds per timing at 1m/5m (default 1)")
    parser.add_argument("--skip-alternative", action="store_true", help="measure the project only")
    parser.add_argument("--only", default="abcdefghx", help="sections to run, e.g. b,c (default: all)")
    parser.add_argument("--rdflib-timeout", type=float, default=120, help="limit per rdflib query (s)")
    parser.add_argument("--query-timeout", type=float, default=120, help="limit per project query (s)")
    parser.add_argument(
        "--pyshacl-max-triples",
        type=int,
        default=1_100_000,
        help="do not run pyshacl on larger graphs (default 1.1M: it runs at 1M)",
    )
    parser.add_argument("--inject", type=int, default=20, help="errors injected in the 1M validation graph")
    parser.add_argument("--limit-mb", type=float, default=12_000, help="kill a measured process above this RSS")
    parser.add_argument("--build-timeout", type=float, default=1800, help="kill a build or load after this (s)")
    parser.add_argument("--validation-timeout", type=float, default=1800)
    parser.add_argument(
        "--breakdown-timeout", type=float, default=600, help="limit per run of the engine-time-by-shapes-file table (s)"
    )
    parser.add_argument(
        "--skip-reference",
        action="store_true",
        help="section f: skip the Rust engine run alone and the table by shapes file "
        "(at 1M the engine alone runs SPARQL constraints per focus node: > 10 min)",
    )
    parser.add_argument(
        "--pyvis-browser-timeout",
        type=float,
        default=180,
        help="section h: cap on each wait for the plain pyvis page in Chromium (s)",
    )
    parser.add_argument(
        "--queries",
        default="",
        help="section b: only these saved queries, e.g. twinnings-with-defunct-parties "
        "(with --merge the other queries' rows of earlier runs stay)",
    )
    parser.add_argument("--queries-5m", action="store_true", help="also run the queries (section b) at 5m")
    parser.add_argument("--alternative-5m-queries", action="store_true", help="with --queries-5m: rdflib too")
    parser.add_argument("--profile", default="", help="cProfile a kg build at these scales, e.g. 1m")
    parser.add_argument("--workdir", default=str(BENCH / "out"))
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the steps of the previous runs (the .json beside --output, in git) that this "
        "run does not measure again, and write the report of all (each step says when "
        "and on which machine it ran)",
    )
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    args.scale = [s.strip() for s in args.scale.split(",") if s.strip()]
    unknown = [s for s in args.scale if s not in SCALES]
    if unknown:
        parser.error(f"unknown scale {unknown[0]!r}; one of {', '.join(SCALES)}")
    args.only = {c for c in args.only.replace(",", "") if c in SECTIONS}
    args.profile = [s for s in args.profile.split(",") if s]
    args.queries = sorted({q.strip() for q in args.queries.split(",") if q.strip()})
    known = {p.stem for p in [*(ROOT / "queries").glob("*.rq"), *(BENCH / "queries").glob("*.rq")]}
    if set(args.queries) - known:
        parser.error(f"unknown query {sorted(set(args.queries) - known)[0]!r}; see queries/ and bench/queries/")
    bench = Bench(args)
    bench.command = ("python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])).strip()
    bench.run()
    # The results live beside the report, in git: a fresh clone's --merge keeps every step
    # measured before (bench/out/ is not committed). WORKDIR/results.json: where they used to be.
    saved = Path(args.output).with_suffix(".json")
    earlier = saved if saved.exists() else Path(args.workdir) / "results.json"
    res = merged(bench.res, earlier) if args.merge and earlier.exists() else bench.res
    save_results(res, saved)
    Path(args.output).write_text(report(res), "utf-8")
    print()
    print(table(bench.res.rows))
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
