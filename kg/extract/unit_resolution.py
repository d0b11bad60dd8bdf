"""Settling unit mentions: the era's candidates, then, when a name is shared, the parent written
after it, units of its parents linked nearby, the article's dominant province and its spelling;
a village or residential group under the commune written after it.

Apart from kg.extract.units because it reads mentions already found, whatever way they were
found; UnitFinder takes these methods from UnitResolver; they read its text, lexicon, era and
mentions.
"""

from __future__ import annotations

from collections import Counter

from kg.extract.lexicon import BelowCommune, Lexicon, same_spelling
from kg.extract.spans import sentence_at
from kg.extract.text import Sentence
from kg.extract.unit_mentions import UnitMention
from kg.iris import ERA_2025, ERA_PRE2025
from kg.vietnamese import fold


class UnitResolver:
    """The settling of UnitFinder's mentions."""

    sentences: list[Sentence]
    era: str
    lex: Lexicon
    mentions: list[UnitMention]

    def _sentence_of(self, pos: int) -> Sentence | None:
        return sentence_at(self.sentences, pos)

    def _era_filter(self, mention: UnitMention) -> list:
        # The article's era; a 2025 article may still name a former unit (a district, Quảng Nam),
        # but a pre-2025 article cannot name a unit created by the reform.
        wanted = [ERA_PRE2025] if mention.old or self.era == ERA_PRE2025 else [ERA_2025, ERA_PRE2025]
        for era in wanted:
            found = [u for u in mention.candidates if u.era == era]
            if found:
                return found
        return []

    def _resolve(self) -> None:
        linked = [m for m in self.mentions if m.unit is not None and m.kind != "below"]
        for mention in self.mentions:
            if mention.unit is not None or mention.kind == "below":
                continue
            mention.candidates = self._era_filter(mention)
            if len(mention.candidates) == 1:
                mention.unit = mention.candidates[0]
                mention.confidence = 0.95 if mention.kind in ("typed", "implied", "list") else 0.8
                linked.append(mention)
        provinces = Counter(
            self.lex.province_of(m.unit).code for m in linked if self.lex.province_of(m.unit) is not None
        )
        dominant = {code for code, n in provinces.items() if n == max(provinces.values())} if provinces else set()
        for mention in self.mentions:
            if mention.unit is None and mention.kind != "below" and mention.candidates:
                self._settle(mention, linked, dominant)
        for mention in self.mentions:
            if mention.kind == "below" and mention.unit is None:
                self._settle_below(mention, linked, dominant)

    def _score(self, unit, mention: UnitMention, linked, dominant) -> float:
        ancestors = self.lex.ancestors(unit)
        names = {fold(a.short_name) for a in ancestors}
        sentence = self._sentence_of(mention.start)
        near = {id(m.unit) for m in linked if sentence and sentence.start <= m.start < sentence.end}
        anywhere = {id(m.unit) for m in linked}
        score = 0.0
        hint = fold(mention.parent_hint)
        if hint and any(hint == n or hint.startswith(n + " ") for n in names):
            score += 8
        if any(id(a) in near for a in ancestors):
            score += 4
        elif any(id(a) in anywhere for a in ancestors):
            score += 2
        province = self.lex.province_of(unit)
        if province is not None and province.code in dominant:
            score += 1
        if same_spelling(mention.surface, unit.short_name):
            score += 0.5
        return score

    def _settle(self, mention: UnitMention, linked, dominant) -> None:
        scored = sorted(
            ((self._score(u, mention, linked, dominant), i, u) for i, u in enumerate(mention.candidates)),
            key=lambda t: (-t[0], t[1]),
        )
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            mention.note = f"{len(mention.candidates)} gazetteer units are called {mention.surface!r}"
            return
        best, _, unit = scored[0]
        mention.unit = unit
        mention.confidence = 0.9 if best >= 8 else 0.8 if best >= 4 else 0.7 if best >= 1 else 0.55

    def _settle_below(self, mention: UnitMention, linked, dominant) -> None:
        """A village or residential group needs its commune written right after it."""
        if not mention.parent_hint:
            return
        parents = [
            m
            for m in self.mentions
            if m.kind != "below"
            and m.unit is not None
            and m.unit.level == "commune"
            and fold(m.surface) == fold(mention.parent_hint)
        ]
        if parents:
            parent = parents[0].unit
            # "Na Son village", "le village de Na Son": the curated sources name a village written
            # in English or French by its name alone.
            english = mention.type_word.casefold() in ("village", "hamlet", "hameau")
            word = "" if english else mention.type_word or ("Tổ dân phố" if "to-dan-pho" in mention.types else "Thôn")
            mention.unit = BelowCommune(parent.era, parent, next(iter(mention.types)), word, mention.surface)
            mention.confidence = parents[0].confidence * 0.9
