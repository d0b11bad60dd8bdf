"""The national gazetteer import (kg.graph.gazetteer), checked against the package's own data.

Expected numbers are read from the package's sqlite and converter JSON independently of
kg.graph.gazetteer, and also stated literally where the domain fixes them (63 / 34 provinces...).
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import json
import re
from collections import Counter

import pyoxigraph as ox
import pytest

import kg
from kg import config
from kg.graph import gazetteer
from kg.graph.gazetteer import GazetteerReport, PackageData
from kg.graph.gazetteer_nquads import gazetteer_lines, literal

from support.gazetteer_fixtures import (  # noqa: F401 (fixtures)
    GAZETTEER_GRAPH,
    ONTOLOGY_GRAPH,
    gazetteer_file,
    gazetteer_report,
    gazetteer_store,
    package_db,
)

ID = "https://w3id.org/ketnghia/id/"
PREFIXES = """
PREFIX kn: <https://w3id.org/ketnghia/ontology#>
PREFIX knv: <https://w3id.org/ketnghia/vocab/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def unit(era: str, code: str) -> str:
    return f"<{ID}unit/{era}/{code}>"


def rows(store: ox.Store, where: str, select: str = "*") -> list[tuple]:
    """Solutions of a pattern evaluated inside the gazetteer graph, as tuples of strings."""
    query = f"{PREFIXES} SELECT {select} WHERE {{ GRAPH <{GAZETTEER_GRAPH}> {{ {where} }} }}"
    return [tuple(term.value if term is not None else None for term in sol) for sol in store.query(query)]


def values(store: ox.Store, subject: str, predicate: str) -> set[str]:
    return {r[0] for r in rows(store, f"{subject} {predicate} ?o", "?o")}


@pytest.fixture(scope="module")
def converter() -> dict:
    path = importlib.resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def codes() -> dict:
    """Package keys -> codes, from the sqlite: legacy 'prov_dist_ward' and 2025 (prov, ward)."""
    with package_db() as db:
        legacy = {
            f"{p}_{d}_{w or ''}": (wc or dc)
            for p, d, w, wc, dc in db.execute(
                "SELECT provinceKey, districtKey, wardKey, wardCode, districtCode FROM admin_units_legacy"
            )
        }
        new = {(p, w): c for p, w, c in db.execute("SELECT provinceKey, wardKey, wardCode FROM admin_units")}
    return {"legacy": legacy, "2025": new}


# --------------------------------------------------------------------------- counts


def test_counts_per_level_and_era_match_the_package(gazetteer_store):
    query = f"""{PREFIXES} SELECT ?era ?level (COUNT(?u) AS ?n) WHERE {{ GRAPH <{GAZETTEER_GRAPH}> {{
        ?u a kn:AdministrativeUnit ; kn:era ?era ; kn:level ?level }} }} GROUP BY ?era ?level"""
    found = {
        (s["era"].value.rsplit("/", 1)[1], s["level"].value.rsplit("/", 1)[1]): int(s["n"].value)
        for s in gazetteer_store.query(query)
    }
    with package_db() as db:
        one = lambda sql: db.execute(sql).fetchone()[0]
        expected = {
            ("pre2025", "province"): one("SELECT COUNT(DISTINCT provinceCode) FROM admin_units_legacy"),
            ("pre2025", "district"): one("SELECT COUNT(DISTINCT districtCode) FROM admin_units_legacy"),
            ("pre2025", "commune"): one(
                "SELECT COUNT(DISTINCT wardCode) FROM admin_units_legacy WHERE wardCode IS NOT NULL"
            ),
            ("2025", "province"): one("SELECT COUNT(DISTINCT provinceCode) FROM admin_units"),
            ("2025", "commune"): one("SELECT COUNT(DISTINCT wardCode) FROM admin_units"),
        }
    assert found == expected
    assert expected == {
        ("pre2025", "province"): 63,
        ("pre2025", "district"): 696,
        ("pre2025", "commune"): 10035,
        ("2025", "province"): 34,
        ("2025", "commune"): 3321,
    }


