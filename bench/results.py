"""The benchmark's results: one Row per measurement, the Results of a run, and number formats."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

SECTIONS = {
    "a": "build / load time and peak memory",
    "b": "saved queries",
    "c": "kg query overhead vs bare pyoxigraph",
    "d": "kg build of the national graph (clean, no change)",
    "e": "kg search latency (national index)",
    "f": "validation: pyshacl vs the default engine",
    "g": "5M triples: kg build",
    "h": "explorer page at national scale (headless Chromium)",
    "x": "kg extract: cost against the article's length",
}
MEMORY_SUFFIX = " (in memory)"  # section b rows measured on kg.api.keep_in_memory's copy


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    section: str
    what: str
    scale: str
    project: str
    alternative: str = "—"
    ratio: str = "—"
    target: str = ""
    met: str = ""  # ✓, ✗ or ""
    note: str = ""
    step: str = ""  # the step of run() that measured it ("b 1m", "f national", …)


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    builds: list[dict] = field(default_factory=list)  # step timings of every kg build measured
    extra: dict = field(default_factory=dict)  # section -> markdown blocks
    problems: list = field(default_factory=list)  # (message, step)
    steps: dict = field(default_factory=dict)  # step -> when, how long, load, command
    datasets: dict = field(default_factory=dict)  # name -> triples, sources, seed, twinnings
    current_step: str = ""

    def add(self, *args, **kwargs) -> Row:
        row = Row(*args, **kwargs, step=self.current_step)
        self.rows.append(row)
        print(
            f"  [{row.section}] {row.scale:>8}  {row.what}: {row.project} | {row.alternative} | "
            f"{row.ratio} {row.met} {row.note}",
            flush=True,
        )
        return row


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"
    return f"{seconds:.1f} s" if seconds < 100 else f"{seconds:.0f} s"


def fmt_mb(mb: float | None) -> str:
    if mb is None:
        return "—"
    return f"{mb:.0f} MB" if mb < 1024 else f"{mb / 1024:.2f} GB"


def ratio(alt: float | None, proj: float | None, lower_bound: bool = False) -> str:
    if not alt or not proj:
        return "—"
    r = alt / proj
    text = f"{r:.0f}×" if r >= 10 else f"{r:.1f}×"
    return ("> " if lower_bound else "") + text


def median(values):
    return statistics.median(values) if values else None
