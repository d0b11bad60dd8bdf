"""Strict parameters (kg.strict_values): ISO dates only, finite decimals, valid IRIs, UTF-8 text;
each bad value is exit 2 in one line from kg query, CatalogError from kg.api."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_ROOT


@pytest.mark.parametrize("value", ["20250701", "2025-W27-2", "2025-02-30", "2025-7-1", " ", "2025-07-01T00:00"])
def test_dates_are_iso_yyyy_mm_dd_only(kg_home, run_kg, value):
    result = run_kg("query", "units-of-province-at-date", "-p", f"date={value}")
    assert result.returncode == 2 and "is not a date" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf", "1e999999", "1e3", "0x10", "1_000"])
def test_numbers_are_finite_decimals(kg_home, run_kg, tmp_path, value):
    query = tmp_path / "q.rq"
    query.write_text(
        '#+ params:\n#+   n: {type: number, default: "1", description: "x"}\nSELECT ?n WHERE { }\n', "utf-8"
    )
    result = run_kg("query", "--file", str(query), "-p", f"n={value}")
    assert result.returncode == 2 and "is not a number: write a finite decimal" in result.stderr, result.stderr
    assert run_kg("query", "--file", str(query), "-p", "n=-12.50", "--format", "csv").stdout.split() == ["n", "-12.5"]


@pytest.mark.parametrize("value", ["http://[::1/x", "a:%zz", "http://x.org/a\tb"])
def test_malformed_iris_are_one_line_errors(kg_home, run_kg, value):
    result = run_kg("query", "sources-of-fact", "-p", f"fact={value}")
    assert result.returncode == 2 and "fact" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_undecodable_parameter_bytes_are_one_line_errors(kg_home, tmp_path):
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-m", "kg", "query", "sources-of-fact", b"-p", b"fact=http://x.org/\xff"],
        capture_output=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2 and b"not valid UTF-8" in result.stderr, result.stderr
    assert b"Traceback" not in result.stderr


def test_the_python_api_raises_the_documented_error(kg_home):
    from kg import api
    from kg.query.catalog import CatalogError

    for name, params in [
        ("units-of-province-at-date", {"date": "20250701"}),
        ("sources-of-fact", {"fact": "http://[::1/x"}),
        ("sources-of-fact", {"fact": "http://x.org/\udcff"}),
    ]:
        with pytest.raises(CatalogError):
            api.run_query(name, params)


def test_timeout_must_be_finite(kg_home, run_kg):
    for value in ("nan", "inf", "0", "-1"):
        result = run_kg("query", "--list", "--timeout", value)
        assert result.returncode == 2 and "--timeout" in result.stderr and "Traceback" not in result.stderr
