"""`kg query` as a user runs it (subprocesses), its output formats, and the Python API.

Bad input must give one line on stderr, no traceback, and its own exit code:
2 unknown query / parameter / bad value, 3 unreachable, 4 endpoint error, 5 time limit
(the endpoint cases, which need a real server, are in test_remote.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
import sys

import pyoxigraph as ox
import pytest

from kg import api
from kg.query import catalog
from kg.query.results import from_oxigraph, text_width, to_string
from support.ports import free_port

CATALOG = catalog.load_catalog()


def assert_one_line_error(result, code: int, *fragments: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_list_shows_every_query_with_titles_and_typed_parameters(run_kg, kg_home):
    english = run_kg("query", "--list", "--lang", "en")
    assert english.returncode == 0
    for name, query in CATALOG.items():
        assert name in english.stdout and query.title["en"] in english.stdout
    assert "-p unit=…  (unit, default pre2025/510, e.g. pre2025/509)" in english.stdout
    vietnamese = run_kg("query", "--list", "--lang", "vi")
    assert CATALOG["twinnings-of-unit"].title["vi"] in vietnamese.stdout
    assert "-p unit=…  (unit, mặc định pre2025/510, ví dụ pre2025/509)" in vietnamese.stdout
    assert f"({len(CATALOG)} truy vấn;" in vietnamese.stdout and "queries" not in vietnamese.stdout
    listing = json.loads(run_kg("query", "--list", "--format", "json").stdout)
    assert {q["name"] for q in listing} == set(CATALOG)
    assert listing[0]["params"] is not None


def test_run_a_saved_query_with_a_parameter_as_sparql_json(run_kg, built_store):
    result = run_kg("query", "twinnings-of-unit", "-p", "unit=pre2025/509", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "partnerLabels" in data["head"]["vars"]
    [row] = data["results"]["bindings"]
    assert row["partnerLabels"] == {"type": "literal", "value": "Huyện Thọ Xuân"}
    # every source gives 20/11/1968 (seed 002, corpus 003 and 060-063): one value, concatenated
    assert row["established"] == {"type": "literal", "value": "1968-11-20"}


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv"])
def test_w3c_formats_match_pyoxigraphs_serialisers(built_store, fmt):
    """Our JSON/CSV/TSV writers, checked against pyoxigraph's on real answers."""
    names = ["support-totals-of-unit", "twinnings-of-unit", "agreements-and-content-areas", "people-and-posts"]
    formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    for name in names:
        query = CATALOG[name]
        run = lambda: built_store.query(query.bound_text(), use_default_graph_as_union=True)
        theirs = run().serialize(format=formats[fmt]).decode("utf-8")
        ours = to_string(from_oxigraph(run()), fmt)
        if fmt == "json":
            assert json.loads(ours) == json.loads(theirs)
        else:
            assert ours == theirs


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv"])
def test_kg_query_output_is_what_the_python_writers_give(run_kg, built_store, fmt, tmp_path):
    """`kg query` serialises SELECT answers of the embedded store with pyoxigraph (kg.api
    NATIVE_FORMATS); it must print what kg.query.results' writers print, byte for byte in CSV/TSV
    (read from --output: a text-mode pipe would turn CSV's CRLF into LF)."""
    for name in ["people-and-posts", "support-totals-of-unit", "twinnings-of-unit"]:
        target = tmp_path / f"{name}.{fmt}"
        # --exact-unit: bound_text() below binds the unit alone (no predecessors or heirs)
        printed = run_kg("query", name, "--format", fmt, "--output", str(target), "--exact-unit")
        assert printed.returncode == 0, printed.stderr
        written = to_string(
            from_oxigraph(built_store.query(CATALOG[name].bound_text(), use_default_graph_as_union=True)), fmt
        )
        if fmt == "json":
            assert json.loads(target.read_bytes()) == json.loads(written)
        else:
            assert target.read_bytes() == written.encode("utf-8")


@pytest.mark.parametrize(
    "fmt, expected", [("csv", "true\n"), ("tsv", "true\n"), ("json", '{"head": {}, "boolean": true}\n')]
)
def test_an_ask_answer_keeps_its_own_format(run_kg, built_store, fmt, expected):
    printed = run_kg("query", "--sparql", "ASK { ?s a <https://w3id.org/ketnghia/ontology#Twinning> }", "--format", fmt)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == expected


