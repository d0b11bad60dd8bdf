"""Checks of new data against the built graph that the shapes cannot make on their own.

1. Extra context for shapes/context.ttl: the twinnings and supports already recorded about the
   parties the data names (to find duplicates), and the validity of the units behind the
   organizations it names (a Huyện ủy ends with its district).
2. References must resolve: every `id:` IRI the data points to is in the built graph or described
   by the data itself; an `id:unit/{era}/{code}` must be a unit of the national gazetteer, even if
   the data describes it. An unresolved reference is reported with the closest known matches
   ("did you mean Huyện Nam Giang (id:unit/pre2025/510)?"), found diacritic-insensitively in the
   search index: by the labels the data gives the unknown node, by the same code in the other
   era, by unit names the referring record's own label mentions, by codes one digit away, and
   for other kinds by the closest IRIs of that kind.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDFS, SKOS

from kg.iris import BASE, sparql_prefixes
from kg.sparql_files import sparql
from kg.vietnamese import search_key
from kg.validation.report import KNSH, ValidationIssue, qname, term_text

ID = BASE + "id/"
UNRESOLVED_SHAPE = KNSH["ResolvableReference"]
UNRESOLVED_COMPONENT = "knsh:ResolvableReferenceComponent"
_UNIT_IRI = re.compile(re.escape(ID) + r"unit/(pre2025|2025)/([0-9]+)$")
_LEVEL_BY_CODE_LENGTH = {2: "province", 3: "district", 5: "commune"}

# related-*.rq: three queries, each starting from the VALUES (one with a UNION was far slower).
_RELATED_FACTS = ("related-twinnings", "related-supports", "related-unit-validity")


def query(oxstore: ox.Store, name: str, **slots: str):
    """Run kg/steward/sparql/NAME.rq (the project's prefixes added) on the built graph."""
    return oxstore.query(sparql_prefixes() + sparql("steward", name, **slots), use_default_graph_as_union=True)


def sparql_values(iris) -> str:
    """IRIs as the body of a SPARQL VALUES clause."""
    return " ".join(f"<{iri}>" for iri in sorted(iris)) or "<urn:kg:none>"


def related_facts(oxstore: ox.Store, iris: set[str]) -> rdflib.Graph:
    """What shapes/context.ttl needs beyond the descriptions of the referenced nodes themselves."""
    graph = rdflib.Graph()
    values = sparql_values(iris)
    for name in _RELATED_FACTS:
        result = query(oxstore, name, iris=values)
        graph.parse(data=result.serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def recorded_neighbours(oxstore: ox.Store, subjects: set[str]) -> set[str]:
    """`id:` nodes the recorded descriptions of `subjects` point to. When data adds to a recorded
    node, the shapes check that node's recorded statements too, so what they point to (the
    signing ceremony of a recorded agreement...) must be in the context as well."""
    if not subjects:
        return set()
    return {row["o"].value for row in query(oxstore, "recorded-neighbours", subjects=sparql_values(subjects))}


# --------------------------------------------------------------------------- unresolved references


@dataclass(frozen=True)
class Reference:
    subject: rdflib.term.Node  # the record that refers (or the unknown unit itself)
    predicate: rdflib.URIRef | None
    target: rdflib.URIRef


def known_in_store(oxstore: ox.Store, iris: set[str]) -> set[str]:
    if not iris:
        return set()
    return {row["x"].value for row in query(oxstore, "known-in-store", iris=sparql_values(iris))}


def unresolved_references(oxstore: ox.Store, data: rdflib.Graph) -> list[Reference]:
    """References to `id:` nodes that are neither in the store nor described by `data`; coded
    units must be in the store whatever `data` says (units come from the national gazetteer)."""
    described = {s for s in data.subjects() if isinstance(s, rdflib.URIRef)}
    used = {o for o in data.objects() if isinstance(o, rdflib.URIRef) and str(o).startswith(ID)}
    coded_units = {s for s in described if _UNIT_IRI.match(str(s))}
    candidates = {str(t) for t in (used - described) | coded_units}
    known = known_in_store(oxstore, candidates)
    missing = {rdflib.URIRef(iri) for iri in candidates - known}
    found = []
    for target in sorted(missing):
        referrers = sorted((s, p) for s, p in data.subject_predicates(target))
        found += [Reference(s, p, target) for s, p in referrers] or [Reference(target, None, target)]
    return found


# --------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class Suggestion:
    iri: str
    label: str
    detail: str  # parent unit or type, to tell namesakes apart

    def text(self) -> str:
        short = qname(rdflib.URIRef(self.iri), strict=False)
        return f"{self.label} ({short}" + (f", {self.detail})" if self.detail else ")")


class Suggester:
    """Closest known nodes for an unknown IRI or name, from the search index entries
    ([iri, kind, label, type, era, level, parent, validFrom, validUntil, keys], kg.graph.search)."""

    def __init__(self, entries: list, oxstore: ox.Store | None = None):
        self.oxstore = oxstore
        self.entries = {e[0]: e for e in entries}
        self.by_key: dict[str, list] = {}
        for entry in entries:
            for key in entry[9]:
                self.by_key.setdefault(key, []).append(entry)

    @classmethod
    def for_store(cls, oxstore: ox.Store) -> Suggester:
        from kg.graph import search

        try:
            entries = search.load_index(search.index_path())
        except search.IndexUnavailable:  # no index beside the store: read the labels from it
            entries = search.collect_entities(oxstore)
        return cls(entries, oxstore)

    # --- names (CSV cells, labels)
    def exact(self, name: str, kind: str | None = None) -> list:
        return [e for e in self.by_key.get(search_key(name), []) if kind in (None, e[1])]

    def close_names(self, name: str, kind: str | None = None, era: str | None = None, n: int = 3) -> list:
        keys = [k for k, es in self.by_key.items() if any(kind in (None, e[1]) and era in (None, e[4]) for e in es)]
        found = []
        for key in difflib.get_close_matches(search_key(name), keys, n=n * 3, cutoff=0.72):
            found += [e for e in self.by_key[key] if kind in (None, e[1]) and era in (None, e[4])]
        return _unique(found)[:n]

    def mentioned_units(self, text: str) -> list[tuple[list, int]]:
        """(unit entry, words matched) for units whose names (two words or more) occur in `text`,
        longest match first: "huyện Thọ Xuân" in a label names the district before any commune."""
        words = search_key(text).split()
        found, seen = [], set()
        for size in range(min(6, len(words)), 1, -1):
            for start in range(len(words) - size + 1):
                for entry in self.by_key.get(" ".join(words[start : start + size]), []):
                    if entry[1] == "unit" and entry[0] not in seen:
                        seen.add(entry[0])
                        found.append((entry, size))
        return found

    # --- IRIs
    def for_iri(
        self, iri: str, given_labels: list[str], context_labels: list[str], exclude: set[str], n: int = 3
    ) -> list[Suggestion]:
        scores: dict[str, float] = {}

        def add(entry_iri: str, score: float) -> None:
            if entry_iri not in exclude and entry_iri != iri:
                scores[entry_iri] = max(scores.get(entry_iri, 0.0), score)

        unit = _UNIT_IRI.match(iri)
        kind = "unit" if unit else ("organization" if "/org/" in iri else "person" if "/person/" in iri else None)
        for name in given_labels:
            for rank, entry in enumerate(self.close_names(name, kind)):
                add(entry[0], 4 - rank * 0.1)
        if unit:
            era, code = unit.groups()
            other = f"{ID}unit/{'2025' if era == 'pre2025' else 'pre2025'}/{code}"
            if other in self.entries:
                add(other, 3)
            level = _LEVEL_BY_CODE_LENGTH.get(len(code))
            for text in context_labels:
                for entry, size in self.mentioned_units(text):
                    add(entry[0], 2 + size * 0.1 + (entry[4] == era) * 0.3 + (entry[5] == level) * 0.05)
            for neighbour in _one_digit_away(code):
                if f"{ID}unit/{era}/{neighbour}" in self.entries:
                    add(f"{ID}unit/{era}/{neighbour}", 1)
        else:
            prefix = iri.rsplit("/", 1)[0] + "/"
            for rank, close in enumerate(difflib.get_close_matches(iri, self._known_iris(prefix), n=n, cutoff=0.6)):
                add(close, 2 - rank * 0.1)
        best = sorted(scores, key=lambda k: (-scores[k], k))[:n]
        return [self.describe(k) for k in best]

    def _known_iris(self, prefix: str) -> list[str]:
        known = [k for k in self.entries if k.startswith(prefix)]
        if self.oxstore is not None and not known:  # sources, twinnings...: not in the index
            rows = query(self.oxstore, "iris-with-prefix", prefix=str(ox.Literal(prefix)))
            known = [row["s"].value for row in rows]
        return known

    def describe(self, iri: str) -> Suggestion:
        entry = self.entries.get(iri)
        label = None
        if self.oxstore is not None:
            rows = query(self.oxstore, "label-of", iri=str(ox.NamedNode(iri)))
            label = next((row["l"].value for row in rows), None)
        if entry is None:
            return Suggestion(iri, label or iri.rsplit("/", 1)[-1], "")
        return Suggestion(iri, label or entry[2], entry[6] or entry[3])


def _unique(entries: list) -> list:
    seen, out = set(), []
    for entry in entries:
        if entry[0] not in seen:
            seen.add(entry[0])
            out.append(entry)
    return out


def _one_digit_away(code: str) -> list[str]:
    """Codes with one digit changed or two neighbouring digits swapped: the usual typing slips."""
    found = {code[:i] + d + code[i + 1 :] for i in range(len(code)) for d in "0123456789"}
    found |= {code[:i] + code[i + 1] + code[i] + code[i + 2 :] for i in range(len(code) - 1)}
    found.discard(code)
    return sorted(found)


# --------------------------------------------------------------------------- issues


def hint(target: rdflib.URIRef, suggestions: list[Suggestion]) -> tuple[str, str]:
    """The (vi, en) sentence appended to a problem about an unknown reference."""
    shown = term_text(target)
    if _UNIT_IRI.match(str(target)):
        vi = f"{shown} không có trong danh mục đơn vị hành chính của đồ thị."
        en = f"{shown} is not a unit of the gazetteer in the graph."
    else:
        vi = f"{shown} không có trong đồ thị đã dựng và tệp cũng không mô tả nó."
        en = f"{shown} is not in the built graph, and the file does not describe it."
    if suggestions:
        listed = "; ".join(s.text() for s in suggestions)
        return f"{vi} Có phải ý bạn là: {listed}?", f"{en} Did you mean: {listed}?"
    return f"{vi} Không tìm thấy tên nào gần giống.", f"{en} No similar name was found."


def reference_issues(
    issues: list[ValidationIssue], data: rdflib.Graph, oxstore: ox.Store, suggester: Suggester | None = None
) -> list[ValidationIssue]:
    """`issues` with every unresolved reference explained: the hint is appended to the shapes'
    own result about that value when there is one, else reported as a result of its own."""
    references = unresolved_references(oxstore, data)
    if not references:
        return issues
    suggester = suggester or Suggester.for_store(oxstore)
    out = list(issues)
    for ref in references:
        given = [str(o) for p in (SKOS.prefLabel, RDFS.label, SKOS.altLabel) for o in data.objects(ref.target, p)]
        context = [str(o) for p in (SKOS.prefLabel, RDFS.label) for o in data.objects(ref.subject, p)]
        siblings = {str(o) for o in data.objects(ref.subject, ref.predicate)} if ref.predicate else set()
        vi, en = hint(ref.target, suggester.for_iri(str(ref.target), given, context, siblings))
        matching = [n for n, i in enumerate(out) if i.focus == ref.subject and i.value == ref.target]
        for n in matching:
            out[n] = dataclasses.replace(
                out[n], message_vi=f"{out[n].message_vi} {vi}", message_en=f"{out[n].message_en} {en}"
            )
        if not matching:
            out.append(
                ValidationIssue(
                    focus=ref.subject,
                    path=qname(ref.predicate) if ref.predicate else None,
                    value=ref.target,
                    severity="Violation",
                    shape=UNRESOLVED_SHAPE,
                    component=UNRESOLVED_COMPONENT,
                    message_vi=f"Tham chiếu không tìm thấy. {vi}",
                    message_en=f"Unresolved reference. {en}",
                    node_shape=UNRESOLVED_SHAPE,
                    path_term=ref.predicate,
                )
            )
    return sorted(out, key=ValidationIssue.sort_key)
