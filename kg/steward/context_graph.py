"""The part of the built graph a piece of new data refers to, so it can be validated in context.

A contribution mentions units, people, organizations and sources that already exist. SHACL
checks such as `sh:class kn:AdministrativeUnit` only succeed if the referenced node's description
is in the data graph, so validation runs on: the new data + the ontology + the descriptions of
every node it references, closed over administrative links (parents, successors) and centroids.
"""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from kg.iris import BASE, sparql_prefixes
from kg.sparql_files import sparql


def referenced_iris(graph: rdflib.Graph) -> set[str]:
    """Project IRIs the data uses (as subject or object) — the nodes whose context matters."""
    found = set()
    for s, _, o in graph.triples((None, None, None)):
        for term in (s, o):
            if isinstance(term, rdflib.URIRef) and str(term).startswith(BASE + "id/"):
                found.add(str(term))
    return found


def context_graph(oxstore: ox.Store, iris: set[str]) -> rdflib.Graph:
    """Ontology + the store's description of `iris`, closed over unit parents and successors."""
    values = " ".join(f"<{iri}>" for iri in sorted(iris)) or "<urn:kg:none>"
    query = sparql_prefixes() + sparql("steward", "context-graph", iris=values)
    data = oxstore.query(query, use_default_graph_as_union=True).serialize(format=ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    return graph


def with_context(oxstore: ox.Store, data: rdflib.Graph) -> rdflib.Graph:
    """A plain Graph holding `data` (all its named graphs merged) and its context from the store."""
    merged = context_graph(oxstore, referenced_iris(data))
    for s, p, o in data.triples((None, None, None)):
        merged.add((s, p, o))
    return merged
