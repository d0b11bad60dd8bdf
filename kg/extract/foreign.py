"""Parties outside Vietnam: foreign localities named in twinning clauses (kn:ForeignLocality).

No gazetteer of foreign places is read; a name is foreign when the article says so:
- a country or a foreign province written right after it, as its parent: "Mã Quan (Vân Nam)",
  "Daegu (South Korea)", "Luang Prabang, Laos", "Hua Muong district, Hua Phan province (Lao PDR)";
- a nationality word before it: "le bourg chinois de Dong Zhong", "the Lao district of X";
- a foreign type word ("trấn", "hương", "bourg", "canton") before it, or a Vietnamese one
  ("huyện", "bản", "thành phố"...) before a name the gazetteer does not hold, with a country
  stated in its clause, sentence or paragraph ("phía Trung Quốc", "nước bạn Lào");
- a name already found foreign, written again with a type word ("Hua Muong districts").
A unit the linker settled stays Vietnamese unless its own parent is a foreign one ("huyện Phú
Ninh (Vân Nam)" is not Quảng Nam's): then that mention is dropped. The IRI is
id:place/{cc}-{slug}, the slug of the name without its type word. The names of countries and
foreign provinces, and ForeignPlace itself, are kg.extract.foreign_names'.

Bare names on the Vietnamese side of such lists are linked by kg.extract.foreign_lists.
"""

from __future__ import annotations

import bisect
import re

from kg.extract.cues import RELATION
from kg.extract.foreign_names import (
    COUNTRY_PATTERNS,
    PROVINCE_PATTERNS,
    ForeignPlace,
    country_in,
    country_of_whole,
)
from kg.extract.lexicon import Lexicon, lexicon, same_spelling
from kg.extract.spans import Coverage, sentence_at
from kg.extract.unit_mentions import UnitMention, name_run
from kg.extract.world_cities import find_cities
from kg.vietnamese import fold

# Before the name. Strong words are never Vietnamese unit types (a Chinese township, a bourg).
_STRONG = r"phum|(?<!thị )(?<!Thị )trấn|(?<!quê )(?<!dâng )(?<!thắp )(?<!nén )(?<!Quê )hương"
_TYPE_VI = r"cụm bản|thành phố|tỉnh|huyện|bản|thôn|làng|ấp|khóm|xã|quận|thị xã"
_NATION = (
    r"chinois(?:e)?|laotien(?:ne)?|lao|cambodgien(?:ne)?|coréen(?:ne)?|sud-coréen(?:ne)?|japonais(?:e)?"
    r"|thaïlandais(?:e)?|Chinese|Lao|Laotian|Cambodian|Korean|Japanese|Thai"
    r"|français(?:e)?|French|allemand(?:e)?|German|belge|Belgian|italien(?:ne)?|Italian|russe|Russian"
    r"|américain(?:e)?|American|australien(?:ne)?|Australian|cubain(?:e)?|Cuban"
)
_TYPE_FR_EN = (
    r"bourg|canton|ville|district|province|commune|village|hameau|town|city|county|prefecture"
    r"|département|région|region|préfecture|state|municipality|municipalité"
)
_PREFIX = re.compile(
    rf"(?<![\w])(?:(?P<strong>{_STRONG})|(?P<vi>(?i:{_TYPE_VI}))"
    rf"|(?:(?P<nation1>{_NATION})\s+)?(?P<fr>(?i:{_TYPE_FR_EN}))(?:\s+(?P<nation2>{_NATION}))?\s+(?:de |du |d'|of )"
    r"(?:la |le |l'|the )?)"
    r"\s*(?=[A-ZÀ-ỸĐ])",
)
_VIETNAM = re.compile(r"Việt Nam|Vietnam|Viet Nam|Việt|Vietnamese")
_SUFFIX = re.compile(
    r"\s(?:(?:hamlet|village) clusters?|districts?|cit(?:y|ies)|provinces?|count(?:y|ies)|towns?|townships?"
    r"|prefectures?|communes?|[Vv]illages?)\b"
)
# Between the names a plural type word distributes over: "A, B and C provinces".
_LISTED = re.compile(r"(?:,\s*|\s+(?:and|et|và)\s+)$")
_NATIONS = {
    "CN": r"chinois|Chinese",
    "LA": r"laotien|lao\b|Lao\b|Laotian",
    "KH": r"cambodgien|Cambodian",
    "KR": r"coréen|Korean",
    "JP": r"japonais|Japanese",
    "TH": r"thaïlandais|Thai",
    "FR": r"français|French",
    "DE": r"allemand|German",
    "BE": r"belge|Belgian",
    "IT": r"italien|Italian",
    "RU": r"russe|Russian",
    "US": r"américain|American",
    "AU": r"australien|Australian",
    "CU": r"cubain|Cuban",
}
# One step of a parent chain after a name: "(Vân Nam)", ", Hua Phan province", ", dans la ville de X".
_STEP = re.compile(
    r"\s*(?:\(\s*|,\s*|(?=(?:de|du|of|in|dans)\s))(?:(?:thuộc|của|dans|de|du|in|of)\s+)?(?:(?:la|le|l'|the)\s*)?"
    rf"(?:(?:{_TYPE_VI}|{_TYPE_FR_EN}|{_STRONG})(?:\s+(?:de|du|of))?\s+|d')?"
)
# A country as the possessor of the name after it: "Algeria's Batna province"; the possessor
# is one to three capitalised words ("South Korea's", "the Czech Republic's").
_POSSESSOR = re.compile(
    r"(?<![\w])(?P<country>[A-ZÀ-Ỹ][\w-]*(?: [A-Z][\w-]*){0,2})(?:['’]s|(?<=s)['’])\s+"
    r"(?:(?:capital|northern|southern|central|eastern|western|border|coastal|ancient|old)\s+)*(?=[A-ZÀ-ỸĐ])"
)
_BAN = re.compile(r"(?<![\w])Ban[ \u00a0]+(?=[A-Z])")
_CAPITAL_TYPE = re.compile(r"Province|District|Commune|Village|Prefecture|County")
_TWINNING = re.compile(r"kết nghĩa|jumel|twinn|sister|hữu nghị|amitié|amical|friendship|friendly", re.I)


