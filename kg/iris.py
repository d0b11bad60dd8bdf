"""The project's namespaces and the IRI scheme (documented in docs/iri-scheme.md).

The IRIs are plain strings here; the rdflib `Namespace` objects (KN, KNV, ID, GRAPH, ...) and the
graph IRIs as `URIRef`s are made on first use (PEP 562 module __getattr__), so that the query
path -- `kg query`, `kg search`, kg.api -- never imports rdflib (a large part of a short command's time).
"""

BASE = "https://w3id.org/ketnghia/"
ID_BASE = BASE + "id/"
GRAPH_BASE = BASE + "graph/"

# The two administrative eras: before and after the reform of 1 July 2025.
ERA_PRE2025 = "pre2025"
ERA_2025 = "2025"
REFORM_DATE = "2025-07-01"
LAST_DAY_PRE2025 = "2025-06-30"

NAMESPACE_IRIS = {
    "KN": BASE + "ontology#",
    "KNV": BASE + "vocab/",
    "ID": ID_BASE,
    "GRAPH": GRAPH_BASE,
    "SCHEMA": "https://schema.org/",
    "GEO": "http://www.opengis.net/ont/geosparql#",
    "SH": "http://www.w3.org/ns/shacl#",
}

# Prefix -> namespace IRI, as strings (PREFIXES holds the same as rdflib Namespaces).
PREFIX_IRIS = {
    "kn": NAMESPACE_IRIS["KN"],
    "knv": NAMESPACE_IRIS["KNV"],
    "id": ID_BASE,
    "kg": GRAPH_BASE,
    "schema": NAMESPACE_IRIS["SCHEMA"],
    "geo": NAMESPACE_IRIS["GEO"],
    "dct": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "org": "http://www.w3.org/ns/org#",
    "sh": NAMESPACE_IRIS["SH"],
}

# Named graphs that are not sources of curated facts (ONTOLOGY_GRAPH and GAZETTEER_GRAPH are
# the same as URIRefs).
ONTOLOGY_GRAPH_IRI = GRAPH_BASE + "ontology"
GAZETTEER_GRAPH_IRI = GRAPH_BASE + "gazetteer"


def __getattr__(name: str):
    if name not in NAMESPACE_IRIS and name not in ("PREFIXES", "ONTOLOGY_GRAPH", "GAZETTEER_GRAPH"):
        # (the import system asks for __path__ and the like: no rdflib for those)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from rdflib import Namespace, URIRef

    if name in NAMESPACE_IRIS:
        value = Namespace(NAMESPACE_IRIS[name])
    elif name == "PREFIXES":
        value = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}
    elif name == "ONTOLOGY_GRAPH":
        value = URIRef(ONTOLOGY_GRAPH_IRI)
    else:
        value = URIRef(GAZETTEER_GRAPH_IRI)
    globals()[name] = value
    return value


def unit_iri(era: str, code: str):
    """Administrative units are keyed by era and official code: codes were reused in 2025."""
    if era not in (ERA_PRE2025, ERA_2025):
        raise ValueError(f"unknown era {era!r}")
    from rdflib import URIRef

    return URIRef(f"{ID_BASE}unit/{era}/{code}")


def source_graph_iri(source_id: str):
    from rdflib import URIRef

    return URIRef(f"{GRAPH_BASE}source/{source_id}")


def source_iri(source_id: str):
    from rdflib import URIRef

    return URIRef(f"{ID_BASE}source/{source_id}")


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_IRIS.items())
