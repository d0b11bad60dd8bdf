"""kg.validation.class_checks: which sh:class checks leave the Rust engine for one SPARQL anti-join.

That the results stay pyshacl's is tested on all examples merged by tests/validation/test_validation_engines.py
(class-checks-on-oxigraph; tests/shapes/invalid/event-participant-as-text.ttl and
twinning-party-not-in-graph.ttl go through the taken checks) and by the build tests (`kg build`
always takes them); here, that only checks whose answer cannot change are taken.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.validation import sparql_constraints

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
EX = "http://example.org/"


def split(turtle: str):
    shapes = Graph().parse(data=PREFIXES + turtle, format="turtle")
    rest, taken = sparql_constraints.split_shapes(shapes)
    return shapes, rest, [c for c in taken if c.constraint is None]


def test_class_and_or_of_classes_are_taken_and_removed_from_the_rust_shapes():
    shapes, rest, taken = split("""
        ex:EventShape a sh:NodeShape ; sh:targetClass ex:Event ; sh:property ex:Event-p , ex:Event-q .
        ex:Event-p a sh:PropertyShape ; sh:path ex:p ; sh:class ex:Person ; sh:minCount 1 ; sh:message "m"@en .
        ex:Event-q a sh:PropertyShape ; sh:path [ sh:alternativePath ( ex:q ex:r ) ] ;
            sh:node ex:Agent ; sh:message "m"@en .
        ex:Agent a sh:NodeShape ; rdfs:label "agent" ; sh:message "m"@en ;
            sh:or ( [ sh:class ex:Person ] [ sh:class ex:Unit ] ) .
    """)
    assert {(str(c.shape), str(c.component)) for c in taken} == {
        (EX + "Event-p", str(SH.ClassConstraintComponent)),
        (EX + "Event-q", str(SH.NodeConstraintComponent)),
    }
    assert (URIRef(EX + "Event-p"), SH["class"], URIRef(EX + "Person")) not in rest
    assert (URIRef(EX + "Event-q"), SH.node, URIRef(EX + "Agent")) not in rest
    assert (URIRef(EX + "Event-p"), SH.minCount, None) in rest  # the rest stays with the engine


def test_checks_whose_shape_is_reached_another_way_are_left_to_the_engine():
    _shapes, _rest, taken = split("""
        # the node shape is also used through sh:node: its property shapes run nested too
        ex:A a sh:NodeShape ; sh:targetClass ex:Event ; sh:property ex:A-p .
        ex:A-p a sh:PropertyShape ; sh:path ex:p ; sh:class ex:Person ; sh:message "m"@en .
        ex:B a sh:NodeShape ; sh:targetClass ex:Other ; sh:property ex:B-p .
        ex:B-p a sh:PropertyShape ; sh:path ex:q ; sh:node ex:A ; sh:message "m"@en .
        # no targets
        ex:C a sh:NodeShape ; sh:property ex:C-p .
        ex:C-p a sh:PropertyShape ; sh:path ex:p ; sh:class ex:Person ; sh:message "m"@en .
        # no message of its own (the engines' default messages differ)
        ex:D a sh:NodeShape ; sh:targetClass ex:Event ; sh:property ex:D-p .
        ex:D-p a sh:PropertyShape ; sh:path ex:p ; sh:class ex:Person .
        # a path this module does not translate
        ex:E a sh:NodeShape ; sh:targetClass ex:Event ; sh:property ex:E-p .
        ex:E-p a sh:PropertyShape ; sh:path ( ex:p ex:q ) ; sh:class ex:Person ; sh:message "m"@en .
        # sh:node to a shape with more than classes
        ex:F a sh:NodeShape ; sh:targetClass ex:Event ; sh:property ex:F-p .
        ex:F-p a sh:PropertyShape ; sh:path ex:p ; sh:node ex:G ; sh:message "m"@en .
        ex:G a sh:NodeShape ; sh:or ( [ sh:class ex:Person ] [ sh:class ex:Unit ; sh:nodeKind sh:IRI ] ) .
        # deactivated
        ex:H a sh:NodeShape ; sh:targetClass ex:Event ; sh:property ex:H-p .
        ex:H-p a sh:PropertyShape ; sh:path ex:p ; sh:class ex:Person ; sh:message "m"@en ; sh:deactivated true .
    """)
    assert taken == []  # (ex:B-p's sh:node ex:A: ex:A is no shape of classes only)


def test_the_anti_join_finds_values_of_no_listed_class_subclasses_included():
    _shapes, _rest, taken = split("""
        ex:EventShape a sh:NodeShape ; sh:targetClass ex:Event ; sh:property ex:Event-p .
        ex:Event-p a sh:PropertyShape ; sh:path ex:p ; sh:class ex:Agent ; sh:message "m"@en .
    """)
    store = ox.Store()
    store.load(
        input=f"""@prefix ex: <{EX}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:Person rdfs:subClassOf ex:Agent .
        ex:e1 a ex:Event ; ex:p ex:alice , ex:ghost , "a name" , ex:agent .
        ex:alice a ex:Person . ex:agent a ex:Agent .
        ex:notEvent ex:p ex:ghost2 .""",
        format=ox.RdfFormat.TURTLE,
    )
    report = sparql_constraints.evaluate(store, taken)
    values = sorted(str(v) for v in report.objects(None, SH.value))
    assert values == ["a name", EX + "ghost"]  # ex:notEvent is no focus node
    assert set(report.objects(None, SH.resultPath)) == {URIRef(EX + "p")}
