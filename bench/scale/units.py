"""The real units the synthetic facts sit on, and their eras.

Units come from vietnamadminunits through kg.graph.gazetteer (load_units), in pools of one era and
level with a skewed popularity (Pool) in which the units of the curated articles and of the saved
queries' default parameters (HOT) come first, as real ones are talked about more. ERA_RANGE gives
the dates each era's facts fall in: pre2025 units before 1 July 2025, 2025 units from then on.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from dataclasses import dataclass
from datetime import date

from kg.graph import gazetteer


@dataclass(eq=False)
class U:
    era: str
    level: str
    code: str
    full: str  # "Huyện Nam Giang"
    short: str  # "Nam Giang"
    utype: str  # knv local name
    parent: U | None
    iri: str

    @property
    def key(self) -> str:
        return f"{self.era}-{self.code}"

    @property
    def province(self) -> U:
        unit = self
        while unit.parent is not None:
            unit = unit.parent
        return unit

    @property
    def display(self) -> str:
        """'huyện Nam Giang' (the type word lower-cased, as inside a sentence)."""
        word = self.full[: len(self.full) - len(self.short)].strip() if self.full.endswith(self.short) else ""
        return f"{word.lower()} {self.short}".strip() if word else self.full


# Units of the curated articles and of the saved queries' default parameters: made "hot".
HOT = {
    ("pre2025", "province"): ["49", "38"],
    ("pre2025", "district"): ["510", "389", "509", "395", "502"],
    ("pre2025", "commune"): ["20449", "20698", "20704", "20695"],
    ("2025", "province"): ["48", "38"],
    ("2025", "commune"): ["20257", "20923", "20285", "20458", "20242", "20443", "20263", "20938"],
}


class Pool:
    """Units of one era and level with skewed (Zipf-like) weights; hot units first."""

    def __init__(self, units: list[U], rng: random.Random, hot: list[str], skew: float = 0.7):
        order = list(units)
        rng.shuffle(order)
        rank = {code: i for i, code in enumerate(hot)}
        order.sort(key=lambda u: rank.get(u.code, len(hot)))  # stable: hot first, rest shuffled
        self.units = order
        self.cum = list(itertools.accumulate(1.0 / (i + 1) ** skew for i in range(len(order))))

    def pick(self, rng: random.Random) -> U:
        return self.units[bisect.bisect(self.cum, rng.random() * self.cum[-1])]

    def __len__(self):
        return len(self.units)


def load_units(provinces: set[str] | None = None) -> tuple[dict, dict[str, U]]:
    """{(era, level): [U]} and {iri: U} from the real gazetteer (kg.graph.gazetteer)."""
    report = gazetteer.GazetteerReport()
    data = gazetteer.load_package_data()
    gaz = gazetteer.Gazetteer(report)
    gazetteer.read_units(data, gaz)
    made: dict[object, U] = {}

    def convert(unit) -> U:
        found = made.get(unit)
        if found is None:
            parent = convert(unit.parent) if unit.parent is not None else None
            found = made[unit] = U(
                unit.era, unit.level, unit.code, unit.full_name, unit.short_name, unit.unit_type, parent, unit.iri
            )
        return found

    by_level: dict[tuple[str, str], list[U]] = {}
    for unit in gaz.units.values():
        u = convert(unit)
        if provinces and u.province.code not in provinces:
            continue
        by_level.setdefault((u.era, u.level), []).append(u)
    return by_level, {u.iri: u for u in made.values()}


ERA_RANGE = {"pre2025": (date(1965, 1, 1), date(2025, 6, 30)), "2025": (date(2025, 7, 1), date(2026, 10, 31))}
# a party key of a province (pre2025-38) or of a province's body (org-party-office-pre2025-38)
PROVINCE_KEY = re.compile(r"pre2025-[0-9]{2}(?![0-9])")


def lo_of(era: str) -> date:
    return ERA_RANGE[era][0]
