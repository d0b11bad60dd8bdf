"""Cities and capitals abroad written bare ("Daegu", "Bangkok", "Bắc Kinh"), from a small table
shipped with the package (kg/extract/data/world_cities.tsv: ISO 3166-1 country, the name the IRI
is spelled from, other spellings). A name is read as such a city only in a sentence that speaks
of twinning, friendship or cooperation, and only when no Vietnamese unit bears it."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "world_cities.tsv"


@dataclass(frozen=True)
class City:
    country: str  # ISO 3166-1 alpha-2, upper case
    name: str  # the spelling of its IRI


@functools.lru_cache(maxsize=1)
def cities() -> tuple[dict[str, City], re.Pattern]:
    """Every spelling -> its city, and one pattern that finds them (longest first, case kept)."""
    spellings: dict[str, City] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("country\t"):
            continue
        country, name, *rest = (unicodedata.normalize("NFC", f.strip()) for f in line.split("\t"))
        city = City(country.upper(), name)
        for spelling in [name, *(rest[0].split("|") if rest and rest[0] else [])]:
            spellings.setdefault(spelling.strip(), city)
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    return spellings, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def find_cities(text: str):
    """(start, end, City) of every spelling of a tabled city in `text`."""
    spellings, pattern = cities()
    return [(m.start(), m.end(), spellings[m.group()]) for m in pattern.finditer(text)]
