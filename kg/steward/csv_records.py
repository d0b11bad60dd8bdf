"""One CSV row of a template -> the RDF of one record, following docs/iri-scheme.md.

Each builder reads its cells through a RowReader, which collects every cell problem of the row
(so a steward sees them all at once) and remembers which column each statement came from, so
that a violation the shapes find later can be shown at its row and column.

IRIs are the deterministic ones of the IRI scheme, so a row restating a recorded fact lands on the
recorded node: twinnings `id:twinning/{kind}-{party key}--{party key}` (keys sorted), agreements
`id:agreement/{twinning key}-{type}`, supports and events `id:{kind}/{source id}/{id or slug of
the name}`, people `id:person/{slug}-{source id}` and posts `{person}-{role}-{organization key}`.
A new article gets `id:source/{first 16 hex of the SHA-256 of its URL}`; as it has no text in the
source corpus, its kn:sourceFile is its URL.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from kg.steward.csv_values import CellError, Vocabulary, parse_amount, parse_date, split_list
from kg.vietnamese import slugify
from kg.iris import ID, KN, KNV, SCHEMA
from kg.validation.report import qname

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_AGREEMENT_SLUG = {"cooperation-programme-document": "programme"}
_KIND_WORDS = {
    "sister-localities": "Kết nghĩa",
    "sponsorship": "Kết nghĩa đỡ đầu",
    "cooperation-programme": "Chương trình hợp tác",
    "north-south": "Kết nghĩa Bắc – Nam",
    "lowland-mountain": "Kết nghĩa",
    "border-cluster": "Kết nghĩa biên giới",
    "sister-city": "Kết nghĩa hữu nghị",
}


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    from kg.validation import load_ontology

    return Vocabulary(load_ontology())


def local(iri: URIRef, after: str) -> str:
    return str(iri)[len(str(ID) + after) :]


def party_key(iri: URIRef) -> str:
    """`pre2025-510` for a unit, `org-{slug}` for an organization (docs/iri-scheme.md)."""
    kind, _, rest = str(iri)[len(str(ID)) :].partition("/")
    return rest.replace("/", "-") if kind == "unit" else f"{kind}-{rest.replace('/', '-')}"


@dataclass
class BuiltRow:
    record: URIRef | None = None
    graph: Graph = field(default_factory=Graph)
    columns: dict = field(default_factory=dict)  # (subject, object or path text) -> column key
    problems: list = field(default_factory=list)  # (column key, cell text, vi, en)


class RowReader:
    def __init__(self, values: dict[str, str], resolver, built: BuiltRow):
        self.values, self.resolver, self.built = values, resolver, built

    def text(self, key: str) -> str:
        return self.values.get(key, "")

    def problem(self, key: str, vi: str, en: str) -> None:
        self.built.problems.append((key, self.text(key), vi, en))

    def read(self, key: str, reader, required: bool = False):
        """`reader(cell)` for a non-empty cell, else None; a CellError becomes a problem of the row."""
        cell = self.text(key)
        if not cell:
            if required:
                self.problem(key, "Ô bắt buộc đang trống.", "This required cell is empty.")
            return None
        try:
            return reader(cell)
        except CellError as exc:
            self.problem(key, exc.vi, exc.en)
            return None

    def choice(self, key: str, required: bool = False):
        return self.read(key, lambda cell: vocabulary().concept(key, cell), required)

    def choices(self, key: str, required: bool = False) -> list:
        found = self.read(key, lambda cell: [vocabulary().concept(key, part) for part in split_list(cell)], required)
        return found or []

    def date(self, key: str):
        return self.read(key, parse_date)

    def agent(self, key: str, when=None, required: bool = False, kinds=("unit", "organization")):
        return self.read(key, lambda cell: self.resolver.agent(cell, when, kinds, self.context()), required)

    def agents(self, key: str, when=None) -> list:
        found = self.read(
            key, lambda cell: [self.resolver.agent(p, when, context=self.context()) for p in split_list(cell)]
        )
        return found or []

    def context(self) -> tuple[str, ...]:
        """The row's own name: the unit names it mentions help suggest a mistyped code."""
        return tuple(self.values[k] for k in ("label_vi", "name") if self.values.get(k))

    def node(self, key: str, kind: str, required: bool = False):
        return self.read(key, lambda cell: self.resolver.node(cell, kind), required)

    def slug(self, key: str) -> str | None:
        cell = self.text(key)
        if cell and not _SLUG.fullmatch(cell):
            self.problem(
                key,
                "Mã bản ghi chỉ gồm chữ thường không dấu, chữ số và dấu -, ví dụ flood-relief-2020.",
                "A record id holds lower-case ASCII letters, digits and -, e.g. flood-relief-2020.",
            )
            return None
        return cell or None

    # --- statements, each remembered with its column
    def add(self, subject, predicate, value, key: str | None = None) -> None:
        if value is None:
            return
        self.built.graph.add((subject, predicate, value))
        if key:
            self.built.columns.setdefault((subject, value), key)
            self.built.columns.setdefault((subject, qname(predicate)), key)

    def add_label(self, subject, key: str, fallback: str | None = None) -> None:
        text = self.text(key)
        if text:
            self.add(subject, SKOS.prefLabel, Literal(text, lang="vi"), key)
        elif fallback and (self.resolver.label(str(subject)) is None):  # keep a recorded label unique
            self.add(subject, SKOS.prefLabel, Literal(fallback, lang="vi"), key)

    def add_note(self, subject) -> None:
        if self.text("note"):
            self.add(subject, SKOS.note, Literal(self.text("note"), lang="vi"), "note")

    def source(self) -> tuple[URIRef | None, str | None]:
        """(article IRI, source id) of the row: a recorded article, or a new one it describes."""
        if self.text("source"):
            iri = self.node("source", "source")
            return (iri, local(iri, "source/")) if iri is not None else (None, None)
        title, url = self.text("source_title"), self.text("source_url")
        if not title and not url:
            self.problem(
                "source",
                "Thiếu nguồn: ghi mã bài báo đã có, hoặc tiêu đề và đường dẫn của bài mới.",
                "No source: give the id of a recorded article, or the title and URL of a new one.",
            )
            return None, None
        if not (title and re.fullmatch(r"https?://\S+", url)):
            key = "source_title" if not title else "source_url"
            self.problem(
                key,
                "Bài mới cần cả tiêu đề và đường dẫn http(s)://...",
                "A new article needs both a title and an http(s):// URL.",
            )
            return None, None
        language = self.text("source_language") or "vi"
        if not re.fullmatch(r"[a-z]{2,3}", language):
            self.problem(
                "source_language",
                "Ngôn ngữ viết bằng mã 2 chữ cái: vi, en, fr...",
                "Write the language as a two-letter code: vi, en, fr...",
            )
            return None, None
        source_id = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
        iri = ID[f"source/{source_id}"]
        self.add(iri, RDF.type, KN.SourceArticle)
        self.add(iri, DCTERMS.title, Literal(title, lang="vi"), "source_title")
        self.add(iri, DCTERMS.language, Literal(language), "source_language")
        self.add(iri, KN.sourceFile, Literal(url), "source_url")
        self.add(iri, SCHEMA.url, Literal(url, datatype=XSD.anyURI), "source_url")
        self.add(iri, DCTERMS.issued, self.date("source_date"), "source_date")
        return iri, source_id


