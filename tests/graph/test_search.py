"""Name search (kg.graph.search, `kg search`) over the national gazetteer plus a small curated fixture."""

from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest

from kg.graph import search
from kg.vietnamese import search_key
from kg.graph.search import IndexUnavailable, build_search_index

from support.gazetteer_fixtures import gazetteer_file, gazetteer_store, search_index  # noqa: F401 (fixtures)

ID = "https://w3id.org/ketnghia/id/"


def find(index, text, **kwargs):
    return search.search(index, text, **kwargs)


def by_iri(hits):
    return {hit.iri: hit for hit in hits}


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize("text", ["que son", "Quế Sơn", "QUE SON", "  quế   SƠN "])
def test_spellings_of_que_son_find_the_district(search_index, text):
    hits = find(search_index, text, limit=5)
    assert hits[0].iri == f"{ID}unit/pre2025/509"
    assert hits[0].describe() == "Quế Sơn — district (huyện), Quảng Nam, until 2025-06-30"
    assert hits[0].match == "exact"


def test_nam_giang_finds_the_old_district_and_the_new_commune(search_index):
    hits = find(search_index, "nam giang", limit=50)
    district = by_iri(hits)[f"{ID}unit/pre2025/510"]
    assert district.describe() == "Nam Giang — district (huyện), Quảng Nam, until 2025-06-30"
    (commune,) = [h for h in hits if h.era == "2025" and h.parent == "Đà Nẵng" and h.label == "Nam Giang"]
    assert commune.describe() == "Nam Giang — commune (xã), Đà Nẵng, since 2025-07-01"
    assert commune.kind == "unit" and commune.level == "commune" and commune.match == "exact"
    assert hits.index(district) < hits.index(commune)  # districts before communes for equal matches


def test_an_old_commune_shows_its_district_and_province(search_index):
    hits = find(search_index, "Trà Tân", era="pre2025")
    assert "Trà Tân — commune (xã), Bắc Trà My, Quảng Nam, until 2025-06-30" in [h.describe() for h in hits]


@pytest.mark.parametrize("text", ["que son", "nam giang", "giang", "tra"])
def test_exact_before_prefix_before_word_before_substring(search_index, text):
    order = ["exact", "prefix", "word", "substring"]
    ranks = [order.index(h.match) for h in find(search_index, text, limit=200)]
    assert ranks == sorted(ranks)


def test_match_kinds_are_what_they_say(search_index):
    hits = by_iri(find(search_index, "que son", limit=50))
    assert hits[f"{ID}unit/2025/20662"].match == "prefix"  # Quế Sơn Trung
    units = [h for h in hits.values() if h.kind == "unit"]
    assert units and all("que son" in search_key(h.label) for h in units)
    # "Đảng ủy xã Trà Tân": 'tra tan' starts its last words, 'ra ta' is inside them
    assert (
        by_iri(find(search_index, "tra tan", kind="organization"))[f"{ID}org/party-committee/2025/20923"].match
        == "word"
    )
    assert (
        by_iri(find(search_index, "ra ta", kind="organization"))[f"{ID}org/party-committee/2025/20923"].match
        == "substring"
    )


def test_a_source_spelling_is_searchable(search_index):
    """The fixture's altLabel "La Dê" for 2025 La Dêê makes 'la de' an exact hit for it."""
    hits = by_iri(find(search_index, "la de", era="2025"))
    assert hits[f"{ID}unit/2025/20704"].match == "exact"
    assert hits[f"{ID}unit/2025/20704"].label == "La Dêê"


def test_provinces_of_both_eras(search_index):
    hits = find(search_index, "da nang", limit=2)
    assert [h.describe() for h in hits] == [
        "Đà Nẵng — province (thành phố trực thuộc trung ương), since 2025-07-01",
        "Đà Nẵng — province (thành phố trực thuộc trung ương), until 2025-06-30",
    ]
    assert [h.match for h in find(search_index, "Bà Rịa - Vũng Tàu")][:1] == ["exact"]


# --------------------------------------------------------------------------- people and organizations


def test_a_person_by_unaccented_name(search_index):
    (person,) = find(search_index, "nguyen hong lai", kind="person")
    assert person.iri == f"{ID}person/nguyen-hong-lai/search-fixture"
    assert person.label == "Nguyễn Hồng Lai"
    assert person.describe() == "Nguyễn Hồng Lai — person, UBND huyện Nam Giang"  # the @vi label, not @fr


def test_an_unaccented_person_by_accented_name(search_index):
    hits = find(search_index, "Đinh Nguyên Vũ")
    assert [h.iri for h in hits] == [f"{ID}person/dinh-nguyen-vu/search-fixture"]


def test_organizations_with_their_unit_and_era(search_index):
    (bank,) = find(search_index, "agribank")
    assert bank.describe() == "Agribank Quảng Nam — organization (bank branch), Quảng Nam (pre2025)"
    assert bank.era == "pre2025"
    assert [h.iri for h in find(search_index, "ngan hang nong nghiep")] == [bank.iri]  # by its altLabel
    (committee,) = find(search_index, "dang uy xa tra tan")
    assert committee.type == "organization (party committee)" and committee.era == "2025"