def test_every_unit_has_its_core_properties_once(gazetteer_store):
    """Exactly one code, era, level, type, Vietnamese name, short name and unaccented name."""
    for prop in ("kn:code", "kn:era", "kn:level", "kn:unitType", "skos:prefLabel", "rdfs:label", "skos:altLabel"):
        query = f"""{PREFIXES} SELECT ?u WHERE {{ {{ SELECT ?u (COUNT(?v) AS ?n) WHERE {{
            GRAPH <{GAZETTEER_GRAPH}> {{ ?u a kn:AdministrativeUnit OPTIONAL {{ ?u {prop} ?v }} }} }}
            GROUP BY ?u }} FILTER(?n != 1) }} LIMIT 3"""
        bad = [s["u"].value for s in gazetteer_store.query(query)]
        assert bad == [], f"{prop}: {bad}"
    untagged = rows(
        gazetteer_store,
        """?u a kn:AdministrativeUnit ; skos:altLabel ?a ; rdfs:label ?l ;
                                         skos:prefLabel ?p
        FILTER(lang(?a) != "" || lang(?l) != "vi" || lang(?p) != "vi" || !REGEX(?a, "^[\\\\x00-\\\\x7F]*$"))""",
        "?u",
    )
    assert untagged == []


def test_parents_follow_the_eras_hierarchy(gazetteer_store):
    pairs = Counter(
        (c.rsplit("/", 1)[1], e.rsplit("/", 1)[1], pl and pl.rsplit("/", 1)[1])
        for _, c, e, pl in rows(
            gazetteer_store,
            """?u a kn:AdministrativeUnit ; kn:level ?c ; kn:era ?e .
                        OPTIONAL { ?u kn:partOf ?p . ?p kn:level ?pl ; kn:era ?e }""",
            "?u ?c ?e ?pl",
        )
    )
    assert pairs == {
        ("province", "pre2025", None): 63,
        ("district", "pre2025", "province"): 696,
        ("commune", "pre2025", "district"): 10035,
        ("province", "2025", None): 34,
        ("commune", "2025", "province"): 3321,
    }


def test_validity_dates_bound_the_reform(gazetteer_store):
    until = Counter(rows(gazetteer_store, "?u kn:era knv:pre2025 ; kn:validUntil ?d", "?d"))
    since = Counter(rows(gazetteer_store, "?u kn:era knv:2025 ; kn:validFrom ?d", "?d"))
    assert until == {("2025-06-30",): 63 + 696 + 10035}
    assert since == {("2025-07-01",): 34 + 3321}
    assert rows(gazetteer_store, "?u kn:era knv:2025 ; kn:validUntil ?d") == []
    assert rows(gazetteer_store, "?u kn:validUntil ?d FILTER(datatype(?d) != xsd:date)") == []


# --------------------------------------------------------------------------- names, types, geometry


def test_a_district_is_named_three_ways(gazetteer_store):
    nam_giang = unit("pre2025", "510")
    assert values(gazetteer_store, nam_giang, "skos:prefLabel") == {"Huyện Nam Giang"}
    assert values(gazetteer_store, nam_giang, "rdfs:label") == {"Nam Giang"}
    assert values(gazetteer_store, unit("pre2025", "509"), "skos:altLabel") == {"Que Son"}
    assert values(gazetteer_store, nam_giang, "kn:code") == {"510"}
    assert values(gazetteer_store, nam_giang, "kn:partOf") == {f"{ID}unit/pre2025/49"}


