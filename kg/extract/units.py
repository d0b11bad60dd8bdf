"""Mentions of administrative units, linked to gazetteer units of the right era.

A mention is found three ways:
- typed: a type word then a name ("huyện Nam Giang", "le district de Que Son", "TP.Thanh Hóa",
  "Huyện ủy Ngọc Lặc", whose head implies a district), or in English a name then a type word
  ("Que Son district"); names coordinated after it ("các xã La Êê và La Dê") share its type;
- bare: a province name, or a name the article has already linked ("Nam Giang - Ngọc Lặc")
  (kg.extract.bare_units);
- below commune: "Tổ dân phố Dung (thị trấn Thạnh Mỹ)" becomes a new unit under its commune.

Names are compared without diacritics, then with the loose key ("La Dê" = "La Dêê"). A name
shared by several units is settled by, in order: a parent written right after it ("(Quảng Nam)",
", Tây Giang", " huyện Nam Giang"); units of its parents linked in the same sentence, then
anywhere in the article; the article's dominant province; the article's exact spelling. When a
tie remains the mention is left unlinked (the draft lists it for the steward)
(kg.extract.unit_resolution).
"""

from __future__ import annotations

import bisect
import re

from kg.extract.bare_units import BareNameFinder
from kg.extract.typed_history import TypedHistoryFinder
from kg.extract.lexicon import Lexicon, lexicon, same_spelling
from kg.extract.spans import WINDOW, Coverage
from kg.extract.text import Sentence
from kg.extract.unit_mentions import UnitMention, name_run, name_run_before
from kg.extract.unit_resolution import UnitResolver
from kg.extract.unit_types import (
    BELOW,
    COMMUNE_TYPES,
    LEVEL_OF_TYPES,
    PREFIX_RE,
    PREFIX_TYPES,
    SUFFIX_RE,
    SUFFIX_TYPES,
    TypeWord,
    type_word,
)
from kg.vietnamese import fold

BELOW_THON = frozenset({"thon"})

# Words that may stand between a type word and the name ("các xã biên giới đất liền La Êê").
_DESCRIPTORS = re.compile(
    r"(?:\s+(?:biên giới|đất liền|miền núi|vùng cao|đồng bằng|đặc biệt khó khăn|khó khăn|kết nghĩa"
    r"|anh em|bạn|ven biển|hải đảo|nghèo|mới|cũ|vùng sâu|vùng xa))*",
    re.I,
)
_ORGANIZATION_HEAD = re.compile(r"(?:Đảng|Ban|UBND|HĐND|Ủy|Uỷ|Hội|Văn phòng|Thường trực|Comité|Conseil)\b", re.I)
# "Đảng ủy các xã: A, B và C": a plural type word and a colon open a list of its names.
_PLURAL_BEFORE = re.compile(r"\b(?:các|những|hai|ba|bốn|năm)\s+$", re.I)
_COLON = re.compile(r"[ \t]*:")
_OLD = re.compile(r"^\s*\(?\s*(?:cũ|trước đây|ancien(?:ne)?|former)\b", re.I)
# "la commune de A et celle de B", "A district and that of B": the second name has the first's type.
_CONNECTOR = re.compile(
    r"(?:\s*,\s*|\s+(?:và|cùng|et|and)\s+)(?:(?:celles?|celui|ceux)\s+d(?:e\s+|')|(?:that|those)\s+of\s+)?", re.I
)
# "A, B and C communes": the connector before each name a plural type word after them covers.
_LIST_BEFORE = re.compile(r"(?:,[ \u00a0]*(?:and[ \u00a0]+)?|[ \u00a0]+and[ \u00a0]+)$")
_NAME_DASH = re.compile(r"[ \u00a0]*[-–][ \u00a0]*")
# "Quận 1", "phường 5", "District 1", "Q.10": a number is the name of some districts and wards of
# before 2025, which the gazetteer names with their type word ("Quận 1").
_NUMBERED = re.compile(r"(?<!\w)(?:(quận|district)|(phường|ward)|(?-i:(Q)|(P))\.)[ \u00a0]?(\d{1,2})(?![\w,.]\d)", re.I)
_AT_PLACE = re.compile(r"\b(?:tại|ở)\s+$", re.I)
_SUBJECT_VERB = re.compile(
    r"[ \t]+(?:và|cùng|long trọng|đã|vừa|chính thức|tổ chức|phối hợp|kỷ niệm|ký kết|tiến hành|trao|đón|gặp mặt)\b"
)
# "Na Son village", "Pa Kho Village": an English village, the name before the word.
_VILLAGE_AFTER = re.compile(r"[ \u00a0](village|hamlet)\b", re.I)
_POSSESSIVE = re.compile(r"['’]s[ \u00a0]+")
_VILLAGE_OF = re.compile(r"\b((?i:village|hamlet|hameau))[ \u00a0]+(?:of[ \u00a0]+|de[ \u00a0]+|d['’])(?=[A-ZÀ-ỸĐ])")
_PARENT_AFTER = re.compile(r"[ \t]*(?:\(\s*|,\s*|\s-\s)?(?:(?:thuộc|của|de|du|in|of)\s+)?", re.I)


