"""Scale generator: the real national gazetteer + synthetic curated-style sources, to a target size.

    python bench/generate.py --triples 1000000 -o bench/out/scale-1m/
    python bench/generate.py --synthetic-triples 20000 --provinces 49,38,48 -o /tmp/small/
    python bench/generate.py --triples 100000 --inject 10 -o bench/out/scale-100k-errors/

What it writes in the output folder:
- sources/{source id}.trig  one TriG file per synthetic source article, one named graph
                            kg:source/{id} each, laid out like data/sources (so `kg build --sources
                            OUT/sources` builds it); about --facts-per-source fact nodes per source;
- all.nq                    the whole dataset as one N-Quads file: gazetteer + ontology + every
                            source graph (what the rdflib alternative loads);
- manifest.json             seed, sizes, counts per class, per-file triples, injected errors;
- injected.json             only with --inject: each injected error, its kind and focus node.

The synthetic facts sit on REAL units of vietnamadminunits (kg.graph.gazetteer), chosen with a seeded
RNG by level and era, with a skewed popularity so that some units (those of the curated articles
and of the saved queries' default parameters) are "hot" as real ones are. Validity is respected:
facts dated before 1 July 2025 name pre2025 units, later facts name 2025 units; the parties of a
twinning are distinct; amounts are positive and carry a currency; end dates follow start dates;
dates come in mixed precision (xsd:date, gYearMonth, gYear, gMonthDay with a note) or as
kn:RelativeTime nodes. IRIs follow docs/iri-scheme.md. Same seed and options, same bytes.

--inject N adds N errors of known kinds (round-robin over ERROR_KINDS, or `--inject kind=n,...`),
each a small extra fact in a synthetic source, listed in injected.json with the node it is about.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.graph import gazetteer  # noqa: E402
from kg.vietnamese import slugify, strip_diacritics  # noqa: E402
from kg.iris import BASE, ONTOLOGY_GRAPH  # noqa: E402

GENERATOR_VERSION = 2
ERROR_KINDS = ("self-twinning", "negative-amount", "missing-currency", "end-before-start", "unit-outside-era")

# --------------------------------------------------------------------------- terms

ID, KN, KNV = BASE + "id/", BASE + "ontology#", BASE + "vocab/"
SG = BASE + "graph/source/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"

A = f"<{RDF}type>"
PREF, ALT, COMMENT = f"<{SKOS}prefLabel>", f"<{SKOS}altLabel>", f"<{RDFS}comment>"
RDFS_LABEL, NOTE = f"<{RDFS}label>", f"<{SKOS}note>"
SOURCE, TITLE, LANGUAGE, ISSUED = f"<{DCT}source>", f"<{DCT}title>", f"<{DCT}language>", f"<{DCT}issued>"
DERIVED, UNIT_OF = f"<{PROV}wasDerivedFrom>", f"<{ORG}unitOf>"


def kn(name: str) -> str:
    return f"<{KN}{name}>"


def knv(name: str) -> str:
    return f"<{KNV}{name}>"


def iri(path: str) -> str:
    """`id:` IRI from its path: iri('unit/pre2025/510')."""
    return f"<{ID}{path}>"


literal = gazetteer.literal


def typed(text, datatype: str) -> str:
    return literal(str(text), datatype=XSD + datatype)


def vi(text: str) -> str:
    return literal(text, "vi")


def en(text: str) -> str:
    return literal(text, "en")


# Prefixes of the TriG files (longest namespace first for compaction).
PREFIXES = [
    ("kn", KN),
    ("knv", KNV),
    ("sg", SG),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("skos", SKOS),
    ("dct", DCT),
    ("prov", PROV),
    ("org", ORG),
    ("pre2025", ID + "unit/pre2025/"),
    ("since2025", ID + "unit/2025/"),
    ("o", ID + "org/"),
    ("grp", ID + "group/"),
    ("per", ID + "person/"),
    ("tw", ID + "twinning/"),
    ("agr", ID + "agreement/"),
    ("pol", ID + "policy/"),
    ("src", ID + "source/"),
    ("id", ID),
]
_PREFIX_ORDER = sorted(PREFIXES, key=lambda p: -len(p[1]))
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")


class Compactor:
    """`<https://w3id.org/ketnghia/id/unit/pre2025/510>` -> `pre2025:510`, memoised."""

    def __init__(self):
        self.cache: dict[str, str] = {A: "a"}

    @staticmethod
    def _iri(term: str) -> str:
        value = term[1:-1]
        for prefix, namespace in _PREFIX_ORDER:
            if value.startswith(namespace) and _LOCAL.match(value, len(namespace)):
                return f"{prefix}:{value[len(namespace) :]}"
        return term

    def __call__(self, term: str) -> str:
        out = self.cache.get(term)
        if out is not None:
            return out
        out = term
        if term.startswith("<"):
            out = self._iri(term)
        elif term.endswith(">") and '"^^<' in term:
            text, _, datatype = term.rpartition("^^")
            out = f"{text}^^{self._iri(datatype)}"
        if len(self.cache) < 500_000:
            self.cache[term] = out
        return out


# --------------------------------------------------------------------------- vocabulary text

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Mai",
    "Trịnh",
    "Đinh",
    "Lương",
]
MIDDLES = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Quốc",
    "Ngọc",
    "Xuân",
    "Hồng",
    "Đình",
    "Công",
    "Duy",
    "Như",
    "Kim",
    "Anh",
    "Bá",
    "Quang",
]
GIVENS = [
    "Hải",
    "Hùng",
    "Lan",
    "Hương",
    "Dũng",
    "Sang",
    "Thu",
    "Lai",
    "Quảng",
    "Phương",
    "Trà",
    "Vũ",
    "Tuấn",
    "Nam",
    "Bình",
    "An",
    "Hà",
    "Hoa",
    "Long",
    "Sơn",
    "Thắng",
    "Tâm",
    "Nga",
    "Yến",
    "Khánh",
    "Linh",
    "Trung",
    "Cường",
    "Hiếu",
    "Phúc",
    "Hường",
    "Lộc",
    "Thành",
    "Vinh",
]

ROLES_BY_BODY = {
    "party-committee": ["secretary", "deputy-secretary", "committee-member"],
    "standing-board": ["committee-member"],
    "peoples-committee": ["chairman", "vice-chairman"],
    "peoples-council": ["chairman", "vice-chairman"],
    "party-office": ["chief-of-office"],
}
BODY_CLASS = {
    "party-committee": "PartyCommittee",
    "standing-board": "StandingBoard",
    "peoples-committee": "PeoplesCommittee",
    "peoples-council": "PeoplesCouncil",
    "party-office": "PartyOffice",
}
PARTY_COMMITTEE_WORD = {
    "tinh": "Tỉnh ủy",
    "thanh-pho-truc-thuoc-trung-uong": "Thành ủy",
    "huyen": "Huyện ủy",
    "quan": "Quận ủy",
    "thi-xa": "Thị ủy",
    "thanh-pho-thuoc-tinh": "Thành ủy",
}
# Other organizations of a province: (name pattern, class)
PROVINCE_ORGS = [
    ("Agribank {p}", "BankBranch"),
    ("Vietcombank {p}", "BankBranch"),
    ("Viettel {p}", "Enterprise"),
    ("Công ty Điện lực {p}", "Enterprise"),
    ("Hội Liên hiệp Phụ nữ tỉnh {p}", "MassOrganization"),
    ("Tỉnh đoàn {p}", "MassOrganization"),
    ("Sở Y tế {p}", "GovernmentAgency"),
    ("Bộ Chỉ huy Quân sự tỉnh {p}", "GovernmentAgency"),
    ("Sở Giáo dục và Đào tạo {p}", "GovernmentAgency"),
]

CONTENT_AREAS = [
    "area-party-building",
    "area-admin-reform-digital",
    "area-culture-society",
    "area-economy-budget",
    "area-construction-environment",
    "area-infrastructure",
    "area-private-economy",
    "area-health",
    "area-education",
    "area-housing",
    "area-heritage",
    "area-tourism",
    "area-vocational-training",
    "area-advisory-service",
    "area-experience-exchange",
    "area-social-welfare",
    "area-promotion",
]
# purpose -> (support types, Vietnamese phrase, quantity unit or None)
PURPOSES = {
    "disaster-relief": (["money", "in-kind", "package"], "khắc phục hậu quả bão lụt", "suất quà"),
    "housing": (["house", "money"], "xây nhà đại đoàn kết cho hộ nghèo", "nhà"),
    "livelihood": (["livelihood-model", "in-kind"], "mô hình sinh kế nuôi bò sinh sản", "con bò"),
    "education": (["money", "in-kind", "investment"], "học bổng và thiết bị cho học sinh", "suất học bổng"),
    "infrastructure": (["investment", "money"], "làm đường giao thông nông thôn", "km đường"),
    "social-welfare": (["in-kind", "money"], "quà Tết cho gia đình chính sách", "suất quà"),
    "commemoration": (["money", "investment"], "tu bổ nghĩa trang liệt sĩ", "công trình"),
    "youth-women-startup": (["livelihood-model", "money"], "hỗ trợ khởi nghiệp cho thanh niên, phụ nữ", "hộ gia đình"),
}
EVENT_TEXT = {
    "working-visit": "Đoàn công tác {a} thăm, làm việc tại {b}",
    "ceremony": "Lễ ký kết kết nghĩa giữa {a} và {b}",
    "contest": "Hội thi tìm hiểu truyền thống kết nghĩa {a} – {b}",
    "construction-work": "Khởi công nhà văn hóa do {a} tài trợ tại {b}",
    "conference": "Hội nghị tổng kết quan hệ kết nghĩa {a} – {b}",
    "survey-trip": "Chuyến khảo sát của {a} tại {b}",
}
STATISTICS = [  # (slug, measure, unit of measure or None for money, low, high)
    ("poor-households-housed", "hộ nghèo được hỗ trợ nhà ở", "hộ", 5, 2000),
    ("ntm-communes", "xã đạt chuẩn nông thôn mới", "xã", 1, 120),
    ("agencies-twinned", "cơ quan, đơn vị kết nghĩa với xã miền núi", "cơ quan, đơn vị", 3, 150),
    ("communes-twinned", "xã miền núi được kết nghĩa", "xã", 2, 90),
    ("support-value", "tổng giá trị hỗ trợ cho các địa phương kết nghĩa", None, 500, 90_000),
    ("income-per-capita", "thu nhập bình quân đầu người mỗi năm", None, 20, 120),
]
FIGURES = {  # event type -> (unit of measure, measure, low, high)
    "contest": [
        ("bài dự thi", "số bài dự thi", 10, 9000),
        ("em", "số học sinh tham gia", 10, 500),
        ("giải", "số giải thưởng", 3, 40),
    ],
    "construction-work": [
        ("m2", "diện tích công trình", 100, 5000),
        ("ngày công", "số ngày công", 50, 3000),
        ("hộ gia đình", "số hộ hưởng lợi", 10, 900),
    ],
    "conference": [
        ("đại biểu", "số đại biểu tham dự", 20, 800),
        ("tập thể", "số tập thể được khen thưởng", 1, 60),
        ("cá nhân", "số cá nhân được khen thưởng", 1, 120),
    ],
}
QUALIFIER_WORD = {"exact": "", "lower-bound": "hơn ", "approximate": "khoảng "}
WAR_YEARS = range(1960, 1976)


# --------------------------------------------------------------------------- units


@dataclass(eq=False)
class U:
    era: str
    level: str
    code: str
    full: str  # "Huyện Nam Giang"
    short: str  # "Nam Giang"
    utype: str  # knv local name
    parent: U | None
    iri: str

    @property
    def key(self) -> str:
        return f"{self.era}-{self.code}"

    @property
    def province(self) -> U:
        unit = self
        while unit.parent is not None:
            unit = unit.parent
        return unit

    @property
    def display(self) -> str:
        """'huyện Nam Giang' (the type word lower-cased, as inside a sentence)."""
        word = self.full[: len(self.full) - len(self.short)].strip() if self.full.endswith(self.short) else ""
        return f"{word.lower()} {self.short}".strip() if word else self.full


# Units of the curated articles and of the saved queries' default parameters: made "hot".
HOT = {
    ("pre2025", "province"): ["49", "38"],
    ("pre2025", "district"): ["510", "389", "509", "395", "502"],
    ("pre2025", "commune"): ["20449", "20698", "20704", "20695"],
    ("2025", "province"): ["48", "38"],
    ("2025", "commune"): ["20257", "20923", "20285", "20458", "20242", "20443", "20263", "20938"],
}


class Pool:
    """Units of one era and level with skewed (Zipf-like) weights; hot units first."""

    def __init__(self, units: list[U], rng: random.Random, hot: list[str], skew: float = 0.7):
        order = list(units)
        rng.shuffle(order)
        rank = {code: i for i, code in enumerate(hot)}
        order.sort(key=lambda u: rank.get(u.code, len(hot)))  # stable: hot first, rest shuffled
        self.units = order
        self.cum = list(itertools.accumulate(1.0 / (i + 1) ** skew for i in range(len(order))))

    def pick(self, rng: random.Random) -> U:
        return self.units[bisect.bisect(self.cum, rng.random() * self.cum[-1])]

    def __len__(self):
        return len(self.units)


def load_units(provinces: set[str] | None = None) -> tuple[dict, dict[str, U]]:
    """{(era, level): [U]} and {iri: U} from the real gazetteer (kg.graph.gazetteer)."""
    report = gazetteer.GazetteerReport()
    data = gazetteer.load_package_data()
    gaz = gazetteer.Gazetteer(report)
    gazetteer.read_units(data, gaz)
    made: dict[object, U] = {}

    def convert(unit) -> U:
        found = made.get(unit)
        if found is None:
            parent = convert(unit.parent) if unit.parent is not None else None
            found = made[unit] = U(
                unit.era, unit.level, unit.code, unit.full_name, unit.short_name, unit.unit_type, parent, unit.iri
            )
        return found

    by_level: dict[tuple[str, str], list[U]] = {}
    for unit in gaz.units.values():
        u = convert(unit)
        if provinces and u.province.code not in provinces:
            continue
        by_level.setdefault((u.era, u.level), []).append(u)
    return by_level, {u.iri: u for u in made.values()}


# --------------------------------------------------------------------------- dates

ERA_RANGE = {"pre2025": (date(1965, 1, 1), date(2025, 6, 30)), "2025": (date(2025, 7, 1), date(2026, 10, 31))}
# a party key of a province (pre2025-38) or of a province's body (org-party-office-pre2025-38)
PROVINCE_KEY = re.compile(r"pre2025-[0-9]{2}(?![0-9])")


def rand_date(rng: random.Random, lo: date, hi: date) -> date:
    if hi <= lo:
        return lo
    return lo + timedelta(days=rng.randrange((hi - lo).days + 1))


def date_literal(d: date, precision: str) -> str:
    if precision == "day":
        return typed(d.isoformat(), "date")
    if precision == "month":
        return typed(f"{d.year:04d}-{d.month:02d}", "gYearMonth")
    if precision == "year":
        return typed(f"{d.year:04d}", "gYear")
    return typed(f"--{d.month:02d}-{d.day:02d}", "gMonthDay")


def pick_precision(rng: random.Random, monthday: bool = True) -> str:
    r = rng.random()
    if r < 0.50:
        return "day"
    if r < 0.65:
        return "month"
    if r < 0.95 or not monthday:
        return "year"
    return "monthday"


# --------------------------------------------------------------------------- money


def stated_vnd(value: int, qualifier: str) -> str:
    if value >= 1_000_000_000:
        text = f"{value / 1_000_000_000:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " tỷ đồng"
    else:
        text = f"{value // 1_000_000} triệu đồng"
    return QUALIFIER_WORD[qualifier] + text


def money_value(rng: random.Random, low_millions: int, high_millions: int) -> int:
    millions = int(round(10 ** rng.uniform(_log10(low_millions), _log10(high_millions))))
    if millions >= 1000:
        millions = round(millions, -2)
    elif millions >= 100:
        millions = round(millions, -1)
    return max(millions, 1) * 1_000_000


def _log10(x: float) -> float:
    import math

    return math.log10(x)


# --------------------------------------------------------------------------- the graph of one source


@dataclass
class Twinning:
    iri: str
    kind: str
    era: str
    parties: list  # U or Org
    established: date | None  # real date (even when the source gives it as relative or not at all)
    key: str  # 'pre2025-389--pre2025-510'
    status: str = "active"


@dataclass
class Org:
    iri: str
    key: str  # 'party-committee-pre2025-510' / 'agribank-quang-nam'
    cls: str
    label: str
    unit: U | None
    body: str | None = None  # body type for unit bodies

    @property
    def era(self) -> str:
        return self.unit.era if self.unit else "pre2025"

    @property
    def display(self) -> str:
        return self.label

    @property
    def party_key(self) -> str:
        return f"org-{self.key}"


class SourceBuilder:
    """Triples of one source graph; dedups and counts fact nodes."""

    def __init__(self, source_id: str):
        self.source_id = source_id
        self.graph = f"<{SG}{source_id}>"
        self.article = iri(f"source/{source_id}")
        self.triples: list[tuple[str, str, str]] = []
        self.seen: set[tuple[str, str, str]] = set()
        self.nodes = 0
        self.declared: set[str] = set()  # orgs, units, people declared in this source
        self.counts: dict[str, int] = {}
        self.slugs: set[str] = set()

    def add(self, s: str, p: str, o: str) -> None:
        t = (s, p, o)
        if t not in self.seen:
            self.seen.add(t)
            self.triples.append(t)

    def node(self, s: str, cls: str, *, sourced: bool = True) -> None:
        self.add(s, A, kn(cls))
        if sourced:
            self.add(s, SOURCE, self.article)
        self.nodes += 1
        self.counts[cls] = self.counts.get(cls, 0) + 1

    def slug(self, base: str) -> str:
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug


class Generator:
    def __init__(self, seed: int = 20261101, provinces: set[str] | None = None, facts_per_source: int = 200):
        self.seed = seed
        self.rng = random.Random(seed)
        self.facts_per_source = facts_per_source
        by_level, self.unit_by_iri = load_units(provinces)
        self.pools: dict[tuple[str, str], Pool] = {}
        for key, units in sorted(by_level.items()):
            self.pools[key] = Pool(units, random.Random(f"{seed}-{key}"), HOT.get(key, []))
        for key in (
            ("pre2025", "province"),
            ("pre2025", "district"),
            ("pre2025", "commune"),
            ("2025", "province"),
            ("2025", "commune"),
        ):
            if key not in self.pools:
                raise SystemExit(f"no {key[1]} of era {key[0]} in the selected provinces")
        self.children: dict[U, list[U]] = {}
        for units in by_level.values():
            for u in units:
                if u.parent is not None:
                    self.children.setdefault(u.parent, []).append(u)
        self.communes_of_province: dict[U, list[U]] = {}
        for era in ("pre2025", "2025"):
            for u in by_level.get((era, "commune"), []):
                self.communes_of_province.setdefault(u.province, []).append(u)
        self.twinnings: dict[str, Twinning] = {}
        self.twinnings_by_era: dict[str, list[Twinning]] = {"pre2025": [], "2025": []}
        self.policies: dict[
            tuple[str, str], list[tuple[str, date, Org]]
        ] = {}  # (era, prov code) -> [(iri, issued, issuer)]
        self.policy_iris: set[str] = set()
        self.agreements: set[str] = set()
        self.amounts_used: dict[tuple, set[int]] = {}
        self.people_by_name: dict[str, str] = {}
        self.orgs: dict[str, Org] = {}
        self.source_index = 0

    # ----------------------------------------------------------------- organizations

    def body(self, unit: U, body: str) -> Org:
        key = f"{body}-{unit.era}-{unit.code}"
        org = self.orgs.get(key)
        if org is None:
            committee = PARTY_COMMITTEE_WORD.get(unit.utype) or f"Đảng ủy {unit.display}"
            if unit.utype in PARTY_COMMITTEE_WORD:
                committee = f"{committee} {unit.short}"
            label = {
                "party-committee": committee,
                "standing-board": f"Ban Thường vụ {committee}",
                "party-office": f"Văn phòng {committee}",
                "peoples-committee": f"UBND {unit.display}",
                "peoples-council": f"HĐND {unit.display}",
            }[body]
            org = self.orgs[key] = Org(iri(f"org/{key}"), key, BODY_CLASS[body], label, unit, body)
        return org

    def province_org(self, province: U, rng: random.Random) -> Org:
        pattern, cls = rng.choice(PROVINCE_ORGS)
        label = pattern.format(p=province.short)
        key = slugify(label) + ("-2025" if province.era == "2025" else "")
        org = self.orgs.get(key)
        if org is None:
            org = self.orgs[key] = Org(iri(f"org/{key}"), key, cls, label, province)
        return org

    def declare_org(self, sb: SourceBuilder, org: Org) -> None:
        if org.iri in sb.declared:
            return
        sb.declared.add(org.iri)
        sb.node(org.iri, org.cls)
        sb.add(org.iri, PREF, vi(org.label))
        if org.unit is not None:
            sb.add(org.iri, kn("ofUnit"), org.unit.iri)
        if org.body in ("standing-board", "party-office"):
            committee = self.body(org.unit, "party-committee")
            self.declare_org(sb, committee)
            sb.add(org.iri, UNIT_OF, committee.iri)

    def declare_party(self, sb: SourceBuilder, party) -> None:
        if isinstance(party, Org):
            self.declare_org(sb, party)

    # ----------------------------------------------------------------- people

    def person(self, sb: SourceBuilder, rng: random.Random, org: Org, when: date, era_hi: date) -> str:
        for _ in range(20):
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVENS)}"
            person = iri(f"person/{slugify(name)}-{sb.source_id}")
            if person not in sb.declared:
                break
        else:
            return ""
        sb.declared.add(person)
        self.declare_org(sb, org)
        sb.node(person, "Person")
        sb.add(person, PREF, vi(name))
        if rng.random() < 0.15:
            sb.add(person, ALT, literal(strip_diacritics(name)))
        earlier = self.people_by_name.get(name)
        if earlier is not None and rng.random() < 0.3:
            sb.add(person, kn("possiblySameAs"), earlier)
            sb.add(
                person,
                NOTE,
                vi("Cùng họ tên với một người trong nguồn khác; không nguồn nào nói là một người: không gộp."),
            )
        self.people_by_name.setdefault(name, person)
        role = rng.choice(ROLES_BY_BODY[org.body]) if org.body else "committee-member"
        if not org.body and role == "committee-member":
            # people of non-body organizations hold no modelled post
            return person
        post = f"{person[:-1]}-{role}-{org.key}>"
        sb.node(post, "Post")
        sb.add(post, kn("holder"), person)
        sb.add(post, kn("role"), knv(role))
        sb.add(post, kn("inOrganization"), org.iri)
        precision = pick_precision(rng)
        sb.add(post, kn("asOf"), date_literal(when, precision))
        if precision == "monthday":
            sb.add(post, kn("dateNote"), vi("Bài ghi ngày và tháng, không ghi năm."))
        elif precision == "year" and rng.random() < 0.3:
            sb.add(post, kn("dateNote"), vi("Năm suy từ ngữ cảnh của bài."))
        return person

    # ----------------------------------------------------------------- policies

    def policy(self, sb: SourceBuilder, rng: random.Random, province: U, before: date) -> str | None:
        """A policy of the province issued before `before`, new (declared here) or existing."""
        known = [p for p in self.policies.get((province.era, province.code), []) if p[1] <= before]
        if known and rng.random() < 0.8:
            iri_, _issued, issuer = rng.choice(known)
            return iri_
        lo = ERA_RANGE[province.era][0] if province.era == "2025" else date(2005, 1, 1)
        if before < lo:
            return None
        issued = rand_date(rng, lo, before)
        kind = rng.choice(["directive", "resolution", "policy-line"])
        if kind == "directive":
            issuer = self.body(province, "standing-board")
            number = f"{rng.randint(1, 60):02d}-CT/TU"
        elif kind == "resolution":
            issuer = self.body(province, "party-committee")
            number = f"{rng.randint(1, 40):02d}" if province.era == "2025" else f"{rng.randint(1, 40):02d}-NQ/TU"
        else:
            issuer = self.body(province, "standing-board")
            number = None
        slug = slugify(number) if number else f"twinning-policy-line-{issued.year}"
        policy = iri(f"policy/{issuer.key}-{slug}")
        if policy in self.policy_iris:
            return (
                policy
                if any(p[0] == policy and p[1] <= before for p in self.policies.get((province.era, province.code), []))
                else None
            )
        self.policy_iris.add(policy)
        self.policies.setdefault((province.era, province.code), []).append((policy, issued, issuer))
        self.declare_org(sb, issuer)
        sb.node(policy, "PolicyDocument")
        word = {"directive": "Chỉ thị", "resolution": "Nghị quyết", "policy-line": "Chủ trương"}[kind]
        title = f"{word} số {number}" if number else word
        sb.add(policy, PREF, vi(f"{title} của {issuer.label} về công tác kết nghĩa, giúp đỡ các xã miền núi"))
        sb.add(policy, kn("policyType"), knv(kind))
        if number:
            sb.add(policy, kn("documentNumber"), literal(number))
        sb.add(policy, kn("issuedBy"), issuer.iri)
        sb.add(policy, kn("issuedOn"), date_literal(issued, "day"))
        for area in rng.sample(CONTENT_AREAS, rng.randint(0, 4)):
            sb.add(policy, kn("contentArea"), knv(area))
        return policy

    # ----------------------------------------------------------------- twinnings

    def choose_parties(self, rng: random.Random, era: str, home: U) -> tuple[str, list, Twinning | None] | None:
        """(kind, parties, parent twinning or None), parties distinct; None if nothing fits."""
        r = rng.random()
        provinces = self.pools[(era, "province")]
        if era == "pre2025":
            if r < 0.10:
                other = provinces.pick(rng)
                return ("sister-localities", [home, other], None) if other is not home else None
            if r < 0.45:
                a = self._child(rng, home, "district") or self.pools[(era, "district")].pick(rng)
                b = self.pools[(era, "district")].pick(rng)
                if a is b or a.province is b.province:
                    return None
                return "sister-localities", [a, b], self.ensure_parent(a.province, b.province)
            if r < 0.70:
                communes = self.communes_of_province.get(home, [])
                if len(communes) < 2:
                    return None
                a, b = rng.sample(communes, 2)
                return "sister-localities", [a, b], None
            if r < 0.90:
                return self._sponsorship(rng, era, home)
            return self._cooperation(rng, era, home)
        if r < 0.05:
            other = provinces.pick(rng)
            return ("sister-localities", [home, other], None) if other is not home else None
        if r < 0.55:
            communes = self.communes_of_province.get(home, [])
            wards = [c for c in communes if c.utype == "phuong"]
            rural = [c for c in communes if c.utype == "xa"]
            if wards and rural:
                return "sister-localities", [rng.choice(wards), rng.choice(rural)], None
            if len(communes) < 2:
                return None
            return "sister-localities", rng.sample(communes, 2), None
        if r < 0.85:
            return self._sponsorship(rng, era, home)
        return self._cooperation(rng, era, home)

    def _child(self, rng: random.Random, unit: U, level: str) -> U | None:
        kids = [c for c in self.children.get(unit, []) if c.level == level]
        return rng.choice(kids) if kids else None

    def _sponsorship(self, rng, era, home):
        communes = self.communes_of_province.get(home, [])
        if not communes:
            return None
        sponsored = rng.choice(communes)
        if rng.random() < 0.5:
            sponsor = self.province_org(home, rng)
        elif era == "pre2025":
            sponsor = self._child(rng, home, "district")
            if sponsor is None or sponsor is sponsored.parent:
                return None
        else:
            sponsor = rng.choice(communes)
            if sponsor is sponsored:
                return None
        return "sponsorship", [sponsor, sponsored], None

    def _cooperation(self, rng, era, home):
        other = self.pools[(era, "province")].pick(rng)
        if other is home:
            return None
        body = rng.choice(["party-office", "peoples-committee"])
        parent = self.ensure_parent(home, other) if rng.random() < 0.7 else None
        return "cooperation-programme", [self.body(home, body), self.body(other, body)], parent

    def ensure_parent(self, a: U, b: U) -> Twinning | None:
        """The province twinning between a and b (pending: declared by the source that uses it)."""
        if a is b:
            return None
        keys = sorted([a.key, b.key])
        tw_iri = iri(f"twinning/sister-localities-{keys[0]}--{keys[1]}")
        return self.twinnings.get(tw_iri) or Twinning(
            tw_iri, "sister-localities", a.era, [a, b], None, f"{keys[0]}--{keys[1]}"
        )

    def new_twinning(
        self, sb: SourceBuilder, rng: random.Random, era: str, home: U, article_date: date
    ) -> Twinning | None:
        chosen = self.choose_parties(rng, era, home)
        if chosen is None:
            return None
        kind, parties, parent = chosen
        keys = sorted(p.party_key if isinstance(p, Org) else p.key for p in parties)
        if keys[0] == keys[1]:
            return None
        tw_iri = iri(f"twinning/{kind}-{keys[0]}--{keys[1]}")
        if tw_iri in self.twinnings:
            return None
        lo, hi = ERA_RANGE[era]
        if parent is not None and parent.iri not in self.twinnings:
            if not self.declare_twinning(sb, rng, parent, article_date, parent=None):
                parent = None
        if parent is not None:
            lo = max(lo, parent.established)
        if kind == "sister-localities" and era == "pre2025" and parties[0].level != "commune" and rng.random() < 0.5:
            lo_war, hi_war = date(WAR_YEARS[0], 1, 1), date(WAR_YEARS[-1], 12, 31)
            lo, hi = max(lo, lo_war), min(hi, hi_war)
        hi = min(hi, article_date)
        if hi < lo:
            return None
        tw = Twinning(tw_iri, kind, era, parties, rand_date(rng, lo, hi), f"{keys[0]}--{keys[1]}")
        return tw if self.declare_twinning(sb, rng, tw, article_date, parent) else None

    def declare_twinning(
        self, sb: SourceBuilder, rng: random.Random, tw: Twinning, article_date: date, parent: Twinning | None
    ) -> bool:
        if tw.iri in self.twinnings:
            return True
        # The historical gazetteer dates the provinces of 2024 from their (re-)establishment (up to
        # 2008): a synthetic twinning of a province (or of a province's body) starts after that.
        lo = ERA_RANGE[tw.era][0]
        if tw.era == "pre2025" and (
            PROVINCE_KEY.search(tw.key) or "org-" in tw.key
        ):  # organizations may belong to a province
            lo = max(lo, date(2008, 8, 1))
        if tw.established is None:  # a parent twinning declared on first use
            hi = min(date(1975, 12, 31), article_date) if tw.era == "pre2025" and rng.random() < 0.7 else article_date
            tw.established = rand_date(rng, lo, max(lo, hi))
        if tw.established > article_date or tw.established < lo:
            tw.established = rand_date(rng, lo, max(lo, article_date))
        self.twinnings[tw.iri] = tw
        self.twinnings_by_era[tw.era].append(tw)
        for party in tw.parties:
            self.declare_party(sb, party)
        a, b = tw.parties
        sb.node(tw.iri, "Twinning")
        if tw.kind == "sponsorship":
            sb.add(tw.iri, PREF, vi(f"{_cap(a.display)} kết nghĩa đỡ đầu {b.display}"))
            sb.add(tw.iri, kn("sponsor"), a.iri)
            sb.add(tw.iri, kn("sponsored"), b.iri)
        else:
            word = "Chương trình hợp tác" if tw.kind == "cooperation-programme" else "Kết nghĩa"
            sb.add(tw.iri, PREF, vi(f"{word} {a.display} – {b.display}"))
            if rng.random() < 0.3:
                sb.add(
                    tw.iri,
                    PREF,
                    en(
                        f"{strip_diacritics(a.short if isinstance(a, U) else a.label)} – "
                        f"{strip_diacritics(b.short if isinstance(b, U) else b.label)} twinning"
                    ),
                )
            sb.add(tw.iri, kn("party"), a.iri)
            sb.add(tw.iri, kn("party"), b.iri)
        sb.add(tw.iri, kn("twinningKind"), knv(tw.kind))
        era_end = ERA_RANGE[tw.era][1]
        r = rng.random()
        status = "active"
        if r < 0.08 and tw.established.year + 2 <= min(era_end, article_date).year:
            status = "ended"
        elif r < 0.16 and (article_date - tw.established).days < 120:
            status = "planned"
        sb.add(tw.iri, kn("status"), knv(status))
        tw.status = status
        how = rng.random()
        if status == "planned":
            rel = f"{tw.iri[:-1]}-relative-time>"
            sb.add(tw.iri, kn("establishedRelative"), rel)
            sb.node(rel, "RelativeTime", sourced=False)
            sb.add(rel, kn("expression"), vi("Theo kế hoạch trong thời gian tới"))
            sb.add(rel, kn("anchor"), sb.article)
        elif how < 0.70 or status == "ended":
            precision = pick_precision(rng, monthday=status != "ended")
            sb.add(tw.iri, kn("establishedOn"), date_literal(tw.established, precision))
            if precision == "monthday":
                sb.add(tw.iri, kn("dateNote"), vi("Bài ghi ngày và tháng, không ghi năm."))
            if status == "ended":
                end = rand_date(rng, date(tw.established.year + 1, 1, 1), min(era_end, article_date))
                sb.add(tw.iri, kn("endedOn"), date_literal(end, rng.choice(["day", "year", "month"])))
        elif how < 0.85:
            years = max(article_date.year - tw.established.year, 1)
            qualifier = rng.choice(["exact", "lower-bound", "approximate"])
            rel = f"{tw.iri[:-1]}-relative-time>"
            sb.add(tw.iri, kn("establishedRelative"), rel)
            sb.node(rel, "RelativeTime", sourced=False)
            sb.add(rel, kn("expression"), vi(f"cách đây {QUALIFIER_WORD[qualifier]}{years} năm"))
            sb.add(rel, kn("offset"), typed(f"P{years}Y", "duration"))
            sb.add(rel, kn("amountQualifier"), knv(qualifier))
            sb.add(rel, kn("anchor"), sb.article)
        if parent is not None:
            sb.add(tw.iri, kn("parentTwinning"), parent.iri)
        home = tw.parties[0].province if isinstance(tw.parties[0], U) else tw.parties[0].unit.province
        if rng.random() < 0.35:
            policy = self.policy(sb, rng, home, tw.established)
            if policy:
                sb.add(tw.iri, kn("underPolicy"), policy)
        if rng.random() < 0.1:
            sb.add(tw.iri, COMMENT, vi("Quan hệ suy từ ngữ cảnh của bài."))
        return True

    # ----------------------------------------------------------------- story parts

    def agreement(self, sb, rng, tw: Twinning, when: date, era_hi: date) -> None:
        doc = rng.choice(["signed-minutes", "cooperation-programme-document", "memorandum"])
        slug = {
            "signed-minutes": "signed-minutes",
            "cooperation-programme-document": "programme",
            "memorandum": "memorandum",
        }[doc]
        agr = iri(f"agreement/{tw.key}-{slug}-{when.year}")
        if agr in self.agreements:
            return
        self.agreements.add(agr)
        a, b = tw.parties
        ceremony = self.event(sb, rng, tw, "ceremony", when, era_hi)
        sb.node(agr, "Agreement")
        word = {
            "signed-minutes": "Biên bản kết nghĩa",
            "cooperation-programme-document": "Chương trình hợp tác",
            "memorandum": "Biên bản ghi nhớ hợp tác",
        }[doc]
        sb.add(agr, PREF, vi(f"{word} giữa {a.display} và {b.display} ({when.year})"))
        sb.add(agr, kn("agreementType"), knv(doc))
        for party in tw.parties:
            sb.add(agr, kn("agreementParty"), party.iri)
            signer = (
                party
                if isinstance(party, Org)
                else self.body(party, rng.choice(["party-committee", "peoples-committee"]))
            )
            self.declare_org(sb, signer)
            sb.add(agr, kn("signatory"), signer.iri)
        precision = pick_precision(rng)
        sb.add(agr, kn("signedOn"), date_literal(when, precision))
        if precision == "monthday":
            sb.add(agr, kn("dateNote"), vi("Bài ghi ngày và tháng, không ghi năm."))
        place = b if isinstance(b, U) else b.unit
        if place is not None:
            sb.add(agr, kn("signedAt"), place.iri)
        if ceremony:
            sb.add(agr, kn("signedDuring"), ceremony)
        for area in rng.sample(CONTENT_AREAS, rng.randint(2, 5)):
            sb.add(agr, kn("contentArea"), knv(area))
        sb.add(tw.iri, kn("formalisedBy"), agr)

    def event(self, sb, rng, tw: Twinning, etype: str, when: date, era_hi: date) -> str:
        a, b = tw.parties
        if rng.random() < 0.5:
            a, b = b, a
        ev = iri(f"event/{sb.source_id}/{sb.slug(f'{etype}-{when.year}')}")
        sb.node(ev, "Event")
        sb.add(ev, PREF, vi(EVENT_TEXT[etype].format(a=a.display, b=b.display)))
        sb.add(ev, kn("eventType"), knv(etype))
        precision = pick_precision(rng)
        sb.add(ev, kn("date"), date_literal(when, precision))
        if precision != "day" and rng.random() < 0.4:
            sb.add(ev, kn("dateNote"), vi("Bài không ghi ngày đầy đủ; thời điểm theo ngữ cảnh."))
        place = b if isinstance(b, U) else b.unit
        if place is not None:
            sb.add(ev, kn("place"), place.iri)
        for party in (a, b):
            self.declare_party(sb, party)
            sb.add(ev, kn("participant"), party.iri)
        if etype in ("working-visit", "ceremony", "conference") and rng.random() < 0.7:
            leader_org = a if isinstance(a, Org) else self.body(a, rng.choice(["party-committee", "peoples-committee"]))
            person = self.person(sb, rng, leader_org, when, era_hi)
            if person:
                sb.add(ev, kn("ledBy"), person)
                sb.add(ev, kn("participant"), person)
            if rng.random() < 0.5:
                host_org = (
                    b
                    if isinstance(b, Org)
                    else self.body(b, rng.choice(["party-committee", "peoples-council", "party-office"]))
                )
                other = self.person(sb, rng, host_org, when, era_hi)
                if other:
                    sb.add(ev, kn("participant"), other)
        if etype in ("contest", "construction-work", "conference"):
            organizer = a if isinstance(a, Org) else self.body(a, "standing-board") if rng.random() < 0.5 else a
            self.declare_party(sb, organizer)
            sb.add(ev, kn("organizer"), organizer.iri)
            for n in range(1, rng.randint(1, 3) + 1):
                fig = f"{ev[:-1]}-figure-{n}>"
                sb.add(ev, kn("figure"), fig)
                self.quantity(sb, rng, fig, *FIGURES[etype][(n - 1) % len(FIGURES[etype])])
            if etype == "construction-work":
                amt = f"{ev[:-1]}-amount>"
                sb.add(ev, kn("amount"), amt)
                self.amount(sb, rng, amt, 200, 8000)
        sb.add(ev, kn("relatedTwinning"), tw.iri)
        return ev

    def quantity(self, sb, rng, node: str, unit: str, measure: str, lo: int, hi: int) -> None:
        sb.node(node, "Quantity", sourced=False)
        value = rng.randint(lo, hi)
        qualifier = rng.choice(["exact", "exact", "exact", "lower-bound", "approximate"])
        sb.add(node, kn("value"), typed(value, "integer"))
        sb.add(node, kn("unitOfMeasure"), literal(unit))
        sb.add(node, kn("measure"), vi(measure))
        sb.add(node, kn("amountQualifier"), knv(qualifier))
        sb.add(node, kn("statedAs"), literal(f"{QUALIFIER_WORD[qualifier]}{value:,} {unit}".replace(",", ".")))

    def amount(
        self,
        sb,
        rng,
        node: str,
        low_millions: int,
        high_millions: int,
        value: int | None = None,
        *,
        currency: bool = True,
        unique: tuple | None = None,
    ) -> int:
        sb.node(node, "MonetaryAmount", sourced=False)
        value = value if value is not None else money_value(rng, low_millions, high_millions)
        if unique is not None:
            # Two supports with the same giver, recipient, date and value are the same fact
            # (knsh:DuplicateShape): keep the values of one (giver, recipient, date) distinct.
            used = self.amounts_used.setdefault(unique, set())
            while value in used:
                value += 1_000_000
            used.add(value)
        qualifier = rng.choice(["exact", "exact", "lower-bound", "approximate"])
        if rng.random() < 0.2:
            sb.add(node, kn("value"), typed(f"{value}.0" if value >= 0 else f"{value}.0", "decimal"))
        else:
            sb.add(node, kn("value"), typed(value, "integer"))
        if currency:
            sb.add(node, kn("currency"), literal("VND"))
        sb.add(node, kn("amountQualifier"), knv(qualifier))
        sb.add(node, kn("statedAs"), literal(stated_vnd(abs(value), qualifier)))
        return value

    def support(self, sb, rng, tw: Twinning, when: date, event: str | None, era_hi: date) -> None:
        giver, recipient = tw.parties
        if tw.kind != "sponsorship" and rng.random() < 0.5:
            giver, recipient = recipient, giver
        purpose = rng.choice(list(PURPOSES))
        types, phrase, qunit = PURPOSES[purpose]
        stype = rng.choice(types)
        sup = iri(f"support/{sb.source_id}/{sb.slug(f'{purpose}-{when.year}')}")

        def common(node: str, label: str, stype: str):
            sb.node(node, "Support")
            sb.add(node, PREF, vi(label))
            sb.add(node, kn("supportType"), knv(stype))
            sb.add(node, kn("giver"), giver.iri)
            sb.add(node, kn("recipient"), recipient.iri)
            sb.add(node, kn("purpose"), knv(purpose))
            sb.add(node, kn("date"), date_literal(when, precision))
            sb.add(node, kn("relatedTwinning"), tw.iri)

        precision = pick_precision(rng, monthday=False)
        unique = (giver.iri, recipient.iri, date_literal(when, precision))
        label = f"{_cap(giver.display)} hỗ trợ {recipient.display}: {phrase}"
        common(sup, label, stype)
        if rng.random() < 0.4:
            sb.add(sup, kn("recipientDescription"), vi(f"các hộ gia đình khó khăn của {recipient.display}"))
        if event is not None:
            sb.add(sup, kn("duringEvent"), event)
        if stype == "package":
            total = self.amount(sb, rng, f"{sup[:-1]}-amount>", 300, 20000, unique=unique)
            sb.add(sup, kn("amount"), f"{sup[:-1]}-amount>")
            for n, part_type in enumerate(rng.sample(["money", "in-kind", "house"], rng.randint(2, 3)), 1):
                part = f"{sup[:-1]}-part-{n}>"
                common(part, f"{label} (phần {n})", part_type)
                sb.add(sup, kn("hasPart"), part)
                if part_type == "money":
                    self.amount(
                        sb,
                        rng,
                        f"{part[:-1]}-amount>",
                        0,
                        0,
                        value=max(total // 4 // 1_000_000, 1) * 1_000_000,
                        unique=unique,
                    )
                    sb.add(part, kn("amount"), f"{part[:-1]}-amount>")
                elif part_type == "house":
                    self.quantity(sb, rng, f"{part[:-1]}-quantity>", "nhà", "số nhà", 1, 50)
                    sb.add(part, kn("quantity"), f"{part[:-1]}-quantity>")
            return
        if stype in ("money", "investment", "house") or rng.random() < 0.3:
            self.amount(sb, rng, f"{sup[:-1]}-amount>", 5, 5000, unique=unique)
            sb.add(sup, kn("amount"), f"{sup[:-1]}-amount>")
        if stype in ("house", "in-kind", "livelihood-model") or rng.random() < 0.2:
            self.quantity(sb, rng, f"{sup[:-1]}-quantity>", qunit, f"số {qunit}", 1, 500)
            sb.add(sup, kn("quantity"), f"{sup[:-1]}-quantity>")

    def statistic(self, sb, rng, subject: U, when: date) -> None:
        slug, measure, qunit, lo, hi = rng.choice(STATISTICS)
        st = iri(f"statistic/{sb.source_id}/{sb.slug(f'{slug}-{when.year}')}")
        sb.node(st, "ReportedStatistic")
        sb.add(st, PREF, vi(f"{subject.short}: {measure} ({when.year})"))
        sb.add(st, kn("subject"), subject.iri)
        sb.add(st, kn("measure"), vi(measure))
        if qunit is None:
            node = f"{st[:-1]}-amount>"
            self.amount(sb, rng, node, lo, hi)
            sb.add(st, kn("amount"), node)
        else:
            node = f"{st[:-1]}-quantity>"
            self.quantity(sb, rng, node, qunit, measure, lo, hi)
            sb.add(st, kn("quantity"), node)
        if rng.random() < 0.5:
            sb.add(st, kn("period"), typed(f"{when.year:04d}", "gYear"))
        else:
            sb.add(st, kn("asOf"), date_literal(when, rng.choice(["day", "month", "year"])))
        if rng.random() < 0.4:
            policy = self.policy(sb, rng, subject.province, when)
            if policy:
                sb.add(st, kn("underPolicy"), policy)
        if rng.random() < 0.3:
            sb.add(st, kn("location"), subject.iri)

    def below_commune(self, sb, rng, era: str, home: U) -> None:
        communes = self.communes_of_province.get(home, [])
        if not communes:
            return
        commune = rng.choice(communes)
        kind, word = rng.choice([("thon", "Thôn"), ("to-dan-pho", "Tổ dân phố")])
        name = f"{rng.choice(['Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ'])} {rng.randint(1, 12)}"
        unit = iri(f"unit/{era}/{commune.code}-{slugify(word + ' ' + name)}")
        if unit in sb.declared:
            return
        sb.declared.add(unit)
        sb.node(unit, "AdministrativeUnit")
        sb.add(unit, PREF, vi(f"{word} {name}"))
        sb.add(unit, RDFS_LABEL, vi(name))
        sb.add(unit, ALT, literal(strip_diacritics(f"{word} {name}")))
        sb.add(unit, kn("era"), knv(era))
        sb.add(unit, kn("level"), knv("below-commune"))
        sb.add(unit, kn("unitType"), knv(kind))
        sb.add(unit, kn("partOf"), commune.iri)

    # ----------------------------------------------------------------- sources

    def new_source(self) -> tuple[SourceBuilder, random.Random, str, date, U]:
        index = self.source_index
        self.source_index += 1
        source_id = hashlib.sha256(f"kg-bench/{self.seed}/{index}".encode()).hexdigest()[:16]
        rng = random.Random(f"{self.seed}/{source_id}")
        sb = SourceBuilder(source_id)
        era = "2025" if rng.random() < 0.3 else "pre2025"
        if era == "pre2025":
            article_date = rand_date(rng, date(2000, 1, 1), date(2025, 6, 30))
        else:
            article_date = rand_date(rng, date(2025, 7, 20), date(2026, 10, 31))
        home = self.pools[(era, "province")].pick(rng)
        sb.add(sb.graph, DERIVED, sb.article)
        sb.node(sb.article, "SourceArticle", sourced=False)
        title = f"Quan hệ kết nghĩa của {home.display} trong năm {article_date.year}"
        sb.add(sb.article, TITLE, vi(title))
        sb.add(sb.article, PREF, vi(title))
        sb.add(sb.article, LANGUAGE, literal("vi"))
        sb.add(sb.article, ISSUED, date_literal(article_date, "day"))
        sb.add(sb.article, kn("sourceFile"), literal(f"bench_{source_id}.txt"))
        sb.add(sb.article, kn("sha256"), literal(hashlib.sha256(source_id.encode()).hexdigest()))
        sb.add(sb.article, NOTE, vi("Bài tổng hợp (dữ liệu sinh tự động để đo hiệu năng, không phải bài thật)."))
        return sb, rng, era, article_date, home

    def story(self, sb, rng, era: str, article_date: date, home: U) -> None:
        lo, hi = ERA_RANGE[era]
        tw = None
        existing = self.twinnings_by_era[era]
        if existing and rng.random() < 0.35:
            candidate = existing[int(len(existing) * rng.random() ** 2)]  # older ones more often
            if candidate.established <= article_date and candidate.status == "active":
                tw = candidate
                for party in tw.parties:
                    self.declare_party(sb, party)
        if tw is None:
            for _ in range(8):
                tw = self.new_twinning(sb, rng, era, home, article_date)
                if tw is not None:
                    break
                if rng.random() < 0.3:
                    home = self.pools[(era, "province")].pick(rng)
        if tw is None:
            return
        start = max(tw.established, date(article_date.year - 3, 1, 1), lo)
        if start > article_date:
            start = tw.established
        if tw.status == "active" and rng.random() < 0.5:
            self.agreement(
                sb, rng, tw, tw.established if tw.established >= start else rand_date(rng, start, article_date), hi
            )
        events = []
        for _ in range(rng.randint(0, 3)):
            etype = rng.choice(
                ["working-visit", "working-visit", "contest", "construction-work", "conference", "survey-trip"]
            )
            events.append(self.event(sb, rng, tw, etype, rand_date(rng, start, article_date), hi))
        for _ in range(rng.randint(0, 4)):
            event = rng.choice(events) if events and rng.random() < 0.4 else None
            self.support(sb, rng, tw, rand_date(rng, start, article_date), event, hi)

    def source(self, budget: int | None = None) -> SourceBuilder:
        sb, rng, era, article_date, home = self.new_source()
        if rng.random() < 0.3:
            self.below_commune(sb, rng, era, home)
        while sb.nodes < self.facts_per_source and (budget is None or len(sb.triples) < budget):
            self.story(sb, rng, era, article_date, home)
            if rng.random() < 0.08:
                subject = home if rng.random() < 0.5 else (self._child(rng, home, "district") or home)
                self.statistic(
                    sb, rng, subject, rand_date(rng, max(lo_of(era), date(article_date.year - 2, 1, 1)), article_date)
                )
            if rng.random() < 0.05:
                home = self.pools[(era, "province")].pick(rng)
        return sb

    # ----------------------------------------------------------------- injected errors

    def inject(self, sb: SourceBuilder, kind: str, n: int) -> dict:
        """Add one erroneous fact of `kind` to the source; returns its description."""
        rng = random.Random(f"{self.seed}/inject/{kind}/{n}")
        era = "pre2025"
        commune = self.pools[(era, "commune")].pick(rng)
        other = self.pools[(era, "commune")].pick(rng)
        while other is commune:
            other = self.pools[(era, "commune")].pick(rng)
        when = rand_date(rng, date(2010, 1, 1), date(2024, 12, 31))
        focus = ""
        if kind == "self-twinning":
            focus = iri(f"twinning/sister-localities-{commune.key}--{commune.key}")
            sb.node(focus, "Twinning")
            sb.add(focus, PREF, vi(f"Kết nghĩa {commune.display} – {commune.display}"))
            sb.add(focus, kn("party"), commune.iri)
            sb.add(focus, kn("twinningKind"), knv("sister-localities"))
            sb.add(focus, kn("status"), knv("active"))
            sb.add(focus, kn("establishedOn"), date_literal(when, "day"))
            expected = "knsh:Twinning-party (sh:minCount 2: one distinct party)"
        elif kind in ("negative-amount", "missing-currency"):
            tw = self._injected_twinning(sb, rng, commune, other, when, kind, n)
            sup = iri(f"support/{sb.source_id}/{sb.slug(f'injected-{kind}-{n}')}")
            sb.node(sup, "Support")
            sb.add(sup, PREF, vi(f"{_cap(commune.display)} hỗ trợ {other.display}"))
            sb.add(sup, kn("supportType"), knv("money"))
            sb.add(sup, kn("giver"), commune.iri)
            sb.add(sup, kn("recipient"), other.iri)
            sb.add(sup, kn("date"), date_literal(when, "day"))
            sb.add(sup, kn("relatedTwinning"), tw)
            focus = f"{sup[:-1]}-amount>"
            sb.add(sup, kn("amount"), focus)
            if kind == "negative-amount":
                self.amount(sb, rng, focus, 0, 0, value=-50_000_000)
                expected = "knsh:MonetaryAmount-value (sh:minExclusive 0)"
            else:
                self.amount(sb, rng, focus, 10, 500, currency=False)
                expected = "knsh:MonetaryAmount-currency (sh:minCount 1)"
        elif kind == "end-before-start":
            keys = sorted([commune.key, other.key])
            focus = iri(f"twinning/sister-localities-{keys[0]}--{keys[1]}")
            sb.node(focus, "Twinning")
            sb.add(focus, PREF, vi(f"Kết nghĩa {commune.display} – {other.display}"))
            sb.add(focus, kn("party"), commune.iri)
            sb.add(focus, kn("party"), other.iri)
            sb.add(focus, kn("twinningKind"), knv("sister-localities"))
            sb.add(focus, kn("status"), knv("ended"))
            sb.add(focus, kn("establishedOn"), date_literal(when, "day"))
            sb.add(focus, kn("endedOn"), date_literal(date(when.year - 3, when.month, 1), "month"))
            expected = "knsh:DateOrderShape (SHACL-SPARQL: kn:endedOn before kn:establishedOn)"
        elif kind == "unit-outside-era":
            # two 2025 communes twinned in 2010: the units did not exist yet
            a = self.pools[("2025", "commune")].pick(rng)
            b = self.pools[("2025", "commune")].pick(rng)
            while b is a:
                b = self.pools[("2025", "commune")].pick(rng)
            keys = sorted([a.key, b.key])
            focus = iri(f"twinning/sister-localities-{keys[0]}--{keys[1]}")
            sb.node(focus, "Twinning")
            sb.add(focus, PREF, vi(f"Kết nghĩa {a.display} – {b.display}"))
            sb.add(focus, kn("party"), a.iri)
            sb.add(focus, kn("party"), b.iri)
            sb.add(focus, kn("twinningKind"), knv("sister-localities"))
            sb.add(focus, kn("status"), knv("active"))
            sb.add(focus, kn("establishedOn"), date_literal(when, "day"))
            expected = (
                "knsh:ValidityPeriodShape (SHACL-SPARQL: kn:establishedOn before the units' "
                "kn:validFrom 2025-07-01), where shapes/context.ttl has it"
            )
        else:
            raise ValueError(f"unknown error kind {kind!r}; one of {', '.join(ERROR_KINDS)}")
        return {"kind": kind, "focus": focus[1:-1], "source": sb.source_id, "expected": expected}

    def _injected_twinning(self, sb, rng, a: U, b: U, when: date, kind: str, n: int) -> str:
        keys = sorted([a.key, b.key])
        tw = iri(f"twinning/sister-localities-{keys[0]}--{keys[1]}")
        if tw in self.twinnings or tw in sb.declared:
            return tw
        sb.declared.add(tw)
        sb.node(tw, "Twinning")
        sb.add(tw, PREF, vi(f"Kết nghĩa {a.display} – {b.display}"))
        sb.add(tw, kn("party"), a.iri)
        sb.add(tw, kn("party"), b.iri)
        sb.add(tw, kn("twinningKind"), knv("sister-localities"))
        sb.add(tw, kn("status"), knv("active"))
        sb.add(tw, kn("establishedOn"), date_literal(date(when.year - 1, 1, 1), "year"))
        return tw


def lo_of(era: str) -> date:
    return ERA_RANGE[era][0]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- writing


def trig_text(sb: SourceBuilder, shared: Compactor) -> str:
    own = [(p, f"{ID}{kind}/{sb.source_id}/") for p, kind in (("ev", "event"), ("sup", "support"), ("st", "statistic"))]
    own_iris = [(p, "<" + ns) for p, ns in own]

    def compact(term: str) -> str:
        if term.startswith("<https://w3id.org/ketnghia/id/"):
            for prefix, start in own_iris:
                if term.startswith(start) and _LOCAL.match(term, len(start), len(term) - 1):
                    return f"{prefix}:{term[len(start) : -1]}"
        return shared(term)

    lines = [
        f"# Synthetic source {sb.source_id}: generated by bench/generate.py for benchmarks (not a real article).\n"
    ]
    lines += [f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES]
    lines += [f"@prefix {p}: <{ns}> .\n" for p, ns in own]
    lines.append(f"\n{compact(sb.graph)} {{\n")
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in sb.triples:
        by_subject.setdefault(s, []).append((p, o))
    for s, pairs in by_subject.items():
        body = " ;\n        ".join(f"{compact(p)} {compact(o)}" for p, o in pairs)
        lines.append(f"\n    {compact(s)} {body} .\n")
    lines.append("}\n")
    return "".join(lines)


def ontology_nquads() -> tuple[str, int]:
    from kg.graph.build import ontology_files

    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    store = ox.Store()
    for path in ontology_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
    text = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return text, len(store)


def parse_inject(spec: str | None) -> list[str]:
    """'10' -> 10 kinds round-robin; 'self-twinning=2,negative-amount=1' -> those."""
    if not spec:
        return []
    if spec.isdigit():
        return [ERROR_KINDS[i % len(ERROR_KINDS)] for i in range(int(spec))]
    kinds = []
    for part in spec.split(","):
        name, _, count = part.partition("=")
        if name not in ERROR_KINDS:
            raise SystemExit(f"unknown error kind {name!r}; one of {', '.join(ERROR_KINDS)}")
        kinds += [name] * int(count or 1)
    return kinds


def generate(
    out_dir: Path,
    *,
    triples: int | None = None,
    synthetic_triples: int | None = None,
    seed: int = 20261101,
    facts_per_source: int = 200,
    provinces: set[str] | None = None,
    inject: list[str] | None = None,
    nquads: bool = True,
    quiet: bool = False,
) -> dict:
    """Write the scale graph to out_dir (see the module docstring); returns the manifest."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    sources_dir = out_dir / "sources"
    sources_dir.mkdir(parents=True, exist_ok=True)
    for old in sources_dir.glob("*.trig"):
        old.unlink()
    gen = Generator(seed, provinces, facts_per_source)
    report = gazetteer.GazetteerReport()
    gaz_lines = gazetteer.gazetteer_lines(gazetteer.load_package_data(), report)
    onto_text, onto_count = ontology_nquads()
    base = len(gaz_lines) + onto_count
    if synthetic_triples is None:
        if triples is None:
            raise ValueError("give triples (whole dataset) or synthetic_triples")
        if triples <= base:
            raise SystemExit(
                f"--triples {triples:,} is not more than the gazetteer and ontology "
                f"({base:,}); use --synthetic-triples for a small graph"
            )
        synthetic_triples = triples - base
    inject = list(inject or [])
    # Injected errors go into evenly spaced sources (the estimate errs low; leftovers go last).
    estimated_sources = max(1, synthetic_triples // max(1, facts_per_source * 8))
    inject_at: dict[int, list[str]] = {}
    for i, kind in enumerate(inject):
        inject_at.setdefault(int(i * estimated_sources / max(1, len(inject))), []).append(kind)
    injected: list[dict] = []
    compact = Compactor()
    nq = open(out_dir / "all.nq", "w", encoding="utf-8") if nquads else None
    if nq:
        nq.writelines(gaz_lines)
        nq.write(onto_text)
    del gaz_lines
    produced, files, counts = 0, {}, {}
    n_injected = 0
    while produced < synthetic_triples:
        index = gen.source_index
        sb = gen.source(budget=synthetic_triples - produced)
        last = produced + len(sb.triples) >= synthetic_triples
        kinds = inject_at.pop(index, [])
        if last:
            kinds += [k for key in sorted(inject_at) for k in inject_at[key]]
            inject_at.clear()
        for kind in kinds:
            injected.append(gen.inject(sb, kind, n_injected))
            n_injected += 1
        (sources_dir / f"{sb.source_id}.trig").write_text(trig_text(sb, compact), encoding="utf-8")
        if nq:
            g = sb.graph
            nq.writelines(f"{s} {p} {o} {g} .\n" for s, p, o in sb.triples)
        produced += len(sb.triples)
        files[sb.source_id] = len(sb.triples)
        for cls, n in sb.counts.items():
            counts[cls] = counts.get(cls, 0) + n
        if not quiet and len(files) % 100 == 0:
            print(f"  {len(files):,} sources, {produced:,} synthetic triples…", file=sys.stderr, flush=True)
    if nq:
        nq.close()
    manifest = {
        "generator": f"bench/generate.py v{GENERATOR_VERSION}",
        "seed": seed,
        "facts_per_source": facts_per_source,
        "provinces": sorted(provinces) if provinces else "all",
        "gazetteer": {"package": f"{gazetteer.PACKAGE} {report.package_version}", "triples": report.triples},
        "ontology_triples": onto_count,
        "synthetic_triples": produced,
        "total_triples": base + produced,
        "sources": len(files),
        "nodes_by_class": dict(sorted(counts.items())),
        "twinnings": len(gen.twinnings),
        "policies": len(gen.policy_iris),
        "injected": len(injected),
        "seconds": round(time.perf_counter() - started, 1),
        "files": files,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    injected_path = out_dir / "injected.json"
    if injected:
        injected_path.write_text(json.dumps(injected, ensure_ascii=False, indent=1), "utf-8")
    elif injected_path.exists():
        injected_path.unlink()
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--triples", type=int, help="size of the whole dataset (gazetteer + ontology + synthetic)")
    size.add_argument("--synthetic-triples", type=int, help="size of the synthetic part only")
    parser.add_argument("-o", "--output", required=True, type=Path, help="output folder")
    parser.add_argument("--seed", type=int, default=20261101)
    parser.add_argument(
        "--facts-per-source", type=int, default=200, help="fact nodes per synthetic source (default 200)"
    )
    parser.add_argument("--provinces", help="only units of these province codes (both eras), e.g. 49,38,48")
    parser.add_argument(
        "--inject",
        metavar="N|KIND=N,...",
        help=f"inject errors: N round-robin over {', '.join(ERROR_KINDS)}, or kind=count,...",
    )
    parser.add_argument("--no-nquads", action="store_true", help="do not write all.nq")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    provinces = set(args.provinces.split(",")) if args.provinces else None
    manifest = generate(
        args.output,
        triples=args.triples,
        synthetic_triples=args.synthetic_triples,
        seed=args.seed,
        facts_per_source=args.facts_per_source,
        provinces=provinces,
        inject=parse_inject(args.inject),
        nquads=not args.no_nquads,
        quiet=args.quiet,
    )
    print(
        f"{args.output}: {manifest['total_triples']:,} triples ({manifest['synthetic_triples']:,} synthetic "
        f"in {manifest['sources']:,} sources, {manifest['twinnings']:,} twinnings), "
        f"{manifest['injected']} injected errors, {manifest['seconds']} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
