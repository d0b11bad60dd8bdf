"""Units of bodies written without one, read from their neighbours.

A list of bodies whose last one names the unit ("Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ tỉnh Hải Dương")
names it for all of them. A city's or province's body written without its unit in an article
that names no unit of that level ("the City Party Committee" in an article that names only wards
of Đà Nẵng) is that of the province most of the article's units belong to.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.lexicon import Lexicon
from kg.extract.unit_types import PROVINCE_TYPES


def bodies_of_the_parent(orgs: list, linked: list) -> None:
    """Give such bodies the article's province (its units' most frequent one), in place."""
    for org in orgs:
        if (
            org.unit is not None
            or not org.types
            or org.plural_of
            or not org.types <= PROVINCE_TYPES | {"thanh-pho-thuoc-tinh"}
        ):
            continue
        if any(m.unit.unit_type in org.types for m in linked):
            continue  # the article names one: the finder's rules chose among them
        provinces = Counter(
            province.code
            for m in linked
            for province in [Lexicon.province_of(m.unit)]
            if province is not None and province.unit_type in org.types
        )
        if provinces:
            code = sorted(provinces.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            org.unit = next(
                p for m in linked for p in [Lexicon.province_of(m.unit)] if p is not None and p.code == code
            )
            org.confidence = 0.6


_LIST_SEP = re.compile(r"\s*(?:,|và|and|et)\s*", re.I)
_SHARED = frozenset({"party-committee", "peoples-committee", "peoples-council", "fatherland-front", "standing-board"})


def bodies_of_a_list(text: str, orgs: list) -> None:
    """Bodies listed with only commas and "và" between them, the last of which is written with its
    unit: each one written without a unit is of that unit, if its level allows it (in place)."""
    ordered = sorted(orgs, key=lambda o: o.start)
    run: list = []
    for org in ordered:
        if run and not _LIST_SEP.fullmatch(text[run[-1].end : org.start]):
            run = []
        run.append(org)
        if org.named and org.unit is not None and org.kind in _SHARED and len(run) > 1:
            for other in run[:-1]:
                if not other.named and other.kind in _SHARED and org.unit.unit_type in other.types:
                    other.unit, other.confidence = org.unit, min(0.85, org.confidence)
            run = []
