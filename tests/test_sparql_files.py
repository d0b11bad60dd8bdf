"""The SPARQL the package runs: one .rq file per query (kg/PACKAGE/sparql/), each parsed here."""

from __future__ import annotations

import re

import pytest
from rdflib.plugins.sparql import prepareQuery

from kg.iris import sparql_prefixes
from kg.sparql_files import PACKAGE_DIR, files, sparql

FILES = files()


def test_there_are_query_files():
    assert len(FILES) >= 21


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_query_file_parses(path):
    prepareQuery(sparql_prefixes() + path.read_text("utf-8"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_query_file_is_run_by_its_package(path):
    package = path.parent.parent
    code = "".join(p.read_text("utf-8") for p in package.rglob("*.py"))
    assert f'"{path.stem}"' in code, f"nothing in kg/{package.name} runs {path.name}"


def test_a_slot_is_filled_and_an_unknown_slot_refused():
    text = sparql("network", "units-and-ancestors", units="<https://w3id.org/ketnghia/id/unit/pre2025/49>")
    assert re.search(r"VALUES \?x \{ <https://w3id.org/ketnghia/id/unit/pre2025/49>\n", text)
    prepareQuery(sparql_prefixes() + text)
    with pytest.raises(KeyError, match="no slot #@nothing"):
        sparql("network", "units-and-ancestors", nothing="x")


def test_no_inline_query_left_in_the_modules_moved_to_files():
    for module in (
        "network/model.py",
        "steward/context_checks.py",
        "steward/checking.py",
        "steward/contribute.py",
        "steward/context_graph.py",
        "steward/csv_values.py",
        "graph/build.py",
        "graph/search.py",
    ):
        text = (PACKAGE_DIR / module).read_text("utf-8")
        assert not re.search(r"\b(SELECT|CONSTRUCT)\b", text), module
