"""Dates as the articles write them, kept at their precision; relative times kept as stated.

Precision is the datatype: a day with a year is xsd:date, a month with a year xsd:gYearMonth, a
year alone xsd:gYear, a day and month without year xsd:gMonthDay. A day and month whose year the
article gives elsewhere (the article's latest year, or --published) becomes an xsd:date marked
`year_from_context`, so the draft adds a kn:dateNote. Relative phrases ("hơn 2 năm", "cách đây 54
năm", "55 dernières années") become RelativeTime mentions, kept as stated; only the age of a
relation whose sentence states the present year is also read as a year (kg/extract/ages.py, with
a kn:dateNote saying so).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from kg.extract.spans import Coverage

XSD_DATE, XSD_YEAR_MONTH, XSD_YEAR, XSD_MONTH_DAY = "date", "gYearMonth", "gYear", "gMonthDay"

FRENCH_MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
ENGLISH_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
ENGLISH_MONTHS.update({m[:3]: i for m, i in list(ENGLISH_MONTHS.items())})

_NUMBER_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "dix": 10,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "ten": 10,
}
LOWER_BOUND, APPROXIMATE, EXACT = "lower-bound", "approximate", "exact"
_QUALIFIERS = {
    "hơn": LOWER_BOUND,
    "trên": LOWER_BOUND,
    "plus de": LOWER_BOUND,
    "over": LOWER_BOUND,
    "more than": LOWER_BOUND,
    "khoảng": APPROXIMATE,
    "gần": APPROXIMATE,
    "environ": APPROXIMATE,
    "près de": APPROXIMATE,
    "about": APPROXIMATE,
    "nearly": APPROXIMATE,
    "almost": APPROXIMATE,
}


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    lexical: str = ""  # "2025-08-08", "2024", "--06-12"; "" for a relative time
    datatype: str = ""  # date, gYearMonth, gYear, gMonthDay; "" for a relative time
    year_from_context: bool = False
    range_role: str = ""  # "start"/"end" of "(28/6/1949 - 28/6/2024)"
    relative: bool = False
    offset: str = ""  # xsd:duration of a relative time, "" if none
    qualifier: str = EXACT
    of_relation: bool = False  # "tròn 60 năm kết nghĩa": the age of a relation
    computed_from: str = ""  # a year read from an age and the year the sentence states

    @property
    def year(self) -> int | None:
        match = re.match(r"(\d{4})", self.lexical)
        return int(match.group(1)) if match else None


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    try:
        _dt.date(year or 2000, month, day or 1)  # 2000: a leap year, so 29/2 passes without a year
    except ValueError:
        return False
    return year is None or 1800 <= year <= 2100


def _absolute(match, year, month, day) -> DateMention | None:
    year = int(year) if year else None
    month = int(month) if month is not None else None
    day = int(day) if day is not None else None
    if month is None:
        if year is None or not 1800 <= year <= 2100:
            return None
        return DateMention(match.start(), match.end(), match.group(), f"{year:04d}", XSD_YEAR)
    if not _valid(year, month, day):
        return None
    if day is None:
        return DateMention(match.start(), match.end(), match.group(), f"{year:04d}-{month:02d}", XSD_YEAR_MONTH)
    if year is None:
        return DateMention(match.start(), match.end(), match.group(), f"--{month:02d}-{day:02d}", XSD_MONTH_DAY)
    return DateMention(match.start(), match.end(), match.group(), f"{year:04d}-{month:02d}-{day:02d}", XSD_DATE)


_FR_MONTH = "|".join(sorted(FRENCH_MONTHS, key=len, reverse=True))
_EN_MONTH = "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True))

# (pattern, how to read its groups); earlier patterns win where two overlap.
_ABSOLUTE = [
    # 8/8/2025, 09/9/2021, 28.6.1949 (a year needs no cue word)
    (re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b"), lambda m: (m[3], m[2], m[1])),
    # ngày 12 tháng 6 (năm 2024)
    (re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I), lambda m: (m[3], m[2], m[1])),
    # ngày 12.6, ngày 24/7, ngày 26-12, Chiều 16/8, Sáng nay (3/9): a day-month without year only
    # after "ngày"/"hôm" or a time of day ("9/11 xã" is a ratio)
    (
        re.compile(
            r"\b(?:ngày|hôm|(?:rạng\s+)?sáng|chiều|tối|trưa|đêm)\s+(?:nay\s*,?\s*\(?)?(?:ngày\s+)?"
            r"(\d{1,2})[/.-](\d{1,2})\b(?![/.-]\d)",
            re.I,
        ),
        lambda m: (None, m[2], m[1]),
    ),
    # tháng 8/2025, tháng 8.2025, tháng 8 năm 2025
    (re.compile(r"\btháng\s+(\d{1,2})(?:[/.-]|\s+năm\s+)(\d{4})\b", re.I), lambda m: (m[2], m[1], None)),
    # le 20 novembre 1968, 2 août
    (
        re.compile(rf"\b(\d{{1,2}}|1er)\s+({_FR_MONTH})(?:\s+(\d{{4}}))?\b", re.I),
        lambda m: (m[3], FRENCH_MONTHS[m[2].lower()], 1 if m[1] == "1er" else m[1]),
    ),
    # August 8, 2025 / 8 August 2025
    (
        re.compile(rf"\b({_EN_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I),
        lambda m: (m[3], ENGLISH_MONTHS[m[1].lower()], m[2]),
    ),
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_EN_MONTH})(?:,?\s+(\d{{4}}))?\b", re.I),
        lambda m: (m[3], ENGLISH_MONTHS[m[2].lower()], m[1]),
    ),
    # novembre 1968, August 2025
    (
        re.compile(rf"\b({_FR_MONTH}|{_EN_MONTH})\s+(\d{{4}})\b", re.I),
        lambda m: (m[2], FRENCH_MONTHS.get(m[1].lower()) or ENGLISH_MONTHS.get(m[1].lower()), None),
    ),
    # năm 2020, en 1968, in 2020, l'année 2024
    (re.compile(r"\b(?:năm|en|in|l'année|année|year|depuis|since)\s+(\d{4})\b", re.I), lambda m: (m[1], None, None)),
]

_QUAL = r"(?P<qual>hơn|trên|gần|khoảng|plus de|près de|environ|over|more than|about|nearly|almost)?\s*"
_N = r"(?P<n>\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|deux|trois|quatre|cinq|dix|two|three|four|five|ten)"
_UNIT_VI = r"(?P<unit>năm|tháng|tuần|ngày)(?!\s+(?:đầu|cuối)\b)"
_RELATIVE = [
    re.compile(rf"\bcách đây\s+{_QUAL}{_N}\s+{_UNIT_VI}", re.I),
    re.compile(rf"\b(?:qua|sau|trong|suốt)\s+{_QUAL}{_N}\s+{_UNIT_VI}(?:\s+qua)?", re.I),
    re.compile(rf"\b{_QUAL}{_N}\s+{_UNIT_VI}\s+(?:qua|trước)\b", re.I),
    re.compile(
        rf"\b(?:au cours des|depuis|pendant|ces|il y a)\s+{_QUAL}{_N}\s+(?:dernières\s+)?(?P<unit>années|ans|mois|semaines|jours)",
        re.I,
    ),
    re.compile(rf"\b{_QUAL}{_N}\s+(?P<unit>years|months|weeks|days)\s+ago\b", re.I),
    re.compile(rf"\b(?:for|over|in)\s+the\s+(?:past|last)\s+{_QUAL}{_N}\s+(?P<unit>years|months|weeks|days)", re.I),
    # "tròn 60 năm kết nghĩa", "kỷ niệm 65 năm ngày hai tỉnh kết nghĩa": the age of a relation
    # the rest of the clause names (not "kỷ niệm 75 năm thành lập", an organization's age).
    re.compile(
        rf"\b(?:(?:kỷ niệm|tròn|đã|được|trải qua)\s+)?{_QUAL}{_N}\s+(?P<unit>năm)\b(?!\s+(?:qua|trước|sau|nay)\b)"
        r"(?=[^.;:!?\n]{0,90}?(?:kết nghĩa|tình nghĩa|gắn bó|ký kết))",
        re.I,
    ),
]
# The age written after the relation it is of, at the end of its clause: "đã kết nghĩa với xã Y
# được 23 năm", "kết nghĩa đến nay đã 15 năm" (a duration elsewhere: "hoạt động được 10 năm").
_AGE_AFTER = re.compile(
    rf"(?:kết nghĩa|đỡ đầu)[^.;:!?\n]{{0,90}}?\b(?:được|đến nay đã|nay đã|đã được)\s+"
    rf"(?P<age>{_QUAL}{_N}\s+(?P<unit>năm))(?=\s*(?:[.;!?)]|$))",
    re.I,
)
# The age of a relation in English and French: "the 55th anniversary of its friendship", "le 20e
# anniversaire de leurs relations d'amitié", "10 years of twinning", "20 ans de coopération",
# "mark 30-year cooperation" (not "the 70th anniversary of the victory").
_TIE = (
    r"(?=[^.;:!?\n]{0,60}?(?:twinn|sister|friendship|friendly|cooperat|partnership|relationship|relations|ties"
    r"|jumel|amitié|coopération|partenariat))"
)
_AGES_ABROAD = [
    re.compile(
        rf"(?P<qual>)\b(?P<n>\d+)(?:st|nd|rd|th)\s+(?:founding\s+)?(?P<unit>anniversary)(?=\s+of\b){_TIE}", re.I
    ),
    re.compile(rf"(?P<qual>)\b(?P<n>\d+)(?:e|ème|eme)\s+(?P<unit>anniversaire)(?=\s+(?:de|du|des)\b){_TIE}", re.I),
    re.compile(
        r"(?:\b(?P<qual>over|more than|nearly|plus de|près de)\s+)?\b(?P<n>\d+)(?:\s+|-)(?P<unit>years?|ans)"
        r"(?=\s+(?:of|de|d')\s*(?:the\s+|their\s+|leurs?\s+)?"
        r"(?:twinn|sister|friendship|cooperation|partnership|jumel|amitié|coopération|relations))",
        re.I,
    ),
    re.compile(
        r"(?P<qual>)\b(?P<n>\d+)-(?P<unit>year)(?=\s+(?:twinning|friendship|cooperation|partnership|ties))", re.I
    ),
]
_RELATIVE += _AGES_ABROAD
# What follows the age of a relation ("65 năm tình nghĩa", "60 năm gắn bó keo sơn").
_OF_RELATION = re.compile(r"[^.;:!?\n]{0,90}?(?:kết nghĩa|tình nghĩa|gắn bó|ký kết)", re.I)
# "Trong 60 năm qua, ... luôn kề vai sát cánh, ... gắn bó keo sơn": the past years up to now of a
# sentence that speaks of the kinship further on.
_KIN_LATER = re.compile(r"[^.;:!?\n]*?(?:kết nghĩa|tình nghĩa|nghĩa tình|gắn bó|keo sơn)", re.I)
# No number: kept with their words and no offset ("Theo kế hoạch cuối tuần này").
_RELATIVE_WORDS = re.compile(
    r"\b(?:(?:cuối|đầu)\s+)?(?:tuần|tháng)\s+(?:này|tới|sau)\b|\bthời gian tới\b|\bsắp tới\b"
    r"|\bla semaine prochaine\b|\bce week-end\b|\bnext (?:week|month)\b|\bthis weekend\b",
    re.I,
)
_DURATION_LETTER = {
    "năm": "Y",
    "tháng": "M",
    "tuần": "W",
    "ngày": "D",
    "années": "Y",
    "ans": "Y",
    "mois": "M",
    "semaines": "W",
    "jours": "D",
    "years": "Y",
    "months": "M",
    "weeks": "W",
    "days": "D",
    "anniversary": "Y",
    "anniversaire": "Y",
    "year": "Y",
}


DAYS = "days"  # range_role of the days of "ngày 26, 27/3": a stay, not a founding or a range
# "ngày 26, 27/3", "ngày 26 và 27/3/2024", "từ ngày 28 đến (ngày) 31/10": days of one month, the
# month written once.
_DAY_LIST = re.compile(
    r"\bngày\s+(?P<days>\d{1,2}(?:\s*(?:,|và|-|–|đến(?:\s+ngày)?)\s*\d{1,2})+)\s*/\s*(?P<month>\d{1,2})"
    r"(?:\s*/\s*(?P<year>\d{4}))?\b(?![/.-]\d)",
    re.I,
)


def _day_lists(text: str, taken: Coverage) -> list[DateMention]:
    found = []
    for match in _DAY_LIST.finditer(text):
        days = list(re.finditer(r"\d{1,2}", match["days"]))
        month, year = int(match["month"]), int(match["year"]) if match["year"] else None
        if not all(_valid(year, month, int(d.group())) for d in days):
            continue
        if any(int(a.group()) >= int(b.group()) for a, b in zip(days, days[1:])):
            continue  # "từ ngày 28 đến 3/11": the first day is of another month
        base = match.start("days")
        for index, day in enumerate(days):
            start = base + day.start()
            end = match.end() if index == len(days) - 1 else base + day.end()
            lexical = (
                f"{year:04d}-{month:02d}-{int(day.group()):02d}" if year else f"--{month:02d}-{int(day.group()):02d}"
            )
            found.append(
                DateMention(start, end, text[start:end], lexical, XSD_DATE if year else XSD_MONTH_DAY, range_role=DAYS)
            )
        taken.add(*match.span())
    return found


def find_dates(text: str) -> list[DateMention]:
    """Every absolute and relative date mention, in text order, without overlaps."""
    found, taken = [], Coverage(len(text))
    found += _day_lists(text, taken)
    for pattern, groups in _ABSOLUTE:
        for match in pattern.finditer(text):
            if taken.overlaps(*match.span()):
                continue
            mention = _absolute(match, *groups(match))
            if mention:
                found.append(mention)
                taken.add(*match.span())
    for pattern in _RELATIVE:
        for match in pattern.finditer(text):
            if taken.overlaps(*match.span()):
                continue
            number = match["n"].lower()
            value = int(number) if number.isdigit() else _NUMBER_WORDS[number]
            letter = _DURATION_LETTER[match["unit"].lower()]
            qualifier = _QUALIFIERS.get((match["qual"] or "").lower(), EXACT)
            found.append(
                DateMention(
                    match.start(),
                    match.end(),
                    match.group(),
                    relative=True,
                    offset=f"P{value}{letter}",
                    qualifier=qualifier,
                    of_relation=letter == "Y"
                    and (
                        pattern in _AGES_ABROAD
                        or bool(
                            _OF_RELATION.match(text, match.end())
                            or (match.group().endswith("qua") and _KIN_LATER.match(text, match.end()))
                        )
                    ),
                )
            )
            taken.add(*match.span())
            if letter == "Y":
                found += _age_range(text, match.end(), value, taken)
    for match in _AGE_AFTER.finditer(text):
        start, end = match.span("age")
        if not taken.overlaps(start, end):
            number = match["n"].lower()
            value = int(number) if number.isdigit() else _NUMBER_WORDS[number]
            qualifier = _QUALIFIERS.get((match["qual"] or "").lower(), EXACT)
            found.append(DateMention(start, end, match["age"], relative=True, offset=f"P{value}Y", qualifier=qualifier))
            found[-1].of_relation = True
            taken.add(start, end)
    for match in _RELATIVE_WORDS.finditer(text):
        if not taken.overlaps(*match.span()):
            found.append(DateMention(match.start(), match.end(), match.group(), relative=True))
            taken.add(*match.span())
    found.sort(key=lambda d: d.start)
    _mark_ranges(text, found)
    return found


# "tròn 60 năm kết nghĩa (1959 - 2019)": years alone in brackets, read only after an age they span.
_YEAR_RANGE = re.compile(r"\(\s*(\d{4})\s*[-–—]\s*(\d{4})\s*\)")


def _age_range(text: str, end: int, years: int, taken: Coverage) -> list[DateMention]:
    window = re.match(r"[^.;:!?\n()]{0,60}", text[end : end + 60])
    match = _YEAR_RANGE.match(text, end + len(window.group()) if window else end)
    if match is None or taken.overlaps(*match.span()) or int(match[2]) - int(match[1]) != years:
        return []
    taken.add(*match.span())
    return [
        DateMention(match.start(1), match.end(1), match[1], match[1], XSD_YEAR, range_role="start"),
        DateMention(match.start(2), match.end(2), match[2], match[2], XSD_YEAR, range_role="end"),
    ]


def _mark_ranges(text: str, dates: list[DateMention]) -> None:
    """'(28/6/1949 - 28/6/2024)': the first is a start (a founding date), the second its end."""
    for first, second in zip(dates, dates[1:]):
        if first.relative or second.relative or DAYS in (first.range_role, second.range_role):
            continue
        if re.fullmatch(r"\s*(?:-|–|—|đến|to|au)\s*", text[first.end : second.start]):
            first.range_role, second.range_role = "start", "end"


def reference_year(text: str, dates: list[DateMention], published: _dt.date | None) -> int | None:
    """The year a day-month without year is read in: the publication year when known, else the
    latest year the article states (the end year of a term such as '2025 - 2030' excluded)."""
    if published:
        return published.year
    years = [d.year for d in dates if not d.relative and d.year]
    for match in re.finditer(r"(?<![\d/.-])(19[4-9]\d|20\d\d)(?![\d/.-])", text):
        before = text[max(0, match.start() - 3) : match.start()]
        if not re.search(r"[-–]\s*$", before):
            years.append(int(match.group(1)))
    return max(years) if years else None


def complete_years(dates: list[DateMention], year: int | None) -> None:
    """Give day-month dates the reference year (marked as coming from the context)."""
    if year is None:
        return
    for date in dates:
        if date.datatype == XSD_MONTH_DAY:
            month, day = int(date.lexical[2:4]), int(date.lexical[5:7])
            if _valid(year, month, day):
                date.lexical, date.datatype = f"{year:04d}-{month:02d}-{day:02d}", XSD_DATE
                date.year_from_context = True


def parse_published(text: str) -> _dt.date:
    """--published YYYY-MM-DD; ValueError with a readable message otherwise."""
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date in the form YYYY-MM-DD: {text!r}") from None
