"""Claims from many sources: one value per source, disagreements kept side by side, status history.

- tests/claims/within/*.ttl: files that state two values of one claim in one source; each
  `# expect: PROPERTY` line names a property kg.validation.claims must report.
- tests/claims/cases/*.ttl: real cases curated from ../shared/corpus (facts only), contributed
  with `kg contribute` to a graph built from the seed sources: a planned pair later signed, a
  date two articles disagree on in a three-party relation, a border pair with a Chinese town.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
import rdflib

from kg.validation.claims import within_source_issues

HERE = Path(__file__).parent / "claims"
WITHIN = sorted((HERE / "within").glob("*.ttl"))
CASES = HERE / "cases"
SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"

SON_TRA_TRA_LENG = "https://w3id.org/ketnghia/id/twinning/sister-localities-2025-20263--2025-20938"
HA_NOI_HUE_SAI_GON = (
    "https://w3id.org/ketnghia/id/twinning/north-south-hist-thanh-pho-hue--hist-thanh-pho-sai-gon--pre2025-01"
)
SI_MA_CAI = "https://w3id.org/ketnghia/id/twinning/border-cluster-place-cn-seo-pa-chu--pre2025-02809"


@pytest.mark.parametrize("path", WITHIN, ids=lambda p: p.stem)
def test_two_values_in_one_source_are_reported(path):
    expected = set(re.findall(r"^# expect: (\S+)$", path.read_text("utf-8"), re.M))
    assert expected, f"{path.name} has no '# expect:' line"
    graph = rdflib.Graph().parse(path)
    assert {i.path for i in within_source_issues(graph)} == expected


def test_one_value_per_source_is_not_reported():
    graph = rdflib.Graph().parse(CASES / "son-tra-tra-leng-signed.ttl")
    assert within_source_issues(graph) == []


@pytest.fixture
def seeds_home(tmp_path, run_kg):
    """A KG_HOME built from the seed sources only (plus `extra` corpus or web sources when asked)."""

    def make(*extra: str) -> dict:
        sources = tmp_path / "data" / "sources"
        sources.mkdir(parents=True)
        for path in SOURCES.glob("*.trig"):
            if not path.stem.startswith(("corpus-", "web-")) or path.stem in extra:
                shutil.copy(path, sources / path.name)
        env = {"KG_HOME": str(tmp_path / "home")}
        done = run_kg("build", "--sources", str(sources), env=env)
        assert done.returncode == 0, done.stderr
        return env

    return make


def _rows(run_kg, env, *args) -> list[dict]:
    done = run_kg("query", *args, "--format", "csv", env=env)
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_planned_pair_later_signed(seeds_home, run_kg):
    env = seeds_home()
    case = str(CASES / "son-tra-tra-leng-signed.ttl")

    checked = run_kg("validate", case, "--lang", "en", env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # the other source is named with both values
    assert "bd355db52bd04147" in checked.stdout
    assert "Kết nghĩa với xã miền núi là chủ trương nhân văn" in checked.stdout  # its title
    assert "vocab/planned" in checked.stdout or "knv:planned" in checked.stdout
    assert "Traceback" not in checked.stderr

    merged = run_kg("contribute", case, "--contributor", "claims test", env=env)
    assert merged.returncode == 0, merged.stdout + merged.stderr

    history = _rows(run_kg, env, "status-history", "-p", f"twinning={SON_TRA_TRA_LENG}")
    assert [r["statusLabel"] for r in history][-1] == "Signed / active"
    assert {r["statusLabel"] for r in history} == {"Planned", "Signed / active"}
    signed = [r for r in history if r["statusLabel"] == "Signed / active"][0]
    assert signed["asOf"] == "2025-08-15" and signed["basis"] == "stated"

    current = {r["twinning"]: r for r in _rows(run_kg, env, "current-status")}
    assert current[SON_TRA_TRA_LENG]["currentStatus"] == "Signed / active"
    assert current[SON_TRA_TRA_LENG]["claimingSources"] == "2"

    of_unit = _rows(run_kg, env, "twinnings-of-unit", "-p", "unit=2025/20263")
    row = [r for r in of_unit if r["twinning"] == SON_TRA_TRA_LENG][0]
    assert row["currentStatus"] == "Signed / active" and row["sourcesForStatus"] == "1"
    assert len(row["sources"].split()) == 2

    # a status that changes over time is history, not a disagreement
    assert not [r for r in _rows(run_kg, env, "conflicting-claims") if r["node"] == SON_TRA_TRA_LENG]


def test_three_party_date_disagreement(seeds_home, run_kg):
    if not (SOURCES / "corpus-001.trig").exists():
        pytest.skip("data/sources/corpus-001.trig (the 8/10/1960 claim) is not curated in this checkout")
    env = seeds_home("corpus-001")
    case = str(CASES / "ha-noi-hue-sai-gon-7-october.ttl")
    checked = run_kg("validate", case, "--lang", "en", env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "corpus-001" in checked.stdout and "1960-10-08" in checked.stdout

    merged = run_kg("contribute", case, "--contributor", "claims test", env=env)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    conflicts = [r for r in _rows(run_kg, env, "conflicting-claims") if r["node"] == HA_NOI_HUE_SAI_GON]
    assert {r["value"] for r in conflicts} == {"1960-10-07", "1960-10-08"}

    # every other party of the three, from Hà Nội's side
    of_unit = _rows(run_kg, env, "twinnings-of-unit", "-p", "unit=pre2025/01")
    row = [r for r in of_unit if r["twinning"] == HA_NOI_HUE_SAI_GON][0]
    assert set(row["partners"].split()) == {
        "https://w3id.org/ketnghia/id/unit/hist/thanh-pho-hue",
        "https://w3id.org/ketnghia/id/unit/hist/thanh-pho-sai-gon",
    }
    assert set(row["established"].split(" | ")) == {"1960-10-07", "1960-10-08"}


def test_border_pair_with_a_foreign_town(seeds_home, run_kg):
    env = seeds_home()
    case = str(CASES / "si-ma-cai-seo-pa-chu.ttl")
    merged = run_kg("contribute", case, "--contributor", "claims test", env=env)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    of_unit = _rows(run_kg, env, "twinnings-of-unit", "-p", "unit=pre2025/02809")
    row = [r for r in of_unit if r["twinning"] == SI_MA_CAI][0]
    assert row["partnerLabels"] == "Trấn Seo Pả Chư"
    assert row["kind"] == "Cross-border residential-cluster twinning"
    assert row["currentStatus"] == "Signed / active"


def test_foreign_locality_needs_a_country_code(tmp_path, seeds_home, run_kg):
    env = seeds_home()
    text = (CASES / "si-ma-cai-seo-pa-chu.ttl").read_text("utf-8").replace('kn:country "CN"', 'kn:country "China"')
    bad = tmp_path / "bad-country.ttl"
    bad.write_text(text, "utf-8")
    checked = run_kg("validate", str(bad), "--lang", "en", env=env)
    assert checked.returncode == 1
    assert "ISO 3166-1" in checked.stdout


def _export_json(run_kg, env, tmp_path) -> dict:
    import json

    out = tmp_path / "network.json"
    done = run_kg("export", "json", "-o", str(out), env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text("utf-8"))


def test_claims_reach_the_exports_and_the_explorer(seeds_home, run_kg, tmp_path):
    env = seeds_home()
    for name in ("son-tra-tra-leng-signed.ttl", "si-ma-cai-seo-pa-chu.ttl"):
        merged = run_kg("contribute", str(CASES / name), "--contributor", "claims test", env=env)
        assert merged.returncode == 0, merged.stdout + merged.stderr
    network = _export_json(run_kg, env, tmp_path)
    nodes = {n["id"]: n for n in network["nodes"]}
    assert nodes["https://w3id.org/ketnghia/id/place/cn-seo-pa-chu"]["kind"] == "foreign"
    edges = {e["key"]: e for e in network.get("links", network.get("edges", []))}
    # the latest claim wins: signed on 15/8/2025 after the seed's plan
    assert edges[SON_TRA_TRA_LENG]["status"] == "active"
    assert edges[SI_MA_CAI]["kind"] == "border-cluster"
    page = tmp_path / "explorer.html"
    done = run_kg("export", "explorer", "-o", str(page), env=env)
    assert done.returncode == 0, done.stderr
    assert "Trấn Seo Pả Chư" in page.read_text("utf-8")


def test_three_party_relation_from_a_csv_row(private_kg_home, run_kg, tmp_path):
    """One template row with other_parties: the three former communes of the Cơ Tu (corpus 034 and
    045) become one relation with three parties, the same node the curated articles describe."""
    if not (SOURCES / "corpus-034.trig").exists():
        pytest.skip("data/sources/corpus-034.trig (the three areas of the former communes) is not curated here")
    env = {"KG_HOME": str(private_kg_home)}
    template = run_kg("template", "twinnings", env=env)
    assert template.returncode == 0, template.stderr
    header = [line for line in template.stdout.splitlines() if line.startswith("Hình thức / Kind [kind]")][0]
    row = [
        "kết nghĩa",
        "2025/20476-a-ting",
        "2025/20476-jo-ngay",
        "2025/20476-song-kon",
        "đang hoạt động",
        "",
        "2025",
        "",
        "",
        "",
        "",
        "Kết nghĩa xã phường - mô hình rút ngắn khoảng cách nông thôn và thành thị",
        "https://vnexpress.net/ket-nghia-xa-phuong-mo-hinh-rut-ngan-khoang-cach-nong-thon-va-thanh-thi-4942989.html",
        "vi",
        "",
        "",
    ]
    sheet = tmp_path / "three-communes.csv"
    sheet.write_text("# kg-template: twinnings v1\n" + header + "\n" + ",".join(f'"{c}"' for c in row) + "\n", "utf-8")
    merged = run_kg("contribute", str(sheet), "--contributor", "claims test", env=env)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    relation = (
        "https://w3id.org/ketnghia/id/twinning/sister-localities-2025-20476-a-ting--2025-20476-jo-ngay"
        "--2025-20476-song-kon"
    )
    of_unit = _rows(run_kg, env, "twinnings-of-unit", "-p", "unit=2025/20476-jo-ngay")
    row = [r for r in of_unit if r["twinning"] == relation][0]
    assert set(row["partners"].split()) == {
        "https://w3id.org/ketnghia/id/unit/2025/20476-a-ting",
        "https://w3id.org/ketnghia/id/unit/2025/20476-song-kon",
    }
    assert len(row["sources"].split()) == 3  # corpus 034, corpus 045 and the contribution's article


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ('"1960"^^xsd:gYear', '"1960-03-12"^^xsd:date', True),
        ('"--10-08"^^xsd:gMonthDay', '"1960-10-08"^^xsd:date', True),
        ('"2005-04"^^xsd:gYearMonth', '"2005-04-28"^^xsd:date', True),
        ('"1960-10-07"^^xsd:date', '"1960-10-08"^^xsd:date', False),
        ('"2004-10-21"^^xsd:date', '"2018"^^xsd:gYear', False),
        ("knv:active", "knv:planned", False),
    ],
)
def test_a_coarser_date_is_compatible_with_a_finer_one(a, b, expected):
    from kg.validation.claims import compatible

    prefixes = "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix knv: <https://w3id.org/ketnghia/vocab/> ."
    graph = rdflib.Graph().parse(data=f"{prefixes} <urn:s> <urn:a> {a} ; <urn:b> {b} .", format="turtle")
    first, second = (
        graph.value(rdflib.URIRef("urn:s"), rdflib.URIRef("urn:a")),
        graph.value(rdflib.URIRef("urn:s"), rdflib.URIRef("urn:b")),
    )
    assert compatible(first, second) is expected and compatible(second, first) is expected
