"""Typed names of units of another time: "thị xã Thanh Hóa (nay là thành phố Thanh Hóa)" (a unit
only the historical gazetteer holds), "huyện X, tỉnh Quảng Nam - Đà Nẵng (cũ)" (a historical name
with a dash), "Thị xã Tuyên Quang" in 1960 (a district's type of then, the place a city since).

Apart from kg.extract.units because they are read only when no unit of 2024 or 2025 bears the
typed name; UnitFinder takes these methods from TypedHistoryFinder and calls them from its reading
of type words.
"""

from __future__ import annotations

import bisect
import re

from collections.abc import Callable

from kg.extract import history
from kg.extract.cues import RELATION
from kg.extract.lexicon import Lexicon, same_spelling
from kg.extract.text import Sentence
from kg.extract.unit_mentions import UnitMention, name_run
from kg.extract.unit_types import TypeWord

_NAME_DASH = re.compile(r"[ \u00a0]*[-–][ \u00a0]*")


class TypedHistoryFinder:
    """The typed names of another time of UnitFinder (its text, lexicon, mentions and _add)."""

    text: str
    lex: Lexicon
    _spans: list[tuple[int, int]]
    _add: Callable[..., UnitMention]
    _sentence_of: Callable[[int], Sentence | None]

    def _typed_district_since(self, match, word: TypeWord, words) -> None:
        """ "Thị xã Tuyên Quang", "huyện Giá Rai" in a story of 1960: a district's type of then
        (a town since made a city, a district since made a town) before a name that no unit of
        that type bears and the historical gazetteer does not hold: the district-level units of
        that name, spelt so, are its candidates (the same place, settled as any name is)."""
        if word.types not in (frozenset({"huyen"}), frozenset({"thi-xa"})):
            return
        for n in range(len(words), 0, -1):
            start, end = words[0][0], words[n - 1][1]
            surface = self.text[start:end]
            found = [
                u
                for u in self.lex.lookup(surface)
                if u.level == "district" and u.unit_type != "quan" and same_spelling(surface, u.short_name)
            ]
            if found:
                self._add(
                    start, end, surface, "typed", word, match.start(), found
                ).note = f"written {self.text[match.start() : start].strip()!r}: a district's type of another time"
                return

    def _typed_historical(self, match, word: TypeWord, words) -> bool:
        """ "thị xã Thanh Hóa (nay là thành phố Thanh Hóa)": a type and name no gazetteer of 2024
        or 2025 holds, but one unit of the historical gazetteer does."""
        for n in range(len(words), 0, -1):
            start, end = words[0][0], words[n - 1][1]
            surface = self.text[start:end]
            found = [
                h
                for level in ("province", "district")
                for h in history.historical(surface, level)
                if h.unit_type in word.types
            ]
            if len(found) == 1:
                mention = self._add(start, end, surface, "typed", word, match.start(), found)
                mention.unit, mention.confidence = found[0], 0.8
                return True
        return False

    def _dashed_historical(self, match, word: TypeWord, words) -> bool:
        """ "huyện X, tỉnh Quảng Nam - Đà Nẵng (cũ)": a name with a dash that a unit of the
        historical gazetteer bears is that one unit (1976-1996), not a province and a city beside
        it. Read where the dash would make parties of the two names: as the parent of the unit
        written before it, or in a sentence that relates places."""
        dash = _NAME_DASH.match(self.text, words[-1][1])
        after = name_run(self.text, dash.end(), max_words=4) if dash else None
        if not after:
            return False
        sentence = self._sentence_of(match.start())
        index = bisect.bisect_left(self._spans, (match.start(), -1))
        before = self._spans[index - 1][1] if index else -1  # the end of the mention before it
        parent = before >= 0 and re.fullmatch(r"[ \t]*[(,][ \t]*", self.text[before : match.start()])
        if not parent and not (sentence is not None and RELATION.search(sentence.text)):
            return False
        first = self.text[words[0][0] : words[-1][1]]
        for n in range(len(after), 0, -1):
            name = f"{first} – {self.text[after[0][0] : after[n - 1][1]]}"  # as units.csv writes it
            found = [
                h
                for level in ("province", "district")
                for h in history.historical(name, level)
                if h.unit_type in word.types
            ]
            if len(found) == 1:
                end = after[n - 1][1]
                mention = self._add(words[0][0], end, self.text[words[0][0] : end], "typed", word, match.start(), found)
                mention.unit, mention.confidence = found[0], 0.8
                return True
        return False
