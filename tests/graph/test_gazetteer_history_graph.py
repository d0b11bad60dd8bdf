"""The historical gazetteer in the built graph: the 1960 North-South pairs of the corpus resolve to
units valid in 1960 whose chains reach 2025 units; search, CSV names and kg build see it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.graph import gazetteer_history as gh
from kg.graph import history_records as records
from kg import vietnamese as names
from kg.graph import search
from kg.steward.csv_values import CellError, Resolver

ID = "https://w3id.org/ketnghia/id/"
DAY_1960 = dt.date(1960, 6, 30)

# The province pairs of the 1960 twinning movement in /work/shared/corpus/ (article ids).
PAIRS_1960 = [
    ("Hà Nội", "Huế", "003"),
    ("Hà Nội", "Sài Gòn", "024"),
    ("Hải Phòng", "Đà Nẵng", "003"),
    ("Thanh Hóa", "Quảng Nam", "003"),
    ("Nghệ An", "Quảng Ngãi", "003"),
    ("Hà Tĩnh", "Bình Định", "016"),
    ("Hải Dương", "Phú Yên", "010"),
    ("Thái Nguyên", "Khánh Hòa", "005"),
    ("Tuyên Quang", "Bình Thuận", "020"),
    ("Thái Bình", "Vĩnh Trà", "015"),
    ("Nam Định", "Mỹ Tho", "002"),
    ("Hưng Yên", "Tân An", "002"),
    ("Hà Nam", "Biên Hòa", "001"),
    ("Ninh Bình", "Bạc Liêu", "003"),
    ("Hà Đông", "Cần Thơ", "003"),
    ("Sơn Tây", "Tây Ninh", "024"),
]
PROVINCES_1960 = sorted({name for north, south, _ in PAIRS_1960 for name in (north, south)})


@pytest.fixture(scope="module")
def history() -> records.History:
    return gh.read_history(pre2025=gh.pre2025_names())


def heirs_in_2025(store, iri: str) -> set[str]:
    rows = store.query(
        f"""PREFIX kn: <https://w3id.org/ketnghia/ontology#>
        SELECT DISTINCT ?heir WHERE {{ <{iri}> kn:succeededBy+ ?heir . ?heir kn:era ?era .
          FILTER(?era = <https://w3id.org/ketnghia/vocab/2025>) }}""",
        use_default_graph_as_union=True,
    )
    return {row["heir"].value for row in rows}


@pytest.mark.parametrize("name", PROVINCES_1960 + [names.strip_diacritics(n) for n in PROVINCES_1960])
def test_a_1960_province_of_the_corpus_resolves_and_reaches_2025(history, built_store, name):
    found = records.units_named(history, name, DAY_1960, level="province")
    assert len(found) == 1, (name, [u.id for u in found])
    heirs = heirs_in_2025(built_store, found[0].iri.strip("<>"))
    assert heirs, f"{found[0].id}: no 2025 unit at the end of its chain"
    assert all(iri.startswith(f"{ID}unit/2025/") and len(iri.rsplit("/", 1)[1]) == 2 for iri in heirs)


def test_each_pair_joins_a_northern_and_a_southern_unit_of_1960(history):
    for north, south, article in PAIRS_1960:
        (n,), (s,) = (records.units_named(history, x, DAY_1960, level="province") for x in (north, south))
        assert n.system == "national", (article, north)
        assert s.system == "revolutionary", (article, south)


def test_the_published_counts_hold_in_the_built_graph(history, built_store):
    for count in history.counts:
        day = count.date.first_day.isoformat()
        rows = list(
            built_store.query(
                f"""PREFIX kn: <https://w3id.org/ketnghia/ontology#>
            PREFIX knv: <https://w3id.org/ketnghia/vocab/>
            SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE {{
              ?u kn:level knv:province ; kn:administrativeSystem knv:system-national .
              OPTIONAL {{ ?u kn:validFrom ?from }} OPTIONAL {{ ?u kn:validUntil ?until }}
              FILTER(!BOUND(?from) || SUBSTR(CONCAT(STR(?from), "-01-01"), 1, 10) <= "{day}")
              FILTER(!BOUND(?until) || STR(?until) >= "{day}") }}""",
                use_default_graph_as_union=True,
            )
        )
        assert int(rows[0]["n"].value) == count.total, count.date.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Vĩnh Trà", "until 1976-02-23"),
        ("vinh tra", "until 1976-02-23"),
        ("Hà Tây", "1965-07-01 to 1975-12-26"),
        ("Tinh Gia", "until 2020-04-30"),
    ],
)
def test_search_finds_historical_names_with_their_validity(kg_home, text, expected):
    hits = [h for h in search.search(search.index_path(), text, era="historical")]
    assert hits and expected in hits[0].describe()


