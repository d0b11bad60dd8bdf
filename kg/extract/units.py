"""Mentions of administrative units, linked to gazetteer units of the right era.

A mention is found three ways:
- typed: a type word then a name ("huyện Nam Giang", "le district de Que Son", "TP.Thanh Hóa",
  "Huyện ủy Ngọc Lặc", whose head implies a district), or in English a name then a type word
  ("Que Son district"); names coordinated after it ("các xã La Êê và La Dê") share its type;
- bare: a province name, or a name the article has already linked ("Nam Giang - Ngọc Lặc");
- below commune: "Tổ dân phố Dung (thị trấn Thạnh Mỹ)" becomes a new unit under its commune.

Names are compared without diacritics, then with the loose key ("La Dê" = "La Dêê"). A name
shared by several units is settled by, in order: a parent written right after it ("(Quảng Nam)",
", Tây Giang", " huyện Nam Giang"); units of its parents linked in the same sentence, then
anywhere in the article; the article's dominant province; the article's exact spelling. When a
tie remains the mention is left unlinked (the draft lists it for the steward).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from kg.extract import history
from kg.extract.cues import RELATION
from kg.extract.lexicon import BelowCommune, Lexicon, lexicon, same_spelling
from kg.extract.spans import WINDOW, Coverage, sentence_at
from kg.extract.text import Sentence
from kg.extract.unit_types import (
    BELOW,
    LEVEL_OF_TYPES,
    PREFIX_RE,
    PREFIX_TYPES,
    SUFFIX_RE,
    SUFFIX_TYPES,
    TypeWord,
    type_word,
)
from kg.vietnamese import fold
from kg.iris import ERA_2025, ERA_PRE2025

# Words that may stand between a type word and the name ("các xã biên giới đất liền La Êê").
_DESCRIPTORS = re.compile(
    r"(?:\s+(?:biên giới|đất liền|miền núi|vùng cao|đồng bằng|đặc biệt khó khăn|khó khăn|kết nghĩa"
    r"|anh em|bạn|ven biển|hải đảo|nghèo|mới|cũ|vùng sâu|vùng xa))*",
    re.I,
)
_ORGANIZATION_HEAD = re.compile(r"(?:Đảng|Ban|UBND|HĐND|Ủy|Uỷ|Hội|Văn phòng|Thường trực|Comité|Conseil)\b", re.I)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’]*|\d+")
# Letters by case (Latin and Vietnamese), to find names glued by a lost separator.
_LOWER = "".join(c for c in map(chr, range(0x61, 0x2000)) if c.isalpha() and c.islower())
_UPPER = "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isalpha() and c.isupper())
_CAMEL = re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}][{_LOWER}])")
_CAPITALISED_BEFORE = re.compile(rf"[{_UPPER}][\w'’]*[ \u00a0]$")
_OLD = re.compile(r"^\s*\(?\s*(?:cũ|trước đây|ancien(?:ne)?|former)\b", re.I)
_CONNECTOR = re.compile(r"(?:\s*,\s*|\s+(?:và|cùng|et|and)\s+)", re.I)
_DASH = re.compile(r"[ \u00a0]*[-–][ \u00a0]*")
_PARENT_AFTER = re.compile(r"[ \t]*(?:\(\s*|,\s*|\s-\s)?(?:(?:thuộc|của|de|du|in|of)\s+)?", re.I)


@dataclass(eq=False)
class UnitMention:
    start: int  # where the name starts
    end: int
    surface: str  # the name as the article writes it
    kind: str  # typed, implied, list, bare, parent
    type_word: str = ""
    type_start: int = -1  # where the type word starts (typed mentions)
    types: frozenset | None = None
    stated_type: str | None = None
    candidates: list = field(default_factory=list)
    unit: object = None  # the linked Unit or BelowCommune
    confidence: float = 0.0
    old: bool = False
    parent_hint: str = ""
    parent_hint_start: int = -1
    suffix_end: int = -1  # "Que Son district": the end of the type word after the name
    hint_is_parent: bool = False  # the name after it ("(Quảng Nam)") is its parent: context, not a party
    note: str = ""

    @property
    def evidence_start(self) -> int:
        return self.type_start if self.type_start >= 0 else self.start

    @property
    def evidence_end(self) -> int:
        return max(self.end, self.suffix_end)

    @property
    def level(self) -> str | None:
        return getattr(self.unit, "level", None)


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "Bạc LiêuNinh Bình": a table copied without its separator glues two names. A word is cut
    where a lower-case letter runs into a capitalised one when it stands inside a run of
    capitalised words on both sides; "ĐắkLắk", "KrôngPắc" written alone stay one name."""
    token = text[start:end]
    if token[1:] == token[1:].lower() or not _CAMEL.search(token):
        return [(start, end)]
    after = text[end : end + 1] in (" ", "\u00a0") and text[end + 1 : end + 2].isupper()
    if not (after and _CAPITALISED_BEFORE.search(text[max(0, start - 30) : start])):
        return [(start, end)]
    cuts = [start] + [start + m.start() for m in _CAMEL.finditer(token)] + [end]
    return list(zip(cuts, cuts[1:]))


