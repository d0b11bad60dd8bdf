"""The explorer page (`kg export explorer`) at national scale, against the issue's targets:
HTML written in ≤ 5 s, a file of ≤ 15 MB, interactive in headless Chromium in ≤ 3 s.

    python bench/explorer_bench.py                       # generates bench/out/scale-3m/ if needed
    python bench/explorer_bench.py --nq bench/out/scale-3m/all.nq --out bench/out/explorer/

The scale network comes from `bench/generate.py --triples 3000000` (seed 20261101): about 9,900
units and organizations and 19,500 twinnings. (1M triples give only 4,800 / 5,800.) Measured:
- loading the N-Quads into an in-memory pyoxigraph Store (bulk_load), and building the network
  from it (kg.network.model.build_network, the whole country, as `kg export` does);
- writing the page (kg.network.explorer.write_explorer, what `kg export explorer` calls) and its size;
- in Debian's Chromium (headless, every request but the file itself aborted), `runs` times, each
  in a fresh browser context: from navigation until body[data-ready='1'] (first frame drawn),
  then a search typed without diacritics until its results are listed, then a click on the first
  result until the unit's panel shows it. "Interactive" is the sum of the three (median over
  runs). Also timed, not part of it: a click on the unit's first twinning until that twinning's
  panel shows its agreements/support/events (unpacked on demand);
- the obvious alternative, plain pyvis (Network.add_node/add_edge + write_html, physics on), on
  the same nodes and edges, and that page in the same Chromium (network blocked too): until its
  load event (vis-network built and the first frame drawn, physics still running), then until
  vis reports the layout stabilised; both capped at --pyvis-browser-timeout (MEASUREMENTS.md
  found 104 s to load and no settled layout within 10 minutes at 20k nodes).

bench/run.py calls measure(); every key says its unit.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.network import explorer  # noqa: E402
from kg.network import model as net  # noqa: E402
from kg.vietnamese import fold  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TARGETS = {"html_write_seconds": 5.0, "html_bytes": 15_000_000, "interactive_seconds": 3.0}
SCALE_TRIPLES, SCALE_SEED = 3_000_000, 20261101
DEFAULT_OUT = PROJECT_ROOT / "bench" / "out"


def measure(
    nq_path: Path, out_dir: Path, *, runs: int = 3, pyvis: bool = True, pyvis_browser_timeout: float = 180
) -> dict:
    """Build the network of `nq_path`, write its explorer page into `out_dir`, time it in Chromium;
    returns seconds, bytes, counts and whether each target is met."""
    nq_path, out_dir = Path(nq_path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    result: dict = {"nq_path": str(nq_path), "targets": dict(TARGETS)}

    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(nq_path), format=ox.RdfFormat.N_QUADS)
    result["store_load_seconds"] = round(time.perf_counter() - started, 3)

    started = time.perf_counter()
    graph = net.build_network(store)
    result["network_build_seconds"] = round(time.perf_counter() - started, 3)
    del store
    kinds = [attrs.get("kind") for _, attrs in graph.nodes(data=True)]
    result.update(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        unit_nodes=kinds.count("unit"),
        organization_nodes=kinds.count("organization"),
    )

    page = out_dir / "explorer-national.html"
    started = time.perf_counter()
    written = explorer.write_explorer(graph, page)
    result["html_write_seconds"] = round(time.perf_counter() - started, 3)
    result["html_bytes"] = written["bytes"]
    result["html_megabytes"] = round(written["bytes"] / 1e6, 2)

    result.update(_browser_timings(page, graph, runs))

    if pyvis:
        result.update(_plain_pyvis(graph, out_dir / "pyvis-plain.html"))
        if pyvis_browser_timeout > 0:
            result.update(_pyvis_in_browser(out_dir / "pyvis-plain.html", pyvis_browser_timeout))
        result["pyvis_vs_explorer_write_ratio"] = round(
            result["pyvis_total_seconds"] / max(result["html_write_seconds"], 1e-9), 1
        )

    result["html_write_target_met"] = result["html_write_seconds"] <= TARGETS["html_write_seconds"]
    result["html_size_target_met"] = result["html_bytes"] <= TARGETS["html_bytes"]
    result["interactive_target_met"] = (
        result.get("interactive_seconds") is not None
        and result["interactive_seconds"] <= TARGETS["interactive_seconds"]
    )
    result["all_targets_met"] = (
        result["html_write_target_met"] and result["html_size_target_met"] and result["interactive_target_met"]
    )
    result["versions"] = _versions(result.pop("_chromium_version", None))
    return result


# --------------------------------------------------------------------------- Chromium


def _page_key(text: str) -> str:
    """The page's search folding (explorer.js fold)."""
    return re.sub(r"[^0-9a-z]+", " ", fold(text)).strip()