@pytest.mark.parametrize(
    "era, code, unit_type",
    [
        ("pre2025", "49", "tinh"),  # Tỉnh Quảng Nam
        ("pre2025", "48", "thanh-pho-truc-thuoc-trung-uong"),  # Thành phố Đà Nẵng
        ("pre2025", "502", "thanh-pho-thuoc-tinh"),  # Thành phố Tam Kỳ
        ("pre2025", "503", "thanh-pho-thuoc-tinh"),  # Thành phố Hội An
        ("pre2025", "510", "huyen"),
        ("pre2025", "20695", "thi-tran"),  # Thị trấn Thạnh Mỹ
        ("pre2025", "20698", "xa"),  # Xã La Êê
        ("2025", "48", "thanh-pho-truc-thuoc-trung-uong"),
        ("2025", "20194", "phuong"),  # Phường Hải Vân
        ("2025", "20333", "dac-khu"),  # Đặc khu Hoàng Sa
    ],
)
def test_unit_types(gazetteer_store, era, code, unit_type):
    assert values(gazetteer_store, unit(era, code), "kn:unitType") == {f"https://w3id.org/ketnghia/vocab/{unit_type}"}


def test_district_types_cover_the_package_types(gazetteer_store):
    with package_db() as db:
        expected = Counter(
            t for (t,) in db.execute("SELECT districtType FROM admin_units_legacy GROUP BY districtCode")
        )
    found = Counter(
        t.rsplit("/", 1)[1] for (t,) in rows(gazetteer_store, "?u kn:level knv:district ; kn:unitType ?t", "?t")
    )
    names = {"Huyện": "huyen", "Quận": "quan", "Thị xã": "thi-xa", "Thành phố": "thanh-pho-thuoc-tinh"}
    assert found == {names[t]: n for t, n in expected.items()}


def test_centroid_and_area_come_from_the_package(gazetteer_store):
    with package_db() as db:
        lat, lon = db.execute(
            "SELECT districtLat, districtLon FROM admin_units_legacy WHERE districtCode='510'"
        ).fetchone()
        area, wlat, wlon = db.execute(
            "SELECT wardAreaKm2, wardLat, wardLon FROM admin_units WHERE wardCode='20923'"
        ).fetchone()
    centroid = f"{ID}unit/pre2025/510/centroid"
    assert values(gazetteer_store, unit("pre2025", "510"), "geo:hasCentroid") == {centroid}
    (wkt,) = values(gazetteer_store, f"<{centroid}>", "geo:asWKT")
    x, y = map(float, re.fullmatch(r"POINT\((\S+) (\S+)\)", wkt).groups())
    assert (x, y) == (lon, lat)
    (area_literal,) = rows(gazetteer_store, f"{unit('2025', '20923')} kn:areaKm2 ?a", "?a (datatype(?a) AS ?t)")
    assert float(area_literal[0]) == area and area_literal[1].endswith("#decimal")
    assert rows(gazetteer_store, "?u kn:era knv:pre2025 ; kn:areaKm2 ?a") == []


# --------------------------------------------------------------------------- succession


def test_a_divided_commune_is_succeeded_by_every_part_and_a_default(gazetteer_store, converter, codes):
    # The division with the most parts, from the package's conversion table.
    province, old_key, parts = max(
        ((p, k, v) for p, d in converter["DICT_PROVINCE_WARD_DIVIDED"].items() for k, v in d.items()),
        key=lambda item: (len(item[2]), item[1]),
    )
    assert len(parts) >= 3
    old = unit("pre2025", codes["legacy"][old_key])
    expected = {f"{ID}unit/2025/{codes['2025'][(province, p['newWardKey'])]}" for p in parts}
    (default,) = [f"{ID}unit/2025/{codes['2025'][(province, p['newWardKey'])]}" for p in parts if p["isDefaultNewWard"]]
    assert values(gazetteer_store, old, "kn:succeededBy") == expected
    assert values(gazetteer_store, old, "kn:defaultSuccessor") == {default}
    change = f"<{ID}change/pre2025/{codes['legacy'][old_key]}>"
    assert values(gazetteer_store, change, "kn:changeType") == {"https://w3id.org/ketnghia/vocab/division"}
    assert values(gazetteer_store, change, "kn:predecessor") == {old[1:-1]}
    assert values(gazetteer_store, change, "kn:successor") == expected


