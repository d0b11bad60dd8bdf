"""Sums of money and counted quantities, with how exact the article says they are.

"300 triệu đồng" is 300,000,000 VND; "1,7 tỷ đồng" 1,700,000,000 (in Vietnamese and French the
comma is the decimal mark and the dot groups thousands; in English the reverse). "hơn", "trên",
"plus de", "more than" make a lower bound; "khoảng", "gần", "environ", "about" an approximation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kg.extract.dates import APPROXIMATE, EXACT, LOWER_BOUND
from kg.extract.spans import Coverage

_SCALES = {
    "nghìn": 10**3,
    "ngàn": 10**3,
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
    "mille": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "milliard": 10**9,
    "milliards": 10**9,
    "thousand": 10**3,
    "billion": 10**9,
    "billions": 10**9,
    "bn": 10**9,
    "m": 10**6,
}
_QUALIFIER_WORDS = [
    (r"hơn|trên|ngoài|plus de|more than|over|above", LOWER_BOUND),
    (
        r"khoảng|gần|xấp xỉ|ước tính|ước|chừng|tầm|environ|près de|approximativement|about|around"
        r"|approximately|nearly|almost|some",
        APPROXIMATE,
    ),
]
_NUMBER = r"\d{1,3}(?:[.,  ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_QUAL = r"(?:\b(?P<qual>" + "|".join(w for w, _ in _QUALIFIER_WORDS) + r")\s+)?"
_VND = r"(?:đồng(?!\s+(?:chí|bào|bằng|hành|thời|ý|lòng))|VNĐ|VND|vnđ|vnd|dongs?|đ)\b"

_MONEY = [
    # 1 tỷ 200 triệu đồng / 300 triệu đồng / 120 millions de VND / 5 billion VND
    re.compile(
        rf"{_QUAL}(?P<n1>{_NUMBER})\s*(?P<s1>tỷ|tỉ|triệu|nghìn|ngàn|milliards?|millions?|billions?|thousand|bn)"
        rf"(?:\s+(?P<n2>{_NUMBER})\s*(?P<s2>triệu|nghìn|ngàn))?\s+(?:de\s+|d')?(?P<cur>{_VND}|USD|dollars?)",
        re.I,
    ),
    # VND 300 million, US$ 2 million
    re.compile(rf"{_QUAL}(?P<cur>VND|VNĐ|USD|US\$|\$)\s?(?P<n1>{_NUMBER})(?:\s*(?P<s1>million|billion|bn|m)\b)?", re.I),
    # 500.000 đồng, 20 000 USD
    re.compile(rf"{_QUAL}(?P<n1>{_NUMBER})\s*(?P<cur>{_VND}|USD)", re.I),
]

# Count nouns, longest first; what a number before them counts.
_COUNT_NOUNS = [
    "bài dự thi",
    "nhà tình nghĩa",
    "nhà đại đoàn kết",
    "hộ gia đình",
    "suất học bổng",
    "suất quà",
    "phần quà",
    "căn nhà",
    "học sinh",
    "bài",
    "em",
    "hộ",
    "nhà",
    "cây",
    "con",
    "suất",
    "người",
    "cơ quan",
    "xã",
    "huyện",
    "thôn",
    "m2",
    "m²",
    "ha",
    "tấn",
    "km",
    "cadeaux",
    "ménages",
    "maisons",
    "logements",
    "personnes",
    "villages",
    "communes",
    "familles",
    "houses",
    "households",
    "gifts",
    "people",
    "families",
    "villages",
    "communes",
    "scholarships",
]
_COUNT = re.compile(
    rf"{_QUAL}(?P<n>{_NUMBER})\s*(?P<unit>" + "|".join(re.escape(n) for n in _COUNT_NOUNS) + r")(?![\w])", re.I
)


@dataclass
class AmountMention:
    start: int
    end: int
    text: str
    value: Decimal
    currency: str
    qualifier: str


@dataclass
class QuantityMention:
    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    qualifier: str


def parse_number(text: str, lang: str) -> Decimal | None:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace(" ", "")
    decimal_mark = "." if lang == "en" else ","
    group_mark = "," if lang == "en" else "."
    if re.fullmatch(r"\d{1,3}(\%s\d{3})+" % decimal_mark, text) and text.count(decimal_mark) > 1:
        decimal_mark, group_mark = group_mark, decimal_mark  # "1,500,000" in a French text
    # A single mark followed by exactly three digits groups thousands, whichever it is.
    if re.fullmatch(r"\d{1,3}[.,]\d{3}", text) and not (lang == "en" and "." in text):
        text = text.replace(".", "").replace(",", "")
    text = text.replace(group_mark, "").replace(decimal_mark, ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _qualifier(word: str | None) -> str:
    for words, qualifier in _QUALIFIER_WORDS:
        if word and re.fullmatch(words, word, re.I):
            return qualifier
    return EXACT


def _currency(word: str) -> str:
    return "USD" if re.match(r"USD|US\$|\$|dollar", word, re.I) else "VND"


def find_amounts(text: str, lang: str) -> list[AmountMention]:
    found, taken = [], Coverage(len(text))
    for pattern in _MONEY:
        for match in pattern.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            value = parse_number(match["n1"], lang)
            if value is None:
                continue
            groups = match.groupdict()
            value *= _SCALES.get((groups.get("s1") or "").lower(), 1)
            if groups.get("n2"):
                extra = parse_number(match["n2"], lang)
                value += (extra or 0) * _SCALES.get(match["s2"].lower(), 1)
            if value <= 0:
                continue
            value = value.quantize(Decimal(1)) if value == value.to_integral() else value
            found.append(
                AmountMention(
                    match.start(), match.end(), match.group(), value, _currency(match["cur"]), _qualifier(match["qual"])
                )
            )
            taken.add(*match.span())
    return sorted(found, key=lambda a: a.start)


def find_quantities(text: str, lang: str, exclude: list[tuple[int, int]] = ()) -> list[QuantityMention]:
    """Counted things ("10 nhà tình nghĩa", "20 cadeaux"); spans in `exclude` (dates, sums of
    money) are skipped, and so are ratios such as "8/36"."""
    found = []
    exclude = Coverage(len(text), exclude)
    for match in _COUNT.finditer(text):
        if exclude.overlaps(match.start(), match.end()):
            continue
        if re.search(r"[/\d]$", text[max(0, match.start() - 1) : match.start()]):
            continue
        value = parse_number(match["n"], lang)
        if value is None:
            continue
        found.append(
            QuantityMention(match.start(), match.end(), match.group(), value, match["unit"], _qualifier(match["qual"]))
        )
    return found


# A sum given per person, household or gift is a rate, not a total: "80 triệu đồng/hộ",
# "5 triệu đồng mỗi người", "mỗi suất trị giá 500.000 đồng", "2 million VND per household".
_PER_NOUN = (
    r"người|hộ gia đình|hộ|suất quà|suất|phần quà|phần|em|học sinh|cháu|gia đình|căn|nhà|lượt|tháng|năm"
    r"|personnes?|ménages?|familles?|cadeaux?|élèves?|mois|an|persons?|people|households?|families|gifts?"
    r"|students?|months?|years?"
)
_PER_AFTER = re.compile(
    rf"\s*(?:/\s*(?:1\s+|một\s+)?|\s(?:mỗi|một|each|per|par|chacun(?:e)?\s+par)\s+)(?P<noun>{_PER_NOUN})\b", re.I
)
_PER_BEFORE = re.compile(
    rf"\b(?:mỗi|each|per|chaque)\s+(?P<noun>{_PER_NOUN})\b[^.;,\n]{{0,25}}"
    r"(?:trị giá|giá trị|worth|valued at|d'une valeur de|là|được|receives?|reçoit)\s*$",
    re.I,
)


_AVERAGE = re.compile(r"bình quân|thu nhập|trung bình|income|average|per capita|revenu|moyen", re.I)


def split_rates(text: str, amounts: list[AmountMention]) -> tuple[list[AmountMention], list[QuantityMention]]:
    """Totals, and the sums stated per person or per gift as quantities in currency/noun."""
    totals, rates = [], []
    for amount in amounts:
        after = _PER_AFTER.match(text, amount.end)
        before = _PER_BEFORE.search(text, max(0, amount.start - 60), amount.start)
        # "Thu nhập bình quân 50 triệu đồng/người/năm": an average stays the figure of a statistic.
        average = _AVERAGE.search(text, max(0, amount.start - 60), amount.start)
        if (after is None and before is None) or average:
            totals.append(amount)
            continue
        noun = (after or before)["noun"].lower()
        end = after.end() if after else amount.end
        start = amount.start if after else before.start()
        rates.append(
            QuantityMention(start, end, text[start:end], amount.value, f"{amount.currency}/{noun}", amount.qualifier)
        )
    return totals, rates
