"""Benchmark section x: the cost of `kg extract` against the length of the article (issue 25: linear;
a mixin of bench/run.py's Bench). bench/extraction_speed.py in its own process; the targets are
absolute (no other extractor does this job, so there is no alternative to run beside it)."""

from __future__ import annotations

import json

from bench.common import BENCH, PY
from bench.processes import measured
from bench.results import fmt_s

SIZES = (250_000, 1_000_000)


class ExtractionSection:
    def section_x(self) -> None:
        out = self.out / "extraction-speed.json"
        out.unlink(missing_ok=True)
        command = [PY, str(BENCH / "extraction_speed.py"), "--sizes", ",".join(map(str, SIZES)), "--json", str(out)]
        r = measured(command, limit_mb=self.args.limit_mb, timeout=self.args.build_timeout)
        if not out.exists():
            self.res.problems.append(f"extraction benchmark failed ({r['killed'] or 'exit ' + str(r['returncode'])})")
            return
        e = json.loads(out.read_text("utf-8"))
        note = "CPU time of a fresh `python -m kg extract` (shapes validation of the draft included); wall {}"
        for a in e["articles"]:
            judged = a["bytes"] >= 1_000_000
            self.res.add(
                "x",
                f"kg extract, one article of {a['bytes'] / 1e6:g} MB (dev articles end to end) — CPU time",
                "corpus",
                fmt_s(a["cpu"]),
                "—",
                "—",
                "≤ 10 s" if judged else "",
                ("✓" if a["cpu"] <= 10 else "✗") if judged else "",
                note.format(fmt_s(a["wall"])),
            )
            self.res.add(
                "x",
                f"kg extract, one article of {a['bytes'] / 1e6:g} MB — peak memory",
                "corpus",
                f"{a['peak_mb']} MB",
                "—",
                "—",
                "≤ 300 MB" if judged else "",
                ("✓" if a["peak_mb"] <= 300 else "✗") if judged else "",
                "peak RSS of the kg extract process",
            )
        c = e.get("corpus")
        if c:
            self.res.add(
                "x",
                f"kg extract of every corpus article ({c['articles']}), one process, drafts validated — CPU time",
                "corpus",
                fmt_s(c["cpu"]),
                "—",
                "—",
                "≤ 30 s",
                "✓" if c["cpu"] <= 30 else "✗",
                f"wall {fmt_s(c['wall'])}, peak {c['peak_mb']} MB",
            )
