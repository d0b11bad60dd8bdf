"""Validation summaries count violations and warnings apart (kg.validation.render.counts): a valid
file with one warning used to read "hợp lệ, 1 vi phạm"."""

from __future__ import annotations

from tests.conftest import PROJECT_ROOT


def test_summary_counts_warnings_apart_from_violations(kg_home, run_kg):
    extra = PROJECT_ROOT / "tests" / "contributions" / "bad" / "extra-column.csv"
    result = run_kg("validate", "--lang", "en", str(extra))
    assert result.returncode == 0
    assert "conforms, 0 violation(s), 1 warning(s)" in result.stdout
    vi = run_kg("validate", "--lang", "vi", str(extra))
    assert "hợp lệ, 0 vi phạm, 1 cảnh báo" in vi.stdout
