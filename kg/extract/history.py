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

    @property
    def short_name(self) -> str:
        for word in _TYPE_WORDS:
            if self.full_name.startswith(word + " "):
                return self.full_name[len(word) + 1 :]
        return self.full_name


def _year(value: str) -> int | None:
    return int(value[:4]) if value[:4].isdigit() else None


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict, dict]:
    """(pre2025 code -> valid_from year, (folded short name, level) -> historical units)."""
    since: dict = {}
    by_name: dict = {}
    if not UNITS_CSV.is_file():
        return since, by_name
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
            by_name.setdefault((fold(unit.short_name), unit.level), []).append(unit)
    return since, by_name


def unit_at(unit, year: int | None):
    """The unit to name for a relation of `year`: `unit` itself when it existed then (or when
    nothing is known), else the historical unit of its name and level valid in that year."""
    if year is None or getattr(unit, "era", None) != "pre2025":
        return unit
    since, by_name = _table()
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
