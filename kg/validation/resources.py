"""The graphs validation needs besides the data: the shapes and the ontology with its vocabularies.

Both are read from the project's folders (kg.config) once per process and handed out as copies,
so a caller that adds triples to what it got cannot change what the next validation sees.
"""

from __future__ import annotations

import functools
from pathlib import Path

from rdflib import Graph

from kg import config


def shape_files() -> list[Path]:
    return sorted(config.SHAPES_DIR.glob("*.ttl"))


def ontology_files() -> list[Path]:
    return [config.ONTOLOGY_DIR / "ketnghia.ttl", *sorted((config.ONTOLOGY_DIR / "vocab").glob("*.ttl"))]


def _signature(paths: list[Path]) -> tuple:
    # Re-read when a file changes: shapes are edited while a long test session runs.
    return tuple((str(p), p.stat().st_mtime_ns) for p in paths)


@functools.lru_cache(maxsize=4)
def _parse(signature: tuple) -> Graph:
    graph = Graph()
    for path, _mtime in signature:
        graph.parse(path, format="turtle")
    return graph


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=False)
    copy += graph
    return copy


def load_shapes() -> Graph:
    """All shapes (shapes/*.ttl) in one graph."""
    return _copy(_parse(_signature(shape_files())))


def load_ontology() -> Graph:
    """The ontology and its SKOS vocabularies (ontology/ketnghia.ttl, ontology/vocab/*.ttl)."""
    return _copy(_parse(_signature(ontology_files())))


@functools.lru_cache(maxsize=8)
def _ntriples(signature: tuple) -> str:
    return _parse(signature).serialize(format="nt")


def shapes_ntriples() -> str:
    """The shapes as N-Triples text, serialised once (the Rust engine's input)."""
    return _ntriples(_signature(shape_files()))


def ontology_ntriples() -> str:
    """The ontology and vocabularies as N-Triples text, serialised once."""
    return _ntriples(_signature(ontology_files()))


def shared_shapes() -> Graph:
    """The cached shapes graph itself, for read-only use (no copy)."""
    return _parse(_signature(shape_files()))


def shared_ontology() -> Graph:
    """The cached ontology graph itself, for read-only use (no copy)."""
    return _parse(_signature(ontology_files()))