class ForeignFinder:
    def __init__(self, text: str, sentences, units: list[UnitMention], lex: Lexicon):
        self.text, self.sentences, self.lex = text, sentences, lex
        self.units = sorted(units, key=lambda m: m.start)
        self._starts = [m.start for m in self.units]
        self.found: list[UnitMention] = []
        self.dropped: set[int] = set()  # ids of unit mentions that were foreign names
        self.foreign_names: dict[str, ForeignPlace] = {}
        self.parents: list[tuple[int, int]] = []  # foreign parents written after a foreign name
        self._covered = Coverage(len(text))

    def _units_at(self, start: int, end: int) -> list[UnitMention]:
        index = bisect.bisect_left(self._starts, end)
        found: list[UnitMention] = []
        while index > 0 and len(found) < 3:  # mentions hardly overlap: the few before `end`
            index -= 1
            mention = self.units[index]
            if mention.end > start and id(mention) not in self.dropped:
                found.append(mention)
            elif mention.end <= start and mention.start < start - 200:
                break
        return found

    def _unit_at(self, start: int, end: int) -> UnitMention | None:
        found = self._units_at(start, end)
        return found[0] if found else None

    def _taken(self, start: int, end: int) -> bool:
        return self._covered.overlaps(start, end)

    def chain(self, pos: int) -> tuple[str | None, list[tuple[int, int]]]:
        """The country a name's parents state (up to four steps: a village's commune, district,
        province and country) and the parents' spans."""
        end, spans = pos, []
        for _ in range(4):
            step = _STEP.match(self.text, end)
            if step is None:
                break
            words = name_run(self.text, step.end(), max_words=4)
            if not words:
                break
            name_end = words[-1][1]
            suffix = _SUFFIX.match(self.text, name_end)
            stop = suffix.end() if suffix else name_end
            closing = re.match(r"\s*\)", self.text[stop : stop + 4])
            surface = self.text[words[0][0] : name_end]
            spans.append((words[0][0], name_end))
            end = stop + (closing.end() if closing else 0)
            country = country_of_whole(surface, COUNTRY_PATTERNS) or country_of_whole(surface, PROVINCE_PATTERNS)
            if country is None and re.search(r"(?i:département)", step.group()):
                country = "FR"  # "Montreuil (département de Seine-Saint-Denis)": only France has them
            if country is not None:
                return country, spans
        return None, spans

    def context(self, pos: int) -> str | None:
        """The country stated in the sentence around `pos`, else in its paragraph."""
        sentence = sentence_at(self.sentences, pos)
        if sentence is not None:
            country = country_in(sentence.text)
            if country:
                return country
        lo = self.text.rfind("\n", 0, pos) + 1
        hi = self.text.find("\n", pos)
        return country_in(self.text[lo : hi if hi >= 0 else len(self.text)][:3000])

    def add(self, start, end, type_start, country, type_word="", confidence=0.8, parents=(), canonical="") -> None:
        surface = self.text[start:end]
        place = self.foreign_names.setdefault(fold(surface), ForeignPlace(country, surface, type_word, canonical))
        mention = UnitMention(start, end, surface, "foreign", type_word, type_start, unit=place, confidence=confidence)
        # "Batna province of Algeria and ...": its type word and parents end its evidence, so that
        # what follows them is read as coordinated with it.
        suffix = _SUFFIX.match(self.text, end)
        tail = max([suffix.end()] if suffix else [], default=end)
        tail = max([tail] + [b for _, b in parents if b - tail < 40])
        if tail > end:
            mention.suffix_end = tail
        self.found.append(mention)
        self._covered.add(start, end)
        for a, b in parents:
            self.parents.append((a, b))
            self._covered.add(a, b)
        for unit in self._units_at(start, end):  # "huyện Phú Ninh (Vân Nam)" is not the Vietnamese district
            self.dropped.add(id(unit))

    def find(self) -> list[UnitMention]:
        self._possessed()
        self._lao_villages()
        self._typed()
        self._suffixed()
        self._bracketed()
        self._tabled()
        self._provinces()
        self.found.sort(key=lambda m: m.start)
        return self.found

    def _name(self, pos: int) -> tuple[int, int] | None:
        words = name_run(self.text, pos, max_words=4)
        # "trấn Điền Bồng Trung Quốc": the country is not part of the name.
        while words and country_in(self.text[words[-1][0] : words[-1][1]], provinces=False):
            words = words[:-1]
        # "Laos' Salavan Province": an English type word capitalised is not part of the name.
        if len(words) > 1 and _CAPITAL_TYPE.fullmatch(self.text[words[-1][0] : words[-1][1]]):
            words = words[:-1]
        if not words:
            return None
        # "Bản Ka Túp 2 (huyện Sê Pôn, ...)": a village's number is part of its name
        number = re.match(r" \d{1,2}(?=\s*[(,;.]|\s+(?:và|et|and|với)\b)", self.text[words[-1][1] : words[-1][1] + 8])
        return (words[0][0], words[-1][1] + (number.end() if number else 0))

    def _typed(self) -> None:
        for match in _PREFIX.finditer(self.text):
            span = self._name(match.end())
            if span is not None and match.group("fr"):
                # "la ville de Saint-Malo", "le département du Val-de-Marne": French names join words by hyphens.
                joined = re.match(r"(?:-[\w'’]+)+", self.text[span[1] : span[1] + 40])
                span = (span[0], span[1] + joined.end()) if joined else span
            if span is None or self._taken(*span):
                continue
            start, end = span
            surface = self.text[start:end]
            if country_of_whole(surface, COUNTRY_PATTERNS) or _VIETNAM.fullmatch(surface):
                continue  # "the provinces of Laos": a country, not a locality
            nation = match.group("nation1") or match.group("nation2")
            said = next((cc for cc, rx in _NATIONS.items() if nation and re.match(rx, nation)), None)
            country, parents = self.chain(end)
            if parents and country is None and self._linked(*parents[0]):
                continue  # "bản X (xã Y)": a village of a Vietnamese commune
            country = said or country or country_of_whole(surface, PROVINCE_PATTERNS)
            if country is None and (match.group("fr") or "").lower() == "département":
                country = "FR"  # "le département de l'Essonne": only France has them among twins
            unit = self._unit_at(start, end)
            type_start = match.start("nation1") if match.group("nation1") else match.start()
            word = _type_label(match.group("strong") or match.group("vi") or match.group("fr"))
            if country is not None:
                self.add(start, end, type_start, country, word, 0.85, parents)
                continue
            if unit is not None and unit.unit is not None:
                continue  # a Vietnamese unit stays one
            known = self.foreign_names.get(fold(surface))
            if known is not None:
                self.add(start, end, type_start, known.country, known.type_word, 0.8, parents)
                continue
            # An unlinked name after a Vietnamese type word may be a Vietnamese place the
            # gazetteer could not settle: foreign only when no unit anywhere bears it.
            unknown = (unit is None or unit.unit is None) and not self.lex.lookup(surface)
            if (match.group("strong") or nation or unknown) and self._twinning(start):
                country = self.context(start)
                if country is not None:
                    self.add(start, end, type_start, country, word, 0.7, parents)

    def _possessed(self) -> None:
        """ "Algeria's Batna province", "Germany's Wernigerode", "Cambodia's Kirivong district":
        English writes the country as the possessor of its locality ("Vietnam's" names none)."""
        for match in _POSSESSOR.finditer(self.text):
            country = country_of_whole(match.group("country"), COUNTRY_PATTERNS)
            span = self._name(match.end())
            if country is None or span is None or self._taken(*span):
                continue
            start, end = span
            surface = self.text[start:end]
            if country_of_whole(surface, COUNTRY_PATTERNS) or _VIETNAM.fullmatch(surface):
                continue
            self.add(start, end, match.start(), country, "", 0.85)

    def _lao_villages(self) -> None:
        """ "Ban Huoi Lot, Nong Het district (Laos)": "Ban", the Lao and Thai word for a village,
        before a name written without Vietnamese letters, with a parent chain in Laos or Thailand
        (never the Vietnamese "Ban" of a board: "Ban Quan ly")."""
        for match in _BAN.finditer(self.text):
            span = self._name(match.end())
            if span is None or self._taken(*span) or not self.text[span[0] : span[1]].isascii():
                continue
            country, parents = self.chain(span[1])
            if country in ("LA", "TH") and not self._linked(*span):
                self.add(span[0], span[1], match.start(), country, "bản", 0.8, parents)

    def _provinces(self) -> None:
        _provinces_of(self)

    def _twinning(self, pos: int) -> bool:
        sentence = sentence_at(self.sentences, pos)
        return sentence is not None and bool(_TWINNING.search(sentence.text))

    def _linked(self, start: int, end: int) -> bool:
        unit = self._unit_at(start, end)
        return unit is not None and unit.unit is not None

    def _suffixed(self) -> None:
        """ "Hua Muong district, Hua Phan province (Lao PDR)", "Thuan Chau and Hua Muong districts"."""
        for match in _SUFFIX.finditer(self.text):
            words = run_before(self.text, match.start())
            if not words:
                continue
            start, end = words[0][0], words[-1][1]
            surface = self.text[start:end]
            if self._taken(start, end) or country_of_whole(surface, COUNTRY_PATTERNS) or _VIETNAM.fullmatch(surface):
                continue
            linked = self._linked(start, end)
            country, parents = self.chain(match.end())
            known = self.foreign_names.get(fold(surface))
            if country is None and known is not None and not linked:
                country = known.country
            if country is not None:
                self.add(start, end, start, country, "", 0.8, parents)
                if match.group().endswith("s") and parents:
                    self._listed_before(start, country)

    def _listed_before(self, pos: int, country: str) -> None:
        """ "Xieng Khouang and Phongsaly provinces of Laos": the names listed before the last one
        share its plural type word and its country."""
        for _ in range(8):
            gap = _LISTED.search(self.text[max(0, pos - 8) : pos])
            words = run_before(self.text, pos - len(gap.group())) if gap else []
            if not words:
                return
            start, end = words[0][0], words[-1][1]
            surface = self.text[start:end]
            if (
                self._taken(start, end)
                or self._linked(start, end)  # "Thuan Chau and Hua Muong districts": Vietnamese and Lao
                or country_of_whole(surface, COUNTRY_PATTERNS)
                or _VIETNAM.fullmatch(surface)
            ):
                return
            self.add(start, end, start, country, "", 0.8)
            pos = start

    def _bracketed(self) -> None:
        """ "Mã Quan (Vân Nam)", "Daegu (South Korea)", "Luang Prabang, Laos": a bare name and its
        country or foreign province. A unit the linker settled stays Vietnamese unless a foreign
        province or country is written in brackets after it."""
        for match in re.finditer(r" ?\(\s*|,\s*", self.text):
            words = run_before(self.text, match.start())
            if not words:
                continue
            start, end = words[0][0], words[-1][1]
            surface = self.text[start:end]
            if self._taken(start, end) or _VIETNAM.fullmatch(surface):
                continue
            after = name_run(self.text, match.end(), max_words=4)
            if not after:
                continue
            parent_end = after[-1][1]
            parent = self.text[after[0][0] : parent_end]
            bracket = "(" in match.group()
            if bracket:
                if not re.match(r"\s*\)", self.text[parent_end : parent_end + 3]):
                    continue
                country = country_of_whole(parent, COUNTRY_PATTERNS) or country_of_whole(parent, PROVINCE_PATTERNS)
            else:
                # "Luang Prabang, Laos" but not a list of countries ("Mỹ, Nhật Bản, Hàn Quốc").
                country = country_of_whole(parent, COUNTRY_PATTERNS)
                if re.match(r"\s*(?:,\s*[A-ZÀ-ỸĐ]|(?:và|and|et)\s)", self.text[parent_end : parent_end + 5]):
                    country = None
                if self._linked(start, end):
                    country = None
            if (
                country is None
                or country_of_whole(surface, COUNTRY_PATTERNS)
                or country_of_whole(surface, PROVINCE_PATTERNS)
            ):
                continue
            self.add(start, end, start, country, "", 0.8, [(after[0][0], parent_end)])

    def _tabled(self) -> None:
        """ "Da Nang has cooperated with Daegu", "Hanoi and Bangkok signed ...": a city of the
        table written bare, in a sentence that relates places, that no Vietnamese unit bears
        as written ("Băng Cốc" is Bangkok, "Bằng Cốc" a commune)."""
        for start, end, city in find_cities(self.text):
            surface = self.text[start:end]
            sentence = sentence_at(self.sentences, start)
            if (
                self._taken(start, end)
                or self._linked(start, end)
                or any(same_spelling(surface, u.short_name) for u in self.lex.lookup(surface))
                or sentence is None
                or not RELATION.search(sentence.text)
            ):
                continue
            self.add(start, end, start, city.country, "", 0.75, canonical=city.name)


