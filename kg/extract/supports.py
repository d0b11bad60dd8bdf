"""Support and what it was given for; figures that are statistics rather than gifts.

Every sum of money the article states gets an owner, so that none is lost:
- a support (kn:Support) when its clause has a giving verb (ủng hộ, hỗ trợ, tặng, trao, fait don,
  offert, donated...): the giver is the clause's first party, the recipient a party named after
  the verb, "cho ..." / "pour ..." the beneficiaries in the article's words, the purpose and the
  kind of support from the words around it. Several sums in one clause, one of them a "tổng"
  (total), make a package with the others as its parts;
- the works' cost (kn:amount of a construction event) when the clause speaks of investment and
  the sentence reports a construction;
- otherwise a reported statistic (income per head, a year's total of all support).
An agency or enterprise supporting a commune, in an article about twinning, is proposed as a
sponsorship (kết nghĩa đỡ đầu) with low confidence: the steward confirms or deletes it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.extract.amounts import AmountMention, QuantityMention
from kg.extract.organizations import OrgMention
from kg.extract.spans import ByPosition, Coverage
from kg.extract.text import Sentence
from kg.extract.relations import Party, Twinning
from kg.extract.unit_mentions import UnitMention

_GIVING = re.compile(
    r"ủng hộ|hỗ trợ|tặng|trao tặng|trao|giúp đỡ|fait don|a offert|offre|fournit|soutenir|soutien"
    r"|donated|donates|gave|given|give|supported|funded|handed over",
    re.I,
)
_TOTAL = re.compile(r"(?:tổng|total|au total|in total)\b[^,.;]{0,25}$", re.I)
_STATISTIC = re.compile(
    r"bình quân|thu nhập|revenu|per capita|income|/người|/personne|toàn tỉnh|tổng giá trị hỗ trợ", re.I
)
_INVESTMENT = re.compile(r"đầu tư|kinh phí xây dựng|investissement|investment", re.I)
_RECIPIENT_WORDS = re.compile(
    r"(?:\bcho|\bpour|\baux|\bto|\bfor)\s+((?:các|những|les|des|the)?\s*[^,.;:()]{3,80})", re.I
)
PURPOSES = [
    ("disaster-relief", r"bão|lũ|lụt|thiên tai|khắc phục|inondation|tempête|flood|storm|disaster"),
    ("housing", r"nhà ở|nhà tình nghĩa|nhà đại đoàn kết|xóa nhà tạm|xây nhà|logement|housing|houses?\b"),
    ("youth-women-startup", r"khởi nghiệp|thanh niên, phụ nữ|start-?up"),
    ("livelihood", r"sinh kế|mô hình|giống|sản xuất|thoát nghèo|livelihood"),
    ("education", r"học bổng|phòng học|trường|học sinh|bourse|école|scholarship|school"),
    ("infrastructure", r"đường giao thông|điện|cầu|route|road|bridge"),
    ("commemoration", r"công viên|ghi dấu|dấu ấn|biểu tượng|monument"),
    ("social-welfare", r"quà|an sinh|chính sách|cadeaux|gifts?\b|bénéficiaires"),
]
SUPPORT_TYPES = [
    ("house", r"nhà tình nghĩa|nhà đại đoàn kết|xây nhà|\d+ (?:căn )?nhà|maisons"),
    ("livelihood-model", r"mô hình|giống|con giống|cây giống"),
    ("investment", r"đầu tư|investissement|investment"),
    ("in-kind", r"quà|quần áo|hiện vật|thiết bị|vật tư|cadeaux|gifts?\b|equipment"),
]


@dataclass(eq=False)
class Support:
    start: int
    end: int
    giver: object = None  # UnitMention or OrgMention
    recipient: object = None
    recipient_description: str = ""
    purpose: str | None = None
    types: list[str] = field(default_factory=list)
    amount: AmountMention | None = None
    quantities: list[QuantityMention] = field(default_factory=list)
    parts: list[Support] = field(default_factory=list)
    date: object = None
    event: object = None
    confidence: float = 0.7
    index: int = 0


@dataclass(eq=False)
class Statistic:
    start: int
    end: int
    amount: AmountMention
    subject: object = None
    measure: str = ""
    date: object = None
    confidence: float = 0.6
    index: int = 0


def _first(pattern_list, text: str) -> str | None:
    return next((name for name, pattern in pattern_list if re.search(pattern, text, re.I)), None)


def actors_in(sentence: Sentence, units: list[UnitMention], orgs: list[OrgMention], posts):
    """The units and organizations a sentence names as actors: not a parent in brackets, not an
    organization inside a person's post, not a body written without its unit."""
    # The article's actors, indexed once rather than per sentence (the lists are kept, so that
    # `is` cannot be fooled by a reused id).
    lists, sizes = (units, orgs, posts), (len(units), len(orgs), len(posts))
    if not _ACTORS or any(a is not b for a, b in zip(_ACTORS["lists"], lists)) or _ACTORS["sizes"] != sizes:
        _ACTORS.update(lists=lists, sizes=sizes, index=_actor_index(units, orgs, posts))
    found = _ACTORS["index"].between(sentence.start, sentence.end)
    return sorted(found, key=lambda c: getattr(c, "evidence_start", c.start))


