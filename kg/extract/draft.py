"""The draft contribution: the extracted facts as RDF in the project's ontology and IRI scheme.

Everything goes into the named graph kg:source/{id} (id = first 16 hex characters of the file's
SHA-256), with the article's description (kn:SourceArticle) and dct:source on every fact. Each
proposed fact carries its evidence (kne:evidence [kne:start; kne:end; kne:quote], character
offsets into the article) and a kne:confidence; what the steward must still do is listed as
kne:todo on the article. The draft is checked with the project's shapes (kg.validation) together
with the gazetteer description of the units it names; what fails is listed as kne:todo too.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import BNode, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

import kg
from kg.extract.foreign_names import ForeignPlace
from kg.extract.lexicon import BelowCommune, unit_iri
from kg.extract.organizations import KINDS, OrgMention, committee_label
from kg.extract.spans import sentence_at
from kg.vietnamese import fold, slugify, strip_diacritics
from kg.iris import GRAPH, ID, KN, KNV, SCHEMA, source_graph_iri, source_iri

KNE = Namespace("https://w3id.org/ketnghia/extraction#")
_DATATYPES = {"date": XSD.date, "gYearMonth": XSD.gYearMonth, "gYear": XSD.gYear, "gMonthDay": XSD.gMonthDay}
PREFIXES = {
    "kn": KN,
    "knv": KNV,
    "kne": KNE,
    "id": ID,
    "kg": GRAPH,
    "sg": GRAPH["source/"],
    "pre2025": ID["unit/pre2025/"],
    "since2025": ID["unit/2025/"],
    "o": ID["org/"],
    "per": ID["person/"],
    "tw": ID["twinning/"],
    "agr": ID["agreement/"],
    "pol": ID["policy/"],
    "src": ID["source/"],
    "dct": DCTERMS,
    "skos": SKOS,
    "prov": PROV,
    "org": ORG,
    "xsd": XSD,
    "rdfs": RDFS,
    "schema": SCHEMA,
}


def date_literal(mention) -> Literal:
    return Literal(mention.lexical, datatype=_DATATYPES[mention.datatype])


def decimal_literal(value: Decimal) -> Literal:
    return Literal(format(value, "f"), datatype=XSD.decimal)


class DraftBuilder:
    def __init__(self, result):
        self.r = result
        self.text = result.article.text if result.article else ""
        self.lang = result.lang if result.lang in ("vi", "fr", "en") else None
        self.sid = result.source_id
        self.src = URIRef(str(source_iri(self.sid)))
        self.ds = Dataset()
        for prefix, namespace in PREFIXES.items():
            self.ds.bind(prefix, namespace)
        self.g = self.ds.graph(URIRef(str(source_graph_iri(self.sid))))
        self.org_iris: dict[str, URIRef] = {}
        self.party_iris: dict[int, URIRef] = {}
        self.units_used: dict[str, object] = {}
        self.todos: list[str] = list(result.todos)
        self.blank_nodes = 0

    # ------------------------------------------------------------------ helpers
    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def blank(self, kind: str) -> BNode:
        """A blank node named by its place in the draft: the same article gives the same
        draft, byte for byte (rdflib's random ids made every run differ)."""
        self.blank_nodes += 1
        return BNode(f"{kind}{self.blank_nodes}")

    def text_literal(self, text: str, lang: str | None = None) -> Literal:
        return Literal(text, lang=lang or self.lang)

    def evidence(self, node, spans, confidence: float | None = None) -> None:
        for start, end in sorted(set(spans))[:10]:
            ev = self.blank("evidence")
            self.add(node, KNE.evidence, ev)
            self.add(ev, RDF.type, KNE.Evidence)
            self.add(ev, KNE.start, Literal(start))
            self.add(ev, KNE.end, Literal(end))
            self.add(ev, KNE.quote, Literal(self.text[start:end]))
        if confidence is not None:
            self.add(node, KNE.confidence, decimal_literal(Decimal(str(round(confidence, 2)))))

    def fact(self, node, rdf_type, spans, confidence) -> None:
        self.add(node, RDF.type, rdf_type)
        self.add(node, DCTERMS.source, self.src)
        self.evidence(node, spans, confidence)

    def unit_ref(self, unit) -> URIRef:
        if isinstance(unit, ForeignPlace):
            return self.foreign_ref(unit)
        iri = URIRef(unit_iri(unit))
        self.units_used[str(iri)] = unit
        return iri

    def foreign_ref(self, place: ForeignPlace) -> URIRef:
        """A party outside Vietnam: kn:ForeignLocality with its country, its name as the article
        writes it (also as the Vietnamese label, as curators do) and its mentions as evidence."""
        iri = URIRef(place.iri)
        if (iri, None, None) in self.g:
            return iri
        mentions = [m for m in self.r.foreign if m.unit.code == place.code]
        self.fact(
            iri,
            KN.ForeignLocality,
            [(m.evidence_start, m.end) for m in mentions],
            max((m.confidence for m in mentions), default=0.7),
        )
        self.add(iri, KN.country, Literal(place.country))
        self.add(iri, SKOS.prefLabel, Literal(place.name, lang="vi"))
        if self.lang and self.lang != "vi":
            self.add(iri, SKOS.prefLabel, self.text_literal(place.name))
            self.todos.append(
                f"{place.name} ({place.country}): a foreign locality named in {self.lang}; give its "
                "Vietnamese name as skos:prefLabel @vi if a source gives it."
            )
        return iri

    # ------------------------------------------------------------------ the article
    def source(self) -> None:
        r, src = self.r, self.src
        self.add(self.g.identifier, PROV.wasDerivedFrom, src)
        self.add(src, RDF.type, KN.SourceArticle)
        self.add(src, KN.sourceFile, Literal(r.file_name))
        self.add(src, KN.sha256, Literal(r.sha256))
        self.add(src, KN.toolVersion, Literal(f"kg extract {kg.__version__}"))
        if r.lang:
            self.add(src, DCTERMS.language, Literal(r.lang))
        if r.url:
            self.add(src, SCHEMA.url, Literal(r.url, datatype=XSD.anyURI))
        if r.published:
            self.add(src, DCTERMS.issued, Literal(r.published.isoformat(), datatype=XSD.date))
        if r.article and r.article.encoding not in ("utf-8", "utf-8-sig"):
            self.add(src, KNE.inputEncoding, Literal(r.article.encoding))
        if r.article and r.article.truncated_at:
            self.add(src, KNE.processedCharacters, Literal(r.article.truncated_at))
        if r.sentences and self.lang:
            first = r.sentences[0].text
            title = first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "…"
            self.add(src, DCTERMS.title, self.text_literal(title))
            if self.lang == "vi":
                self.add(src, RDFS.label, Literal(title, lang="vi"))
            else:
                self.todos.append(
                    "Give the article a Vietnamese title (rdfs:label @vi); the draft only has "
                    f"its opening words in {self.lang}."
                )
        else:
            self.add(src, RDFS.label, Literal(f"Tệp {r.file_name}", lang="vi"))
        for note in r.notes:
            self.add(src, SKOS.note, Literal(note, lang="en"))
        self.add(
            src,
            SKOS.note,
            Literal(
                "Draft written by `kg extract` (rules and the national gazetteer); every fact is a proposal "
                "with its evidence (kne:evidence) and confidence (kne:confidence) to be checked against the article.",
                lang="en",
            ),
        )

    # ------------------------------------------------------------------ units
    def units(self) -> None:
        by_unit: dict[str, list] = {}
        for mention in self.r.units:
            if mention.unit is not None:
                by_unit.setdefault(unit_iri(mention.unit), []).append(mention)
        for iri_key, mentions in sorted(by_unit.items()):
            unit = mentions[0].unit
            ref = self.unit_ref(unit)
            if isinstance(unit, BelowCommune):
                self.below_commune(ref, unit)
            node = self.blank("mention")
            self.add(node, RDF.type, KNE.Mention)
            self.add(node, KNE.refersTo, ref)
            self.add(node, DCTERMS.source, self.src)
            # The other units of that name the linker weighed: the review page offers them.
            others = {unit_iri(c): c for m in mentions for c in m.candidates if unit_iri(c) != iri_key}
            for other in sorted(others):
                self.add(node, KNE.candidate, URIRef(other))
            stated = next((m.stated_type for m in mentions if m.stated_type), None) or unit.unit_type
            self.add(node, KNE.statedUnitType, KNV[stated])
            self.evidence(node, [(m.evidence_start, m.end) for m in mentions], max(m.confidence for m in mentions))
            for surface in sorted({m.surface for m in mentions}):
                if surface.casefold() != unit.short_name.casefold() and not isinstance(unit, BelowCommune):
                    self.add(ref, SKOS.altLabel, self.text_literal(surface))

    def below_commune(self, ref, unit: BelowCommune) -> None:
        self.add(ref, RDF.type, KN.AdministrativeUnit)
        self.add(ref, SKOS.prefLabel, Literal(unit.full_name, lang="vi"))
        self.add(ref, RDFS.label, Literal(unit.name, lang="vi"))
        self.add(ref, SKOS.altLabel, Literal(strip_diacritics(unit.full_name)))
        self.add(ref, KN.era, KNV[unit.era])
        self.add(ref, KN.level, KNV["below-commune"])
        self.add(ref, KN.unitType, KNV[unit.unit_type])
        self.add(ref, KN.partOf, self.unit_ref(unit.parent))
        self.add(ref, DCTERMS.source, self.src)

    # ------------------------------------------------------------------ organizations
    def organizations(self) -> None:
        by_key: dict[str, list[OrgMention]] = {}
        for org in self.r.orgs:
            if org.key and (org.unit is not None or org.kind in ("national", "bank", "enterprise")):
                by_key.setdefault(org.key, []).append(org)
        for key, mentions in sorted(by_key.items()):
            iri = self.organization(
                key,
                mentions[0],
                [(m.start, m.end) for m in mentions],
                max(m.confidence for m in mentions),
                {m.surface for m in mentions},
            )
            founded = next((m.founded for m in mentions if m.founded is not None), None)
            if founded is not None:
                self.add(iri, KN.startDate, date_literal(founded))
                self.add(
                    iri,
                    SKOS.note,
                    Literal(
                        f"Founding date as the article states it: {founded.text!r} (the first date of an anniversary).",
                        lang="en",
                    ),
                )

    def organization(self, key: str, org: OrgMention, spans, confidence, surfaces=()) -> URIRef:
        iri = URIRef(ID[f"org/{key}"])
        if key in self.org_iris:
            return iri
        self.org_iris[key] = iri
        self.fact(iri, KN[KINDS[org.kind][1]], spans, confidence)
        self.add(iri, SKOS.prefLabel, Literal(org.label_vi, lang="vi"))
        for surface in sorted(surfaces):
            if fold(surface) != fold(org.label_vi) and self.lang:
                self.add(iri, SKOS.altLabel, self.text_literal(surface))
        if org.unit is not None:
            self.add(iri, KN.ofUnit, self.unit_ref(org.unit))
        if org.kind == "foreign-council":
            self.todos.append(
                f"{org.name}: a body abroad; add its Vietnamese name as skos:prefLabel @vi and its kn:country."
            )
        if org.kind in ("standing-board", "party-office", "standing-members") and org.unit is not None:
            parent = OrgMention(
                org.start,
                org.end,
                committee_label(org.unit),
                "party-committee",
                org.unit,
                True,
                confidence=org.confidence,
            )
            self.add(iri, ORG.unitOf, self.organization(parent.key, parent, spans, confidence))
        return iri

    def org_ref(self, org: OrgMention) -> URIRef:
        return self.organization(org.key, org, [(org.start, org.end)], org.confidence, {org.surface})

    def party_ref(self, party) -> URIRef:
        """A twinning side, support giver...: a UnitMention, an OrgMention or a Party."""
        org = getattr(party, "org", None) if not isinstance(party, OrgMention) else party
        if org is not None:
            return self.org_ref(org)
        return self.unit_ref(party.unit)

    # ------------------------------------------------------------------ people and posts
    def people(self) -> None:
        persons = {}
        for post in self.r.posts:
            person = post.person
            if id(person) not in persons:
                iri = URIRef(ID[f"person/{slugify(person.name)}-{self.sid}"])
                persons[id(person)] = iri
                self.fact(iri, KN.Person, person.spans, None)
                self.add(iri, SKOS.prefLabel, Literal(person.name, lang="vi"))
                if self.lang and self.lang != "vi" and person.name == strip_diacritics(person.name):
                    self.todos.append(
                        f"{person.name}: the article writes the name without diacritics; add the "
                        "Vietnamese spelling as skos:prefLabel @vi if a source gives it."
                    )
            org = self.org_ref(post.org)
            iri = URIRef(f"{persons[id(person)]}-{post.role}-{post.org.key}")
            self.fact(iri, KN.Post, [(post.start, post.end)], post.confidence)
            self.add(iri, KN.holder, persons[id(person)])
            self.add(iri, KN.role, KNV[post.role])
            self.add(iri, KN.inOrganization, org)
            date = self.sentence_date(post.start)
            if date is not None:
                self.add(iri, KN.asOf, date_literal(date))
                self.date_note(iri, date)
            elif self.r.published:
                self.add(iri, KN.asOf, Literal(self.r.published.isoformat(), datatype=XSD.date))
                self.add(iri, KN.dateNote, Literal("The article's publication date (--published).", lang="en"))
        self.person_iris = persons

    def sentence_date(self, pos: int):
        sentence = sentence_at(self.r.sentences, pos)
        if sentence is None:
            return None
        return next(
            (
                d
                for d in self.r.free_dates
                if sentence.start <= d.start < sentence.end and not d.relative and d.range_role == ""
            ),
            None,
        )

    def date_note(self, node, date) -> None:
        if date.year_from_context:
            self.add(
                node,
                KN.dateNote,
                Literal(
                    f"The article writes {date.text!r} without a year; the year is taken from its context.", lang="en"
                ),
            )
        if date.computed_from:
            self.add(
                node,
                KN.dateNote,
                Literal(f"The year is computed from the age the article states: {date.computed_from}.", lang="en"),
            )
