"""The gazetteer's saved queries (issue 3): successors, units at a date, defunct parties, unit history.

Expected values are read from the package's own data (sqlite and conversion table), not from the queries.
"""

from __future__ import annotations

import sqlite3

from support.embedded import saved_query_rows
from kg.graph import gazetteer

ID = "https://w3id.org/ketnghia/id/"


def run(store, name, **params):
    return saved_query_rows(store, name, params)[1]


def package_db():
    return sqlite3.connect(gazetteer.package_data_dir() / "dataset.db")


def test_merged_province_has_one_successor(built_store):
    rows = run(built_store, "unit-successors", unit="pre2025/49")
    assert [(r["successor"], r["successorLabel"]) for r in rows] == [(ID + "unit/2025/48", "Thành phố Đà Nẵng")]


def test_units_of_quang_nam_before_and_after_the_reform(built_store):
    with package_db() as db:
        communes_2025 = db.execute(
            "SELECT COUNT(DISTINCT wardCode) FROM admin_units WHERE provinceCode = '48'"
        ).fetchone()[0]
        districts, communes = db.execute(
            "SELECT COUNT(DISTINCT districtCode), COUNT(DISTINCT wardCode) FROM admin_units_legacy "
            "WHERE provinceCode = '49'"
        ).fetchone()
    before = run(built_store, "units-of-province-at-date", province="pre2025/49", date="2025-06-30")
    assert len(before) == districts + communes
    assert {r["provinceThen"] for r in before} == {ID + "unit/pre2025/49"}
    after = run(built_store, "units-of-province-at-date", province="pre2025/49", date="2026-01-01")
    assert len(after) == communes_2025
    assert {r["provinceThen"] for r in after} == {ID + "unit/2025/48"}
    assert all(r["level"] == "Commune level" for r in after)


def test_twinnings_with_defunct_parties(built_store):
    rows = run(built_store, "twinnings-with-defunct-parties", date="2025-07-01")
    twinnings = {r["twinning"].removeprefix(ID + "twinning/") for r in rows}
    assert "sister-localities-pre2025-395--pre2025-509" in twinnings  # Thọ Xuân – Quế Sơn (1968)
    assert "sister-localities-2025-20257--2025-20923" not in twinnings  # Hòa Cường – Trà Tân (2025)
    # the party office's twinning counts through the office's province
    assert "cooperation-programme-org-party-office-pre2025-38--org-party-office-pre2025-49" in twinnings
    que_son_heirs = {r["heirLabel"] for r in rows if r["party"] == ID + "unit/pre2025/509"}
    assert que_son_heirs and all(label.startswith(("Xã ", "Phường ")) for label in que_son_heirs)
    # the day before the reform, only the historical units of the 1960 pairs had ended
    before = run(built_store, "twinnings-with-defunct-parties", date="2025-06-30")
    assert any(r["party"].startswith(ID + "unit/hist/") for r in before)
    assert not any(r["party"].startswith(ID + "unit/2025/") for r in before)


def test_history_of_the_2025_commune_tra_tan(built_store):
    rows = run(built_store, "unit-history", unit="2025/20923")
    by_relation = {}
    for r in rows:
        by_relation.setdefault(r["relation"], set()).add(r["otherLabel"])
    # converter_2025.json: xatratan <- tinhquangnam_huyenbactramy_{xatratan, xatragiac}
    assert {"Xã Trà Tân", "Xã Trà Giác"} <= by_relation["predecessor"]
    assert by_relation["parent"] == {"Thành phố Đà Nẵng"}
    assert by_relation["itself"] == {"Xã Trà Tân"}
    assert "successor" not in by_relation
