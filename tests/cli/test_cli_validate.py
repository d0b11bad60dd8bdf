"""`kg validate` run as a user runs it: a subprocess, its exit status, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from kg.iris import SH
from kg.validation import load_shapes
from kg.validation.report import KNSH
from support.homes import kg

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "tests" / "shapes" / "valid" / "agreement-hoa-cuong-tra-tan.ttl"
INVALID = ROOT / "tests" / "shapes" / "invalid" / "twinning-self.ttl"


# a Vietnamese user's locale: reports and messages in Vietnamese unless --lang en
VIETNAMESE_LOCALE = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "vi_VN.UTF-8"}


def kg_validate(*args: str | Path) -> subprocess.CompletedProcess:
    return kg(None, "validate", *map(str, args), env=VIETNAMESE_LOCALE)


def shape_message(shape: str, lang: str) -> str:
    return next(
        str(m) for m in load_shapes().objects(KNSH[shape], SH.message) if isinstance(m, Literal) and m.language == lang
    )


def test_valid_file_exits_0():
    run = kg_validate("--standalone", VALID)  # the example restates a recorded twinning: a duplicate in context
    assert run.returncode == 0, run.stderr
    assert str(VALID.name) in run.stdout and "0 vi phạm" in run.stdout
    assert run.stderr == ""


@pytest.mark.parametrize("engine", ["pyshacl", "shacl", "auto"])
def test_invalid_file_exits_1_with_grouped_vietnamese_messages(engine):
    run = kg_validate("--engine", engine, INVALID)
    assert run.returncode == 1, run.stderr
    assert "KHÔNG HỢP LỆ" in run.stdout
    assert "Kết nghĩa huyện Nam Giang – huyện Ngọc Lặc" in run.stdout  # the focus node, by its label
    assert shape_message("Twinning-party", "vi") in run.stdout
    assert "kn:party|kn:sponsor|kn:sponsored" in run.stdout  # the property
    assert f"({'pyshacl' if engine == 'pyshacl' else 'shacl'}," in run.stdout


def test_lang_en_and_offending_value():
    path = ROOT / "tests" / "shapes" / "invalid" / "amount-currency-not-iso.ttl"
    run = kg_validate("--lang", "en", path)
    assert run.returncode == 1
    assert shape_message("MonetaryAmount-currency", "en") in run.stdout
    assert 'value: "VNĐ"' in run.stdout
    assert shape_message("MonetaryAmount-currency", "vi") not in run.stdout


def test_several_files_exit_1_if_any_fails():
    run = kg_validate("--standalone", VALID, INVALID)
    assert run.returncode == 1
    assert "2 tệp: 1 hợp lệ, 1 không hợp lệ" in run.stdout


def test_json_output():
    run = kg_validate("--standalone", "--format", "json", "--lang", "en", INVALID)
    assert run.returncode == 1
    document = json.loads(run.stdout)
    assert document["conforms"] is False
    [issue] = document["files"][0]["issues"]
    assert issue["component"] == "sh:MinCountConstraintComponent"
    assert issue["node_shape"] == "knsh:TwinningShape"
    assert issue["message"] == shape_message("Twinning-party", "en")
    assert issue["focus_label"] == "Kết nghĩa huyện Nam Giang – huyện Ngọc Lặc"


def test_turtle_output_is_a_validation_report():
    run = kg_validate("--standalone", "--format", "turtle", INVALID)
    assert run.returncode == 1
    report = Graph().parse(data=run.stdout, format="turtle")
    assert (None, SH.conforms, Literal(False)) in report
    assert len(list(report.objects(None, SH.result))) == 1


def test_trig_file():
    run = kg_validate(ROOT / "tests" / "shapes" / "invalid" / "dataset-without-version.trig")
    assert run.returncode == 1
    assert "owl:versionInfo|dct:hasVersion" in run.stdout


@pytest.mark.parametrize(
    "name, text, line",
    [
        ("broken.ttl", '@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n', 3),
        ("broken.nt", "<http://ex/a> <http://ex/b> <http://ex/c> .\n<http://ex/a> <http://ex/b> c .\n", 2),
        ("broken.jsonld", '{"@id": "http://ex/a",\n "http://ex/b": }\n', 2),
    ],
)
def test_syntax_error_is_one_line_with_file_and_line_and_exit_2(tmp_path, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run = kg_validate(VALID, path)
    assert run.returncode == 2
    assert run.stdout == ""  # nothing validated when any file is unreadable
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert f"{path}:{line}:" in lines[0]


def test_missing_file_and_unknown_extension_exit_2(tmp_path):
    run = kg_validate(tmp_path / "missing.ttl")
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    odd = tmp_path / "data.xlsx"
    odd.write_text("a,b\n", encoding="utf-8")
    run = kg_validate(odd)
    assert run.returncode == 2 and "đuôi tệp RDF '.xlsx' không được hỗ trợ" in run.stderr
    run = kg_validate(odd, "--lang", "en")
    assert run.returncode == 2 and "unknown RDF file extension" in run.stderr
