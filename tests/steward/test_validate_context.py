"""`kg validate` together with the graph a contribution will join (the session's built graph).

tests/contributions/{valid,invalid} hold contributions whose verdict depends on the graph:
references that do not resolve (reported with the closest known names), units taking part
outside their validity, posts outside their dates, duplicates of recorded facts. They follow the
header convention of tests/shapes (see tests/validation/test_shapes.py) -- `# Valid: ...` / `# Invalid: ...`,
then `# expect: <shape> <component> <path>` lines -- plus `# expect-text: <substring>` lines that
the JSON report must contain (a suggestion, a row number). CSV files carry the same lines as
comment rows; a JSON-LD file, which cannot hold comments, follows its folder.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from support.homes import PROJECT_ROOT, copy_home, kg

CONTRIBUTIONS = Path(__file__).parents[1] / "contributions"
VALID = sorted((CONTRIBUTIONS / "valid").iterdir())
INVALID = sorted((CONTRIBUTIONS / "invalid").iterdir())
EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s+(\S+)\s*$")
EXPECT_TEXT = re.compile(r"^#\s*expect-text:\s*(.+?)\s*$")


def header(path: Path) -> tuple[list[str], list[tuple[str, str, str | None]], list[str]]:
    """(comment lines, expected (shape, component, path), expected texts) from the leading comments."""
    comments = []
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        comments.append(line)
    expects = [(m[1], m[2], None if m[3] == "-" else m[3]) for m in map(EXPECT.match, comments) if m]
    texts = [m[1] for m in map(EXPECT_TEXT.match, comments) if m]
    return comments, expects, texts


def validate_json(run_kg, path: Path, *options: str) -> tuple[int, dict, str]:
    run = run_kg("validate", "--format", "json", "--lang", "en", *options, str(path))
    assert "Traceback" not in run.stderr, run.stderr
    return run.returncode, json.loads(run.stdout) if run.stdout else {}, run.stdout + run.stderr


def test_folders_hold_enough_cases_of_every_format():
    assert len(VALID) >= 5 and len(INVALID) >= 10
    suffixes = {p.suffix for p in VALID + INVALID}
    assert {".ttl", ".csv", ".trig", ".jsonld", ".nt"} <= suffixes


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_is_self_describing(path):
    if path.suffix == ".jsonld":
        pytest.skip("JSON cannot hold comments: the folder says what it is")
    comments, expects, _ = header(path)
    assert comments and comments[0].startswith("# Valid" if path.parent.name == "valid" else "# Invalid")
    assert bool(expects) == (path.parent.name == "invalid")


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_contribution_conforms_in_context(kg_home, run_kg, path):
    status, report, output = validate_json(run_kg, path)
    assert status == 0, output
    [checked] = report["files"]
    assert checked["conforms"] and checked["mode"] == "context"
    assert not [i for i in checked["issues"] if i["severity"] == "Violation"], output


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_contribution_fails_with_exactly_its_declared_problems(kg_home, run_kg, path):
    _, expects, texts = header(path)
    status, report, output = validate_json(run_kg, path)
    assert status == 1, output
    issues = report["files"][0]["issues"]
    for shape, component, result_path in expects:
        assert any(
            shape in (i["shape"], i["node_shape"]) and i["component"] == component and i["path"] == result_path
            for i in issues
        ), f"{path.name}: {shape} {component} {result_path}\n{output}"
    declared = {shape for shape, _, _ in expects}
    undeclared = [i for i in issues if not {i["shape"], i["node_shape"]} & declared]
    assert not undeclared, f"{path.name}: problems it does not declare:\n{json.dumps(undeclared, indent=1)}"
    for text in texts:
        assert text in output, f"{path.name}: {text!r} not in the report\n{output}"


def test_every_problem_points_to_where_its_record_starts(kg_home, run_kg):
    path = CONTRIBUTIONS / "invalid" / "post-after-the-committee-ended.ttl"
    _, report, _ = validate_json(run_kg, path)
    [issue] = report["files"][0]["issues"]
    lines = path.read_text("utf-8").splitlines()
    assert lines[issue["line"] - 1].startswith(
        "per:nguyen-van-a-f4c2d38e3c23b740-secretary-party-committee-pre2025-510"
    )


@pytest.mark.parametrize(
    "name",
    [
        "districts-twinned-after-the-reform.ttl",
        "unknown-unit-did-you-mean.ttl",
        "duplicate-of-a-recorded-support.ttl",
        "event-in-a-2025-commune-in-2024.csv",
    ],
)
def test_the_three_engines_agree_in_context(kg_home, run_kg, name):
    path = CONTRIBUTIONS / "invalid" / name
    results = {}
    for engine in ("pyshacl", "shacl", "auto"):
        status, report, output = validate_json(run_kg, path, "--engine", engine)
        assert status == 1, output
        assert report["files"][0]["engine"] == ("pyshacl" if engine == "pyshacl" else "shacl")
        results[engine] = [{k: v for k, v in i.items() if k != "engine"} for i in report["files"][0]["issues"]]
    assert results["pyshacl"] == results["shacl"] == results["auto"]


def test_standalone_skips_the_graph(kg_home, run_kg):
    """A self-contained example that restates gazetteer units and a recorded twinning: refused in
    context (a contribution may not restate the gazetteer: closed world), valid on its own."""
    example = PROJECT_ROOT / "tests" / "shapes" / "valid" / "agreement-hoa-cuong-tra-tan.ttl"
    in_context = run_kg("validate", "--lang", "en", str(example))
    assert in_context.returncode == 1 and "knsh:ClosedWorld-gazetteer-unit" in in_context.stdout
    alone = run_kg("validate", "--standalone", "--lang", "vi", str(example))
    assert alone.returncode == 0 and "kiểm tra riêng lẻ" in alone.stdout


def test_without_a_built_graph_the_file_is_checked_standalone_with_a_note(run_kg, tmp_path):
    run = run_kg(
        "validate",
        "--lang",
        "en",
        str(CONTRIBUTIONS / "valid" / "new-twinning-between-recorded-units.ttl"),
        env={"KG_HOME": str(tmp_path / "empty-home")},
    )
    assert run.returncode == 1  # the units and the source are not in the file itself
    assert "no built graph at" in run.stdout and "checked standalone" in run.stdout


# --------------------------------------------------------------------------- contribute, in every RDF format


@pytest.fixture(scope="module")
def home(kg_home, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("context") / "home"
    return copy_home(kg_home, target)


def statements_about(home: Path, iri: str) -> int:
    run = kg(
        home,
        "query",
        "--format",
        "csv",
        "--sparql",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} FILTER(STRSTARTS(STR(?g), "
        f'"https://w3id.org/ketnghia/graph/contribution/")) }}',
    )
    assert run.returncode == 0, run.stderr
    return int(run.stdout.splitlines()[1])


@pytest.mark.parametrize(
    "name, twinning, statements",
    [
        ("twinning-in-named-graphs.trig", "sister-localities-pre2025-389--pre2025-395", 7),
        ("twinning.jsonld", "sister-localities-pre2025-389--pre2025-509", 7),
        ("twinning.nt", "sister-localities-pre2025-509--pre2025-510", 7),
        ("sponsorship-from-a-new-article.csv", "sponsorship-org-agribank-quang-nam--pre2025-20455", 8),
    ],
)
def test_every_format_is_merged_whole_and_reverted(home, name, twinning, statements):
    path = CONTRIBUTIONS / "valid" / name
    iri = f"https://w3id.org/ketnghia/id/twinning/{twinning}"
    merged = kg(home, "contribute", str(path), "--contributor", "tester")
    assert merged.returncode == 0, merged.stderr
    assert statements_about(home, iri) == statements  # named graphs of the file included
    contribution_id = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert kg(home, "revert", contribution_id).returncode == 0
    assert statements_about(home, iri) == 0


def test_a_rejected_trig_contribution_is_not_merged(home):
    run = kg(
        home,
        "contribute",
        str(CONTRIBUTIONS / "invalid" / "self-twinning-in-named-graph.trig"),
        "--contributor",
        "tester",
        "--lang",
        "en",
    )
    assert run.returncode == 1 and "A unit cannot be twinned with itself" in run.stderr
    assert (
        statements_about(home, "https://w3id.org/ketnghia/id/twinning/sister-localities-pre2025-389--pre2025-389") == 0
    )
