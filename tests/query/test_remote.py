"""Remote mode against a real Oxigraph server: `kg serve` over the session's built store.

Every saved query must give over HTTP exactly the answer it gives embedded (the expected files),
parameters travel as a VALUES block, a hostile parameter stays a plain value, the default server
refuses updates, and `kg push` loads the graph into another Oxigraph so that the same catalogue
runs there. Endpoint failures (error answer, time limit) are checked as the CLI reports them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kg import api
from kg.query import catalog, remote, server
from support.ports import free_port
from support.same_answers import differences

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
from expected_results import Case, cases, read

pytestmark = pytest.mark.slow
PROJECT_ROOT = Path(__file__).resolve().parents[2]
HOSTILE = 'x" } ; DROP ALL ; #'
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?b . ?d ?r ?c }"


def start_kg_serve(*extra: str) -> tuple[subprocess.Popen, server.Endpoint]:
    """`kg serve` as a user starts it, on a free loopback port; waits until it answers."""
    endpoint = server.Endpoint("127.0.0.1", free_port())
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--bind", f"127.0.0.1:{endpoint.port}", *extra],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    try:
        server.wait_until_ready(endpoint, process)
    except BaseException:
        process.kill()
        raise
    return process, endpoint


def stop_kg_serve(process: subprocess.Popen) -> tuple[str, str]:
    process.send_signal(signal.SIGTERM)
    return process.communicate(timeout=30)


@pytest.fixture(scope="module")
def served(kg_home, built_store):
    process, endpoint = start_kg_serve()
    yield endpoint
    stop_kg_serve(process)


def triple_count(store_or_url) -> int:
    text = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    if isinstance(store_or_url, str):
        return int(remote.run_query(store_or_url, text).rows[0][0].value)
    return int(next(iter(store_or_url.query(text)))["n"].value)


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.id)
def test_saved_query_answers_the_same_over_http(served, case: Case):
    query = catalog.get_query(case.name)
    answer = api.execute(query, case.values, endpoint=served.query_url, timeout=60)
    assert differences(read(case), answer, query.text) == []


def test_the_editor_is_at_the_root_and_the_default_graph_is_the_union(served):
    with urllib.request.urlopen(served.base + "/", timeout=10) as page:
        assert page.headers["Content-Type"].startswith("text/html") and b"yasgui" in page.read().lower()
    # no GRAPH in the query, yet facts of the named graphs are seen
    answer = remote.run_query(served.query_url, "ASK { ?t a <https://w3id.org/ketnghia/ontology#Twinning> }")
    assert answer.boolean is True


def test_the_default_server_refuses_updates(served, built_store):
    before = triple_count(built_store)
    request = urllib.request.Request(
        served.update_url, data=b"DROP ALL", method="POST", headers={"Content-Type": "application/sparql-update"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert triple_count(served.query_url) == before == triple_count(built_store)


@pytest.mark.parametrize("where", ["embedded", "remote"])
def test_a_hostile_parameter_is_a_plain_value(served, built_store, run_kg, where):
    before = triple_count(built_store)
    endpoint = ["--endpoint", served.query_url] if where == "remote" else []
    # a saved query: the text matches no name, nothing else happens
    result = run_kg("query", "people-named", "-p", f"name={HOSTILE}", "--format", "tsv", *endpoint)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == []
    # an echo of the parameter: it comes back exactly, as one string
    echo = "#+ params:\n#+   name: {type: text, default: a}\nSELECT ?name WHERE { }\n"
    result = run_kg("query", "--sparql", echo, "-p", f"name={HOSTILE}", "--format", "json", *endpoint)
    bindings = __import__("json").loads(result.stdout)["results"]["bindings"]
    assert bindings == [{"name": {"type": "literal", "value": HOSTILE}}]
    assert triple_count(built_store) == before == triple_count(served.query_url)


def test_a_hostile_parameter_cannot_drop_anything_even_on_a_writable_server(kg_home, built_store, run_kg):
    process, endpoint = start_kg_serve("--writable")
    try:
        before = triple_count(endpoint.query_url)
        result = run_kg("query", "people-named", "-p", f"name={HOSTILE}", "--endpoint", endpoint.query_url)
        assert result.returncode == 0, result.stderr
        assert triple_count(endpoint.query_url) == before > 200_000
        # it is writable (loudly): a real update is accepted, on its private copy only
        request = urllib.request.Request(
            endpoint.update_url,
            method="POST",
            data=b"INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 1 } }",
            headers={"Content-Type": "application/sparql-update"},
        )
        assert urllib.request.urlopen(request, timeout=10).status in (200, 204)
        assert triple_count(endpoint.query_url) == before + 1
    finally:
        _out, err = stop_kg_serve(process)
    assert "WRITABLE" in err and "never the published graph" in err
    assert triple_count(built_store) == before


def test_an_endpoint_that_answers_an_error_is_exit_4(served, run_kg):
    result = run_kg("query", "--sparql", "SELECT ?x WHERE { ?x }", "--endpoint", served.query_url)
    assert result.returncode == 4, result.stderr
    assert "answered HTTP 400" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_our_time_limit_is_exit_5(served, run_kg):
    result = run_kg("query", "--sparql", HEAVY, "--endpoint", served.query_url, "--timeout", "1")
    assert result.returncode == 5, result.stderr
    assert "did not answer within 1 s" in result.stderr and "Traceback" not in result.stderr


def test_the_servers_time_limit_is_exit_5(kg_home, built_store, run_kg):
    process, endpoint = start_kg_serve("--timeout", "1")
    try:
        result = run_kg("query", "--sparql", HEAVY, "--endpoint", endpoint.query_url, "--timeout", "60")
    finally:
        stop_kg_serve(process)
    assert result.returncode == 5, result.stderr
    assert "its own time limit" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_serve_reports_a_taken_port(served, run_kg):
    result = run_kg("serve", "--bind", f"127.0.0.1:{served.port}")
    assert result.returncode == 3 and "already in use" in result.stderr


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def test_a_sigterm_while_the_server_starts_stops_the_server_too(kg_home, built_store):
    # The SIGTERM comes as soon as `kg serve` has started Oxigraph, before the server answers.
    # kg serve used to install its handler only once the server was up: killed by the default
    # action, it left the Oxigraph server running, holding the port and the output pipes.
    endpoint = server.Endpoint("127.0.0.1", free_port())
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--bind", f"127.0.0.1:{endpoint.port}"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    children: list[int] = []
    try:
        while not children and process.poll() is None:
            children = _children(process.pid)
        assert children, f"kg serve ended before starting the server: {process.communicate()}"
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0
    assert not any(Path(f"/proc/{child}").exists() for child in children), "the Oxigraph server is still running"


def test_push_loads_every_named_graph_into_another_store(kg_home, built_store, run_kg):
    """`kg push` into an empty Oxigraph (writable, in memory): same catalogue, same answers."""
    target = server.Endpoint("127.0.0.1", free_port())
    process = server.start(None, target, writable=True, log=subprocess.DEVNULL)
    try:
        result = run_kg("push", "--endpoint", target.query_url, "--chunk", "100000")
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("pushed ")
        assert triple_count(target.query_url) == triple_count(built_store)
        for case in cases():
            query = catalog.get_query(case.name)
            answer = api.execute(query, case.values, endpoint=target.query_url, timeout=60)
            assert differences(read(case), answer, query.text) == [], case.id
        assert "https://w3id.org/ketnghia/graph/gazetteer: " in result.stderr and " request(s), " in result.stderr
        # a second push replaces, it does not add (and says so in Vietnamese when asked)
        again = run_kg("--lang", "vi", "push", "--endpoint", target.query_url)
        assert again.returncode == 0 and again.stdout.startswith("đã đẩy ")
        assert " bộ ba trong " in again.stderr and "request(s)" not in again.stderr
        assert triple_count(target.query_url) == triple_count(built_store)
    finally:
        server.stop(process)


def test_push_needs_a_graph_store_address_it_can_work_out(run_kg, kg_home):
    result = run_kg("push", "--endpoint", "http://127.0.0.1:1/somewhere")
    assert result.returncode == 2 and "give it with --gsp" in result.stderr
