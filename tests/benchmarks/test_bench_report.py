"""bench/run.py's results file and report: `--merge` keeps the steps a run does not measure again,
the results round-trip through the committed JSON, and a step measured on another machine says so.
No benchmark runs here (see bench/run.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench import run  # bench/ is a folder of scripts, not an installed package


def results(step: str, project: str, machine: str | None) -> run.Results:
    res = run.Results()
    res.rows.append(run.Row("b", "twinnings-of-unit", step.split()[-1], project, step=step))
    res.extra["b"] = [(f"Per query ({step})", f"block of {step}", step)]
    res.builds.append(
        {
            "scale": step.split()[-1],
            "what": "section a",
            "seconds": 1.0,
            "peak_mb": 10.0,
            "steps": [],
            "failure": None,
            "step": step,
        }
    )
    res.steps[step] = {
        "at": "2026-12-06 10:00",
        "minutes": 1.0,
        "load_before": 0.1,
        "load_after": 0.2,
        "command": f"python bench/run.py --only {step}",
    }
    if machine is not None:
        res.steps[step]["machine"] = machine
    return res


def test_merge_keeps_other_steps_and_replaces_the_remeasured_one(tmp_path: Path):
    earlier, before = results("b national", "5 ms", run.machine()), results("b 1m", "9 ms", run.machine())
    earlier.rows += before.rows
    earlier.steps |= before.steps
    saved = tmp_path / "performance.json"
    run.save_results(earlier, saved)
    assert "do not edit" in json.loads(saved.read_text("utf-8"))["generated"]

    merged = run.merged(results("b 1m", "6 ms", run.machine()), saved)

    assert sorted((r.step, r.project) for r in merged.rows) == [("b 1m", "6 ms"), ("b national", "5 ms")]
    assert set(merged.steps) == {"b national", "b 1m"}
    assert [b[2] for b in merged.extra["b"]] == ["b national", "b 1m"]


def test_merge_of_a_few_queries_replaces_their_rows_and_keeps_the_step_rest(tmp_path: Path):
    earlier = results("b 1m", "9 ms", run.machine())
    earlier.rows.append(run.Row("b", "unit-history", "1m", "2 ms", ratio="20×", target="≥ 30×", met="✗", step="b 1m"))
    earlier.extra["b"].append(("Saved queries against their target (1m, ≥ 30×)", "0 of 1 met.", "b 1m"))
    saved = tmp_path / "performance.json"
    run.save_results(earlier, saved)
    again = run.Results()
    label = "b 1m [unit-history]"
    again.rows.append(run.Row("b", "unit-history", "1m", "1 ms", ratio="40×", target="≥ 30×", met="✓", step=label))
    again.steps[label] = earlier.steps["b 1m"] | {"queries": ["unit-history"]}

    merged = run.merged(again, saved)

    assert sorted((r.what, r.project, r.step) for r in merged.rows) == [
        ("twinnings-of-unit", "9 ms", "b 1m"),
        ("unit-history", "1 ms", label),
    ]
    assert set(merged.steps) == {"b 1m", label}
    text = run.report(merged)
    # the count is made again from the rows shown, not kept from the earlier run
    assert "0 of 1 met." not in text
    assert "**Saved queries against their target (1m, ≥ 30×)**\n\n1 of 1 met, 0 not met." in text


def test_report_names_the_machine_of_a_step_run_elsewhere(tmp_path: Path):
    saved = tmp_path / "performance.json"
    earlier = results("f 1m", "11 s", "Intel(R) Xeon(R) Processor, 2 cores")
    earlier.steps |= results("f national", "1 s", None).steps
    run.save_results(earlier, saved)
    text = run.report(run.merged(results("b 1m", "6 ms", run.machine()), saved))

    steps = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert steps["f 1m"].endswith("| Intel(R) Xeon(R) Processor, 2 cores |")
    assert steps["f national"].endswith("| not recorded |")
    assert steps["b 1m"].endswith("| this one |")


def test_rows_on_the_in_memory_copy_are_judged_and_summed_up_apart():
    bench = object.__new__(run.Bench)  # only what section b's row logic reads
    bench.res, bench.args = run.Results(), type("Args", (), {"repeat": 3, "query_timeout": 60})()
    rdflib = {"times": [0.3], "rows": 5, "error": None, "timed_out": False}
    for suffix, seconds in (("", 0.02), (run.MEMORY_SUFFIX, 0.005)):  # 15x on disk, 60x in memory
        bench.query_row(
            "1m", "twinnings-of-unit", suffix, {"times": [seconds] * 3, "rows": 5}, rdflib, False, "", 75, ""
        )

    assert [(r.what, r.ratio, r.met) for r in bench.res.rows] == [
        ("twinnings-of-unit", "15×", "✗"),
        ("twinnings-of-unit (in memory)", "60×", "✓"),
    ]
    assert run.target_summaries(bench.res.rows) == [
        ("Saved queries against their target (1m, ≥ 30×)", "0 of 1 met, 1 not met (twinnings-of-unit)."),
        ("Saved queries against their target (1m, in memory, ≥ 30×)", "1 of 1 met, 0 not met."),
    ]


def test_injected_errors_are_matched_to_the_issues_as_reports_write_them():
    injected = [
        {
            "kind": "negative-amount",
            "expected": "knsh:MonetaryAmount-value",
            "focus": "https://w3id.org/ketnghia/id/support/a391085b06836a62/injected-negative-amount-1-amount",
        },
        {
            "kind": "negative-amount",
            "expected": "knsh:MonetaryAmount-value",
            "focus": "https://w3id.org/ketnghia/id/support/0936c84a6418b23e/injected-negative-amount-6-amount",
        },
    ]
    fast = {
        "issues": [
            {"focus": "id:support/a391085b06836a62/injected-negative-amount-1-amount"},
            {"focus": "id:twinning/unrelated"},
        ]
    }
    table = run.injected_table(injected, fast, None)
    assert table.splitlines()[-1] == "| negative-amount | 2 | 1 | — | knsh:MonetaryAmount-value |"


def test_an_unknown_query_name_is_refused_before_anything_runs(tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run.main(["--only", "b", "--queries", "twinnings-of-unit,no-such-query", "--workdir", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "unknown query 'no-such-query'" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())  # no store built, no data generated


ALTERNATIVES = sorted((Path(run.__file__).parent / "alternative-queries").glob("*.rq"))


@pytest.mark.parametrize("path", ALTERNATIVES, ids=lambda p: p.stem)
def test_the_alternative_formulation_answers_like_the_saved_query(path: Path, built_store):
    """rdflib may run its own formulation of a saved query (bench/alternative-queries): only if it
    gives the saved query's answer, row for row, on the curated graph."""
    from kg.query import catalog

    saved = catalog.get_query(path.stem)
    alternative = catalog.parse_query_file(path)

    def answer(query) -> list[tuple]:
        rows = built_store.query(query.bound_text({}), use_default_graph_as_union=True)
        names = [v.value for v in rows.variables]
        return sorted(tuple(str(row[n]) for n in sorted(names)) for row in rows)

    expected = answer(saved)
    assert expected, f"{path.stem} answers nothing on the curated graph: the comparison would prove nothing"
    assert answer(alternative) == expected


def test_the_queries_file_gives_the_alternative_its_own_formulation(tmp_path: Path):
    from types import SimpleNamespace

    written = run.Bench.queries_file(SimpleNamespace(out=tmp_path))  # uses only the work folder
    queries = {q["name"]: q for q in json.loads(written.read_text("utf-8"))}
    assert {name for name, q in queries.items() if "alternative_text" in q} == {p.stem for p in ALTERNATIVES}
    for path in ALTERNATIVES:
        assert queries[path.stem]["alternative_text"] != queries[path.stem]["text"]
