"""The unit lexicon: every gazetteer unit of both eras, looked up by name without diacritics.

Built from the same package data the gazetteer import reads (kg.graph.gazetteer.load_package_data and
read_units), so a linked mention always names a unit that exists in kg:gazetteer, with the same
IRI. Building it takes well under a second; it is built once per process.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from kg.graph import gazetteer
from kg.graph.gazetteer import Unit
from kg.vietnamese import fold, loose_key, slugify
from kg.iris import ERA_2025, ERA_PRE2025

ERAS = (ERA_PRE2025, ERA_2025)
_DASH = re.compile(r"\s*[-–]\s*")
# A province's folded name -> its initials after a type word, then its initials written alone.
_INITIALS = {"ho chi minh": ("hcm", "hcmc", "tphcm")}
# A province's folded name -> the folded name it bore until the gazetteer's date.
_FORMER_NAMES = {"hue": "thua thien hue"}


@dataclass(eq=False)
class BelowCommune:
    """A village or residential group (no official code), named by the article inside a commune."""

    era: str
    parent: Unit
    unit_type: str  # "to-dan-pho" or "thon"
    type_word: str  # "Tổ dân phố"
    name: str  # "Dung"
    level: str = "below-commune"

    @property
    def full_name(self) -> str:
        return f"{self.type_word[:1].upper()}{self.type_word[1:]} {self.name}".lstrip()

    @property
    def short_name(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        return f"{self.parent.code}-{slugify(self.full_name)}"


class Lexicon:
    def __init__(self, units: list[Unit]):
        self.units = units
        self.by_key: dict[tuple[str, str], list[Unit]] = {}  # (era, folded name)
        self.by_loose: dict[tuple[str, str], list[Unit]] = {}  # (era, loose key)
        self.provinces: dict[str, list[Unit]] = {}  # folded name -> provinces, both eras
        self.initials: dict[str, list[Unit]] = {}  # "hcmc" -> the provinces of those initials
        self.former_types: dict[tuple[str, str], str] = {}  # (code, former name) -> its type then
        for unit in units:
            key = name_key(unit.short_name)
            self.by_key.setdefault((unit.era, key), []).append(unit)
            self.by_loose.setdefault((unit.era, loose_key(unit.short_name)), []).append(unit)
            if unit.level == "province":
                self.provinces.setdefault(key, []).append(unit)
        # "TP.HCM", "HCM City", "HCMC", "TPHCM": the initials newspapers write for Hồ Chí Minh City
        # (in both languages); "HCM" after a type word, the others alone (kg.extract.bare_units).
        for name, initials in _INITIALS.items():
            for unit in self.provinces.get(name, []):
                self.by_key.setdefault((unit.era, initials[0]), []).append(unit)
            self.initials.update({key: self.provinces.get(name, []) for key in initials[1:]})
        # "tỉnh Thừa Thiên Huế": the name a province bore until the gazetteer's own (data/history
        # units.csv: pre2025:46, named so until 31/12/2024), the same unit under its former name.
        for name, former in _FORMER_NAMES.items():
            for unit in self.provinces.get(name, []):
                if unit.era == ERA_PRE2025:
                    self.by_key.setdefault((unit.era, former), []).append(unit)
                    self.provinces.setdefault(former, []).append(unit)
                    self.former_types[(unit.code, former)] = "tinh"  # then a "tỉnh", now a city
        # "Hanoi", "Haiphong", "Danang", "Hochiminh": a province's name of two syllables or more
        # written as one word, as English and French texts write some of them.
        self.glued_provinces: dict[str, list[Unit]] = {
            key.replace(" ", ""): units for key, units in self.provinces.items() if " " in key
        }

    def lookup(self, name: str, era: str | None = None) -> list[Unit]:
        """Units called `name` (diacritics and case ignored; the loose key when nothing else)."""
        eras = [era] if era else list(ERAS)
        key = name_key(name)
        found = [u for e in eras for u in self.by_key.get((e, key), [])]
        if not found and " - " in key:  # "Thua Thien-Hue": a name written with a dash it lacks
            found = [u for e in eras for u in self.by_key.get((e, key.replace(" - ", " ")), [])]
        if not found:
            found = [u for e in eras for u in self.by_loose.get((e, loose_key(name)), [])]
        return found

    @staticmethod
    def ancestors(unit) -> list[Unit]:
        chain, parent = [], unit.parent
        while parent is not None:
            chain.append(parent)
            parent = parent.parent
        return chain

    @staticmethod
    def province_of(unit) -> Unit | None:
        chain = [unit, *Lexicon.ancestors(unit)]
        return chain[-1] if chain[-1].level == "province" else None


def name_key(name: str) -> str:
    """The folded name, its dash spaced as the gazetteer writes it: "Ba Ria-Vung Tau" and "Bà Rịa
    – Vũng Tàu" are both "ba ria - vung tau" (English and French news drop the spaces)."""
    key = fold(name)
    return _DASH.sub(" - ", key) if "-" in key or "–" in key else key


def dashed_province(lex: Lexicon, name: str) -> list:
    """The provinces a dashed name bears ("Bà Rịa - Vũng Tàu"; "Thừa Thiên - Huế", a dash the
    gazetteer's name lacks); [] for a name that is two places joined by a dash."""
    key = name_key(name)
    return lex.provinces.get(key) or lex.provinces.get(key.replace(" - ", " "), [])


def same_spelling(surface: str, name: str) -> bool:
    """True when the article writes the gazetteer's name with the same diacritics (case aside)."""
    return unicodedata.normalize("NFC", surface).casefold() == unicodedata.normalize("NFC", name).casefold()


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    report = gazetteer.GazetteerReport()
    gaz = gazetteer.Gazetteer(report)
    gazetteer.read_units(gazetteer.load_package_data(), gaz)
    return Lexicon(list(gaz.units.values()))


def unit_iri(unit) -> str:
    return f"https://w3id.org/ketnghia/id/unit/{unit.era}/{unit.code}"
