"""Values of the scale generator: dates in mixed precision, amounts of money, counted quantities.

Dates come as xsd:date, gYearMonth, gYear or gMonthDay (pick_precision); money is drawn on a log
scale and stated the way articles state it ("khoảng 1,5 tỷ đồng"); quantity and amount write the
kn:Quantity and kn:MonetaryAmount nodes of a source.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from bench.scale.sources import SourceBuilder
from bench.scale.terms import kn, knv, literal, typed, vi
from bench.scale.vocabulary import QUALIFIER_WORD


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


def quantity(sb: SourceBuilder, rng: random.Random, node: str, unit: str, measure: str, lo: int, hi: int) -> None:
    """A kn:Quantity node: a count of `unit` between lo and hi, with its qualifier and stated text."""
    sb.node(node, "Quantity", sourced=False)
    value = rng.randint(lo, hi)
    qualifier = rng.choice(["exact", "exact", "exact", "lower-bound", "approximate"])
    sb.add(node, kn("value"), typed(value, "integer"))
    sb.add(node, kn("unitOfMeasure"), literal(unit))
    sb.add(node, kn("measure"), vi(measure))
    sb.add(node, kn("amountQualifier"), knv(qualifier))
    sb.add(node, kn("statedAs"), literal(f"{QUALIFIER_WORD[qualifier]}{value:,} {unit}".replace(",", ".")))


def amount(
    sb: SourceBuilder,
    rng: random.Random,
    node: str,
    low_millions: int,
    high_millions: int,
    value: int | None = None,
    *,
    currency: bool = True,
    used: set[int] | None = None,
) -> int:
    """A kn:MonetaryAmount node in VND (`value`, or drawn between the bounds in millions); returns
    the value. `used`: values already given to amounts that must differ from this one."""
    sb.node(node, "MonetaryAmount", sourced=False)
    value = value if value is not None else money_value(rng, low_millions, high_millions)
    if used is not None:
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
