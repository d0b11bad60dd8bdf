"""Benchmark section b: the saved queries, kg against rdflib, on disk and in memory (a mixin of bench/run.py's Bench)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.common import BENCH, PY
from bench.processes import measured
from bench.results import MEMORY_SUFFIX, fmt_mb, fmt_s, median, ratio


class QuerySection:
    def project_queries(
        self, store: dict, qfile: Path, names: list[str], scale: str, memory: bool
    ) -> tuple[dict, dict]:
        """The saved queries as the project runs them, on the store on disk or (memory) on the copy
        kg.api.keep_in_memory makes; a worker that dies or passes the timeout is replaced for the
        queries left. Also returns the first worker's open (or copy) time and peak RSS."""
        out = self.out / f"oxigraph-queries-{scale}{'-memory' if memory else ''}.json"
        proj: dict = {}
        opened: dict = {}
        while len(proj) < len(names):
            left = [n for n in names if n not in proj]
            out.unlink(missing_ok=True)
            r = measured(
                [
                    PY,
                    str(BENCH / "workers.py"),
                    "oxigraph-queries",
                    "--store",
                    str(store["store"]),
                    "--queries",
                    str(qfile),
                    "--repeat",
                    str(self.args.repeat),
                    "--out",
                    str(out),
                    "--timeout",
                    str(self.args.query_timeout),
                    "--names",
                    json.dumps(left),
                ]
                + (["--memory"] if memory else []),
                limit_mb=self.args.limit_mb,
            )
            answer = json.loads(out.read_text()) if out.exists() else {}
            done = answer.get("queries", {})
            if not opened and answer:
                opened = {"seconds": answer["open_seconds"], "peak_mb": r["peak_mb"]}
            if not done:  # the worker died on the first query left
                done = {
                    left[0]: {
                        "times": [],
                        "rows": None,
                        "timed_out": False,
                        "error": f"worker failed ({r['killed'] or 'exit ' + str(r['returncode'])})",
                    }
                }
            proj.update(done)
        return proj, opened

    def store_dump(self, scale: str) -> Path:
        """The published store's own quads as N-Quads: the alternative queries exactly what the
        project does, kg:derived, kg:curation and the historical gazetteer included (until Dec.
        2026 it read the generator's all.nq, which lacks them, and 10 queries had no ratio)."""
        import pyoxigraph as ox

        store = self.store_for(scale)
        target = self.out / f"store-{scale}.nq"
        if not target.exists() or target.stat().st_mtime < Path(store["store"]).stat().st_mtime:
            partial = target.with_suffix(".nq.part")
            ox.Store.read_only(str(store["store"])).dump(output=str(partial), format=ox.RdfFormat.N_QUADS)
            partial.replace(target)
        return target

    def section_b(self, scale: str) -> None:
        store = self.store_for(scale)
        qfile = self.queries_file()
        queries = json.loads(qfile.read_text("utf-8"))
        names = [q["name"] for q in queries]
        own_formulation = {q["name"] for q in queries if "alternative_text" in q}
        if self.args.queries:  # re-measure a few queries; --merge keeps the others' rows
            names = [n for n in names if n in self.args.queries]
        proj, _ = self.project_queries(store, qfile, names, scale, memory=False)
        # The in-memory copy where issue 4's ratio target is (1M); at 5M it would need ~3.5 GB.
        memory, copied = self.project_queries(store, qfile, names, scale, memory=True) if scale == "1m" else ({}, {})
        alt, timeout = {}, self.args.rdflib_timeout
        skip_alt = self.args.skip_alternative or (scale == "5m" and not self.args.alternative_5m_queries)
        alt_note = ""
        if not skip_alt:
            out_alt = self.out / f"rdflib-queries-{scale}.json"
            out_alt.unlink(missing_ok=True)
            r = measured(
                [
                    PY,
                    str(BENCH / "workers.py"),
                    "rdflib-queries",
                    "--nq",
                    str(self.store_dump(scale)),
                    "--queries",
                    str(qfile),
                    "--repeat",
                    str(self.args.repeat),
                    "--timeout",
                    str(timeout),
                    "--out",
                    str(out_alt),
                ]
                + (["--names", json.dumps(names)] if self.args.queries else []),
                limit_mb=self.args.limit_mb,
                timeout=self.args.build_timeout + (len(names) + 1) * (timeout + 30),
            )
            if out_alt.exists():  # written after every query: partial results survive
                alt = json.loads(out_alt.read_text())["queries"]
            if r["returncode"] != 0:
                alt_note = f"rdflib worker {r['killed'] or 'failed'}"
        for suffix, results in (("", proj), (MEMORY_SUFFIX, memory)):
            for name, p in results.items():
                a = alt.get(name)
                if a is not None and name in own_formulation:
                    a = dict(a, formulation=f"bench/alternative-queries/{name}.rq")
                self.query_row(scale, name, suffix, p, a, skip_alt, alt_note, timeout, store["note"])
        if copied:
            self.res.extra.setdefault("b", []).append(
                (
                    f"The in-memory copy ({scale})",
                    f"Rows marked{MEMORY_SUFFIX} ran on the copy of the built store in memory that "
                    f"`kg.api.keep_in_memory()` makes for a process that runs many queries (kg.graph.store.memory_copy; "
                    f"`kg query` and `kg serve` stay on disk). Making the copy took {fmt_s(copied['seconds'])}; "
                    f"that worker's peak RSS was {fmt_mb(copied['peak_mb'])} (the rdflib side: section a).",
                )
            )

    def query_row(
        self,
        scale: str,
        name: str,
        suffix: str,
        p: dict,
        a: dict | None,
        skip_alt: bool,
        alt_note: str,
        timeout: float,
        store_note: str,
    ) -> None:
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
        if a and a.get("formulation"):
            rows_note += f"; rdflib ran {a['formulation']}"
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

    # ------------------------------------------------------------------ c: kg query overhead
