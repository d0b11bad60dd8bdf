"""The explorer page in Debian's Chromium (Playwright), with the network cut off: every request
that is not the file:// page itself is aborted and recorded, and must never happen.

Screenshots go to tests/artifacts/ (gitignored). Needs: apt-get install chromium; pip install playwright
(no `playwright install`: the system browser is used).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.network import explorer
from kg.network import model as net
from kg.graph.build import ontology_files
from kg.iris import ONTOLOGY_GRAPH

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
XSS_FIXTURE = Path(__file__).parents[1] / "data" / "explorer-xss.trig"
TX_QS = "twinning/sister-localities-pre2025-395--pre2025-509"  # short IRIs, as in the page
SOURCE_TITLE = "Afin de renforcer les relations de jumelage"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class OfflinePage:
    """A page that may load its own file and nothing else; it records what it tried and what broke."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.requests, self.errors, self.dialogs = [], [], []
        self.context.route("**/*", self._route)
        self.page.on("request", lambda request: self._note(request.url))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def _note(self, url: str) -> None:
        if not url.startswith(("file://", "data:")) and url not in self.requests:
            self.requests.append(url)

    def _route(self, route) -> None:
        if route.request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            self._note(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def wait_until(self, expression: str, timeout: float = 10.0) -> None:
        # Not page.wait_for_function: its polling evaluates strings with eval(), which the page's
        # Content Security Policy rightly refuses. evaluate() goes through the DevTools protocol.
        deadline = time.monotonic() + timeout
        while not self.js(expression):
            assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
            time.sleep(0.05)

    def visible_edges(self) -> set[str]:
        return set(self.js("explorer.edgeView.getIds().map(j => explorer.data.edges[j].iri)"))

    def panel_heading(self) -> str:
        return self.page.locator("#panel h2").inner_text()

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))

    def close(self) -> None:
        self.context.close()
        assert self.requests == [], f"requests left the page: {self.requests}"
        assert self.errors == [] and self.dialogs == [], (self.errors, self.dialogs)


@pytest.fixture(scope="module")
def real_graph(built_store):
    return net.build_network(built_store, net.Selection(with_context=True))


