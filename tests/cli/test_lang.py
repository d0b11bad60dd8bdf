"""--lang vi|en, or the locale, chooses the language of messages and reports (subprocesses)."""

from __future__ import annotations

import re

import pytest

from kg import config
from kg.steward.csv_values import _KINDS, KIND_NAMES_VI, CellError, Resolver

NO_LOCALE = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "vi_VN.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),  # LC_ALL ranks first
        ({"LANG": "C", "LC_MESSAGES": "vi_VN"}, "vi"),
        ({}, "en"),
    ],
)
def test_language_from_the_locale(monkeypatch, env, expected):
    for name, value in {**NO_LOCALE, **env}.items():
        monkeypatch.setenv(name, value)
    config.set_language(None)
    assert config.language() == expected
    config.set_language("vi" if expected == "en" else "en")  # --lang wins over the locale
    assert config.language() != expected
    config.set_language(None)


def test_file_level_errors_in_either_language(run_kg, tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("  \n", "utf-8")
    missing = tmp_path / "missing.trig"
    cases = [(empty, "tệp rỗng", "the file is empty"), (missing, "không đọc được", "cannot read")]
    for path, vi, en in cases:
        for args, env, text, word in (
            (["validate", str(path), "--lang", "vi"], NO_LOCALE, vi, "lỗi"),
            (["--lang", "vi", "validate", str(path)], NO_LOCALE, vi, "lỗi"),
            (["validate", str(path)], {**NO_LOCALE, "LANG": "vi_VN.UTF-8"}, vi, "lỗi"),
            (["validate", str(path), "--lang", "en"], {**NO_LOCALE, "LANG": "vi_VN.UTF-8"}, en, "error"),
            (["validate", str(path)], NO_LOCALE, en, "error"),
        ):
            result = run_kg(*args, env=env)
            assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
            assert result.stderr.startswith(f"kg validate: {word}: {path}: {text}"), (args, result.stderr)


def test_validation_report_in_either_language(run_kg, tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text(
        "@prefix kn: <https://w3id.org/ketnghia/ontology#> .\n"
        "<https://w3id.org/ketnghia/id/twinning/x> a kn:Twinning .\n",
        "utf-8",
    )
    vi = run_kg("validate", "--standalone", str(path), "--lang", "vi", env=NO_LOCALE)
    en = run_kg("validate", "--standalone", str(path), env=NO_LOCALE)
    assert vi.returncode == en.returncode == 1
    assert "không hợp lệ" in vi.stdout.lower() or "vi phạm" in vi.stdout.lower(), vi.stdout
    assert "violation" in en.stdout.lower() and "vi phạm" not in en.stdout.lower()


def test_no_english_kind_inside_a_vietnamese_cell_message():
    assert set(KIND_NAMES_VI) == set(_KINDS)
    for kind in ("policy", "source", "twinning"):
        with pytest.raises(CellError) as caught:
            Resolver().node("khong-phai-iri", kind)
        prose = re.sub(r"id:\S+|\S+/\.\.\.", "", caught.value.vi)  # the hint's IRI forms are code
        assert kind not in prose and KIND_NAMES_VI[kind] in prose


def test_no_built_graph_in_either_language(run_kg, tmp_path):
    env = {**NO_LOCALE, "KG_HOME": str(tmp_path / "empty")}
    vi = run_kg("--lang", "vi", "query", "twinnings-of-unit", env=env)
    en = run_kg("query", "twinnings-of-unit", env=env)
    assert vi.returncode == en.returncode == 3
    assert vi.stderr.startswith("kg query: lỗi: chưa có đồ thị đã xây dựng tại ") and "kg build" in vi.stderr
    assert en.stderr.startswith("kg query: error: no built graph at ")
