"""kg.graph.resolve on the session graph's search index: era forms, dates, levels, suggestions."""

from __future__ import annotations

import pytest

from kg.graph import resolve
from kg.iris import ID_BASE

UNIT = ID_BASE + "unit/"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Quế Sơn", ("Quế Sơn", None)),
        ("Quế Sơn (2025)", ("Quế Sơn", "2025")),
        ("Quế Sơn ( pre-2025 )", ("Quế Sơn", "pre2025")),
        ("Quế Sơn (trước 2025)", ("Quế Sơn", "pre2025")),
        ("Vĩnh Trà (hist)", ("Vĩnh Trà", "historical")),
        ("Quế Sơn (1970)", ("Quế Sơn", "1970-07-01")),
        ("Quế Sơn (1970-05-01)", ("Quế Sơn", "1970-05-01")),
        ("Phường 1 (Quận 3)", ("Phường 1 (Quận 3)", None)),  # not an era: part of the name
    ],
)
def test_split_era(text, expected):
    assert resolve.split_era(text) == expected


def test_the_day_picks_among_namesakes_of_two_eras(kg_home):
    resolver = resolve.Resolver()
    hit, others = resolver.resolve("Quế Sơn", day="1990-01-01")
    assert hit.iri == UNIT + "pre2025/509" and [o.iri for o in others] == [UNIT + "2025/20641"]
    assert resolver.resolve("Quế Sơn", day="2025-07-01")[0].iri == UNIT + "2025/20641"
    assert resolver.resolve("Quế Sơn (1990)")[0].iri == UNIT + "pre2025/509"


def test_a_district_wins_over_communes_of_its_name_but_not_over_another_district(kg_home):
    resolver = resolve.Resolver()
    hit, others = resolver.resolve("Nam Giang (pre2025)")
    assert hit.iri == UNIT + "pre2025/510" and {o.level for o in others} >= {"commune"}
    with pytest.raises(resolve.AmbiguousName, match="names 2 units"):
        resolver.resolve("Huyện Phu Ninh")  # Phú Ninh (Quảng Nam) and Phù Ninh (Phú Thọ)
    assert resolver.resolve("Huyện Phù Ninh")[0].iri == UNIT + "pre2025/233"


def test_keys_and_iris_are_left_to_the_caller(kg_home):
    assert resolve.Resolver().resolve("pre2025/99999") == (None, [])
    assert resolve.Resolver().resolve(UNIT + "pre2025/509") == (None, [])
    assert "no such unit 'pre2025/99999'" in str(resolve.no_such("pre2025/99999", "unit", "unit"))


def test_descriptions_name_the_level_word_province_and_key(kg_home):
    hit, _ = resolve.Resolver().resolve("Hà Nội (2025)")
    assert resolve.describe(hit) == "Thành phố Hà Nội (2025/01)"
    hit, _ = resolve.Resolver().resolve("Huyện Quế Sơn")
    assert resolve.describe(hit) == "Huyện Quế Sơn, Quảng Nam (pre2025/509)"
    assert resolve.describe_long(hit) == "pre2025/509 Huyện Quế Sơn (district, Quảng Nam, until 2025-06-30)"


def test_no_index_is_an_error_that_says_to_build(tmp_path):
    resolver = resolve.Resolver(tmp_path / "none.json")
    with pytest.raises(resolve.search.IndexUnavailable, match="kg build"):
        resolver.resolve("Quế Sơn")