def test_an_organization_typed_with_a_subclass_from_the_store(search_index):
    (union,) = find(search_index, "doan thanh nien")
    assert union.kind == "organization" and union.parent == "Nam Giang (pre2025)"


# --------------------------------------------------------------------------- filters, limits, errors


def test_filters_and_limit(search_index):
    assert {h.kind for h in find(search_index, "nam", kind="organization", limit=100)} == {"organization"}
    assert {h.era for h in find(search_index, "nam giang", era="2025", limit=100)} == {"2025"}
    assert len(find(search_index, "a", limit=7)) == 7
    assert find(search_index, "  -- ") == []
    assert find(search_index, "zzzzqqq") == []


def test_missing_or_foreign_index_is_reported(tmp_path):
    with pytest.raises(IndexUnavailable):
        find(tmp_path / "none.json", "que son")
    foreign = tmp_path / "foreign.json"
    foreign.write_text('{"format": 999, "entries": []}', encoding="utf-8")
    with pytest.raises(IndexUnavailable):
        find(foreign, "que son")


def test_index_holds_every_unit_organization_and_person(search_index):
    entries = search.load_index(search_index)
    kinds = {}
    for entry in entries:
        kinds[entry[1]] = kinds.get(entry[1], 0) + 1
    assert kinds == {"unit": 63 + 696 + 10035 + 34 + 3321, "organization": 4, "person": 2}


def test_index_is_deterministic(gazetteer_store, search_index, tmp_path):
    again = tmp_path / "again.json"
    build_search_index(gazetteer_store, again)
    assert again.read_bytes() == search_index.read_bytes()


def test_unit_type_words_without_the_vocabulary_in_the_store(gazetteer_file):
    """Without the SKOS vocabulary the type word comes from the full name ('Huyện Nam Giang')."""
    store = ox.Store()
    wanted = (f"<{ID}unit/pre2025/510>", f"<{ID}unit/pre2025/49>")
    with open(gazetteer_file, encoding="utf-8") as f:
        store.load("".join(line for line in f if line.startswith(wanted)), format=ox.RdfFormat.N_QUADS)
    index = gazetteer_file.parent / "tiny-index.json"
    build_search_index(store, index)
    (hit,) = find(index, "nam giang")
    assert hit.describe() == "Nam Giang — district (huyện), Quảng Nam, until 2025-06-30"


# Search latency (≤ 100 ms per query) is measured by bench/, not asserted here: the machine is
# shared and timing thresholds in unit tests are flaky.


# --------------------------------------------------------------------------- the command


@pytest.fixture
def kg_home_with_index(tmp_path, search_index):
    shutil.copy(search_index, tmp_path / "search-index.json")
    return tmp_path


def test_cli_table(run_kg, kg_home_with_index):
    result = run_kg("search", "que", "son", "--limit", "3", env={"KG_HOME": str(kg_home_with_index)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Quế Sơn — district (huyện), Quảng Nam, until 2025-06-30")
    assert lines[0].rstrip().endswith(f"{ID}unit/pre2025/509")


def test_cli_json_with_filters(run_kg, kg_home_with_index):
    result = run_kg(
        "search",
        "NAM GIANG",
        "--era",
        "2025",
        "--type",
        "unit",
        "--format",
        "json",
        env={"KG_HOME": str(kg_home_with_index)},
    )
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and {h["era"] for h in hits} == {"2025"}
    assert "Nam Giang — commune (xã), Đà Nẵng, since 2025-07-01" in [h["description"] for h in hits]


def test_cli_person(run_kg, kg_home_with_index):
    result = run_kg("search", "nguyen hong lai", "--type", "person", env={"KG_HOME": str(kg_home_with_index)})
    assert result.returncode == 0 and "Nguyễn Hồng Lai — person" in result.stdout


def test_cli_without_an_index_says_so(run_kg, tmp_path):
    result = run_kg("search", "que son", env={"KG_HOME": str(tmp_path)})
    assert result.returncode == 3
    assert f"no built graph at {tmp_path}" in result.stderr and "kg build" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_rejects_bad_arguments(run_kg, kg_home_with_index):
    env = {"KG_HOME": str(kg_home_with_index)}
    assert run_kg("search", "x", "--limit", "0", env=env).returncode == 2
    assert run_kg("search", "x", "--era", "1990", env=env).returncode == 2
    nothing = run_kg("search", "--", "--", env=env)
    assert nothing.returncode == 2 and "Traceback" not in nothing.stderr


def test_kg_search_loads_neither_the_store_nor_rdflib_nor_dataclasses(kg_home_with_index):
    """`kg search` answers from the index file alone: what it imports is most of its ~100 ms
    (a regression here is a slower search for every user, so it is checked, not timed)."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys; from kg.cli import main; code = main(['search', 'que son', '--limit', '1']); "
        "print([m for m in ('pyoxigraph', 'rdflib', 'yaml', 'dataclasses') if m in sys.modules], "
        "file=sys.stderr); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "KG_HOME": str(kg_home_with_index)},
    )
    assert result.returncode == 0, result.stderr
    assert "Quế Sơn" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "[]"
