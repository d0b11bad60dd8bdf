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


# Modules that build SPARQL rather than store it: the SHACL engine turns each shape's sh:class /
# sh:sparql into a query, and the editor's starting text is shown to the user, not run by kg.
GENERATES_SPARQL = {
    "validation/class_checks.py",
    "validation/sparql_constraints.py",
    "query/editor.py",
    "iris.py",  # the PREFIX lines put before every query
}
QUERY_TEXT = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE|INSERT|DELETE)\b[^\n]*\{|\bWHERE\s*\{|^\s*PREFIX \w*:", re.M)


def _inline_queries(path) -> list[int]:
    """Lines of string literals that read as a query; docstrings and help texts (argparse's help=,
    epilog=, description=) are prose that may show a query."""
    import ast

    tree = ast.parse(path.read_text("utf-8"))
    prose = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            prose.add(id(body[0].value))
        if isinstance(node, ast.keyword) and node.arg in ("help", "epilog", "description"):
            prose.add(id(node.value))
    lines = set()
    for node in ast.walk(tree):
        if id(node) in prose:
            continue
        if isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            text = "".join(parts)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if QUERY_TEXT.search(text):
            lines.add(node.lineno)
    return sorted(lines)


def test_inline_query_detector_sees_plain_and_formatted_strings(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        '"""Run SELECT * WHERE { ?s ?p ?o } by hand."""\n'
        'A = "SELECT ?s WHERE { ?s ?p ?o }"\n'
        'B = f"ASK {{ <{x}> ?p ?o }}"\n'
        'C = "Select a unit"\n'
        "parser(epilog=\"kg query --sparql 'ASK { ?s ?p ?o }'\")\n"
    )
    assert _inline_queries(module) == [2, 3]


def test_no_module_runs_an_inline_query():
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        module = path.relative_to(PACKAGE_DIR).as_posix()
        if module not in GENERATES_SPARQL and (lines := _inline_queries(path)):
            found[module] = lines
    assert found == {}, "SPARQL inside Python: move it to kg/PACKAGE/sparql/NAME.rq (kg.sparql_files)"
