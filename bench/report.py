"""docs/performance.md from the Results of bench/run.py, and the JSON kept beside it."""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import time
from pathlib import Path

from bench.results import MEMORY_SUFFIX, SECTIONS, Results, Row, fmt_mb, fmt_s

# --------------------------------------------------------------------------- report


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    except OSError:
        pass
    versions = []
    for package in ("rdflib", "pyshacl", "pyoxigraph", "shacl", "vietnamadminunits", "ketnghia-kg"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; " + ", ".join(versions)
    )


def table(rows: list[Row], with_section: bool = True) -> str:
    head = "| § | measurement | scale | project | alternative | alt ÷ project | target | met | notes |"
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cells = [r.section, r.what, r.scale, r.project, r.alternative, r.ratio, r.target, r.met, r.note]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def injected_table(injected: list[dict], fast: dict | None, slow: dict | None) -> str:
    """How many of the generator's injected errors each engine reported, by kind. The workers write
    an issue's focus as a report shows it (`id:support/…`, kg.validation.report.term_text); the
    generator records full IRIs. Compared as written, until Dec. 2026 every count read 0."""
    from rdflib import URIRef

    from kg.validation.report import term_text

    lines = ["| kind | injected | found by the default engine | found by pyshacl | expected |", "|---|---|---|---|---|"]
    for kind in sorted({i["kind"] for i in injected}):
        items = [i for i in injected if i["kind"] == kind]

        def found(run):
            if not run or "issues" not in run:
                return "—"
            foci = {x["focus"] for x in run["issues"]}
            return str(sum(1 for i in items if term_text(URIRef(i["focus"])) in foci))

        lines.append(f"| {kind} | {len(items)} | {found(fast)} | {found(slow)} | {items[0]['expected']} |")
    return "\n".join(lines)


# What /work/shared/MEASUREMENTS.md measured for the obvious alternatives (quoted, not re-measured),
# and the rows of this run that measure the same operation: (label, theirs, section, scale, what).
MEASUREMENTS = [
    ("load ~1M triples", "rdflib Graph 27.8 s, 1.3 GB; pyoxigraph on disk (bulk_load) 6.3 s", "a", "1m", "kg build"),
    ("peak memory, load ~1M", "rdflib 1.3 GB; pyoxigraph 91 MB on disk", "a", "1m", "peak memory"),
    ("load 5M triples", "rdflib 147 s, 6.3 GB; pyoxigraph 16 s, 0.35 GB", "a", "5m", "kg build"),
    ("twinnings of one unit (1M)", "rdflib 957 ms; pyoxigraph on disk 40 ms", "b", "1m", "twinnings-of-unit"),
    (
        "donations summed by province, partOf* + GROUP BY (1M)",
        "rdflib 133 s; pyoxigraph on disk 1.66 s",
        "b",
        "1m",
        "bench-donations-by-province",
    ),
    (
        "top 20 units by twinnings (1M)",
        "rdflib 3.7 s; pyoxigraph on disk 1.0 s",
        "b",
        "1m",
        "bench-top-units-by-twinnings",
    ),
    (
        "FILTER(CONTAINS(LCASE(?label), …)) (1M)",
        "rdflib 1.8 s; pyoxigraph on disk 127 ms",
        "b",
        "1m",
        "bench-label-contains",
    ),
    ("SHACL, 1M triples (8 shapes)", "pyshacl 324 s (+25 s load, 2.5 GB); shacl 2.1 s, 96 MB", "f", "1m", "validate()"),
]


def measurements_block(res: Results) -> list[str]:
    lines = [
        "## Against MEASUREMENTS.md",
        "",
        "MEASUREMENTS.md's numbers (another data set of the same kind, same machine type, quoted) next to "
        "this run's rows for the same operation (project | alternative as measured here).",
        "",
        "| operation | MEASUREMENTS.md | this run: project | this run: alternative |",
        "|---|---|---|---|",
    ]
    found = False
    for label, theirs, section, scale, what in MEASUREMENTS:
        row = next((r for r in res.rows if r.section == section and r.scale == scale and r.what.startswith(what)), None)
        if row is None:
            continue
        found = True
        lines.append(f"| {label} | {theirs} | {row.project} | {row.alternative} |")
    return lines + [""] if found else []


