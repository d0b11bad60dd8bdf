"""Precision and recall of a draft against a curated source graph, per fact type.

How facts are matched (each draft fact is paired with at most one gold fact that matches it,
in the draft's order; precision = paired draft facts / draft facts, recall = paired gold facts /
gold facts):

- organizations: the same IRI, or a label in common (skos:prefLabel / skos:altLabel / rdfs:label,
  compared without diacritics or case). Draft organizations are then renamed to the gold IRI they
  match, so that the fact types below compare organizations by identity;
- twinning pairs: the same set of parties (kn:party, kn:sponsor, kn:sponsored), kind and status
  aside (their agreement on matched pairs is reported separately);
- dates: the same lexical value and datatype (xsd:date, gYearMonth, gYear, gMonthDay) anywhere in
  the gold graph as a date value (dct:issued of the article and unit validity left out); a
  relative time (kn:RelativeTime) matches one with the same kn:offset whose kn:expression contains
  the other's, without diacritics or case;
- amounts: kn:MonetaryAmount with the same kn:value, kn:currency and kn:amountQualifier (as a
  multiset: two equal sums must be found twice);
- people with posts: kn:Post with the same kn:role and kn:inOrganization and a holder whose name
  (any label, without diacritics) is the same;
- units: administrative units referred to anywhere in the graph. A draft unit is correct when the
  gold graph refers to it or to one of its parts (a province written in brackets after a district
  is right even if the curator did not repeat it); a gold unit is found when the draft names it;
- policies: kn:PolicyDocument with the same issuer (kn:issuedBy) and document number (both
  absent for a policy line).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.extract.lexicon import lexicon
from kg.vietnamese import fold
from kg.iris import KN

FACT_TYPES = ("twinning pairs", "dates", "amounts", "people with posts", "units", "organizations", "policies")
ORG_CLASSES = {
    KN[c]
    for c in (
        "Organization",
        "PartyCommittee",
        "StandingBoard",
        "PeoplesCommittee",
        "PeoplesCouncil",
        "PartyOffice",
        "Enterprise",
        "BankBranch",
        "MassOrganization",
        "GovernmentAgency",
    )
}
DATE_TYPES = {XSD.date, XSD.gYearMonth, XSD.gYear, XSD.gMonthDay}
UNIT_PREFIX = "https://w3id.org/ketnghia/id/unit/"
_NOT_FACT_DATES = {DCTERMS.issued, KN.validFrom, KN.validUntil}


@dataclass
class Score:
    predicted: int = 0
    correct: int = 0  # predictions that match some gold fact
    gold: int = 0
    found: int = 0  # gold facts that some prediction matches
    spurious: list = field(default_factory=list)
    missed: list = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    def __iadd__(self, other: Score) -> Score:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found
        return self


def load_graph(path_or_text, is_text: bool = False) -> Graph:
    """All triples of a TriG file (every named graph) in one graph."""
    ds = Dataset()
    if is_text:
        ds.parse(data=path_or_text, format="trig")
    else:
        ds.parse(str(path_or_text), format="trig")
    graph = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _labels(graph: Graph, node) -> set[str]:
    return {fold(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label) for o in graph.objects(node, p)}


def _organizations(graph: Graph) -> set:
    return {s for cls in ORG_CLASSES for s in graph.subjects(RDF.type, cls)}


def organization_map(draft: Graph, gold: Graph) -> dict:
    """Draft organization -> the gold organization it matches (same IRI, else a common label)."""
    gold_orgs = _organizations(gold)
    by_label = {}
    for org in gold_orgs:
        for label in _labels(gold, org):
            by_label.setdefault(label, org)
    mapping = {}
    for org in _organizations(draft):
        if org in gold_orgs:
            mapping[org] = org
        else:
            mapping[org] = next((by_label[l] for l in sorted(_labels(draft, org)) if l in by_label), org)
    return mapping


def _score(predicted: list, gold: list, same) -> Score:
    score = Score(len(predicted), 0, len(gold), 0)
    used = set()
    for p in predicted:
        match = next((i for i, g in enumerate(gold) if i not in used and same(p, g)), None)
        if match is not None:
            used.add(match)
            score.correct += 1
        else:
            score.spurious.append(p)
    # One-to-one: two equal curated facts need two proposals (amounts are a multiset).
    score.found = len(used)
    score.missed = [g for i, g in enumerate(gold) if i not in used]
    return score


# ---------------------------------------------------------------------------- fact extraction


def twinning_pairs(graph: Graph, rename: dict) -> list:
    pairs = []
    for node in graph.subjects(RDF.type, KN.Twinning):
        parties = {rename.get(o, o) for p in (KN.party, KN.sponsor, KN.sponsored) for o in graph.objects(node, p)}
        kind = graph.value(node, KN.twinningKind)
        status = graph.value(node, KN.status)
        pairs.append((frozenset(parties), kind, status))
    return pairs


def date_values(graph: Graph) -> list:
    values = sorted(
        {
            ("date", str(o), str(o.datatype))
            for s, p, o in graph
            if isinstance(o, Literal) and o.datatype in DATE_TYPES and p not in _NOT_FACT_DATES
        }
    )
    for node in graph.subjects(RDF.type, KN.RelativeTime):
        offset = graph.value(node, KN.offset)
        expressions = tuple(sorted(fold(str(e)) for e in graph.objects(node, KN.expression)))
        values.append(("relative", str(offset or ""), expressions))
    return values


def _same_date(a, b) -> bool:
    if a[0] != b[0]:
        return False
    if a[0] == "date":
        return a == b
    return a[1] == b[1] and any(x in y or y in x for x in a[2] for y in b[2])


def amounts(graph: Graph) -> list:
    found = []
    for node in graph.subjects(RDF.type, KN.MonetaryAmount):
        value = graph.value(node, KN.value)
        found.append(
            (
                Decimal(str(value)).normalize() if value is not None else None,
                str(graph.value(node, KN.currency)),
                graph.value(node, KN.amountQualifier),
            )
        )
    return found


def posts(graph: Graph, rename: dict) -> list:
    found = []
    for node in graph.subjects(RDF.type, KN.Post):
        holder = graph.value(node, KN.holder)
        org = graph.value(node, KN.inOrganization)
        found.append((frozenset(_labels(graph, holder)), graph.value(node, KN.role), rename.get(org, org)))
    return found


_CANDIDATE = URIRef("https://w3id.org/ketnghia/extraction#candidate")


def units(graph: Graph) -> list:
    """The units the graph refers to; a draft's other candidates (kne:candidate) are not proposals."""
    return sorted(
        {
            str(t)
            for triple in graph
            if triple[1] != _CANDIDATE
            for t in (triple[0], triple[2])
            if isinstance(t, URIRef) and str(t).startswith(UNIT_PREFIX) and not str(t).endswith("/centroid")
        }
    )


