"""Units of the time a relation was made: a province of 1960 is not the province of 2024 that
bears its name (\"Hải Dương\" twinned with \"Phú Yên\" in 1960 are hist:tinh-hai-duong and
hist:tinh-phu-yen, not the provinces re-established in 1997 and 1989).

Read from the historical gazetteer's curated table (data/history/units.csv, see its README):
a 2024 unit whose `valid_from` is after the year of the relation is replaced by the historical
unit of the same name and level valid in that year, if there is one.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from kg import config
from kg.vietnamese import fold

UNITS_CSV = config.PROJECT_ROOT / "data" / "history" / "units.csv"
# The 1960 twinning movement uses the southern revolutionary administration's names.
_SYSTEM_ORDER = {"revolutionary": 0, "national": 1, "rvn": 2}
_TYPE_WORDS = ("Thành phố", "Thị xã", "Thị trấn", "Tỉnh", "Huyện", "Quận", "Khu", "Đặc khu", "Xã", "Phường")


@dataclass(eq=False)
class HistoricalUnit:
    code: str  # the slug of hist:{slug}
    full_name: str
    unit_type: str
    level: str
    valid_from: str
    valid_until: str
    system: str
    era: str = "hist"  # the IRI path segment (id:unit/hist/{slug}); the era term is knv:historical
    parent: object = None
    parent_id: str = ""  # "pre2025:38" or a historical slug, as the table writes it

    @property
    def short_name(self) -> str:
        for word in _TYPE_WORDS:
            if self.full_name.startswith(word + " "):
                return self.full_name[len(word) + 1 :]
        return self.full_name


def _year(value: str) -> int | None:
    return int(value[:4]) if value[:4].isdigit() else None


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict, dict, dict]:
    """(pre2025 code -> valid_from year, (folded short name, level) -> historical units,
    pre2025 code -> the historical units it succeeds)."""
    since: dict = {}
    by_name: dict = {}
    before: dict = {}
    if not UNITS_CSV.is_file():
        return since, by_name, before
    with open(UNITS_CSV, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["id"].startswith("pre2025:"):
                since[row["id"].split(":", 1)[1]] = _year(row.get("valid_from") or "")
                continue
            unit = HistoricalUnit(
                row["id"],
                row["name"],
                row["type"],
                row["level"],
                row.get("valid_from") or "",
                row.get("valid_until") or "",
                row.get("system") or "",
            )
            unit.parent_id = row.get("parent") or ""
            by_name.setdefault((fold(unit.short_name), unit.level), []).append(unit)
            for code in (row.get("successors_2024") or "").split(";"):
                if code.startswith("pre2025:"):
                    before.setdefault(code.split(":", 1)[1], []).append(unit)
    return since, by_name, before


def all_units() -> list[HistoricalUnit]:
    return [unit for units in _table()[1].values() for unit in units]


def since(unit) -> int | None:
    """The year a pre2025 province was (re-)established, when the table knows it."""
    return _table()[0].get(unit.code) if getattr(unit, "era", None) == "pre2025" else None


def year_of(value: str) -> int | None:
    return _year(value)


def system_rank(unit: HistoricalUnit) -> int:
    return _SYSTEM_ORDER.get(unit.system, 9)


def _valid_in(unit: HistoricalUnit, year: int) -> bool:
    return (_year(unit.valid_from) or 0) <= year < (_year(unit.valid_until) or 9999)


def historical(name: str, level: str, year: int | None = None) -> list[HistoricalUnit]:
    """Historical units called `name` (diacritics aside) at this level, valid in `year` if given:
    "Tĩnh Gia", a district until 2020, is in no 2024 gazetteer."""
    found = _table()[1].get((fold(name), level), [])
    return [h for h in found if year is None or _valid_in(h, year)]


def unit_at(unit, year: int | None):
    """The unit to name for a relation of `year`: `unit` itself when it existed then (or when
    nothing is known), else the historical unit of its name and level valid in that year."""
    if year is None or getattr(unit, "era", None) != "pre2025":
        return unit
    since, by_name, before = _table()
    # A district that was another unit then ("huyện Điện Bàn" of 1960 became thị xã Điện Bàn in
    # 2015): its predecessor of the same name that was valid in that year.
    named = [
        h
        for h in before.get(unit.code, [])
        if fold(h.short_name) == fold(unit.short_name) and h.level == unit.level and _valid_in(h, year)
    ]
    if named:
        return sorted(named, key=lambda h: _SYSTEM_ORDER.get(h.system, 9))[0]
    started = since.get(unit.code)
    if started is None or started <= year:
        return unit
    valid = [
        h
        for h in by_name.get((fold(unit.short_name), unit.level), [])
        if (_year(h.valid_from) or 0) <= year <= (_year(h.valid_until) or 9999)
    ]
    valid.sort(key=lambda h: _SYSTEM_ORDER.get(h.system, 9))
    return valid[0] if valid else unit


def glued(name: str, level: str) -> list[HistoricalUnit]:
    """Historical units whose name of two words or more is written here as one: "Saigon" is
    Sài Gòn, as English texts write it."""
    key = fold(name)
    return [
        h
        for (folded, lv), units in _table()[1].items()
        if lv == level and " " in folded
        for h in units
        if folded.replace(" ", "") == key
    ]
