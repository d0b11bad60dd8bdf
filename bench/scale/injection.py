"""Injected errors of known kinds, for the validation benchmarks (a mixin of Generator).

`--inject N` (or `--inject kind=n,...`, parse_inject) adds errors of ERROR_KINDS, each a small
extra fact in a synthetic source, drawn from an RNG of its own (seed, kind, number), not the
source's; Generator.inject returns the error's kind, focus node, source and the shape
expected to catch it, which writing.generate lists in injected.json.
"""

from __future__ import annotations

import random
from datetime import date

from bench.scale.sources import SourceBuilder
from bench.scale.terms import PREF, iri, kn, knv, vi
from bench.scale.units import U
from bench.scale.values import amount, date_literal, rand_date
from bench.scale.vocabulary import cap

ERROR_KINDS = ("self-twinning", "negative-amount", "missing-currency", "end-before-start", "unit-outside-era")


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


class Injection:
    """Injects into the sources Generator.source makes; units from Generator.pools."""

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
            sb.add(sup, PREF, vi(f"{cap(commune.display)} hỗ trợ {other.display}"))
            sb.add(sup, kn("supportType"), knv("money"))
            sb.add(sup, kn("giver"), commune.iri)
            sb.add(sup, kn("recipient"), other.iri)
            sb.add(sup, kn("date"), date_literal(when, "day"))
            sb.add(sup, kn("relatedTwinning"), tw)
            focus = f"{sup[:-1]}-amount>"
            sb.add(sup, kn("amount"), focus)
            if kind == "negative-amount":
                amount(sb, rng, focus, 0, 0, value=-50_000_000)
                expected = "knsh:MonetaryAmount-value (sh:minExclusive 0)"
            else:
                amount(sb, rng, focus, 10, 500, currency=False)
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