def test_every_division_has_exactly_one_default(gazetteer_store, converter):
    divisions = sum(len(d) for d in converter["DICT_PROVINCE_WARD_DIVIDED"].values())
    assert len(rows(gazetteer_store, "?c kn:changeType knv:division")) == divisions == 471
    assert len(rows(gazetteer_store, "?u kn:defaultSuccessor ?d")) == divisions


def test_quang_nam_merged_into_da_nang(gazetteer_store):
    assert values(gazetteer_store, unit("pre2025", "49"), "kn:succeededBy") == {f"{ID}unit/2025/48"}
    assert values(gazetteer_store, unit("pre2025", "48"), "kn:succeededBy") == {f"{ID}unit/2025/48"}
    change = f"<{ID}change/2025/48>"
    assert values(gazetteer_store, change, "kn:changeType") == {"https://w3id.org/ketnghia/vocab/merger"}
    assert values(gazetteer_store, change, "kn:predecessor") == {f"{ID}unit/pre2025/48", f"{ID}unit/pre2025/49"}
    assert values(gazetteer_store, change, "kn:changeDate") == {"2025-07-01"}
    # Thanh Hóa kept its borders: one predecessor, same name.
    assert values(gazetteer_store, f"<{ID}change/2025/38>", "kn:changeType") == {
        "https://w3id.org/ketnghia/vocab/reorganisation"
    }


def test_abolished_district_is_succeeded_by_the_communes_covering_it(gazetteer_store, converter, codes):
    district_prefix = "tinhquangnam_huyennamgiang_"
    expected = set()
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, olds in wards.items():
            if any(o.startswith(district_prefix) for o in olds):
                expected.add(f"{ID}unit/2025/{codes['2025'][(province, new_key)]}")
    for province, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in divided.items():
            if old_key.startswith(district_prefix):
                expected |= {f"{ID}unit/2025/{codes['2025'][(province, p['newWardKey'])]}" for p in parts}
    successors = values(gazetteer_store, unit("pre2025", "510"), "kn:succeededBy")
    assert successors == expected
    names = {name for s in successors for name in values(gazetteer_store, f"<{s}>", "skos:prefLabel")}
    assert {"Xã Nam Giang", "Xã Thạnh Mỹ", "Xã La Êê", "Xã La Dêê", "Xã Bến Giằng", "Xã Đắc Pring"} <= names
    change = f"<{ID}change/pre2025/510>"
    assert values(gazetteer_store, change, "kn:changeType") == {"https://w3id.org/ketnghia/vocab/abolition"}
    assert values(gazetteer_store, change, "kn:successor") == expected


def test_reused_code_names_two_distinct_units(gazetteer_store):
    old, new = unit("pre2025", "20923"), unit("2025", "20923")
    assert values(gazetteer_store, old, "kn:partOf") == {f"{ID}unit/pre2025/515"}  # Huyện Bắc Trà My
    assert values(gazetteer_store, f"<{ID}unit/pre2025/515>", "rdfs:label") == {"Bắc Trà My"}
    assert values(gazetteer_store, new, "kn:partOf") == {f"{ID}unit/2025/48"}
    assert values(gazetteer_store, old, "kn:era") != values(gazetteer_store, new, "kn:era")
    assert values(gazetteer_store, old, "rdfs:label") == values(gazetteer_store, new, "rdfs:label") == {"Trà Tân"}


def test_island_districts_without_communes_pass_to_special_zones(gazetteer_store, gazetteer_report):
    childless = rows(
        gazetteer_store,
        """?d kn:level knv:district ; rdfs:label ?name
                                         FILTER NOT EXISTS { ?c kn:partOf ?d }""",
        "?d ?name",
    )
    assert sorted(name for _, name in childless) == ["Bạch Long Vĩ", "Côn Đảo", "Cồn Cỏ", "Hoàng Sa", "Lý Sơn"]
    assert sorted(gazetteer_report.childless_districts) == sorted("Huyện " + n for _, n in childless)
    for district, name in childless:
        (successor,) = values(gazetteer_store, f"<{district}>", "kn:succeededBy")
        assert values(gazetteer_store, f"<{successor}>", "kn:unitType") == {"https://w3id.org/ketnghia/vocab/dac-khu"}
        assert values(gazetteer_store, f"<{successor}>", "rdfs:label") == {name}


