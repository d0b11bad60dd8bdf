"""Position lookups in time independent of how many mentions an article has.

Every finder asks "is this position inside one of those spans?" or "which sentence holds this
position?" for each of its mentions; a scan of all spans per question made the cost grow with
the square of the article's length (issue 25: 32 KB took 30 s).
"""

from __future__ import annotations

import bisect

# How far a pattern anchored at a position may read: slicing the text from a position to its end,
# once per mention, copied the rest of the article each time.
WINDOW = 400


class Coverage:
    """The characters covered by a set of half-open spans [a, b), one byte per character."""

    def __init__(self, size: int, spans=()):
        self.mask = bytearray(size + 1)
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        if b > a:
            self.mask[a:b] = b"\x01" * (b - a)

    def covers(self, pos: int) -> bool:
        return 0 <= pos < len(self.mask) and self.mask[pos] == 1

    def overlaps(self, a: int, b: int) -> bool:
        return b > a and self.mask.find(1, max(a, 0), b) != -1


def sentence_at(sentences: list, pos: int):
    """The sentence holding `pos` (sentences sorted and disjoint), or None."""
    index = bisect.bisect_right(sentences, pos, key=lambda s: s.start) - 1
    if index >= 0 and sentences[index].start <= pos < sentences[index].end:
        return sentences[index]
    return None


class ByPosition:
    """Items sorted by a position, for "the items whose position is in [lo, hi)"."""

    def __init__(self, items, key):
        self.items = sorted(items, key=key)
        self.keys = [key(i) for i in self.items]

    def between(self, lo: int, hi: int) -> list:
        return self.items[bisect.bisect_left(self.keys, lo) : bisect.bisect_left(self.keys, hi)]

    def first_in(self, lo: int, hi: int):
        found = self.between(lo, hi)
        return found[0] if found else None
