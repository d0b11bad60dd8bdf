"""The age of a relation ("tròn 60 năm kết nghĩa", "đã trải qua 65 năm tình nghĩa") read against
the dates and relations the article states, once the twinnings are found.

- An age whose origin the paragraph states as a date ("(1959 - 2019)", "cách đây 60 năm, ngày
  9/1/1960") dates the relation with that date; an age whose sentence states the present year
  ("Năm 2020 là tròn 60 năm ...") with that year minus the age, a gYear the draft notes as
  computed. Curators write the origin year in both cases; they keep the age as a kn:RelativeTime
  only when the article gives no year to read it against.
- An age stated apart from the twinning clause ("Đến nay đã 56 năm kết nghĩa") dates the relation
  whose parties its sentence names, else the one the sentence before states, else the article's
  only relation.
- A duration ("trong 2 ngày", a visit's length) and a list of anniversaries ("kỷ niệm 40 năm, 45
  năm, 50 năm") are not the age of a relation.
"""

from __future__ import annotations

import re

from kg.extract import history
from kg.extract.dates import XSD_YEAR, DateMention
from kg.extract.spans import ByPosition, sentence_at
from kg.vietnamese import fold

_YEARS = re.compile(r"P(\d+)Y")
_DURATION = re.compile(r"(?:trong|suốt|pendant|for)\b", re.I)
_LIST_AFTER = re.compile(r"\s*,\s*\d+\s+năm\b")
_LIST_BEFORE = re.compile(r"\b\d+\s+năm\s*,\s*$")
# The present year a sentence states in words ("Năm 2020 là tròn 60 năm"), not a date of a
# past event ("ngày 9/1/1960").
_STATED_YEAR = re.compile(r"\b(?:năm|en|in)\s+(\d{4})\b", re.I)


def date_ages(text: str, sentences, twinnings, dates: list[DateMention], units, orgs, reference: int | None) -> None:
    """Settle each relation's age against the article's dates (in place). `reference` is the year
    the article is read in (the publication year, else the latest year it states)."""
    used = {id(t.established_relative) for t in twinnings if t.established_relative is not None}
    # by position: a scan of every mention per age made the cost grow with the square of the text
    units_at, orgs_at = ByPosition(units, key=lambda m: m.start), ByPosition(orgs, key=lambda o: o.start)
    dates_at = ByPosition(dates, key=lambda d: d.start)
    for twinning in twinnings:
        age = twinning.established_relative
        if age is not None and not _is_age_of_relation(text, age, strict=False):
            twinning.established_relative = None
    for age in dates:
        if age.of_relation and id(age) not in used and _is_age_of_relation(text, age, strict=True):
            owner = _owner(age, sentences, twinnings, units_at, orgs_at)
            if owner is not None and owner.established is None and owner.established_relative is None:
                owner.established_relative = age
    for twinning in twinnings:
        age = twinning.established_relative
        if twinning.established is None and age is not None and _YEARS.fullmatch(age.offset or ""):
            twinning.established = _origin(text, sentences, age, dates_at, reference)
            _of_its_founding(twinning, reference)


def _of_its_founding(twinning, reference: int | None) -> None:
    """ "... Đến nay, hai tỉnh A – B đã trải qua 60 năm tình nghĩa" (2020): an age read apart from
    the twinning clause names the units of the founding year too, as one inside it does."""
    age = _YEARS.fullmatch(twinning.established_relative.offset or "")
    year = twinning.established.year if twinning.established is not None else None
    if year is None and age is not None and reference is not None:
        year = reference - int(age.group(1))
    if year is None or year >= 1997:  # every 2024 province existed by then
        return
    for party in twinning.parties:
        if party.unit is not None:
            party.unit = history.unit_at(party.unit, year)


def _is_age_of_relation(text: str, age: DateMention, strict: bool) -> bool:
    """Not a duration ("trong 2 ngày") nor one of a list of anniversaries."""
    if _DURATION.match(age.text) and not _YEARS.fullmatch(age.offset or ""):
        return False
    if _LIST_AFTER.match(text, age.end) or _LIST_BEFORE.search(text, max(0, age.start - 12), age.start):
        return False
    return not strict or bool(_YEARS.fullmatch(age.offset or ""))


def _owner(age: DateMention, sentences, twinnings, units: ByPosition, orgs: ByPosition):
    """The relation an age stated apart from its twinning clause belongs to."""
    sentence = sentence_at(sentences, age.start)
    if sentence is None:
        return None
    named = {fold(getattr(m.unit, "short_name", "") or m.surface) for m in units.between(sentence.start, sentence.end)}
    named |= {f"org-{o.key}" for o in orgs.between(sentence.start, sentence.end)}
    if named:
        # "Hai tỉnh A – B đã trải qua 65 năm tình nghĩa": the relation of the parties it names.
        # Provinces written as the parents of twinned districts name a relation too: the one the
        # age can still date is meant.
        found = [t for t in twinnings if all(_name(p) in named for p in t.parties)]
        undated = [t for t in found if t.established is None and t.established_relative is None]
        return found[0] if len(found) == 1 else undated[0] if len(undated) == 1 else None
    index = sentences.index(sentence)
    if index > 0:
        before = sentences[index - 1]
        stated = [t for t in twinnings if any(before.start <= a < before.end for a, _ in t.evidence)]
        if len(stated) == 1:
            return stated[0]
    return twinnings[0] if len(twinnings) == 1 else None


def _name(party) -> str:
    if party.org is not None:
        return f"org-{party.org.key}"
    return fold(getattr(party.unit, "short_name", "") or "")


def _origin(text: str, sentences, age: DateMention, dates: ByPosition, reference: int | None):
    years = int(_YEARS.fullmatch(age.offset).group(1))
    sentence = sentence_at(sentences, age.start)
    lo, hi = (sentence.start, sentence.end) if sentence is not None else (age.start, age.end)
    in_sentence = [d.year for d in dates.between(lo, hi) if not d.relative and d.year]
    present = set(in_sentence) | ({reference} if reference else set())
    # The paragraph's own date of the origin: the age read against a year the sentence or the
    # article states.
    para_lo = text.rfind("\n", 0, age.start) + 1
    para_hi = text.find("\n", age.end)
    para_hi = len(text) if para_hi < 0 else para_hi
    stated = [
        d
        for d in dates.between(para_lo, para_hi)
        if not d.relative and d.year and d.range_role != "end" and d.year + years in present
    ]
    if stated:
        return min(stated, key=lambda d: (abs(d.start - age.start), d.start))
    written = [int(m.group(1)) for m in _STATED_YEAR.finditer(text, lo, hi) if int(m.group(1)) in in_sentence]
    if len(set(written)) == 1 and 1800 <= written[0] - years:
        origin = DateMention(age.start, age.end, age.text, f"{written[0] - years:04d}", XSD_YEAR)
        origin.computed_from = f"{age.text.strip()!r} in {written[0]}"
        return origin
    return None