def unit_with_parents(iri: str) -> set[str]:
    """The unit and every unit it is part of, from the gazetteer (and the IRI scheme for units
    below a commune: {era}/{commune code}-{slug})."""
    era_code = iri[len(UNIT_PREFIX) :]
    era, _, code = era_code.partition("/")
    chain = {iri}
    if "-" in code:
        code = code.split("-", 1)[0]
        chain.add(f"{UNIT_PREFIX}{era}/{code}")
    lex = lexicon()
    unit = next((u for u in lex.units if u.era == era and u.code == code), None)
    for parent in lex.ancestors(unit) if unit is not None else []:
        chain.add(f"{UNIT_PREFIX}{parent.era}/{parent.code}")
    return chain


def policies(graph: Graph, rename: dict) -> list:
    found = []
    for node in graph.subjects(RDF.type, KN.PolicyDocument):
        issuer = graph.value(node, KN.issuedBy)
        number = graph.value(node, KN.documentNumber)
        found.append((rename.get(issuer, issuer), fold(str(number)) if number is not None else None))
    return found


# ---------------------------------------------------------------------------- evaluation


@dataclass
class Evaluation:
    scores: dict[str, Score]
    kind_agreement: tuple[int, int] = (0, 0)  # matched pairs with the gold kind / matched pairs
    status_agreement: tuple[int, int] = (0, 0)
    era: tuple[int, int] = (0, 0)  # relation parties in the gold era / comparable parties
    relation_misses: Counter = field(default_factory=Counter)  # class -> count (relation_miss_classes)


def _unit_identity(iri: str):
    """(era, folded name, level) of a unit IRI, from the gazetteer; None when it is not there."""
    era, _, code = iri[len(UNIT_PREFIX) :].partition("/")
    if era == "hist":
        unit = _historical_by_code().get(code)
        return (era, fold(unit.short_name), unit.level) if unit is not None else None
    unit = _units_by_code().get((era, code.split("-", 1)[0]))
    if unit is None:
        return None
    return era, fold(unit.short_name), unit.level


@lru_cache(maxsize=1)
def _historical_by_code() -> dict:
    from kg.extract.history import _table

    return {u.code: u for units in _table()[1].values() for u in units}


@lru_cache(maxsize=1)
def _units_by_code() -> dict:
    return {(u.era, u.code): u for u in lexicon().units}


def relation_units(graph: Graph) -> set[str]:
    return {
        str(o)
        for node in graph.subjects(RDF.type, KN.Twinning)
        for p in (KN.party, KN.sponsor, KN.sponsored)
        for o in graph.objects(node, p)
        if str(o).startswith(UNIT_PREFIX)
    }


def era_accuracy(draft: Graph, gold: Graph) -> tuple[int, int]:
    """(right era, comparable) over the units the draft links as parties of a relation: a draft
    party is comparable when the gold graph has a party with the same name and level (in any
    era); it is right when one of those is in the draft's era."""
    gold_ids = [i for i in map(_unit_identity, relation_units(gold)) if i is not None]
    right = comparable = 0
    for iri in sorted(relation_units(draft)):
        ident = _unit_identity(iri)
        if ident is None:
            continue
        eras = {g[0] for g in gold_ids if g[1:] == ident[1:]}
        if eras:
            comparable += 1
            right += ident[0] in eras
    return right, comparable


