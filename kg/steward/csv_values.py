"""Reading the cells of a steward's CSV: dates, amounts, vocabulary choices and references.

Each reader returns an RDF term or raises CellError with a message in Vietnamese and English
that says what was expected; kg.steward.csv_import attaches the row and column. Conventions (documented
in docs/steward-guide.md):

- dates keep their precision: 2025 -> xsd:gYear, 08/2025 or 2025-08 -> xsd:gYearMonth,
  08/08/2025 or 2025-08-08 -> xsd:date, 12/06 -> xsd:gMonthDay; an impossible day is refused;
- amounts: the comma is the decimal mark and the dot separates thousands, as in Vietnamese
  (1,7 tỷ = 1700000000; 300.000.000 = 300000000); several commas are thousands (300,000,000);
  "tỷ", "triệu", "nghìn" multiply; "đồng"/"VND" name the currency; a leading "hơn"/"khoảng"
  is the qualifier;
- choices: the concept's name in Vietnamese or English (from ontology/vocab), its key, or a
  common synonym, compared without case or diacritics;
- references: see Resolver.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from kg.errors import KgError
from kg.vietnamese import fold, search_key
from kg.iris import ID, KNV, sparql_prefixes
from kg.sparql_files import sparql
from kg.graph.resolve import keep_written_marks, split_era
from kg.steward.context_checks import Suggester

_KINDS = (
    "unit",
    "org",
    "group",
    "person",
    "twinning",
    "agreement",
    "event",
    "support",
    "policy",
    "source",
    "statistic",
    "dataset",
    "change",
)


# what each IRI kind is called in a Vietnamese sentence (the kind itself stays in the id:KIND/... hint)
KIND_NAMES_VI = {
    "unit": "đơn vị hành chính",
    "org": "tổ chức",
    "group": "nhóm",
    "person": "người",
    "twinning": "quan hệ kết nghĩa",
    "agreement": "thỏa thuận",
    "event": "sự kiện",
    "support": "khoản hỗ trợ",
    "policy": "chính sách",
    "source": "nguồn (bài báo)",
    "statistic": "số liệu thống kê",
    "dataset": "bộ dữ liệu",
    "change": "thay đổi hành chính",
}


class CellError(KgError):
    """A cell that cannot be read; `vi` and `en` say why and what to write instead."""

    def __init__(self, vi: str, en: str):
        super().__init__(en)
        self.vi, self.en = vi, en


# --------------------------------------------------------------------------- dates


def _date(year: int, month: int, day: int, text: str) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(
            f"{text!r} không phải là một ngày có thật (ngày {day}, tháng {month}, năm {year}).",
            f"{text!r} is not a real date (day {day}, month {month}, year {year}).",
        ) from None


def parse_date(text: str) -> Literal:
    """A date literal whose datatype is the precision the cell gives."""
    t = text.strip()
    if m := re.fullmatch(r"(\d{4})", t):
        return Literal(t, datatype=XSD.gYear)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})|(\d{1,2})[/.-](\d{4})", t):
        year, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if not 1 <= int(month) <= 12:
            raise CellError(f"{text!r}: không có tháng {int(month)}.", f"{text!r}: there is no month {int(month)}.")
        return Literal(f"{year}-{int(month):02d}", datatype=XSD.gYearMonth)
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", t):
        day = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
        return Literal(day.isoformat(), datatype=XSD.date)
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", t):
        day = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)), text)
        return Literal(day.isoformat(), datatype=XSD.date)
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})", t):
        _date(2000, int(m.group(2)), int(m.group(1)), text)  # 2000: a leap year, so 29/02 is a real day
        return Literal(f"--{int(m.group(2)):02d}-{int(m.group(1)):02d}", datatype=XSD.gMonthDay)
    hint_vi = hint_en = ""
    if re.fullmatch(r"\d{5}(\.0+)?", t):
        hint_vi = " Bảng tính có thể đã đổi ngày thành số: định dạng cột là Văn bản (Text)."
        hint_en = " The spreadsheet may have turned the date into a number: format the column as Text."
    raise CellError(
        f"Không đọc được ngày {text!r}: viết 2025, 08/2025, 08/08/2025 hoặc 2025-08-08.{hint_vi}",
        f"Cannot read the date {text!r}: write 2025, 08/2025, 08/08/2025 or 2025-08-08.{hint_en}",
    )


def date_span(when: Literal) -> tuple[str, str]:
    """First and last day (ISO) a date of any precision may mean; a day-month without a year
    may fall in any year."""
    text = str(when)
    if when.datatype == XSD.gYear:
        return f"{text}-01-01", f"{text}-12-31"
    if when.datatype == XSD.gYearMonth:
        year, month = int(text[:4]), int(text[5:7])
        last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
        return f"{text}-01", f"{text}-{last:02d}"
    if when.datatype == XSD.date:
        return text[:10], text[:10]
    return "0000-01-01", "9999-12-31"


def _last_day(limit: str) -> str:
    """A validity end of any precision ("1994", "1976-02", "1976-02-23") as a comparable last day."""
    return limit + ("-12-31" if len(limit) == 4 else "-31" if len(limit) == 7 else "")


# --------------------------------------------------------------------------- amounts

_MULTIPLIERS = {
    "ty": 10**9,
    "ti": 10**9,
    "billion": 10**9,
    "trieu": 10**6,
    "million": 10**6,
    "millions": 10**6,
    "nghin": 10**3,
    "ngan": 10**3,
    "thousand": 10**3,
}
_CURRENCY_WORDS = {"dong": "VND", "d": "VND", "vnd": "VND", "vnđ": "VND", "usd": "USD", "eur": "EUR"}
_QUALIFIER_WORDS = {
    "hon": "lower-bound",
    "tren": "lower-bound",
    "more than": "lower-bound",
    "over": "lower-bound",
    "khoang": "approximate",
    "gan": "approximate",
    "about": "approximate",
    "chung": "approximate",
}
_AMOUNT = re.compile(
    r"(?P<qual>more than|hon|tren|over|khoang|gan|about|chung)?\s*(?P<num>-?[0-9][0-9.,]*)\s*"
    r"(?P<mult>ty|ti|trieu|nghin|ngan|billion|millions?|thousand)?\s*(?P<cur>dong|d|vnd|usd|eur)?"
)


def _number(text: str, has_multiplier: bool) -> Decimal:
    if "," in text and "." in text:  # the last separator is the decimal mark
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    elif text.count(",") >= 2 or text.count(".") >= 2:  # only thousands separators repeat
        if not re.fullmatch(r"-?\d{1,3}([,.])\d{3}(\1\d{3})*", text):
            raise InvalidOperation(text)
        text = text.replace(",", "").replace(".", "")
    elif "," in text:
        text = text.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}\.\d{3}", text) and not has_multiplier:
        text = text.replace(".", "")
    return Decimal(text)


def parse_amount(text: str) -> tuple[Decimal, str | None, str | None]:
    """(value in whole currency units, qualifier key or None, ISO currency or None)."""
    match = _AMOUNT.fullmatch(_amount_key(text))
    if not match:
        raise CellError(
            f"Không đọc được số tiền {text!r}: viết bằng chữ số, ví dụ 300000000, 300 triệu hoặc 1,7 tỷ.",
            f"Cannot read the amount {text!r}: write it in digits, e.g. 300000000, 300 triệu or 1,7 tỷ.",
        )
    multiplier = _MULTIPLIERS.get(match.group("mult") or "", 1)
    try:
        value = _number(match.group("num"), multiplier != 1) * multiplier
    except InvalidOperation:
        raise CellError(
            f"Không đọc được số {match.group('num')!r} trong {text!r}.",
            f"Cannot read the number {match.group('num')!r} in {text!r}.",
        ) from None
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    qualifier = _QUALIFIER_WORDS.get(match.group("qual") or "")
    currency = _CURRENCY_WORDS.get(match.group("cur") or "")
    return value, qualifier, currency


def _amount_key(text: str) -> str:
    """The cell folded like a search key but keeping digits, '-', ',' and '.' together."""
    folded = fold(text)
    folded = re.sub(r"[^0-9a-z.,\- ]+", " ", folded)
    return re.sub(r"\s+", " ", folded).strip().rstrip(".")


# --------------------------------------------------------------------------- vocabulary choices

SCHEMES = {
    "kind": "TwinningKind",
    "status": "Status",
    "agreement_type": "AgreementType",
    "content_areas": "ContentArea",
    "support_type": "SupportType",
    "purpose": "Purpose",
    "amount_qualifier": "AmountQualifier",
    "role": "Role",
    "event_type": "EventType",
}
SYNONYMS = {
    "sister-localities": ["ket nghia anh em", "anh em"],
    "sponsorship": ["do dau"],
    "cooperation-programme": ["hop tac"],
    "active": ["da ky", "dang hoat dong", "hoat dong", "active", "signed"],
    "planned": ["ke hoach", "du kien", "chua ky"],
    "ended": ["cham dut", "ket thuc"],
    "lower-bound": ["hon", "tren", "more than", "lower bound"],
    "approximate": ["khoang", "xap xi", "about", "gan"],
    "exact": ["chinh xac"],
    "committee-member": ["tinh uy vien", "huyen uy vien", "thanh uy vien", "uy vien"],
    "money": ["tien mat"],
    "house": ["nha tinh nghia", "nha dai doan ket", "nha o"],
    "ceremony": ["le"],
    "working-visit": ["chuyen cong tac", "doan cong tac", "tham lam viec"],
    "cooperation-programme-document": ["chuong trinh hop tac"],
    "memorandum": ["ghi nho", "memorandum"],
    "signed-minutes": ["bien ban"],
}


class Vocabulary:
    """Concepts of the project's SKOS schemes, found by any of their names (ontology/vocab/*.ttl)."""

    def __init__(self, ontology: Graph):
        self.by_scheme: dict[str, dict[str, URIRef]] = {}
        self.names: dict[str, list[str]] = {}
        for concept, scheme in ontology.subject_objects(SKOS.inScheme):
            if not str(scheme).startswith(str(KNV)):
                continue
            keys = self.by_scheme.setdefault(str(scheme)[len(KNV) :], {})
            local = str(concept)[len(KNV) :]
            names = [local, local.replace("-", " "), *SYNONYMS.get(local, [])]
            for label in ontology.objects(concept, SKOS.prefLabel):
                names.append(str(label))
                names.append(re.sub(r"\s*\(.*\)", "", str(label)))  # "Cận dưới (hơn)" -> "Cận dưới"
                if label.language == "vi":
                    self.names.setdefault(str(scheme)[len(KNV) :], []).append(str(label).lower())
            for name in names:
                keys.setdefault(search_key(name), concept)

    def concept(self, column: str, text: str) -> URIRef:
        scheme = SCHEMES[column]
        found = self.by_scheme.get(scheme, {}).get(search_key(text))
        if found is None:
            accepted = " | ".join(sorted(self.names.get(scheme, [])))
            raise CellError(
                f"Giá trị {text!r} không có trong danh mục; chọn một trong: {accepted}.",
                f"{text!r} is not in the list; choose one of: {accepted}.",
            )
        return found


