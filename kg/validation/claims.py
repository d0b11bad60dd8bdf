"""Claims: what one source says about a shared node, checked within the source and across sources.

A relation, an agreement or a policy document is one node that many sources describe, each in
its own named graph. A source states one value per claim property (one status, one date of
establishment, one preferred label per language...); other sources may state other values, and
the graph keeps them side by side. So:

- within one source (a contribution file, or one named graph of the build) two values of a claim
  property are a violation (`within_source_issues`; the build runs the same rule as
  queries/claim-within-source-violation.rq);
- a value that differs from what another source already recorded is information, naming that
  source and both values (`cross_source_issues`), never a violation.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS, SKOS

from kg.iris import KN, sparql_prefixes
from kg.sparql_files import sparql
from kg.validation.report import KNSH, ValidationIssue, qname, term_text

# One value per source. Keep in step with queries/claim-within-source-violation.rq.
CLAIM_PROPERTIES = (
    KN.status,
    KN.twinningKind,
    KN.establishedOn,
    KN.establishedRelative,
    KN.plannedOn,
    KN.endedOn,
    KN.agreementType,
    KN.signedOn,
    KN.policyType,
    KN.documentNumber,
    KN.issuedOn,
)
# Compared across sources (a second source's own label in another wording is not worth a note).
COMPARED_PROPERTIES = (
    KN.status,
    KN.twinningKind,
    KN.establishedOn,
    KN.plannedOn,
    KN.endedOn,
    KN.signedOn,
    KN.issuedOn,
    KN.documentNumber,
)

WITHIN_SHAPE = KNSH["ClaimWithinSource"]
ACROSS_SHAPE = KNSH["ClaimAcrossSources"]
_COMPONENT = "knsh:ClaimComponent"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _values(graph: rdflib.Graph, subject, prop) -> list:
    return sorted(graph.objects(subject, prop), key=lambda v: v.n3())


def within_source_issues(graph: rdflib.Graph) -> list[ValidationIssue]:
    """Two values of one claim property (or two preferred labels in one language) on one node."""
    issues = []
    for prop in CLAIM_PROPERTIES:
        by_subject: dict = defaultdict(list)
        for s, o in graph.subject_objects(prop):
            by_subject[s].append(o)
        for subject, values in by_subject.items():
            if len(values) > 1:
                issues.append(_within(subject, prop, sorted(values, key=lambda v: v.n3())))
    labels: dict[tuple, list] = defaultdict(list)
    for s, o in graph.subject_objects(SKOS.prefLabel):
        if isinstance(o, rdflib.Literal):
            labels[(s, o.language or "")].append(o)
    for (subject, _lang), values in labels.items():
        if len(values) > 1:
            issues.append(_within(subject, SKOS.prefLabel, sorted(values, key=lambda v: v.n3())))
    return issues


def _within(subject, prop, values: list) -> ValidationIssue:
    shown = ", ".join(term_text(v) for v in values)
    name = qname(prop)
    return ValidationIssue(
        focus=subject,
        path=name,
        value=values[1],
        severity="Violation",
        shape=WITHIN_SHAPE,
        component=_COMPONENT,
        path_term=prop,
        message_vi=(
            f"Một nguồn chỉ nêu một giá trị {name} cho mỗi đối tượng, ở đây có {len(values)}: {shown}. "
            "Giữ giá trị bài báo nêu; nếu hai bài nêu khác nhau, ghi mỗi bài vào đồ thị nguồn của nó."
        ),
        message_en=(
            f"One source states one {name} per node; here there are {len(values)}: {shown}. Keep the "
            "value the article states; when two articles differ, put each in its own source graph."
        ),
    )


def cross_source_issues(data: rdflib.Graph, oxstore: ox.Store) -> list[ValidationIssue]:
    """Information: the data's claim differs from another source's on the same node."""
    mine = defaultdict(set)
    for prop in COMPARED_PROPERTIES:
        for s, o in data.subject_objects(prop):
            if isinstance(s, rdflib.URIRef):
                mine[(s, prop)].add(o)
    if not mine:
        return []
    own_sources = set(data.objects(None, DCTERMS.source))
    pairs = " ".join(f"(<{s}> <{p}>)" for s, p in sorted(mine))
    recorded: dict[tuple, dict[str, set]] = defaultdict(dict)
    titles: dict[str, str] = {}
    for row in oxstore.query(
        sparql_prefixes() + sparql("validation", "recorded-claims", pairs=pairs), use_default_graph_as_union=True
    ):
        subject, prop = rdflib.URIRef(row["s"].value), rdflib.URIRef(row["p"].value)
        source = row["source"].value
        if rdflib.URIRef(source) in own_sources:
            continue  # the same article restated: not another source
        value = _to_rdflib(row["o"])
        title = row["title"].value if row["title"] is not None else None
        recorded[(subject, prop)].setdefault(source, set()).add(value)
        if title and source not in titles:
            titles[source] = title  # one title per source, whichever language comes first
    issues = []
    for key, by_source in sorted(recorded.items()):
        ours = mine[key]
        for source, theirs in sorted(by_source.items()):
            title = titles.get(source)
            if not theirs or any(compatible(a, b) for a in theirs for b in ours):
                continue
            issues.append(
                _across(
                    key[0],
                    key[1],
                    sorted(ours, key=lambda v: v.n3()),
                    sorted(theirs, key=lambda v: v.n3()),
                    source,
                    title,
                )
            )
    return issues


def compatible(a, b) -> bool:
    """Both can be true: equal, or a coarser date the finer one falls in ("1960" and "1960-03-12",
    "--10-08" and "1960-10-08"). Same rule as queries/conflicting-claims.rq."""
    if a == b:
        return True
    if not (isinstance(a, rdflib.Literal) and isinstance(b, rdflib.Literal)):
        return False
    x, y = str(a), str(b)
    if x.startswith(y) or y.startswith(x):
        return True
    return (x.startswith("--") and y.endswith(x[1:])) or (y.startswith("--") and x.endswith(y[1:]))


def _across(subject, prop, ours, theirs, source, title) -> ValidationIssue:
    name = qname(prop)
    other = f"<{source}>" + (f" ({title})" if title else "")
    ours_text = ", ".join(term_text(v) for v in ours)
    theirs_text = ", ".join(term_text(v) for v in theirs)
    return ValidationIssue(
        focus=subject,
        path=name,
        value=ours[0],
        severity="Info",
        shape=ACROSS_SHAPE,
        component=_COMPONENT,
        path_term=prop,
        message_vi=(
            f"Khác với nguồn đã có {other}: nguồn đó ghi {name} = {theirs_text}, tệp này ghi {ours_text}. "
            "Cả hai được giữ song song, mỗi nguồn trong đồ thị của nó (không phải lỗi)."
        ),
        message_en=(
            f"Differs from the recorded source {other}: it states {name} = {theirs_text}, this file "
            f"{ours_text}. Both are kept side by side, each in its own source graph (not an error)."
        ),
    )


def _to_rdflib(term) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # rdflib reads "x" without a datatype: the same literal
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    return rdflib.BNode(term.value)
