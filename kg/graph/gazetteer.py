"""The national gazetteer: Vietnam's administrative units in both eras and their succession.

Imported from the PyPI package `vietnamadminunits` (MIT), which ships the 63-province structure
(`admin_units_legacy`), the 34-province structure of 1 July 2025 (`admin_units`) and the
legacy→2025 conversion table (`converter_2025.json`). The result is the named graph
kg:gazetteer, written as N-Quads text directly: about 14,000 units and a quarter of a million
triples must come out in about a second, which building an rdflib graph cannot do.

Nothing is guessed: an entry that cannot be placed (missing or malformed code, unknown unit
type, a mapping key that names no unit) is left out and listed in the GazetteerReport. This module
reads the package; kg.graph.gazetteer_nquads writes the graph.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import kg
from kg import vietnamese as names
from kg.iris import BASE, ERA_2025, ERA_PRE2025

PACKAGE = "vietnamadminunits"
PACKAGE_URL = f"https://pypi.org/project/{PACKAGE}/"
_ID = BASE + "id/"


# Unit-type words as the package writes them, per level.
PROVINCE_TYPES = {"tinh": "tinh", "thanh-pho": "thanh-pho-truc-thuoc-trung-uong"}
DISTRICT_TYPES = {"Huyện": "huyen", "Quận": "quan", "Thị xã": "thi-xa", "Thành phố": "thanh-pho-thuoc-tinh"}
COMMUNE_TYPES = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi-tran", "Đặc khu": "dac-khu"}
CODE_LENGTH = {"province": 2, "district": 3, "commune": 5}


# --------------------------------------------------------------------------- the report


@dataclass
class SkippedEntry:
    kind: str  # e.g. "commune pre2025", "commune succession"
    entry: str  # the entry as the package names it
    reason: str


@dataclass
class GazetteerReport:
    package_version: str = ""
    imported: Counter = field(default_factory=Counter)  # kind -> count
    skipped: list[SkippedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # placed, but something is missing
    childless_districts: list[str] = field(default_factory=list)  # island districts
    triples: int = 0
    seconds: float = 0.0

    def skip(self, kind: str, entry: str, reason: str) -> None:
        self.skipped.append(SkippedEntry(kind, entry, reason))

    def skipped_counts(self) -> Counter:
        return Counter(entry.kind for entry in self.skipped)

    def counts(self) -> dict[str, tuple[int, int]]:
        """kind -> (imported, skipped), e.g. 'commune pre2025' -> (10035, 0)."""
        skipped = self.skipped_counts()
        return {kind: (self.imported[kind], skipped[kind]) for kind in [*self.imported, *skipped]}

    def summary(self) -> str:
        lines = [f"gazetteer from {PACKAGE} {self.package_version}: {self.triples:,} triples in {self.seconds:.2f} s"]
        lines += [
            f"  {kind:<22} {imported:>6,} imported, {skipped:>4,} skipped"
            for kind, (imported, skipped) in self.counts().items()
        ]
        if self.childless_districts:
            lines.append(f"  districts without communes: {', '.join(self.childless_districts)}")
        for title, items in (
            ("skipped", [f"{e.kind}: {e.entry}: {e.reason}" for e in self.skipped]),
            ("warning", self.warnings),
        ):
            lines += [f"  {title} {item}" for item in items[:20]]
            if len(items) > 20:
                lines.append(f"  … and {len(items) - 20} more ({title})")
        return "\n".join(lines)


# --------------------------------------------------------------------------- the package


@dataclass
class PackageData:
    """What the importer reads from the package; tests hand in doctored copies."""

    version: str
    legacy_rows: list[dict]
    rows_2025: list[dict]
    province_map: dict  # DICT_PROVINCE: new province key -> old province keys
    ward_map: dict  # DICT_PROVINCE_WARD_NO_DIVIDED
    divided_map: dict  # DICT_PROVINCE_WARD_DIVIDED


# Only what is imported: the tables also carry bounds, aliases and keywords (slow to read).
LEGACY_COLUMNS = (
    ", ".join(
        f"{level}{column}"
        for level in ("province", "district", "ward")
        for column in ("", "Short", "Code", "Lat", "Lon", "Key")
    )
    + ", districtType, wardType"
)
COLUMNS_2025 = (
    ", ".join(
        f"{level}{column}" for level in ("province", "ward") for column in ("", "Short", "Code", "Lat", "Lon", "Key")
    )
    + ", wardType, wardAreaKm2"
)


def package_version() -> str:
    return importlib.metadata.version(PACKAGE)


def package_data_dir() -> Path:
    """The package's data directory, found without importing the package: its __init__ loads
    several megabytes of parser tables the gazetteer does not need."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the package {PACKAGE} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def load_package_data() -> PackageData:
    data_dir = package_data_dir()
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    # Read-only: the package directory is not ours to touch.
    con = sqlite3.connect(f"{(data_dir / 'dataset.db').as_uri()}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        legacy = [dict(r) for r in con.execute(f"SELECT {LEGACY_COLUMNS} FROM admin_units_legacy ORDER BY rowid")]
        new = [dict(r) for r in con.execute(f"SELECT {COLUMNS_2025} FROM admin_units ORDER BY rowid")]
    finally:
        con.close()
    return PackageData(
        package_version(),
        legacy,
        new,
        converter["DICT_PROVINCE"],
        converter["DICT_PROVINCE_WARD_NO_DIVIDED"],
        converter["DICT_PROVINCE_WARD_DIVIDED"],
    )


# --------------------------------------------------------------------------- the model


@dataclass(eq=False)
class Unit:
    era: str
    level: str
    code: str
    full_name: str
    short_name: str
    unit_type: str
    parent: Unit | None
    lat: float | None = None
    lon: float | None = None
    area_km2: float | None = None

    @property
    def iri(self) -> str:
        return f"<{_ID}unit/{self.era}/{self.code}>"


class Gazetteer:
    """Units of both eras, indexed by the package's keys, and the succession between them."""

    def __init__(self, report: GazetteerReport):
        self.report = report
        self.units: dict[tuple[str, str], Unit] = {}  # (era, code) -> unit, in read order
        self.legacy_by_key: dict[str, Unit] = {}  # 'prov_dist_ward' / 'prov_dist_'
        self.provinces_by_key: dict[tuple[str, str], Unit] = {}  # (era, province key)
        self.communes_2025_by_key: dict[tuple[str, str], Unit] = {}  # (province key, ward key)
        self.successors: dict[Unit, list[Unit]] = {}
        self.predecessors: dict[Unit, list[Unit]] = {}
        self.default_successor: dict[Unit, Unit] = {}
        self.divided: list[Unit] = []

    def add_unit(
        self, era, level, code, full_name, short_name, type_word, parent, where, lat=None, lon=None, area=None
    ) -> Unit | None:
        """The unit for (era, code), created on first sight; None (and reported) if unplaceable.
        `where` names the package row (ward, district, province) for the report."""

        def skip(reason: str) -> None:
            entry = ", ".join(part for part in where if part) or "(unnamed entry)"
            self.report.skip(f"{level} {era}", entry, reason)

        code, full_name, short_name = (str(x or "").strip() for x in (code, full_name, short_name))
        existing = self.units.get((era, code))
        if existing is not None:  # provinces and districts repeat on every commune's row
            if existing.full_name != full_name or existing.parent is not parent:
                skip(f"code {code} already names {existing.full_name}")
                return None
            return existing
        if not code:
            skip("missing code")
            return None
        if not re.fullmatch(r"\d{%d}" % CODE_LENGTH[level], code):
            skip(f"malformed code {code!r}")
            return None
        unit_type = _unit_type(level, type_word, full_name)
        if unit_type is None:
            skip(f"unknown unit type {type_word or full_name!r}")
            return None
        if not (full_name and short_name):
            skip("missing name")
            return None
        unit = Unit(era, level, code, full_name, short_name, unit_type, parent, lat, lon, area)
        self.units[(era, code)] = unit
        self.report.imported[f"{level} {era}"] += 1
        return unit

    def link(self, old: Unit, new: Unit, default: bool = False, predecessor: bool = True) -> None:
        """`old` is succeeded by `new`; `predecessor=False` when old is not one of the units
        the new one was made from (a district, whose communes were)."""
        if new not in self.successors.setdefault(old, []):
            self.successors[old].append(new)
        if predecessor and old not in self.predecessors.setdefault(new, []):
            self.predecessors[new].append(old)
        if default:
            self.default_successor[old] = new

    def of(self, era: str, level: str) -> list[Unit]:
        return [u for u in self.units.values() if u.era == era and u.level == level]


def _unit_type(level: str, type_word: str | None, full_name: str) -> str | None:
    if level == "province":
        # The package has no province type column: the name starts with it.
        return PROVINCE_TYPES.get(names.split_unit_type(full_name or "")[0])
    table = DISTRICT_TYPES if level == "district" else COMMUNE_TYPES
    return table.get((type_word or "").strip())


def read_units(data: PackageData, gaz: Gazetteer) -> None:
    for row in data.legacy_rows:
        where = (row.get("ward"), row.get("district"), row.get("province"))
        province = gaz.add_unit(
            ERA_PRE2025,
            "province",
            row.get("provinceCode"),
            row.get("province"),
            row.get("provinceShort"),
            None,
            None,
            where,
            row.get("provinceLat"),
            row.get("provinceLon"),
        )
        if province is None:
            continue
        gaz.provinces_by_key[(ERA_PRE2025, row.get("provinceKey"))] = province
        district = gaz.add_unit(
            ERA_PRE2025,
            "district",
            row.get("districtCode"),
            row.get("district"),
            row.get("districtShort"),
            row.get("districtType"),
            province,
            where,
            row.get("districtLat"),
            row.get("districtLon"),
        )
        if district is None:
            continue
        gaz.legacy_by_key[f"{row.get('provinceKey')}_{row.get('districtKey')}_"] = district
        if not row.get("ward") and not row.get("wardCode"):
            # Island districts (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) have no communes.
            gaz.report.childless_districts.append(district.full_name)
            continue
        commune = gaz.add_unit(
            ERA_PRE2025,
            "commune",
            row.get("wardCode"),
            row.get("ward"),
            row.get("wardShort"),
            row.get("wardType"),
            district,
            where,
            row.get("wardLat"),
            row.get("wardLon"),
        )
        if commune is not None:
            gaz.legacy_by_key[f"{row.get('provinceKey')}_{row.get('districtKey')}_{row.get('wardKey')}"] = commune

    for row in data.rows_2025:
        where = (row.get("ward"), row.get("province"))
        province = gaz.add_unit(
            ERA_2025,
            "province",
            row.get("provinceCode"),
            row.get("province"),
            row.get("provinceShort"),
            None,
            None,
            where,
            row.get("provinceLat"),
            row.get("provinceLon"),
        )
        if province is None:
            continue
        gaz.provinces_by_key[(ERA_2025, row.get("provinceKey"))] = province
        commune = gaz.add_unit(
            ERA_2025,
            "commune",
            row.get("wardCode"),
            row.get("ward"),
            row.get("wardShort"),
            row.get("wardType"),
            province,
            where,
            row.get("wardLat"),
            row.get("wardLon"),
            row.get("wardAreaKm2"),
        )
        if commune is not None:
            gaz.communes_2025_by_key[(row.get("provinceKey"), row.get("wardKey"))] = commune


def read_succession(data: PackageData, gaz: Gazetteer) -> None:
    report = gaz.report
    for new_key, old_keys in data.province_map.items():
        new = gaz.provinces_by_key.get((ERA_2025, new_key))
        if new is None:
            report.skip("province succession", new_key, "2025 province key resolves to no unit")
            continue
        for old_key in old_keys:
            old = gaz.provinces_by_key.get((ERA_PRE2025, old_key))
            if old is None:
                report.skip(
                    "province succession", f"{old_key} -> {new_key}", "pre-2025 province key resolves to no unit"
                )
                continue
            gaz.link(old, new)
            report.imported["province succession"] += 1

    for province_key, wards in data.ward_map.items():
        for ward_key, old_keys in wards.items():
            new = gaz.communes_2025_by_key.get((province_key, ward_key))
            for old_key in old_keys:
                entry = f"{old_key} -> {province_key}/{ward_key}"
                old = gaz.legacy_by_key.get(old_key)
                if new is None or old is None:
                    side = "2025 ward key" if new is None else "pre-2025 key"
                    report.skip("commune succession", entry, f"{side} resolves to no unit")
                    continue
                gaz.link(old, new)
                report.imported["commune succession"] += 1

    for province_key, divisions in data.divided_map.items():
        for old_key, parts in divisions.items():
            old = gaz.legacy_by_key.get(old_key)
            if old is None:
                report.skip("division", f"{old_key} -> {province_key}", "pre-2025 key resolves to no unit")
                continue
            placed = []
            for part in parts:
                new = gaz.communes_2025_by_key.get((province_key, part.get("newWardKey")))
                if new is None:
                    report.skip(
                        "division",
                        f"{old_key} -> {province_key}/{part.get('newWardKey')}",
                        "2025 ward key resolves to no unit",
                    )
                    continue
                placed.append((new, bool(part.get("isDefaultNewWard"))))
            if not placed:
                continue
            defaults = [new for new, is_default in placed if is_default]
            if len(defaults) != 1:
                report.warnings.append(
                    f"division of {old.full_name} ({old.code}) has {len(defaults)} default successors; none stated"
                )
            for new, _ in placed:
                gaz.link(old, new, default=len(defaults) == 1 and new is defaults[0])
            gaz.divided.append(old)
            report.imported["division"] += 1

    # A district inherits through its communes (islands map directly, already linked above).
    children: dict[Unit, list[Unit]] = {}
    for commune in gaz.of(ERA_PRE2025, "commune"):
        children.setdefault(commune.parent, []).append(commune)
    for district in gaz.of(ERA_PRE2025, "district"):
        for new in (new for c in children.get(district, []) for new in gaz.successors.get(c, [])):
            gaz.link(district, new, predecessor=False)
    for unit in gaz.units.values():
        if unit.era == ERA_PRE2025 and not gaz.successors.get(unit):
            report.warnings.append(f"{unit.full_name} ({unit.code}) has no 2025 successor")
        if unit.era == ERA_2025 and not gaz.predecessors.get(unit):
            report.warnings.append(f"{unit.full_name} ({unit.code}, 2025) has no predecessor")


# --------------------------------------------------------------------------- N-Quads


def gazetteer_fingerprint() -> str:
    """Changes whenever the output could: package version, tool version, importer source.
    The hash comes first and covers everything, so a truncated fingerprint still tells apart."""
    version = package_version()
    digest = hashlib.sha256(f"{PACKAGE} {version}\nkg {kg.__version__}\n".encode())
    for module in (__file__, names.__file__, _nquads_file()):
        digest.update(Path(module).read_bytes())
    return f"{digest.hexdigest()[:24]}-{PACKAGE}-{version}"


def _nquads_file() -> str:
    """The writer's source (kg.graph.gazetteer_nquads imports this module, so it is found by path)."""
    return str(Path(__file__).with_name("gazetteer_nquads.py"))
