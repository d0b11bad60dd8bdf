"""A relation of the past named in a 2025 article: its parties are the units of before the reform.

A 2025 article links a name to the 2025 unit when one bears it ("tỉnh Hà Tĩnh"), and to the
pre-2025 unit only when the reform removed it ("tỉnh Quảng Bình"). "Năm 1960, tỉnh Quảng Bình kết
nghĩa với tỉnh Hà Tĩnh" then pairs units of two eras, which never coexisted, and the pair was
lost. When the relation is of the past - its sentence states only years before 2025, or a party
is written "(cũ)" - the 2025 parties are named by the pre-2025 unit of the same name and level
(kg.extract.history then names the units of its year).
"""

from __future__ import annotations

from kg.extract.lexicon import lexicon
from kg.extract.relations import Party
from kg.extract.unit_mentions import UnitMention

REFORM_YEAR = 2025


def of_the_past(candidates, years: list[int]) -> bool:
    """A party written "(cũ)", or a sentence whose stated years are all before the reform."""
    if any(isinstance(c, UnitMention) and c.old for c in candidates):
        return True
    return bool(years) and max(years) < REFORM_YEAR


def former_unit(unit, others: list) -> object | None:
    """The pre-2025 unit of this 2025 unit's name and level: the only one, else the one in the
    province of the relation's other pre-2025 parties."""
    found = [u for u in lexicon().lookup(unit.short_name, "pre2025") if u.level == unit.level]
    if len(found) > 1:
        provinces = {lexicon().province_of(o) for o in others}
        found = [u for u in found if lexicon().province_of(u) in provinces]
    return found[0] if len(found) == 1 else None


def to_former_era(parties: list[Party]) -> bool:
    """Rename the 2025 parties as pre-2025 units in place; False (nothing changed) unless every
    one of them has such a unit."""
    others = [p.unit for p in parties if getattr(p.unit, "era", None) == "pre2025"]
    former = {}
    for party in parties:
        if getattr(party.unit, "era", None) == "2025":
            unit = former_unit(party.unit, others)
            if unit is None:
                return False
            former[id(party)] = unit
    for party in parties:
        party.unit = former.get(id(party), party.unit)
    return bool(former)