@pytest.mark.parametrize(
    "text, when, expected",
    [
        ("Vĩnh Trà", Literal("1960", datatype=XSD.gYear), "hist/tinh-vinh-tra"),
        ("Tỉnh Hà Tây", Literal("1970-05", datatype=XSD.gYearMonth), "hist/tinh-ha-tay"),
        ("tinh Ha Tay", Literal("2000-01-01", datatype=XSD.date), "hist/tinh-ha-tay-1991"),
        ("Quảng Nam (cũ)", Literal("2020", datatype=XSD.gYear), "pre2025/49"),
        ("hist/huyen-tinh-gia", None, "hist/huyen-tinh-gia"),
    ],
)
def test_csv_names_resolve_by_the_date_of_the_row(built_store, text, when, expected):
    assert Resolver(built_store).unit(text, when) == URIRef(f"{ID}unit/{expected}")


def test_a_name_two_units_bore_at_once_stays_ambiguous(built_store):
    with pytest.raises(CellError) as caught:  # the province and the town of Thanh Hóa in 1960
        Resolver(built_store).unit("Thanh Hóa", Literal("1960", datatype=XSD.gYear))
    assert "matches" in caught.value.en


def test_kg_build_refuses_a_bad_row_in_one_line(tmp_path):
    from kg import config

    project = tmp_path / "project"
    shutil.copytree(
        config.PROJECT_ROOT,
        project,
        ignore=shutil.ignore_patterns(".git", ".venv", "var", "__pycache__", "tests", "bench", "docs"),
    )
    units = project / "data" / "history" / "units.csv"
    units.write_text(units.read_text("utf-8").replace(",1968-03-01,1996-12-31,", ",1968-13-01,1996-12-31,", 1), "utf-8")
    env = {**os.environ, "KG_HOME": str(tmp_path / "home"), "PYTHONPATH": str(project)}
    run = subprocess.run(
        [sys.executable, "-m", "kg", "build"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=300,
    )
    assert run.returncode != 0 and "Traceback" not in run.stderr
    line = next(li for li in run.stderr.splitlines() if "units.csv" in li)
    assert "valid_from" in line and "dòng/row" in line and "1968-13-01" in line


def test_twinnings_across_reform_follow_the_whole_chain(tmp_path):
    """A 1960 twinning of Vĩnh Trà is a heritage of the Vĩnh Long of 2025, three steps on
    (Vĩnh Trà → Cửu Long → Trà Vinh → Vĩnh Long 2025), on the real historical layer."""
    import pyoxigraph as ox

    from kg.query import catalog
    from kg.graph.build import ontology_files

    nq = tmp_path / "history.nq"
    gh.write_history(nq)
    store = ox.Store()
    for path in ontology_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(
        input=f"""
        @prefix kn: <https://w3id.org/ketnghia/ontology#> . @prefix knv: <https://w3id.org/ketnghia/vocab/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <{ID}unit/pre2025/84> kn:succeededBy <{ID}unit/2025/86> ; skos:prefLabel "Tỉnh Trà Vinh"@vi .
        <{ID}unit/pre2025/34> skos:prefLabel "Tỉnh Thái Bình"@vi .
        <{ID}unit/2025/86> kn:era knv:2025 ; skos:prefLabel "Tỉnh Vĩnh Long"@vi .
        <{ID}twinning/test> a kn:Twinning ; kn:party <{ID}unit/hist/tinh-vinh-tra> , <{ID}unit/pre2025/34> ;
            kn:twinningKind knv:sister-localities ; kn:status knv:active ;
            kn:currentStatus knv:active .   # what kg build derives (kg:derived)
        """,
        format=ox.RdfFormat.TURTLE,
    )
    query = catalog.get_query("twinnings-of-unit-across-reform")
    rows = list(store.query(query.bound_text({"unit": "2025/86"}), use_default_graph_as_union=True))
    found = {(r["relation"].value, r["holder"].value, r["partner"].value) for r in rows}
    assert found == {("predecessor", f"{ID}unit/hist/tinh-vinh-tra", f"{ID}unit/pre2025/34")}