class UnitFinder(BareNameFinder, TypedHistoryFinder, UnitResolver):
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
        self._numbered()
        self._typed_prefix()
        if self.lang == "en":  # "Que Son district"; in French "Le district de" would misfire
            self._typed_suffix()
        if self.lang in ("en", "fr"):  # "Na Son village, Tam Hop commune", "le village de X, commune de Y"
            self._english_villages()
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
                if not self._subject_after_place(before, mention):
                    mention.kind = "parent"
                elif before.parent_hint_start in (mention.start, mention.evidence_start):
                    before.hint_is_parent = False  # the subject, not the place's address

    def _subject_after_place(self, place: UnitMention, mention: UnitMention) -> bool:
        """ "Tối 3/4, tại TP Tuyên Quang, tỉnh Tuyên Quang tổ chức lễ kỷ niệm ...": after the place
        of the event, its parent followed by the sentence's verb is the subject, not an address."""
        return bool(
            _AT_PLACE.search(self.text, max(0, place.evidence_start - 8), place.evidence_start)
            and _SUBJECT_VERB.match(self.text, max(mention.end, mention.suffix_end))
        )

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
        exact = [
            u
            for u in found
            if u.unit_type in types or self.lex.former_types.get((u.code, fold(_NAME_DASH.sub(" ", surface)))) in types
        ]
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
            colon = _COLON.match(self.text, pos)
            if colon and _PLURAL_BEFORE.search(self.text[max(0, match.start() - 8) : match.start()]):
                pos = colon.end()
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
            if not word.implied and self._dashed_historical(match, word, words):
                continue
            found = self._dash_after(words, word.types) or self._longest_name(words, word.types)
            kind = "implied" if word.implied else "typed"
            if found is None:
                if word.types <= BELOW:
                    self._below_commune(match, word, words)
                elif not word.implied and not self._typed_historical(match, word, words):
                    self._typed_district_since(match, word, words)
                continue
            start, end, surface, candidates = found
            first = self._add(start, end, surface, kind, word, match.start(), candidates)
            self._continue_list(first, word)

    def _dash_after(self, words, types):
        """ "tỉnh Bà Rịa - Vũng Tàu": a typed name that goes on past a dash, when a unit bears it."""
        dash = _NAME_DASH.match(self.text, words[-1][1])
        after = name_run(self.text, dash.end(), max_words=4) if dash and dash.end() > words[-1][1] else None
        return self._across_dash(words, after, types, whole_left=True) if after else None

    def _dash_before(self, words, types):
        """ "Ba Ria - Vung Tau province": the same, the name before an English type word."""
        dash = re.search(r"[ \u00a0]*[-–][ \u00a0]*$", self.text[max(0, words[0][0] - 5) : words[0][0]])
        before = name_run_before(self.text, words[0][0] - len(dash.group())) if dash else None
        return self._across_dash(before, words, types, whole_right=True) if before else None

    def _numbered(self) -> None:
        """ "Quận 1", "District 1 of Ho Chi Minh City", "Phường 5, Quận 10": a district or ward
        named by its number, looked up with its Vietnamese type word (settled like any other
        name: "Phường 5" by its district written after it). A ward number, which some twenty
        wards share, only before its numbered district, as Hồ Chí Minh City writes addresses."""
        for match in _NUMBERED.finditer(self.text):
            district = bool(match.group(1) or match.group(3))
            after = _NUMBERED.match(self.text, _PARENT_AFTER.match(self.text, match.end()).end())
            if not district and not (after and (after.group(1) or after.group(3))):
                continue  # some twenty wards bear each number: only with its numbered district after it
            word = type_word("quận" if district else "phường", PREFIX_TYPES)
            name = f"{'Quận' if district else 'Phường'} {match.group(5)}"
            candidates = [u for u in self.lex.lookup(name) if u.unit_type in word.types]
            if candidates and not self._reserved.overlaps(*match.span()):
                self._add(match.start(), match.end(), match.group(), "typed", word, match.start(), candidates)

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
            words = name_run_before(self.text, match.start())
            if not words or self._taken(words[0][0], match.end()):
                continue
            found = self._dash_before(words, word.types) or self._longest_name(words, word.types, from_end=True)
            if found:
                mention = self._add(found[0], found[1], found[2], "typed", word, -1, found[3])
                mention.suffix_end = match.end()
                if match.group(1).lower().endswith("s"):
                    self._list_before(mention, word, match.end())

    def _english_villages(self) -> None:
        """ "Na Son village, Tam Hop commune", "Na Son village of Tam Hop commune", "the village of
        Na Son in Tam Hop commune", "le village de Na Son (commune de Tam Hop)": a village written
        in English or French below the commune typed right after it (like "thôn Na Son, xã Tam
        Hợp"); a name with no commune after it is left to the reading of places abroad."""
        communes = {m.start: m for m in self.mentions if m.kind == "typed" and m.types and m.types <= COMMUNE_TYPES}
        spans = [(m, name_run_before(self.text, m.start())[-4:], m.end()) for m in _VILLAGE_AFTER.finditer(self.text)]
        spans += [(m, name_run(self.text, m.end(), max_words=4), -1) for m in _VILLAGE_OF.finditer(self.text)]
        for match, words, suffix_end in spans:
            if not words:
                continue
            start, end = words[0][0], words[-1][1]
            _, hint_start = self._parent_hint(max(end, suffix_end))
            commune = communes.get(hint_start) or self._possessed_commune(hint_start, communes)
            if commune is None and suffix_end >= 0:  # "Tam Hop commune's Na Son village"
                commune = next((c for c in communes.values() if self._possessive_to(c, start)), None)
            if commune is None or self._taken(min(start, match.start()), max(end, match.end())):
                continue
            type_start = match.start(1) if suffix_end < 0 else -1
            mention = UnitMention(
                start, end, self.text[start:end], "below", match.group(1), type_start, BELOW_THON, "thon"
            )
            mention.suffix_end = suffix_end
            mention.parent_hint, mention.parent_hint_start = commune.surface, hint_start
            self._append(mention)

    def _possessive_to(self, mention: UnitMention, pos: int) -> bool:
        after = _POSSESSIVE.match(self.text, mention.evidence_end)
        return after is not None and after.end() == pos

    def _possessed_commune(self, pos: int, communes: dict) -> UnitMention | None:
        """ "in Tuong Duong district's Tam Hop commune": the commune after the possessive of the
        unit written at `pos`."""
        unit = next((m for m in self.mentions if m.start == pos and m.kind == "typed"), None)
        after = _POSSESSIVE.match(self.text, unit.evidence_end) if unit is not None else None
        return communes.get(after.end()) if after else None

    def _list_before(self, last: UnitMention, word: TypeWord, type_end: int) -> None:
        """ "Tan Lap and Tan Hoa communes (of Binh Phuoc province)": a plural type word after
        coordinated names types each of them; the parent after it settles them all."""
        items, pos = [last], last.start
        while connector := _LIST_BEFORE.search(self.text, max(0, pos - 8), pos):
            words = name_run_before(self.text, connector.start())
            found = self._longest_name(words, word.types, from_end=True, strict=True) if words else None
            if found is None or found[1] != connector.start() or self._taken(found[0], found[1]):
                break
            items.append(self._add(found[0], found[1], found[2], "list", word, -1, found[3]))
            pos = found[0]
        hint = self._parent_hint(type_end)
        for item in items:
            item.parent_hint, item.parent_hint_start = hint

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
        numbered = _NUMBERED.match(self.text, rest)
        if numbered:  # ", Quận 10": the hint is the gazetteer's name, type word and number
            return f"{'Quận' if numbered.group(1) or numbered.group(3) else 'Phường'} {numbered.group(5)}", rest
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


def find_unit_mentions(
    text: str, sentences: list[Sentence], era: str, reserved: list[tuple[int, int]] = (), lang: str = "vi"
) -> list[UnitMention]:
    return UnitFinder(text, sentences, era, list(reserved), lang).find()