@pytest.fixture(scope="module")
def real_file(real_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "ketnghia.html"
    explorer.write_explorer(real_graph, path)
    return path


@pytest.fixture
def page(browser, real_file):
    offline = OfflinePage(browser, real_file)
    yield offline
    offline.close()


def click_on_canvas(page: OfflinePage, canvas_point: dict) -> None:
    x, y = page.js(
        """p => { const dom = explorer.network.canvasToDOM(p);
        const box = document.querySelector('#graph canvas').getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y]; }""",
        canvas_point,
    )
    page.page.mouse.click(x, y)


def edge_index(page: OfflinePage, iri: str) -> int:
    return page.js("iri => explorer.data.edges.findIndex(e => e.iri === iri)", iri)


# --------------------------------------------------------------------------- drawing, offline


def test_the_page_draws_every_node_offline(page, real_graph):
    assert page.js("explorer.nodes.length") == real_graph.number_of_nodes()
    assert page.js("explorer.nodeView.length") == real_graph.number_of_nodes()
    assert page.js("explorer.edgeView.length") == real_graph.number_of_edges()
    assert page.js("explorer.network.physics.options.enabled") is False
    painted = page.js("""(() => { const c = document.querySelector('#graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })()""")
    assert painted > 1000, "the canvas is blank"
    # The canvas fills its box exactly: if it overflowed, vis's resize observer would redraw forever.
    assert page.js("""(() => { const c = document.querySelector('#graph canvas'), g = document.getElementById('graph');
        return [c.clientWidth - g.clientWidth, c.clientHeight - g.clientHeight]; })()""") == [0, 0]
    assert page.js("document.characterSet") == "UTF-8"
    assert "DejaVu Sans" in page.js("getComputedStyle(document.body).fontFamily")  # a stack with Vietnamese glyphs
    # The interface's language names the page (it was English inside the Vietnamese interface).
    assert page.page.locator("#title").inner_text() == page.page.title() == "Kết nghĩa — mạng lưới kết nghĩa"
    page.screenshot("explorer-map.png")
    assert page.errors == [] and page.dialogs == []


def test_search_finds_a_name_typed_without_diacritics(page):
    page.page.fill("#search", "Que Son")
    first = page.page.locator("#results button").first
    first.wait_for()
    assert first.inner_text() == "Huyện Quế Sơn"
    first.click()
    assert page.panel_heading() == "Huyện Quế Sơn"
    panel = page.page.locator("#panel").inner_text()
    assert "Que Son" in panel and SOURCE_TITLE in panel
    page.page.fill("#search", "zzzz")
    page.page.locator("#results li.muted").wait_for()


def test_the_year_slider_shows_the_network_as_it_was(page):
    page.page.fill("#year", "1970")
    page.wait_until("explorer.state.yearOn && explorer.state.year === 1970 && explorer.settled()")
    assert page.page.is_checked("#year-on")
    visible = page.visible_edges()
    assert TX_QS in visible
    years = page.js("explorer.edgeView.getIds().map(j => explorer.data.edges[j].year)")
    assert all(isinstance(y, int) and y <= 1970 for y in years)  # no 2025 twinning, nothing undated
    eras = set(page.js("explorer.nodeView.getIds().map(i => explorer.data.nodes[i].era)"))
    assert "2025" not in eras  # 2025 units did not exist yet
    page.screenshot("explorer-1970.png")
    page.page.check("#undated")
    page.wait_until("explorer.state.undated && explorer.settled()")
    with_undated = page.visible_edges()
    # "hơn 2 năm": year unknown, between districts that existed then (Quảng Nam of 2024 did not:
    # re-established in 1997, its "54 years ago" pair with Thanh Hóa stays hidden in 1970)
    assert "twinning/sister-localities-pre2025-389--pre2025-510" in with_undated
    assert "twinning/sister-localities-pre2025-38--pre2025-49" not in with_undated
    assert not any("-2025-" in iri for iri in with_undated)  # planned 2025 twinnings: units not yet there
    page.page.fill("#year", "2025")
    page.wait_until("explorer.state.year === 2025 && explorer.settled()")
    assert "twinning/sister-localities-2025-20257--2025-20923" in page.visible_edges()


def test_clicking_a_twinning_shows_its_sources(page):
    page.page.select_option("#layout", "net")
    j = edge_index(page, TX_QS)
    middle = page.js(
        """j => { const e = explorer.edges.get(j), p = explorer.network.getPositions([e.from, e.to]);
        const m = {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2};
        explorer.network.moveTo({position: m, scale: 2, animation: false}); return m; }""",
        j,
    )
    page.page.wait_for_timeout(100)
    click_on_canvas(page, middle)
    assert page.panel_heading() == "Kết nghĩa huyện Thọ Xuân – huyện Quế Sơn"
    panel = page.page.locator("#panel").inner_text()
    assert SOURCE_TITLE in panel and "fr" in panel and "20/11/1968" in panel
    assert "Lê Đình Hải" in panel and "120.000.000" in panel
    links = page.page.locator("#panel a")  # one per source: seed 002 and the corpus articles
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h.startswith("https://baothanhhoa.vn/") for h in hrefs)
    assert all(links.nth(i).get_attribute("rel") == "noopener noreferrer" for i in range(links.count()))
    page.screenshot("explorer-edge-panel.png")


def test_clicking_a_unit_shows_its_twinnings_and_sources(page):
    i = page.js("explorer.data.nodes.findIndex(n => n.iri === 'unit/pre2025/510')")
    position = page.js(
        """i => { const p = explorer.network.getPositions([i])[i];
        explorer.network.moveTo({position: p, scale: 1.5, animation: false}); return p; }""",
        i,
    )
    page.page.wait_for_timeout(100)
    click_on_canvas(page, position)
    assert page.panel_heading() == "Huyện Nam Giang"
    panel = page.page.locator("#panel").inner_text()
    assert "Kết nghĩa huyện Nam Giang – huyện Ngọc Lặc" in panel and "Qua hơn 2 năm tổ chức kết nghĩa" in panel
    assert "Trực thuộc\nTỉnh Quảng Nam" in panel and "Loại\nHuyện\n" in panel  # parent; type from the vocabulary


