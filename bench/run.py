"""Side-by-side benchmarks: the project (`kg`, pyoxigraph on disk, Rust SHACL) against the obvious
alternative (rdflib Dataset in memory + pyshacl), in one run; writes docs/performance.md.

    python bench/run.py                                   # everything (national, 1m, 5m): ~1 h
    python bench/run.py --scale national --repeat 5       # the real graph only: a few minutes
    python bench/run.py --scale 1m --only b,c             # queries at 1M triples
    python bench/run.py --scale 1m --skip-alternative     # the project's side only

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
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PY = sys.executable
SCALES = {"national": None, "1m": 1_000_000, "5m": 5_000_000}
SEARCH_TEXTS = ["Nam Giang", "que son", "Quế Sơn", "thanh hoa", "Hòa", "phuong 1", "xa", "Lê Văn",
                "agribank", "tra"]
KG = [PY, "-m", "kg"]
CLI_FAST_S = 0.2        # kg query runs under this are repeated CLI_FAST_RUNS times in section c
CLI_FAST_RUNS = 9


from bench.report import (  # noqa: E402  (ROOT is on sys.path only from here)
    injected_table,
    machine,
    merged,
    report,
    save_results,
    table,
)
from bench.results import MEMORY_SUFFIX, SECTIONS, Results, Row, fmt_mb, fmt_s, median, ratio  # noqa: E402


# --------------------------------------------------------------------------- processes

def measured(command: list[str], *, env: dict | None = None, limit_mb: float = 0, timeout: float = 0,
             log: Path | None = None) -> dict:
    """Run command under bench/measure.py; its stdout/stderr go to `log` (or are discarded)."""
    result_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"kg-bench-measure-{os.getpid()}.json"
    wrapper = [PY, str(BENCH / "measure.py"), "--out", str(result_file)]
    if limit_mb:
        wrapper += ["--limit-mb", str(limit_mb)]
    if timeout:
        wrapper += ["--timeout", str(timeout)]
    full_env = dict(os.environ)
    full_env.update(env or {})
    if log is None:
        wrapper.append("--quiet")
        subprocess.run(wrapper + ["--"] + command, env=full_env, cwd=ROOT, check=True)
    else:
        with open(log, "w") as out:
            subprocess.run(wrapper + ["--"] + command, env=full_env, cwd=ROOT, check=True,
                           stdout=out, stderr=subprocess.STDOUT)
    result = json.loads(result_file.read_text())
    result_file.unlink()
    if log is not None:
        result["log"] = log.read_text("utf-8", errors="replace")
    return result


def wall(command: list[str], env: dict | None = None, timeout: float | None = None) -> tuple[float, int]:
    """Wall time and exit code of a command (-9 if killed at `timeout`). The time limit is a timer
    thread, not Popen.wait(timeout=), which polls in sleeps of up to 50 ms: with it, every
    `kg query` of section c was rounded up to the next 50 ms step (115, 165, 216 ms...)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    t0 = time.perf_counter()
    child = subprocess.Popen(command, env=full_env, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    timer = threading.Timer(timeout, child.kill) if timeout else None
    if timer:
        timer.start()
    try:
        code = child.wait()
    finally:
        if timer:
            timer.cancel()
    return time.perf_counter() - t0, code


def build_steps(log: str) -> list[tuple[str, float]]:
    steps, label = [], None
    for line in log.splitlines():
        m = re.match(r"\[\d+/\d+\] (.*?)…", line.strip())
        if m:
            label = m.group(1)
            continue
        m = re.match(r"done in ([0-9.]+) s", line.strip())
        if m and label:
            steps.append((label, float(m.group(1))))
            label = None
    if label:
        steps.append((label + " (not finished)", None))
    return steps


def build_failure(log: str) -> str:
    if "NOT published" in log:
        lines = log.split("NOT published", 1)[1].splitlines()[1:4]
        return " / ".join(line.strip() for line in lines if line.strip())[:300]
    return log.strip().splitlines()[-1][:300] if log.strip() else ""


# --------------------------------------------------------------------------- data sets

class Data:
    def __init__(self, out: Path, quiet: bool):
        self.out = out
        self.quiet = quiet

    def national(self) -> dict:
        """gazetteer + ontology + data/sources as one N-Quads file (the alternative's input)."""
        import pyoxigraph as ox

        from bench.generate import ontology_nquads
        from kg import config
        from kg.graph import gazetteer

        folder = self.out / "national"
        folder.mkdir(parents=True, exist_ok=True)
        nq = folder / "all.nq"
        report = gazetteer.GazetteerReport()
        lines = gazetteer.gazetteer_lines(gazetteer.load_package_data(), report)
        onto, onto_n = ontology_nquads()
        store = ox.Store()
        for path in sorted(config.SOURCES_DIR.glob("*.trig")):
            store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
        curated = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
        with open(nq, "w", encoding="utf-8") as f:
            f.writelines(lines)
            f.write(onto)
            f.write(curated)
        return {"dir": folder, "nq": nq, "sources": config.SOURCES_DIR,
                "triples": len(lines) + onto_n + len(store), "curated_triples": len(store)}

    def scale(self, name: str, triples: int | None = None, synthetic: int | None = None,
              inject: str | None = None, facts_per_source: int = 200) -> dict:
        from bench.generate import GENERATOR_VERSION, generate, parse_inject

        folder = self.out / name
        options = {"triples": triples, "synthetic": synthetic, "inject": inject,
                   "facts_per_source": facts_per_source, "version": GENERATOR_VERSION}
        stamp = folder / "options.json"
        if not (stamp.exists() and json.loads(stamp.read_text()) == options and (folder / "all.nq").exists()):
            print(f"generating {folder} …", flush=True)
            generate(folder, triples=triples, synthetic_triples=synthetic, inject=parse_inject(inject),
                     facts_per_source=facts_per_source, quiet=self.quiet)
            stamp.write_text(json.dumps(options))
            # The generator leaves gigabytes of dirty pages: the first build after it, Dec. 2026,
            # took 69.5 s at 5M instead of 53-54 s while the disk wrote them out. Not the build's cost.
            os.sync()
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
        injected = json.loads((folder / "injected.json").read_text("utf-8")) if (folder / "injected.json").exists() else []
        return {"dir": folder, "nq": folder / "all.nq", "sources": folder / "sources",
                "triples": manifest["total_triples"], "manifest": manifest, "injected": injected}

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


# --------------------------------------------------------------------------- the benchmark

class Bench:
    def __init__(self, args):
        self.args = args
        self.out = Path(args.workdir).resolve()
        self.out.mkdir(parents=True, exist_ok=True)
        self.data = Data(self.out, args.quiet)
        self.res = Results()
        self.command = ""
        self.stores: dict[str, dict] = {}   # scale -> {"home", "store", "note"}
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
        result = measured(command, env={"KG_HOME": str(home)}, limit_mb=self.args.limit_mb,
                          timeout=self.args.build_timeout, log=log)
        result["steps"] = build_steps(result["log"])
        result["failure"] = "" if result["returncode"] == 0 else (result["killed"] or build_failure(result["log"]))
        if result["failure"] and not clean:
            self.build_failed[scale] = result["failure"]
        if result["killed"]:  # a killed build leaves its half-built store behind: remove it
            published = (home / "store").resolve() if (home / "store").exists() else None
            for leftover in (home / "stores").glob("build-*"):
                if leftover.is_dir() and leftover != published:
                    shutil.rmtree(leftover, ignore_errors=True)
        self.res.builds.append({"scale": scale, "what": what or ("clean" if clean else "forced rebuild"),
                                "seconds": result["seconds"], "peak_mb": result["peak_mb"],
                                "steps": result["steps"], "failure": result["failure"],
                                "up_to_date": "up to date" in result["log"]})
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
            queries.append({"name": saved.name, "text": saved.bound_text({})})
        path = self.out / "queries.json"
        path.write_text(json.dumps(queries, ensure_ascii=False, indent=1), "utf-8")
        return path

    # ------------------------------------------------------------------ a, g: build / load

    def section_a(self, scale: str) -> None:
        data = self.dataset(scale)
        repeat = self.args.repeat if scale == "national" else self.args.build_repeat
        runs = [self.kg_build(scale, what="section a") for _ in range(max(1, repeat))]
        ok = [r for r in runs if r["returncode"] == 0]
        seconds = median([r["seconds"] for r in ok])
        peak = max((r["peak_mb"] for r in runs), default=None)
        alt_s = alt_mb = None
        alt_note = ""
        if not self.args.skip_alternative:
            alt_runs = []
            for _ in range(max(1, repeat if scale == "national" else 1)):
                out = self.out / f"rdflib-load-{scale}.json"
                r = measured([PY, str(BENCH / "workers.py"), "rdflib-load", "--nq", str(data["nq"]), "--out", str(out)],
                             limit_mb=self.args.limit_mb, timeout=self.args.build_timeout)
                if r["returncode"] == 0:
                    r.update(json.loads(out.read_text()))
                else:
                    alt_note = f"rdflib load {r['killed'] or 'failed'}"
                alt_runs.append(r)
            good = [r for r in alt_runs if r["returncode"] == 0]
            alt_s = median([r["seconds"] for r in good])
            alt_mb = max((r["peak_mb"] for r in alt_runs), default=None)
            if not good:
                alt_s = None
        failed = [r for r in runs if r["returncode"] != 0]
        note = f"{len(ok)}/{len(runs)} builds ok" + (f"; failed: {failed[0]['failure']}" if failed else "")
        note += f"; {data['triples']:,} triples"
        target = met = ""
        if scale == "5m":
            target = "≤ 60 s"
            met = "✓" if seconds is not None and seconds <= 60 else "✗"
        project = fmt_s(seconds) if seconds is not None else f"failed after {fmt_s(runs[0]['seconds'])}"
        self.res.add("a", "kg build (load + validate + quality checks + index) vs rdflib Dataset.parse — time",
                     scale, project, fmt_s(alt_s) if alt_s else (alt_note or "—"),
                     ratio(alt_s, seconds), target, met, note + (f"; {alt_note}" if alt_note else ""))
        target = met = ""
        if scale == "5m":
            target = "≤ 1.5 GB"
            met = "✓" if peak is not None and peak <= 1536 and ok else "✗"
        self.res.add("a", "peak memory (RSS of the process)", scale, fmt_mb(peak), fmt_mb(alt_mb),
                     ratio(alt_mb, peak), target, met,
                     "killed at the limit" if any(r["killed"] for r in runs) else "")
        if scale == "5m":
            self.res.add("g", "kg build of 5M triples — time", scale,
                         fmt_s(seconds) if seconds is not None else f"failed after {fmt_s(runs[0]['seconds'])}",
                         "—", "—", "≤ 60 s", "✓" if seconds is not None and seconds <= 60 else "✗", note)
            self.res.add("g", "kg build of 5M triples — peak memory", scale, fmt_mb(peak), "—", "—", "≤ 1.5 GB",
                         "✓" if peak is not None and peak <= 1536 and ok else "✗")

    # ------------------------------------------------------------------ b: saved queries

    def project_queries(self, store: dict, qfile: Path, names: list[str], scale: str, memory: bool) -> tuple[dict, dict]:
        """The saved queries as the project runs them, on the store on disk or (memory) on the copy
        kg.api.keep_in_memory makes; a worker that dies or passes the timeout is replaced for the
        queries left. Also returns the first worker's open (or copy) time and peak RSS."""
        out = self.out / f"oxigraph-queries-{scale}{'-memory' if memory else ''}.json"
        proj: dict = {}
        opened: dict = {}
        while len(proj) < len(names):
            left = [n for n in names if n not in proj]
            out.unlink(missing_ok=True)
            r = measured([PY, str(BENCH / "workers.py"), "oxigraph-queries", "--store", str(store["store"]),
                          "--queries", str(qfile), "--repeat", str(self.args.repeat), "--out", str(out),
                          "--timeout", str(self.args.query_timeout), "--names", json.dumps(left)]
                         + (["--memory"] if memory else []), limit_mb=self.args.limit_mb)
            answer = json.loads(out.read_text()) if out.exists() else {}
            done = answer.get("queries", {})
            if not opened and answer:
                opened = {"seconds": answer["open_seconds"], "peak_mb": r["peak_mb"]}
            if not done:  # the worker died on the first query left
                done = {left[0]: {"times": [], "rows": None, "timed_out": False,
                                  "error": f"worker failed ({r['killed'] or 'exit ' + str(r['returncode'])})"}}
            proj.update(done)
        return proj, opened

    def section_b(self, scale: str) -> None:
        data = self.dataset(scale)
        store = self.store_for(scale)
        qfile = self.queries_file()
        names = [q["name"] for q in json.loads(qfile.read_text("utf-8"))]
        proj, _ = self.project_queries(store, qfile, names, scale, memory=False)
        # The in-memory copy where issue 4's ratio target is (1M); at 5M it would need ~3.5 GB.
        memory, copied = self.project_queries(store, qfile, names, scale, memory=True) if scale == "1m" else ({}, {})
        alt, timeout = {}, self.args.rdflib_timeout
        skip_alt = self.args.skip_alternative or (scale == "5m" and not self.args.alternative_5m_queries)
        alt_note = ""
        if not skip_alt:
            out_alt = self.out / f"rdflib-queries-{scale}.json"
            out_alt.unlink(missing_ok=True)
            r = measured([PY, str(BENCH / "workers.py"), "rdflib-queries", "--nq", str(data["nq"]),
                          "--queries", str(qfile), "--repeat", str(self.args.repeat), "--timeout", str(timeout),
                          "--out", str(out_alt)], limit_mb=self.args.limit_mb,
                         timeout=self.args.build_timeout + (len(names) + 1) * (timeout + 30))
            if out_alt.exists():   # written after every query: partial results survive
                alt = json.loads(out_alt.read_text())["queries"]
            if r["returncode"] != 0:
                alt_note = f"rdflib worker {r['killed'] or 'failed'}"
        for suffix, results in (("", proj), (MEMORY_SUFFIX, memory)):
            for name, p in results.items():
                self.query_row(scale, name, suffix, p, alt.get(name), skip_alt, alt_note, timeout, store["note"])
        if copied:
            self.res.extra.setdefault("b", []).append((
                f"The in-memory copy ({scale})",
                f"Rows marked{MEMORY_SUFFIX} ran on the copy of the built store in memory that "
                f"`kg.api.keep_in_memory()` makes for a process that runs many queries (kg.graph.store.memory_copy; "
                f"`kg query` and `kg serve` stay on disk). Making the copy took {fmt_s(copied['seconds'])}; "
                f"that worker's peak RSS was {fmt_mb(copied['peak_mb'])} (the rdflib side: section a)."))
        self.query_summary(scale)

    def query_row(self, scale: str, name: str, suffix: str, p: dict, a: dict | None, skip_alt: bool,
                  alt_note: str, timeout: float, store_note: str) -> None:
        if p.get("error"):
            self.res.add("b", name + suffix, scale, f"error: {p['error'][:80]}", "—", "—", "", "", store_note)
            return
        p_med = median(p["times"])
        p_text = fmt_s(p_med) + (" (1 run)" if len(p["times"]) == 1 and self.args.repeat > 1 else "")
        if p.get("timed_out"):
            p_med, p_text = self.args.query_timeout, f"> {self.args.query_timeout:.0f} s (timeout)"
        if a is None:
            a_text, a_med, lb = ("not run" if skip_alt else alt_note or "—"), None, False
        elif a["error"]:
            a_text, a_med, lb = f"error: {a['error'][:60]}", None, False
        elif a["timed_out"]:
            a_text, a_med, lb = f"> {timeout:.0f} s (timeout)", timeout, True
        else:
            a_med, lb = median(a["times"]), False
            a_text = fmt_s(a_med) + (" (1 run)" if len(a["times"]) == 1 and self.args.repeat > 1 else "")
        rows_note = f"rows {p['rows']}"
        # a time is only comparable with a time for the same answer
        differs = bool(a and not a["error"] and not a["timed_out"] and a["rows"] != p["rows"])
        if differs:
            rows_note += f" vs rdflib {a['rows']} (answers differ: no ratio)"
        if store_note:
            rows_note += f"; {store_note}"
        r_text = "—" if p.get("timed_out") or differs else ratio(a_med, p_med, lb)
        target, met = self.query_target(name, scale, p, p_med, None if differs else a_med)
        self.res.add("b", name + suffix, scale, p_text, a_text, r_text, target, met, rows_note)

    def query_target(self, name: str, scale: str, p: dict, p_med: float | None, a_med: float | None):
        """Issue 4's targets for the saved queries (not the bench/ extras): every saved query
        ≤ 100 ms median on the national graph, ≥ 30× rdflib's time at 1M (n/a where rdflib cannot
        run the query or gives another answer)."""
        if name.startswith("bench-"):
            return "", ""
        if scale == "national":
            return "≤ 100 ms", "✓" if p_med is not None and not p.get("timed_out") and p_med <= 0.1 else "✗"
        if scale == "1m":
            if a_med is None or p_med is None or p.get("timed_out"):
                return "≥ 30×", "n/a"
            return "≥ 30×", "✓" if a_med / p_med >= 30 else "✗"
        return "", ""

    def query_summary(self, scale: str) -> None:
        every = [r for r in self.res.rows if r.section == "b" and r.scale == scale and r.target]
        for where, rows in (("", [r for r in every if not r.what.endswith(MEMORY_SUFFIX)]),
                            (", in memory", [r for r in every if r.what.endswith(MEMORY_SUFFIX)])):
            if rows:
                self.target_summary(scale + where, rows)

    def target_summary(self, label: str, rows: list[Row]) -> None:
        counts = {mark: sum(1 for r in rows if r.met == mark) for mark in ("✓", "✗", "n/a")}
        failed = [r.what for r in rows if r.met == "✗"]
        self.res.extra.setdefault("b", []).append((
            f"Saved queries against their target ({label}, {rows[0].target})",
            f"{counts['✓']} of {len(rows)} met, {counts['✗']} not met"
            + (f" ({', '.join(failed)})" if failed else "")
            + (f", {counts['n/a']} not comparable (rdflib failed or timed out on both sides)" if counts["n/a"] else "")
            + "."))

    # ------------------------------------------------------------------ c: kg query overhead

    def section_c(self, scale: str) -> None:
        store = self.store_for(scale)
        qfile = self.queries_file()
        out = self.out / f"query-overhead-{scale}.json"
        names = [q["name"] for q in json.loads(qfile.read_text("utf-8")) if not q["name"].startswith("bench-")]
        lib: dict = {}
        while len(lib) < len(names):
            left = [n for n in names if n not in lib]
            out.unlink(missing_ok=True)
            measured([PY, str(BENCH / "workers.py"), "query-overhead", "--store", str(store["store"]),
                      "--home", str(store["home"]), "--queries", str(qfile), "--repeat", str(self.args.repeat),
                      "--out", str(out), "--timeout", str(self.args.query_timeout), "--names", json.dumps(left)],
                     limit_mb=self.args.limit_mb)
            done = json.loads(out.read_text())["queries"] if out.exists() else {}
            if not done:
                done = {left[0]: {"error": "worker failed"}}
            lib.update(done)
        skipped = sorted(n for n, t in lib.items() if "kg" not in t)
        lib = {n: t for n, t in lib.items() if "kg" in t}
        worst = None
        lines = ["| query | kg.api.execute | bare pyoxigraph | ratio | `kg query --format tsv` | "
                 "bare pyoxigraph script | ratio |", "|---|---|---|---|---|---|---|"]
        cli_ratios, lib_ratios = [], []
        has_cli = (ROOT / "kg" / "cli" / "query.py").exists()
        queries = {q["name"]: q for q in json.loads(qfile.read_text("utf-8"))}
        for name, t in lib.items():
            k, r = median(t["kg"]), median(t["raw"])
            lib_ratios.append((k / r if r else None, name))
            cli_k = cli_r = None
            if has_cli and (store["home"] / "store").exists():
                qf = self.out / f"raw-{name}.rq"
                qf.write_text(queries[name]["text"], "utf-8")
                env = {"KG_HOME": str(store["home"])}
                ks, rs = [], []
                # a fast query's process start is most of its time: more runs to see past noise
                for _ in range(self.args.repeat if k > CLI_FAST_S else max(self.args.repeat, CLI_FAST_RUNS)):
                    s, rc = wall(KG + ["query", name, "--format", "tsv"], env, self.args.query_timeout)
                    if rc == 0:
                        ks.append(s)
                    s, rc = wall([PY, str(BENCH / "workers.py"), "raw-query", "--store", str(store["store"]),
                                  "--query-file", str(qf)],
                                 timeout=self.args.query_timeout)
                    if rc == 0:
                        rs.append(s)
                cli_k, cli_r = median(ks), median(rs)
                if cli_k and cli_r:
                    cli_ratios.append((cli_k / cli_r, name))
            lines.append(f"| {name} | {fmt_s(k)} | {fmt_s(r)} | {k / r:.2f}× | {fmt_s(cli_k)} | {fmt_s(cli_r)} | "
                         f"{(cli_k / cli_r) if cli_k and cli_r else float('nan'):.2f}× |")
        if skipped:
            lines.append(f"\nLeft out (did not finish within {self.args.query_timeout:.0f} s, or failed): "
                         + ", ".join(skipped))
        self.res.extra.setdefault("c", []).append((
            f"Per query ({scale}), medians of {self.args.repeat} runs (library path: queries under a few ms "
            f"repeated up to ~0.5 s a side; CLI: queries under {CLI_FAST_S * 1000:.0f} ms run "
            f"{max(self.args.repeat, CLI_FAST_RUNS)} times)", "\n".join(lines)))
        good = [x for x in lib_ratios if x[0] is not None]
        if good:
            worst = max(good)
            med = statistics.median(x[0] for x in good)
            self.res.add("c", "library path kg.api.execute ÷ bare Store.query (same process, same store)", scale,
                         f"median {med:.2f}×, worst {worst[0]:.2f}× ({worst[1]})", "—", "—", "≤ 1.2×",
                         "✓" if worst[0] <= 1.2 else "✗", "ratios of medians per query")
        if cli_ratios:
            worst = max(cli_ratios)
            med = statistics.median(x[0] for x in cli_ratios)
            self.res.add("c", "`kg query NAME --format tsv` ÷ bare pyoxigraph script (new process each)", scale,
                         f"median {med:.2f}×, worst {worst[0]:.2f}× ({worst[1]})", "—", "—", "≤ 1.2×",
                         "✓" if worst[0] <= 1.2 else "✗", "wall time incl. interpreter start")
        elif not has_cli:
            self.res.add("c", "`kg query` CLI", scale, "not available (kg/cli/query.py missing)", met="")

    # ------------------------------------------------------------------ d: national build

    def section_d(self) -> None:
        clean = [self.kg_build("national", force=False, clean=True, what="section d clean")
                 for _ in range(max(1, min(self.args.repeat, 3)))]
        ok = [r for r in clean if r["returncode"] == 0]
        s = median([r["seconds"] for r in ok])
        note = f"{len(ok)}/{len(clean)} ok, median of {len(clean)}; gazetteer cache removed before each"
        if not ok:
            note = f"refused: {clean[0]['failure']}"
            s_all = median([r["seconds"] for r in clean])
            self.res.add("d", "kg build of the national graph from clean", "national",
                         f"not published (refused after {fmt_s(s_all)})", target="≤ 10 s", met="✗", note=note)
        else:
            self.res.add("d", "kg build of the national graph from clean", "national", fmt_s(s),
                         target="≤ 10 s", met="✓" if s <= 10 else "✗",
                         note=note + f"; peak {fmt_mb(max(r['peak_mb'] for r in ok))}")
        # the no-change rebuild runs on the store the clean build published
        home = self.out / "home-national-clean"
        data = self.dataset("national")
        times, up_to_date = [], []
        for _ in range(max(1, self.args.repeat)):
            log = self.out / "build-national-nochange.log"
            r = measured(KG + ["build", "--sources", str(data["sources"])], env={"KG_HOME": str(home)},
                         limit_mb=self.args.limit_mb, timeout=self.args.build_timeout, log=log)
            times.append(r["seconds"])
            up_to_date.append("up to date" in r["log"])
        s = median(times)
        self.res.add("d", "no-change rebuild (kg build, nothing changed)", "national", fmt_s(s), target="≤ 2 s",
                     met="✓" if s <= 2 and all(up_to_date) else "✗",
                     note=(f"median of {len(times)}" + ("" if all(up_to_date) else
                           "; NOT an up-to-date check: nothing was published, so it rebuilt")))

    # ------------------------------------------------------------------ e: search

    def section_e(self) -> None:
        store = self.store_for("national")
        index = store["home"] / "search-index.json"
        note = ""
        if not index.exists():
            import pyoxigraph as ox

            from kg.graph import search

            index = self.out / "national" / "search-index.json"
            search.build_search_index(ox.Store.read_only(str(store["store"])), index)
            note = "index built with kg.graph.search.build_search_index (kg build did not publish)"
        texts = self.out / "search-texts.json"
        texts.write_text(json.dumps(SEARCH_TEXTS, ensure_ascii=False))
        out = self.out / "search.json"
        measured([PY, str(BENCH / "workers.py"), "search", "--index", str(index), "--texts", str(texts),
                  "--repeat", str(max(self.args.repeat, 5)), "--out", str(out)])
        r = json.loads(out.read_text())
        warm = max(v["median"] for v in r["texts"].values())
        self.res.add("e", "kg.search.search, warm (index in memory), worst text", "national", fmt_s(warm),
                     target="≤ 100 ms", met="✓" if warm <= 0.1 else "✗",
                     note=f"{r['entries']:,} entries; {len(SEARCH_TEXTS)} texts, median of {max(self.args.repeat, 5)} each; {note}")
        cold = r["cold_first_query"] + r["import_seconds"]
        self.res.add("e", "first search in a fresh process (import + index load + search)", "national",
                     fmt_s(cold), target="≤ 100 ms", met="✓" if cold <= 0.1 else "✗")
        cli = []
        env = {"KG_HOME": str(store["home"] if not note else self.out / "national-search-home")}
        if note:
            home = Path(env["KG_HOME"])
            home.mkdir(exist_ok=True)
            shutil.copy(index, home / "search-index.json")
        per = []
        for text in SEARCH_TEXTS:
            ts = [wall(KG + ["search", text], env)[0] for _ in range(self.args.repeat)]
            per.append((median(ts), text))
        cli = max(per)
        self.res.add("e", "`kg search TEXT` end to end (new process), worst text", "national",
                     f"{fmt_s(cli[0])} ('{cli[1]}')", target="≤ 100 ms", met="✓" if cli[0] <= 0.1 else "✗",
                     note=f"median over texts {fmt_s(statistics.median(p[0] for p in per))}; "
                          "includes the Python interpreter start")
        bare, _ = wall([PY, "-c", "pass"])
        self.res.extra.setdefault("e", []).append(("Reference", f"A bare `python -c pass` took {fmt_s(bare)} on this machine during the run."))

    # ------------------------------------------------------------------ f: validation

    def shapes_breakdown(self, label: str, scale: str, data_file: Path) -> None:
        """What dominates the engine's time: the Rust engine alone (N-Triples from pyoxigraph)
        with common.ttl, then common.ttl + each other shapes file; capped per run."""
        from kg import config

        files = sorted(p.name for p in config.SHAPES_DIR.glob("*.ttl"))
        limit = self.args.breakdown_timeout
        lines = [f"Rust engine alone on the {label}, one shapes file at a time (with common.ttl, whose "
                 f"prefixes and value shapes the others use); each run parses the data again, so "
                 f"common.ttl alone is the baseline. Capped at {limit:.0f} s.", "",
                 "| shapes | engine time | report triples |", "|---|---|---|"]
        for name in ["common.ttl"] + [f for f in files if f != "common.ttl"]:
            shapes = "common.ttl" if name == "common.ttl" else f"common.ttl,{name}"
            out = self.out / f"breakdown-{scale}-{name}.json"
            out.unlink(missing_ok=True)
            r = measured([PY, str(BENCH / "workers.py"), "shacl-raw", "--data", str(data_file), "--shapes", shapes,
                          "--out", str(out)], limit_mb=self.args.limit_mb, timeout=limit)
            if r["returncode"] == 0 and out.exists():
                d = json.loads(out.read_text())
                lines.append(f"| {shapes.replace(',', ' + ')} | {fmt_s(d['seconds'])} | {d['report_triples']:,} |")
            else:
                lines.append(f"| {shapes.replace(',', ' + ')} | > {limit:.0f} s ({r['killed'] or 'failed'}) | — |")
        self.res.extra.setdefault("f", []).append((f"Engine time by shapes file ({scale})", "\n".join(lines)))

    def validate_pair(self, label: str, scale: str, data_file: Path, triples: int,
                      injected: list[dict] | None = None, target: bool = False, breakdown: bool = False,
                      dataset: bool = False, target_seconds: float | None = None) -> None:
        """The default engine against pyshacl on the same file. With `dataset`, the project side is
        kg.validation.validate_dataset (what `kg build` runs: the Rust engine reads the N-Quads,
        the SPARQL constraints run on an on-disk store of them); else kg.validation.validate on an
        rdflib graph, the library API. pyshacl always gets the file parsed into rdflib."""
        runs = {}
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40]
        engines = ["auto"]
        if not self.args.skip_alternative and triples <= self.args.pyshacl_max_triples:
            engines.append("pyshacl")
        for engine in engines:
            if engine == "pyshacl" and runs["auto"]["returncode"] != 0:
                runs[engine] = {"returncode": None, "killed": "not run: the default engine did not finish",
                                "peak_mb": None, "seconds": None}
                continue
            out = self.out / f"validate-{slug}-{engine}.json"
            out.unlink(missing_ok=True)
            worker = "validate-dataset" if dataset and engine == "auto" else "validate"
            r = measured([PY, str(BENCH / "workers.py"), worker, "--data", str(data_file), "--engine", engine,
                          "--out", str(out)], limit_mb=self.args.limit_mb, timeout=self.args.validation_timeout)
            if r["returncode"] == 0 and out.exists():
                r.update(json.loads(out.read_text()))
            runs[engine] = r
        raw_out = self.out / f"validate-{slug}-raw.json"
        if self.args.skip_reference:
            raw = {"returncode": None, "killed": "not run (--skip-reference)"}
        elif runs["auto"]["returncode"] == 0:
            raw = measured([PY, str(BENCH / "workers.py"), "shacl-raw", "--data", str(data_file), "--out", str(raw_out)],
                           limit_mb=self.args.limit_mb, timeout=self.args.validation_timeout)
            if raw["returncode"] == 0:
                raw.update(json.loads(raw_out.read_text()))
        else:  # the same engine did not finish inside validate(): see the table by shapes file
            raw = {"returncode": None, "killed": "not run: validate() did not finish"}
        fast, slow = runs["auto"], runs.get("pyshacl")
        # a killed run has a wall time but no result: only a lower bound
        fast_s = fast.get("seconds") if fast.get("returncode") == 0 else None
        slow_s = slow.get("seconds") if slow and slow.get("returncode") == 0 else None
        slow_timed_out = bool(slow) and str(slow.get("killed", "")).startswith("timeout")
        same = ""
        if slow and "issues" in slow and "issues" in fast:
            a = sorted(json.dumps(i, sort_keys=True, ensure_ascii=False) for i in fast["issues"])
            b = sorted(json.dumps(i, sort_keys=True, ensure_ascii=False) for i in slow["issues"])
            same = "identical" if a == b else f"DIFFERENT ({len(set(a) - set(b))} only default, {len(set(b) - set(a))} only pyshacl)"
        issues = len(fast.get("issues", [])) if "issues" in fast else None
        loaded = "store bulk_load" if dataset else "rdflib load"
        note = (f"{triples:,} triples; {loaded} {fmt_s(fast.get('load_seconds'))}, not counted; "
                f"pyshacl's rdflib load {fmt_s(slow.get('load_seconds') if slow else None)}, not counted; "
                f"engine used: {fast.get('engine', '?')}; {issues} issue(s)")
        if slow is None:
            slow_text = "not run" if self.args.skip_alternative else "not run (> --pyshacl-max-triples)"
        elif slow_s is None:
            killed = slow.get("killed") or "failed"
            slow_text = f"> {self.args.validation_timeout:.0f} s ({killed})" if killed.startswith("timeout") else killed
        else:
            slow_text = fmt_s(slow_s)
        r_text = ratio(self.args.validation_timeout if slow_timed_out else slow_s, fast_s, slow_timed_out)
        met, target_text = "", ""
        if target:
            target_text = "≥ 50×, identical"
            met = "✓" if slow_s and fast_s and slow_s / fast_s >= 50 and same == "identical" else "✗"
            if slow_timed_out and fast_s:
                note += (f"; pyshacl did not finish within {self.args.validation_timeout:.0f} s, so the ratio is a "
                         "lower bound and its results could not be compared")
        if target_seconds is not None:
            target_text = f"≤ {target_seconds:g} s" + (", identical" if slow else "")
            met = "✓" if fast_s is not None and fast_s <= target_seconds and same in ("identical", "") else "✗"
        fast_text = fmt_s(fast_s) if fast_s is not None else (
            f"> {self.args.validation_timeout:.0f} s (timeout)" if str(fast.get("killed", "")).startswith("timeout")
            else fast.get("killed") or "failed")
        call = "validate_dataset()" if dataset else "validate()"
        self.res.add("f", f"{call} {label}: default engine vs pyshacl", scale, fast_text, slow_text, r_text,
                     target_text, met, note + (f"; results {same}" if same else ""))
        self.res.add("f", f"peak memory, {call} {label}", scale, fmt_mb(fast.get("peak_mb")),
                     fmt_mb(slow.get("peak_mb")) if slow else "—", ratio(slow.get("peak_mb") if slow else None, fast.get("peak_mb")))
        if raw["returncode"] is None:
            self.res.add("f", f"for reference: shacl engine alone on N-Triples from pyoxigraph, {label}", scale,
                         raw["killed"], slow_text)
        elif raw["returncode"] != 0:
            why = (f"> {self.args.validation_timeout:.0f} s (timeout)" if str(raw.get("killed", "")).startswith("timeout")
                   else f"{raw.get('killed') or 'failed'} (exit {raw['returncode']} after {fmt_s(raw.get('seconds'))})")
            self.res.add("f", f"for reference: shacl engine alone on N-Triples from pyoxigraph, {label}", scale,
                         why, slow_text)
        else:
            self.res.add("f", f"for reference: shacl engine alone on N-Triples from pyoxigraph, {label}", scale,
                         fmt_s(raw["seconds"]), slow_text, ratio(slow_s, raw["seconds"]), "", "",
                         f"preparing the N-Triples took {fmt_s(raw['prepare_seconds'])} (not counted); "
                         f"peak {fmt_mb(raw['peak_mb'])}")
        if breakdown and not self.args.skip_reference:
            self.shapes_breakdown(label, scale, data_file)
        if injected:
            self.res.extra.setdefault("f", []).append((f"Injected errors ({label})", injected_table(injected, fast, slow)))

    def section_f(self, scale: str) -> None:
        if scale == "national":
            data = self.dataset("national")
            self.validate_pair("national graph (gazetteer + ontology + curated)", "national", data["nq"], data["triples"],
                               breakdown=True, dataset=True, target_seconds=5)
            contribution = self.data.contribution()
            self.validate_pair("~1,000-triple contribution in its context from the national graph", "contrib",
                               contribution["validation"], contribution["validation_triples"])
            self.kg_validate_file(contribution)
        if scale == "1m":
            data = self.data.scale("scale-1m-errors", triples=1_000_000, inject=str(self.args.inject))
            self.validate_pair(f"1M triples with {len(data['injected'])} injected errors", "1m", data["nq"],
                               data["triples"], data["injected"], target=True, breakdown=True, dataset=True)

    def kg_validate_file(self, contribution: dict) -> None:
        """`kg validate FILE` end to end (new process: parse, context from the national store,
        validation, report) on the ~1,000-triple contribution; target ≤ 1 s."""
        store = self.store_for("national")
        env = {"KG_HOME": str(store["home"])}
        times, codes = [], set()
        for _ in range(max(1, self.args.repeat)):
            seconds, code = wall(KG + ["validate", str(contribution["file"])], env, self.args.validation_timeout)
            times.append(seconds)
            codes.add(code)
        s = median(times)
        ok = codes <= {0, 1}
        self.res.add("f", "`kg validate FILE` end to end: ~1,000-triple contribution against the national graph",
                     "contrib", fmt_s(s), target="≤ 1 s", met="✓" if ok and s <= 1 else "✗",
                     note=f"median of {len(times)}, new process each (interpreter start included); "
                          f"exit code(s) {sorted(codes)} (0 conforms, 1 violations); "
                          f"{contribution['manifest']['synthetic_triples']:,} triples in the file")

    # ------------------------------------------------------------------ h: explorer

    def section_h(self) -> None:
        """bench/explorer_bench.py in its own process, on the 3M-triple generated graph (the size
        that gives ~10k nodes and ~20k twinnings; 1M triples give half of that)."""
        from bench.explorer_bench import SCALE_TRIPLES  # its seed is the generator's default

        data = self.data.scale("scale-3m", triples=SCALE_TRIPLES)
        self.datasets.setdefault("3m (explorer)", data)
        out = self.out / "explorer.json"
        out.unlink(missing_ok=True)
        command = [PY, str(BENCH / "explorer_bench.py"), "--nq", str(data["nq"]), "--out", str(self.out / "explorer"),
                   "--runs", str(max(3, min(self.args.repeat, 5))), "--json", str(out),
                   "--pyvis-browser-timeout", "0" if self.args.skip_alternative else str(self.args.pyvis_browser_timeout)]
        if self.args.skip_alternative:
            command.append("--no-pyvis")
        r = measured(command, limit_mb=self.args.limit_mb, timeout=self.args.build_timeout,
                     log=self.out / "explorer.log")
        if not out.exists():
            self.res.problems.append(f"explorer benchmark failed ({r['killed'] or 'exit ' + str(r['returncode'])}): "
                                     + r["log"].strip().splitlines()[-1][:200] if r["log"].strip() else "")
            return
        e = json.loads(out.read_text("utf-8"))
        size = f"{e['nodes']:,} nodes ({e['unit_nodes']:,} units, {e['organization_nodes']:,} organizations), {e['edges']:,} twinnings"
        cap = e.get("pyvis_browser_cap_seconds")
        pyvis_total = e.get("pyvis_total_seconds")
        self.res.add("h", "page written (kg.explorer.write_explorer) vs plain pyvis add_node/add_edge + write_html",
                     "3m", fmt_s(e["html_write_seconds"]), fmt_s(pyvis_total) if pyvis_total else "not run",
                     ratio(pyvis_total, e["html_write_seconds"]), "≤ 5 s", "✓" if e["html_write_target_met"] else "✗",
                     f"{size}; network model built from the store in {fmt_s(e['network_build_seconds'])} (not counted)")
        self.res.add("h", "file size", "3m", f"{e['html_bytes'] / 1e6:.1f} MB",
                     f"{e['pyvis_bytes'] / 1e6:.1f} MB" if e.get("pyvis_bytes") else "—", "—", "≤ 15 MB",
                     "✓" if e["html_size_target_met"] else "✗",
                     "pyvis's page has no panel data, filters or positions; it also asks a CDN for Bootstrap")
        if e.get("interactive_seconds") is None:
            self.res.add("h", "interactive in headless Chromium", "3m", e.get("browser_skipped", "not measured"),
                         target="≤ 3 s", met="✗")
            return
        if e.get("pyvis_load_seconds") is not None:
            alt = fmt_s(e["pyvis_load_seconds"])
        elif cap:
            alt = f"> {cap:.0f} s (not loaded)"
        else:
            alt = "not run"
        self.res.add("h", "interactive in headless Chromium, network blocked (first frame + unaccented search + click → panel) "
                     "vs the plain pyvis page's load event", "3m", fmt_s(e["interactive_seconds"]), alt,
                     ratio(e.get("pyvis_load_seconds") or cap, e["interactive_seconds"],
                           lower_bound=e.get("pyvis_load_seconds") is None),
                     "≤ 3 s", "✓" if e["interactive_target_met"] else "✗",
                     f"median of {len(e['browser_runs'])} fresh contexts: first frame {fmt_s(e['ready_seconds'])}, "
                     f"search '{e['search_typed']}' {fmt_s(e['first_search_seconds'])}, click {fmt_s(e['first_click_seconds'])}; "
                     f"{e['requests_blocked']} request(s) blocked")
        if cap:
            stab = e.get("pyvis_stabilized_seconds")
            self.res.add("h", "plain pyvis page: physics stabilised after its load (the explorer has precomputed positions)",
                         "3m", "0 (no physics)", fmt_s(stab) if stab is not None else f"> {cap:.0f} s (not settled)")
        self.res.add("h", "twinning panel (agreements, support, events unpacked on demand) after a click", "3m",
                     fmt_s(e["first_twinning_panel_seconds"]), note="not part of the target")

    # ------------------------------------------------------------------ profile

    def profile(self, scale: str) -> None:
        import pstats

        data = self.dataset(scale)
        home = self.home(scale)
        self.warm_gazetteer(home)
        prof = self.out / f"build-{scale}.prof"
        log = self.out / f"build-{scale}-profile.log"
        r = measured([PY, "-m", "cProfile", "-o", str(prof), "-m", "kg", "build", "--force", "--sources",
                      str(data["sources"])], env={"KG_HOME": str(home)}, limit_mb=self.args.limit_mb,
                     timeout=self.args.build_timeout * 2, log=log)
        if not prof.exists():
            self.res.problems.append(f"profile of kg build ({scale}) did not complete: {r.get('killed')}")
            return
        stats = pstats.Stats(str(prof))
        total = stats.total_tt
        rows = []
        for func, (_cc, nc, tt, ct, _callers) in stats.stats.items():
            rows.append((ct, tt, nc, func))
        lines = [f"cProfile of `kg build --force --sources {data['sources'].relative_to(ROOT)}` "
                 f"({data['triples']:,} triples): {fmt_s(r['seconds'])} under the profiler, "
                 f"total {total:.1f} s of profiled time.", "",
                 "| cumulative | own | calls | function |", "|---|---|---|---|"]
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
        self.res.builds.append({"scale": scale, "what": "under cProfile", "seconds": r["seconds"],
                                "peak_mb": r["peak_mb"], "steps": build_steps(r["log"]), "failure": "",
                                "up_to_date": False})

    # ------------------------------------------------------------------ run

    def run(self) -> None:
        scales = self.args.scale
        steps = []
        for scale in scales:
            if self.want("a") or (scale == "5m" and self.want("g")):
                steps.append((f"a/g {scale}", lambda s=scale: self.section_a(s)))
        for scale in scales:
            if self.want("b") and scale != "5m" or (self.want("b") and scale == "5m" and self.args.queries_5m):
                steps.append((f"b {scale}", lambda s=scale: self.section_b(s)))
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
            for key, blocks in self.res.extra.items():   # tag what this step wrote, for --merge
                blocks[before.get(key, 0):] = [(h, b, label) for h, b, *_ in blocks[before.get(key, 0):]]
            for build in self.res.builds[n_builds:]:
                build["step"] = label
            self.res.problems[n_problems:] = [(p, label) if isinstance(p, str) else p
                                              for p in self.res.problems[n_problems:]]
            self.res.steps[label] = {"at": time.strftime("%Y-%m-%d %H:%M", time.localtime(t0)),
                                     "minutes": (time.time() - t0) / 60, "load_before": load,
                                     "load_after": os.getloadavg()[0], "command": self.command,
                                     "machine": machine()}
        for name, d in self.datasets.items():
            m = d.get("manifest", {})
            self.res.datasets[name] = {"triples": d["triples"], "sources": m.get("sources", "5 curated"),
                                       "seed": m.get("seed"), "twinnings": m.get("twinnings")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="national,1m,5m",
                        help="comma-separated: national, 1m, 5m (default: all three)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing, median reported (default 5)")
    parser.add_argument("--build-repeat", type=int, default=1, help="builds per timing at 1m/5m (default 1)")
    parser.add_argument("--skip-alternative", action="store_true", help="measure the project only")
    parser.add_argument("--only", default="abcdefgh", help="sections to run, e.g. b,c (default: all)")
    parser.add_argument("--rdflib-timeout", type=float, default=120, help="limit per rdflib query (s)")
    parser.add_argument("--query-timeout", type=float, default=120, help="limit per project query (s)")
    parser.add_argument("--pyshacl-max-triples", type=int, default=1_100_000,
                        help="do not run pyshacl on larger graphs (default 1.1M: it runs at 1M)")
    parser.add_argument("--inject", type=int, default=20, help="errors injected in the 1M validation graph")
    parser.add_argument("--limit-mb", type=float, default=12_000, help="kill a measured process above this RSS")
    parser.add_argument("--build-timeout", type=float, default=1800, help="kill a build or load after this (s)")
    parser.add_argument("--validation-timeout", type=float, default=1800)
    parser.add_argument("--breakdown-timeout", type=float, default=600,
                        help="limit per run of the engine-time-by-shapes-file table (s)")
    parser.add_argument("--skip-reference", action="store_true",
                        help="section f: skip the Rust engine run alone and the table by shapes file "
                             "(at 1M the engine alone runs SPARQL constraints per focus node: > 10 min)")
    parser.add_argument("--pyvis-browser-timeout", type=float, default=180,
                        help="section h: cap on each wait for the plain pyvis page in Chromium (s)")
    parser.add_argument("--queries-5m", action="store_true", help="also run the queries (section b) at 5m")
    parser.add_argument("--alternative-5m-queries", action="store_true", help="with --queries-5m: rdflib too")
    parser.add_argument("--profile", default="", help="cProfile a kg build at these scales, e.g. 1m")
    parser.add_argument("--workdir", default=str(BENCH / "out"))
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument("--merge", action="store_true",
                        help="keep the steps of the previous runs (the .json beside --output, in git) that this "
                             "run does not measure again, and write the report of all (each step says when "
                             "and on which machine it ran)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    args.scale = [s.strip() for s in args.scale.split(",") if s.strip()]
    unknown = [s for s in args.scale if s not in SCALES]
    if unknown:
        parser.error(f"unknown scale {unknown[0]!r}; one of {', '.join(SCALES)}")
    args.only = {c for c in args.only.replace(",", "") if c in SECTIONS}
    args.profile = [s for s in args.profile.split(",") if s]
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
