"""The national gazetteer: Vietnam's administrative units in both eras and their succession.

Imported from the PyPI package `vietnamadminunits` (MIT), which ships the 63-province structure
(`admin_units_legacy`), the 34-province structure of 1 July 2025 (`admin_units`) and the
legacy→2025 conversion table (`converter_2025.json`). The result is the named graph
kg:gazetteer, written as N-Quads text directly: about 14,000 units and a quarter of a million
triples must come out in about a second, which building an rdflib graph cannot do.

Nothing is guessed: an entry that cannot be placed (missing or malformed code, unknown unit
type, a mapping key that names no unit) is left out and listed in the GazetteerReport.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import kg
from kg import vietnamese as names
from kg.iris import (
    BASE,
    ERA_2025,
    ERA_PRE2025,
    GAZETTEER_GRAPH,
    LAST_DAY_PRE2025,
    REFORM_DATE,
)

PACKAGE = "vietnamadminunits"
PACKAGE_URL = f"https://pypi.org/project/{PACKAGE}/"

# Term IRIs, pre-wrapped in <> because every line is formatted by hand.
_ID, _KN, _KNV = BASE + "id/", BASE + "ontology#", BASE + "vocab/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_GEO = "http://www.opengis.net/ont/geosparql#"
_DCT = "http://purl.org/dc/terms/"


def _iri(text: str) -> str:
    return f"<{text}>"


A, LABEL = _iri(_RDF + "type"), _iri(_RDFS + "label")
KN = {
    name: _iri(_KN + name)
    for name in (
        "AdministrativeUnit",
        "AdministrativeChange",
        "Dataset",
        "code",
        "era",
        "level",
        "unitType",
        "partOf",
        "validFrom",
        "validUntil",
        "areaKm2",
        "succeededBy",
        "defaultSuccessor",
        "changeType",
        "predecessor",
        "successor",
        "changeDate",
        "toolVersion",
    )
}
PREF_LABEL, ALT_LABEL = _iri(_SKOS + "prefLabel"), _iri(_SKOS + "altLabel")
HAS_CENTROID, AS_WKT = _iri(_GEO + "hasCentroid"), _iri(_GEO + "asWKT")
WKT, XSD_DATE, XSD_DECIMAL = _GEO + "wktLiteral", _XSD + "date", _XSD + "decimal"
GRAPH = _iri(str(GAZETTEER_GRAPH))

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

# N-Triples string escapes (ECHAR); other control characters as \\u escapes.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_ESCAPES.update({chr(c): f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if chr(c) not in _ESCAPES})
_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    quoted = '"' + str(text).translate(_ESCAPE_TABLE) + '"'
    if lang:
        return f"{quoted}@{lang}"
    if datatype:
        return f"{quoted}^^<{datatype}>"
    return quoted


def _decimal(number: float) -> str:
    """xsd:decimal lexical form: no exponent, whatever the float's repr."""
    text = format(Decimal(repr(float(number))), "f")
    return text + ".0" if "." not in text else text


def _unit_lines(unit: Unit, out: list[str]) -> None:
    s, g = unit.iri, GRAPH

    def add(p, o):
        out.append(f"{s} {p} {o} {g} .\n")

    add(A, KN["AdministrativeUnit"])
    add(KN["code"], literal(unit.code))
    add(KN["era"], _iri(_KNV + unit.era))
    add(KN["level"], _iri(_KNV + unit.level))
    add(KN["unitType"], _iri(_KNV + unit.unit_type))
    add(PREF_LABEL, literal(unit.full_name, "vi"))
    add(LABEL, literal(unit.short_name, "vi"))
    add(ALT_LABEL, literal(names.strip_diacritics(unit.short_name)))
    if unit.parent is not None:
        add(KN["partOf"], unit.parent.iri)
    if unit.era == ERA_PRE2025:
        add(KN["validUntil"], literal(LAST_DAY_PRE2025, datatype=XSD_DATE))
    else:
        add(KN["validFrom"], literal(REFORM_DATE, datatype=XSD_DATE))
    if unit.lat is not None and unit.lon is not None:
        centroid = s[:-1] + "/centroid>"
        add(HAS_CENTROID, centroid)
        wkt = literal(f"POINT({_decimal(unit.lon)} {_decimal(unit.lat)})", datatype=WKT)
        out.append(f"{centroid} {AS_WKT} {wkt} {g} .\n")
    if unit.area_km2:  # the package writes 0.0 where the area is unknown: leave it out
        add(KN["areaKm2"], literal(_decimal(unit.area_km2), datatype=XSD_DECIMAL))


