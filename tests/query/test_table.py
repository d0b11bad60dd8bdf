"""kg.query.table: the table format fits the width and writes numbers for reading (table only)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.query.results import XSD, text_width
from kg.query.table import clip, format_number, share_widths


def number(value: str, datatype: str = "decimal") -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


@pytest.mark.parametrize(
    "value, datatype, variable, vi, en",
    [
        ("1700000000", "decimal", "amountVND", "1.700.000.000 ₫", "1,700,000,000 ₫"),
        ("1700000000.50", "decimal", "total", "1.700.000.000,5", "1,700,000,000.5"),
        ("550000000", "integer", "totalVND", "550.000.000 ₫", "550,000,000 ₫"),
        ("12345", "integer", "triples", "12.345", "12,345"),
        ("2020", "integer", "year", "2020", "2020"),  # a year or a count stays as written
        ("-3000000", "integer", "change", "-3.000.000", "-3,000,000"),
    ],
)
def test_numbers_per_language(value, datatype, variable, vi, en):
    term = number(value, datatype)
    assert format_number(term, variable, "vi") == vi and format_number(term, variable, "en") == en


def test_what_is_not_a_number_is_left_alone():
    assert format_number(ox.Literal("1700000000"), "amountVND", "vi") is None  # a string
    assert format_number(number("1e9", "double"), "x", "vi") is None
    assert format_number(number("abc"), "amountVND", "vi") is None  # ill-typed: shown as written


def test_widths_are_shared_fairly():
    assert share_widths([5, 10, 60, 90], 200) == [5, 10, 60, 90]  # everything fits
    widths = share_widths([5, 10, 60, 90], 80)
    assert widths[:2] == [5, 10] and sum(widths) == 80 and abs(widths[2] - widths[3]) <= 1
    assert share_widths([12, 40, 40], 40, frozenset({0})) == [12, 14, 14]  # the number keeps its width


def test_clip_counts_terminal_columns():
    assert clip("Huyện Nam Giang", 9) == "Huyện Na…" and text_width(clip("Đà Nẵng 全全全", 10)) <= 10
    assert clip("ngắn", 10) == "ngắn"


def wide_lines(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if text_width(line) > width]


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize(
    "args",
    [("twinnings-of-unit", "--param", "unit=pre2025/510"), ("support-between-units",)],
    ids=["readme-first-query", "support-between-units"],
)
def test_no_line_wider_than_the_terminal(run_kg, built_store, columns, args):
    result = run_kg("query", *args, env={"COLUMNS": str(columns)})
    assert result.returncode == 0, result.stderr
    assert wide_lines(result.stdout, columns) == [] and result.stdout.rstrip().endswith("rows)")
    # both are wider than 200 columns as they come: clipped, or one record per row
    assert "…" in result.stdout or result.stdout.startswith("── 1 ")


def test_max_width_overrides_columns_and_zero_means_no_limit(run_kg, built_store):
    narrow = run_kg("query", "support-between-units", "--max-width", "60", env={"COLUMNS": "200"}).stdout
    assert wide_lines(narrow, 60) == [] and narrow.startswith("── 1 ")  # too narrow: one record per row
    for tiny in (5, 12):  # absurdly narrow still holds
        assert wide_lines(run_kg("query", "support-between-units", "--max-width", str(tiny)).stdout, tiny) == []
    full = run_kg("query", "support-between-units", "--max-width", "0", env={"COLUMNS": "80"}).stdout
    assert wide_lines(full, 300) != [] and "…" not in full


def test_amounts_formatted_in_table_only(run_kg, built_store):
    env = {"COLUMNS": "200"}
    vi = run_kg("query", "support-between-units", "--lang", "vi", env=env).stdout
    en = run_kg("query", "support-between-units", "--lang", "en", env=env).stdout
    assert "1.700.000.000 ₫" in vi and "(3 dòng)" not in en and "1,700,000,000 ₫" in en
    assert vi.rstrip().endswith("dòng)") and en.rstrip().endswith("rows)")
    for fmt in ("csv", "tsv", "json"):
        raw = run_kg("query", "support-between-units", "--format", fmt, "--lang", "vi").stdout
        assert "1700000000" in raw and "₫" not in raw and "1.700.000.000" not in raw
