"""`kg serve` answers for the identifiers (W3C Cool URIs): the page for text/html, the description for
text/turtle, application/ld+json and application/n-triples, Vary: Accept, 404 for an unknown
identifier; the SPARQL endpoint behind it answers and refuses updates as before."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query import server
from kg.site.resolver import negotiate

PROJECT_ROOT = Path(__file__).resolve().parents[2]
KN = "https://w3id.org/ketnghia/ontology#"
ID = "https://w3id.org/ketnghia/id/"
SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
DAEGU = "twinning/sister-city-place-kr-daegu--pre2025-48"
FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}


@pytest.fixture(scope="module")
def served(kg_home, built_store):
    endpoint = server.Endpoint("127.0.0.1", server.free_port())
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--bind", f"127.0.0.1:{endpoint.port}"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        server.wait_until_ready(endpoint, process)
        yield endpoint
    finally:
        process.terminate()
        process.communicate(timeout=30)


def get(url: str, accept: str | None = None, **headers):
    request = urllib.request.Request(url, headers={**({"Accept": accept} if accept else {}), **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("media", sorted(FORMATS))
def test_each_rdf_media_type_gives_the_description(served, built_store, media):
    status, headers, body = get(f"{served.base}/id/{DAEGU}", media)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    assert "Accept" in headers["Vary"]
    triples = {(t.subject.value, t.predicate.value, t.object.value) for t in ox.parse(body, format=FORMATS[media])}
    iri = ID + DAEGU
    stored = {
        (q.subject.value, q.predicate.value, q.object.value)
        for q in built_store.quads_for_pattern(ox.NamedNode(iri), None, None, None)
    }
    assert stored and stored <= triples  # everything every source says about it
    assert (ID + "place/kr-daegu", SKOS_PREF, "Daegu") in triples  # a neighbour's label
    assert (iri, KN + "establishedOn", "2018-08-03") in triples and (iri, KN + "establishedOn", "2004-10-21") in triples


def test_html_gives_the_page_in_the_language_asked(served):
    status, headers, body = get(f"{served.base}/id/unit/pre2025/509", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and "Accept" in headers["Vary"]
    page = body.decode("utf-8")
    assert "<h1>Huyện Quế Sơn</h1>" in page and 'lang="vi"' in page
    status, headers, body = get(f"{served.base}/id/unit/pre2025/509", "text/html", **{"Accept-Language": "en-GB,en"})
    assert 'lang="en"' in body.decode("utf-8") and headers["Content-Language"] == "en"
    # a unit no source names still has its page here (rendered from the graph)
    status, _, body = get(f"{served.base}/id/unit/2025/01.en.html")
    assert status == 200 and "Hà Nội" in body.decode("utf-8")
    # and the page's own links resolve on the server
    status, headers, _ = get(f"{served.base}/assets/site.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")


def test_a_browser_default_accept_gets_html_and_a_wildcard_prefers_nothing_over_html(served):
    assert get(f"{served.base}/id/{DAEGU}")[1]["Content-Type"].startswith("text/html")
    assert get(f"{served.base}/id/{DAEGU}", "*/*")[1]["Content-Type"].startswith("text/html")
    assert negotiate("text/html;q=0.5, text/turtle") == "text/turtle"
    assert negotiate("application/n-triples;q=0.9, */*;q=0.9") == "application/n-triples"
    assert negotiate("image/png") is None


def test_an_unknown_identifier_is_404_for_every_media_type(served):
    for media in (None, "text/html", *FORMATS):
        status, headers, body = get(f"{served.base}/id/unit/pre2025/no-such-unit", media)
        assert status == 404 and "Accept" in headers["Vary"], media
        assert b"unknown identifier" in body
    assert get(f"{served.base}/id/{DAEGU}", "image/png")[0] == 406


def test_the_sparql_endpoint_is_unchanged_and_read_only(served, built_store):
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    status, headers, body = get(f"{served.query_url}?query={query}", "application/sparql-results+json")
    assert status == 200
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(built_store)
    request = urllib.request.Request(
        served.update_url, data=b"DROP ALL", method="POST", headers={"Content-Type": "application/sparql-update"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    status, _, body = get(f"{served.query_url}?query={query}", "application/sparql-results+json")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(built_store)
    status, headers, _ = get(served.base + "/", "text/html")  # the query editor
    assert status == 200 and headers["Content-Type"].startswith("text/html")


def test_the_void_description_is_at_the_well_known_address(served, built_store):
    status, headers, body = get(f"{served.base}/.well-known/void")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    assert any(
        t.predicate.value == "http://purl.org/dc/terms/license"
        and t.object.value == "https://creativecommons.org/licenses/by/4.0/"
        for t in triples
    )


def test_a_page_served_without_a_site_has_no_links_to_index_pages(served):
    page = get(f"{served.base}/id/{DAEGU}.en.html")[2].decode("utf-8")
    links = [
        urllib.parse.urljoin(f"{served.base}/id/{DAEGU}.en.html", href)
        for href in re.findall(r'href="([^"]+)"', page)
        if not href.startswith(("http:", "https:"))
    ]
    assert links and all("/id/" in link or "/assets/" in link for link in links), links
    for link in links:
        assert get(link)[0] == 200, link


def test_a_site_directory_that_is_not_a_site_is_refused(kg_home, run_kg, tmp_path):
    result = run_kg("serve", "--bind", f"127.0.0.1:{server.free_port()}", "--site", str(tmp_path), timeout=60)
    assert result.returncode == 3 and "not a site written by `kg export site`" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2 and "Traceback" not in result.stderr  # + "stopped"


def test_serve_with_an_exported_site_answers_its_files_too(kg_home, built_store, tmp_path):
    from kg.site.build import export_site

    site = tmp_path / "site"
    export_site(built_store, site, explorer=False)
    endpoint = server.Endpoint("127.0.0.1", server.free_port())
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--bind", f"127.0.0.1:{endpoint.port}", "--site", str(site)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        server.wait_until_ready(endpoint, process)
        status, headers, body = get(f"{endpoint.base}/index.en.html")
        assert status == 200 and body == (site / "index.en.html").read_bytes()
        status, headers, body = get(f"{endpoint.base}/dumps/ketnghia.nq.gz")
        assert status == 200 and body == (site / "dumps" / "ketnghia.nq.gz").read_bytes()
        status, headers, body = get(f"{endpoint.base}/.well-known/void")
        assert (
            headers["Content-Type"].startswith("text/turtle") and body == (site / ".well-known" / "void").read_bytes()
        )
        status, _, body = get(f"{endpoint.base}/id/{DAEGU}", "text/html")
        assert body == (site / "id" / f"{DAEGU}.html").read_bytes()  # the exported page itself
        assert get(f"{endpoint.base}/../../etc/passwd")[0] in (400, 404)
        assert get(f"{endpoint.base}/%2e%2e/%2e%2e/etc/passwd")[0] in (400, 404)
    finally:
        process.terminate()
        process.communicate(timeout=30)
