"""kg.query.sparql_errors: a SPARQL syntax error names the line and column and shows a caret."""

from __future__ import annotations

from kg.errors import caret_lines, sparql_position as position
from kg.query.sparql_errors import located, parse_error

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
