"""Benchmark section f: validation, pyshacl against the default engine (a mixin of bench/run.py's Bench)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.common import BENCH, KG, PY
from bench.processes import measured, wall
from bench.results import fmt_mb, fmt_s, median, ratio
from bench.report import injected_table


class ValidationSection:
    def shapes_breakdown(self, label: str, scale: str, data_file: Path) -> None:
        """What dominates the engine's time: the Rust engine alone (N-Triples from pyoxigraph)
        with common.ttl, then common.ttl + each other shapes file; capped per run."""
        from kg import config

        files = sorted(p.name for p in config.SHAPES_DIR.glob("*.ttl"))
        limit = self.args.breakdown_timeout
        lines = [
            f"Rust engine alone on the {label}, one shapes file at a time (with common.ttl, whose "
            f"prefixes and value shapes the others use); each run parses the data again, so "
            f"common.ttl alone is the baseline. Capped at {limit:.0f} s.",
            "",
            "| shapes | engine time | report triples |",
            "|---|---|---|",
        ]
        for name in ["common.ttl"] + [f for f in files if f != "common.ttl"]:
            shapes = "common.ttl" if name == "common.ttl" else f"common.ttl,{name}"
            out = self.out / f"breakdown-{scale}-{name}.json"
            out.unlink(missing_ok=True)
            r = measured(
                [
                    PY,
                    str(BENCH / "workers.py"),
                    "shacl-raw",
                    "--data",
                    str(data_file),
                    "--shapes",
                    shapes,
                    "--out",
                    str(out),
                ],
                limit_mb=self.args.limit_mb,
                timeout=limit,
            )
            if r["returncode"] == 0 and out.exists():
                d = json.loads(out.read_text())
                lines.append(f"| {shapes.replace(',', ' + ')} | {fmt_s(d['seconds'])} | {d['report_triples']:,} |")
            else:
                lines.append(f"| {shapes.replace(',', ' + ')} | > {limit:.0f} s ({r['killed'] or 'failed'}) | — |")
        self.res.extra.setdefault("f", []).append((f"Engine time by shapes file ({scale})", "\n".join(lines)))

    def validate_pair(
        self,
        label: str,
        scale: str,
        data_file: Path,
        triples: int,
        injected: list[dict] | None = None,
        target: bool = False,
        breakdown: bool = False,
        dataset: bool = False,
        target_seconds: float | None = None,
    ) -> None:
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
                runs[engine] = {
                    "returncode": None,
                    "killed": "not run: the default engine did not finish",
                    "peak_mb": None,
                    "seconds": None,
                }
                continue
            out = self.out / f"validate-{slug}-{engine}.json"
            out.unlink(missing_ok=True)
            worker = "validate-dataset" if dataset and engine == "auto" else "validate"
            r = measured(
                [
                    PY,
                    str(BENCH / "workers.py"),
                    worker,
                    "--data",
                    str(data_file),
                    "--engine",
                    engine,
                    "--out",
                    str(out),
                ],
                limit_mb=self.args.limit_mb,
                timeout=self.args.validation_timeout,
            )
            if r["returncode"] == 0 and out.exists():
                r.update(json.loads(out.read_text()))
            runs[engine] = r
        raw_out = self.out / f"validate-{slug}-raw.json"
        if self.args.skip_reference:
            raw = {"returncode": None, "killed": "not run (--skip-reference)"}
        elif runs["auto"]["returncode"] == 0:
            raw = measured(
                [PY, str(BENCH / "workers.py"), "shacl-raw", "--data", str(data_file), "--out", str(raw_out)],
                limit_mb=self.args.limit_mb,
                timeout=self.args.validation_timeout,
            )
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
            same = (
                "identical"
                if a == b
                else f"DIFFERENT ({len(set(a) - set(b))} only default, {len(set(b) - set(a))} only pyshacl)"
            )
        issues = len(fast.get("issues", [])) if "issues" in fast else None
        loaded = "store bulk_load" if dataset else "rdflib load"
        note = (
            f"{triples:,} triples; {loaded} {fmt_s(fast.get('load_seconds'))}, not counted; "
            f"pyshacl's rdflib load {fmt_s(slow.get('load_seconds') if slow else None)}, not counted; "
            f"engine used: {fast.get('engine', '?')}; {issues} issue(s)"
        )
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
                note += (
                    f"; pyshacl did not finish within {self.args.validation_timeout:.0f} s, so the ratio is a "
                    "lower bound and its results could not be compared"
                )
        if target_seconds is not None:
            target_text = f"≤ {target_seconds:g} s" + (", identical" if slow else "")
            met = "✓" if fast_s is not None and fast_s <= target_seconds and same in ("identical", "") else "✗"
        fast_text = (
            fmt_s(fast_s)
            if fast_s is not None
            else (
                f"> {self.args.validation_timeout:.0f} s (timeout)"
                if str(fast.get("killed", "")).startswith("timeout")
                else fast.get("killed") or "failed"
            )
        )
        call = "validate_dataset()" if dataset else "validate()"
        self.res.add(
            "f",
            f"{call} {label}: default engine vs pyshacl",
            scale,
            fast_text,
            slow_text,
            r_text,
            target_text,
            met,
            note + (f"; results {same}" if same else ""),
        )
        self.res.add(
            "f",
            f"peak memory, {call} {label}",
            scale,
            fmt_mb(fast.get("peak_mb")),
            fmt_mb(slow.get("peak_mb")) if slow else "—",
            ratio(slow.get("peak_mb") if slow else None, fast.get("peak_mb")),
        )
        if raw["returncode"] is None:
            self.res.add(
                "f",
                f"for reference: shacl engine alone on N-Triples from pyoxigraph, {label}",
                scale,
                raw["killed"],
                slow_text,
            )
        elif raw["returncode"] != 0:
            why = (
                f"> {self.args.validation_timeout:.0f} s (timeout)"
                if str(raw.get("killed", "")).startswith("timeout")
                else f"{raw.get('killed') or 'failed'} (exit {raw['returncode']} after {fmt_s(raw.get('seconds'))})"
            )
            self.res.add(
                "f", f"for reference: shacl engine alone on N-Triples from pyoxigraph, {label}", scale, why, slow_text
            )
        else:
            self.res.add(
                "f",
                f"for reference: shacl engine alone on N-Triples from pyoxigraph, {label}",
                scale,
                fmt_s(raw["seconds"]),
                slow_text,
                ratio(slow_s, raw["seconds"]),
                "",
                "",
                f"preparing the N-Triples took {fmt_s(raw['prepare_seconds'])} (not counted); "
                f"peak {fmt_mb(raw['peak_mb'])}",
            )
        if breakdown and not self.args.skip_reference:
            self.shapes_breakdown(label, scale, data_file)
        if injected:
            self.res.extra.setdefault("f", []).append(
                (f"Injected errors ({label})", injected_table(injected, fast, slow))
            )

    def section_f(self, scale: str) -> None:
        if scale == "national":
            data = self.dataset("national")
            self.validate_pair(
                "national graph (gazetteer + ontology + curated)",
                "national",
                data["nq"],
                data["triples"],
                breakdown=True,
                dataset=True,
                target_seconds=5,
            )
            contribution = self.data.contribution()
            self.validate_pair(
                "~1,000-triple contribution in its context from the national graph",
                "contrib",
                contribution["validation"],
                contribution["validation_triples"],
            )
            self.kg_validate_file(contribution)
        if scale == "1m":
            data = self.data.scale("scale-1m-errors", triples=1_000_000, inject=str(self.args.inject))
            self.validate_pair(
                f"1M triples with {len(data['injected'])} injected errors",
                "1m",
                data["nq"],
                data["triples"],
                data["injected"],
                target=True,
                breakdown=True,
                dataset=True,
            )

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
        self.res.add(
            "f",
            "`kg validate FILE` end to end: ~1,000-triple contribution against the national graph",
            "contrib",
            fmt_s(s),
            target="≤ 1 s",
            met="✓" if ok and s <= 1 else "✗",
            note=f"median of {len(times)}, new process each (interpreter start included); "
            f"exit code(s) {sorted(codes)} (0 conforms, 1 violations); "
            f"{contribution['manifest']['synthetic_triples']:,} triples in the file",
        )

    # ------------------------------------------------------------------ h: explorer
