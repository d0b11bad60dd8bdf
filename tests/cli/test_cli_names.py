"""Names in `kg query` parameters (kg.graph.resolve, kg.query.names), as a user types them.

The expected IRIs are read from the search index of the session's graph (not written here), and
the twinning checked is the 1968 Thọ Xuân – Quế Sơn one of the seed articles."""

from __future__ import annotations

import json

import pytest

from kg import api
from kg.graph import search
from kg.iris import ID_BASE
from kg.vietnamese import search_key
from support.errors import assert_error_in_both_languages

UNIT = ID_BASE + "unit/"


def query(run_kg, *args: str):
    return run_kg("query", *args, "--format", "json")


def rows(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["results"]["bindings"]


def exact_units(name: str) -> list[list]:
    """Index entries whose folded labels include the folded name."""
    return [e for e in search.load_index(search.index_path()) if e[1] == "unit" and search_key(name) in e[9]]


def test_quế_sơn_has_two_units_of_two_eras(kg_home):
    # the premise of the tests below: a 2025 commune and a pre-2025 district share the name
    assert sorted((e[0], e[4], e[5]) for e in exact_units("Quế Sơn")) == [
        (UNIT + "2025/20641", "2025", "commune"),
        (UNIT + "pre2025/509", "pre2025", "district"),
    ]


@pytest.mark.parametrize("name", ["Huyện Quế Sơn", "huyen que son", "Quế Sơn (pre2025)", "QUẾ SƠN (trước 2025)"])
def test_a_name_with_its_level_word_or_era_picks_the_district(run_kg, kg_home, name):
    result = query(run_kg, "twinnings-of-unit", "--exact-unit", "-p", f"unit={name}")
    [row] = rows(result)
    assert row["unit"]["value"] == UNIT + "pre2025/509"
    assert row["partnerLabels"]["value"] == "Huyện Thọ Xuân"
    note = result.stderr.splitlines()[0]
    assert note == f"unit={name} → Huyện Quế Sơn, Quảng Nam (pre2025/509)" + (
        " (also: Xã Quế Sơn, Đà Nẵng (2025/20641); a key or '(pre2025)', '(2025)' picks another)" if "(" in name else ""
    )


@pytest.mark.parametrize("name", ["Quế Sơn", "que son", "Quế Sơn (2025)", "Xã Quế Sơn"])
def test_a_bare_name_prefers_the_unit_valid_today_and_follows_it_across_the_reform(run_kg, kg_home, name):
    result = query(run_kg, "twinnings-of-unit", "-p", f"unit={name}")
    assert result.stderr.startswith(f"unit={name} → Xã Quế Sơn, Đà Nẵng (2025/20641)")
    assert "predecessor(s)" in result.stderr and "--exact-unit" in result.stderr
    # the 2025 commune has no twinning of its own; the former district's comes with it
    [row] = rows(result)
    assert row["unit"]["value"] == UNIT + "pre2025/509" and row["partnerLabels"]["value"] == "Huyện Thọ Xuân"
    assert rows(query(run_kg, "twinnings-of-unit", "--exact-unit", "-p", f"unit={name}")) == []


def test_a_key_follows_the_reform_too_and_exact_unit_stays(run_kg, kg_home):
    followed = rows(query(run_kg, "twinnings-of-unit", "-p", "unit=2025/20641"))
    exact = rows(query(run_kg, "twinnings-of-unit", "-p", "unit=2025/20641", "--exact-unit"))
    assert [r["twinning"]["value"] for r in followed] == [
        ID_BASE + "twinning/sister-localities-pre2025-395--pre2025-509"
    ]
    assert exact == []


def test_the_date_of_the_query_picks_the_era(run_kg, kg_home):
    before = query(run_kg, "unit-at-date", "-p", "unit=Quế Sơn", "-p", "date=2020-01-01")
    assert before.returncode == 0, before.stderr
    assert "→ Huyện Quế Sơn, Quảng Nam (pre2025/509)" in before.stderr
    after = query(run_kg, "unit-at-date", "-p", "unit=Quế Sơn", "-p", "date=2025-08-01")
    assert "→ Xã Quế Sơn, Đà Nẵng (2025/20641)" in after.stderr


def test_an_ambiguous_name_lists_its_candidates(run_kg, kg_home):
    # communes named Tân Thành in several provinces of 2025 (not Tân Thạnh: the marks count)
    expected = sorted(
        e[0].removeprefix(UNIT) for e in exact_units("Tân Thành") if e[4] == "2025" and e[2] == "Tân Thành"
    )
    assert len(expected) > 1
    line = assert_error_in_both_languages(
        run_kg,
        ("query", "twinnings-of-unit", "-p", "unit=Tân Thành", "--format", "json"),
        (f"'Tân Thành' names {len(expected)} units", "since 2025-07-01"),
        ("ứng với",),
    )
    listed = line.split("PROVINCE'): ", 1)[1].split("; ")
    assert sorted(item.split()[0] for item in listed if not item.startswith("…")) == expected[:12]
    # the province settles it
    [entry] = [e for e in exact_units("Tân Thành") if e[4] == "2025" and e[6] == "Lạng Sơn" and e[2] == "Tân Thành"]
    result = query(run_kg, "twinnings-of-unit", "--exact-unit", "-p", "unit=Tân Thành, Lạng Sơn")
    assert result.returncode == 0 and f"({entry[0].removeprefix(UNIT)})" in result.stderr


def test_an_unknown_name_gives_the_closest_names(run_kg, kg_home):
    line = assert_error_in_both_languages(
        run_kg,
        ("query", "twinnings-of-unit", "-p", "unit=Quang Nm", "--format", "json"),
        ("no unit named 'Quang Nm'", "Tỉnh Quảng Nam (pre2025/49)"),
        ("không có đơn vị nào tên 'Quang Nm'", "Tỉnh Quảng Nam (pre2025/49)"),
    )
    closest = line.split("closest: ", 1)[1].split("; ")
    assert 3 <= len(closest) <= 5


def test_an_unknown_key_is_an_error_not_an_empty_answer(run_kg, kg_home):
    assert_error_in_both_languages(
        run_kg,
        ("query", "twinnings-of-unit", "-p", "unit=pre2025/99999", "--format", "json"),
        ("no such unit 'pre2025/99999'",),
        ("không có đơn vị 'pre2025/99999'",),
    )
    assert rows(query(run_kg, "twinnings-of-unit", "-p", "unit=pre2025/509"))  # a known one runs


def test_organization_parameters_take_names(run_kg, kg_home):
    by_name = query(run_kg, "agreements-of-organization", "-p", "organization=van phong tinh uy quang nam")
    by_iri = query(run_kg, "agreements-of-organization", "-p", f"organization={ID_BASE}org/party-office-pre2025-49")
    assert rows(by_name) == rows(by_iri) != []
    assert "(org/party-office-pre2025-49)" in by_name.stderr


def test_misspelled_query_and_parameter_names_get_suggestions(run_kg, kg_home):
    assert_error_in_both_languages(
        run_kg,
        ("query", "twinings-of-unit"),
        ("no saved query named 'twinings-of-unit' (did you mean: twinnings-of-unit",),
        ("(có phải: twinnings-of-unit",),
    )
    assert_error_in_both_languages(
        run_kg,
        ("query", "twinnings-of-unit", "-p", "unti=Quế Sơn"),
        ("has no parameter 'unti' (did you mean: unit?)",),
        ("không có tham số 'unti' (có phải: unit?)",),
    )
    far = run_kg("query", "zzzz")
    assert far.returncode == 2 and "did you mean" not in far.stderr


def test_the_api_resolves_names_as_the_command_does(kg_home):
    assert api.run_query("twinnings-of-unit", {"unit": "huyen que son"}) == api.run_query(
        "twinnings-of-unit", {"unit": "pre2025/509"}
    )
    values, notes = api.resolve_params("twinnings-of-unit", {"unit": "Quế Sơn"}, exact_unit=True)
    assert values == {"unit": UNIT + "2025/20641"} and len(notes) == 1
