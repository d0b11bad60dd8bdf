"""Saved queries whose unit parameter says `follow: reform` (kg.query.names): by default the unit is
bound with its predecessors and heirs, each row says whose it is, and --exact-unit binds it alone."""

from __future__ import annotations

import pytest

from kg import api
from kg.query.catalog import load_catalog

FOLLOWING = sorted(
    (query.name, param.name)
    for query in load_catalog().values()
    for param in query.params.values()
    if param.follow == "reform"
)


def test_the_queries_about_a_unit_follow_it():
    assert {name for name, _ in FOLLOWING} >= {
        "twinnings-of-unit",
        "support-totals-of-unit",
        "support-between-units",
        "reported-statistics",
    }


@pytest.mark.parametrize(("name", "param"), FOLLOWING, ids=[f"{n}-{p}" for n, p in FOLLOWING])
def test_each_row_says_which_unit_it_is_about(built_store, name, param):
    followed = api.run_query(name)
    exact = api.run_query(name, exact_unit=True)
    declared = load_catalog()[name].params[param]
    default = declared.to_term(declared.default).value
    assert param in (followed[0] if followed else {param: None}), f"{name} must project ?{param}"
    assert {row[param] for row in exact} <= {default}
    # the exact answer is part of the followed one: following adds rows, it never changes a row
    key = lambda row: tuple(sorted((k, str(v)) for k, v in row.items()))
    assert {key(r) for r in exact} <= {key(r) for r in followed}


def test_quang_nam_totals_come_with_those_of_the_city_it_joined(built_store):
    units = {row["unit"] for row in api.run_query("support-totals-of-unit", {"unit": "pre2025/49"})}
    alone = {row["unit"] for row in api.run_query("support-totals-of-unit", {"unit": "pre2025/49"}, exact_unit=True)}
    assert alone == {"https://w3id.org/ketnghia/id/unit/pre2025/49"}
    assert units == alone | {"https://w3id.org/ketnghia/id/unit/2025/48"}
