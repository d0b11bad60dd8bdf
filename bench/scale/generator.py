"""The generator of synthetic sources: its state, and the story each source tells.

Generator draws every source from an RNG seeded by (seed, source id), on the real units of the
selected provinces, and keeps what later sources return to (twinnings, organizations, policies,
people's names). A source tells stories about one province's twinnings (story): a new or existing
twinning, its agreement, events and supports, now and then a statistic or a unit below a commune,
until it has about facts_per_source fact nodes. The parts are mixins, one module each:
organizations.py (bodies, people, policies), twinnings.py (twinnings and agreements),
activities.py (events, supports, statistics) and injection.py (injected errors).
"""

from __future__ import annotations

import hashlib
import random
from datetime import date

from bench.scale.activities import Activities
from bench.scale.injection import Injection
from bench.scale.organizations import Organizations
from bench.scale.sources import Org, SourceBuilder, Twinning
from bench.scale.terms import ALT, DERIVED, ISSUED, LANGUAGE, NOTE, PREF, RDFS_LABEL, TITLE, iri, kn, knv, literal, vi
from bench.scale.twinnings import Twinnings
from bench.scale.units import ERA_RANGE, HOT, Pool, U, load_units, lo_of
from bench.scale.values import date_literal, rand_date
from kg.vietnamese import slugify, strip_diacritics


class Generator(Organizations, Twinnings, Activities, Injection):
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

    # ----------------------------------------------------------------- units below communes

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