SUMMARY_HEADING = "Saved queries against their target"


def target_summaries(rows: list[Row]) -> list[tuple[str, str]]:
    """Section b's count of saved queries meeting their target, per scale, on disk and in memory,
    from the rows themselves (so a merge of runs counts what the report shows)."""
    blocks = []
    for scale in dict.fromkeys(r.scale for r in rows if r.target):
        every = [r for r in rows if r.scale == scale and r.target]
        for where, part in (
            ("", [r for r in every if not r.what.endswith(MEMORY_SUFFIX)]),
            (", in memory", [r for r in every if r.what.endswith(MEMORY_SUFFIX)]),
        ):
            if not part:
                continue
            counts = {mark: sum(1 for r in part if r.met == mark) for mark in ("✓", "✗", "n/a")}
            failed = [r.what for r in part if r.met == "✗"]
            text = (
                f"{counts['✓']} of {len(part)} met, {counts['✗']} not met"
                + (f" ({', '.join(failed)})" if failed else "")
                + (f", {counts['n/a']} not comparable (rdflib failed or timed out)" if counts["n/a"] else "")
                + "."
            )
            blocks.append((f"{SUMMARY_HEADING} ({scale}{where}, {part[0].target})", text))
    return blocks


def report(res: Results) -> str:
    here = machine()
    out = [f"generated by bench/run.py on {time.strftime('%Y-%m-%d %H:%M %Z')} — machine: {here}", ""]
    out += [
        "# Performance: the project against the obvious alternative",
        "",
        "Written by bench/run.py; do not edit by hand (rerun it). The project is "
        "`kg` (pyoxigraph store on disk, Rust SHACL engine by default; section b at 1M also on the "
        "in-memory copy `kg.api.keep_in_memory()` makes); the alternative is what "
        "MEASUREMENTS.md calls obvious: an rdflib `Dataset` in memory, queried with rdflib's SPARQL, "
        "validated with pyshacl. Both sides read the same data (bench/generate.py: the real national "
        "gazetteer + synthetic curated-style sources; `all.nq` for rdflib's load in section a, the TriG "
        "sources for `kg build`; in section b rdflib queries the N-Quads dump of the store `kg build` "
        "published, so both answer over the same quads, kg:derived and kg:curation included), "
        "each side in its own process (peak memory = that process's peak RSS), in the "
        "same step of the same run. "
        "Times are medians of the repeats stated (sections b and c run a query of a few milliseconds "
        "again until its runs add up to ~0.5 s, at most 300 times: three runs of 1 ms measure the "
        "machine, not the query); ratios are alternative ÷ project (higher is better "
        "for the project), except in section c (kg ÷ bare pyoxigraph, lower is better).",
        "",
        f"Noise: the machine ({os.cpu_count()} cores) is shared; the table below gives each step's "
        "load average at its start and end. Repeated runs of the same measurement varied by 5–30 % "
        "in MEASUREMENTS.md; treat differences under ~30 % as noise.",
        "",
        "| step | run at | minutes | load average (start → end) | command | machine |",
        "|---|---|---|---|---|---|",
    ]
    for label, st in res.steps.items():
        ran_on = st.get("machine", "not recorded")
        out.append(
            f"| {label} | {st['at']} | {st['minutes']:.1f} | {st['load_before']:.1f} → "
            f"{st['load_after']:.1f} | `{st['command']}` | {'this one' if ran_on == here else ran_on} |"
        )
    out.append("")
    out += measurements_block(res)
    targets = [r for r in res.rows if r.target]
    out += ["## Targets", "", table(targets), ""]
    if res.problems:
        out += ["Problems during the run:", ""] + [f"- ({step}) {p}" for p, step in res.problems] + [""]
    for section, title in SECTIONS.items():
        rows = [r for r in res.rows if r.section == section]
        if not rows and section not in res.extra:
            continue
        out += [f"## {section}. {title}", ""]
        if rows:
            out += [table(rows), ""]
        blocks = [b for b in res.extra.get(section, []) if not b[0].startswith(SUMMARY_HEADING)]
        for heading, block, *_ in blocks + (target_summaries(rows) if section == "b" else []):
            out += [f"**{heading}**", "", block, ""]
    if res.builds:
        out += [
            "## kg build, step by step",
            "",
            "From the build's own progress lines (`[n/6] …` / `done in X s`).",
            "",
            "| scale | run | total | peak | steps | outcome |",
            "|---|---|---|---|---|---|",
        ]
        for b in res.builds:
            steps = "; ".join(f"{label} {fmt_s(s) if s is not None else '…'}" for label, s in b["steps"])
            outcome = "up to date" if b.get("up_to_date") else (b["failure"] or "published")
            out.append(
                f"| {b['scale']} | {b['what']} | {fmt_s(b['seconds'])} | {fmt_mb(b['peak_mb'])} | "
                f"{steps} | {outcome.replace('|', '/')} |"
            )
        out.append("")
    for heading, block, *_ in res.extra.get("profile", []):
        out += [f"## {heading}", "", block, ""]
    out += ["## Data sets", "", "| data set | triples | sources | notes |", "|---|---|---|---|"]
    for name, d in res.datasets.items():
        out.append(
            f"| {name} | {d['triples']:,} | {d['sources']} | "
            f"{'seed ' + str(d['seed']) + ', ' + str(d['twinnings']) + ' twinnings' if d['seed'] is not None else 'gazetteer + ontology + data/sources'} |"
        )
    out.append("")
    return "\n".join(out)


