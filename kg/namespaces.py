"""The project's namespaces and the IRI scheme (documented in docs/iri-scheme.md)."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, ORG

BASE = "https://w3id.org/ketnghia/"
KN = Namespace(BASE + "ontology#")
KNV = Namespace(BASE + "vocab/")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# Named graphs that are not sources of curated facts.
ONTOLOGY_GRAPH = GRAPH["ontology"]
GAZETTEER_GRAPH = GRAPH["gazetteer"]

# The two administrative eras: before and after the reform of 1 July 2025.
ERA_PRE2025 = "pre2025"
ERA_2025 = "2025"
REFORM_DATE = "2025-07-01"
LAST_DAY_PRE2025 = "2025-06-30"

PREFIXES = {
    "kn": KN, "knv": KNV, "id": ID, "kg": GRAPH, "schema": SCHEMA, "geo": GEO,
    "dct": DCTERMS, "owl": OWL, "prov": PROV, "rdf": RDF, "rdfs": RDFS,
    "skos": SKOS, "xsd": XSD, "org": ORG, "sh": SH,
}


def unit_iri(era: str, code: str):
    """Administrative units are keyed by era and official code: codes were reused in 2025."""
    if era not in (ERA_PRE2025, ERA_2025):
        raise ValueError(f"unknown era {era!r}")
    return ID[f"unit/{era}/{code}"]


def source_graph_iri(source_id: str):
    return GRAPH[f"source/{source_id}"]


def source_iri(source_id: str):
    return ID[f"source/{source_id}"]


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