def _search_target(graph) -> tuple[str, str]:
    """A twinned unit whose name has diacritics and whose folded name is no other node's: what a
    user types (no diacritics) and the label the first result must show."""
    keys: dict[str, set] = {}
    for node, attrs in graph.nodes(data=True):
        for name in [
            attrs.get("label"),
            attrs.get("name"),
            attrs.get("label_en"),
            attrs.get("label_fr"),
            *attrs.get("alt_labels", []),
        ]:
            if name:
                keys.setdefault(_page_key(name), set()).add(node)
    ranked = sorted(graph.nodes(data=True), key=lambda na: (-graph.degree(na[0]), str(na[0])))
    for node, attrs in ranked:
        label = attrs.get("label") or ""
        if attrs.get("kind") == "unit" and keys.get(_page_key(label)) == {node} and _page_key(label) != label.lower():
            return _page_key(label), label
    raise ValueError("no unit with a unique name to search for")


def _browser_timings(page: Path, graph, runs: int) -> dict:
    if not CHROMIUM.exists():
        return {"interactive_seconds": None, "browser_skipped": f"{CHROMIUM} is not installed"}
    from playwright.sync_api import sync_playwright

    typed, label = _search_target(graph)
    per_run, blocked, chromium_version = [], [], None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        chromium_version = browser.version
        for _ in range(runs):
            per_run.append(_one_run(browser, page, typed, label, blocked))
        browser.close()

    def median(key):
        return round(statistics.median(run[key] for run in per_run), 3)

    return {
        "interactive_seconds": median("interactive_seconds"),
        "ready_seconds": median("ready_seconds"),
        "first_search_seconds": median("first_search_seconds"),
        "first_click_seconds": median("first_click_seconds"),
        "first_twinning_panel_seconds": median("first_twinning_panel_seconds"),
        "browser_runs": per_run,
        "search_typed": typed,
        "requests_blocked": len(blocked),
        "_chromium_version": chromium_version,
    }


def _one_run(browser, page: Path, typed: str, label: str, blocked: list) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    errors = []

    def route(request_route):
        if request_route.request.url.startswith(("file://", "data:")):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    started = time.perf_counter()
    tab.goto(page.resolve().as_uri(), timeout=120_000)
    tab.wait_for_selector("body[data-ready='1']", timeout=120_000)
    ready = time.perf_counter()
    tab.fill("#search", typed)
    first = tab.locator("#results button").first
    first.wait_for(timeout=60_000)
    searched = time.perf_counter()
    if first.inner_text() != label:
        raise AssertionError(f"search {typed!r}: first result {first.inner_text()!r}, expected {label!r}")
    first.click()
    heading = tab.locator("#panel h2").inner_text()
    if heading != label:
        raise AssertionError(f"panel shows {heading!r}, expected {label!r}")
    clicked = time.perf_counter()
    tab.locator("#panel button.link").first.click()  # its first twinning
    tab.wait_for_selector("#panel[data-details='shown']", timeout=60_000)
    twinning = time.perf_counter()
    timings = tab.evaluate("explorer.timings")
    context.close()
    if errors:
        raise AssertionError(f"page errors: {errors}")
    return {
        "interactive_seconds": round(clicked - started, 3),
        "ready_seconds": round(ready - started, 3),
        "first_search_seconds": round(searched - ready, 3),
        "first_click_seconds": round(clicked - searched, 3),
        "first_twinning_panel_seconds": round(twinning - clicked, 3),
        "page_ms": {key: round(value) for key, value in timings.items()},
    }


# --------------------------------------------------------------------------- plain pyvis


