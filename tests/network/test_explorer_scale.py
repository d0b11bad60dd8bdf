"""The explorer at national scale, in Debian's Chromium with the network cut off: the same kinds of
checks as tests/network/test_explorer_browser.py, on the page of a generated graph of 3M triples (bench/
generate.py, fixed seed): about 10,000 units and organizations and 20,000 twinnings.

Slow (about a minute and a half: generating, loading and building take most of it). No timing is
asserted: bench/explorer_bench.py measures them against the targets.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.network import explorer
from kg.network import model as net
from kg.vietnamese import fold
from tests.network.test_explorer_browser import (
    ARGS,
    ARTIFACTS,
    CHROMIUM,
    OfflinePage,
    click_on_canvas,
    drawn_labels,
    overlapping,
    sync_api,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
TRIPLES, SEED = 3_000_000, 20261101


def page_key(text: str) -> str:
    """The page's search folding (explorer.js fold): no marks, đ -> d, only letters and digits."""
    return re.sub(r"[^0-9a-z]+", " ", fold(text)).strip()


@pytest.fixture(scope="module")
def scale_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("scale-3m")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--triples",
            str(TRIPLES),
            "--seed",
            str(SEED),
            "-o",
            str(out),
            "--quiet",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=900,
    )
    store = ox.Store()
    store.bulk_load(path=str(out / "all.nq"), format=ox.RdfFormat.N_QUADS)
    (out / "all.nq").unlink()  # 700 MB: the store has it now
    return net.build_network(store)


@pytest.fixture(scope="module")
def scale_file(scale_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer-scale") / "national.html"
    stats = explorer.write_explorer(scale_graph, path)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "explorer-scale-write.json").write_text(json.dumps(stats, indent=1))
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, scale_file):
    offline = OfflinePage(browser, scale_file)
    yield offline
    offline.close()  # no request left the page, no error, no dialog


def test_the_generated_graph_is_national_scale(scale_graph, scale_file):
    assert scale_graph.number_of_nodes() >= 9_000 and scale_graph.number_of_edges() >= 18_000
    kinds = {attrs.get("kind") for _, attrs in scale_graph.nodes(data=True)}
    assert {"unit", "organization"} <= kinds
    assert scale_file.stat().st_size < 15_000_000


def test_the_page_draws_every_node_offline(page, scale_graph):
    assert page.js("explorer.nodes.length") == scale_graph.number_of_nodes()
    assert page.js("explorer.nodeView.length") == scale_graph.number_of_nodes()
    assert page.js("explorer.edges.length") == scale_graph.number_of_edges()
    assert page.js("explorer.edgeView.length") == scale_graph.number_of_edges()
    assert page.js("explorer.network.physics.options.enabled") is False
    painted = page.js("""(() => { const c = document.querySelector('#graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })()""")
    assert painted > 1000, "the canvas is blank"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "explorer-scale-timings.json").write_text(json.dumps(page.js("explorer.timings"), indent=1))
    page.screenshot("explorer-scale.png")


def test_labels_do_not_overlap_in_the_default_view(page):
    boxes = [box for box in drawn_labels(page) if box["inside"]]
    # a readable share of 10k nodes, not none: the provinces are tried whatever the frame's time
    # budget; the rest only while it lasts (48 in all in a full-suite run on 2 busy cores)
    assert len(boxes) >= 40
    assert overlapping(boxes) == []
    # A province of both eras (Tỉnh Cao Bằng before and from 2025) is named once where both sit.
    near_twins = [
        (a["label"], b["label"])
        for k, a in enumerate(boxes)
        for b in boxes[k + 1 :]
        if a["label"] == b["label"] and abs(a["node_x"] - b["node_x"]) < 150 and abs(a["node_y"] - b["node_y"]) < 150
    ]
    assert near_twins == []
    assert page.js("explorer.outlineFrames()") > 0
    page.screenshot("explorer-scale-labels.png")
    page.js("explorer.network.moveTo({scale: explorer.network.getScale() * 4, animation: false})")
    zoomed = [box for box in drawn_labels(page) if box["inside"]]
    assert overlapping(zoomed) == [] and len(zoomed) >= len(boxes) // 2
    assert {box["h"] for box in zoomed} == {box["h"] for box in boxes}