def test_every_unit_is_linked_across_the_reform(gazetteer_store):
    assert rows(gazetteer_store, "?u kn:era knv:pre2025 FILTER NOT EXISTS { ?u kn:succeededBy ?n }") == []
    assert rows(gazetteer_store, "?n kn:era knv:2025 FILTER NOT EXISTS { ?u kn:succeededBy ?n }") == []
    # succeededBy only ever points from the old era to the new one
    assert (
        rows(gazetteer_store, "?u kn:succeededBy ?n FILTER NOT EXISTS { ?u kn:era knv:pre2025 . ?n kn:era knv:2025 }")
        == []
    )


def test_change_type_follows_the_number_of_predecessors(gazetteer_store):
    query = f"""{PREFIXES} SELECT ?c ?t (COUNT(DISTINCT ?p) AS ?k) WHERE {{ GRAPH <{GAZETTEER_GRAPH}> {{
        ?n kn:era knv:2025 ; kn:code ?code .
        BIND(IRI(CONCAT("https://w3id.org/ketnghia/id/change/2025/", ?code)) AS ?c)
        ?c kn:successor ?n ; kn:changeType ?t ; kn:predecessor ?p }} }} GROUP BY ?c ?t"""
    counts = [(s["t"].value.rsplit("/", 1)[1], int(s["k"].value)) for s in gazetteer_store.query(query)]
    assert len(counts) == 34 + 3321
    assert all((k >= 2) == (t == "merger") for t, k in counts)
    assert {t for t, _ in counts} <= {"merger", "reorganisation", "renaming"}


def test_a_new_unit_is_made_from_communes_not_from_their_districts(gazetteer_store):
    """Districts are succeeded by the communes covering them, but only the island districts
    (which became special zones whole) are predecessors in a change into a 2025 unit."""
    districts = rows(
        gazetteer_store,
        """?c kn:successor ?n ; kn:predecessor ?d . ?n kn:era knv:2025 .
                                         ?d kn:level knv:district ; rdfs:label ?name
                                         FILTER NOT EXISTS { ?c kn:changeType knv:abolition }""",
        "DISTINCT ?name",
    )
    assert sorted(districts) == [("Bạch Long Vĩ",), ("Côn Đảo",), ("Cồn Cỏ",), ("Hoàng Sa",), ("Lý Sơn",)]
    # Xã Nam Giang (2025) was made from two communes of the district, not from the district.
    predecessors = values(gazetteer_store, f"<{ID}change/2025/20707>", "kn:predecessor")
    assert predecessors == {f"{ID}unit/pre2025/20701", f"{ID}unit/pre2025/20707"}


def test_no_legal_basis_is_invented(gazetteer_store):
    assert rows(gazetteer_store, "?c kn:legalBasis ?d") == []


# --------------------------------------------------------------------------- provenance and terms


def test_provenance_names_the_package_and_its_version(gazetteer_store):
    version = importlib.metadata.version("vietnamadminunits")
    dataset = f"<{ID}dataset/vietnamadminunits-{version}>"
    assert values(gazetteer_store, f"<{GAZETTEER_GRAPH}>", "prov:wasDerivedFrom") == {dataset[1:-1]}
    assert values(gazetteer_store, dataset, "a") == {"https://w3id.org/ketnghia/ontology#Dataset"}
    assert values(gazetteer_store, dataset, "dct:license") == {"MIT"}
    assert values(gazetteer_store, dataset, "owl:versionInfo") == {version} == {"1.0.4"}
    assert values(gazetteer_store, dataset, "dct:source") == {"https://pypi.org/project/vietnamadminunits/"}
    assert values(gazetteer_store, dataset, "kn:toolVersion") == {kg.__version__}
    assert values(gazetteer_store, dataset, "dct:title")


