"""The historical gazetteer as N-Quads in its named graph kg:gazetteer-history: the dataset's
description, the units with their validity, kn:succeededBy, the dated changes and the legal
documents (with their issuers) that the changes' legal-basis cells name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import kg
from kg import vietnamese as names
from kg.graph.gazetteer_nquads import ALT_LABEL, LABEL, PREF_LABEL, A, literal
from kg.graph.history_records import (
    ERA,
    GRAPH_IRI,
    HISTORY_DIR,
    ID_NS,
    XSD_NS,
    History,
    HistoryError,
    unit_iri,
)
from kg.iris import BASE

_KN, _KNV = BASE + "ontology#", BASE + "vocab/"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_G = f"<{GRAPH_IRI}>"


# --------------------------------------------------------------------------- legal documents

# Issuers of the legal bases, recognised in the text (checked in this order).
ISSUERS = [
    (
        re.compile(r"Ủy ban Thường vụ Quốc hội|UBTVQH|TVQH"),
        "uy-ban-thuong-vu-quoc-hoi",
        "Ủy ban Thường vụ Quốc hội",
        "Standing Committee of the National Assembly",
    ),
    (re.compile(r"Quốc hội|/QH"), "quoc-hoi", "Quốc hội", "National Assembly"),
    (
        re.compile(r"NĐ-76|QĐ-76"),
        "chinh-phu-cach-mang-lam-thoi",
        "Chính phủ Cách mạng lâm thời Cộng hòa miền Nam Việt Nam",
        "Provisional Revolutionary Government of the Republic of South Vietnam",
    ),
    (
        re.compile(r"/SL|Sắc lệnh"),
        "chu-tich-nuoc",
        "Chủ tịch nước Việt Nam Dân chủ Cộng hòa",
        "President of the Democratic Republic of Vietnam",
    ),
    (re.compile(r"NĐ-CP|NQ-CP|/CP|Chính phủ"), "chinh-phu", "Chính phủ", "Government"),
]
_NUMBER = re.compile(r"\b(\d+[/-][\w/.-]*[^\W\d_][\w/.-]*)")  # 933/NQ-UBTVQH14: has a letter
_DOC_DATE = re.compile(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)")


@dataclass
class LegalDocument:
    iri: str
    label: str
    number: str | None
    issued_on: str | None
    issuer: tuple[str, str, str]  # key, Vietnamese name, English name


def legal_document(text: str) -> LegalDocument | None:
    """The document a legal-basis cell names, or None when no issuer is recognised."""
    issuer = next(((key, vi, en) for pattern, key, vi, en in ISSUERS if pattern.search(text)), None)
    if issuer is None:
        return None
    date = _DOC_DATE.search(text)
    number = _NUMBER.search(_DOC_DATE.sub("", text))
    issued = f"{date.group(3)}-{int(date.group(2)):02d}-{int(date.group(1)):02d}" if date else None
    return LegalDocument(
        f"<{ID_NS}policy/legal-{names.slugify(text)}>", text, number.group(1) if number else None, issued, issuer
    )


# --------------------------------------------------------------------------- N-Quads


def _kn(name: str) -> str:
    return f"<{_KN}{name}>"


def _knv(name: str) -> str:
    return f"<{_KNV}{name}>"


def history_lines(history: History, dataset_version: str, directory: Path | None = None) -> list[str]:
    out: list[str] = []

    def add(s, p, o):
        out.append(f"{s} {p} {o} {_G} .\n")

    dataset = f"<{ID_NS}dataset/gazetteer-history-{dataset_version}>"
    add(_G, "<http://www.w3.org/ns/prov#wasDerivedFrom>", dataset)
    add(dataset, A, _kn("Dataset"))
    add(
        dataset,
        f"<{_DCT}title>",
        literal(
            "Đơn vị hành chính lịch sử của Việt Nam từ 1954 (tỉnh và các huyện nguồn nêu), biên soạn thủ công", "vi"
        ),
    )
    add(
        dataset,
        f"<{_DCT}title>",
        literal(
            "Historical administrative units of Vietnam since 1954 "
            "(provinces and the districts sources name), hand-curated",
            "en",
        ),
    )
    add(dataset, f"<{_DCT}source>", literal("data/history/units.csv, data/history/changes.csv"))
    add(dataset, "<http://www.w3.org/2002/07/owl#versionInfo>", literal(dataset_version))
    add(dataset, _kn("toolVersion"), literal(kg.__version__))

    for unit in history.units.values():
        s = unit.iri
        add(s, _kn("administrativeSystem"), _knv(f"system-{unit.system}"))
        if unit.valid_from:
            add(s, _kn("validFrom"), unit.valid_from.rdf())
        if unit.is_pre2025:
            continue  # the gazetteer says everything else about it
        add(s, A, _kn("AdministrativeUnit"))
        add(s, _kn("era"), _knv(ERA))
        add(s, _kn("level"), _knv(unit.level))
        add(s, _kn("unitType"), _knv(unit.type))
        add(s, PREF_LABEL, literal(unit.name, "vi"))
        add(s, LABEL, literal(unit.short_name, "vi"))
        add(s, ALT_LABEL, literal(names.strip_diacritics(unit.short_name)))
        if unit.valid_until:
            add(s, _kn("validUntil"), unit.valid_until.rdf())
        if unit.parent:
            add(s, _kn("partOf"), unit_iri(unit.parent))
        if unit.note:
            add(s, f"<{_SKOS}note>", literal(unit.note, "en"))
        if unit.reference:
            add(s, f"<{_DCT}bibliographicCitation>", literal(unit.reference))

    for ref, targets in history.succeeded_by.items():
        for target in targets:
            add(unit_iri(ref), _kn("succeededBy"), unit_iri(target))

    documents: dict[str, LegalDocument] = {}
    for change in history.changes:
        s = change.iri
        add(s, A, _kn("AdministrativeChange"))
        add(s, _kn("changeType"), _knv(change.type))
        if change.date:
            add(s, _kn("changeDate"), change.date.rdf())
        for ref in change.predecessors:
            add(s, _kn("predecessor"), unit_iri(ref))
        for ref in change.successors:
            add(s, _kn("successor"), unit_iri(ref))
        if change.note:
            add(s, f"<{_SKOS}note>", literal(change.note, "en"))
        if change.reference:
            add(s, f"<{_DCT}bibliographicCitation>", literal(change.reference))
        if change.legal_basis:
            doc = legal_document(change.legal_basis)
            if doc is None:
                raise HistoryError(
                    Path(directory or HISTORY_DIR) / "changes.csv",
                    change.row,
                    "legal_basis",
                    "không nhận ra cơ quan ban hành",
                    "the issuing body is not recognised",
                )
            documents[doc.iri] = doc
            add(s, _kn("legalBasis"), doc.iri)

    issuers = {}
    for doc in documents.values():
        key, vi, en = doc.issuer
        issuer = f"<{ID_NS}org/{key}>"
        issuers[issuer] = (vi, en)
        add(doc.iri, A, _kn("PolicyDocument"))
        add(doc.iri, f"<{_DCT}source>", dataset)
        add(doc.iri, PREF_LABEL, literal(doc.label, "vi"))
        add(doc.iri, _kn("policyType"), _knv("legal-act"))
        add(doc.iri, _kn("issuedBy"), issuer)
        if doc.number:
            add(doc.iri, _kn("documentNumber"), literal(doc.number))
        if doc.issued_on:
            add(doc.iri, _kn("issuedOn"), literal(doc.issued_on, datatype=XSD_NS + "date"))
    for issuer, (vi, en) in issuers.items():
        add(issuer, A, _kn("Organization"))
        add(issuer, f"<{_DCT}source>", dataset)
        add(issuer, PREF_LABEL, literal(vi, "vi"))
        add(issuer, PREF_LABEL, literal(en, "en"))
    return out
