"""The historical gazetteer: province-level units since 1954 and the districts sources name.

Read from the curated CSV files in data/history/ (units.csv, changes.csv, counts.csv; columns in
data/history/README.md) and written as N-Quads into the named graph kg:gazetteer-history:
historical units (`id:unit/hist/{slug}`, era knv:historical) with their validity intervals, the
`kn:validFrom` of the 2024 provinces, dated changes (`id:change/hist/{id}`) with their legal basis,
and `kn:succeededBy` down to the pre2025 units, whence the gazetteer's own chains reach 2025.

A bad row stops the build with one line naming file, row, column and the problem, in Vietnamese
and English (HistoryError).
"""

from __future__ import annotations

from kg.errors import KgError

import csv
import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import kg
from kg import config
from kg import vietnamese as names
from kg.graph.gazetteer import ALT_LABEL, LABEL, PREF_LABEL, A, literal
from kg.iris import BASE, GRAPH_BASE

HISTORY_DIR = config.PROJECT_ROOT / "data" / "history"
GRAPH_IRI = GRAPH_BASE + "gazetteer-history"
ERA = "historical"
HIST_PREFIX = "hist"

_ID, _KN, _KNV = BASE + "id/", BASE + "ontology#", BASE + "vocab/"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_G = f"<{GRAPH_IRI}>"

UNIT_COLUMNS = [
    "id",
    "name",
    "type",
    "level",
    "system",
    "valid_from",
    "valid_until",
    "parent",
    "successors_2024",
    "note",
    "reference",
]
CHANGE_COLUMNS = ["id", "date", "type", "predecessors", "successors", "legal_basis", "reference", "note"]
COUNT_COLUMNS = ["date", "published_total", "scope", "source", "note"]

UNIT_TYPES = {
    "tinh",
    "thanh-pho-truc-thuoc-trung-uong",
    "khu",
    "khu-tu-tri",
    "dac-khu-cap-tinh",
    "huyen",
    "quan",
    "thi-xa",
    "thanh-pho-thuoc-tinh",
}
LEVELS = {"province", "district"}
SYSTEMS = {"national", "revolutionary", "rvn"}
CHANGE_TYPES = {
    "establishment",
    "merger",
    "division",
    "renaming",
    "abolition",
    "transfer",
    "change-of-level",
    "reorganisation",
}
# Changes after which a predecessor that is still valid is a donor, not a predecessor in title.
DONOR_CHANGES = {"transfer", "establishment"}

# Type words that start a historical name, longest first, with their diacritics: folded, "tinh"
# would also strip the first word of Tĩnh Gia.
_TYPE_WORDS = ["khu tự trị", "đặc khu", "đô thành", "thành phố", "thị xã", "huyện", "quận", "tỉnh", "khu"]
_PRE2025 = re.compile(r"pre2025:(\d{2}|\d{3})")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class HistoryError(KgError):
    """A row of the curated CSV files is wrong; the message is one line, Vietnamese / English."""

    def __init__(self, path: Path, row: int, column: str, vi: str, en: str):
        self.path, self.row, self.column = path, row, column
        super().__init__(
            f"{path}: dòng/row {row}, cột/column {column}: {vi} / {en}", vi=f"{path}: dòng {row}, cột {column}: {vi}"
        )


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class HDate:
    """A date with the precision the curators know: day, month or year."""

    text: str

    @property
    def precision(self) -> str:
        return {10: "date", 7: "gYearMonth", 4: "gYear"}[len(self.text)]

    @property
    def first_day(self) -> dt.date:
        y, m, d = (self.text.split("-") + ["1", "1"])[:3]
        return dt.date(int(y), int(m), int(d))

    @property
    def last_day(self) -> dt.date:
        if len(self.text) == 10:
            return self.first_day
        if len(self.text) == 7:
            y, m = map(int, self.text.split("-"))
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(int(self.text), 12, 31)

    def rdf(self) -> str:
        return literal(self.text, datatype=_XSD + self.precision)