def _provinces_of(finder: ForeignFinder) -> None:
    """ "Thanh Hoa and Houaphan have maintained their friendship": a neighbouring country's
    province written bare, in a sentence that relates places, is a foreign locality; not one
    written as a parent ("Mã Quan (Vân Nam)", "X, Yunnan"), which the chains took; after a comma
    only when a Vietnamese unit stands before it ("Quang Ngai, Attapeu")."""
    text = finder.text
    for cc, rx in PROVINCE_PATTERNS:
        for match in rx.finditer(text):
            start, end = match.span()
            before = text[max(0, start - 2) : start].rstrip()
            sentence = sentence_at(finder.sentences, start)
            if (
                finder._taken(start, end)
                or finder._linked(start, end)
                or before.endswith("(")
                or (before.endswith(",") and not _after_a_unit(finder, start))
                or re.match(r"\s*\)", text[end : end + 3])
                or re.match(r"['’]s\b", text[end : end + 3])
                or sentence is None
                or not RELATION.search(sentence.text)
            ):
                continue
            finder.add(start, end, start, cc, "", 0.75)


def _after_a_unit(finder: ForeignFinder, pos: int) -> bool:
    """ "Quang Ngai, Attapeu": a Vietnamese unit before the comma, of which a foreign province is
    no parent; the two are coordinated."""
    comma = finder.text.rfind(",", 0, pos)
    words = run_before(finder.text, comma)
    return bool(words) and finder._linked(words[0][0], words[-1][1])


