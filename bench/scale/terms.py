"""RDF terms of the scale generator: namespaces, IRIs and literals as N-Triples text, TriG prefixes.

Terms are kept as the N-Triples text they are written as (`<iri>`, `"text"@vi`), so a source's
triples go to all.nq as they are; Compactor shortens them for the TriG files (bench/scale/sources.py).
"""

from __future__ import annotations

import re

from kg.graph import gazetteer_nquads
from kg.iris import BASE

ID, KN, KNV = BASE + "id/", BASE + "ontology#", BASE + "vocab/"
SG = BASE + "graph/source/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"

A = f"<{RDF}type>"
PREF, ALT, COMMENT = f"<{SKOS}prefLabel>", f"<{SKOS}altLabel>", f"<{RDFS}comment>"
RDFS_LABEL, NOTE = f"<{RDFS}label>", f"<{SKOS}note>"
SOURCE, TITLE, LANGUAGE, ISSUED = f"<{DCT}source>", f"<{DCT}title>", f"<{DCT}language>", f"<{DCT}issued>"
DERIVED, UNIT_OF = f"<{PROV}wasDerivedFrom>", f"<{ORG}unitOf>"


def kn(name: str) -> str:
    return f"<{KN}{name}>"


def knv(name: str) -> str:
    return f"<{KNV}{name}>"


def iri(path: str) -> str:
    """`id:` IRI from its path: iri('unit/pre2025/510')."""
    return f"<{ID}{path}>"


literal = gazetteer_nquads.literal


def typed(text, datatype: str) -> str:
    return literal(str(text), datatype=XSD + datatype)


def vi(text: str) -> str:
    return literal(text, "vi")


def en(text: str) -> str:
    return literal(text, "en")


# Prefixes of the TriG files (longest namespace first for compaction).
PREFIXES = [
    ("kn", KN),
    ("knv", KNV),
    ("sg", SG),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("skos", SKOS),
    ("dct", DCT),
    ("prov", PROV),
    ("org", ORG),
    ("pre2025", ID + "unit/pre2025/"),
    ("since2025", ID + "unit/2025/"),
    ("o", ID + "org/"),
    ("grp", ID + "group/"),
    ("per", ID + "person/"),
    ("tw", ID + "twinning/"),
    ("agr", ID + "agreement/"),
    ("pol", ID + "policy/"),
    ("src", ID + "source/"),
    ("id", ID),
]
_PREFIX_ORDER = sorted(PREFIXES, key=lambda p: -len(p[1]))
LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")


class Compactor:
    """`<https://w3id.org/ketnghia/id/unit/pre2025/510>` -> `pre2025:510`, memoised."""

    def __init__(self):
        self.cache: dict[str, str] = {A: "a"}

    @staticmethod
    def _iri(term: str) -> str:
        value = term[1:-1]
        for prefix, namespace in _PREFIX_ORDER:
            if value.startswith(namespace) and LOCAL.match(value, len(namespace)):
                return f"{prefix}:{value[len(namespace) :]}"
        return term

    def __call__(self, term: str) -> str:
        out = self.cache.get(term)
        if out is not None:
            return out
        out = term
        if term.startswith("<"):
            out = self._iri(term)
        elif term.endswith(">") and '"^^<' in term:
            text, _, datatype = term.rpartition("^^")
            out = f"{text}^^{self._iri(datatype)}"
        if len(self.cache) < 500_000:
            self.cache[term] = out
        return out