def test_python_api_can_return_serialised_select_answers(built_store):
    data = api.execute("twinnings-of-unit", {"unit": "pre2025/509"}, native_format="tsv")
    assert isinstance(data, bytes)
    assert data.decode("utf-8") == to_string(api.execute("twinnings-of-unit", {"unit": "pre2025/509"}), "tsv")
    timed = api.execute("twinnings-of-unit", {"unit": "pre2025/509"}, native_format="csv", timeout=30)
    assert timed == built_store.query(
        CATALOG["twinnings-of-unit"].bound_text({"unit": "pre2025/509"}), use_default_graph_as_union=True
    ).serialize(format=ox.QueryResultsFormat.CSV)


def test_csv_is_rfc4180_and_tsv_keeps_rdf_terms(run_kg, built_store, tmp_path):
    target = tmp_path / "agreements.csv"
    run_kg("query", "agreements-of-organization", "--format", "csv", "--output", str(target))
    raw = target.read_bytes()
    assert raw.count(b"\r\n") == 5  # CRLF line ends, as RFC 4180 says
    csv_text = raw.decode("utf-8")
    assert csv_text.splitlines()[0].startswith("organization,agreement,title")
    rows = list(csv.reader(io.StringIO(csv_text, newline="")))
    assert rows[1][3] == "--06-12"  # the lexical form, no datatype
    tsv_text = run_kg("query", "agreements-of-organization", "--format", "tsv").stdout
    assert '"--06-12"^^<http://www.w3.org/2001/XMLSchema#gMonthDay>' in tsv_text
    assert tsv_text.splitlines()[0].startswith("?organization\t?agreement")


def test_table_aligns_vietnamese_text(run_kg, built_store):
    """Columns start at the same terminal column whatever the diacritics (precomposed or combining)."""
    import unicodedata

    names = ["Nguyễn Hồng Lai", unicodedata.normalize("NFD", "Lê Văn Dũng"), "Hoang Son Tra", "Đà Nẵng 全"]
    result = from_oxigraph(
        ox.Store().query(
            "SELECT ?name ?mark WHERE { VALUES (?name ?mark) { "
            + " ".join(f'("{n}" "#{i}")' for i, n in enumerate(names))
            + " } }"
        )
    )
    lines = to_string(result, "table").splitlines()
    columns = {text_width(line[: line.index("#")]) for line in lines[2:-1]}
    assert len(columns) == 1 and text_width(lines[0][: lines[0].index("mark")]) in columns
    table = run_kg("query", "people-and-posts").stdout.splitlines()
    rows = len(run_kg("query", "people-and-posts", "--format", "csv").stdout.splitlines()) - 1
    assert table[-1] == f"({rows} rows)" and rows > 14 and set(table[1]) <= {"─", " "}


def test_markdown_escapes_pipes(run_kg, built_store):
    result = run_kg("query", "agreements-and-content-areas", "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| agreement | title |") and lines[1].startswith("|---|")
    assert "\\| " in result.stdout  # the | of GROUP_CONCAT, escaped
    cells = [len(re.split(r"(?<!\\)\|", line)) for line in lines]
    assert len(set(cells)) == 1  # so every row has as many cells as the header


def test_output_file_is_written_whole(run_kg, built_store, tmp_path):
    target = tmp_path / "out" / "wards.csv"
    result = run_kg("query", "units-without-twinning", "--format", "csv", "--output", str(target))
    assert result.returncode == 0 and result.stdout == ""
    # the curated expected answer: the 2025 units of Đà Nẵng no source twins yet, and the header
    expected = Path(__file__).resolve().parents[1] / "queries" / "expected" / "units-without-twinning.tsv"
    assert len(target.read_text("utf-8").splitlines()) == len(expected.read_text("utf-8").splitlines())