def test_filters_and_the_english_interface(page):
    page.page.uncheck("#f-kind label[data-value='sponsorship'] input")
    kinds = set(page.js("explorer.edgeView.getIds().map(j => explorer.data.edges[j].kind)"))
    assert "sponsorship" not in kinds and "sister-localities" in kinds
    page.page.check("#f-era input[value='2025']")
    eras = page.js("explorer.nodeView.getIds().map(i => [explorer.data.nodes[i].era, explorer.data.nodes[i].kind])")
    assert {era for era, _ in eras} - {None} == {"2025"}
    assert None not in {kind for era, kind in eras if era is None}  # every unit shown is a 2025 one (only
    # foreign localities and organizations of no known unit have no era, and stay)
    page.page.check("#f-era input[value='all']")
    thanh_hoa = page.js("explorer.data.provinces.findIndex(p => p.label === 'Thanh Hóa')")
    page.page.select_option("#province", str(thanh_hoa))
    ends = page.js("""explorer.edgeView.getIds().map(j => { const e = explorer.edges.get(j);
        return [explorer.data.nodes[e.from].prov, explorer.data.nodes[e.to].prov]; })""")
    assert ends and all(thanh_hoa in pair for pair in ends)
    page.page.select_option("#colour", "level")
    page.page.click("#lang")
    assert page.page.locator("#filters h2").inner_text() == "Filters"
    assert page.page.locator("#counts").inner_text().startswith("Showing")
    legend = page.page.locator("#legend").inner_text()
    assert "shown only when" in legend and "District level" in legend
    assert page.page.title() == page.page.locator("#title").inner_text() == "Kết nghĩa — twinning network"
    page.screenshot("explorer-english.png")


def test_the_content_security_policy_blocks_injected_handlers_and_requests(page):
    # Defence in depth: even markup that got into the page could neither run nor call out.
    page.js("""() => { window.__ran = false; document.addEventListener('securitypolicyviolation',
        e => (window.__violations = (window.__violations || []).concat(e.violatedDirective)));
        const box = document.createElement('div');
        box.innerHTML = '<img src="data:," onerror="window.__ran = true">';   // test-only markup
        document.body.appendChild(box); fetch('https://example.org/').catch(() => {}); }""")
    page.wait_until("(window.__violations || []).length >= 2")
    assert page.js("window.__ran") is False
    violated = set(page.js("window.__violations"))
    assert any(v.startswith("script-src") for v in violated)
    assert any(v.startswith(("connect-src", "default-src")) for v in violated)
    page.errors.clear()  # the browser reports the refusals as console errors: expected here


# --------------------------------------------------------------------------- hostile labels


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    store = ox.Store()
    for path in ontology_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))
    store.bulk_load(path=str(XSS_FIXTURE), format=ox.RdfFormat.TRIG)
    path = tmp_path_factory.mktemp("hostile") / "hostile.html"
    explorer.write_explorer(net.build_network(store), path, title="<img src=t onerror=alert('title')>")
    return path