_ACTORS: dict = {}


def _actor_index(units, orgs, posts) -> ByPosition:
    size = max([0] + [m.end for m in units] + [o.end for o in orgs] + [p.end for p in posts])
    in_posts = Coverage(size, [(p.start, p.end) for p in posts])
    in_orgs = Coverage(size, [(o.start, o.end) for o in orgs])
    context = {m.parent_hint_start for m in units if m.unit is not None and m.hint_is_parent}
    found = [
        m
        for m in units
        if m.unit is not None
        and m.kind not in ("parent", "below")
        and m.start not in context
        and not in_posts.covers(m.start)
        and not in_orgs.covers(m.evidence_start)
    ]
    found += [
        o for o in orgs if o.key and (o.named or o.kind in ("bank", "enterprise")) and not in_posts.covers(o.start)
    ]
    return ByPosition(found, key=lambda c: c.start)


def find_supports(text, sentences, amounts, quantities, units, orgs, posts, dates, events):
    supports, statistics = [], []
    amounts_at, quantities_at = (
        ByPosition(amounts, key=lambda a: a.start),
        ByPosition(quantities, key=lambda q: q.start),
    )
    for sentence in sentences:
        for clause in sentence.clauses():
            here = amounts_at.between(clause.start, clause.end)
            counted = quantities_at.between(clause.start, clause.end)
            giving = _GIVING.search(clause.text)
            if not here and not (giving and counted):
                continue
            date = next(
                (
                    d
                    for d in dates
                    if sentence.start <= d.start < sentence.end and not d.relative and d.range_role == ""
                ),
                None,
            )
            parties = actors_in(sentence, units, orgs, posts)
            construction = next(
                (
                    e
                    for e in events
                    if e.kind == "construction-work" and any(a <= clause.start < b for a, b in e.evidence)
                ),
                None,
            )
            for amount in here:
                before = text[clause.start : amount.start]
                if construction is not None and _INVESTMENT.search(before) and construction.amount is None:
                    construction.amount = amount  # the cost of the works
                    here = [a for a in here if a is not amount]
                elif _STATISTIC.search(clause.text) or not giving:
                    subject = next(
                        (p for p in reversed(parties) if getattr(p, "evidence_start", p.start) < amount.start),
                        parties[0] if parties else _previous_party(text, sentences, sentence, units, orgs, posts),
                    )
                    statistics.append(
                        Statistic(
                            amount.start,
                            amount.end,
                            amount,
                            subject,
                            re.sub(r"\s+", " ", before.strip(" ,:"))[-120:],
                            date,
                        )
                    )
                    here = [a for a in here if a is not amount]
            if here or (giving and counted and parties):
                supports += _support(text, clause, here, counted, parties, date)
    for n, support in enumerate(supports, 1):
        support.index = n
    for n, statistic in enumerate(statistics, 1):
        statistic.index = n
    return supports, statistics


