"""Organizations: party committees and their standing boards and offices, people's committees and
councils, bank branches and enterprises, in Vietnamese, French and English.

A body of a unit gets the unit from the name written with it ("Huyện ủy Nam Giang", "UBND thành
phố Tam Kỳ", "Comité du Parti du district de Tho Xuan"). Written without one ("UBND tỉnh", "le
Comité du Parti du district", "Thành ủy") it is the unit of that level the sentence last named,
else the article last named, else the article's most named unit of that level. "Ban Thường vụ
Huyện ủy hai địa phương" names the bodies of the article's two most named units of that level.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from kg.extract import agencies
from kg.extract.lexicon import lexicon
from kg.extract.spans import WINDOW, ByPosition, Coverage, sentence_at
from kg.extract.text import Sentence
from kg.extract.unit_types import CITY_TYPES, COMMUNE_TYPES, DISTRICT_TYPES, PROVINCE_TYPES
from kg.extract.units import UnitMention
from kg.vietnamese import slugify

# kind -> (IRI type word, ontology class)
KINDS = {
    "party-committee": ("party-committee", "PartyCommittee"),
    "standing-board": ("standing-board", "StandingBoard"),
    "party-office": ("party-office", "PartyOffice"),
    "peoples-committee": ("peoples-committee", "PeoplesCommittee"),
    "peoples-council": ("peoples-council", "PeoplesCouncil"),
    "standing-members": (None, "Organization"),
    "bank": (None, "BankBranch"),
    "enterprise": (None, "Enterprise"),
    "national": (None, "Organization"),  # a committee of no unit: the shapes want a unit for kn:PartyCommittee
    "fatherland-front": (None, "MassOrganization"),  # the Fatherland Front committee of a unit
    "national-assembly": (None, "GovernmentAgency"),  # written only as the body of a post
    "foreign-council": (None, "Organization"),  # "Bangkok Metropolitan Council": only as the body of a post
    "brand": (None, "Enterprise"),  # "Viettel Quảng Nam": a state enterprise's branch, named like a bank's
    **{kind: (None, cls) for kind, cls in agencies.CLASSES.items()},  # "Ban Dân tộc tỉnh X", "Đồn Biên phòng Y"
}
# Bodies keyed by their own name (not by a unit's code).
NAMED_KINDS = frozenset({"bank", "enterprise", "brand"} | agencies.AGENCY_KINDS)
# Bodies whose label is their name as written (an agency's adds the unit written after it).
_AS_WRITTEN = ("bank", "enterprise", "brand", "foreign-council")
_ANY = PROVINCE_TYPES | DISTRICT_TYPES | COMMUNE_TYPES
# Types a committee head implies when no unit word follows it.
HEAD_TYPES = {
    "tỉnh ủy": {"tinh"},
    "tỉnh uỷ": {"tinh"},
    "thành ủy": CITY_TYPES,
    "thành uỷ": CITY_TYPES,
    "huyện ủy": {"huyen"},
    "huyện uỷ": {"huyen"},
    "quận ủy": {"quan"},
    "quận uỷ": {"quan"},
    "thị ủy": {"thi-xa"},
    "thị uỷ": {"thi-xa"},
}
_LEVEL_WORDS = {
    "tỉnh": PROVINCE_TYPES,
    "thành phố": CITY_TYPES,
    "huyện": {"huyen"},
    "quận": {"quan"},
    "thị xã": {"thi-xa"},
    "xã": {"xa"},
    "phường": {"phuong"},
    "thị trấn": {"thi-tran"},
    "district": DISTRICT_TYPES,
    "province": PROVINCE_TYPES,
    "ville": CITY_TYPES,
    "commune": {"xa", "thi-tran"},
    "quartier": {"phuong"},
    "city": CITY_TYPES,
    "ward": {"phuong"},
}
_LEVEL_WORD = r"(?P<level>thành phố|thị trấn|thị xã|tỉnh|huyện|quận|xã|phường|district|province|ville|commune|quartier|city|ward)s?\b"
_PC_VI = r"(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|uỷ)(?! viên)|Đảng (?:ủy|uỷ)(?= (?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|tỉnh|thành phố|hai|2)\b)|(?:Ban Chấp hành )?Đảng bộ(?= (?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|hai|2)\b)"
_PC_FR = r"Comité (?:provincial |municipal |de district )?du Parti(?: communiste)?|Parti(?= (?:du|de la|de l') ?(?:district|province|ville|commune))"
_PC_EN = r"(?:Provincial |District |City |Municipal |Commune |Ward )?Party (?:Executive )?Committee"

# (pattern, kind); earlier patterns win where two overlap.
_PATTERNS = [
    (
        r"Ban Chấp hành Trung ương(?: Đảng)?|Trung ương Đảng|Comité central du Parti(?: communiste)?(?: du Vietnam)?"
        r"|(?:Party )?Central Committee(?: of the (?:Communist )?Party(?: of Vietnam)?)?",
        "national",
    ),
    (
        rf"(?:Ban Thường vụ|BTV) (?:{_PC_VI})|Comité permanent du (?:{_PC_FR})|Standing (?:Board|Committee) of the (?:{_PC_EN})",
        "standing-board",
    ),
    (rf"Thường trực (?:{_PC_VI})", "standing-members"),
    (
        rf"Văn phòng (?:{_PC_VI})|(?:Bureau|Office|Cabinet) du (?:{_PC_FR})|Office of the (?:[A-Z][\w ]+ )?(?:{_PC_EN})",
        "party-office",
    ),
    (rf"{_PC_VI}|{_PC_FR}|{_PC_EN}", "party-committee"),
    (
        r"UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Comité populaire|People's Committee|People’s Committee",
        "peoples-committee",
    ),
    (r"HĐND|Hội đồng nhân dân|Conseil populaire|People's Council|People’s Council", "peoples-council"),
    (
        r"(?:(?:Ủy|Uỷ) ban |UB ?)?(?:Mặt trận Tổ quốc|MTTQ)(?: Việt Nam| ?VN)?|UBMTTQ(?: ?VN| Việt Nam)?"
        r"|(?:Vietnam )?Fatherland Front(?: Committee)?|Comité du Front de la Patrie|Front de la Patrie",
        "fatherland-front",
    ),
    (r"(?<!biểu )(?<!ĐB)Quốc hội|National Assembly|Assemblée nationale", "national-assembly"),
    # A council of a place abroad, in English: its name is the place and "Council".
    (
        r"(?!The )(?:[A-Z][\w'’-]+ ){1,3}(?:Metropolitan |City |Municipal |Provincial |Prefectural |County )?Council",
        "foreign-council",
    ),
    (
        r"(?:Agribank|Vietcombank|VietinBank|BIDV|Sacombank|Techcombank|MB Bank|Ngân hàng Chính sách xã hội|NHCSXH)"
        r"(?: chi nhánh)?",
        "bank",
    ),
    (r"(?:Tổng )?[Cc]ông ty(?: TNHH| Cổ phần| CP)?(?: [A-ZĐÀ-Ỹ][\w&-]*)+|Tập đoàn(?: [A-ZĐÀ-Ỹ][\w&-]*)+", "enterprise"),
    (r"Viettel|VNPT|MobiFone|Vinaphone|EVN|Petrolimex|Bưu điện", "brand"),
    (agencies.HEAD_PATTERN, "agency"),  # the kind is the head's: agency, armed-unit, public-service, association
]
_CASED = ("enterprise", "foreign-council", "brand", "agency")
_COMPILED = [
    (re.compile(rf"(?<![\w])(?:{p})(?![\w])", re.I if kind not in _CASED else 0), kind) for p, kind in _PATTERNS
]
_PLURAL_BEFORE = re.compile(r"\b(?:hai|2|deux|both|the two)\s+$", re.I)
_PLURAL = re.compile(
    r"\s+(?:của\s+)?(?:hai|2|các|deux|des deux|both|the two)\s+(?:địa phương|huyện|tỉnh|xã|phường|bên|đơn vị|districts|provinces|communes|localités)\b",
    re.I,
)


@dataclass(eq=False)
class OrgMention:
    start: int
    end: int
    surface: str
    kind: str
    unit: object = None  # gazetteer Unit the body belongs to
    named: bool = False  # the unit is written in the mention itself
    types: frozenset = frozenset()  # unit types an unnamed mention may resolve to
    confidence: float = 0.0
    name: str = ""  # banks, enterprises and agencies: their own name (an agency's without its unit)
    unit_in_name: bool = False  # "Bệnh viện Đa khoa Quảng Nam": the unit is part of the name as written
    level_name: bool = False  # "Tỉnh đoàn", "Huyện đoàn": the unit's short name follows the head
    plural_of: list = field(default_factory=list)
    founded: object = None  # "thành lập Đảng bộ huyện X (28/6/1949 - 28/6/2024)"

    @property
    def key(self) -> str | None:
        """The organization's key in the IRI scheme: party-committee-pre2025-510, agribank-quang-nam."""
        prefix = KINDS[self.kind][0]
        if prefix and self.unit is not None:
            return f"{prefix}-{self.unit.era}-{self.unit.code}"
        if self.kind == "standing-members" and self.unit is not None:
            return f"{slugify(self.label_vi)}-{self.unit.era}"
        if self.kind == "national":
            return "party-central-committee"
        if self.kind == "national-assembly":
            return "quoc-hoi"
        if self.kind == "fatherland-front" and self.unit is not None:
            return f"uy-ban-mat-tran-to-quoc-viet-nam-{slugify(lower_type(self.unit.full_name))}"
        if self.kind in _AS_WRITTEN and self.name:
            return slugify(self.name)
        if self.kind in agencies.AGENCY_KINDS and self.name:
            return slugify(self.label_vi)
        return None

    @property
    def label_vi(self) -> str:
        if self.kind == "national":
            return "Ban Chấp hành Trung ương Đảng"
        if self.kind == "national-assembly":
            return "Quốc hội"
        if self.kind in _AS_WRITTEN:
            return self.name
        if self.kind in agencies.AGENCY_KINDS:
            if self.unit is None or self.unit_in_name:
                return self.name
            unit = self.unit.short_name if self.level_name else lower_type(self.unit.full_name)
            return f"{self.name} {unit}"
        if self.unit is None:
            return self.surface
        committee = committee_label(self.unit)
        return {
            "party-committee": committee,
            "standing-board": f"Ban Thường vụ {committee}",
            "party-office": f"Văn phòng {committee}",
            "standing-members": f"Thường trực {committee}",
            "peoples-committee": f"UBND {lower_type(self.unit.full_name)}",
            "peoples-council": f"HĐND {lower_type(self.unit.full_name)}",
            "fatherland-front": f"Ủy ban MTTQ Việt Nam {lower_type(self.unit.full_name)}",
        }[self.kind]


