"""A city's or province's body written without its unit in an article that names no unit of that
level: "the City Party Committee" in an article that names only wards and communes of Đà Nẵng is
the Party Committee of Đà Nẵng, the province most of the article's units belong to."""

from __future__ import annotations

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
