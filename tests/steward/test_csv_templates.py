"""`kg template`: CSV templates for people who do not write RDF, and their round trip back in."""

from __future__ import annotations

import codecs
import csv
import io

import pytest

from kg.steward.csv_import import read_csv_contribution, read_table
from kg.steward.csv_templates import TEMPLATES, template_text
from kg.steward.csv_values import Resolver

NAMES = sorted(TEMPLATES)
EXAMPLE_RECORDS = {  # the recorded fact each template's example row restates
    "twinnings": "twinning/sister-localities-2025-20257--2025-20923",
    "support": "support/f4c2d38e3c23b740/flood-relief-2020-cash",
    "agreements": "agreement/2025-20257--2025-20923-signed-minutes",
    "people": "person/nguyen-van-quang-bd355db52bd04147-secretary-party-committee-2025-48",
    "events": "event/927db9d923d64231/twinning-ceremony-1968",
}


def test_the_five_templates_exist():
    assert NAMES == ["agreements", "events", "people", "support", "twinnings"]


@pytest.mark.parametrize("name", NAMES)
def test_template_layout(run_kg, name):
    run = run_kg("template", name)
    assert run.returncode == 0, run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout)))
    comments = [r for r in rows if r[0].startswith("#")]
    header, example = [r for r in rows if not r[0].startswith("#")]
    assert rows[0] == [f"# kg-template: {name} v1"]
    assert all(len(r) == 1 for r in comments)  # one cell: shown in column A by a spreadsheet
    template = TEMPLATES[name]
    assert header == [f"{c.vi} / {c.en} [{c.key}]" for c in template.columns]
    assert len(example) == len(header) and any(example)
    for column in template.columns:  # every column documented in both languages
        line = next(r[0] for r in comments if f"[{column.key}]" in r[0])
        assert column.help_vi in line and column.help_en in line
        assert line.startswith("# *" if column.required else "# -")


def test_output_file_is_utf8_with_bom_and_not_overwritten(run_kg, tmp_path):
    path = tmp_path / "twinnings.csv"
    assert run_kg("template", "twinnings", "-o", str(path)).returncode == 0
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and "Bên 1 / Party 1 [party_1]" in data.decode("utf-8-sig")
    again = run_kg("template", "support", "-o", str(path))
    assert again.returncode == 2 and "--force" in again.stderr
    assert path.read_bytes() == data
    assert run_kg("template", "support", "-o", str(path), "--force").returncode == 0
    assert "[giver]" in path.read_text("utf-8-sig")


def test_help_lists_templates_and_columns(run_kg):
    run = run_kg("template", "--help")
    for name, template in TEMPLATES.items():
        assert name in run.stdout
        assert all(c.key in run.stdout for c in template.columns)


@pytest.mark.parametrize("name", NAMES)
def test_example_row_validates_in_context(kg_home, run_kg, tmp_path, name):
    path = tmp_path / f"{name}.csv"
    assert run_kg("template", name, "-o", str(path)).returncode == 0
    run = run_kg("validate", "--lang", "vi", str(path))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 vi phạm" in run.stdout


@pytest.mark.parametrize("name", NAMES)
def test_example_row_lands_on_the_recorded_node(built_store, tmp_path, name):
    """IRIs are deterministic: the example restates a recorded fact, so it produces that fact's IRI."""
    path = tmp_path / f"{name}.csv"
    path.write_text(template_text(name), "utf-8")
    read = read_csv_contribution(path, Resolver(built_store))
    assert not read.issues
    iri = f"https://w3id.org/ketnghia/id/{EXAMPLE_RECORDS[name]}"
    assert any(str(s) == iri for s in read.graph.subjects())
    assert Resolver(built_store).exists(iri)


def spreadsheet_copy(text: str, delimiter: str) -> str:
    """The template as a spreadsheet re-saves it: every row padded to the header's width."""
    rows = list(csv.reader(io.StringIO(text)))
    width = max(len(r) for r in rows)
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(r + [""] * (width - len(r)) for r in rows)
    return out.getvalue()


@pytest.mark.parametrize("encoding, delimiter", [("utf-16", "\t"), ("utf-8-sig", ";"), ("utf-16-be", ",")])
def test_a_spreadsheet_round_trip_reads_the_same_rows(tmp_path, encoding, delimiter):
    original = tmp_path / "original.csv"
    original.write_text(template_text("support"), "utf-8")
    saved = tmp_path / "saved.csv"
    data = spreadsheet_copy(template_text("support"), delimiter).encode(encoding)
    saved.write_bytes(codecs.BOM_UTF16_BE + data if encoding == "utf-16-be" else data)
    first, second = read_table(original), read_table(saved)
    assert second.delimiter == delimiter and second.template.name == "support"
    assert [values for _, values in second.rows] == [{k: v for k, v in values.items()} for _, values in first.rows]
    assert [row for row, _ in second.rows] == [row for row, _ in first.rows]