def parse_date(text: str) -> HDate | None:
    """'1976-02-24', '1976-02' or '1976'; None for empty; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ValueError(text)
    value = HDate(text)
    _ = (value.first_day, value.last_day)  # a real date: ValueError for 1976-02-30 or month 13
    return value


# --------------------------------------------------------------------------- the records


@dataclass
class HistUnit:
    id: str
    name: str
    type: str
    level: str
    system: str
    valid_from: HDate | None
    valid_until: HDate | None
    parent: str
    successors_2024: list[str]
    note: str
    reference: str
    row: int

    @property
    def is_pre2025(self) -> bool:
        return self.id.startswith("pre2025:")

    @property
    def iri(self) -> str:
        return unit_iri(self.id)

    @property
    def short_name(self) -> str:
        return short_name(self.name)

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from.first_day <= day) and (
            self.valid_until is None or day <= self.valid_until.last_day
        )


@dataclass
class Change:
    id: str
    date: HDate | None
    type: str
    predecessors: list[str]
    successors: list[str]
    legal_basis: str
    reference: str
    note: str
    row: int

    @property
    def iri(self) -> str:
        return f"<{_ID}change/{HIST_PREFIX}/{self.id}>"


@dataclass
class PublishedCount:
    date: HDate
    total: int
    scope: str
    source: str
    note: str


@dataclass
class History:
    units: dict[str, HistUnit] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    counts: list[PublishedCount] = field(default_factory=list)
    succeeded_by: dict[str, list[str]] = field(default_factory=dict)

    def province_units_on(self, day: dt.date, system: str = "national") -> list[HistUnit]:
        return [u for u in self.units.values() if u.level == "province" and u.system == system and u.valid_on(day)]


def units_named(
    history: History,
    name: str,
    day: dt.date,
    level: str | None = None,
    systems: tuple[str, ...] = ("national", "revolutionary"),
) -> list[HistUnit]:
    """The units called `name` (with or without type word and diacritics) valid on `day`, of the
    given systems: by default the names the twinning movement used, not the RVN's."""
    key = names.fold(short_name(name))
    return [
        u
        for u in history.units.values()
        if names.fold(u.short_name) == key
        and u.valid_on(day)
        and u.system in systems
        and (level is None or u.level == level)
    ]


def unit_iri(ref: str) -> str:
    if ref.startswith("pre2025:"):
        return f"<{_ID}unit/pre2025/{ref.split(':', 1)[1]}>"
    return f"<{_ID}unit/{HIST_PREFIX}/{ref}>"


def short_name(name: str) -> str:
    lowered = unicodedata.normalize("NFC", " ".join(name.split())).lower()
    for word in _TYPE_WORDS:
        if lowered.startswith(word + " "):
            return " ".join(name.split()[len(word.split()) :])
    return name.strip()


def party_key(ref: str) -> str:
    """The key of a unit in relation IRIs: hist-{slug} or pre2025-{code}."""
    return ref.replace(":", "-") if ref.startswith("pre2025:") else f"hist-{ref}"


# --------------------------------------------------------------------------- reading


