"""Benchmark section h: the explorer page at national scale (a mixin of bench/run.py's Bench)."""

from __future__ import annotations

import json

from bench.common import BENCH, PY
from bench.processes import measured
from bench.results import fmt_s, ratio


class ExplorerSection:
    def section_h(self) -> None:
        """bench/explorer_bench.py in its own process, on the 3M-triple generated graph (the size
        that gives ~10k nodes and ~20k twinnings; 1M triples give half of that)."""
        from bench.explorer_bench import SCALE_TRIPLES  # its seed is the generator's default

        data = self.data.scale("scale-3m", triples=SCALE_TRIPLES)
        self.datasets.setdefault("3m (explorer)", data)
        out = self.out / "explorer.json"
        out.unlink(missing_ok=True)
        command = [
            PY,
            str(BENCH / "explorer_bench.py"),
            "--nq",
            str(data["nq"]),
            "--out",
            str(self.out / "explorer"),
            "--runs",
            str(max(3, min(self.args.repeat, 5))),
            "--json",
            str(out),
            "--pyvis-browser-timeout",
            "0" if self.args.skip_alternative else str(self.args.pyvis_browser_timeout),
        ]
        if self.args.skip_alternative:
            command.append("--no-pyvis")
        r = measured(
            command, limit_mb=self.args.limit_mb, timeout=self.args.build_timeout, log=self.out / "explorer.log"
        )
        if not out.exists():
            self.res.problems.append(
                f"explorer benchmark failed ({r['killed'] or 'exit ' + str(r['returncode'])}): "
                + r["log"].strip().splitlines()[-1][:200]
                if r["log"].strip()
                else ""
            )
            return
        e = json.loads(out.read_text("utf-8"))
        size = f"{e['nodes']:,} nodes ({e['unit_nodes']:,} units, {e['organization_nodes']:,} organizations), {e['edges']:,} twinnings"
        cap = e.get("pyvis_browser_cap_seconds")
        pyvis_total = e.get("pyvis_total_seconds")
        self.res.add(
            "h",
            "page written (kg.explorer.write_explorer) vs plain pyvis add_node/add_edge + write_html",
            "3m",
            fmt_s(e["html_write_seconds"]),
            fmt_s(pyvis_total) if pyvis_total else "not run",
            ratio(pyvis_total, e["html_write_seconds"]),
            "≤ 5 s",
            "✓" if e["html_write_target_met"] else "✗",
            f"{size}; network model built from the store in {fmt_s(e['network_build_seconds'])} (not counted)",
        )
        self.res.add(
            "h",
            "file size",
            "3m",
            f"{e['html_bytes'] / 1e6:.1f} MB",
            f"{e['pyvis_bytes'] / 1e6:.1f} MB" if e.get("pyvis_bytes") else "—",
            "—",
            "≤ 15 MB",
            "✓" if e["html_size_target_met"] else "✗",
            "pyvis's page has no panel data, filters or positions; it also asks a CDN for Bootstrap",
        )
        if e.get("interactive_seconds") is None:
            self.res.add(
                "h",
                "interactive in headless Chromium",
                "3m",
                e.get("browser_skipped", "not measured"),
                target="≤ 3 s",
                met="✗",
            )
            return
        if e.get("pyvis_load_seconds") is not None:
            alt = fmt_s(e["pyvis_load_seconds"])
        elif cap:
            alt = f"> {cap:.0f} s (not loaded)"
        else:
            alt = "not run"
        self.res.add(
            "h",
            "interactive in headless Chromium, network blocked (first frame + unaccented search + click → panel) "
            "vs the plain pyvis page's load event",
            "3m",
            fmt_s(e["interactive_seconds"]),
            alt,
            ratio(
                e.get("pyvis_load_seconds") or cap,
                e["interactive_seconds"],
                lower_bound=e.get("pyvis_load_seconds") is None,
            ),
            "≤ 3 s",
            "✓" if e["interactive_target_met"] else "✗",
            f"median of {len(e['browser_runs'])} fresh contexts: first frame {fmt_s(e['ready_seconds'])}, "
            f"search '{e['search_typed']}' {fmt_s(e['first_search_seconds'])}, click {fmt_s(e['first_click_seconds'])}; "
            f"{e['requests_blocked']} request(s) blocked",
        )
        if cap:
            stab = e.get("pyvis_stabilized_seconds")
            self.res.add(
                "h",
                "plain pyvis page: physics stabilised after its load (the explorer has precomputed positions)",
                "3m",
                "0 (no physics)",
                fmt_s(stab) if stab is not None else f"> {cap:.0f} s (not settled)",
            )
        self.res.add(
            "h",
            "twinning panel (agreements, support, events unpacked on demand) after a click",
            "3m",
            fmt_s(e["first_twinning_panel_seconds"]),
            note="not part of the target",
        )

    # ------------------------------------------------------------------ profile
