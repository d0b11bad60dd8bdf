"""The graph as the site's renderers read it: statements about a node and statements pointing at it.

Two backings with one interface: `MemoryFacts` reads every quad once (kg export site: ~1.6 s for the
national graph's 230k quads, then every page is a dict lookup), `StoreFacts` asks the store per node
(kg serve: one page at a time, no start-up cost). Terms are plain Python: an IRI is a `str`, a blank
node `"_:id"`, a literal a `Lit`; the graph of a statement is its IRI (`""` for the default graph).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox

from kg.iris import GRAPH_BASE, ID_BASE, PREFIX_IRIS

KN = PREFIX_IRIS["kn"]
KNV = BASE_VOCAB = PREFIX_IRIS["knv"]
RDF_TYPE = PREFIX_IRIS["rdf"] + "type"
SKOS = PREFIX_IRIS["skos"]
RDFS = PREFIX_IRIS["rdfs"]
DCT = PREFIX_IRIS["dct"]
PREF_LABEL, ALT_LABEL = SKOS + "prefLabel", SKOS + "altLabel"
LABEL, TITLE = RDFS + "label", DCT + "title"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
GAZETTEER_GRAPH = GRAPH_BASE + "gazetteer"
DERIVED_GRAPH = GRAPH_BASE + "derived"
CURATION_GRAPH = GRAPH_BASE + "curation"
SOURCE_GRAPH = GRAPH_BASE + "source/"


class Lit(NamedTuple):
    value: str
    lang: str
    datatype: str


_NAMED, _LITERAL, _BLANK = ox.NamedNode, ox.Literal, ox.BlankNode


def _term(term, cache: dict):
    kind = type(term)
    if kind is _NAMED:
        value = term.value
        return cache.setdefault(value, value)  # one str per IRI: ~230k quads share a few 10k IRIs
    if kind is _LITERAL:
        datatype = term.datatype.value
        return Lit(term.value, term.language or "", cache.setdefault(datatype, datatype))
    if kind is _BLANK:
        return "_:" + term.value
    return ""  # the default graph


def to_ox(term):
    """Back to pyoxigraph (for serializing a description)."""
    if isinstance(term, Lit):
        if term.lang:
            return ox.Literal(term.value, language=term.lang)
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    if term.startswith("_:"):
        return ox.BlankNode(term[2:])
    return ox.NamedNode(term)


class Facts:
    """out(node) -> [(predicate, object, graph)], inc(node) -> [(subject, predicate, graph)]."""

    _labels: dict

    def out(self, node: str) -> list:
        raise NotImplementedError

    def inc(self, node: str) -> list:
        raise NotImplementedError

    def in_graph(self, graph: str) -> list:
        """[(subject, predicate, object)] of one named graph."""
        raise NotImplementedError

    # ---- helpers shared by both backings
    def values(self, node: str, predicate: str) -> list:
        seen, found = set(), []
        for p, o, _ in self.out(node):
            if p == predicate and o not in seen:
                seen.add(o)
                found.append(o)
        return found

    def first(self, node: str, predicate: str):
        for p, o, _ in self.out(node):
            if p == predicate:
                return o
        return None

    def subjects(self, node: str, predicate: str) -> list:
        seen, found = set(), []
        for s, p, _ in self.inc(node):
            if p == predicate and s not in seen:
                seen.add(s)
                found.append(s)
        return found

    def types(self, node: str) -> set:
        return {o for p, o, _ in self.out(node) if p == RDF_TYPE}

    def label(self, node, lang: str = "vi") -> str:
        """The name to show: prefLabel in `lang` (the gazetteer's first), then vi, rdfs:label, title."""
        if isinstance(node, Lit):
            return node.value
        cache = self._labels
        key = (node, lang)
        if key in cache:
            return cache[key]
        best, rank = None, 99.0
        for p, o, g in self.out(node):
            if not isinstance(o, Lit):
                continue
            if p == PREF_LABEL:
                r = 0.0 if o.lang == lang else 2.0 if o.lang == "vi" else 4.0 if not o.lang else 6.0
            elif p == LABEL:
                r = 1.0 if o.lang == lang else 3.0 if o.lang in ("vi", "") else 7.0
            elif p == TITLE:  # an article's own title, in its language, before a translated label
                r = 5.0 if lang == "vi" else 1.5
            else:
                continue
            if g == GAZETTEER_GRAPH or g == ONTOLOGY_GRAPH:
                r -= 0.5
            if r < rank:
                best, rank = o.value, r
        if best is None:
            best = short(node)
        cache[key] = best
        return best


@lru_cache(maxsize=65536)
def short(iri: str) -> str:
    if iri.startswith(ID_BASE):
        return iri[len(ID_BASE) :]
    for prefix, ns in PREFIX_IRIS.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


class MemoryFacts(Facts):
    def __init__(self, store: ox.Store):
        cache: dict = {}
        self._out: dict = defaultdict(list)
        self._inc: dict = defaultdict(list)
        self._labels: dict = {}
        self.graphs: dict = defaultdict(int)
        self._by_graph: dict = defaultdict(list)
        self.quads = 0
        for quad in store:
            s, p, o, g = (
                _term(quad.subject, cache),
                _term(quad.predicate, cache),
                _term(quad.object, cache),
                _term(quad.graph_name, cache),
            )
            self._out[s].append((p, o, g))
            if not isinstance(o, Lit):
                self._inc[o].append((s, p, g))
            self.graphs[g] += 1
            self.quads += 1
            if g not in (GAZETTEER_GRAPH, ONTOLOGY_GRAPH):
                self._by_graph[g].append((s, p, o))

    def out(self, node: str) -> list:
        return self._out.get(node, ())

    def inc(self, node: str) -> list:
        return self._inc.get(node, ())

    def in_graph(self, graph: str) -> list:
        return self._by_graph.get(graph, ())

    def nodes(self):
        return self._out.keys()


class StoreFacts(Facts):
    def __init__(self, store: ox.Store):
        self.store = store
        self._cache_out: dict = {}
        self._cache_inc: dict = {}
        self._labels: dict = {}
        self._iris: dict = {}

    def out(self, node: str) -> list:
        found = self._cache_out.get(node)
        if found is None:
            found = []
            if not isinstance(node, Lit):
                for q in self.store.quads_for_pattern(to_ox(node), None, None, None):
                    found.append(
                        (_term(q.predicate, self._iris), _term(q.object, self._iris), _term(q.graph_name, self._iris))
                    )
            self._cache_out[node] = found
        return found

    def inc(self, node: str) -> list:
        found = self._cache_inc.get(node)
        if found is None:
            found = []
            if not isinstance(node, Lit):
                for q in self.store.quads_for_pattern(None, None, to_ox(node), None):
                    found.append(
                        (_term(q.subject, self._iris), _term(q.predicate, self._iris), _term(q.graph_name, self._iris))
                    )
            self._cache_inc[node] = found
        return found

    def in_graph(self, graph: str) -> list:
        return [
            (_term(q.subject, self._iris), _term(q.predicate, self._iris), _term(q.object, self._iris))
            for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        ]
