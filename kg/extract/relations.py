"""A proposed relation and its parties: what the twinning finder (kg.extract.twinnings) fills in,
and the tests it makes on parties (their eras, one inside another, their names)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.extract import history
from kg.extract.dates import DateMention
from kg.extract.organizations import OrgMention
from kg.extract.unit_mentions import UnitMention
from kg.vietnamese import fold

# A unit's own bodies stand for the unit in a twinning of localities.
UNIT_BODIES = {"party-committee", "peoples-committee", "peoples-council", "standing-board", "standing-members"}


@dataclass(eq=False)
class Party:
    start: int
    end: int
    unit: Any = None  # a gazetteer Unit, a unit below the commune or a ForeignPlace
    org: OrgMention | None = None

    @property
    def key(self) -> str:
        if self.org is not None:
            return f"org-{self.org.key}"
        return f"{self.unit.era}-{self.unit.code}"

    @property
    def level(self) -> str | None:
        return self.unit.level if self.unit is not None else None


@dataclass(eq=False)
class Twinning:
    kind: str  # sister-localities, sponsorship, cooperation-programme
    parties: list[Party]  # for a sponsorship: [sponsor, sponsored]
    status: str  # active, planned
    confidence: float
    evidence: list[tuple[int, int]] = field(default_factory=list)
    established: DateMention | None = None
    established_relative: DateMention | None = None
    agreement_type: str | None = None  # cooperation-programme-document, signed-minutes, memorandum
    policies: list = field(default_factory=list)
    inferred: bool = False  # proposed from a support, not from a twinning statement

    @property
    def key(self) -> str:
        return f"{self.kind}-" + "--".join(sorted(p.key for p in self.parties))


def as_party(candidate, kind: str) -> Party:
    """A unit's body stands for its unit in a twinning of localities."""
    if isinstance(candidate, UnitMention):
        return Party(candidate.evidence_start, candidate.end, unit=candidate.unit)
    if candidate.kind in UNIT_BODIES and kind != "cooperation-programme" and candidate.unit is not None:
        return Party(candidate.start, candidate.end, unit=candidate.unit)
    return Party(candidate.start, candidate.end, org=candidate)


def names_key(twinning: Twinning) -> tuple:
    """A relation's parties by name and level, whatever their era and the relation's kind."""
    return tuple(
        sorted(
            (fold(p.unit.short_name), p.level or "") if p.unit is not None else (p.key, "") for p in twinning.parties
        )
    )


def historical(twinning: Twinning) -> bool:
    return any(getattr(p.unit, "era", None) == "hist" for p in twinning.parties)


def year_of_old_party(parties) -> int | None:
    """ "Hà Nam kết nghĩa với Biên Hòa": a party that existed only in the past (a historical unit)
    dates the relation to its time, 1960 (the movement's year) when its validity allows."""
    for party in parties:
        if getattr(party.unit, "era", None) == "hist":
            start = history.year_of(party.unit.valid_from) or 0
            end = history.year_of(party.unit.valid_until) or 9999
            return max(start, min(1960, end - 1))
    return None


def nested(a, b) -> bool:
    """A unit and one of its own parents, or a city and the province of its name."""
    if fold(a.short_name) == fold(b.short_name) and a.level != b.level:
        return True
    return b in ancestors(a) or a in ancestors(b)


def ancestors(unit) -> list:
    found, parent = [], getattr(unit, "parent", None)
    while parent is not None:
        found.append(parent)
        parent = getattr(parent, "parent", None)
    return found


def chain_ends(chains) -> list:
    return [(chain[0], chain[1]) for chain in chains if len(chain) == 2]


def eras_apart(parties) -> bool:
    """A 2024 unit and a unit of the 2025 reform never coexisted; a historical unit (a district
    of 1960 that no 2024 gazetteer holds) may stand beside either, its year settles the rest."""
    return {p.unit.era for p in parties if p.unit is not None} >= {"pre2025", "2025"}


def mention_end(candidate) -> int:
    return candidate.evidence_end if isinstance(candidate, UnitMention) else candidate.end


def mention_start(candidate) -> int:
    return candidate.evidence_start if isinstance(candidate, UnitMention) else candidate.start


def glued(text: str, end: int, start: int) -> bool:
    """Two names written with nothing between them, a lower-case letter against a capital one
    ("Bạc LiêuNinh Bình"): a separator lost when a table was copied."""
    return 0 < end == start < len(text) and text[end - 1].islower() and text[start].isupper()