def save_results(res: Results, path: Path) -> None:
    data = {
        "generated": "by bench/run.py: do not edit by hand; the report beside it is made from this",
        "rows": [vars(r) for r in res.rows],
        "builds": res.builds,
        "extra": res.extra,
        "problems": res.problems,
        "steps": res.steps,
        "datasets": res.datasets,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def merged(new: Results, path: Path) -> Results:
    """The earlier run's results (saved in `path`) with what this run measured replaced: a whole
    step measured again replaces that step; a step over a few queries (`--queries`) replaces
    only the rows it measured again, so the rest of the earlier step stays."""
    old = json.loads(path.read_text("utf-8"))
    partial = {label for label, step in new.steps.items() if step.get("queries")}
    redone = set(new.steps) - partial
    remeasured = {(r.section, r.what, r.scale) for r in new.rows}
    res = Results()
    res.rows = [
        Row(**r)
        for r in old["rows"]
        if r["step"] not in redone and (r["section"], r["what"], r["scale"]) not in remeasured
    ] + new.rows
    res.builds = [b for b in old["builds"] if b.get("step") not in redone] + new.builds
    res.problems = [tuple(p) for p in old["problems"] if p[1] not in redone] + new.problems
    for key in set(old["extra"]) | set(new.extra):
        kept = [
            tuple(b)
            for b in old["extra"].get(key, [])
            if b[2] not in redone and not b[0].startswith(SUMMARY_HEADING)  # summaries: made by report()
        ]
        res.extra[key] = kept + new.extra.get(key, [])
    # an earlier step whose every row was measured again is gone; a step without rows stays
    used = {r.step for r in res.rows} | {b.get("step") for b in res.builds}
    used |= {b[2] for blocks in res.extra.values() for b in blocks}
    superseded = {r["step"] for r in old["rows"]} - used
    res.steps = {k: v for k, v in old["steps"].items() if k not in redone | superseded} | new.steps
    res.datasets = old["datasets"] | new.datasets
    order = {s: i for i, s in enumerate(SECTIONS)}  # rows by section, as a single run lists them
    res.rows.sort(key=lambda r: order.get(r.section, 99))
    return res
