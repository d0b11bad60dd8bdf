"""No SERVICE unless asked (kg.query_guard, kg.serve_guard): kg query, kg.api and kg serve; kg serve's
default time limit, IPv6 and unknown hosts, and its warning beyond loopback."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.query import server
from tests.conftest import PROJECT_ROOT

SERVICE_QUERY = "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/query> { ?s ?p ?o } } LIMIT 1"


def test_the_python_api_refuses_service(kg_home):
    from kg import api
    from kg.query.catalog import CatalogError

    with pytest.raises(CatalogError, match="SERVICE"):
        api.run_sparql(SERVICE_QUERY.replace("{port}", "1"))


def test_kg_query_refuses_service_unless_allowed(kg_home, run_kg):
    result = run_kg("query", "--sparql", SERVICE_QUERY.replace("{port}", "9"))
    assert result.returncode == 2 and "SERVICE" in result.stderr and "--allow-service" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # the word in a string or a comment is not the keyword
    plain = run_kg("query", "--sparql", '# SERVICE\nSELECT ?x WHERE { BIND("SERVICE" AS ?x) }', "--format", "csv")
    assert plain.returncode == 0 and plain.stdout.split() == ["x", "SERVICE"], plain.stderr
    allowed = run_kg("query", "--allow-service", "--sparql", SERVICE_QUERY.replace("{port}", "9"))
    assert allowed.returncode == 3 and "Traceback" not in allowed.stderr, allowed.stderr


def start_serve(bind: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--bind", bind, *extra],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(process: subprocess.Popen) -> str:
    """Stop `kg serve`; its stdout and stderr together."""
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    return out + err


def ask(base: str, query: str) -> tuple[int, str]:
    request = urllib.request.Request(
        base + "/query",
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "text/csv", "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_kg_serve_refuses_service_and_still_answers(kg_home):
    endpoint = server.Endpoint("127.0.0.1", server.free_port())
    process = start_serve(f"127.0.0.1:{endpoint.port}")
    try:
        server.wait_until_ready(endpoint, process)
        status, body = ask(endpoint.base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert status == 200 and int(body.split()[1]) > 200_000
        status, body = ask(endpoint.base, SERVICE_QUERY.replace("{port}", str(endpoint.port)))
        assert status == 403 and "SERVICE" in body
        get = endpoint.base + "/query?" + urllib.parse.urlencode({"query": SERVICE_QUERY.replace("{port}", "1")})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(get, timeout=30)
        assert refused.value.code == 403
    finally:
        err = stop(process)
    assert "Traceback" not in err and "warning" not in err
    assert "queries cancelled after 60 s" in err  # the default time limit


def test_kg_serve_ipv6_loopback(kg_home):
    port = server.free_port()
    process = start_serve(f"[::1]:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = ask(f"http://[::1]:{port}", "ASK { }")
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
                time.sleep(0.2)
        assert status == 200 and "true" in body.lower()
    finally:
        stop(process)


def test_kg_serve_warns_beyond_loopback(kg_home):
    port = server.free_port()
    process = start_serve(f"0.0.0.0:{port}")
    try:
        server.wait_until_ready(server.Endpoint("127.0.0.1", port), process)
    finally:
        err = stop(process)
    assert "warning" in err and "reverse proxy" in err


@pytest.mark.parametrize("bind", ["no-such-host.invalid:17890", "[::1:17890", "127.0.0.1:99999"])
def test_kg_serve_bad_bind_is_one_line(kg_home, run_kg, bind):
    result = run_kg("serve", "--bind", bind, timeout=60)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