def _plain_pyvis(graph, path: Path) -> dict:
    """What a first attempt would do: pyvis's own Network API, physics on, one call per item.
    Undirected pyvis merges parallel edges (two twinnings of one pair become one line)."""
    from pyvis.network import Network

    started = time.perf_counter()
    vis = Network(height="100%", width="100%", cdn_resources="in_line")
    index = {node: i for i, node in enumerate(graph.nodes)}
    for node, attrs in graph.nodes(data=True):
        vis.add_node(index[node], label=str(attrs.get("label", node)), title=attrs.get("province_label") or "")
    for u, v, _key, attrs in net.iter_edges(graph):
        vis.add_edge(index[u], index[v], title=attrs.get("label") or "")
    built = time.perf_counter()
    vis.write_html(str(path))
    written = time.perf_counter()
    return {
        "pyvis_build_seconds": round(built - started, 3),
        "pyvis_write_seconds": round(written - built, 3),
        "pyvis_total_seconds": round(written - started, 3),
        "pyvis_edges": len(vis.edges),
        "pyvis_bytes": path.stat().st_size,
    }


def _pyvis_in_browser(path: Path, cap: float) -> dict:
    """The plain pyvis page in the same headless Chromium, every request but the file aborted
    (its template asks a CDN for Bootstrap): seconds to its load event, then until vis-network's
    physics says it has stabilised; None past `cap` seconds each."""
    if not CHROMIUM.exists():
        return {"pyvis_browser_skipped": f"{CHROMIUM} is not installed"}
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    result = {"pyvis_browser_cap_seconds": cap, "pyvis_load_seconds": None, "pyvis_stabilized_seconds": None}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file://", "data:")) else r.abort())
        tab = context.new_page()
        started = time.perf_counter()
        try:
            tab.goto(path.resolve().as_uri(), wait_until="load", timeout=cap * 1000)
            result["pyvis_load_seconds"] = round(time.perf_counter() - started, 3)
            loaded = time.perf_counter()
            tab.wait_for_function(
                "typeof network !== 'undefined' && network.physics.stabilized === true", timeout=cap * 1000, polling=500
            )
            result["pyvis_stabilized_seconds"] = round(time.perf_counter() - loaded, 3)
        except PlaywrightTimeout:
            pass
        browser.close()
    return result


def _versions(chromium: str | None) -> dict:
    from importlib.metadata import version

    return {
        "pyoxigraph": version("pyoxigraph"),
        "pyvis": version("pyvis"),
        "networkx": version("networkx"),
        "chromium": chromium,
        "python": sys.version.split()[0],
    }


# --------------------------------------------------------------------------- command line


def scale_nquads(out: Path = DEFAULT_OUT / "scale-3m") -> Path:
    """bench/out/scale-3m/all.nq, generated (about 20 s) unless there; stamped with options.json
    as bench/run.py's scale("scale-3m", triples=3_000_000) does, so either reuses the other's."""
    from bench.scale import GENERATOR_VERSION, generate

    options = {
        "triples": SCALE_TRIPLES,
        "synthetic": None,
        "inject": None,
        "facts_per_source": 200,
        "version": GENERATOR_VERSION,
    }
    stamp = out / "options.json"
    if not (stamp.exists() and json.loads(stamp.read_text()) == options and (out / "all.nq").exists()):
        generate(out, triples=SCALE_TRIPLES, seed=SCALE_SEED, quiet=True)
        stamp.write_text(json.dumps(options))
    return out / "all.nq"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nq", type=Path, help="N-Quads of the whole graph (default: generate bench/out/scale-3m/)")
    parser.add_argument("--out", type=Path, help="where the pages go (default: a temporary folder)")
    parser.add_argument("--runs", type=int, default=3, help="browser runs, each in a fresh context (default 3)")
    parser.add_argument("--no-pyvis", action="store_true", help="skip the plain pyvis comparison")
    parser.add_argument(
        "--pyvis-browser-timeout",
        type=float,
        default=180,
        help="cap on each wait for the plain pyvis page in Chromium (s); 0 skips it",
    )
    parser.add_argument("--json", type=Path, help="also write the result to this file")
    args = parser.parse_args(argv)
    nq = args.nq or scale_nquads()
    options = dict(runs=args.runs, pyvis=not args.no_pyvis, pyvis_browser_timeout=args.pyvis_browser_timeout)
    if args.out:
        result = measure(nq, args.out, **options)
    else:
        with tempfile.TemporaryDirectory(prefix="explorer-bench-") as tmp:
            result = measure(nq, Path(tmp), **options)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.json:
        args.json.write_text(text, "utf-8")
    print(text)
    return 0 if result["all_targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