# --------------------------------------------------------------------------- one builder per template


def twinning(r: RowReader) -> URIRef | None:
    kind = r.choice("kind", required=True)
    established = r.date("established_on")
    first = r.agent("party_1", established, required=True)
    second = r.agent("party_2", established, required=True)
    others = r.agents("other_parties", established)
    status = r.choice("status", required=True)
    planned = r.date("planned_on")
    ended = r.date("ended_on")
    policy = r.node("policy", "policy")
    source, _ = r.source()
    if r.built.problems:
        return None
    kind_name = str(kind)[len(str(KNV)) :]
    if others and kind_name == "sponsorship":
        r.problem(
            "other_parties",
            "Kết nghĩa đỡ đầu có một bên đỡ đầu và một bên được đỡ đầu; ghi mỗi quan hệ đỡ đầu một dòng.",
            "A sponsorship has one sponsor and one sponsored side; write one row per sponsorship.",
        )
        return None
    parties = [first, second, *[p for p in others if p not in (first, second)]]
    keys = sorted({party_key(p) for p in parties})
    iri = ID[f"twinning/{kind_name}-{'--'.join(keys)}"]
    r.add(iri, RDF.type, KN.Twinning)
    r.add(iri, KN.twinningKind, kind, "kind")
    sides = (KN.sponsor, KN.sponsored) if kind_name == "sponsorship" else (KN.party, KN.party)
    r.add(iri, sides[0], first, "party_1")
    r.add(iri, sides[1], second, "party_2")
    for other in parties[2:]:
        r.add(iri, KN.party, other, "other_parties")
    r.add(iri, KN.status, status, "status")
    r.add(iri, KN.plannedOn, planned, "planned_on")
    r.add(iri, KN.establishedOn, established, "established_on")
    r.add(iri, KN.endedOn, ended, "ended_on")
    r.add(iri, KN.underPolicy, policy, "policy")
    names = [_lowered(r.resolver.label(str(p)) or party_key(p)) for p in parties]
    r.add_label(iri, "label_vi", f"{_KIND_WORDS[kind_name]} {' – '.join(names)}")
    r.add(iri, DCTERMS.source, source, "source")
    r.add_note(iri)
    return iri