def test_only_declared_terms_are_used(gazetteer_store):
    """Every kn: term is declared in the ontology, every knv: object is a declared concept: the
    quality check queries/undeclared-term-violation.rq, which skips the gazetteer's graph in the
    build because of this test, run here on that graph alone."""
    check = (config.QUERIES_DIR / "undeclared-term-violation.rq").read_text("utf-8")
    skip = f"FILTER(?g != <{GAZETTEER_GRAPH}>)"
    assert check.count(skip) == 3
    on_gazetteer = check.replace(skip, f"FILTER(?g = <{GAZETTEER_GRAPH}>)")
    assert [tuple(s) for s in gazetteer_store.query(on_gazetteer)] == []
    predicates = {p for (p,) in rows(gazetteer_store, "?s ?p ?o", "DISTINCT ?p")}
    outside = {p for p in predicates if not p.startswith("https://w3id.org/ketnghia/ontology#")}
    assert outside <= {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://www.w3.org/2004/02/skos/core#altLabel",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.opengis.net/ont/geosparql#hasCentroid",
        "http://www.opengis.net/ont/geosparql#asWKT",
        "http://purl.org/dc/terms/title",
        "http://purl.org/dc/terms/license",
        "http://purl.org/dc/terms/source",
        "http://www.w3.org/2002/07/owl#versionInfo",
        "http://www.w3.org/ns/prov#wasDerivedFrom",
    }


# --------------------------------------------------------------------------- the report


def test_the_real_import_skips_nothing(gazetteer_report, gazetteer_file):
    assert gazetteer_report.skipped == []
    assert gazetteer_report.imported["commune pre2025"] == 10035
    assert gazetteer_report.imported["commune 2025"] == 3321
    # 10,035 communes + 5 island districts are each mapped once, whole or divided
    assert gazetteer_report.imported["commune succession"] + gazetteer_report.imported["division"] == 10040
    with open(gazetteer_file, encoding="utf-8") as f:
        assert gazetteer_report.triples == sum(1 for _ in f)
    summary = gazetteer_report.summary()
    assert "10,035 imported" in summary and "3,321 imported" in summary and "0 skipped" in summary
    assert gazetteer_report.seconds < 10


def _small_package() -> PackageData:
    """Quảng Nam + Đà Nẵng only (fast), as the importer would read them."""
    data = gazetteer.load_package_data()
    keep = {"tinhquangnam", "thanhphodanang"}
    return PackageData(
        data.version,
        [dict(r) for r in data.legacy_rows if r["provinceKey"] in keep],
        [dict(r) for r in data.rows_2025 if r["provinceKey"] == "thanhphodanang"],
        {"thanhphodanang": list(data.province_map["thanhphodanang"])},
        {"thanhphodanang": {k: list(v) for k, v in data.ward_map["thanhphodanang"].items()}},
        {"thanhphodanang": json.loads(json.dumps(data.divided_map["thanhphodanang"]))},
    )


def test_small_consistent_subset_imports_cleanly():
    report = GazetteerReport()
    gazetteer_lines(_small_package(), report)
    assert report.skipped == [] and report.warnings == []
    assert report.imported["province pre2025"] == 2 and report.imported["province 2025"] == 1


