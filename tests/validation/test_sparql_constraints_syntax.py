"""kg.validation.sparql_constraints: a shape whose sh:select is not SPARQL is named, with the
line and column in its sh:select text and a caret (the PREFIX lines added before it not counted)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg.validation.sparql_constraints import evaluate, split_shapes

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^<http://www.w3.org/2001/XMLSchema#anyURI> ] .
ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ;
  sh:sparql [ sh:prefixes ex:prefixes ; sh:select \"\"\"SELECT $this WHERE {
    $this ex:name ?name ?extra .
}\"\"\" ] .
"""


def test_bad_select_is_located_in_the_shape():
    _core, constraints = split_shapes(Graph().parse(data=SHAPES, format="turtle"), class_checks=False)
    assert len(constraints) == 1 and constraints[0].select_line == 2  # one PREFIX line first
    with pytest.raises(ValueError) as caught:
        evaluate(ox.Store(), constraints)
    first, source, caret = str(caught.value).splitlines()
    assert first.startswith("<http://example.org/Shape>: sh:select line 2, column ")
    assert "not valid SPARQL: expected" in first
    column = int(first.split("column ")[1].split(":")[0])
    # the shown line is the one run: $this reads ?this there (same length, so the column holds)
    assert source == "        ?this ex:name ?name ?extra ." and caret.index("^") == 4 + column - 1
