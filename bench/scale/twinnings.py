"""Twinnings and the agreements that formalise them (a mixin of Generator).

A twinning joins two distinct parties of one era: sister localities (two provinces; two districts
of different provinces, with the twinning of their provinces as parent; two communes of a province,
in 2025 a ward and a rural commune), a sponsor (organization, district or commune) and the commune
it sponsors, or two provinces' bodies (cooperation programme). Each is declared in full (label,
parties, kind, status, start date in mixed precision or relative to the article) by the first
source that names it, and kept in Generator.twinnings for later sources to return to.
"""

from __future__ import annotations

import random
from datetime import date

from bench.scale.sources import Org, SourceBuilder, Twinning
from bench.scale.terms import COMMENT, PREF, en, iri, kn, knv, typed, vi
from bench.scale.units import ERA_RANGE, PROVINCE_KEY, U
from bench.scale.values import date_literal, pick_precision, rand_date
from bench.scale.vocabulary import CONTENT_AREAS, QUALIFIER_WORD, WAR_YEARS, cap
from kg.vietnamese import strip_diacritics


class Twinnings:
    """Kept in Generator.twinnings, .twinnings_by_era and .agreements; parties from .pools,
    .children and .communes_of_province."""

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
            sb.add(tw.iri, PREF, vi(f"{cap(a.display)} kết nghĩa đỡ đầu {b.display}"))
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

    # ----------------------------------------------------------------- agreements

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