def test_search_finds_a_name_typed_without_diacritics(page, scale_graph):
    # A unit whose name has diacritics and whose folded name no other node shares, with a sourced twinning.
    keys = {}  # every name the page searches (explorer.js searchKeys) -> the nodes that have it
    for node, attrs in scale_graph.nodes(data=True):
        for name in [
            attrs["label"],
            attrs.get("name"),
            attrs.get("label_en"),
            attrs.get("label_fr"),
            *attrs.get("alt_labels", []),
        ]:
            if name:
                keys.setdefault(page_key(name), set()).add(node)
    node = next(
        node
        for node, attrs in sorted(scale_graph.nodes(data=True))
        if attrs["kind"] == "unit"
        and keys[page_key(attrs["label"])] == {node}
        and page_key(attrs["label"]) != attrs["label"].lower()
        and any(e.get("sources") for *_, e in scale_graph.edges(node, keys=True, data=True))
    )
    label = scale_graph.nodes[node]["label"]
    typed = page_key(label)
    assert typed.isascii() and typed != label.lower()
    page.page.fill("#search", typed)
    first = page.page.locator("#results button").first
    first.wait_for()
    assert first.inner_text() == label
    first.click()
    assert page.panel_heading() == label
    # Zoomed in on it and chosen: its label is drawn, whatever else is near.
    i = page.js("label => explorer.data.vis.nodes.findIndex(n => n.label === label)", label)
    page.wait_until(f"explorer.labels.boxes().some(b => b[0] === {i})")
    titles = {
        source["title"]
        for *_, attrs in scale_graph.edges(node, keys=True, data=True)
        for source in attrs.get("sources", [])
    }
    panel = page.page.locator("#panel").inner_text()
    assert any(title in panel for title in titles)


def test_the_year_slider_at_1970_hides_the_2025_twinnings(page, scale_graph):
    years = [attrs.get("year") for *_, attrs in net.iter_edges(scale_graph)]
    # the slider starts at the earliest dated twinning (issue 26: it started at an event's year)
    assert page.js("+document.getElementById('year').min") == min(y for y in years if isinstance(y, int))
    assert years.count(2025) > 100 and sum(1 for y in years if isinstance(y, int) and y <= 1970) > 100
    assert 2025 in set(page.js("explorer.edgeView.getIds().map(j => explorer.data.edges[j].year)"))
    page.page.fill("#year", "1970")
    page.wait_until("explorer.state.yearOn && explorer.state.year === 1970 && explorer.settled()")
    shown = page.js("explorer.edgeView.getIds().map(j => explorer.data.edges[j].year)")
    assert shown and all(isinstance(y, int) and y <= 1970 for y in shown)  # no 2025 twinning, nothing undated
    eras = set(page.js("explorer.nodeView.getIds().map(i => explorer.data.nodes[i].era)"))
    assert "2025" not in eras  # 2025 units did not exist yet
    page.screenshot("explorer-scale-1970.png")


def test_clicking_a_twinning_shows_its_source_and_details(page, scale_graph):
    # Candidates: twinnings with a source and events. On the network layout, pick the first whose
    # midpoint hits that line (the page's own hit test) and no node or label, then click it for real.
    candidates = {}
    for *_, attrs in net.iter_edges(scale_graph):
        if attrs.get("sources") and attrs.get("events") and len(candidates) < 200:
            candidates[explorer._short(attrs["iri"])] = attrs
    page.page.select_option("#layout", "net")
    found = page.js(
        """iris => { const net = explorer.network;
        for (const iri of iris) {
            const j = explorer.data.edges.findIndex(e => e.iri === iri), e = explorer.edges.get(j);
            const p = net.getPositions([e.from, e.to]);
            const m = {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2};
            net.moveTo({position: m, scale: 2.5, animation: false});
            net.redraw();   // at once: the labels of this view are placed
            const dom = net.canvasToDOM(m);
            if (net.getNodeAt(dom) === undefined && explorer.labels.at(dom) === null && explorer.edgeAt(m) === j)
                return [iri, m];
        }
        return null; }""",
        list(candidates),
    )
    assert found, "no candidate twinning could be clicked alone"
    iri, middle = found
    attrs = candidates[iri]
    page.page.wait_for_timeout(100)
    click_on_canvas(page, middle)
    assert page.panel_heading() == attrs["label"]
    # Its details come from a packed chunk: shown as soon as it is unpacked.
    page.wait_until("document.getElementById('panel').dataset.details === 'shown'")
    panel = page.page.locator("#panel").inner_text()
    assert attrs["sources"][0]["title"] in panel
    assert attrs["events"][0]["label"] in panel
    link = page.page.locator("#panel a").first
    if attrs["sources"][0].get("url"):
        assert link.get_attribute("rel") == "noopener noreferrer"
    page.screenshot("explorer-scale-edge-panel.png")
