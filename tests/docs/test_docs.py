"""Generated documentation is up to date and covers everything it documents."""

from kg.query import catalog
from kg.docs import pages as docs_gen, ontology_page as ontology_doc


def test_generated_pages_are_up_to_date():
    assert docs_gen.stale_pages() == [], "run `kg docs` and commit the result"


def test_query_catalogue_lists_every_query():
    page = docs_gen.queries_page()
    for name in catalog.load_catalog():
        assert f"## {name}\n" in page


def test_ontology_reference_lists_every_class_and_property():
    page = ontology_doc.render()
    graph = ontology_doc.load_ontology()
    from rdflib.namespace import OWL, RDF

    from kg.iris import KN

    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            if str(term).startswith(str(KN)):
                assert f"`kn:{str(term)[len(str(KN)) :]}`" in page


def test_cli_docs_check(run_kg):
    result = run_kg("docs", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
