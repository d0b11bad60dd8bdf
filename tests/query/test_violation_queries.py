"""Every quality check (`queries/*-violation.rq`) finds what it is written to find.

Each case in tests/queries/violations/ is a small TriG file named `QUERY--CASE.trig` whose
`# expect:` lines give rows the query must return (cells separated by one space, the last cell may
contain spaces). The case is loaded with the ontology (its named graph, as `kg build` does) into an
in-memory store; the query then runs as the build runs it (union default graph).
On the built graph the same queries return no rows (tests/query/test_competency_questions.py).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import config
from kg.graph.build import ontology_files
from kg.iris import ONTOLOGY_GRAPH

CASES = Path(__file__).parents[1] / "queries" / "violations"
QUERIES = sorted(config.QUERIES_DIR.glob("*-violation.rq"))


def expected_rows(case: Path) -> set[tuple[str, str]]:
    rows = set()
    for line in case.read_text("utf-8").splitlines():
        if line.startswith("# expect: "):
            first, rest = line.removeprefix("# expect: ").split(" ", 1)
            rows.add((first, rest))
    return rows


def run_check(query: Path, case: Path) -> set[tuple[str, str]]:
    store = ox.Store()
    for path in ontology_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
    store.bulk_load(path=str(case), format=ox.RdfFormat.TRIG)
    answer = store.query(query.read_text("utf-8"), use_default_graph_as_union=True)
    return {tuple(str(s[v].value) for v in answer.variables) for s in answer}


@pytest.mark.parametrize("case", sorted(CASES.glob("*.trig")), ids=lambda p: p.stem)
def test_violation_query_finds_the_case(case):
    query = config.QUERIES_DIR / (case.stem.split("--")[0] + ".rq")
    assert query.exists(), f"{case.name} names no query in queries/"
    expected = expected_rows(case)
    assert expected, f"{case.name} has no '# expect:' line"
    assert expected <= run_check(query, case)


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_every_violation_query_has_a_case(query):
    assert list(CASES.glob(f"{query.stem}--*.trig")), f"no case in {CASES} for {query.name}"


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_violation_query_is_silent_on_the_ontology_alone(query):
    store = ox.Store()
    for path in ontology_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
    assert list(store.query(query.read_text("utf-8"), use_default_graph_as_union=True)) == []