def _change_lines(iri: str, change_type: str, predecessors, successors, out: list[str]) -> None:
    g = GRAPH
    out += [
        f"{iri} {A} {KN['AdministrativeChange']} {g} .\n",
        f"{iri} {KN['changeType']} {_iri(_KNV + change_type)} {g} .\n",
        f"{iri} {KN['changeDate']} {literal(REFORM_DATE, datatype=XSD_DATE)} {g} .\n",
    ]
    out.extend(f"{iri} {KN['predecessor']} {u.iri} {g} .\n" for u in predecessors)
    out.extend(f"{iri} {KN['successor']} {u.iri} {g} .\n" for u in successors)


def _succession_lines(gaz: Gazetteer, out: list[str]) -> None:
    g = GRAPH
    for old, news in gaz.successors.items():
        out.extend(f"{old.iri} {KN['succeededBy']} {new.iri} {g} .\n" for new in news)
        if old in gaz.default_successor:
            out.append(f"{old.iri} {KN['defaultSuccessor']} {gaz.default_successor[old].iri} {g} .\n")
    # One change per 2025 unit: what it was made from.
    for new in gaz.units.values():
        olds = gaz.predecessors.get(new)
        if new.era != ERA_2025 or not olds:
            continue
        kind = "merger" if len(olds) >= 2 else "renaming" if olds[0].short_name != new.short_name else "reorganisation"
        _change_lines(f"<{_ID}change/{ERA_2025}/{new.code}>", kind, olds, [new], out)
    for old in gaz.divided:
        _change_lines(f"<{_ID}change/{ERA_PRE2025}/{old.code}>", "division", [old], gaz.successors[old], out)
    for district in gaz.of(ERA_PRE2025, "district"):
        _change_lines(
            f"<{_ID}change/{ERA_PRE2025}/{district.code}>",
            "abolition",
            [district],
            gaz.successors.get(district, []),
            out,
        )


def _provenance_lines(version: str, out: list[str]) -> None:
    s, g = f"<{_ID}dataset/{PACKAGE}-{version}>", GRAPH
    title = (
        f"{PACKAGE} {version}: Vietnamese administrative units before and from 1 July 2025, "
        "with the 2025 conversion table"
    )
    title_vi = (
        f"{PACKAGE} {version}: đơn vị hành chính Việt Nam trước và từ ngày 1/7/2025, kèm bảng chuyển đổi năm 2025"
    )
    out += [
        f"{GRAPH} <http://www.w3.org/ns/prov#wasDerivedFrom> {s} {g} .\n",
        f"{s} {A} {KN['Dataset']} {g} .\n",
        f"{s} <{_DCT}title> {literal(title, 'en')} {g} .\n",
        f"{s} <{_DCT}title> {literal(title_vi, 'vi')} {g} .\n",
        f"{s} <{_DCT}license> {literal('MIT')} {g} .\n",
        f"{s} <{_DCT}source> {literal(PACKAGE_URL)} {g} .\n",
        f"{s} <http://www.w3.org/2002/07/owl#versionInfo> {literal(version)} {g} .\n",
        f"{s} {KN['toolVersion']} {literal(kg.__version__)} {g} .\n",
    ]


def gazetteer_lines(data: PackageData, report: GazetteerReport) -> list[str]:
    """The whole graph as N-Quads lines; fills in the report."""
    report.package_version = data.version
    gaz = Gazetteer(report)
    read_units(data, gaz)
    read_succession(data, gaz)
    out: list[str] = []
    _provenance_lines(data.version, out)
    for unit in gaz.units.values():
        _unit_lines(unit, out)
    _succession_lines(gaz, out)
    report.triples = len(out)
    return out


def write_gazetteer(path: Path, data: PackageData | None = None) -> GazetteerReport:
    """Write the gazetteer graph as N-Quads to `path` (atomically) and report what was read."""
    started = time.perf_counter()
    report = GazetteerReport()
    lines = gazetteer_lines(data or load_package_data(), report)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text("".join(lines), encoding="utf-8")
    os.replace(partial, path)  # a cached file is either complete or absent
    report.seconds = time.perf_counter() - started
    return report


def gazetteer_fingerprint() -> str:
    """Changes whenever the output could: package version, tool version, importer source.
    The hash comes first and covers everything, so a truncated fingerprint still tells apart."""
    version = package_version()
    digest = hashlib.sha256(f"{PACKAGE} {version}\nkg {kg.__version__}\n".encode())
    for module in (__file__, names.__file__):
        digest.update(Path(module).read_bytes())
    return f"{digest.hexdigest()[:24]}-{PACKAGE}-{version}"
