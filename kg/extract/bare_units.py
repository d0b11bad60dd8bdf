"""Unit names written without a type word: province names, names the article has already
linked, the province-level units of 1945-1975 ("Huế", "Sài Gòn"), one-word spellings of
provinces ("Hanoi") and districts paired by dashes in twinning lists ("A - B; C - D").

Apart from kg.extract.units because a bare name is only a unit by context (the article's era,
what it has linked, the provinces it names), while a typed name states what it is. UnitFinder
takes these methods from BareNameFinder; they read its text, lexicon and mentions.
"""

from __future__ import annotations

import re

from kg.extract import history
from kg.extract.cues import RELATION
from kg.extract.lexicon import dashed_province, name_key
from kg.extract.spans import sentence_at
from kg.extract.unit_mentions import capitalised_runs, name_run, name_run_before
from kg.iris import ERA_2025, ERA_PRE2025
from kg.vietnamese import fold

_DASH = re.compile(r"[ \u00a0]*[-–][ \u00a0]*")
# English and French heads of an institution named after a place, written after the place.
_INSTITUTION = re.compile(
    r"Newspapers?|News|Times|Daily|Television|TV|Radio|Broadcasting|University|College|Museum|Hospital|Club"
    r"|Airport|Group|Company|Corporation|Bank|Hotel|Stadium|Library|Theatre|Theater|Journal"
)