def test_bad_entries_are_reported_not_dropped_or_guessed():
    data = _small_package()
    no_code = next(r for r in data.legacy_rows if r["wardCode"] == "20698")  # Xã La Êê
    no_code["wardCode"] = None
    odd_type = next(r for r in data.rows_2025 if r["wardCode"] == "20194")  # Phường Hải Vân
    odd_type["wardType"] = "Khu phố"
    data.province_map["thanhphodanang"].append("tinhatlantis")
    data.ward_map["thanhphodanang"]["xanamgiang"].append("tinhquangnam_huyennamgiang_xakhongco")
    data.ward_map["thanhphodanang"]["xakhongco"] = ["tinhquangnam_huyennamgiang_xachochun"]
    divided = data.divided_map["thanhphodanang"]["thanhphodanang_huyenhoavang_xahoalien"]
    divided.append({"newWardKey": "phuongkhongco", "isDefaultNewWard": False})

    report = GazetteerReport()
    text = "".join(gazetteer_lines(data, report))
    skipped = {(e.kind, e.entry): e.reason for e in report.skipped}
    assert skipped[("commune pre2025", "Xã La Êê, Huyện Nam Giang, Tỉnh Quảng Nam")] == "missing code"
    assert "unknown unit type 'Khu phố'" in skipped[("commune 2025", "Phường Hải Vân, Thành phố Đà Nẵng")]
    assert "resolves to no unit" in skipped[("province succession", "tinhatlantis -> thanhphodanang")]
    assert (
        "pre-2025 key"
        in skipped[("commune succession", "tinhquangnam_huyennamgiang_xakhongco -> thanhphodanang/xanamgiang")]
    )
    assert (
        "2025 ward key"
        in skipped[("commune succession", "tinhquangnam_huyennamgiang_xachochun -> thanhphodanang/xakhongco")]
    )
    assert (
        "2025 ward key"
        in skipped[("division", "thanhphodanang_huyenhoavang_xahoalien -> thanhphodanang/phuongkhongco")]
    )
    # Knock-on effects are reported too: mappings to or from the skipped units.
    assert (
        "pre-2025 key" in skipped[("commune succession", "tinhquangnam_huyennamgiang_xalaee -> thanhphodanang/xalaee")]
    )
    assert (
        "2025 ward key" in skipped[("division", "thanhphodanang_huyenhoavang_xahoalien -> thanhphodanang/phuonghaivan")]
    )
    assert report.skipped_counts() == {
        "commune pre2025": 1,
        "commune 2025": 1,
        "province succession": 1,
        "commune succession": 6,
        "division": 2,
    }
    # Skipped units are absent, not guessed; the rest of the mapping still stands.
    assert "/unit/2025/20194>" not in text.replace(f"{ID}unit/2025/20194/", "")  # Phường Hải Vân
    assert not re.search(r'/unit/pre2025/\d+> \S+#prefLabel> "Xã La Êê"', text)
    assert f"<{ID}unit/pre2025/20699> <https://w3id.org/ketnghia/ontology#succeededBy>" in text  # Chơ Chun
    # Xã Hòa Liên keeps the part that could be placed, still the default one (Phường Liên Chiểu).
    hoa_lien = f"<{ID}unit/pre2025/20296>"
    assert re.findall(rf"{hoa_lien} <\S+#(succeededBy|defaultSuccessor)> <(\S+)>", text) == [
        ("succeededBy", f"{ID}unit/2025/20197"),
        ("defaultSuccessor", f"{ID}unit/2025/20197"),
    ]
    # Units left without a link across the reform are named as warnings.
    assert any("Hòa Hiệp Bắc" in w and "no 2025 successor" in w for w in report.warnings)
    summary = report.summary()
    assert "missing code" in summary and "Khu phố" in summary and "6 skipped" in summary


def test_literals_are_escaped_for_n_triples():
    tricky = 'He said "hi"\\ then\nleft\r\ttab \x01 Quế'
    line = f"<http://e/s> <http://e/p> {literal(tricky, 'vi')} .\n"
    (quad,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
    assert quad.object.value == tricky and quad.object.language == "vi"
    line = f"<http://e/s> <http://e/p> {literal('12.5', datatype='http://www.w3.org/2001/XMLSchema#decimal')} .\n"
    (quad,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
    assert quad.object.datatype.value.endswith("#decimal")


def test_fingerprint_tracks_package_and_code():
    first = gazetteer.gazetteer_fingerprint()
    assert first == gazetteer.gazetteer_fingerprint()
    assert first.endswith("vietnamadminunits-" + importlib.metadata.version("vietnamadminunits"))
    assert re.match(r"^[0-9a-f]{24}-", first)  # a prefix of it still tells versions apart
