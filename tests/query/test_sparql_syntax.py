"""kg.query.sparql_syntax: saved queries return vocabulary labels in the chosen language, and a
SPARQL syntax error names the line and column and shows a caret."""

from __future__ import annotations

import csv
import io

import pytest

from kg import api
from kg.errors import caret_lines
from kg.errors import sparql_position as position
from kg.query.sparql_syntax import located, parse_error, with_label_language


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

    # pre2025/510 and the 2025 commune that took it over hold a plain and a lowland–mountain twinning
    english = {"Sister localities", "Lowland–mountain twinning"}
    vietnamese = {"Kết nghĩa", "Kết nghĩa đồng bằng – miền núi"}
    assert kinds("--lang", "en") == english
    assert kinds("--lang", "vi") == vietnamese
    assert kinds(env={"LANG": "vi_VN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}) == vietnamese
    assert kinds(env={"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}) == english


# --------------------------------------------------------------------------- syntax errors

MALFORMED = """#+ title: {vi: 'Thử', en: 'Try'}
PREFIX kn: <https://w3id.org/ketnghia/ontology#>
SELECT ?twinning WHERE {
  ?twinning a kn:Twinning ;
            kn:party ?unit ?other .
}
"""


def test_position_of_pyoxigraphs_message():
    assert position("error at 3:23: expected ENCODE_FOR_URI") == (3, 23, "expected ENCODE_FOR_URI")
    assert position("something else") is None


def test_caret_under_the_column_and_after_the_end():
    assert caret_lines("SELECT *\nWHERE { ?s ?p }\n", 2, 15) == (2, 15, "    WHERE { ?s ?p }\n                  ^")
    line, column, _shown = caret_lines("SELECT * {\n  ?s ?p ?o\n", 3, 1)  # past the end: after the last line
    assert (line, column) == (2, 11)


def where_pyoxigraph_stops() -> tuple[int, int]:
    """pyoxigraph reports the farthest point its parser reached (here just past line 5's "."):
    the caret goes where it says, on the text as written."""
    found = position(parse_error(MALFORMED) or "")
    assert found is not None and found[0] == 5  # the line with the extra object
    return found[0], found[1]


def test_located_on_the_text_as_written():
    line, column = where_pyoxigraph_stops()
    error = located(MALFORMED, "q.rq", "error at 9:9: (a position in the bound text)")
    first, source, caret = str(error).splitlines()
    assert first.startswith(f"q.rq:{line}:{column}: not valid SPARQL: expected")
    assert source == "                kn:party ?unit ?other ." and caret.index("^") == 4 + column - 1
    assert error.message("vi").startswith(f"q.rq:{line}:{column}: lỗi cú pháp SPARQL (trình đọc báo: «expected")


def test_kg_query_file_shows_the_caret(run_kg, built_store, tmp_path):
    path = tmp_path / "malformed.rq"
    path.write_text(MALFORMED, "utf-8")
    line, column = where_pyoxigraph_stops()
    for lang, word in (("en", "error"), ("vi", "lỗi")):
        result = run_kg("query", "--file", str(path), "--lang", lang)
        lines = result.stderr.splitlines()
        assert result.returncode == 2 and len(lines) == 3 and "Traceback" not in result.stderr
        assert lines[0].startswith(f"kg query: {word}: {path}:{line}:{column}: ")
        assert lines[1] == "    " + MALFORMED.splitlines()[line - 1] and lines[2].index("^") == 4 + column - 1


def test_ad_hoc_sparql_is_located_too(run_kg, built_store):
    result = run_kg("query", "--sparql", "SELECT * WHERE { ?s ?p }", "--lang", "en")
    assert result.returncode == 2 and result.stderr.splitlines()[0].startswith("kg query: error: --sparql:1:")
    assert result.stderr.splitlines()[1] == "    SELECT * WHERE { ?s ?p }"