def test_ad_hoc_queries_from_a_file_or_the_command_line(run_kg, built_store, tmp_path):
    query_file = tmp_path / "mine.rq"
    query_file.write_text(
        "#+ params:\n#+   year: {type: year, default: 2021}\n"
        "PREFIX kn: <https://w3id.org/ketnghia/ontology#>\n"
        "SELECT ?year (COUNT(?s) AS ?n) WHERE { ?s kn:date ?d FILTER(SUBSTR(STR(?d), 1, 4) = STR(?year)) }"
        " GROUP BY ?year\n",
        "utf-8",
    )
    result = run_kg("query", "--file", str(query_file), "-p", "year=2024", "--format", "tsv")
    assert result.stdout.splitlines()[1].split("\t")[1] != "0"
    ask = run_kg("query", "--sparql", "ASK { ?s a <https://w3id.org/ketnghia/ontology#Twinning> }")
    assert ask.stdout.strip() == "true"
    graph = run_kg("query", "--sparql", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2", "--format", "ntriples")
    assert len(graph.stdout.strip().splitlines()) == 2


def test_show_prints_the_bound_query(run_kg, kg_home):
    remote_text = run_kg("query", "twinnings-of-unit", "-p", "unit=2025/48", "--show", "--endpoint", "http://x/query")
    assert "VALUES ?unit { <https://w3id.org/ketnghia/id/unit/2025/48> }" in remote_text.stdout


@pytest.mark.parametrize(
    "args, code, fragments",
    [
        (["query", "no-such-query"], 2, ["no saved query named 'no-such-query'"]),
        (
            ["query", "twinnings-of-unit", "-p", "place=pre2025/510"],
            2,
            ["has no parameter 'place'", "parameters: unit"],
        ),
        (["query", "twinnings-of-unit", "-p", "unit"], 2, ["parameter 'unit' has no value"]),
        (["query", "twinnings-of-unit", "-p", "=x"], 2, ["has no name"]),
        (["query", "twinnings-of-unit", "-p", "unit=Atlantis"], 2, ["parameter 'unit'", "no unit named 'Atlantis'"]),
        (["query", "reported-statistics", "-p", "year=2021a"], 2, ["parameter 'year'", "not a year"]),
        (["query", "twinnings-of-unit", "-p", "unit=a", "-p", "unit=b"], 2, ["given twice"]),
        (["query", "--sparql", "DROP ALL"], 2, ["SPARQL update"]),
        (["query", "--sparql", "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "--format", "csv"], 2, ["ntriples or turtle"]),
        (["query"], 2, ["name one saved query"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_kg, built_store, args, code, fragments):
    assert_one_line_error(run_kg(*args), code, *fragments)


def test_unreachable_endpoint_is_exit_3(run_kg, kg_home):
    closed = f"http://127.0.0.1:{free_port()}/query"
    assert_one_line_error(run_kg("query", "twinnings-of-unit", "--endpoint", closed), 3, "cannot reach")
    assert_one_line_error(run_kg("query", "twinnings-of-unit", "--endpoint", "ftp://x/"), 3, "not an http(s) URL")


def test_no_built_graph_is_exit_3(run_kg, tmp_path):
    assert_one_line_error(run_kg("query", "twinnings-of-unit", env={"KG_HOME": str(tmp_path)}), 3, "kg build")


def test_embedded_time_limit_is_exit_5(run_kg, built_store):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?b . ?d ?r ?c }"
    assert_one_line_error(run_kg("query", "--sparql", heavy, "--timeout", "0.5"), 5, "within 0.5 s")


# --------------------------------------------------------------------------- Python API


def test_run_query_returns_python_values(built_store):
    rows = api.run_query("support-totals-of-unit", {"unit": "pre2025/510"})
    assert [(r["year"], r["qualifier"], r["totalVND"], r["supports"]) for r in rows] == [
        ("2020", "Approximate (about)", 1700000000, 1),
        ("not stated", "Exact", 550000000, 1),
        ("not stated", "no amount stated", None, 1),  # a support a stored public page names without a value
    ]


def test_run_query_df_needs_pandas_and_says_so(built_store):
    script = (
        "import sys; sys.modules['pandas'] = None\n"
        "from kg.api import run_query_df\n"
        "try:\n    run_query_df('twinnings-of-unit')\n"
        "except ImportError as exc:\n    print(exc)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "needs pandas" in result.stdout and "pip install" in result.stdout


def test_run_query_df_gives_a_dataframe(built_store):
    pandas = pytest.importorskip("pandas")
    frame = api.run_query_df("twinnings-by-decade-and-kind")
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["decade", "kind", "status", "twinnings"]
    groups = built_store.query(
        "PREFIX kn: <https://w3id.org/ketnghia/ontology#> SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?t ?k ?s "
        "WHERE { ?t a kn:Twinning ; kn:twinningKind ?k ; kn:currentStatus ?s } }",
        use_default_graph_as_union=True,
    )
    assert frame["twinnings"].sum() == int(next(iter(groups))["n"].value)  # one per relation and kind
