"""The draft's relational facts: twinnings and their agreements, policies, events, supports and
reported statistics, with their amounts, quantities and relative times (see kg.extract.draft),
and the draft built and written from them (build_draft, serialize)."""

from __future__ import annotations

import warnings

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.extract.draft import KNE, DraftBuilder, date_literal, decimal_literal
from kg.extract.labels import event_label, party_label, snippet, support_label, twinning_label
from kg.extract.supports import actors_in
from kg.iris import ID, KN, KNV

_AGREEMENT_SLUGS = {
    "signed-minutes": "signed-minutes",
    "cooperation-programme-document": "programme",
    "memorandum": "memorandum",
}
_AGREEMENT_WORDS = {
    "signed-minutes": "Biên bản kết nghĩa",
    "cooperation-programme-document": "Chương trình",
    "memorandum": "Biên bản ghi nhớ",
}
_POLICY_WORDS = {
    "directive": "Chỉ thị",
    "resolution": "Nghị quyết",
    "official-letter": "Công văn",
    "decision": "Quyết định",
    "plan": "Kế hoạch",
    "notice": "Thông báo",
}


class FactWriter(DraftBuilder):
    def write(self) -> None:
        self.source()
        if self.r.article is None or not self.r.sentences:
            return
        self.units()
        self.organizations()
        self.people()
        self.policy_iris = {id(p): URIRef(ID[f"policy/{p.key}"]) for p in self.r.policies}
        self.twinning_iris = {id(t): URIRef(ID[f"twinning/{t.key}"]) for t in self.r.twinnings}
        self.event_iris = self._event_iris()
        self.policies()
        self.twinnings()
        self.events()
        self.supports()
        self.statistics()

    # ------------------------------------------------------------------ amounts and quantities
    def amount(self, owner: URIRef, mention, suffix: str = "amount") -> URIRef:
        node = URIRef(f"{owner}-{suffix}")
        self.add(owner, KN.amount, node)
        self.add(node, RDF.type, KN.MonetaryAmount)
        self.add(node, KN.value, decimal_literal(mention.value))
        self.add(node, KN.currency, Literal(mention.currency))
        self.add(node, KN.amountQualifier, KNV[mention.qualifier])
        self.add(node, KN.statedAs, Literal(mention.text))
        self.evidence(node, [(mention.start, mention.end)])
        return node

    def quantity(self, owner: URIRef, prop, mention, suffix: str) -> None:
        node = URIRef(f"{owner}-{suffix}")
        self.add(owner, prop, node)
        self.add(node, RDF.type, KN.Quantity)
        self.add(node, KN.value, decimal_literal(mention.value))
        self.add(node, KN.unitOfMeasure, Literal(mention.unit))
        self.add(node, KN.amountQualifier, KNV[mention.qualifier])
        self.add(node, KN.statedAs, Literal(mention.text))
        self.evidence(node, [(mention.start, mention.end)])

    # ------------------------------------------------------------------ policies
    def policies(self) -> None:
        for policy in self.r.policies:
            iri = self.policy_iris[id(policy)]
            self.fact(iri, KN.PolicyDocument, policy.evidence, policy.confidence)
            self.add(iri, KN.policyType, KNV[policy.policy_type])
            if self.lang == "vi":
                self.add(iri, SKOS.prefLabel, Literal(snippet(policy.title, 0, len(policy.title), 200), lang="vi"))
            else:
                word = _POLICY_WORDS.get(policy.kind)
                label = f"{word} số {policy.number}" if word else f"Chủ trương của {policy.issuer.label_vi}"
                self.add(iri, SKOS.prefLabel, Literal(label, lang="vi"))
                self.add(iri, SKOS.prefLabel, self.text_literal(snippet(policy.title, 0, len(policy.title), 200)))
            if policy.number:
                self.add(iri, KN.documentNumber, Literal(policy.number))
            if policy.issuer is not None:
                self.add(iri, KN.issuedBy, self.org_ref(policy.issuer))
            else:
                self.todos.append(
                    f"Policy {policy.title!r}: the article does not say who issued it here; add kn:issuedBy."
                )
            if policy.issued is not None:
                self.add(iri, KN.issuedOn, date_literal(policy.issued))
                self.date_note(iri, policy.issued)
            if policy.start_date is not None:
                self.add(iri, KN.startDate, date_literal(policy.start_date))
                self.date_note(iri, policy.start_date)

    # ------------------------------------------------------------------ twinnings
    def twinnings(self) -> None:
        for twinning in self.r.twinnings:
            iri = self.twinning_iris[id(twinning)]
            self.fact(iri, KN.Twinning, twinning.evidence, twinning.confidence)
            self.add(iri, SKOS.prefLabel, Literal(twinning_label(twinning), lang="vi"))
            self.add(iri, KN.twinningKind, KNV[twinning.kind])
            self.add(iri, KN.status, KNV[twinning.status])
            refs = [self.party_ref(p) for p in twinning.parties]
            if twinning.kind == "sponsorship":
                self.add(iri, KN.sponsor, refs[0])
                self.add(iri, KN.sponsored, refs[1])
            else:
                for ref in refs:  # two parties, or three and more in one relation
                    self.add(iri, KN.party, ref)
            if twinning.established is not None:
                self.add(iri, KN.establishedOn, date_literal(twinning.established))
                self.date_note(iri, twinning.established)
            relative = twinning.established_relative
            if relative is not None and (twinning.established is None or twinning.established.computed_from):
                # a year computed from an age goes with the age as the article states it
                self.relative_time(iri, relative)
            for policy in twinning.policies:
                self.add(iri, KN.underPolicy, self.policy_iris[id(policy)])
            if twinning.agreement_type:
                self.agreement(iri, twinning)
            if twinning.inferred:
                self.add(
                    iri,
                    SKOS.note,
                    Literal(
                        "Inferred from support the article reports in a twinning context; the article does not "
                        "call it kết nghĩa đỡ đầu in so many words.",
                        lang="en",
                    ),
                )
                self.todos.append(
                    f"{twinning_label(twinning)}: proposed from a support, not from a twinning "
                    "statement; confirm or delete."
                )

    def relative_time(self, owner: URIRef, mention) -> None:
        node = URIRef(f"{owner}-relative-time")
        self.add(owner, KN.establishedRelative, node)
        self.add(node, RDF.type, KN.RelativeTime)
        self.add(node, KN.expression, self.text_literal(mention.text))
        if mention.offset:
            self.add(node, KN.offset, Literal(mention.offset, datatype=XSD.duration))
            self.add(node, KN.amountQualifier, KNV[mention.qualifier])
        self.add(node, KN.anchor, self.src)
        self.evidence(node, [(mention.start, mention.end)])

    def agreement(self, twinning_iri: URIRef, twinning) -> None:
        keys = sorted(p.key for p in twinning.parties)
        iri = URIRef(ID[f"agreement/{'--'.join(keys)}-{_AGREEMENT_SLUGS[twinning.agreement_type]}"])
        self.fact(iri, KN.Agreement, twinning.evidence, round(twinning.confidence * 0.9, 2))
        labels = [party_label(p) for p in twinning.parties]
        who = f"{', '.join(labels[:-1])} và {labels[-1]}"
        self.add(iri, SKOS.prefLabel, Literal(f"{_AGREEMENT_WORDS[twinning.agreement_type]} giữa {who}", lang="vi"))
        self.add(iri, KN.agreementType, KNV[twinning.agreement_type])
        self.add(twinning_iri, KN.formalisedBy, iri)
        for party in twinning.parties:
            self.add(iri, KN.agreementParty, self.party_ref(party))
        if twinning.established is not None:
            self.add(iri, KN.signedOn, date_literal(twinning.established))
            self.date_note(iri, twinning.established)
        for event in self.r.events:
            if event.kind == "ceremony" and _overlap(event.evidence, twinning.evidence):
                self.add(iri, KN.signedDuring, self.event_iris[id(event)])
                break

    # ------------------------------------------------------------------ events
    def _event_iris(self) -> dict[int, URIRef]:
        iris, used = {}, set()
        for event in self.r.events:
            slug = event.slug
            while slug in used:
                slug += "-b"
            used.add(slug)
            iris[id(event)] = URIRef(ID[f"event/{self.sid}/{slug}"])
        return iris

    def related_twinnings(self, spans) -> list[URIRef]:
        found = [self.twinning_iris[id(t)] for t in self.r.twinnings if not t.inferred and _overlap(spans, t.evidence)]
        real = [t for t in self.r.twinnings if not t.inferred]
        if not found and len(real) == 1:
            found = [self.twinning_iris[id(real[0])]]
        return found

    def events(self) -> None:
        for event in self.r.events:
            iri = self.event_iris[id(event)]
            self.fact(iri, KN.Event, event.evidence, event.confidence)
            self.add(iri, KN.eventType, KNV[event.kind])
            self.add(
                iri,
                SKOS.prefLabel,
                Literal(
                    snippet(self.text, event.start, event.sentence.end) if self.lang == "vi" else event_label(event),
                    lang="vi",
                ),
            )
            if self.lang != "vi" and self.lang:
                self.add(
                    iri, SKOS.prefLabel, self.text_literal(snippet(self.text, event.sentence.start, event.sentence.end))
                )
            if event.date is not None and event.end_date is not None:
                self.add(iri, KN.startDate, date_literal(event.date))
                self.add(iri, KN.endDate, date_literal(event.end_date))
                self.date_note(iri, event.date)
            elif event.date is not None:
                self.add(iri, KN.date, date_literal(event.date))
                self.date_note(iri, event.date)
            else:
                self.add(iri, KN.dateNote, Literal("The sentence that reports this event gives no date.", lang="en"))
                self.todos.append(
                    f"Event {snippet(self.text, event.start, event.sentence.end, 60)!r}: the "
                    "sentence gives no date; add kn:date if the article gives one elsewhere."
                )
            if event.place is not None:
                self.add(iri, KN.place, self.unit_ref(event.place.unit))
            for n, figure in enumerate(event.figures, 1):
                self.quantity(iri, KN.figure, figure, f"figure-{n}")
            if event.amount is not None:
                self.amount(iri, event.amount)
            if event.led_by is not None and id(event.led_by) in self.person_iris:
                self.add(iri, KN.ledBy, self.person_iris[id(event.led_by)])
            for person in event.participants:
                if id(person) in self.person_iris:
                    self.add(iri, KN.participant, self.person_iris[id(person)])
            for party in actors_in(event.sentence, self.r.units, self.r.orgs, self.r.posts):
                if party is not event.place:
                    self.add(iri, KN.participant, self.party_ref(party))
            for twinning in self.related_twinnings(event.evidence):
                self.add(iri, KN.relatedTwinning, twinning)

    # ------------------------------------------------------------------ supports and statistics
    def supports(self) -> None:
        for support in self.r.supports:
            slug = support.purpose or (support.types[0] if support.types else "support")
            iri = URIRef(ID[f"support/{self.sid}/{slug}-{support.index}"])
            self.support(iri, support)
            for n, part in enumerate(support.parts, 1):
                part_iri = URIRef(f"{iri}-part-{n}")
                self.add(iri, KN.hasPart, part_iri)
                self.support(part_iri, part)

    def support(self, iri: URIRef, support) -> None:
        self.fact(iri, KN.Support, [(support.start, support.end)], support.confidence)
        self.add(iri, SKOS.prefLabel, Literal(support_label(support), lang="vi"))
        for kind in support.types:
            self.add(iri, KN.supportType, KNV[kind])
        if support.giver is not None:
            self.add(iri, KN.giver, self.party_ref(support.giver))
        else:
            self.todos.append(
                f"Support {snippet(self.text, support.start, support.end, 60)!r}: the giver is "
                "not named in the sentence; add kn:giver."
            )
        if support.recipient is not None:
            self.add(iri, KN.recipient, self.party_ref(support.recipient))
        if support.recipient_description:
            self.add(iri, KN.recipientDescription, self.text_literal(support.recipient_description))
        if support.purpose:
            self.add(iri, KN.purpose, KNV[support.purpose])
        if support.date is not None:
            self.add(iri, KN.date, date_literal(support.date))
            self.date_note(iri, support.date)
        if support.amount is not None:
            self.amount(iri, support.amount)
        for n, quantity in enumerate(support.quantities, 1):
            self.quantity(iri, KN.quantity, quantity, "quantity" if n == 1 else f"quantity-{n}")
        spans = [(support.start, support.end)]
        for event in self.r.events:
            if _overlap(event.evidence, spans):
                self.add(iri, KN.duringEvent, self.event_iris[id(event)])
                break
        keys = {p.key for p in (support.giver, support.recipient) if p is not None and getattr(p, "key", None)}
        keys |= {
            f"{p.unit.era}-{p.unit.code}"
            for p in (support.giver, support.recipient)
            if p is not None and getattr(p, "unit", None) is not None
        }
        for twinning in self.r.twinnings:
            if len(keys & {p.key for p in twinning.parties}) >= 2:
                self.add(iri, KN.relatedTwinning, self.twinning_iris[id(twinning)])

    def statistics(self) -> None:
        for statistic in self.r.statistics:
            iri = URIRef(ID[f"statistic/{self.sid}/amount-{statistic.index}"])
            self.fact(iri, KN.ReportedStatistic, [(statistic.start, statistic.end)], statistic.confidence)
            measure = statistic.measure or statistic.amount.text
            self.add(
                iri,
                SKOS.prefLabel,
                Literal(measure if self.lang == "vi" else f"Số liệu: {statistic.amount.text}", lang="vi"),
            )
            self.add(iri, KN.measure, self.text_literal(measure))
            if statistic.subject is not None:
                self.add(iri, KN.subject, self.party_ref(statistic.subject))
            else:
                self.todos.append(
                    f"Statistic {statistic.amount.text!r}: no unit or organization is named with it; add kn:subject."
                )
            if statistic.date is not None:
                prop = KN.period if statistic.date.datatype == "gYear" else KN.asOf
                self.add(iri, prop, date_literal(statistic.date))
            elif self.r.published:
                self.add(iri, KN.asOf, Literal(self.r.published.isoformat(), datatype=XSD.date))
            else:
                self.todos.append(
                    f"Statistic {statistic.amount.text!r}: the sentence gives no date; add kn:period or kn:asOf."
                )
            self.amount(iri, statistic.amount)


def _overlap(spans_a, spans_b) -> bool:
    return any(a < d and c < b for a, b in spans_a for c, d in spans_b)


def build_draft(result, validate: bool = True) -> Dataset:
    builder = FactWriter(result)
    builder.write()
    if validate and result.article is not None:
        from kg.extract.draft_check import check

        builder.todos += check(builder)
    for todo in dict.fromkeys(builder.todos):
        builder.add(builder.src, KNE.todo, Literal(todo, lang="en"))
    return builder.ds


def serialize(ds: Dataset) -> str:
    header = (
        "# Draft contribution written by `kg extract`: facts proposed from one article, each with its\n"
        "# evidence (kne:evidence: character offsets and quote) and confidence. Check every one against\n"
        "# the article; kne:todo on the article lists what is still missing.\n"
    )
    with warnings.catch_warnings():  # rdflib's own TriG serializer calls its deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        return header + ds.serialize(format="trig")
