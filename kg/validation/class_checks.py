"""sh:class checks of property shapes, evaluated set-at-a-time on Oxigraph for the fast engine.

The Rust engine checks sh:class once per (focus node, value) row, at a cost per row that grows
with the graph: on the 5M-triple scale graph kn:participant's 225,000 rows took 14 s for one
sh:class and 22 s through knsh:AgentValueShape's sh:or of four classes, and such checks were
~35 s of its ~45 s. One SPARQL anti-join on the store answers the same question for every row:

    SELECT ?this ?value WHERE { ?this PATH ?value
        MINUS { ?value rdf:type ?type . ?type rdfs:subClassOf* ?class . VALUES ?class { C... } } }

0.2 s for the same rows. The results are what pyshacl reports (the test comparing the engines
on every example holds them to it): focus node, path, value, the property shape, severity, and
sh:ClassConstraintComponent -- or sh:NodeConstraintComponent when the classes come through
sh:node from a shape that is nothing but classes.

Taken out of the Rust engine's shapes, only where the answer cannot differ:
- a property shape with an IRI, its own sh:message, not deactivated, whose path is an IRI, an
  inverse IRI or an alternative of IRIs, reached only by sh:property from one node shape;
- that node shape has explicit targets (kg.validation.sparql_constraints lists its focus nodes),
  is not deactivated and is referenced by nothing (so it is never validated as a nested shape);
- the constraint is sh:class C, or sh:node S where S holds sh:class C or sh:or ( [ sh:class Ci ] … )
  and no other constraint.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.validation.report import copy_path

# Predicates that describe a shape without constraining anything.
_DESCRIPTIVE = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.name, SH.description, SKOS.definition, SKOS.note}


def deactivated(shapes: Graph, node: Node) -> bool:
    return shapes.value(node, SH.deactivated) == Literal(True)


def sparql_path(shapes: Graph, path: Node) -> str | None:
    """The SHACL path as SPARQL text, for an IRI, an inverse IRI or an alternative of IRIs."""
    if isinstance(path, URIRef):
        return path.n3()
    if not isinstance(path, BNode):
        return None
    predicates = set(shapes.predicates(path))
    inverse = shapes.value(path, SH.inversePath)
    if predicates == {SH.inversePath} and isinstance(inverse, URIRef):
        return "^" + inverse.n3()
    alternatives = shapes.value(path, SH.alternativePath)
    if predicates == {SH.alternativePath} and alternatives is not None:
        members = list(Collection(shapes, alternatives))
        if members and all(isinstance(m, URIRef) for m in members):
            return "|".join(m.n3() for m in members)
    return None


def path_triples(shapes: Graph, path: Node) -> tuple:
    """The triples of a blank-node path (its lists included), to copy into a report."""
    fragment = Graph()
    copy_path(shapes, path, fragment)
    return tuple(fragment)


def classes_only(shapes: Graph, shape: Node) -> list[URIRef] | None:
    """The classes of a shape that is nothing but `sh:class C` or `sh:or ( [ sh:class Ci ] … )`."""
    if deactivated(shapes, shape):
        return None
    constraining = {p for p in shapes.predicates(shape) if p not in _DESCRIPTIVE}
    if constraining == {SH["class"]}:
        classes = list(shapes.objects(shape, SH["class"]))
        return classes if len(classes) == 1 and isinstance(classes[0], URIRef) else None
    if constraining != {SH["or"]} or len(list(shapes.objects(shape, SH["or"]))) != 1:
        return None
    classes = []
    for member in Collection(shapes, shapes.value(shape, SH["or"])):
        if not isinstance(member, BNode) or set(shapes.predicates(member)) - {RDF.type, SH["class"]}:
            return None
        member_classes = list(shapes.objects(member, SH["class"]))
        if len(member_classes) != 1 or not isinstance(member_classes[0], URIRef):
            return None
        classes.append(member_classes[0])
    return classes or None


def query(path: str, classes: list[URIRef]) -> str:
    values = " ".join(c.n3() for c in classes)
    return (
        f"SELECT ?this ?value WHERE {{ ?this {path} ?value .\n"
        f"  MINUS {{ ?value <{RDF.type}> ?type . ?type <{RDFS.subClassOf}>* ?class .\n"
        f"          VALUES ?class {{ {values} }} }} }}"
    )


def candidates(shapes: Graph):
    """(node shape, property shape, path node, SPARQL path) for each property shape that may be taken."""
    for node_shape, property_shape in sorted(shapes.subject_objects(SH.property), key=lambda p: (str(p[0]), str(p[1]))):
        if (
            not isinstance(node_shape, URIRef)
            or not isinstance(property_shape, URIRef)
            or deactivated(shapes, node_shape)
            or deactivated(shapes, property_shape)
            or (node_shape, RDF.type, SH.NodeShape) not in shapes
            or next(shapes.subject_predicates(node_shape), None) is not None
            or len(list(shapes.subject_predicates(property_shape))) != 1
            or not list(shapes.objects(property_shape, SH.message))
        ):
            continue
        path = shapes.value(property_shape, SH.path)
        text = sparql_path(shapes, path) if path is not None else None
        if text is not None:
            yield node_shape, property_shape, path, text
