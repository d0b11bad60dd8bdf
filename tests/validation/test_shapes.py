"""The SHACL shapes (shapes/*.ttl) against the example folders tests/shapes/{valid,invalid}.

Each valid example must conform. Each invalid example declares its expected violations in
header lines

    # expect: <shape> <constraint component> <path>

(`-` as path: a node-level constraint, no result path); it must produce every one of them, and no
result from a shape it does not declare. The shape may be the node shape (knsh:TwinningShape)
or the property shape (knsh:Twinning-party) that reported it. The reference engine, pyshacl, is
used here; tests/validation/test_validation_engines.py checks the Rust engine agrees.

The rest checks the shapes themselves: bilingual messages and labels everywhere, IRIs in knsh:,
and every ontology term and vocabulary list they name actually existing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SKOS

from kg.iris import KN, KNV, SH
from kg.validation import load_ontology, load_shapes, validate
from kg.validation.parsing import parse_rdf_file
from kg.validation.report import KNSH, qname

EXAMPLES = Path(__file__).parents[1] / "shapes"
VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.suffix in (".ttl", ".trig"))
INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.suffix in (".ttl", ".trig"))
EXPECT_LINE = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s+(\S+)\s*$")

SHAPES = load_shapes()
ONTOLOGY = load_ontology()


def expectations(path: Path) -> list[tuple[str, str, str | None]]:
    """The (shape, component, path) triples declared in the file's header comment."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = EXPECT_LINE.match(line)
        if match:
            shape, component, result_path = match.groups()
            found.append((shape, component, None if result_path == "-" else result_path))
    return found


def describe(issues) -> str:
    return (
        "\n".join(f"  {sorted(i.shape_names())} {i.component} {i.path} focus={i.focus} value={i.value}" for i in issues)
        or "  (none)"
    )


# --------------------------------------------------------------------------- examples


def test_example_folders_are_big_enough():
    assert len(VALID) >= 10 and len(INVALID) >= 25


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_is_self_describing(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Valid" if path.parent.name == "valid" else "# Invalid"), (
        "the first line must say what the example is"
    )
    if path.parent.name == "valid":
        assert not expectations(path), "a valid example declares no violations"
    else:
        assert expectations(path), "an invalid example declares at least one '# expect:' line"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms(path):
    outcome = validate(parse_rdf_file(path), engine="pyshacl")
    assert outcome.conforms, f"{path.name} should conform but got:\n{describe(outcome.issues)}"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_fails_with_exactly_its_declared_violations(path):
    expected = expectations(path)
    outcome = validate(parse_rdf_file(path), engine="pyshacl")
    assert not outcome.conforms, f"{path.name} should not conform"

    missing = [
        (shape, component, result_path)
        for shape, component, result_path in expected
        if not any(
            shape in i.shape_names() and i.component == component and i.path == result_path for i in outcome.issues
        )
    ]
    assert not missing, (
        f"{path.name}: expected violations not reported: {missing}\nreported:\n{describe(outcome.issues)}"
    )

    declared_shapes = {shape for shape, _, _ in expected}
    undeclared = [i for i in outcome.issues if not (i.shape_names() & declared_shapes)]
    assert not undeclared, f"{path.name}: violations of shapes it does not declare:\n{describe(undeclared)}"


def test_expectations_name_real_shapes_and_components():
    shape_names = {qname(s) for s in SHAPES.subjects() if isinstance(s, URIRef) and s.startswith(str(KNSH))}
    for path in INVALID:
        for shape, component, _ in expectations(path):
            assert shape in shape_names, f"{path.name}: unknown shape {shape}"
            assert re.fullmatch(r"sh:[A-Za-z]+ConstraintComponent", component), f"{path.name}: {component}"


# --------------------------------------------------------------------------- the shapes


def shape_nodes():
    """Every shape that can report a result: typed shapes and values of property/node/sparql."""
    nodes = set(SHAPES.subjects(RDF.type, SH.NodeShape)) | set(SHAPES.subjects(RDF.type, SH.PropertyShape))
    nodes |= set(SHAPES.subjects(RDF.type, SH.SPARQLConstraint))
    for predicate in (SH.property, SH.node, SH.sparql):
        nodes |= set(SHAPES.objects(None, predicate))
    return sorted(nodes, key=str)


def test_there_are_shapes_and_few_sparql_constraints():
    assert len(shape_nodes()) > 50
    sparql = list(SHAPES.objects(None, SH.sparql))
    # 5: dates in order, validity periods, posts within dates, duplicate twinnings, duplicate supports
    assert 1 <= len(sparql) <= 5, "keep SHACL-SPARQL for what Core cannot say"


@pytest.mark.parametrize("shape", shape_nodes(), ids=qname)
def test_shape_is_named_labelled_and_has_messages_in_vi_and_en(shape):
    assert isinstance(shape, URIRef) and shape.startswith(str(KNSH)), f"{shape} needs an IRI in knsh:"
    for predicate in (SH.message, RDFS.label):
        langs = {o.language for o in SHAPES.objects(shape, predicate) if isinstance(o, Literal)}
        assert {"vi", "en"} <= langs, f"{qname(shape)} needs {qname(predicate)} in vi and en, has {langs}"


def test_every_message_is_non_empty_and_tagged():
    messages = list(SHAPES.objects(None, SH.message))
    assert messages
    for message in messages:
        assert isinstance(message, Literal) and message.language in ("vi", "en"), repr(message)
        assert len(str(message).strip()) >= 20, f"too short to help a data steward: {message!r}"


def test_sparql_constraints_use_declared_prefixes():
    declared = {str(p) for p in SHAPES.objects(None, SH.prefix)}
    for constraint in SHAPES.objects(None, SH.sparql):
        query = str(SHAPES.value(constraint, SH.select))
        assert SHAPES.value(constraint, SH.prefixes) is not None
        assert "PREFIX" not in query.upper().split("SELECT")[0]
        used = set(re.findall(r"\b([a-z]+):[A-Za-z]", query))
        assert used <= declared, f"{qname(constraint)} uses undeclared prefixes {used - declared}"


def test_every_ontology_term_the_shapes_name_exists():
    """A typo in a class or property IRI would make a shape silently check nothing."""
    defined = set(ONTOLOGY.subjects())
    for s, p, o in SHAPES:
        for term in (s, p, o):
            if isinstance(term, URIRef) and (term.startswith(str(KN)) or term.startswith(str(KNV))):
                assert term in defined, f"{qname(term)} (in {qname(s)} {qname(p)}) is not in the ontology"


def test_vocabulary_lists_are_whole_concept_schemes():
    """An sh:in list of concepts must hold exactly the concepts of one scheme, so a concept
    added to a vocabulary cannot be rejected by a stale list."""
    schemes = defaultdict(set)
    for concept, scheme in ONTOLOGY.subject_objects(SKOS.inScheme):
        schemes[scheme].add(concept)
    for shape, members in SHAPES.subject_objects(SH["in"]):
        values = set(Collection(SHAPES, members))
        if not all(isinstance(v, URIRef) and v.startswith(str(KNV)) for v in values):
            continue
        owners = {scheme for v in values for scheme in ONTOLOGY.objects(v, SKOS.inScheme)}
        assert len(owners) == 1, f"{qname(shape)} mixes schemes {owners}"
        assert values == schemes[owners.pop()], f"{qname(shape)}: sh:in differs from its scheme"