def _rows(path: Path, columns: list[str]):
    """(row number as a spreadsheet shows it, dict) per data row; the header must be exact."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise HistoryError(path, 0, "-", "không có tệp", "file missing") from None
    except UnicodeDecodeError as exc:
        raise HistoryError(path, 0, "-", f"không phải UTF-8 ({exc.reason})", f"not UTF-8 ({exc.reason})") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header != columns:
        raise HistoryError(
            path, 1, "-", f"tiêu đề phải là {','.join(columns)}", f"the header must be {','.join(columns)}"
        )
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(columns):
            raise HistoryError(
                path,
                number,
                "-",
                f"có {len(values)} cột, cần {len(columns)} (dấu phẩy trong ô phải nằm trong ngoặc kép)",
                f"has {len(values)} columns, needs {len(columns)} (a comma inside a cell needs double quotes)",
            )
        yield number, {c: v.strip() for c, v in zip(columns, values)}


def _date(path, number, column, text) -> HDate | None:
    try:
        return parse_date(text)
    except ValueError:
        raise HistoryError(
            path,
            number,
            column,
            f"ngày không hợp lệ {text!r} (YYYY-MM-DD, YYYY-MM hoặc YYYY)",
            f"invalid date {text!r} (YYYY-MM-DD, YYYY-MM or YYYY)",
        ) from None


def _refs(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def read_history(directory: Path | None = None, pre2025: dict[str, str] | None = None) -> History:
    """The three files, checked. `pre2025` maps the gazetteer's pre2025 codes to their full names
    (None: pre2025 references are checked for form only)."""
    directory = Path(directory or HISTORY_DIR)
    history = History()
    path = directory / "units.csv"
    slugs: dict[str, int] = {}  # slug -> row of the unit that has it plain
    for number, row in _rows(path, UNIT_COLUMNS):

        def fail(column, vi, en, number=number):
            raise HistoryError(path, number, column, vi, en)

        uid = row["id"]
        if uid in history.units:
            fail(
                "id",
                f"trùng mã {uid} (dòng {history.units[uid].row}); đơn vị khác cùng tên thì thêm -năm bắt đầu",
                f"duplicate id {uid} (row {history.units[uid].row}); another unit of "
                "the same name adds -its first year",
            )
        if not row["name"]:
            fail("name", "thiếu tên", "name missing")
        for column, allowed in (("type", UNIT_TYPES), ("level", LEVELS), ("system", SYSTEMS)):
            if row[column] not in allowed:
                fail(
                    column,
                    f"{row[column]!r} không thuộc {sorted(allowed)}",
                    f"{row[column]!r} is not one of {sorted(allowed)}",
                )
        start = _date(path, number, "valid_from", row["valid_from"])
        end = _date(path, number, "valid_until", row["valid_until"])
        if start and end and start.first_day > end.last_day:
            fail("valid_until", "kết thúc trước khi bắt đầu", "ends before it starts")
        if uid.startswith("pre2025:"):
            match = _PRE2025.fullmatch(uid)
            if not match:
                fail("id", f"mã pre2025 sai dạng {uid!r}", f"malformed pre2025 id {uid!r}")
            if pre2025 is not None:
                known = pre2025.get(match.group(1))
                if known is None:
                    fail("id", f"{uid} không có trong danh mục 2024", f"{uid} is not a 2024 unit")
                elif names.fold(known) != names.fold(row["name"]):
                    fail("name", f"danh mục 2024 gọi {uid} là {known!r}", f"the 2024 gazetteer names {uid} {known!r}")
        else:
            slug = names.slugify(row["name"])
            year = start.text[:4] if start else None
            if uid == slug:
                slugs[slug] = number
            elif year and uid == f"{slug}-{year}":
                if slug not in slugs:
                    fail(
                        "id",
                        f"chỉ thêm năm khi một đơn vị ở dòng trên đã mang {slug!r}",
                        f"add the year only when a unit on an earlier row has {slug!r}",
                    )
            else:
                fail(
                    "id",
                    f"mã phải là {slug!r} (slug của tên có từ chỉ loại)",
                    f"the id must be {slug!r} (the slug of the name with its type word)",
                )
        unit = HistUnit(
            uid,
            row["name"],
            row["type"],
            row["level"],
            row["system"],
            start,
            end,
            row["parent"],
            _refs(row["successors_2024"]),
            row["note"],
            row["reference"],
            number,
        )
        history.units[uid] = unit

    def check_ref(ref, where_path, number, column, allow_pre2025=True):
        if ref in history.units:
            return
        if allow_pre2025 and _PRE2025.fullmatch(ref):
            if pre2025 is None or ref.split(":", 1)[1] in pre2025:
                return
            raise HistoryError(
                where_path, number, column, f"{ref} không có trong danh mục 2024", f"{ref} is not a 2024 unit"
            )
        raise HistoryError(where_path, number, column, f"không biết đơn vị {ref!r}", f"unknown unit {ref!r}")

    for unit in history.units.values():
        if unit.parent:
            check_ref(unit.parent, path, unit.row, "parent")
        for ref in unit.successors_2024:
            if not _PRE2025.fullmatch(ref):
                raise HistoryError(
                    path,
                    unit.row,
                    "successors_2024",
                    f"{ref!r} không phải đơn vị pre2025",
                    f"{ref!r} is not a pre2025 unit",
                )
            check_ref(ref, path, unit.row, "successors_2024")

    path = directory / "changes.csv"
    seen: dict[str, int] = {}
    for number, row in _rows(path, CHANGE_COLUMNS):

        def fail(column, vi, en, number=number):
            raise HistoryError(path, number, column, vi, en)

        if not _SLUG.fullmatch(row["id"]):
            fail("id", f"mã phải là slug ASCII, có {row['id']!r}", f"the id must be an ASCII slug, got {row['id']!r}")
        if row["id"] in seen:
            fail("id", f"trùng mã (dòng {seen[row['id']]})", f"duplicate id (row {seen[row['id']]})")
        seen[row["id"]] = number
        if row["type"] not in CHANGE_TYPES:
            fail(
                "type",
                f"{row['type']!r} không thuộc {sorted(CHANGE_TYPES)}",
                f"{row['type']!r} is not one of {sorted(CHANGE_TYPES)}",
            )
        date = _date(path, number, "date", row["date"])
        if date is None and not row["note"]:
            fail("note", "ngày để trống thì phải ghi chú vì sao", "an empty date needs a note saying why")
        preds, succs = _refs(row["predecessors"]), _refs(row["successors"])
        if not preds:
            fail("predecessors", "cần ít nhất một đơn vị trước", "needs at least one predecessor")
        if not succs and row["type"] != "abolition":
            fail(
                "successors",
                "cần ít nhất một đơn vị sau (trừ giải thể)",
                "needs at least one successor (except an abolition)",
            )
        for column, refs in (("predecessors", preds), ("successors", succs)):
            for ref in refs:
                check_ref(ref, path, number, column)
                found = history.units.get(ref)
                if date is None or found is None:
                    continue
                if column == "predecessors" and found.valid_from and found.valid_from.first_day > date.last_day:
                    fail(
                        column,
                        f"{ref} bắt đầu ({found.valid_from.text}) sau thay đổi",
                        f"{ref} starts ({found.valid_from.text}) after the change",
                    )
                if column == "successors" and found.valid_until and found.valid_until.last_day < date.first_day:
                    fail(
                        column,
                        f"{ref} kết thúc ({found.valid_until.text}) trước thay đổi",
                        f"{ref} ends ({found.valid_until.text}) before the change",
                    )
        history.changes.append(
            Change(
                row["id"], date, row["type"], preds, succs, row["legal_basis"], row["reference"], row["note"], number
            )
        )

    path = directory / "counts.csv"
    for number, row in _rows(path, COUNT_COLUMNS):
        date = _date(path, number, "date", row["date"])
        if date is None:
            raise HistoryError(path, number, "date", "thiếu ngày", "date missing")
        if not row["published_total"].isdigit():
            raise HistoryError(
                path, number, "published_total", "phải là số nguyên dương", "must be a positive whole number"
            )
        history.counts.append(
            PublishedCount(date, int(row["published_total"]), row["scope"], row["source"], row["note"])
        )

    _derive_succession(history)
    for unit in history.units.values():
        reached = _reachable(history, unit.id)
        for ref in unit.successors_2024:
            if ref not in reached:
                raise HistoryError(
                    directory / "units.csv",
                    unit.row,
                    "successors_2024",
                    f"không thay đổi nào (changes.csv) dẫn từ {unit.id} tới {ref}",
                    f"no change in changes.csv leads from {unit.id} to {ref}",
                )
    return history


def _derive_succession(history: History) -> None:
    """A predecessor is succeeded by the change's successors unless it is one of them or, in a
    transfer or an establishment, outlives the change (a donor of territory)."""
    for change in history.changes:
        for ref in change.predecessors:
            if ref in change.successors:
                continue
            unit = history.units.get(ref)
            if change.type in DONOR_CHANGES and (
                unit is None
                or unit.valid_until is None
                or (change.date is not None and unit.valid_until.last_day >= change.date.last_day)
            ):
                continue
            targets = history.succeeded_by.setdefault(ref, [])
            targets.extend(s for s in change.successors if s not in targets)


def _reachable(history: History, start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in history.succeeded_by.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


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
        f"<{_ID}policy/legal-{names.slugify(text)}>", text, number.group(1) if number else None, issued, issuer
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

    dataset = f"<{_ID}dataset/gazetteer-history-{dataset_version}>"
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
        issuer = f"<{_ID}org/{key}>"
        issuers[issuer] = (vi, en)
        add(doc.iri, A, _kn("PolicyDocument"))
        add(doc.iri, f"<{_DCT}source>", dataset)
        add(doc.iri, PREF_LABEL, literal(doc.label, "vi"))
        add(doc.iri, _kn("policyType"), _knv("legal-act"))
        add(doc.iri, _kn("issuedBy"), issuer)
        if doc.number:
            add(doc.iri, _kn("documentNumber"), literal(doc.number))
        if doc.issued_on:
            add(doc.iri, _kn("issuedOn"), literal(doc.issued_on, datatype=_XSD + "date"))
    for issuer, (vi, en) in issuers.items():
        add(issuer, A, _kn("Organization"))
        add(issuer, f"<{_DCT}source>", dataset)
        add(issuer, PREF_LABEL, literal(vi, "vi"))
        add(issuer, PREF_LABEL, literal(en, "en"))
    return out


# --------------------------------------------------------------------------- entry points


def history_files(directory: Path | None = None) -> list[Path]:
    return [Path(directory or HISTORY_DIR) / name for name in ("units.csv", "changes.csv", "counts.csv")]


def history_fingerprint(directory: Path | None = None) -> str:
    digest = hashlib.sha256(f"kg {kg.__version__}\n".encode())
    for path in [*history_files(directory), Path(__file__), Path(names.__file__)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def pre2025_names() -> dict[str, str]:
    """The gazetteer's pre2025 province and district codes with their full names, read straight
    from the package's table, much faster than loading the whole package data."""
    import sqlite3

    from kg.graph import gazetteer

    path = gazetteer.package_data_dir() / "dataset.db"
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT DISTINCT provinceCode, province, districtCode, district FROM admin_units_legacy"
        ).fetchall()
    finally:
        con.close()
    found: dict[str, str] = {}
    for province_code, province, district_code, district in rows:
        for code, name in ((province_code, province), (district_code, district)):
            if code:
                found.setdefault(str(code), name or "")
    return found


