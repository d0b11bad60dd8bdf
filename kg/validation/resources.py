"""The graphs validation needs besides the data: the shapes and the ontology with its vocabularies.

Each is read from the project's folders (kg.config) into a `Snapshot`: the graph and what is
derived from it (its N-Triples text for the Rust engine), computed once and kept together, so
one validation never mixes two versions of a file. Files are re-read when they change, since
shapes and vocabularies get edited while a long session runs. Callers of load_shapes() and
load_ontology() get copies: adding triples to them cannot change what the next validation sees.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg import config


def shape_files() -> list[Path]:
    return sorted(config.SHAPES_DIR.glob("*.ttl"))


def ontology_files() -> list[Path]:
    return [config.ONTOLOGY_DIR / "ketnghia.ttl", *sorted((config.ONTOLOGY_DIR / "vocab").glob("*.ttl"))]


@dataclass(eq=False)  # hashed by identity: a snapshot is a cache key for what derives from it
class Snapshot:
    """One reading of a set of Turtle files."""

    signature: tuple
    graph: Graph

    @functools.cached_property
    def ntriples(self) -> str:
        return self.graph.serialize(format="nt")


def _signature(paths: list[Path]) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)


@functools.lru_cache(maxsize=4)
def _snapshot(signature: tuple) -> Snapshot:
    graph = Graph()
    for path, _mtime, _size in signature:
        graph.parse(path, format="turtle")
    return Snapshot(signature, graph)


def shapes_snapshot() -> Snapshot:
    """All shapes (shapes/*.ttl), shared and read-only."""
    return _snapshot(_signature(shape_files()))


def ontology_snapshot() -> Snapshot:
    """The ontology and vocabularies (ontology/ketnghia.ttl, ontology/vocab/*.ttl), shared and read-only."""
    return _snapshot(_signature(ontology_files()))


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=False)
    copy += graph
    return copy


def load_shapes() -> Graph:
    """All shapes (shapes/*.ttl) in one graph: a copy the caller may change."""
    return _copy(shapes_snapshot().graph)


def load_ontology() -> Graph:
    """The ontology and its SKOS vocabularies in one graph: a copy the caller may change."""
    return _copy(ontology_snapshot().graph)