def _previous_party(text, sentences, sentence, units, orgs, posts):
    """ "Le revenu moyen ... a atteint 48 millions": the figure is about the unit the previous
    sentence of the same paragraph was about (its last named party)."""
    index = bisect.bisect_left(sentences, sentence.start, key=lambda s: s.start)
    if index == 0 or "\n" in text[sentences[index - 1].end : sentence.start]:
        return None
    parties = actors_in(sentences[index - 1], units, orgs, posts)
    return parties[-1] if parties else None


def _support(text, clause: Sentence, amounts, counted, parties, date) -> list[Support]:
    """The clause's support: one package when one of its sums is a total, else one support per sum
    (each described by the words since the previous sum)."""
    verb = _GIVING.search(clause.text)
    verb_at = clause.start + verb.start() if verb else clause.start
    giver = next((p for p in parties if getattr(p, "evidence_start", p.start) < verb_at), None)
    recipient = next(
        (p for p in parties if getattr(p, "evidence_start", p.start) > verb_at and _party_key(p) != _party_key(giver)),
        None,
    )
    described = _RECIPIENT_WORDS.search(clause.text[verb_at - clause.start :]) if verb else None
    description = described.group(1).strip() if described else ""
    confidence = 0.8 if giver is not None and (recipient is not None or description) else 0.55

    def make(types, amount, words, quantities=()):
        return Support(
            clause.start,
            clause.end,
            giver,
            recipient,
            description,
            _first(PURPOSES, words) or _first(PURPOSES, clause.text),
            types,
            amount,
            list(quantities),
            [],
            date,
            confidence=confidence,
        )

    kind = _first(SUPPORT_TYPES, clause.text)
    totals = [a for a in amounts if _TOTAL.search(text[clause.start : a.start])]
    if len(amounts) >= 2 and len(totals) == 1:
        package = make(["package"], totals[0], clause.text, counted)
        package.parts = [make(["money"], a, clause.text) for a in amounts if a is not totals[0]]
        if kind == "in-kind":  # "cùng nhiều quần áo, trang thiết bị": goods without their own sum
            package.parts.append(make(["in-kind"], None, clause.text))
        return [package]
    if len(amounts) <= 1:
        return [
            make([kind or ("money" if amounts else "in-kind")], amounts[0] if amounts else None, clause.text, counted)
        ]
    supports, previous = [], clause.start
    for index, amount in enumerate(amounts):
        # What a sum is for is usually said right after it ("200 triệu đồng cho học sinh").
        following = amounts[index + 1].start if index + 1 < len(amounts) else clause.end
        words = text[amount.start : following]
        if not _first(PURPOSES, words):
            words = text[previous : amount.end]
        supports.append(make([_first(SUPPORT_TYPES, words) or "money"], amount, words))
        previous = amount.end
    supports[0].quantities = list(counted)
    return supports


def _party_key(party) -> str | None:
    if party is None:
        return None
    if isinstance(party, OrgMention) and party.kind not in ("party-committee", "peoples-committee", "peoples-council"):
        return party.key
    return f"{party.unit.era}-{party.unit.code}" if party.unit is not None else party.key


def inferred_sponsorships(supports: list[Support], trigger_count: int) -> list[Twinning]:
    """An agency or enterprise supporting a commune, in an article about twinning (at least two
    twinning words), is probably its sponsor (kết nghĩa đỡ đầu): proposed with low confidence."""
    found = []
    if trigger_count < 2:
        return found
    for support in supports:
        giver, recipient = support.giver, support.recipient
        if (
            isinstance(giver, OrgMention)
            and giver.kind in ("bank", "enterprise")
            and isinstance(recipient, UnitMention)
            and recipient.unit.level == "commune"
        ):
            twinning = Twinning(
                "sponsorship",
                [
                    Party(giver.start, giver.end, org=giver),
                    Party(recipient.evidence_start, recipient.end, unit=recipient.unit),
                ],
                "active",
                0.45,
                [(support.start, support.end)],
                inferred=True,
            )
            found.append(twinning)
    return found
