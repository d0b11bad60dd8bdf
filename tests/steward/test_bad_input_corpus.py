"""The bad-input corpus: what data stewards really send, run through `kg` as a user runs it.

tests/contributions/bad/ holds the files (syntax errors, wrong encodings and BOMs, empty and binary
files, relative IRIs, ill-typed literals, impossible dates, amounts in words, self-twinnings,
unknown units, units outside their era, duplicates, labels holding HTML, CSV files with missing,
extra or reordered columns, a wrong separator, UTF-16 from a spreadsheet...), and EXPECTED.tsv
what `kg validate` must answer for each: the exit status and a substring of its output. Each runs
as a subprocess against the session's built graph; none may end in a traceback. A sample goes
through `kg contribute` too, and the full dump must be byte-for-byte what it was.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from support.homes import copy_home, kg

BAD = Path(__file__).parents[1] / "contributions" / "bad"


def expected_cases() -> list[tuple[str, int, str]]:
    rows = [line for line in (BAD / "EXPECTED.tsv").read_text("utf-8").splitlines() if not line.startswith("#")]
    return [
        (r["file"], int(r["exit"]), r["message"]) for r in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


CASES = expected_cases()


def test_the_corpus_is_big_and_every_file_has_an_expectation():
    files = {p.name for p in BAD.iterdir() if p.name != "EXPECTED.tsv"}
    assert len(CASES) >= 40
    assert files == {name for name, _, _ in CASES}
    assert {exit_code for _, exit_code, _ in CASES} == {0, 1, 2}


@pytest.mark.parametrize("name, exit_code, message", CASES, ids=[c[0] for c in CASES])
def test_kg_validate_answers_as_expected(kg_home, run_kg, name, exit_code, message):
    # reports are expected in Vietnamese, file-level errors (exit 2) in English
    run = run_kg("validate", "--lang", "en" if exit_code == 2 else "vi", str(BAD / name), timeout=120)
    output = run.stdout + run.stderr
    assert "Traceback" not in output and "Warning:" not in run.stderr, output
    assert run.returncode == exit_code, output
    assert message in output, output
    if exit_code == 2:  # unreadable: nothing validated, one line naming the file
        assert run.stdout == ""
        assert len(run.stderr.strip().splitlines()) == 1 and name in run.stderr


# --------------------------------------------------------------------------- through kg contribute


@pytest.fixture(scope="module")
def home(kg_home, tmp_path_factory) -> Path:
    """A private copy of the session's built KG_HOME: contributions here must not leak."""
    target = tmp_path_factory.mktemp("bad-corpus") / "home"
    return copy_home(kg_home, target)


def full_dump(home: Path) -> str:
    dump = kg(home, "dump", "--format", "nquads")
    assert dump.returncode == 0, dump.stderr
    return hashlib.sha256("\n".join(sorted(dump.stdout.splitlines())).encode()).hexdigest()


CONTRIBUTE_SAMPLE = [
    "syntax-unterminated-string.ttl",
    "syntax-unclosed-graph.trig",
    "syntax-trailing-comma.jsonld",
    "syntax-bare-object.nt",
    "relative-iri.ttl",
    "empty.ttl",
    "binary-png.ttl",
    "utf16-without-bom.ttl",
    "cp1258.csv",
    "missing-required-column.csv",
    "wrong-separator-pipe.csv",
    "impossible-date.ttl",
    "impossible-date.csv",
    "amount-as-text.csv",
    "self-twinning.csv",
    "unknown-unit.ttl",
    "unit-outside-era.csv",
    "duplicate-twinning.ttl",
    "duplicate-of-recorded-support.csv",
    "label-with-html.ttl",
    "rows-with-other-separator.csv",
]


def test_rejected_contributions_leave_the_graph_exactly_as_it_was(home):
    expected = {name: (exit_code, message) for name, exit_code, message in CASES}
    before = full_dump(home)
    for name in CONTRIBUTE_SAMPLE:
        exit_code, message = expected[name]
        assert exit_code in (1, 2), name
        lang = "en" if exit_code == 2 else "vi"  # as in test_kg_validate_answers_as_expected
        run = kg(home, "contribute", str(BAD / name), "--contributor", "corpus", "--lang", lang)
        output = run.stdout + run.stderr
        assert run.returncode == exit_code, f"{name}: {output}"
        assert "Traceback" not in output and "merged contribution" not in output, f"{name}: {output}"
        assert message in output, f"{name}: {output}"
    assert full_dump(home) == before
    listing = kg(home, "contributions")
    assert "no contributions merged" in listing.stdout


def test_conforming_files_of_the_corpus_merge_and_revert_cleanly(home):
    """UTF-16 with a BOM from a spreadsheet is a normal contribution: merged, then reverted."""
    before = full_dump(home)
    merged = kg(home, "contribute", str(BAD / "spreadsheet-utf16-tab.csv"), "--contributor", "corpus")
    assert merged.returncode == 0, merged.stderr
    contribution_id = hashlib.sha256((BAD / "spreadsheet-utf16-tab.csv").read_bytes()).hexdigest()[:12]
    assert contribution_id in merged.stdout and full_dump(home) != before
    assert kg(home, "revert", contribution_id).returncode == 0
    assert full_dump(home) == before


# --------------------------------------------------------------------------- a very large file


def write_triples(path: Path, megabytes: float) -> int:
    """A Turtle file of `megabytes` MB: one twinning, then alternative labels until the size is reached."""
    twinning = "https://w3id.org/ketnghia/id/twinning/sister-localities-pre2025-395--pre2025-510"
    head = (BAD / "bom-utf8.ttl").read_bytes()[3:].decode("utf-8")
    line = f'<{twinning}> <http://www.w3.org/2004/02/skos/core#altLabel> "tên khác số {{}} của quan hệ"@vi .\n'
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(head)
        while out.tell() < megabytes * 1_000_000:
            out.write(line.format(count))
            count += 1
    return count


def test_a_50_mb_file_is_refused_at_once_with_the_limit_named(kg_home, run_kg, tmp_path):
    path = tmp_path / "huge.ttl"
    write_triples(path, 50)
    run = run_kg("validate", str(path), timeout=60)
    assert run.returncode == 2 and run.stdout == ""
    assert "file too large: 50.0 MB, the limit is 10.0 MB" in run.stderr and "--max-size" in run.stderr
    contributed = run_kg("contribute", str(path), "--contributor", "x", timeout=60)
    assert contributed.returncode == 2 and "file too large" in contributed.stderr


def test_a_file_just_under_the_limit_is_validated_in_a_sane_time(kg_home, run_kg, tmp_path):
    path = tmp_path / "large.ttl"
    count = write_triples(path, 9)
    assert count > 40_000
    run = run_kg("validate", "--lang", "vi", str(path), timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 vi phạm" in run.stdout and "Traceback" not in run.stderr