def write_history(path: Path, directory: Path | None = None) -> str:
    """Write the graph as N-Quads to `path`; return a one-line summary."""
    history = read_history(directory, pre2025_names())
    lines = history_lines(history, history_fingerprint(directory)[:12], directory)
    Path(path).write_text("".join(lines), encoding="utf-8")
    kinds = Counter("pre2025" if u.is_pre2025 else f"{u.level} {u.system}" for u in history.units.values())
    return f"historical gazetteer: {len(lines):,} triples, {len(history.changes)} changes, units: " + ", ".join(
        f"{k} {n}" for k, n in sorted(kinds.items())
    )


# --------------------------------------------------------------------------- coverage report

REPORT_NOTICE = (
    "<!-- GENERATED by `kg docs` from data/history/*.csv and the gazetteer package — do not edit by hand. -->"
)
PERIODS = [
    (1954, 1959),
    (1960, 1965),
    (1966, 1975),
    (1976, 1988),
    (1989, 1996),
    (1997, 2007),
    (2008, 2024),
    (2025, 2025),
]
CORPUS_COLUMNS = ["name", "level", "date", "article", "note"]


def resolve_name(history: History, pre2025: dict[str, str], name: str, level: str, day: dt.date | None) -> list[str]:
    """The units a corpus name may mean on `day` (any day when None): historical units first (all
    systems), else 2024 units of the same name -- with the type word when the name has one."""
    has_type = short_name(name) != name.strip()
    key = names.fold(name if has_type else short_name(name))

    def named(full: str) -> bool:
        return names.fold(full if has_type else short_name(full)) == key

    hist = [
        u.id
        for u in history.units.values()
        if not u.is_pre2025 and u.level == level and named(u.name) and (day is None or u.valid_on(day))
    ]
    if hist:
        return hist
    length = 2 if level == "province" else 3
    found = []
    for code, full in sorted(pre2025.items()):
        unit = history.units.get(f"pre2025:{code}")
        if len(code) == length and named(full) and (day is None or unit is None or unit.valid_on(day)):
            found.append(f"pre2025:{code}")
    return found


