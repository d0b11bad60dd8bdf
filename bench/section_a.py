"""Benchmark section a: build / load time and peak memory, kg build against rdflib (a mixin of bench/run.py's Bench)."""

from __future__ import annotations

import json

from bench.common import BENCH, PY
from bench.processes import measured
from bench.results import fmt_mb, fmt_s, median, ratio


class BuildSection:
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
                r = measured(
                    [PY, str(BENCH / "workers.py"), "rdflib-load", "--nq", str(data["nq"]), "--out", str(out)],
                    limit_mb=self.args.limit_mb,
                    timeout=self.args.build_timeout,
                )
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
        self.res.add(
            "a",
            "kg build (load + validate + quality checks + index) vs rdflib Dataset.parse — time",
            scale,
            project,
            fmt_s(alt_s) if alt_s else (alt_note or "—"),
            ratio(alt_s, seconds),
            target,
            met,
            note + (f"; {alt_note}" if alt_note else ""),
        )
        target = met = ""
        if scale == "5m":
            target = "≤ 1.5 GB"
            met = "✓" if peak is not None and peak <= 1536 and ok else "✗"
        self.res.add(
            "a",
            "peak memory (RSS of the process)",
            scale,
            fmt_mb(peak),
            fmt_mb(alt_mb),
            ratio(alt_mb, peak),
            target,
            met,
            "killed at the limit" if any(r["killed"] for r in runs) else "",
        )
        if scale == "5m":
            self.res.add(
                "g",
                "kg build of 5M triples — time",
                scale,
                fmt_s(seconds) if seconds is not None else f"failed after {fmt_s(runs[0]['seconds'])}",
                "—",
                "—",
                "≤ 60 s",
                "✓" if seconds is not None and seconds <= 60 else "✗",
                note,
            )
            self.res.add(
                "g",
                "kg build of 5M triples — peak memory",
                scale,
                fmt_mb(peak),
                "—",
                "—",
                "≤ 1.5 GB",
                "✓" if peak is not None and peak <= 1536 and ok else "✗",
            )

    # ------------------------------------------------------------------ b: saved queries
