"""The records of the historical gazetteer (kg.graph.gazetteer_history reads them from
data/history/): dated units and changes, published counts, the IRIs of historical units, and
HistoryError, the one-line bilingual report of a bad CSV cell."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg import config
from kg import vietnamese as names
from kg.errors import KgError
from kg.graph.gazetteer_nquads import literal
from kg.iris import BASE, GRAPH_BASE

HISTORY_DIR = config.PROJECT_ROOT / "data" / "history"
GRAPH_IRI = GRAPH_BASE + "gazetteer-history"
ERA = "historical"
HIST_PREFIX = "hist"
ID_NS = BASE + "id/"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"

# Type words that start a historical name, longest first, with their diacritics: folded, "tinh"
# would also strip the first word of Tĩnh Gia.
_TYPE_WORDS = ["khu tự trị", "đặc khu", "đô thành", "thành phố", "thị xã", "huyện", "quận", "tỉnh", "khu"]


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
        return literal(self.text, datatype=XSD_NS + self.precision)


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
        return f"<{ID_NS}change/{HIST_PREFIX}/{self.id}>"


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
        return f"<{ID_NS}unit/pre2025/{ref.split(':', 1)[1]}>"
    return f"<{ID_NS}unit/{HIST_PREFIX}/{ref}>"


def short_name(name: str) -> str:
    lowered = unicodedata.normalize("NFC", " ".join(name.split())).lower()
    for word in _TYPE_WORDS:
        if lowered.startswith(word + " "):
            return " ".join(name.split()[len(word.split()) :])
    return name.strip()


def party_key(ref: str) -> str:
    """The key of a unit in relation IRIs: hist-{slug} or pre2025-{code}."""
    return ref.replace(":", "-") if ref.startswith("pre2025:") else f"hist-{ref}"