def _words(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """The name words (and numbers) between lo and hi, glued names cut."""
    spans: list[tuple[int, int]] = []
    for match in _NAME_WORD.finditer(text, lo, len(text) if hi is None else hi):
        spans += _cut(text, *match.span())
    return spans


def _is_name_word(word: str, allow_digit: bool) -> bool:
    return word[:1].isupper() or (allow_digit and word.isdigit())


def name_run(text: str, pos: int, max_words: int = 5, allow_digit: bool = False) -> list[tuple[int, int]]:
    """The capitalised words from `pos` on, single-spaced (the span of each word)."""
    words = []
    while len(words) < max_words:
        match = _NAME_WORD.match(text, pos)
        if not match or not _is_name_word(match.group(), allow_digit and not words):
            break
        span = _cut(text, *match.span())[0]
        words.append(span)
        gap = re.match(r"[ \u00a0]", text[span[1] : span[1] + 1])
        if not gap:
            break
        pos = span[1] + 1
    return words


class UnitFinder:
    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        era: str,
        reserved: list[tuple[int, int]],
        lang: str = "vi",
        lex: Lexicon | None = None,
    ):
        self.text, self.sentences, self.era, self.lang = text, sentences, era, lang
        self.reserved = reserved
        self._reserved = Coverage(len(text), reserved)
        self._reserved_starts = sorted(a for a, _ in reserved)
        self.lex = lex or lexicon()
        self.mentions: list[UnitMention] = []
        # An article about 1945-1975 may name the provinces of then ("Hà Đông", "Sài Gòn").
        self._old_provinces: dict[str, list] = {}
        self._by_span: dict = {}
        self._old = any(1945 <= int(y) <= 1975 for y in re.findall(r"(?<!\d)(19[4-7]\d)(?!\d)", text))
        self._spans: list[tuple[int, int]] = []  # (start, end) of every mention, sorted

    # ------------------------------------------------------------------ finding
    def find(self) -> list[UnitMention]:
        self._typed_prefix()
        if self.lang == "en":  # "Que Son district"; in French "Le district de" would misfire
            self._typed_suffix()
        self._resolve()
        self._bare()
        self._resolve()
        self._dash_pairs()
        self._add_parents()
        self.mentions.sort(key=lambda m: m.start)
        self._parents_beside()
        return self.mentions

    def _parents_beside(self) -> None:
        """ "Hoi An city (Quang Nam province)", "thành phố Vinh, tỉnh Nghệ An": a unit written in
        brackets or after a comma right beside one of its own parts is where that part is, not a
        party of its own."""
        linked = [m for m in self.mentions if m.unit is not None and m.kind != "below"]
        for before, mention in zip(linked, linked[1:]):
            end = max(before.end, before.suffix_end)
            if mention.evidence_start < end or mention.kind == "parent":
                continue
            if re.fullmatch(r"\s*[(,]\s*", self.text[end : mention.evidence_start]) and any(
                a is mention.unit for a in self.lex.ancestors(before.unit)
            ):
                mention.kind = "parent"

    def _taken(self, start: int, end: int) -> bool:
        # Mentions never overlap: among those starting before `end`, only the last can reach `start`.
        index = bisect.bisect_left(self._spans, (end, -1))
        return index > 0 and self._spans[index - 1][1] > start

    def _reserved_between(self, lo: int, hi: int) -> bool:
        """A reserved name starts strictly between lo and hi."""
        index = bisect.bisect_right(self._reserved_starts, lo)
        return index < len(self._reserved_starts) and self._reserved_starts[index] < hi

    def _candidates(self, surface: str, types: frozenset | None, strict: bool = False) -> list:
        found = self.lex.lookup(surface)
        if types is None:
            return found
        exact = [u for u in found if u.unit_type in types]
        if exact or strict:
            return exact
        # The package types a few townships "xã": accept another commune type, same spelling only.
        levels = {LEVEL_OF_TYPES[k] for k in LEVEL_OF_TYPES if types & k}
        return [u for u in found if u.level in levels and u.level == "commune" and same_spelling(surface, u.short_name)]

    def _longest_name(self, words, types, from_end=False, strict=False):
        """The longest run of words (from the start, or from the end) that names a unit."""
        for n in range(len(words), 0, -1):
            span = words[-n:] if from_end else words[:n]
            surface = self.text[span[0][0] : span[-1][1]]
            candidates = self._candidates(surface, types, strict)
            if candidates:
                return span[0][0], span[-1][1], surface, candidates
        return None

    def _typed_prefix(self) -> None:
        for match in PREFIX_RE.finditer(self.text):
            word = type_word(match.group(1), PREFIX_TYPES)
            descriptors = _DESCRIPTORS.match(self.text, match.end())
            pos = descriptors.end()
            pos += len(self.text[pos : pos + WINDOW]) - len(self.text[pos : pos + WINDOW].lstrip(" \u00a0"))
            words = name_run(self.text, pos, allow_digit=True)
            if not words or self._taken(words[0][0], words[-1][1]):
                continue
            if word.implied:  # "Bí thư Huyện ủy X Nguyễn Văn A": the name ends where the person's begins
                words = [
                    w
                    for w in words
                    if not self._reserved.overlaps(w[0], w[1]) and not self._reserved_between(words[0][0], w[0])
                ]
                if not words:
                    continue
            found = self._longest_name(words, word.types)
            kind = "implied" if word.implied else "typed"
            if found is None:
                if word.types <= BELOW:
                    self._below_commune(match, word, words)
                elif not word.implied:
                    self._typed_historical(match, word, words)
                continue
            start, end, surface, candidates = found
            first = self._add(start, end, surface, kind, word, match.start(), candidates)
            self._continue_list(first, word)

    def _typed_historical(self, match, word: TypeWord, words) -> None:
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
                return

    def _continue_list(self, first: UnitMention, word: TypeWord) -> None:
        """ "các xã La Êê và La Dê": names after a connector, same type, same era."""
        last, items = first, [first]
        while True:
            connector = _CONNECTOR.match(self.text, last.end)
            if not connector:
                break
            words = name_run(self.text, connector.end())
            if words and _ORGANIZATION_HEAD.match(self.text, words[0][0]):
                break  # "phường X và Đảng ủy xã Y": the list has ended
            found = self._longest_name(words, word.types, strict=True) if words else None
            if found is None or self._taken(found[0], found[1]) or self._names_a_parent(found[2], items):
                break
            last = self._add(found[0], found[1], found[2], "list", word, -1, found[3])
            items.append(last)
        hint = self._parent_hint(last.end)
        for item in items:
            item.parent_hint, item.parent_hint_start = hint

    def _names_a_parent(self, surface: str, items) -> bool:
        """ ", Tây Giang" after "xã Lăng" names Lăng's district, not a second commune."""
        return any(
            fold(p.short_name) == fold(surface)
            for item in items
            for c in item.candidates
            for p in self.lex.ancestors(c)
        )

    def _below_commune(self, match, word: TypeWord, words) -> None:
        name_words = words[:4]
        surface = self.text[name_words[0][0] : name_words[-1][1]]
        mention = UnitMention(
            name_words[0][0],
            name_words[-1][1],
            surface,
            "below",
            match.group(1),
            match.start(),
            word.types,
            word.stated,
        )
        mention.parent_hint, mention.parent_hint_start = self._parent_hint(mention.end)
        self._append(mention)

    def _typed_suffix(self) -> None:
        for match in SUFFIX_RE.finditer(self.text):
            word = type_word(match.group(1), SUFFIX_TYPES)
            words = self._run_before(match.start())
            if not words or self._taken(words[0][0], match.end()):
                continue
            found = self._longest_name(words, word.types, from_end=True)
            if found:
                mention = self._add(found[0], found[1], found[2], "typed", word, -1, found[3])
                mention.suffix_end = match.end()

    def _run_before(self, pos: int) -> list[tuple[int, int]]:
        """The capitalised words that end right at `pos`, single-spaced (at most five)."""
        words = []
        for a, b in reversed(_words(self.text, max(0, pos - 120), pos)):
            expected_end = words[0][0] - 1 if words else pos
            if b != expected_end or not _is_name_word(self.text[a:b], False) or len(words) == 5:
                break
            words.insert(0, (a, b))
        return words

    def _capitalised_runs(self) -> list[list[tuple[int, int]]]:
        runs, current = [], []
        for start, end in _words(self.text):
            if not _is_name_word(self.text[start:end], False):
                if current:
                    runs.append(current)
                current = []
                continue
            if current and not (start == current[-1][1] + 1 and self.text[current[-1][1]] in " \u00a0"):
                runs.append(current)
                current = []
            current.append((start, end))
        if current:
            runs.append(current)
        return runs

    def _bare(self) -> None:
        """Province names and names the article has already linked, written without a type."""
        known = {}
        for mention in self.mentions:
            if mention.unit is not None and mention.kind != "below":
                known.setdefault(fold(mention.surface), mention.unit)
                known.setdefault(fold(mention.unit.short_name), mention.unit)
        for words in self._capitalised_runs():
            i = 0
            while i < len(words):
                for n in range(min(5, len(words) - i), 0, -1):
                    start, end = words[i][0], words[i + n - 1][1]
                    if self._taken(start, end) or self._reserved.overlaps(start, end):
                        continue
                    surface = self.text[start:end]
                    key = fold(surface)
                    # A bare name that is a province's is the province ("giữa Thanh Hóa và Quảng
                    # Nam"), even when the article also names the provincial city.
                    if n >= 2 and key in self.lex.provinces:
                        self._add(start, end, surface, "bare", None, -1, list(self.lex.provinces[key]))
                    elif n == 1 and key in self.lex.glued_provinces and self._glued_province(start, surface):
                        self._add(start, end, surface, "bare", None, -1, list(self.lex.glued_provinces[key]))
                    elif key in known:  # before a province of then: "quận Hà Đông" stays the district
                        mention = self._add(start, end, surface, "bare", None, -1, [known[key]])
                        mention.unit, mention.confidence = known[key], 0.7
                    elif self._old and self._historical_province(surface) and not self._dashed_name(start, surface):
                        units = self._historical_province(surface)
                        mention = self._add(start, end, surface, "bare", None, -1, units)
                        mention.unit, mention.confidence = units[0], 0.6
                    else:
                        continue
                    i += n - 1
                    break
                i += 1

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
        provinces = {
            self.lex.province_of(m.unit).code
            for m in self.mentions
            if m.unit is not None and m.kind != "below" and self.lex.province_of(m.unit) is not None
        }
        # Mentions by span: a side already linked is looked up, not searched for (linear cost).
        self._by_span = {(m.start, m.end): m for m in self.mentions if m.unit is not None}
        for dash in _DASH.finditer(self.text):
            left, right = self._run_before(dash.start()), name_run(self.text, dash.end(), max_words=4)
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
                    break

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

    def _add(self, start, end, surface, kind, word: TypeWord | None, type_start, candidates) -> UnitMention:
        type_word = self.text[type_start:start].strip() if word and type_start >= 0 else ""
        mention = UnitMention(
            start,
            end,
            surface,
            kind,
            type_word,
            type_start,
            word.types if word else None,
            word.stated if word else None,
            list(candidates),
        )
        mention.old = bool(_OLD.match(self.text[end : end + 20]))
        if kind in ("typed", "implied"):
            mention.parent_hint, mention.parent_hint_start = self._parent_hint(end)
        self._append(mention)
        return mention

    def _append(self, mention: UnitMention) -> None:
        self.mentions.append(mention)
        bisect.insort(self._spans, (mention.start, mention.end))

    def _parent_hint(self, pos: int) -> tuple[str, int]:
        """The name written right after a mention that may be its parent: "(Quảng Nam)",
        ", Tây Giang", " huyện Nam Giang", "(thị trấn Thạnh Mỹ)"."""
        lead = _PARENT_AFTER.match(self.text, pos)
        rest = lead.end()
        typed = PREFIX_RE.match(self.text, rest)
        if typed:
            rest = typed.end()
            rest += len(self.text[rest : rest + WINDOW]) - len(self.text[rest : rest + WINDOW].lstrip(" "))
        elif lead.end() == pos:  # nothing between: "xã X Y" is one name, not a hint
            return "", -1
        words = name_run(self.text, rest)
        return (self.text[words[0][0] : words[-1][1]], words[0][0]) if words else ("", -1)

    def _add_parents(self) -> None:
        """ ", Tây Giang" after "xã Lăng" is a mention of Lăng's district too."""
        for mention in list(self.mentions):
            if mention.unit is None or mention.parent_hint_start < 0:
                continue
            hint = fold(mention.parent_hint)
            for parent in self.lex.ancestors(mention.unit):
                name = fold(parent.short_name)
                if hint == name or hint.startswith(name + " "):
                    mention.hint_is_parent = True
                    end = mention.parent_hint_start + len(parent.short_name)
                    if not self._taken(mention.parent_hint_start, end):
                        added = UnitMention(
                            mention.parent_hint_start,
                            end,
                            self.text[mention.parent_hint_start : end],
                            "parent",
                            candidates=[parent],
                            unit=parent,
                            confidence=round(mention.confidence * 0.95, 2),
                        )
                        self._append(added)
                    break

    # ------------------------------------------------------------------ resolving
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
            word = mention.type_word or ("Tổ dân phố" if "to-dan-pho" in mention.types else "Thôn")
            mention.unit = BelowCommune(parent.era, parent, next(iter(mention.types)), word, mention.surface)
            mention.confidence = parents[0].confidence * 0.9


def find_unit_mentions(
    text: str, sentences: list[Sentence], era: str, reserved: list[tuple[int, int]] = (), lang: str = "vi"
) -> list[UnitMention]:
    return UnitFinder(text, sentences, era, list(reserved), lang).find()
