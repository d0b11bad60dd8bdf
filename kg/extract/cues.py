"""Where a twinning is stated without a twinning word in its clause, or without its parties
(kg.extract.twinnings reads the clauses these point to):

- a heading: the title ("Thanh Hóa - Quảng Nam, 60 năm gắn bó keo sơn") or section titles
  ("Hà Đông - Cần Thơ", when there are two or more): a line of its own, without a full stop, that
  opens with names joined by a dash, in an article that speaks of twinning or of the kinship of
  places anywhere; a title may also open with two names, a comma and a verb ("Hai Duong,
  Vientiane mark 30-year cooperation");
- "hai tỉnh" in a clause that names no party speaks of the two provinces named most since the
  last relation was stated, not of the two the whole article names most (an article telling
  several twinnings one after the other).
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extract.spans import ByPosition
from kg.extract.text import Sentence

# How articles speak of two places' kinship without "kết nghĩa" in every clause.
KINSHIP = re.compile(
    r"kết nghĩa|nghĩa tình|tình nghĩa|keo sơn|anh em|ruột thịt|kết giao|đỡ đầu|jumel|twinn|sister"
    r"|friendship|amitié|hữu nghị",
    re.I,
)
# A relation of two places in any sentence: kinship, friendship or cooperation.
RELATION = re.compile(KINSHIP.pattern + r"|hợp tác|cooperat|coopérat|partnership|partenariat", re.I)
# A heading opens with a name, a dash and a name: "Thanh Hóa - Quảng Nam", "HẢI DƯƠNG – PHÚ YÊN".
_DASHED_OPENING = re.compile(r"[^\W\d_][\w'’]*(?:[ \u00a0][^\W\d_][\w'’]*){0,4}[ \u00a0]*[-–][ \u00a0]*[^\W\d_]")
_MAX_HEADING_WORDS = 25


# "A - B, C - D": pairs of names joined by a dash, one after another, as lists of twinnings write them.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isalpha() and c.isupper())
_NAME = rf"[{_UPPER}][\w'’]*(?:[ \u00a0][{_UPPER}][\w'’]*){{0,3}}"
_PAIR = rf"{_NAME}[ \u00a0]?[-–][ \u00a0]?{_NAME}"
_PAIR_LIST = re.compile(rf"(?<![\w-]){_PAIR}(?:\s*\([^()]*\))?(?:\s*,\s*|\s+(?:và|and|et)\s+){_PAIR}(?![\w]|\s?[-–])")


# A title of the English and French press opens with two names, a comma between them, and a verb:
# "Hai Duong, Vientiane mark 30-year cooperation", "Hoi An, Germany's Wernigerode celebrate ...".
_COMMA_OPENING = re.compile(rf"{_NAME},[ \u00a0]{_NAME}[ \u00a0][a-zà-ỹ]")


def dashed_pairs(text: str) -> bool:
    """A clause listing two dashed pairs or more: "như A - B, C - D" (not a chain "A - B - C")."""
    return bool(_PAIR_LIST.search(text))


# The same words typed without diacritics ("cac cap ket nghia gom: A - B, C - D"), whole words only.
_KINSHIP_UNACCENTED = re.compile(r"\b(?:ket nghia|nghia tinh|tinh nghia|keo son|ruot thit|do dau|huu nghi)\b", re.I)


def speaks_of_kinship(text: str) -> bool:
    return bool(KINSHIP.search(text) or _KINSHIP_UNACCENTED.search(text))


# The lowland-mountain programmes (Đà Nẵng's Resolution 02 of 2025 and the like): "xã miền núi",
# "vùng cao", "vùng sâu, vùng xa", "miền xuôi", "mountainous communes", "highland".
_UPLANDS = re.compile(
    r"miền núi|vùng cao|vùng sâu|miền xuôi|xã đồng bằng|khu vực đồng bằng|mountainous|highland|upland"
    r"|zones? montagneuses?|communes? de montagne",
    re.I,
)


def speaks_of_uplands(text: str) -> bool:
    return bool(_UPLANDS.search(text))


def _is_heading(text: str, sentence: Sentence, opening: re.Pattern = _DASHED_OPENING) -> bool:
    """A line of its own (a title, a section heading) without a full stop that opens with
    dashed names."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return (
        line == sentence.text.strip()
        and not line.endswith((".", "!", "?", "…"))
        and len(line.split()) <= _MAX_HEADING_WORDS
        and bool(opening.match(line))
        and line[:1].isupper()
    )


def headings(text: str, sentences: list[Sentence]) -> set[int]:
    """Starts of the heading sentences to read as twinning clauses: the title (the first line),
    and section headings when there are at least two of them (an article telling its twinnings
    one section each); none when the article never speaks of kinship."""
    if not sentences or not speaks_of_kinship(text):
        return set()
    found = [s for s in sentences if _is_heading(text, s)]
    if len(found) >= 2:
        return {s.start for s in found}
    if _is_heading(text, sentences[0], _COMMA_OPENING):  # "Hai Duong, Vientiane mark 30-year cooperation"
        return {sentences[0].start}
    return {s.start for s in found if s is sentences[0]}


def named_since_last_pair(found, units_at: ByPosition, levels, end: int) -> list:
    """The two units of these levels named most often since the last relation found before
    `end` was stated (each by its first mention there); [] when no relation was found before.
    `units_at`: the article's unit mentions by start (a scan of all of them per clause made the
    cost grow with the square of the article)."""
    starts = [a for t in found.values() for a, b in t.evidence if b <= end]
    if not starts:
        return []
    return most_named(units_at.between(max(starts), end), levels)


def most_named(mentions, levels) -> list:
    """The first mention of each of the two units of these levels (None: any) that `mentions`
    name most often; a tie goes to the unit named first."""
    counts: Counter = Counter()
    first: dict = {}
    for mention in mentions:
        if levels is None or mention.level in levels:
            counts[id(mention.unit)] += 1
            first.setdefault(id(mention.unit), mention)
    return [first[k] for k, _ in counts.most_common(2)]
