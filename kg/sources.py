"""Curated source graphs (data/sources/*.trig): read them and check the provenance rules.

Rules a source file must keep (the build refuses the graph otherwise):
- it parses as TriG;
- every triple is inside exactly one named graph, `kg:source/{file stem}`; nothing in the default graph;
- that graph says which article it comes from (`prov:wasDerivedFrom id:source/{stem}`) and
  describes the article (`a kn:SourceArticle`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import config
from kg.namespaces import KN, source_graph_iri, source_iri

PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
UNIT_PREFIX = "https://w3id.org/ketnghia/id/unit/"


class SourceError(Exception):
    """A source file breaks a rule; the message names the file (and line when known)."""


@dataclass
class SourceGraph:
    path: Path
    source_id: str
    quads: list[ox.Quad]

    @property
    def graph(self) -> ox.NamedNode:
        return ox.NamedNode(str(source_graph_iri(self.source_id)))

    def unit_references(self) -> set[str]:
        """IRIs of administrative units this source mentions (as subject or object)."""
        found = set()
        for quad in self.quads:
            for term in (quad.subject, quad.object):
                if isinstance(term, ox.NamedNode) and term.value.startswith(UNIT_PREFIX):
                    found.add(term.value)
        return found

    def defined_units(self) -> set[str]:
        unit_class = ox.NamedNode(str(KN.AdministrativeUnit))
        return {q.subject.value for q in self.quads
                if q.predicate == RDF_TYPE and q.object == unit_class and isinstance(q.subject, ox.NamedNode)}


def source_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or config.SOURCES_DIR).glob("*.trig"))


def read_source(path: Path) -> SourceGraph:
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except SyntaxError as exc:
        raise SourceError(f"{path}: line {exc.lineno}, column {exc.offset}: {exc.msg}") from None
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    source_id = path.stem
    expected_graph = ox.NamedNode(str(source_graph_iri(source_id)))
    if not quads:
        raise SourceError(f"{path}: no statements")
    for quad in quads:
        if quad.graph_name != expected_graph:
            where = "the default graph" if isinstance(quad.graph_name, ox.DefaultGraph) else f"graph {quad.graph_name}"
            raise SourceError(
                f"{path}: statement in {where}, but every fact of this file must be in "
                f"<{expected_graph.value}> (file name = source id): {quad.subject} {quad.predicate} …"
            )
    article = ox.NamedNode(str(source_iri(source_id)))
    if ox.Quad(expected_graph, PROV_DERIVED, article, expected_graph) not in set(quads):
        raise SourceError(f"{path}: the graph must state <{expected_graph.value}> prov:wasDerivedFrom <{article.value}>")
    if ox.Quad(article, RDF_TYPE, ox.NamedNode(str(KN.SourceArticle)), expected_graph) not in set(quads):
        raise SourceError(f"{path}: the graph must describe <{article.value}> as a kn:SourceArticle")
    return SourceGraph(path, source_id, quads)


def read_sources(directory: Path | None = None) -> list[SourceGraph]:
    return [read_source(p) for p in source_files(directory)]