def lower_type(full_name: str) -> str:
    """'Thành phố Tam Kỳ' -> 'thành phố Tam Kỳ' (the type word is lower case inside a name)."""
    for word in ("Thành phố", "Thị trấn", "Thị xã", "Tỉnh", "Huyện", "Quận", "Xã", "Phường", "Đặc khu"):
        if full_name.startswith(word + " "):
            return word.lower() + full_name[len(word) :]
    return full_name


def committee_label(unit) -> str:
    """The Party Committee's Vietnamese name: Tỉnh ủy, Thành ủy, Huyện ủy... or Đảng ủy xã X."""
    heads = {
        "tinh": "Tỉnh ủy",
        "thanh-pho-truc-thuoc-trung-uong": "Thành ủy",
        "huyen": "Huyện ủy",
        "quan": "Quận ủy",
        "thi-xa": "Thị ủy",
        "thanh-pho-thuoc-tinh": "Thành ủy",
    }
    head = heads.get(unit.unit_type)
    return f"{head} {unit.short_name}" if head else f"Đảng ủy {lower_type(unit.full_name)}"


class OrganizationFinder:
    def __init__(self, text: str, sentences: list[Sentence], units: list[UnitMention], era: str):
        self.text, self.sentences, self.units, self.era = text, sentences, units, era
        self.linked = [m for m in units if m.unit is not None and m.kind != "below"]
        # Position -> the first linked mention there, so that each lookup is a dict access.
        self._by_end: dict[int, UnitMention] = {}
        self._by_head: dict[int, UnitMention] = {}  # where its evidence (type word) starts
        self._by_start: dict[int, UnitMention] = {}
        self._by_suffix_end: dict[int, UnitMention] = {}
        self._order = {id(m): i for i, m in enumerate(self.linked)}
        for m in self.linked:
            self._by_end.setdefault(m.end, m)
            self._by_head.setdefault(m.evidence_start, m)
            self._by_start.setdefault(m.start, m)
            if m.suffix_end >= 0:
                self._by_suffix_end.setdefault(m.suffix_end, m)
        self._by_evidence = ByPosition(self.linked, key=lambda m: m.evidence_start)
        self._candidate_cache: dict = {}

    def find(self) -> list[OrgMention]:
        found: list[OrgMention] = []
        covered = Coverage(len(self.text))
        self._covered = covered
        for pattern, kind in _COMPILED:
            for match in pattern.finditer(self.text):
                if covered.overlaps(match.start(), match.end()):
                    continue
                mentions = self._mention(match, kind)
                found.extend(mentions)
                for o in mentions:
                    covered.add(o.start, o.end)
        self._agency_units(found)
        for mention in found:
            if mention.unit is None and mention.types and not mention.plural_of:
                self.resolve_unnamed(mention)
        return sorted(found, key=lambda o: o.start)

    def _unit_at(self, pos: int, before: bool = False) -> UnitMention | None:
        if before:  # ends at pos or one character before it
            found = [self._by_end.get(pos), self._by_end.get(pos - 1)]
        else:  # starts (its type word, or its name) at pos or one character after it
            found = [self._by_head.get(pos), self._by_head.get(pos + 1), self._by_start.get(pos)]
        found = [m for m in found if m is not None]
        return min(found, key=lambda m: self._order[id(m)]) if found else None

    def _mention(self, match, kind: str) -> list[OrgMention]:
        head = match.group()
        mention = OrgMention(match.start(), match.end(), head, kind, confidence=0.9)
        if kind in ("national", "national-assembly"):
            return [mention]
        if kind in ("bank", "enterprise", "brand"):
            return self._named_body(mention)
        if kind == "agency":
            return agencies.with_listed(self.text, match, self._agency(match), self._starts_other)
        if kind == "foreign-council":
            place = re.sub(r"\s*(?:Metropolitan|City|Municipal|Provincial|Prefectural|County)?\s*Council$", "", head)
            if lexicon().lookup(place) or self._unit_at(match.start()):
                return []  # "Da Nang City Council": a Vietnamese body, read by the other patterns
            mention.name = head
            return [mention]
        implied = re.search(r"(Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|uỷ)\s*$", head, re.I)
        # The unit written with it: "Huyện ủy Nam Giang" (the unit finder starts that mention at
        # the head), "UBND huyện Nam Giang", "du district de Tho Xuan", "Que Son District ...".
        rest = re.match(
            r"\s*(?:(?:du|de la|de l'|des|de|of the|of)\s+)?", self.text[match.end() : match.end() + WINDOW], re.I
        )
        after = match.end() + rest.end()
        # "comité populaire de la province de X" (the unit's words start at "la"), "... provincial de X"
        other = re.match(r"\s*(?:de\s+(?=la )|(?:provincial|municipal) d[eu]\s+)", self.text[match.end() :], re.I)
        unit = (
            self._unit_at(after)
            or (other and self._unit_at(match.end() + other.end()))
            or (implied and self._unit_at(match.start() + implied.start()))
        )
        before = None
        if unit is None and kind in ("party-committee", "peoples-committee", "peoples-council", "fatherland-front"):
            # English: "Hoa Vang District Party Committee", "Nghe An Provincial People's Committee"
            window = self.text[max(0, match.start() - 40) : match.start()]
            lead = re.search(r"(?:Provincial |District |City |Municipal )?$", window, re.I)
            before = self._unit_at(match.start() - (len(window) - lead.start()) - 1, before=True)
            if before is None:
                found = [
                    m
                    for m in (self._by_suffix_end.get(match.start()), self._by_suffix_end.get(match.start() - 1))
                    if m is not None
                ]
                before = min(found, key=lambda m: self._order[id(m)]) if found else None
            unit = before
        if unit is not None:
            mention.unit, mention.named = unit.unit, True
            mention.end = max(mention.end, unit.end)
            if before is not None:
                mention.start = unit.evidence_start
            mention.confidence = min(0.9, unit.confidence)
            mention.surface = self.text[mention.start : mention.end]
            return [mention]
        level = re.match(_LEVEL_WORD, self.text[after : after + WINDOW], re.I)
        if level:
            mention.types = frozenset(_LEVEL_WORDS[level.group("level").lower()])
            mention.end = after + level.end()
        elif implied:
            mention.types = frozenset(HEAD_TYPES.get(implied.group().strip().lower(), _ANY))
        elif kind == "fatherland-front":
            return []  # "Mặt trận Tổ quốc Việt Nam" alone: the national front, or the front in general
        elif re.search(r"provincial", head, re.I):
            mention.types = frozenset(PROVINCE_TYPES)
        elif re.search(r"(?:City|Municipal|District) Party", head):  # "the City Party Committee": of no ward
            mention.types = frozenset(DISTRICT_TYPES if "District" in head else CITY_TYPES)
        else:
            mention.types = frozenset(_ANY)
        mention.surface = self.text[mention.start : mention.end]
        plural = _PLURAL.match(self.text, mention.end)
        if plural:
            return self._plural(mention, plural.end())
        if _PLURAL_BEFORE.search(self.text, max(0, mention.start - 12), mention.start):
            return self._plural(mention, mention.end)  # "hai Văn phòng Tỉnh ủy"
        return [mention]

    def _named_body(self, mention: OrgMention) -> list[OrgMention]:
        """Banks: "Agribank Quảng Nam" (the branch of a province); enterprises by their name,
        which runs to the place that ends it ("Công ty Điện lực Quảng Nam")."""
        unit = self._unit_at(
            mention.end
            + len(self.text[mention.end : mention.end + WINDOW])
            - len(self.text[mention.end : mention.end + WINDOW].lstrip())
        )
        if unit is None and mention.kind == "enterprise":
            words = re.match(r"(?:[ \w&-]){0,40}", self.text[mention.end : mention.end + WINDOW]).group()
            unit = min(
                (
                    m
                    for m in self._by_evidence.between(mention.end + 1, mention.end + len(words) + 1)
                    if m.unit.level == "province"
                ),
                key=lambda m: self._order[id(m)],
                default=None,
            )
        if unit is not None:
            mention.unit, mention.end = unit.unit, unit.end
        elif mention.kind in ("bank", "brand"):
            return []  # a bank without its branch's place cannot be keyed
        mention.surface = mention.name = self.text[mention.start : mention.end]
        if mention.unit is not None and mention.kind in ("bank", "brand"):  # "Agribank chi nhánh tỉnh X" = "Agribank X"
            brand = re.sub(r"\s+chi nhánh$", "", self.text[mention.start : unit.evidence_start].strip(), flags=re.I)
            mention.name = f"{brand} {mention.unit.short_name}"
        elif mention.unit is not None:
            mention.name = f"{self.text[mention.start : unit.start].strip()} {mention.unit.short_name}"
        return [mention]

    def _starts_other(self, pos: int) -> bool:
        """A unit with its type word, or a body already read, starts at pos: an agency's name ends."""
        unit = self._by_head.get(pos)
        return (unit is not None and unit.type_start >= 0) or self._covered.covers(pos)

    def _agency(self, match) -> list[OrgMention]:
        """ "Ban Dân tộc tỉnh Quảng Nam", "Sở Xây dựng", "Đồn Biên phòng Ia Mơ": a head, its name
        words, then the unit written with it (with its type word, or a province's bare name)."""
        head = agencies.head_at(self.text, match.start())
        inside = self._by_evidence.between(max(0, match.start() - 40), match.start() + 1)
        if head is None or any(m.evidence_start <= match.start() < m.end for m in inside):
            return []  # "thành phố Hội An", "xã Trường Xuân": a unit's name
        end = agencies.read_name(self.text, match.end(), self._starts_other, people=head.kind != "public-service")
        if end == match.end() and not head.complete:
            return []
        mention = OrgMention(match.start(), end, "", head.kind, confidence=0.8)
        mention.name = self.text[match.start() : end]
        mention.level_name = head.level is not None and match.group().endswith("đoàn")
        space = len(self.text[end : end + 3]) - len(self.text[end : end + 3].lstrip(" "))
        if self._covered.covers(end + space) and space:
            return []  # "Ban Tuyên giáo Tỉnh ủy": a board of a party committee, not an agency
        unit = self._by_head.get(end + space) if space else None
        bare = None
        for m in self._by_evidence.between(match.end(), end):
            if m.end == end and m.type_start < 0 and m.unit.level in ("province", "district"):
                bare = m  # "Sở Y tế Quảng Nam", "Huyện đoàn Nam Giang": the unit ends the name
        levels = ("province", "district", "commune") if head.commune else ("province", "district")
        if unit is not None and unit.type_start >= 0 and unit.unit.level in levels:
            mention.unit, mention.named, mention.end = unit.unit, True, unit.end
        elif bare is not None:
            mention.unit, mention.named = bare.unit, True
            if head.kind in ("agency", "association"):  # named after its unit: "Sở Y tế tỉnh Quảng Nam"
                mention.name = self.text[match.start() : bare.start].strip()
            else:
                mention.unit_in_name = True
        else:
            level = re.match(_LEVEL_WORD, self.text[end + space : end + space + WINDOW], re.I) if space else None
            if level and _LEVEL_WORDS.get(level.group("level").lower()) and level.group("level").islower():
                types = _LEVEL_WORDS[level.group("level").lower()]
                if types & (PROVINCE_TYPES | DISTRICT_TYPES | (COMMUNE_TYPES if head.commune else set())):
                    mention.types, mention.end = frozenset(types), end + space + level.end()
        if not mention.name.strip() or (mention.name == match.group() and not head.complete):
            return []
        if mention.name == match.group() and mention.unit is None and not mention.types:
            return []  # "Thanh tra", "Công an" alone: no body in particular
        mention.surface = self.text[mention.start : mention.end]
        return [mention]

    def _agency_units(self, found: list[OrgMention]) -> None:
        """An agency written without its unit ("Ban Dân tộc") is the one the article names with
        it; else a provincial agency ("Sở X", "Ban Dân tộc") is one of the article's province."""
        named = {}
        for o in found:
            if o.kind in agencies.AGENCY_KINDS and o.unit is not None:
                named.setdefault(o.name, o)
        for o in found:
            if o.kind not in agencies.AGENCY_KINDS or o.unit is not None or o.types:
                continue
            same = named.get(o.name)
            if same is not None:
                o.unit, o.unit_in_name, o.confidence = same.unit, same.unit_in_name, 0.75
                continue
            head = agencies.head_at(self.text, o.start)
            implied = {"province": PROVINCE_TYPES, "district": DISTRICT_TYPES, "city": CITY_TYPES}
            if head is not None and head.level in implied:
                o.types = frozenset(implied[head.level])

    def _plural(self, mention: OrgMention, end: int) -> list[OrgMention]:
        counts = Counter(
            id(m.unit)
            for m in self.linked
            if m.unit.unit_type in mention.types and m.start < mention.start and m.unit.era == self._era_of(mention)
        )
        by_id = {id(m.unit): m.unit for m in self.linked}
        top = [by_id[i] for i, _ in counts.most_common(2)]
        if len(top) < 2:
            return []
        return [
            OrgMention(
                mention.start, end, self.text[mention.start : end], mention.kind, unit, confidence=0.7, plural_of=top
            )
            for unit in top
        ]

    def _era_of(self, mention: OrgMention) -> str:
        # Districts were abolished on 1 July 2025: their bodies are always pre2025.
        return "pre2025" if mention.types <= DISTRICT_TYPES else self.era

    def _candidates(self, wanted: frozenset, era: str) -> tuple[list, list[int], UnitMention | None]:
        """The linked units of these types (of this era if any), their starts, and the most
        named one; computed once per (types, era), not once per unnamed body."""
        key = (wanted, era)
        if key not in self._candidate_cache:
            candidates = [m for m in self.linked if m.unit.unit_type in wanted and not m.old]
            candidates = [m for m in candidates if m.unit.era == era] or candidates
            counts = Counter(id(m.unit) for m in candidates)
            top = next((m for m in candidates if id(m.unit) == counts.most_common(1)[0][0]), None) if counts else None
            self._candidate_cache[key] = (candidates, [m.start for m in candidates], top)
        return self._candidate_cache[key]

    def resolve_unnamed(self, mention: OrgMention) -> None:
        candidates, starts, top = self._candidates(frozenset(mention.types), self._era_of(mention))
        sentence = sentence_at(self.sentences, mention.start)
        # The last candidate ending before the body: among those starting before it, from the end.
        index = bisect.bisect_left(starts, mention.start)
        last = next((candidates[i] for i in range(index - 1, -1, -1) if candidates[i].end <= mention.start), None)
        if last is not None and sentence and last.start >= sentence.start:
            chosen, confidence = last, 0.8
        elif last is not None:
            chosen, confidence = last, 0.65
        elif top is not None:
            chosen, confidence = top, 0.55
        else:
            return
        mention.unit, mention.confidence = chosen.unit, confidence


_FOUNDING = re.compile(r"(?:thành lập|ra đời|fondation|création|founding|founded)\b[^.;]{0,80}$", re.I)


def founding_dates(text: str, orgs: list[OrgMention], dates) -> None:
    """An anniversary range right after an organization founded N years ago: its first date is
    the founding date ("kỷ niệm 75 năm thành lập Đảng bộ huyện X (28/6/1949 - 28/6/2024)")."""
    for org in orgs:
        if org.unit is None or not _FOUNDING.search(text[max(0, org.start - 120) : org.start]):
            continue
        opening = re.match(r"\s*\(\s*", text[org.end : org.end + WINDOW])
        if opening is None:
            continue
        org.founded = next((d for d in dates if d.start == org.end + opening.end() and d.range_role == "start"), None)