def evaluate(draft: Graph, gold: Graph, posts_by_name_and_role: bool = False) -> Evaluation:
    rename = organization_map(draft, gold)
    scores = {}
    d_pairs, g_pairs = twinning_pairs(draft, rename), twinning_pairs(gold, {})
    scores["twinning pairs"] = _score(d_pairs, g_pairs, lambda a, b: a[0] == b[0])
    matched = [(d, next(g for g in g_pairs if g[0] == d[0])) for d in d_pairs if any(g[0] == d[0] for g in g_pairs)]
    kinds = (sum(1 for d, g in matched if d[1] == g[1]), len(matched))
    statuses = (sum(1 for d, g in matched if d[2] == g[2]), len(matched))
    scores["dates"] = _score(date_values(draft), date_values(gold), _same_date)
    scores["amounts"] = _score(amounts(draft), amounts(gold), lambda a, b: a == b)
    scores["people with posts"] = _score(
        posts(draft, rename),
        posts(gold, {}),
        lambda a, b: a[1] == b[1] and (posts_by_name_and_role or a[2] == b[2]) and bool(a[0] & b[0]),
    )
    gold_units = units(gold)
    covered = set().union(*(unit_with_parents(u) for u in gold_units)) if gold_units else set()
    draft_units = units(draft)
    unit_score = Score(
        len(draft_units),
        sum(1 for u in draft_units if u in covered),
        len(gold_units),
        sum(1 for u in gold_units if u in draft_units),
    )
    unit_score.spurious = [u for u in draft_units if u not in covered]
    unit_score.missed = [u for u in gold_units if u not in draft_units]
    scores["units"] = unit_score
    d_orgs, g_orgs = sorted({rename[o] for o in _organizations(draft)}), sorted(_organizations(gold))
    scores["organizations"] = _score(d_orgs, g_orgs, lambda a, b: a == b)
    scores["policies"] = _score(policies(draft, rename), policies(gold, {}), lambda a, b: a == b)
    misses = relation_miss_classes(scores["twinning pairs"], g_pairs, draft, gold, rename)
    return Evaluation(scores, kinds, statuses, era_accuracy(draft, gold), misses)


ID_PREFIX = "https://w3id.org/ketnghia/id/"
MISSED, WRONG = "missed: ", "wrong: "


def _party_sort(iri: str) -> str:
    """What kind of party an IRI is: village or foreign place, organization, historical or other unit."""
    if iri.startswith(UNIT_PREFIX + "hist/"):  # slugs: id:unit/hist/tinh-quang-nam
        return "a unit of the historical gazetteer"
    if iri.startswith(ID_PREFIX + "place/") or (
        iri.startswith(UNIT_PREFIX) and "-" in iri[len(UNIT_PREFIX) :].partition("/")[2]
    ):  # a village: id:unit/pre2025/16936-na-son
        return "a village or a place abroad"
    if iri.startswith(ID_PREFIX + "org/"):
        return "an organization"
    return "a unit of the national gazetteer"


def relation_miss_classes(score: Score, curated_pairs: list, draft: Graph, gold: Graph, rename: dict) -> Counter:
    """Why relations were missed or wrong, as counts only (printable for the test split): a missed
    curated relation whose parties the draft all names was not stated, else the first party the
    draft never names says what was not found; a wrong proposal either has a curated relation's
    parties plus or minus some, or shares one party with one, or relates parties the curators
    name elsewhere, or names a party they never do."""
    named_in_draft = {str(rename.get(n, n)) for t in draft for n in (t[0], t[2]) if isinstance(n, URIRef)}
    named_in_gold = {str(n) for t in gold for n in (t[0], t[2]) if isinstance(n, URIRef)}
    curated = [{str(p) for p in pair[0]} for pair in curated_pairs]
    classes: Counter = Counter()
    for pair in score.missed:
        absent = sorted(str(p) for p in pair[0] if str(p) not in named_in_draft)
        if not absent:
            classes[MISSED + "every party is in the draft, the relation is not"] += 1
        else:
            classes[MISSED + f"the draft never names {_party_sort(absent[0])} among its parties"] += 1
    for pair in score.spurious:
        parties = {str(p) for p in pair[0]}
        if any(parties < g or g < parties for g in curated):
            classes[WRONG + "a curated relation with parties missing or extra"] += 1
        elif any(parties & g for g in curated):
            classes[WRONG + "shares a party with a curated relation, not the others"] += 1
        elif parties <= named_in_gold:
            classes[WRONG + "parties the curators name, but do not relate"] += 1
        else:
            classes[WRONG + "a party the curators never name"] += 1
    return classes