# --------------------------------------------------------------------------- references

_UNIT_FORMS = [
    re.compile(r"(?:https://w3id\.org/ketnghia/id/|id:)?unit/(pre2025|2025)/([0-9]+(?:-[a-z0-9-]+)?)"),
    re.compile(r"(pre2025|2025|since2025)\s*[/: ]\s*([0-9]+(?:-[a-z0-9-]+)?)"),
    re.compile(r"([0-9]+)\s*\(\s*(pre2025|2025)\s*\)"),
    re.compile(r"(?:https://w3id\.org/ketnghia/id/unit/|id:unit/|unit/)?(hist)[/:]([a-z0-9]+(?:-[a-z0-9]+)*)"),
]


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


class Resolver:
    """Cells that name units, organizations and recorded nodes, turned into IRIs.

    Codes (pre2025/510), prefixed names (id:org/...), IRIs and recorded ids are read as such;
    anything else with letters is a name, looked up in the search index (diacritic-insensitive)
    and accepted when it names exactly one node -- of the era the row's date falls in, if that
    settles it. With a built graph every IRI must exist, or the cell is refused with the closest
    matches; without one (--standalone) only the forms are checked and names cannot be used.
    """

    def __init__(self, oxstore: ox.Store | None = None, suggester: Suggester | None = None):
        self.oxstore = oxstore
        self.suggester = suggester or (Suggester.for_store(oxstore) if oxstore is not None else None)
        self._exists: dict[str, bool] = {}

    def exists(self, iri: str) -> bool:
        if self.oxstore is None:
            return True
        if iri not in self._exists:
            self._exists[iri] = any(True for _ in self.oxstore.quads_for_pattern(ox.NamedNode(iri), None, None))
        return self._exists[iri]

    def label(self, iri: str) -> str | None:
        """The node's Vietnamese preferred label in the graph, if any."""
        if self.oxstore is None:
            return None
        query = sparql_prefixes() + sparql("steward", "vietnamese-label", iri=str(ox.NamedNode(iri)))
        return next((row["l"].value for row in self.oxstore.query(query, use_default_graph_as_union=True)), None)

    def _checked(self, iri: str, text: str, context: tuple[str, ...] = ()) -> URIRef:
        if not self.exists(iri):
            suggestions = self.suggester.for_iri(iri, [], list(context), set()) if self.suggester else []
            listed = "; ".join(s.text() for s in suggestions)
            raise CellError(
                f"{text!r} không có trong đồ thị." + (f" Có phải ý bạn là: {listed}?" if listed else ""),
                f"{text!r} is not in the graph." + (f" Did you mean: {listed}?" if listed else ""),
            )
        return URIRef(iri)

    def unit(self, text: str, when: Literal | None = None, context: tuple[str, ...] = ()) -> URIRef:
        return self.agent(text, when, kinds=("unit",), context=context)

    def agent(
        self, text: str, when: Literal | None = None, kinds=("unit", "organization"), context: tuple[str, ...] = ()
    ) -> URIRef:
        """A unit (any form above), or -- unless kinds says units only -- an organization or group.
        `context`: texts of the row (its name) whose unit names help suggest a mistyped code."""
        t = text.strip()
        for form in _UNIT_FORMS:
            if m := form.fullmatch(t):
                era, code = (m.group(2), m.group(1)) if form is _UNIT_FORMS[2] else m.groups()
                return self._checked(f"{ID}unit/{'2025' if era == 'since2025' else era}/{code}", t, context)
        if re.fullmatch(r"[0-9]{2,5}", t):
            if when is None:
                raise CellError(
                    f"Mã {t!r} thiếu thời kỳ: viết pre2025/{t} (trước 1/7/2025) hoặc 2025/{t}.",
                    f"The code {t!r} lacks its era: write pre2025/{t} (before 1 July 2025) or 2025/{t}.",
                )
            first, last = date_span(when)
            if last < "2025-07-01":
                return self._checked(f"{ID}unit/pre2025/{t}", t, context)
            if first >= "2025-07-01":
                return self._checked(f"{ID}unit/2025/{t}", t, context)
            raise CellError(
                f"Ngày {when} không cho biết thời kỳ của mã {t!r}: viết pre2025/{t} hoặc 2025/{t}.",
                f"The date {when} does not settle the era of the code {t!r}: write pre2025/{t} or 2025/{t}.",
            )
        if kinds != ("unit",) and (iri := self._iri_form(t, ("org", "group", "person"))):
            return self._checked(iri, t)
        return self._by_name(t, when, kinds)

    def node(self, text: str, kind: str) -> URIRef:
        """A recorded node of `kind` (twinning, policy, source...) by IRI, prefixed name or id."""
        t = text.strip()
        if kind == "source" and re.fullmatch(r"[0-9a-f]{16}", t):
            return self._checked(f"{ID}source/{t}", t)
        iri = self._iri_form(t, (kind,))
        if iri is None:
            raise CellError(
                f"{t!r} không phải IRI của một {KIND_NAMES_VI.get(kind, kind)}: viết ví dụ id:{kind}/... hoặc {kind}/...",
                f"{t!r} is not the IRI of a {kind}: write e.g. id:{kind}/... or {kind}/...",
            )
        return self._checked(iri, t)

    @staticmethod
    def _iri_form(text: str, kinds: tuple[str, ...]) -> str | None:
        m = re.fullmatch(r"(?:https://w3id\.org/ketnghia/id/|id:)?([a-z]+)/(\S+)", text)
        if m and m.group(1) in kinds and m.group(1) in _KINDS:
            return f"{ID}{m.group(1)}/{m.group(2)}"
        return None

    def _by_name(self, text: str, when: Literal | None, kinds) -> URIRef:
        if self.suggester is None:
            raise CellError(
                f"Không dùng được tên {text!r} khi không có đồ thị đã dựng: viết mã, ví dụ pre2025/510.",
                f"A name ({text!r}) needs the built graph: write the code instead, e.g. pre2025/510.",
            )
        era_match = re.fullmatch(r"(.*?)\s*\(\s*(pre2025|2025|historical|cũ|cu)\s*\)", text)
        name, era = (era_match.group(1), era_match.group(2)) if era_match else (text, None)
        # "(cũ)", as articles write it: a former unit, of any era before the reform
        eras = ("pre2025", "historical") if era in ("cũ", "cu") else (None,) if era is None else (era,)
        if era is None:  # "(2025)", "(pre-2025)", "(trước 2025)": kg.graph.resolve's forms
            name, hint = split_era(text)
            eras = (hint,) if hint in ("2025", "pre2025", "historical") else (None,)
        found = [e for e in self.suggester.exact(name) if e[1] in kinds and (eras == (None,) or e[4] in eras)]
        found = keep_written_marks(name, found, lambda e: (e[2],))  # "Tân Thành" is not "Tân Thạnh"
        if len(found) > 1 and when is not None:  # keep the namesakes that existed at the row's date
            first, last = date_span(when)
            dated = [e for e in found if (not e[7] or e[7] <= last) and (not e[8] or first <= _last_day(e[8]))]
            found = dated or found
        if len(found) == 1:
            return URIRef(found[0][0])
        if found:
            listed = "; ".join(self.suggester.describe(e[0]).text() for e in found[:6])
            more = f" (+{len(found) - 6})" if len(found) > 6 else ""
            raise CellError(
                f"Tên {text!r} ứng với {len(found)} nơi: {listed}{more}. Viết mã của nơi cần chọn.",
                f"The name {text!r} matches {len(found)} places: {listed}{more}. Write the code of the one you mean.",
            )
        close = [self.suggester.describe(e[0]).text() for e in self.suggester.close_names(name) if e[1] in kinds]
        listed = "; ".join(close)
        raise CellError(
            f"Không tìm thấy {text!r}." + (f" Có phải ý bạn là: {listed}?" if listed else ""),
            f"{text!r} was not found." + (f" Did you mean: {listed}?" if listed else ""),
        )