def test_labels_are_shown_as_text_and_run_nothing(browser, hostile_file):
    page = OfflinePage(browser, hostile_file)
    page.page.fill("#search", "img")
    button = page.page.locator("#results button").first
    button.wait_for()
    assert button.inner_text() == "<img src=x onerror=alert(1)>"
    button.click()
    assert page.panel_heading() == "<img src=x onerror=alert(1)>"
    page.page.locator("#panel button.link").first.click()  # the twinning
    assert page.panel_heading() == "Kết nghĩa <svg onload=alert(6)>"
    panel = page.page.locator("#panel").inner_text()
    for text in (
        'Biên bản "><iframe src=javascript:alert(7)>',
        '"><img src=y onerror=alert(8)>',
        "<b onmouseover=alert(3)>Bài báo</b> & <!-- <script>alert(4)</script>",
        "Lễ <script>alert(9)</script>",
    ):
        assert text in panel
    page.page.hover("#panel .source-title")
    assert page.js("document.querySelectorAll('img, svg image, iframe, b, #panel svg').length") == 0
    assert page.js("document.querySelectorAll('script').length") == 5  # data, vis, text, panel, app
    assert page.js("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0  # javascript: URL not linked
    assert page.page.title() == "<img src=t onerror=alert('title')>"
    page.screenshot("explorer-hostile-labels.png")
    assert page.dialogs == [] and page.errors == []
    page.close()


# --------------------------------------------------------------------------- a large network


def synthetic_network(nodes: int = 10_000, edges: int = 20_000) -> nx.MultiGraph:
    graph = nx.MultiGraph(nx.gnm_random_graph(nodes, edges, seed=11))
    for node in graph.nodes:
        graph.nodes[node].update(
            kind="unit",
            label=f"Xã Thử Nghiệm {node}",
            level="commune",
            era="pre2025",
            lat=8.6 + (node * 7919 % 1500) / 100,
            lon=102.2 + (node * 104729 % 700) / 100,
        )
    for k, (u, v, key) in enumerate(graph.edges(keys=True)):
        graph.edges[u, v, key].update(
            kind="sister-localities",
            status="active",
            year=1960 + k % 66,
            established=f"{1960 + k % 66}",
            established_precision="year",
        )
    net.annotate(graph)
    return graph


@pytest.mark.slow
def test_a_large_network_opens_without_physics(browser, tmp_path):
    graph = synthetic_network()
    started = time.perf_counter()
    stats = explorer.write_explorer(graph, tmp_path / "large.html")
    written = time.perf_counter() - started
    started = time.perf_counter()
    page = OfflinePage(browser, tmp_path / "large.html")
    opened = time.perf_counter() - started
    timings = page.js("explorer.timings")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "explorer-large-timings.json").write_text(
        json.dumps(
            {"write_seconds": written, "open_seconds": opened, "bytes": stats["bytes"], "page_ms": timings}, indent=1
        )
    )
    assert page.js("explorer.nodeView.length") == 10_000 and page.js("explorer.edgeView.length") == 20_000
    # Times are recorded as an artefact, not asserted (shared machine); bench/ holds the 5 s / 3 s targets.
    assert stats["bytes"] < 15_000_000
    page.screenshot("explorer-large.png")
    assert page.errors == []
    page.close()


# --------------------------------------------------------------------------- labels, outline, slider, language

LABEL_BOXES = """() => { const g = document.getElementById('graph').getBoundingClientRect();
    const measure = document.createElement('canvas').getContext('2d');
    measure.font = explorer.labels.font();
    return explorer.labels.boxes().map(([i, x, y, w, h]) => {
        const p = explorer.network.canvasToDOM(explorer.network.getPositions([i])[i]);
        return {node: i, label: explorer.data.vis.nodes[i].label, x, y, w, h, node_x: p.x, node_y: p.y,
                text: measure.measureText(explorer.data.vis.nodes[i].label).width,
                radius: explorer.network.body.nodes[i].options.size * explorer.network.getScale(),
                inside: x + w > 0 && y + h > 0 && x < g.width && y < g.height}; }); }"""


def drawn_labels(page: OfflinePage) -> list[dict]:
    """The labels of the last frame, each checked against its own text (measured here, in a fresh
    canvas) and its node: the box holds the whole text and touches the node's side."""
    page.page.wait_for_timeout(100)
    boxes = page.js(LABEL_BOXES)
    for box in boxes:
        assert box["w"] >= box["text"], box  # the whole text is inside its box
        reach = box["radius"] + 4
        assert (
            box["x"] - reach <= box["node_x"] <= box["x"] + box["w"] + reach
            and box["y"] - reach <= box["node_y"] <= box["y"] + box["h"] + reach
        ), box  # beside its node
    return boxes


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["label"], b["label"])
        for k, a in enumerate(boxes)
        for b in boxes[k + 1 :]
        if a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    ]


