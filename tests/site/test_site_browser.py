"""The exported site in Debian's Chromium (Playwright), with the network cut off: a unit page, a
relation page with two disagreeing sources, an article page, search without diacritics, the link
into the explorer. Every request that is not a file of the site is aborted and recorded, and must
never happen; a console error (a Content Security Policy refusal included) fails the test.

Screenshots go to tests/artifacts/ (gitignored). Needs: apt-get install chromium; pip install playwright.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.site.build import export_site
from kg.site.page_parts import page_path

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (pip install playwright)"
)

pytestmark = pytest.mark.browser
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
ID = "https://w3id.org/ketnghia/id/"
QUE_SON = ID + "unit/pre2025/509"
DAEGU = ID + "twinning/sister-city-place-kr-daegu--pre2025-48"
ARTICLE = ID + "source/927db9d923d64231"


@pytest.fixture(scope="module")
def site(built_store, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site-browser") / "site"
    export_site(built_store, target)
    return target


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Offline:
    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.requests, self.errors = [], []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route) -> None:
        if route.request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())

    def text(self, selector: str) -> str:
        return self.page.locator(selector).inner_text()

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def close(self) -> None:
        self.context.close()
        assert self.requests == [], f"requests left the page: {self.requests}"
        assert self.errors == [], self.errors


@pytest.fixture
def tab(browser):
    offline = Offline(browser)
    yield offline
    offline.close()


def test_a_unit_page(tab, site):
    tab.open(site / page_path(QUE_SON, "vi"))
    assert tab.text("h1") == "Huyện Quế Sơn"
    assert "Quảng Nam" in tab.text("#parent")
    timeline = tab.text("#relations table")
    assert "Kết nghĩa huyện Thọ Xuân – huyện Quế Sơn" in timeline and "1968-11-20" in timeline
    assert "Dinh Nguyen Vu" in tab.text("#people")  # secretary of the district's party committee
    assert "→" in tab.text("#history")  # succeeded by the 2025 communes
    assert "Huyện ủy Quế Sơn" in tab.text("#orgs")
    # the stylesheet applied (CSP allows the site's own files only)
    assert "DejaVu Sans" in tab.page.evaluate("getComputedStyle(document.body).fontFamily")
    tab.screenshot("site-unit.png")
    tab.page.click("#relations a:text('Kết nghĩa huyện Thọ Xuân – huyện Quế Sơn')")
    assert tab.text("h1") == "Kết nghĩa huyện Thọ Xuân – huyện Quế Sơn"
    tab.page.click("a[hreflang=en]")
    assert tab.text("h1") == "Thọ Xuân – Quế Sơn district twinning"


def test_a_relation_page_with_two_disagreeing_sources(tab, site):
    tab.open(site / page_path(DAEGU, "en"))
    assert tab.text("h1") == "Đà Nẵng – Daegu (Korea) twinning"
    parties = tab.text("#parties")
    assert "Daegu" in parties and "Thành phố Đà Nẵng" in parties
    headers = tab.page.locator("table.claims thead th a").all_inner_texts()
    assert len(headers) == 2
    conflict = tab.page.locator("table.claims tr.conflict", has_text="2018-08-03")
    assert conflict.count() == 1 and "2004-10-21" in conflict.inner_text()
    background = conflict.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert background == "rgb(255, 243, 214)"  # marked as a disagreement
    history = tab.page.locator("#status_history tbody tr").all_inner_texts()
    assert [re.match(r"\d{4}-\d\d-\d\d", row).group(0) for row in history] == ["2004-10-21", "2018-08-03"]
    assert tab.text("#current p").strip() != ""
    tab.screenshot("site-relation-daegu.png")


def test_an_article_page(tab, site):
    tab.open(site / page_path(ARTICLE, "en"))
    assert tab.text("h1").startswith("Afin de renforcer les relations de jumelage")
    address = tab.page.locator("a.address").first.get_attribute("href")
    assert address.startswith("https://baothanhhoa.vn/")
    facts = tab.text("#article_facts")
    for expected in ("Lê Đình Hải", "Huyện ủy Quế Sơn", "1968-11-20", "120 millions de VND"):
        assert expected in facts, expected
    tab.screenshot("site-article.png")
    tab.page.click("#article_facts h3 a:text('Lê Đình Hải')")
    assert tab.text("h1") == "Lê Đình Hải"
    assert "Huyện ủy Thọ Xuân" in tab.text("#posts")


def test_search_without_diacritics(tab, site):
    tab.open(site / page_path(DAEGU, "vi"))
    tab.page.fill("header input[name=q]", "que son")
    tab.page.press("header input[name=q]", "Enter")
    tab.page.wait_for_selector("body[data-ready='1']")
    first = tab.page.locator("#hits li a").first
    assert first.inner_text() == "Huyện Quế Sơn"
    tab.page.fill("#q", "DA NANG")
    names = tab.page.locator("#hits li a").all_inner_texts()
    assert "Thành phố Đà Nẵng" in names
    tab.page.fill("#q", "zzzz qqq")
    tab.page.locator("#hits li.muted").wait_for()
    tab.page.fill("#q", "Quế Sơn")
    tab.page.locator("#hits li a").first.click()
    assert tab.text("h1") == "Huyện Quế Sơn"


def test_the_link_into_the_explorer(tab, site):
    tab.open(site / page_path(QUE_SON, "en"))
    href = tab.page.get_attribute("#explorer-link", "href")
    assert href.endswith("explorer.html#focus=unit/pre2025/509")
    tab.page.click("#explorer-link")
    tab.page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    assert tab.page.locator("#panel h2").inner_text() == "Huyện Quế Sơn"
    tab.screenshot("site-explorer-focus.png")
    tab.open(site / page_path(DAEGU, "vi"))
    tab.page.click("#explorer-link")
    tab.page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    assert tab.page.locator("#panel h2").inner_text() == "Kết nghĩa Đà Nẵng – Daegu (Hàn Quốc)"
