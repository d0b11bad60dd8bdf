"""kg.api.keep_in_memory and kg.graph.store.memory_copy: the saved queries on an in-memory copy of the
built graph give the answers they give on disk (the expected files of tests/queries/expected/),
and the copy follows the published build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query import catalog, names
from kg.graph import store
from support.same_answers import differences
from kg.query.results import from_oxigraph
from support.homes import PROJECT_ROOT
from tests.steward.test_contribute import CONTRIBUTION, TWINNING

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
from expected_results import Case, cases, read

CASES = cases()
CATALOG = catalog.load_catalog()


@pytest.fixture(scope="module")
def memory_copy(built_store):
    return store.memory_copy(store.published().path)


def test_the_copy_holds_every_quad_of_the_store_in_its_named_graph(built_store, memory_copy):
    assert len(memory_copy) == len(built_store) > 100_000
    assert set(memory_copy.named_graphs()) == set(built_store.named_graphs())
    assert not any(True for _ in memory_copy.quads_for_pattern(None, None, None, ox.DefaultGraph()))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_saved_query_gives_the_expected_answer_in_memory(memory_copy, case: Case):
    query = CATALOG[case.name]

    def select(text: str) -> list[tuple[str, ...]]:
        rows = memory_copy.query(text, use_default_graph_as_union=True)
        return [tuple(term.value if term is not None else "" for term in row) for row in rows]

    # as kg.api does: a unit declared `follow: reform` comes with its predecessors and heirs
    values, _notes = names.resolve_values(query, case.values, select=select)
    actual = from_oxigraph(memory_copy.query(query.bound_text(values), use_default_graph_as_union=True))
    assert differences(read(case), actual, query.text) == []


# In a new process: keep_in_memory changes module state of kg.api for the rest of the process.
FOLLOWS_THE_BUILD = f"""
import sys
from pathlib import Path
import rdflib
from kg import api
from kg.steward import contribute

count = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ <{TWINNING}> ?p ?o }} FILTER(?g != <https://w3id.org/ketnghia/graph/derived>) }}"
def triples():
    return int(api.run_sparql(count).rows[0][0].value)
def writable():   # the copy in memory takes an update; the store on disk is opened read-only
    try:
        api._published_store().update("INSERT DATA {{ <urn:x:probe> <urn:x:p> 1 }}")
        return True
    except RuntimeError:   # "Transaction are only possible on read-write instances"
        return False

api.keep_in_memory()
assert triples() == 0
assert writable()
path = Path(sys.argv[1])
contribute.contribute(path, "test", rdflib.Dataset().parse(path, format="turtle"))
assert triples() == 8, triples()   # the copy of the new build, made on the next query
api.keep_in_memory(False)
assert triples() == 8 and not writable()
print("ok")
"""


def test_keep_in_memory_queries_a_copy_that_follows_the_published_build(private_kg_home, tmp_path):
    contribution = tmp_path / "twinning.ttl"
    contribution.write_text(CONTRIBUTION, "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", FOLLOWS_THE_BUILD, str(contribution)],
        capture_output=True,
        text=True,
        env=dict(os.environ, KG_HOME=str(private_kg_home)),
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_keep_in_memory_without_a_built_graph_says_to_build_first(tmp_path):
    code = (
        "from kg import api\nfrom kg.graph import store\n"
        "try:\n    api.keep_in_memory()\nexcept store.StoreMissing as exc:\n    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=dict(os.environ, KG_HOME=str(tmp_path / "empty")),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "run `kg build` first" in result.stdout
    assert not (tmp_path / "empty" / "store").exists()