@pytest.fixture(scope="module")
def cli_file(kg_home, tmp_path_factory):
    """What a user gets: `kg export explorer` on the session's build of the repository's data."""
    path = tmp_path_factory.mktemp("explorer-cli") / "ketnghia.html"
    subprocess.run(
        [sys.executable, "-m", "kg", "export", "explorer", "-o", str(path)],
        check=True,
        capture_output=True,
        env={**os.environ, "KG_HOME": str(kg_home)},
        timeout=300,
    )
    return path


def test_labels_do_not_overlap_and_keep_their_size_when_zooming(browser, cli_file):
    page = OfflinePage(browser, cli_file)
    assert page.js("explorer.state.layout") == "geo"
    boxes = [box for box in drawn_labels(page) if box["inside"]]
    assert overlapping(boxes) == []
    in_view = page.js("""(() => { const g = document.getElementById('graph'), net = explorer.network;
        return explorer.nodeView.getIds().filter(i => { const p = net.canvasToDOM(net.getPositions([i])[i]);
            return p.x >= 0 && p.y >= 0 && p.x <= g.clientWidth && p.y <= g.clientHeight; }); })()""")
    # decluttered, not emptied: about 70 of 330 (the curated corpus crowds the view, and since issue 26
    # 24 historical units sit on it, not in a column west of it; 1 in 5 was asked then); fewer when
    # the label pass's 12 ms budget runs out on a loaded machine (33 at load average 10)
    assert len(boxes) * 7 >= len(in_view)
    named = {box["node"] for box in boxes}
    provinces = page.js(
        "explorer.data.nodes.map((n, i) => n.level === 'province' && !n.kind ? i : -1).filter(i => i >= 0)"
    )
    assert provinces
    # Provinces first: nearly all named (the label pass stops after its time budget per frame on a
    # busy machine). Those drawn where their successors are come after them: see the next test.
    shown = {i for i in provinces if i in in_view} - set(page.js(BORROWED))
    assert len(shown & named) >= 0.7 * len(shown)  # 18 of 20 in the curated graph
    page.screenshot("explorer-labels-default.png")
    # Zoomed in on the Đà Nẵng wards that were stacked on one another: they separate, at the same size.
    wards = page.js("""['Phường Hải Châu', 'Phường Hòa Cường', 'Phường Sơn Trà'].map(
        l => explorer.data.vis.nodes.findIndex(n => n.label === l)).filter(i => i >= 0)""")
    assert wards and not set(wards) <= named  # too close to all be named at first
    page.js(
        """wards => { const p = explorer.network.getPositions(wards), ids = Object.keys(p);
        const x = ids.reduce((s, i) => s + p[i].x, 0) / ids.length, y = ids.reduce((s, i) => s + p[i].y, 0) / ids.length;
        explorer.network.moveTo({position: {x, y}, scale: explorer.network.getScale() * 24, animation: false}); }""",
        wards,
    )
    zoomed = [box for box in drawn_labels(page) if box["inside"]]
    assert overlapping(zoomed) == []
    assert set(wards) <= {box["node"] for box in zoomed}
    assert {box["h"] for box in zoomed} == {box["h"] for box in boxes}  # the same size at both zooms
    dots = page.js(
        """ids => ids.map(i => [explorer.network.body.nodes[i].options.size * explorer.network.getScale(),
        explorer.data.vis.nodes[i].size])""",
        wards,
    )
    assert all(drawn <= 1.5 * size + 0.01 for drawn, size in dots), dots  # dots stop growing too (at 1.5×)
    page.screenshot("explorer-labels-zoomed.png")
    # A label can be clicked like its node (one that covers no other node's dot).
    box = next(
        b
        for b in zoomed
        if page.js(
            "p => explorer.network.getNodeAt(p) === undefined", {"x": b["x"] + b["w"] / 2, "y": b["y"] + b["h"] / 2}
        )
    )
    rect = page.js(
        "(() => { const r = document.querySelector('#graph canvas').getBoundingClientRect(); return [r.left, r.top]; })()"
    )
    page.page.mouse.click(rect[0] + box["x"] + box["w"] / 2, rect[1] + box["y"] + box["h"] / 2)
    assert page.panel_heading() == box["label"]
    page.close()


