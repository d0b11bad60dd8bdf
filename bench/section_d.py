"""Benchmark section d: kg build of the national graph, clean and with no change (a mixin of bench/run.py's Bench)."""

from __future__ import annotations


from bench.common import KG
from bench.processes import measured
from bench.results import fmt_mb, fmt_s, median


class NationalBuildSection:
    def section_d(self) -> None:
        clean = [
            self.kg_build("national", force=False, clean=True, what="section d clean")
            for _ in range(max(1, min(self.args.repeat, 3)))
        ]
        ok = [r for r in clean if r["returncode"] == 0]
        s = median([r["seconds"] for r in ok])
        note = f"{len(ok)}/{len(clean)} ok, median of {len(clean)}; gazetteer cache removed before each"
        if not ok:
            note = f"refused: {clean[0]['failure']}"
            s_all = median([r["seconds"] for r in clean])
            self.res.add(
                "d",
                "kg build of the national graph from clean",
                "national",
                f"not published (refused after {fmt_s(s_all)})",
                target="≤ 10 s",
                met="✗",
                note=note,
            )
        else:
            self.res.add(
                "d",
                "kg build of the national graph from clean",
                "national",
                fmt_s(s),
                target="≤ 10 s",
                met="✓" if s <= 10 else "✗",
                note=note + f"; peak {fmt_mb(max(r['peak_mb'] for r in ok))}",
            )
        # the no-change rebuild runs on the store the clean build published
        home = self.out / "home-national-clean"
        data = self.dataset("national")
        times, up_to_date = [], []
        for _ in range(max(1, self.args.repeat)):
            log = self.out / "build-national-nochange.log"
            r = measured(
                KG + ["build", "--sources", str(data["sources"])],
                env={"KG_HOME": str(home)},
                limit_mb=self.args.limit_mb,
                timeout=self.args.build_timeout,
                log=log,
            )
            times.append(r["seconds"])
            up_to_date.append("up to date" in r["log"])
        s = median(times)
        self.res.add(
            "d",
            "no-change rebuild (kg build, nothing changed)",
            "national",
            fmt_s(s),
            target="≤ 2 s",
            met="✓" if s <= 2 and all(up_to_date) else "✗",
            note=(
                f"median of {len(times)}"
                + ("" if all(up_to_date) else "; NOT an up-to-date check: nothing was published, so it rebuilt")
            ),
        )

    # ------------------------------------------------------------------ e: search