class BareNameFinder:
    """The bare names of UnitFinder."""

    def _bare(self) -> None:
        """Province names and names the article has already linked, written without a type."""
        known = {}
        for mention in self.mentions:
            if mention.unit is not None and mention.kind != "below":
                known.setdefault(fold(mention.surface), mention.unit)
                known.setdefault(fold(mention.unit.short_name), mention.unit)
        runs = capitalised_runs(self.text)
        self._dashed_provinces(runs)
        for words in runs:
            i = 0
            while i < len(words):
                for n in range(min(5, len(words) - i), 0, -1):
                    start, end = words[i][0], words[i + n - 1][1]
                    if self._taken(start, end) or self._reserved.overlaps(start, end):
                        continue
                    surface = self.text[start:end]
                    key = fold(surface)
                    institution = False
                    if self._names_a_place(key, known) and self._longer_proper_name(words, i + n, known):
                        if self.lang == "vi":
                            i += len(words)  # "báo Sài Gòn Giải Phóng": a newspaper's name, not the city
                            break
                        institution = True  # "Thua Thien Hue Newspaper": the place named, as context
                    # A bare name that is a province's is the province ("giữa Thanh Hóa và Quảng
                    # Nam"), even when the article also names the provincial city.
                    if n >= 2 and key in self.lex.provinces:
                        self._add(start, end, surface, "bare", None, -1, list(self.lex.provinces[key]))
                    elif n == 1 and key in self.lex.initials and self.text[start - 1 : end + 1] != f"({surface})":
                        # "HCMC", "TPHCM"; "Ho Chi Minh City (HCMC)" defines them, names no one else
                        self._add(start, end, surface, "bare", None, -1, list(self.lex.initials[key]))
                    elif n == 1 and key in self.lex.glued_provinces and self._glued_province(start, surface):
                        self._add(start, end, surface, "bare", None, -1, list(self.lex.glued_provinces[key]))
                    elif n == 1 and self._old and self._glued_province(start, surface) and self._glued_old(surface):
                        # "Hanoi - Hue - Saigon" (1960): a province-level unit of then written as one word
                        units = self._glued_old(surface)
                        mention = self._add(start, end, surface, "bare", None, -1, units)
                        mention.unit, mention.confidence = units[0], 0.6
                    elif key in known:  # before a province of then: "quận Hà Đông" stays the district
                        mention = self._add(start, end, surface, "bare", None, -1, [known[key]])
                        mention.unit, mention.confidence = known[key], 0.7
                    elif self._old and self._historical_province(surface) and not self._dashed_name(start, surface):
                        units = self._historical_province(surface)
                        mention = self._add(start, end, surface, "bare", None, -1, units)
                        mention.unit, mention.confidence = units[0], 0.6
                    else:
                        continue
                    if institution:
                        self.mentions[-1].kind = "parent"  # where the institution is, never a party
                    i += n - 1
                    break
                i += 1

    def _longer_proper_name(self, words, after: int, known) -> bool:
        """ "Sài Gòn Giải Phóng", "Hà Nội Mới": in Vietnamese a bare place name that capitalised
        words go on after, in one run, is part of a longer proper name (a newspaper, a company),
        unless they begin another place's name ("Hải Phòng Đà Nẵng") or a person's. In English
        and French, only an institution's head word after it does so ("Hue Newspaper"): the place
        is then kept as context (where the institution is), not as a party."""
        if after >= len(words) or self._reserved.overlaps(*words[after]):
            return False
        if self.lang != "vi":
            # "Thua Thien Hue Newspaper", "Hanoi Medical University": an institution's name
            return bool(_INSTITUTION.fullmatch(self.text, *words[after]))
        for n in range(min(4, len(words) - after), 0, -1):
            if self._names_a_place(fold(self.text[words[after][0] : words[after + n - 1][1]]), known):
                return False
        return True

    def _names_a_place(self, key: str, known) -> bool:
        return key in self.lex.provinces or key in known or bool(self._old and self._historical_province(key))

    def _dashed_provinces(self, runs) -> None:
        """ "Bà Rịa - Vũng Tàu", "Ba Ria-Vung Tau": a province's name with a dash is one province,
        not two names paired by the dash (kg.extract.bare_units._dash_pairs, twinning lists)."""
        for left, right in zip(runs, runs[1:]):
            if _DASH.fullmatch(self.text, left[-1][1], right[0][0]):
                found = self._across_dash(left[-4:], right[:4], None)
                if found and not self._taken(found[0], found[1]) and not self._reserved.overlaps(found[0], found[1]):
                    self._add(found[0], found[1], found[2], "bare", None, -1, found[3])

    def _across_dash(self, left, right, types, whole_left=False, whole_right=False):
        """The longest name that spans the dash between the words `left` and `right` (all of
        them on a side when told so): a unit of these types, or a province when `types` is None."""
        for nl in [len(left)] if whole_left else range(len(left), 0, -1):
            for nr in [len(right)] if whole_right else range(len(right), 0, -1):
                a, b = left[-nl][0], right[nr - 1][1]
                surface = self.text[a:b]
                units = dashed_province(self.lex, surface) if types is None else self._candidates(surface, types, True)
                if self._old:  # "tỉnh Thừa Thiên - Huế" in 1960 is the province of then (history)
                    units = [u for u in units if name_key(u.short_name) == name_key(surface)]
                if units:
                    return a, b, surface, units
        return None

    def _glued_province(self, start: int, surface: str) -> bool:
        """ "Hanoi", "Danang" written as one word is the province in a sentence that relates places;
        a dateline ("HANOI (VNA) -", "Hanoi, May 5") names where the article was written."""
        sentence = sentence_at(self.sentences, start)
        dateline = (start == 0 or self.text[start - 1] == "\n") and re.match(
            r",|\s\(", self.text[start + len(surface) : start + len(surface) + 2]
        )
        return surface[1:].islower() and not dateline and sentence is not None and bool(RELATION.search(sentence.text))

    def _dashed_name(self, start: int, surface: str) -> bool:
        """ "tỉnh Thừa Thiên - Huế": one province whose name has a dash, after a singular type
        word ("hai tỉnh Thanh Hóa - Quảng Nam" names two)."""
        before = self.text[max(0, start - 50) : start]
        return bool(
            re.search(r"(?<!hai )(?<!2 )(?<!các )\b(?:tỉnh|province)\s+(?:[^\W\d_]+\s+){1,3}[-–]\s*$", before, re.I)
        )

    def _historical_province(self, surface: str) -> list:
        """ "Huế", "Sài Gòn", "Hà Đông": a province-level unit of 1945-1975 that no 2024
        gazetteer holds under that name (a province of today keeps its own)."""
        key = fold(surface)
        if key not in self._old_provinces:
            self._old_provinces[key] = self._historical_province_of(surface)
        return self._old_provinces[key]

    def _glued_old(self, surface: str) -> list:
        found = [h for h in history.glued(surface, "province") if (history.year_of(h.valid_from) or 0) <= 1975]
        return sorted(found, key=history.system_rank)[:1]

    def _historical_province_of(self, surface: str) -> list:
        if any(
            u.era == self.era and (history.since(u) or 0) <= 1975 for u in self.lex.provinces.get(fold(surface), [])
        ):
            return []  # "Hà Nội": the same province then and now
        found = [h for h in history.historical(surface, "province") if (history.year_of(h.valid_from) or 0) <= 1975]
        return sorted(found, key=history.system_rank)[:1]

    def _dash_pairs(self) -> None:
        """ "Hoằng Hóa - Điện Bàn; Tĩnh Gia - Đại Lộc": bare names of districts (or communes)
        paired by a dash, as twinning lists write them. Each side is linked only when exactly one
        unit of that name lies in a province the article has linked, both at one level; a name
        no 2024 gazetteer holds may be a historical district of such a province (Tĩnh Gia)."""
        # A list naming no province ("Hai Chau - Hung Son, Son Tra - Tra Leng") is settled by the
        # sides that only one unit bears: their provinces settle the others on a second reading.
        for _ in range(2):
            provinces = {
                self.lex.province_of(m.unit).code
                for m in self.mentions
                if m.unit is not None and m.kind != "below" and self.lex.province_of(m.unit) is not None
            }
            if not self._dash_pairs_in(provinces):
                break

    def _dash_pairs_in(self, provinces: set) -> bool:
        """One reading of the dashed pairs with these provinces; True when it linked a new side."""
        added = False
        # Mentions by span: a side already linked is looked up, not searched for (linear cost).
        self._by_span = {(m.start, m.end): m for m in self.mentions if m.unit is not None}
        for dash in _DASH.finditer(self.text):
            left, right = name_run_before(self.text, dash.start()), name_run(self.text, dash.end(), max_words=4)
            if not left or not right or re.match(r"\s*[-–]", self.text[right[-1][1] : right[-1][1] + 3]):
                continue
            if re.search(r"[-–]\s*$", self.text[max(0, left[0][0] - 3) : left[0][0]]):
                continue  # "Điện Biên - Thanh Hóa - Quảng Nam": a chain, not a pair
            for level in ("district", "commune"):
                sides = [self._dash_side(left, level, provinces, True), self._dash_side(right, level, provinces)]
                if all(side is not None for side in sides) and not all(side[2] is None for side in sides):
                    for a, b, units in sides:  # type: ignore[misc]
                        if units is not None:
                            mention = self._add(a, b, self.text[a:b], "bare", None, -1, units)
                            mention.unit, mention.confidence = units[0], 0.7
                            added = True
                    break
        return added

    def _dash_side(self, words, level: str, provinces: set, from_end: bool = False):
        """The longest name at the dash (words ending or starting there) naming exactly one unit."""
        for n in range(len(words), 0, -1):
            span = words[-n:] if from_end else words[:n]
            a, b = span[0][0], span[-1][1]
            if self._taken(a, b):  # already linked (by a bare or typed name): kept as it is
                linked = self._by_span.get((a, b))
                return (a, b, None) if linked is not None and linked.level == level else None
            if self._reserved.overlaps(a, b):
                return None
            units = self._in_provinces(self.text[a:b], level, provinces)
            if len(units) == 1:
                return a, b, units
        return None

    def _in_provinces(self, surface: str, level: str, provinces: set) -> list:
        era = ERA_PRE2025 if self.era == ERA_PRE2025 else ERA_2025
        found = [
            u
            for u in self.lex.lookup(surface, era)
            if u.level == level and getattr(self.lex.province_of(u), "code", None) in provinces
        ]
        if found or level != "district":
            return found or [u for u in self.lex.lookup(surface, era) if u.level == level and not provinces]
        parents = {f"{era}:{code}" for code in provinces}
        found = [h for h in history.historical(surface, level) if h.parent_id in parents]
        # No province to settle it: a name only one district of the country bears.
        return found or [u for u in self.lex.lookup(surface, era) if u.level == level]
