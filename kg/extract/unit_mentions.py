"""A unit mention and the words that can name one.

The finders of units (kg.extract.units, kg.extract.bare_units), foreign places and people read
names as runs of capitalised words; a table copied without its separators glues two names
("Bạc LiêuNinh Bình"), which are cut here so that every finder sees the same words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# An apostrophe belongs to a name ("Ea H'leo") unless it opens the English possessive: "Thanh
# Hoa's twin province", "Quang Binh province's Minh Hoa district" name Thanh Hoa and Quang Binh;
# nor does one before no letter ("Laos' Salavan province").
_NAME_WORD = re.compile(r"[^\W\d_](?:\w|['’](?=\w)(?![sS]\b))*|\d+")
# Letters by case (Latin and Vietnamese), to find names glued by a lost separator.
_LOWER = "".join(c for c in map(chr, range(0x61, 0x2000)) if c.isalpha() and c.islower())
_UPPER = "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isalpha() and c.isupper())
_CAMEL = re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}][{_LOWER}])")
_CAPITALISED_BEFORE = re.compile(rf"[{_UPPER}][\w'’]*[ \u00a0]$")


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
    if not _CAMEL.search(text, start + 1, end):
        return [(start, end)]
    token = text[start:end]
    after = text[end : end + 1] in (" ", "\u00a0") and text[end + 1 : end + 2].isupper()
    if not (after and _CAPITALISED_BEFORE.search(text[max(0, start - 30) : start])):
        return [(start, end)]
    cuts = [start] + [start + m.start() for m in _CAMEL.finditer(token)] + [end]
    return list(zip(cuts, cuts[1:]))


def _words(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """The name words (and numbers) between lo and hi, glued names cut."""
    hi = len(text) if hi is None else hi
    spans = [match.span() for match in _NAME_WORD.finditer(text, lo, hi)]
    # glued names are rare: only the words around a lower-upper junction are looked at again
    # (a call per word was a real share of a long article: docs/performance-history.md)
    junctions = [match.start() for match in _CAMEL.finditer(text, lo, hi)]
    if not junctions:
        return spans
    cut: list[tuple[int, int]] = []
    for start, end in spans:
        at = bisect.bisect_right(junctions, start)
        cut += _cut(text, start, end) if at < len(junctions) and junctions[at] < end else [(start, end)]
    return cut


def _is_name_word(word: str, allow_digit: bool) -> bool:
    return word[:1].isupper() or (allow_digit and word.isdigit())


def name_run(text: str, pos: int, max_words: int = 5, allow_digit: bool = False) -> list[tuple[int, int]]:
    """The capitalised words from `pos` on, single-spaced (the span of each word)."""
    words: list[tuple[int, int]] = []
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


def name_run_before(text: str, pos: int) -> list[tuple[int, int]]:
    """The capitalised words that end right at `pos`, single-spaced (at most five)."""
    words: list[tuple[int, int]] = []
    for a, b in reversed(_words(text, max(0, pos - 120), pos)):
        expected_end = words[0][0] - 1 if words else pos
        if b != expected_end or not _is_name_word(text[a:b], False) or len(words) == 5:
            break
        words.insert(0, (a, b))
    return words


def capitalised_runs(text: str) -> list[list[tuple[int, int]]]:
    """Every run of capitalised words in the text, single-spaced."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in _words(text):
        if not _is_name_word(text[start:end], False):
            if current:
                runs.append(current)
            current = []
            continue
        if current and not (start == current[-1][1] + 1 and text[current[-1][1]] in " \u00a0"):
            runs.append(current)
            current = []
        current.append((start, end))
    if current:
        runs.append(current)
    return runs