BORROWED = "explorer.data.nodes.map((n, i) => n.where === 'successors' ? i : -1).filter(i => i >= 0)"


def test_historical_provinces_sit_on_the_map_and_are_named_in_their_years(browser, cli_file):
    """The provinces of the 1959-1960 north-south twinnings have no centroid: they are drawn where
    their successors are (kg.network.model._coordinates), no longer in a column west of the map."""
    page = OfflinePage(browser, cli_file)
    borrowed = page.js(BORROWED)
    labels = page.js("explorer.data.vis.nodes.map(n => n.label)")
    assert {"Tỉnh Biên Hòa", "Tỉnh Hà Nam", "Tỉnh Hải Dương"} <= {labels[i] for i in borrowed}
    # every unit on the land: east of the westmost point of Viet Nam (102.1° E)
    west = page.js(
        """() => Math.min(...explorer.data.nodes.map((n, i) => n.kind ? Infinity :
        explorer.network.getPositions([i])[i].x)) / explorer.data.meta.geoScale"""
    )
    assert west > 102.0, west
    page.page.fill("#year", "1960")
    page.wait_until("explorer.state.yearOn && explorer.state.year === 1960 && explorer.settled()")
    boxes = [box for box in drawn_labels(page) if box["inside"]]
    assert overlapping(boxes) == []
    named, visible = {box["node"] for box in boxes}, set(page.js("explorer.nodeView.getIds()"))
    provinces = page.js(
        "explorer.data.nodes.map((n, i) => n.level === 'province' && !n.kind ? i : -1).filter(i => i >= 0)"
    )
    shown = [i for i in provinces if i in visible]
    assert set(shown) & set(borrowed) and len(named & set(shown)) >= 0.6 * len(shown)  # 23 of 31
    page.screenshot("explorer-labels-1960.png")
    page.close()


def test_provinces_are_named_even_when_the_label_budget_runs_out(browser, cli_file):
    """The label pass stops after 12 ms a frame; on a slow or busy machine that left the national
    map with 25 names at load average 10. The provinces are tried whatever the time."""
    page = OfflinePage(browser, cli_file)
    provinces = set(
        page.js("explorer.data.nodes.map((n, i) => n.level === 'province' && !n.kind ? i : -1).filter(i => i >= 0)")
    )
    before = {box["node"] for box in drawn_labels(page) if box["inside"]}
    # a clock that runs 50 ms per reading: every budget is spent at once
    page.js("""(() => { const real = performance.now.bind(performance); let extra = 0;
        performance.now = () => real() + (extra += 50); })()""")
    page.js("explorer.network.redraw()")
    after = {box["node"] for box in drawn_labels(page) if box["inside"]}
    assert before & provinces and after & provinces == before & provinces
    assert len(after - provinces) < len(before - provinces)  # the others did wait for time
    page.close()


OUTLINE_PATCH = """([lon, lat]) => { const k = explorer.data.meta.geoScale, net = explorer.network;
    const p = net.canvasToDOM({x: lon * k, y: -lat * k}), c = document.querySelector('#graph canvas');
    const ratio = c.width / c.clientWidth, d = c.getContext('2d').getImageData(
        Math.round(p.x * ratio) - 4, Math.round(p.y * ratio) - 4, 9, 9).data;
    let fill = 0, empty = 0;   // of the 81 pixels around the point: the land's fill (explorer.js), nothing
    for (let i = 0; i < d.length; i += 4) {
        if (d[i] === 238 && d[i + 1] === 242 && d[i + 2] === 234 && d[i + 3] === 255) fill++;
        if (d[i + 3] === 0) empty++;
    }
    return [fill, empty]; }"""


