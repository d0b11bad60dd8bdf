"""The English possessive between two places: "Quang Binh province's Minh Hoa district".

English news writes a unit's parent before it, with "'s", where Vietnamese writes it after
("huyện Minh Hóa, tỉnh Quảng Bình"). The possessor is then where the unit is, not a party of
its own, and a unit so placed after "in" ("a commune in Quang Binh province's Minh Hoa
district") is where the first one is, as its possessor is.
"""

from __future__ import annotations

import re

from kg.extract.lexicon import Lexicon
from kg.extract.relations import mention_end, mention_start
from kg.extract.unit_mentions import UnitMention

_POSSESSIVE = re.compile(r"['’]s\s+")
_UPPER = "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isalpha() and c.isupper())
# A possessor right before a name: "Hai Phong's ", "Quang Tri province's ".
_POSSESSOR_BEFORE = re.compile(
    rf"(?:[{_UPPER}][\w]*[ \u00a0]){{0,4}}[{_UPPER}][\w]*(?:[ \u00a0](?:province|city|district))?['’]s\s+$"
)


def _possessive(text: str, a, b) -> bool:
    """Nothing but "'s" between the two names."""
    return bool(_POSSESSIVE.fullmatch(text[mention_end(a) : mention_start(b)]))


def possessors(text: str, found: list) -> set[int]:
    """ids of the candidates written as the parent of the next one: "X province's Y district"."""
    context: set[int] = set()
    for a, b in zip(found, found[1:]):
        if (
            isinstance(a, UnitMention)
            and isinstance(b, UnitMention)
            and _possessive(text, a, b)
            and any(p is a.unit for p in Lexicon.ancestors(b.unit))
        ):
            context.add(id(a))
    return context


def placed_after(text: str, found: list, places: set[int]) -> set[int]:
    """ids of the candidates whose possessor is a place ("in X's Y"): places too."""
    placed = set(places)
    for a, b in zip(found, found[1:]):
        if id(a) in placed and _possessive(text, a, b):
            placed.add(id(b))
    return placed


def without_possessor(gap: str) -> str:
    """The words between two names, the second one's possessor left out: " and Hai Phong's "
    coordinates its two names as " and " does."""
    return _POSSESSOR_BEFORE.sub("", gap)
