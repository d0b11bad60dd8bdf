"""The scale generator behind bench/generate.py, one module per part.

terms.py          namespaces, IRIs and literals as N-Triples text, TriG prefixes and compaction
vocabulary.py     the Vietnamese text: names, bodies, roles, purposes, events, statistics
units.py          the real units (from kg.graph.gazetteer) in skewed pools, the eras' dates
values.py         dates in mixed precision, money, kn:Quantity and kn:MonetaryAmount nodes
sources.py        the graph of one source: Twinning, Org, SourceBuilder, its TriG text
generator.py      Generator: its state and the story of a source, made of the mixins below
organizations.py  bodies and organizations, people and their posts, policies
twinnings.py      twinnings and their agreements
activities.py     events, supports, statistics
injection.py      injected errors (ERROR_KINDS, parse_inject)
writing.py        generate: the output folder (TriG sources, all.nq, manifest.json)
"""

from __future__ import annotations

from bench.scale.generator import Generator
from bench.scale.injection import ERROR_KINDS, parse_inject
from bench.scale.writing import GENERATOR_VERSION, generate, ontology_nquads

__all__ = ["ERROR_KINDS", "GENERATOR_VERSION", "Generator", "generate", "ontology_nquads", "parse_inject"]
