"""Benchmark section c: kg query's own overhead against bare pyoxigraph (a mixin of bench/run.py's Bench)."""

from __future__ import annotations

import json
import statistics

from bench.common import BENCH, CLI_FAST_RUNS, CLI_FAST_S, KG, PY, ROOT
from bench.processes import measured, wall
from bench.results import fmt_s, median


class OverheadSection:
    def section_c(self, scale: str) -> None:
        store = self.store_for(scale)
        qfile = self.queries_file()
        out = self.out / f"query-overhead-{scale}.json"
        names = [q["name"] for q in json.loads(qfile.read_text("utf-8")) if not q["name"].startswith("bench-")]
        lib: dict = {}
        while len(lib) < len(names):
            left = [n for n in names if n not in lib]
            out.unlink(missing_ok=True)
            measured(
                [
                    PY,
                    str(BENCH / "workers.py"),
                    "query-overhead",
                    "--store",
                    str(store["store"]),
                    "--home",
                    str(store["home"]),
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
                ],
                limit_mb=self.args.limit_mb,
            )
            done = json.loads(out.read_text())["queries"] if out.exists() else {}
            if not done:
                done = {left[0]: {"error": "worker failed"}}
            lib.update(done)
        skipped = sorted(n for n, t in lib.items() if "kg" not in t)
        lib = {n: t for n, t in lib.items() if "kg" in t}
        worst = None
        lines = [
            "| query | kg.api.execute | bare pyoxigraph | ratio | `kg query --format tsv` | "
            "bare pyoxigraph script | ratio |",
            "|---|---|---|---|---|---|---|",
        ]
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
                    s, rc = wall(
                        [
                            PY,
                            str(BENCH / "workers.py"),
                            "raw-query",
                            "--store",
                            str(store["store"]),
                            "--query-file",
                            str(qf),
                        ],
                        timeout=self.args.query_timeout,
                    )
                    if rc == 0:
                        rs.append(s)
                cli_k, cli_r = median(ks), median(rs)
                if cli_k and cli_r:
                    cli_ratios.append((cli_k / cli_r, name))
            lines.append(
                f"| {name} | {fmt_s(k)} | {fmt_s(r)} | {k / r:.2f}× | {fmt_s(cli_k)} | {fmt_s(cli_r)} | "
                f"{(cli_k / cli_r) if cli_k and cli_r else float('nan'):.2f}× |"
            )
        if skipped:
            lines.append(
                f"\nLeft out (did not finish within {self.args.query_timeout:.0f} s, or failed): " + ", ".join(skipped)
            )
        self.res.extra.setdefault("c", []).append(
            (
                f"Per query ({scale}), medians of {self.args.repeat} runs (library path: queries under a few ms "
                f"repeated up to ~0.5 s a side; CLI: queries under {CLI_FAST_S * 1000:.0f} ms run "
                f"{max(self.args.repeat, CLI_FAST_RUNS)} times)",
                "\n".join(lines),
            )
        )
        good = [x for x in lib_ratios if x[0] is not None]
        if good:
            worst = max(good)
            med = statistics.median(x[0] for x in good)
            self.res.add(
                "c",
                "library path kg.api.execute ÷ bare Store.query (same process, same store)",
                scale,
                f"median {med:.2f}×, worst {worst[0]:.2f}× ({worst[1]})",
                "—",
                "—",
                "≤ 1.2×",
                "✓" if worst[0] <= 1.2 else "✗",
                "ratios of medians per query",
            )
        if cli_ratios:
            worst = max(cli_ratios)
            med = statistics.median(x[0] for x in cli_ratios)
            self.res.add(
                "c",
                "`kg query NAME --format tsv` ÷ bare pyoxigraph script (new process each)",
                scale,
                f"median {med:.2f}×, worst {worst[0]:.2f}× ({worst[1]})",
                "—",
                "—",
                "≤ 1.2×",
                "✓" if worst[0] <= 1.2 else "✗",
                "wall time incl. interpreter start",
            )
        elif not has_cli:
            self.res.add("c", "`kg query` CLI", scale, "not available (kg/cli/query.py missing)", met="")

    # ------------------------------------------------------------------ d: national build