def test_the_outline_of_viet_nam_is_drawn(page):
    outline = json.loads((Path(explorer.__file__).parent / "templates" / "vietnam-outline.json").read_text("utf-8"))
    assert "Natural Earth" in outline["source"] and "public domain" in outline["licence"]
    assert page.js("explorer.data.outline.rings.length") == len(outline["rings"])
    page.js(
        "explorer.network.moveTo({position: {x: 106 * explorer.data.meta.geoScale, "
        "y: -16 * explorer.data.meta.geoScale}, scale: 45 / explorer.data.meta.geoScale, animation: false})"
    )
    page.page.wait_for_timeout(100)
    assert page.js("explorer.outlineFrames()") > 0
    for point in ([104.3, 19.3], [104.6, 20.9], [107.9, 14.4], [105.6, 9.6], [106.9, 11.8]):
        fill, _ = page.js(OUTLINE_PATCH, point)
        assert fill >= 20, point  # land (a border or label may cross it)
    assert page.js(OUTLINE_PATCH, [112.0, 10.0]) == [0, 81]  # the sea: nothing drawn
    note = page.page.locator("#legend .outline-note").inner_text()
    assert "Natural Earth" in note and "GẦN ĐÚNG" in note  # the province borders are approximate
    # Approximate province borders, of the era shown: 34 provinces from 2025, 63 before.
    borders = json.loads((Path(explorer.__file__).parent / "templates" / "provinces-approx.json").read_text("utf-8"))
    assert "APPROXIMATE" in borders["what"] and {e: len(p) for e, p in borders["eras"].items()} == {
        "pre2025": 63,
        "2025": 34,
    }
    assert page.js("explorer.borders()") == "2025"
    page.page.fill("#year", "1990")
    page.wait_until("explorer.state.year === 1990 && explorer.settled()")
    page.page.wait_for_timeout(100)
    assert page.js("explorer.borders()") == "pre2025"
    page.page.select_option("#layout", "net")  # no outline on the network layout
    page.page.wait_for_timeout(100)
    frames = page.js("explorer.outlineFrames()")
    page.js("explorer.network.redraw()")
    assert page.js("explorer.outlineFrames()") == frames


EARLIEST_TWINNING_YEAR = """PREFIX kn: <https://w3id.org/ketnghia/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT (MIN(xsd:integer(SUBSTR(STR(?date), 1, 4))) AS ?year) WHERE {
  GRAPH ?g { ?t a kn:Twinning ; kn:establishedOn ?date }
  FILTER(!STRSTARTS(STR(?date), "--"))   # a day and month without a year
}"""


def test_the_slider_starts_at_the_first_dated_relation_and_shows_what_existed(page, real_graph, built_store):
    first = min(attrs["year"] for *_, attrs in net.iter_edges(real_graph) if isinstance(attrs.get("year"), int))
    # the same year asked of the store itself, not of the network model the page is made from
    stored = int(next(iter(built_store.query(EARLIEST_TWINNING_YEAR)))["year"].value)
    assert first == stored and page.js("+document.getElementById('year').min") == first
    page.page.fill("#year", "1970")
    page.wait_until("explorer.state.yearOn && explorer.state.year === 1970 && explorer.settled()")
    shown = page.js("explorer.nodeView.getIds().map(i => explorer.data.nodes[i])")
    assert shown
    for node in shown:
        assert node.get("era") != "2025" and (node.get("from") or "0")[:4] <= "1970", node  # not made yet
        assert (node.get("until") or "9999")[:4] >= "1970", node  # not gone yet
    hidden = page.js("explorer.data.nodes.filter((n, i) => !explorer.nodeView.get(i))")
    assert any(n.get("era") == "2025" for n in hidden)


