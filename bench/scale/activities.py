"""Events, supports and reported statistics (a mixin of Generator).

What a source tells of a twinning: events between its parties (visits, ceremonies, contests,
construction works, conferences, survey trips) with the people who led them and the figures they
report; supports from one party to the other (money, goods, houses, livelihood models, packages in
parts) with their amounts and quantities; and statistics a province or district reports.
"""

from __future__ import annotations

from datetime import date

from bench.scale.sources import Org, Twinning
from bench.scale.terms import PREF, iri, kn, knv, typed, vi
from bench.scale.units import U
from bench.scale.values import amount, date_literal, pick_precision, quantity
from bench.scale.vocabulary import EVENT_TEXT, FIGURES, PURPOSES, STATISTICS, cap


class Activities:
    """Amounts kept distinct per (giver, recipient, date) in Generator.amounts_used."""

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
                quantity(sb, rng, fig, *FIGURES[etype][(n - 1) % len(FIGURES[etype])])
            if etype == "construction-work":
                amt = f"{ev[:-1]}-amount>"
                sb.add(ev, kn("amount"), amt)
                amount(sb, rng, amt, 200, 8000)
        sb.add(ev, kn("relatedTwinning"), tw.iri)
        return ev

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
        # Two supports with the same giver, recipient, date and value are the same fact
        # (knsh:DuplicateShape): keep the values of one (giver, recipient, date) distinct.
        used = self.amounts_used.setdefault((giver.iri, recipient.iri, date_literal(when, precision)), set())
        label = f"{cap(giver.display)} hỗ trợ {recipient.display}: {phrase}"
        common(sup, label, stype)
        if rng.random() < 0.4:
            sb.add(sup, kn("recipientDescription"), vi(f"các hộ gia đình khó khăn của {recipient.display}"))
        if event is not None:
            sb.add(sup, kn("duringEvent"), event)
        if stype == "package":
            total = amount(sb, rng, f"{sup[:-1]}-amount>", 300, 20000, used=used)
            sb.add(sup, kn("amount"), f"{sup[:-1]}-amount>")
            for n, part_type in enumerate(rng.sample(["money", "in-kind", "house"], rng.randint(2, 3)), 1):
                part = f"{sup[:-1]}-part-{n}>"
                common(part, f"{label} (phần {n})", part_type)
                sb.add(sup, kn("hasPart"), part)
                if part_type == "money":
                    amount(
                        sb,
                        rng,
                        f"{part[:-1]}-amount>",
                        0,
                        0,
                        value=max(total // 4 // 1_000_000, 1) * 1_000_000,
                        used=used,
                    )
                    sb.add(part, kn("amount"), f"{part[:-1]}-amount>")
                elif part_type == "house":
                    quantity(sb, rng, f"{part[:-1]}-quantity>", "nhà", "số nhà", 1, 50)
                    sb.add(part, kn("quantity"), f"{part[:-1]}-quantity>")
            return
        if stype in ("money", "investment", "house") or rng.random() < 0.3:
            amount(sb, rng, f"{sup[:-1]}-amount>", 5, 5000, used=used)
            sb.add(sup, kn("amount"), f"{sup[:-1]}-amount>")
        if stype in ("house", "in-kind", "livelihood-model") or rng.random() < 0.2:
            quantity(sb, rng, f"{sup[:-1]}-quantity>", qunit, f"số {qunit}", 1, 500)
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
            amount(sb, rng, node, lo, hi)
            sb.add(st, kn("amount"), node)
        else:
            node = f"{st[:-1]}-quantity>"
            quantity(sb, rng, node, qunit, measure, lo, hi)
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