def _type_label(word: str) -> str:
    word = re.sub(r"\s+(?:de|du|of)$|\s*d'$", "", word.strip())
    return word if word[:1].islower() else word.lower()


def run_before(text: str, pos: int) -> list[tuple[int, int]]:
    """The capitalised words (at most four) that end at `pos`, single-spaced; a word may join
    parts by hyphens ("Saint-Malo (France)")."""
    words: list[tuple[int, int]] = []
    end = pos
    while len(words) < 4:
        match = re.search(r"([^\W\d_][\w'’]*(?:-[\w'’]+)*)$", text[max(0, end - 40) : end])
        if not match or not match.group(1)[:1].isupper():
            break
        start = end - len(match.group(1))
        words.insert(0, (start, end))
        if start < 1 or text[start - 1] not in " \u00a0":
            break
        end = start - 1
    return words


def find_foreign(
    text: str, sentences, units: list[UnitMention], lex: Lexicon | None = None
) -> tuple[list[UnitMention], list[UnitMention]]:
    """(foreign mentions, the unit mentions kept: those naming a foreign place, or a foreign
    place's parent ("(Phú Ninh)" after a Chinese town), are dropped)."""
    finder = ForeignFinder(text, sentences, units, lex or lexicon())
    found = finder.find()
    kept = [m for m in units if id(m) not in finder.dropped and not finder._covered.overlaps(m.start, m.end)]
    return found, kept