def test_the_interface_and_panels_speak_one_language(page, real_graph):
    fits = """() => { const input = document.getElementById('search'), style = getComputedStyle(input);
        const measure = document.createElement('canvas').getContext('2d');
        measure.font = style.fontSize + ' ' + style.fontFamily;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return [measure.measureText(input.placeholder).width, room, input.placeholder]; }"""
    width, room, placeholder = page.js(fits)
    assert placeholder and width <= room, (placeholder, width, room)  # not cut off
    node = next(n for n, a in real_graph.nodes(data=True) if a.get("label") == "Huyện Quế Sơn")
    attrs = real_graph.nodes[node]
    assert attrs.get("label_fr") and attrs["label_fr"] in attrs.get("alt_labels", [])  # the case of the issue
    sources = [s for *_, e in real_graph.edges(node, keys=True, data=True) for s in e.get("sources", [])]
    source = next(s for s in sources if s.get("address") and s.get("issued"))
    page.page.fill("#search", "que son")
    page.page.locator("#results button").first.click()
    panel = page.page.locator("#panel").inner_text()
    facts = page.page.locator("#panel dl").first.inner_text()
    assert "Tên khác" not in facts and facts.count(attrs["label_fr"]) == 1  # the French name once, as French
    assert source["address"] in panel
    year, month = source["issued"][:4], int(source["issued"][5:7])
    assert f"đăng tháng {month}/{year}" in panel and "ngôn ngữ: tiếng Pháp" in panel
    page.page.click("#lang")
    assert page.js(fits)[0] <= page.js(fits)[1]
    panel = page.page.locator("#panel").inner_text()
    assert "Other names" not in panel and source["address"] in panel
    assert f"published {source['issued']}" in panel and "language: French" in panel
    assert "Tiếng" not in panel and "Nguồn" not in panel and "Quan hệ" not in panel  # no Vietnamese interface text left
    twinning = page.page.locator("#panel button.link").first
    twinning.click()
    heading = page.panel_heading()
    edge = next(e for *_, e in real_graph.edges(node, keys=True, data=True))
    assert heading == (edge.get("label_en") or edge["label"])


def test_a_relation_of_three_or_more_parties_is_one_relation(page, real_graph):
    edges = {}
    for u, v, _, attrs in net.iter_edges(real_graph):
        edges.setdefault(attrs["iri"], set()).update((u, v))
    iri, parties = max(edges.items(), key=lambda item: (len(item[1]), item[0]))
    assert len(parties) >= 3
    labels = {real_graph.nodes[p]["label"] for p in parties}
    j = edge_index(page, explorer._short(iri))
    page.js("j => explorer.showEdge(j)", j)
    shown = page.page.locator("#panel dl button.link").all_inner_texts()
    assert sorted(shown) == sorted(labels)  # every party, each once, not one pair
    counts = page.page.locator("#counts").inner_text()
    assert f"{len(edges)}/{len(edges)} kết nghĩa" in counts  # relations, not lines
    assert real_graph.number_of_edges() > len(edges)


def test_units_appear_and_disappear_with_their_validity(browser, tmp_path):
    # valid_from / valid_until as the historical gazetteer gives them, read generically.
    graph = nx.MultiGraph()
    for node, lat, extra in (
        ("a", 16.0, {"valid_from": "1980-01-01"}),
        ("b", 17.0, {}),
        ("c", 18.0, {"valid_until": "1975-12-31"}),
        ("d", 19.0, {"era": "2025"}),
    ):
        graph.add_node(
            node,
            kind="unit",
            label=f"Xã {node.upper()}",
            level="commune",
            lat=lat,
            lon=106.0,
            **{"era": "pre2025", **extra},
        )
    graph.add_edge("a", "b", key="t1", iri="t1", kind="sister-localities", year=1985, established="1985")
    graph.add_edge("b", "c", key="t2", iri="t2", kind="sister-localities", year=1971, established="1971")
    graph.add_edge("b", "d", key="t3", iri="t3", kind="sister-localities", year=2025, established="2025")
    explorer.write_explorer(graph, tmp_path / "validity.html")
    page = OfflinePage(browser, tmp_path / "validity.html")
    assert page.js("+document.getElementById('year').min") == 1971
    shown = {}
    for year in (1972, 1990, 2025):
        page.page.fill("#year", str(year))
        page.wait_until(f"explorer.state.year === {year} && explorer.settled()")
        shown[year] = sorted(page.js("explorer.nodeView.getIds().map(i => explorer.data.vis.nodes[i].label)"))
    assert shown == {1972: ["Xã B", "Xã C"], 1990: ["Xã A", "Xã B"], 2025: ["Xã A", "Xã B", "Xã D"]}
    page.close()
