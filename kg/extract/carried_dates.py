"""A day a sentence takes from the sentences before it.

"Ngày 17-1, một số địa phương đã tổ chức kết nghĩa. Cụ thể, xã A và xã B tổ chức lễ kết
nghĩa ..." and "Cùng ngày, phường C và xã D tổ chức lễ kết nghĩa": the second sentence states no
date, but its opening words say which day it tells of. "Cụ thể" / "Theo đó" (specifically,
accordingly) details the sentence just before and takes its one day; "Cùng ngày" (the same day),
"the same day", "le même jour" take the last day stated before it in the article.
"""

from __future__ import annotations

import bisect
import re

from kg.extract.dates import DAYS

# The sentence details the one before it.
_DETAILING = re.compile(r"^\s*(?:Cụ thể|Theo đó|Trong đó)\s*,", re.I)
# The sentence tells of the day last stated.
_SAME_DAY = re.compile(
    r"^\s*(?:(?:Cũng\s+)?(?:trong\s+)?(?:sáng|chiều|tối|buổi sáng|buổi chiều)?\s*cùng ngày"
    r"|(?:on\s+)?the same day|le même jour)\b",
    re.I,
)
_DAY_TYPES = ("date", "gMonthDay")
_LOOK_BACK = 3000  # characters


def carried_day(sentences: list, dates_at, sentence):
    """The day `sentence` tells of when it states none itself, or None."""
    if sentence is None:
        return None
    index = bisect.bisect_left(sentences, sentence.start, key=lambda s: s.start)
    if index <= 0 or sentences[index - 1].end > sentence.start:
        return None
    if _DETAILING.match(sentence.text):
        before = sentences[index - 1]
        days = _days(dates_at.between(before.start, before.end))
        return days[0] if len({d.lexical for d in days}) == 1 else None
    if _SAME_DAY.match(sentence.text):
        # The last day within a few paragraphs: bounded, so that the look-back stays linear.
        days = _days(dates_at.between(max(0, sentence.start - _LOOK_BACK), sentence.start))
        return days[-1] if days else None
    return None


def _days(dates) -> list:
    return [d for d in dates if not d.relative and d.datatype in _DAY_TYPES and d.range_role in ("", DAYS)]
