"""Organizations, the people in their posts, and the policies they issue (a mixin of Generator).

A unit's bodies (party committee, standing board, party office, people's committee and council) and
a province's other organizations (banks, enterprises, mass organizations, agencies) are made once
and kept in Generator.orgs; each source declares those it names. People are new in each source
(the same name in two sources may be linked by kn:possiblySameAs, never merged) and hold a dated
kn:Post in a body. A province's policies on twinning are kept per era and reused by later sources.
"""

from __future__ import annotations

import random
from datetime import date

from bench.scale.sources import Org, SourceBuilder
from bench.scale.terms import ALT, NOTE, PREF, UNIT_OF, iri, kn, knv, literal, vi
from bench.scale.units import ERA_RANGE, U
from bench.scale.values import date_literal, pick_precision, rand_date
from bench.scale.vocabulary import (
    BODY_CLASS,
    CONTENT_AREAS,
    GIVENS,
    MIDDLES,
    PARTY_COMMITTEE_WORD,
    PROVINCE_ORGS,
    ROLES_BY_BODY,
    SURNAMES,
)
from kg.vietnamese import slugify, strip_diacritics


class Organizations:
    """Made and kept in Generator.orgs, .people_by_name, .policies and .policy_iris."""

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
