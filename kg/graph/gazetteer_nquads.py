"""The national gazetteer as N-Quads text in its named graph kg:gazetteer, formatted by hand:
about 14,000 units and a quarter of a million triples in about a second (kg.graph.gazetteer
reads them from the package). `literal` is the N-Triples literal every hand-written line uses."""

from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path

import kg
from kg import vietnamese as names
from kg.graph.gazetteer import (
    PACKAGE,
    PACKAGE_URL,
    Gazetteer,
    GazetteerReport,
    PackageData,
    Unit,
    load_package_data,
    read_succession,
    read_units,
)
from kg.iris import (
    BASE,
    ERA_2025,
    ERA_PRE2025,
    GAZETTEER_GRAPH,
    LAST_DAY_PRE2025,
    REFORM_DATE,
)

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
