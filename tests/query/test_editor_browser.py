"""`kg serve`'s query editor in Debian's Chromium (Playwright), with the network cut off: the page
opens YASGUI on `/query` with the project's prefixes, a saved query picked from the examples runs
and shows its rows, and no request leaves 127.0.0.1 (each one to another address is aborted and
recorded; a console error, a Content Security Policy refusal included, fails the test too).

Screenshots go to tests/artifacts/ (gitignored). Needs: apt-get install chromium; pip install playwright.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from kg.iris import PREFIX_IRIS
from kg.query import server
from kg.query.catalog import load_catalog
from tests.conftest import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install playwright)"
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parents[1] / "artifacts"
EXAMPLE = "twinnings-of-unit"


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


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Tab:
    """A browser tab that may reach the server under test and nothing else."""

    def __init__(self, browser, base: str, locale: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1300, "height": 900}, locale=locale)
        self.page = self.context.new_page()
        self.local, self.outside, self.errors = [], [], []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(base + "/")
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base + "/"):
            self.local.append((route.request.method, url[len(self.base) :]))
            route.continue_()
        elif url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], f"requests left 127.0.0.1: {self.outside}"
        assert self.errors == [], self.errors


@pytest.fixture
def tab(browser, served):
    opened = Tab(browser, served.base, "vi-VN")
    yield opened
    opened.close()


def test_the_editor_queries_query_with_the_project_prefixes(tab):
    assert tab.js("kgEditor.getTab().getEndpoint()") == tab.base + "/query"
    text = tab.js("kgEditor.getTab().getYasqe().getValue()")
    for prefix, iri in PREFIX_IRIS.items():
        assert f"PREFIX {prefix}: <{iri}>" in text
    # prefix completion reads this server's list, not prefix.cc; LOV's class/property lookups are off
    assert ("GET", "/editor/prefixes.json") in tab.local
    assert tab.js("kgEditor.getTab().getYasqe().config.autocompleters") == ["variables", "prefixes"]
    yasqe = tab.page.locator(".CodeMirror").first
    yasqe.click()
    tab.page.keyboard.press("Control+End")
    tab.page.keyboard.type("\n# ?unit a kn:Org")
    tab.page.keyboard.press("Control+Space")
    tab.page.wait_for_timeout(500)  # a lookup elsewhere would have been routed (and recorded) by now


def test_every_saved_query_is_an_example_with_its_description(tab):
    offered = tab.js("[...document.querySelectorAll('#kg-examples option')].map(o => o.value).filter(Boolean)")
    catalogue = load_catalog()
    assert sorted(offered) == sorted(catalogue)
    tab.page.select_option("#kg-examples", "support-totals-of-unit")
    description = tab.page.locator("#kg-description").inner_text()
    query = catalogue["support-totals-of-unit"]
    assert query.description["vi"].split(".")[0] in description
    for name, param in query.params.items():
        assert f"{name} = {param.default}" in description
    text = tab.js("kgEditor.getTab().getYasqe().getValue()")
    assert "#+" not in text and "VALUES ?unit { <https://w3id.org/ketnghia/id/unit/" in text


def test_a_saved_example_runs_against_query_and_shows_its_rows(tab, kg_home):
    from kg import api

    expected = api.run_query(EXAMPLE, exact_unit=True)  # the page binds the unit alone (kg.query.editor)
    assert 0 < len(expected) < 10  # one page of the results table
    tab.page.select_option("#kg-examples", EXAMPLE)
    tab.page.locator(".yasqe_queryButton").click()
    rows = tab.page.locator(".yasr table.dataTable tbody tr")
    rows.first.wait_for(timeout=30_000)
    assert rows.count() == len(expected)
    shown = rows.all_inner_texts()
    for row in expected:
        assert any(str(row["partnerLabels"]) in line for line in shown), (row, shown)
    assert ("POST", "/query") in tab.local
    tab.screenshot("editor-example.png")


def test_english_browsers_get_english_labels(browser, served):
    english = Tab(browser, served.base, "en-GB")
    try:
        assert english.page.locator("#kg-examples-label").inner_text() == "Examples"
        option = english.page.locator(f"#kg-examples option[value='{EXAMPLE}']").inner_text()
        assert option == f"{EXAMPLE} — {load_catalog()[EXAMPLE].title['en']}"
    finally:
        english.close()


def test_sparql_still_answers_as_an_alias_of_query(served):
    # Oxigraph's own page used /sparql: bookmarks and scripts written for it keep working
    request = urllib.request.Request(
        served.base + "/sparql?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status == 200 and b"true" in answer.read()
