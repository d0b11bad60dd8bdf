"""The expected answers of the saved queries: which cases exist, and how their files are read and written.

One case per saved query with its default parameters (`NAME.tsv`), and one more with its example
parameters when it declares any (`NAME@example.tsv`). Files are SPARQL 1.1 TSV results, written
in a stable form: GROUP_CONCAT parts sorted, and rows sorted unless the query has ORDER BY.
They were generated once by regenerate.py and then checked by hand against the articles in
/work/shared/seeds/ (see README.md beside this file): they are the reference, not a snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.query import catalog
from support.same_answers import concat_separators, order_by
from kg.query.results import QueryResult, from_oxigraph, to_string

EXPECTED_DIR = Path(__file__).resolve().parent / "expected"


@dataclass(frozen=True)
class Case:
    name: str
    variant: str  # "default" or "example"
    params: tuple[tuple[str, str], ...]

    @property
    def id(self) -> str:
        return self.name if self.variant == "default" else f"{self.name}@{self.variant}"

    @property
    def path(self) -> Path:
        return EXPECTED_DIR / f"{self.id}.tsv"

    @property
    def values(self) -> dict[str, str]:
        return dict(self.params)


def cases() -> list[Case]:
    found = []
    for name, query in sorted(catalog.load_catalog().items()):
        found.append(Case(name, "default", ()))
        if query.params:
            found.append(Case(name, "example", tuple((p.name, p.example or p.default) for p in query.params.values())))
    return found


def stable(result: QueryResult, query_text: str) -> QueryResult:
    """The answer in the form the files keep (see the module docstring)."""
    separators = concat_separators(query_text)
    rows = []
    for row in result.rows:
        cells = []
        for var, term in zip(result.variables, row):
            if var in separators and isinstance(term, ox.Literal) and term.value:
                term = ox.Literal(separators[var].join(sorted(term.value.split(separators[var]))))
            cells.append(term)
        rows.append(tuple(cells))
    if order_by(query_text) is None:
        rows.sort(key=lambda r: "\t".join("" if t is None else str(t) for t in r))
    return QueryResult("select", list(result.variables), rows)


def read(case: Case) -> QueryResult:
    return from_oxigraph(ox.parse_query_results(path=str(case.path), format=ox.QueryResultsFormat.TSV))


def write(case: Case, result: QueryResult, query_text: str) -> str:
    text = to_string(stable(result, query_text), "tsv")
    case.path.parent.mkdir(parents=True, exist_ok=True)
    case.path.write_text(text, "utf-8")
    return text