def support(r: RowReader) -> URIRef | None:
    when = r.date("date")
    giver = r.agent("giver", when, required=True)
    recipient = r.agent("recipient", when)
    types = r.choices("support_type", required=True)
    purpose = r.choice("purpose")
    amount = r.read("amount", parse_amount)
    qualifier = r.choice("amount_qualifier")
    related = r.node("related_twinning", "twinning")
    slug = r.slug("id")
    source, source_id = r.source()
    if r.built.problems:
        return None
    slug = (
        slug
        or slugify(r.text("label_vi"))
        or slugify(
            f"{party_key(giver)}-to-{party_key(recipient) if recipient else 'people'}-{when or ''}-{types[0].split('/')[-1]}"
        )
    )
    iri = ID[f"support/{source_id}/{slug}"]
    r.add(iri, RDF.type, KN.Support)
    for concept in types:
        r.add(iri, KN.supportType, concept, "support_type")
    r.add(iri, KN.giver, giver, "giver")
    r.add(iri, KN.recipient, recipient, "recipient")
    if r.text("recipient_description"):
        r.add(
            iri, KN.recipientDescription, Literal(r.text("recipient_description"), lang="vi"), "recipient_description"
        )
    r.add(iri, KN.purpose, purpose, "purpose")
    r.add(iri, KN.date, when, "date")
    r.add(iri, KN.relatedTwinning, related, "related_twinning")
    if amount is not None:
        value, stated_qualifier, stated_currency = amount
        node = URIRef(f"{iri}-amount")
        r.add(iri, KN.amount, node, "amount")
        r.add(node, RDF.type, KN.MonetaryAmount)
        # Integral values as xsd:integer, like `300000000` in the curated Turtle: the same amount
        # restated must be the same literal, or the amount would have two values.
        datatype = XSD.integer if value == value.to_integral_value() else XSD.decimal
        r.add(node, KN.value, Literal(str(value), datatype=datatype), "amount")
        currency = r.text("currency") or stated_currency or "VND"
        r.add(node, KN.currency, Literal(currency), "currency" if r.text("currency") else "amount")
        qualifier = qualifier or (KNV[stated_qualifier] if stated_qualifier else KNV.exact)
        r.add(node, KN.amountQualifier, qualifier, "amount_qualifier" if r.text("amount_qualifier") else "amount")
        r.add(node, KN.statedAs, Literal(r.text("amount")), "amount")
    if r.text("label_vi"):
        r.add(iri, SKOS.prefLabel, Literal(r.text("label_vi"), lang="vi"), "label_vi")
    r.add(iri, DCTERMS.source, source, "source")
    r.add_note(iri)
    return iri


