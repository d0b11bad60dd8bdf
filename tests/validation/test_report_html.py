"""Validation reports carry untrusted text (labels, values): every format must keep it as text.

The HTML report is one self-contained page a steward can send on: inline CSS, no scripts, no
external resources; a label holding `<script>` or `<img src=x onerror=...>` shows as text there,
in the terminal report and in the JSON report alike.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from rdflib import Graph

from kg.validation import validate
from kg.validation.parsing import record_lines
from kg.validation.render import CheckedFile, render_html, render_json, render_text

SCRIPT = "<script>alert('xss')</script>"
IMAGE = '<img src=x onerror="alert(1)">'
ESCAPE = "\x1b[31mred\x1b[0m"  # an ANSI colour sequence, as it reaches a terminal
TURTLE_ESCAPE = ESCAPE.replace("\x1b", "\\u001b")  # the same, as a Turtle string escape
DATA = f"""\
@base <https://w3id.org/ketnghia/id/> .
@prefix kn:   <https://w3id.org/ketnghia/ontology#> .
@prefix knv:  <https://w3id.org/ketnghia/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

<twinning/x> a kn:Twinning ;
    skos:prefLabel "{SCRIPT}"@vi ;
    kn:twinningKind knv:sister-localities .

<support/y> a kn:Support ;
    skos:prefLabel {json.dumps(IMAGE)}@vi ;
    kn:date "{TURTLE_ESCAPE}" .
"""


def checked(tmp_path) -> CheckedFile:
    path = tmp_path / "xss.ttl"
    path.write_text(DATA, "utf-8")
    graph = Graph().parse(data=DATA, format="turtle")
    outcome = validate(graph, engine="pyshacl")
    assert not outcome.conforms
    return CheckedFile(str(path), graph, outcome, record_lines(path))


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_page_without_scripts(tmp_path):
    page = render_html([checked(tmp_path)], "en")
    parsed = Tags()
    parsed.feed(page)
    assert page.startswith("<!DOCTYPE html>") and page.count("<html") == 1
    assert "script" not in parsed.tags and "img" not in parsed.tags and "link" not in parsed.tags
    assert not {"src", "href", "onerror", "onload"} & set(parsed.attributes)
    assert not re.search(r"url\(|@import|https?://[^\s\"<]*\.(css|js|png|woff)", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert parsed.tags.count("style") == 1


def test_html_shows_hostile_labels_as_text(tmp_path):
    page = render_html([checked(tmp_path)], "en")
    assert SCRIPT not in page and IMAGE not in page and "\x1b" not in page
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    parsed = Tags()
    parsed.feed(page)
    text = "".join(parsed.text)
    assert SCRIPT in text and IMAGE in text  # what a reader sees: the labels, as written


def test_html_groups_problems_by_record_with_line_severity_property_and_value(tmp_path):
    report = checked(tmp_path)
    page = render_html([report], "vi")
    assert 'lang="vi"' in page and "KHÔNG HỢP LỆ" in page
    assert "dòng 7" in page and "dòng 11" in page  # where <twinning/x> and <support/y> start
    assert page.count('<div class="record">') == len(report.outcome.by_focus())
    assert page.count('<tbody class="issue">') == len(report.outcome.issues)
    assert "Vi phạm" in page and "kn:status" in page
    assert page.index("twinning/x") < page.index("support/y")  # file order


def test_text_report_keeps_labels_as_text_and_neutralises_terminal_escapes(tmp_path):
    text = render_text([checked(tmp_path)], "en")
    assert SCRIPT in text and IMAGE in text
    assert "\x1b" not in text and "\\x1b[31mred" in text
    assert "(line 7)" in text and "(line 11)" in text


def test_json_report_round_trips_the_labels_exactly(tmp_path):
    document = json.loads(render_json([checked(tmp_path)], "en"))
    labels = {i["focus_label"] for i in document["files"][0]["issues"]}
    assert {SCRIPT, IMAGE} <= labels
    assert {i["line"] for i in document["files"][0]["issues"]} == {7, 11}


def test_cli_writes_the_html_report_to_a_file(kg_home, run_kg, tmp_path):
    from tests.steward.test_bad_input_corpus import BAD

    out = tmp_path / "report.html"
    run = run_kg(
        "validate",
        "--lang",
        "vi",
        "--format",
        "html",
        "-o",
        str(out),
        str(BAD / "label-with-html.ttl"),
        str(BAD / "unknown-unit-name.csv"),
    )
    assert run.returncode == 1 and run.stdout == "" and "đã ghi báo cáo vào" in run.stderr
    page = out.read_text("utf-8")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "hàng 3" in page and "Bên 2 / Party 2 [party_2]" in page and "Có phải ý bạn là" in page