def coverage_page(directory: Path | None = None) -> str:
    """docs/gazetteer-history.md: what the historical gazetteer holds, the province counts next to
    the published totals, and how the corpus's names resolve."""
    directory = Path(directory or HISTORY_DIR)
    pre2025 = pre2025_names()
    history = read_history(directory, pre2025)
    units = list(history.units.values())
    hist_units = [u for u in units if not u.is_pre2025]
    out = [
        REPORT_NOTICE,
        "",
        "# Historical gazetteer: coverage / Độ phủ của danh mục lịch sử",
        "",
        (
            f"{len(hist_units)} historical units and {len(history.changes)} change events in "
            "[data/history/](../data/history/README.md), plus the `kn:validFrom` of the "
            f"{sum(u.is_pre2025 for u in units)} provinces of 2024. Model and identity rules: "
            "[iri-scheme.md](iri-scheme.md#units-over-time-the-historical-gazetteer)."
        ),
        "",
        "## Units and change events per period",
        "",
        (
            "Units valid at some time in the period (2024 provinces included), by system and level; "
            "change events dated in the period."
        ),
        "",
        "| period | national provinces | revolutionary provinces | RVN provinces | districts | change events |",
        "|---|---|---|---|---|---|",
    ]
    for start, end in PERIODS:
        first, last = dt.date(start, 1, 1), dt.date(end, 12, 31)

        def during(u, first=first, last=last):
            return (u.valid_from is None or u.valid_from.first_day <= last) and (
                u.valid_until is None or u.valid_until.last_day >= first
            )

        counts = [
            sum(1 for u in units if u.level == "province" and u.system == system and during(u))
            for system in ("national", "revolutionary", "rvn")
        ]
        districts = sum(1 for u in units if u.level == "district" and during(u))
        changes = sum(1 for c in history.changes if c.date and first <= c.date.first_day <= last)
        label = str(start) if start == end else f"{start}–{end}"
        out.append(f"| {label} | {' | '.join(map(str, counts))} | {districts} | {changes} |")
    undated = [c for c in history.changes if c.date is None]
    out += [
        "",
        f"Undated change events ({len(undated)}, each with a note): " + ", ".join(f"`{c.id}`" for c in undated) + ".",
        "",
        "## Province-level units at the reference dates",
        "",
        (
            "Units of the national system (the DRV, then the unified state) valid on the date, "
            "computed from the dataset, next to the published total."
        ),
        "",
        "| date | in the dataset | published | source |",
        "|---|---|---|---|",
    ]
    for count in history.counts:
        n = len(history.province_units_on(count.date.first_day))
        mark = "" if n == count.total else " **differs**"
        source = f"[{count.source.split('/')[2]}]({count.source})" if count.source.startswith("http") else "—"
        note = f" ({count.note})" if count.note else ""
        out.append(f"| {count.date.text} | {n}{mark} | {count.total} | {source}{note} |")
    shared = sorted(u.id for u in hist_units if re.search(r"-\d{4}$", u.id))
    out += [
        "",
        "## Slugs that needed a year",
        "",
        "Two historical units with the same name: the later one takes `-{first year}`: "
        + ", ".join(f"`hist:{s}`" for s in shared)
        + ".",
        "",
        "## Names in the corpus",
        "",
        (
            "Unit names the articles of `/work/shared/corpus/` use, as listed in "
            "[data/history/corpus-names.csv](../data/history/corpus-names.csv), resolved on the date "
            "of the fact (a name a 2024 unit still bears is that unit)."
        ),
        "",
        "| name | level | date | article | resolves to |",
        "|---|---|---|---|---|",
    ]
    unresolved = []
    for number, row in _rows(directory / "corpus-names.csv", CORPUS_COLUMNS):
        date = _date(directory / "corpus-names.csv", number, "date", row["date"])
        found = resolve_name(history, pre2025, row["name"], row["level"], date.first_day if date else None)
        shown = ", ".join(f"`{'hist:' + f if not f.startswith('pre2025') else f}`" for f in found)
        if not found:
            unresolved.append(row)
            shown = "**unresolved**" + (f" ({row['note']})" if row["note"] else "")
        out.append(f"| {row['name']} | {row['level']} | {row['date'] or '—'} | {row['article']} | {shown} |")
    out += [
        "",
        f"Still unresolved: {len(unresolved)}"
        + (": " + ", ".join(r["name"] for r in unresolved) if unresolved else "")
        + ".",
    ]
    return "\n".join(out).rstrip() + "\n"
