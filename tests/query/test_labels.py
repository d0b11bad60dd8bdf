"""kg.query.labels: saved queries return vocabulary labels in the chosen language."""

from __future__ import annotations

import csv
import io

import pytest

from kg import api
from kg.query.labels import with_label_language


def test_only_language_tests_of_labels_are_rewritten():
    text = (
        "SELECT * { ?c skos:prefLabel ?k FILTER(LANG(?k) = \"en\") FILTER('en' = lang(?j)) "
        'FILTER(LANG(?u) = "vi") BIND("en" AS ?x) } # LANG(?k) = "en" in a comment'
    )
    vi = with_label_language(text, "vi")
    assert vi.count('"vi"') == 2 and "'vi' = lang(?j)" in vi
    assert 'BIND("en" AS ?x)' in vi and vi.endswith('# LANG(?k) = "en" in a comment')
    assert with_label_language(text, "en") == text and with_label_language(text, None) == text


def test_every_vocabulary_label_has_both_languages(built_store):
    """So asking for Vietnamese labels can never drop a row."""
    rows = api.run_sparql(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?c WHERE { ?c skos:prefLabel|rdfs:label ?en FILTER(LANG(?en) = 'en') "
        "FILTER NOT EXISTS { ?c skos:prefLabel|rdfs:label ?vi FILTER(LANG(?vi) = 'vi') } }"
    ).rows
    assert rows == []


@pytest.mark.parametrize("name", [q.name for q in api.list_queries() if "LANG(" in q.text and '"en"' in q.text])
def test_saved_queries_give_as_many_rows_in_either_language(built_store, name):
    english = api.execute(name, lang="en")
    vietnamese = api.execute(name, lang="vi")
    assert len(vietnamese.rows) == len(english.rows)


def test_kg_query_labels_follow_lang(run_kg, built_store):
    def kinds(*args, env=None):
        out = run_kg("query", "twinnings-of-unit", "-p", "unit=pre2025/510", "--format", "csv", *args, env=env).stdout
        return {row["kind"] for row in csv.DictReader(io.StringIO(out))}

    assert kinds("--lang", "en") == {"Sister localities"}
    assert kinds("--lang", "vi") == {"Kết nghĩa"}
    assert kinds(env={"LANG": "vi_VN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}) == {"Kết nghĩa"}
    assert kinds(env={"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}) == {"Sister localities"}