def agreement(r: RowReader) -> URIRef | None:
    twinned = r.node("twinning", "twinning", required=True)
    kind = r.choice("agreement_type", required=True)
    signed = r.date("signed_on")
    place = r.agent("signed_at", signed, kinds=("unit",))
    parties = r.agents("parties", signed)
    areas = r.choices("content_areas")
    if not r.text("label_vi"):
        r.problem("label_vi", "Ô bắt buộc đang trống.", "This required cell is empty.")
    source, _ = r.source()
    if r.built.problems:
        return None
    twinning_key = re.sub(r"^(sister-localities|sponsorship|cooperation-programme)-", "", local(twinned, "twinning/"))
    kind_name = str(kind)[len(str(KNV)) :]
    iri = ID[f"agreement/{twinning_key}-{_AGREEMENT_SLUG.get(kind_name, kind_name)}"]
    r.add(iri, RDF.type, KN.Agreement)
    r.add(iri, KN.agreementType, kind, "agreement_type")
    r.add(iri, KN.relatedTwinning, twinned, "twinning")
    r.add(iri, KN.signedOn, signed, "signed_on")
    r.add(iri, KN.signedAt, place, "signed_at")
    for party in parties:
        r.add(iri, KN.agreementParty, party, "parties")
    for area in areas:
        r.add(iri, KN.contentArea, area, "content_areas")
    r.add_label(iri, "label_vi")
    r.add(iri, DCTERMS.source, source, "source")
    r.add_note(iri)
    return iri


def post(r: RowReader) -> URIRef | None:
    if not r.text("name"):
        r.problem("name", "Ô bắt buộc đang trống.", "This required cell is empty.")
    role = r.choice("role", required=True)
    as_of = r.date("as_of")
    organization = r.agent("organization", as_of, required=True, kinds=("organization",))
    start, end = r.date("start_date"), r.date("end_date")
    source, source_id = r.source()
    if r.built.problems:
        return None
    person = ID[f"person/{slugify(r.text('name'))}-{source_id}"]
    iri = URIRef(f"{person}-{str(role)[len(str(KNV)) :]}-{local(organization, 'org/')}")
    r.add(person, RDF.type, KN.Person)
    r.add_label(person, "name")
    r.add(person, DCTERMS.source, source, "source")
    r.add(iri, RDF.type, KN.Post)
    r.add(iri, KN.holder, person, "name")
    r.add(iri, KN.role, role, "role")
    r.add(iri, KN.inOrganization, organization, "organization")
    r.add(iri, KN.asOf, as_of, "as_of")
    r.add(iri, KN.startDate, start, "start_date")
    r.add(iri, KN.endDate, end, "end_date")
    r.add(iri, DCTERMS.source, source, "source")
    r.add_note(iri)
    return iri


def event(r: RowReader) -> URIRef | None:
    if not r.text("label_vi"):
        r.problem("label_vi", "Ô bắt buộc đang trống.", "This required cell is empty.")
    kind = r.choice("event_type", required=True)
    when, start, end = r.date("date"), r.date("start_date"), r.date("end_date")
    place = r.agent("place", when or start, kinds=("unit",))
    participants = r.agents("participants", when or start)
    organizer = r.agent("organizer", when or start)
    related = r.node("related_twinning", "twinning")
    slug = r.slug("id")
    source, source_id = r.source()
    if r.built.problems:
        return None
    iri = ID[f"event/{source_id}/{slug or slugify(r.text('label_vi'))}"]
    r.add(iri, RDF.type, KN.Event)
    r.add_label(iri, "label_vi")
    r.add(iri, KN.eventType, kind, "event_type")
    r.add(iri, KN.date, when, "date")
    r.add(iri, KN.startDate, start, "start_date")
    r.add(iri, KN.endDate, end, "end_date")
    if r.text("date_note"):
        r.add(iri, KN.dateNote, Literal(r.text("date_note"), lang="vi"), "date_note")
    r.add(iri, KN.place, place, "place")
    for participant in participants:
        r.add(iri, KN.participant, participant, "participants")
    r.add(iri, KN.organizer, organizer, "organizer")
    r.add(iri, KN.relatedTwinning, related, "related_twinning")
    r.add(iri, DCTERMS.source, source, "source")
    r.add_note(iri)
    return iri


BUILDERS = {"twinnings": twinning, "support": support, "agreements": agreement, "people": post, "events": event}


_TYPE_WORD = re.compile(r"(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Thị trấn|Xã|Phường|Đặc khu)\b")


def _lowered(name: str) -> str:
    """'Phường Hòa Cường' -> 'phường Hòa Cường', as unit names read inside a sentence."""
    return name[:1].lower() + name[1:] if _TYPE_WORD.match(name) else name


def build_row(table, row: int, values: dict[str, str], resolver) -> BuiltRow:
    built = BuiltRow()
    built.record = BUILDERS[table.template.name](RowReader(values, resolver, built))
    return built
