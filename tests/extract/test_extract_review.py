"""The review page of a draft (kg/extract/review.py): escaping, its policy, the TriG of accepted
facts; and in Debian's Chromium with the network cut off (skipped, with the reason, without it):
highlight <-> card, keys j/k/a/r, the download holding what was accepted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.extract import extract_text
from kg.extract.draft_facts import serialize
from kg.extract.review import render, review_data

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = (
    "Ngày 15/3/2023, huyện Đô Lương và huyện Hòa Vang đã tổ chức lễ ký kết kết nghĩa. "
    "<script>alert(1)</script> & <img src=x onerror=alert(2)>\n"
)


def _draft(text=HOSTILE):
    result = extract_text(text)
    ds = Dataset()
    ds.parse(data=serialize(result.draft(validate=False)), format="trig")
    return result, ds


def _graph(trig: str) -> Graph:
    ds, g = Dataset(), Graph()
    ds.parse(data=trig, format="trig")
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _trig(data, accepted) -> str:
    """What the page's download holds (the same rule as its script)."""
    lines = list(data["triples"]["common"])
    for fact in data["facts"]:
        if fact["iri"] in accepted:
            lines += data["triples"][fact["iri"]]
    kept = [line for line, ref in lines if not ref or ref in accepted]
    return f"<{data['graph']}> {{\n" + "\n".join(kept) + "\n}\n"


def test_the_page_escapes_the_article_and_allows_only_its_own_script():
    result, ds = _draft()
    page = render(ds, result.article.text, "<b>title</b>")
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;title&lt;/b&gt;" in page
    assert (
        "Content-Security-Policy" in page
        and "default-src 'none'" in page
        and "'unsafe-inline'" not in page.split("script-src", 1)[1].split(";", 1)[0]
    )


def test_accepting_every_fact_gives_back_the_draft_and_rejecting_one_drops_it():
    result, ds = _draft()
    data = review_data(ds, result.article.text)
    draft = _graph(serialize(result.draft(validate=False)))
    kinds = {f["kind"] for f in data["facts"]}
    assert {"twinning", "event"} <= kinds
    everything = _graph(_trig(data, {f["iri"] for f in data["facts"]}))
    assert isomorphic(everything, draft)
    twinning = next(f["iri"] for f in data["facts"] if f["kind"] == "twinning")
    without = _graph(_trig(data, {f["iri"] for f in data["facts"]} - {twinning}))
    assert (URIRef(twinning), None, None) not in without and len(without) < len(draft)


def test_bad_input_gives_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("this is { not trig", encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.extract.review",
            str(bad),
            "--article",
            str(ROOT / "tests" / "data" / "extract" / "vi_signed.txt"),
            "-o",
            str(tmp_path / "r.html"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "not readable as TriG" in run.stderr


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium")
def test_in_chromium_offline_keys_and_download(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    result, ds = _draft()
    page_file = tmp_path / "review.html"
    page_file.write_text(render(ds, result.article.text, "review"), encoding="utf-8")
    data = review_data(ds, result.article.text)
    requests, errors = [], []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context()
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:", "blob:"))
                else (requests.append(route.request.url), route.abort())
            ),
        )
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        assert page.locator("mark").count() >= len(data["facts"]) - 1
        page.keyboard.press("j")  # the first fact, its evidence highlighted
        assert page.locator(".card.current").get_attribute("data-n") == "0"
        assert page.locator("mark.current").count() >= 1
        page.keyboard.press("a")
        page.keyboard.press("j")
        page.keyboard.press("r")
        page.keyboard.press("k")
        assert page.locator(".card.current").get_attribute("data-n") == "0"
        page.locator("mark").first.click()  # highlight -> its card
        assert page.locator(".card.current").count() == 1
        with page.expect_download() as download:
            page.click("#download")
        saved = tmp_path / "accepted.trig"
        download.value.save_as(saved)
        browser.close()
    assert not requests and not errors
    accepted = _graph(saved.read_text(encoding="utf-8"))
    first, second = data["facts"][0]["iri"], data["facts"][1]["iri"]
    assert (URIRef(first), None, None) in accepted and (URIRef(second), None, None) not in accepted


def test_the_accepted_facts_pass_the_shapes_like_the_draft():
    from kg.extract.draft_check import gazetteer_description
    from kg.extract.evaluate import UNIT_PREFIX, _units_by_code
    from kg.validation import validate

    result, ds = _draft()
    data = review_data(ds, result.article.text)
    twinning = next(f["iri"] for f in data["facts"] if f["kind"] == "twinning")
    accepted = _graph(_trig(data, {f["iri"] for f in data["facts"]} - {twinning}))
    units = {
        _units_by_code()[tuple(str(t)[len(UNIT_PREFIX) :].split("/", 1))]
        for triple in accepted
        for t in triple
        if str(t).startswith(UNIT_PREFIX) and "-" not in str(t)[len(UNIT_PREFIX) :].split("/", 1)[1]
    }
    outcome = validate(accepted + gazetteer_description(units))
    assert outcome.conforms, [i.message_en for i in outcome.issues]


AMBIGUOUS = "Ngày 15/3/2023, xã Tam Hiệp kết nghĩa với xã Tam Hòa.\n"  # invented; many communes Tam Hiệp


def _switch(data, fact_iri, to):
    """The page's rule: the fact's own lines name the chosen unit instead of the party."""
    fact = next(f for f in data["facts"] if f["iri"] == fact_iri)
    party = fact["switches"][0]["party"]
    data["triples"][fact_iri] = [
        [line.replace(f"<{party}>", f"<{to}>"), ref] for line, ref in data["triples"][fact_iri]
    ]
    return party


def test_a_party_offers_the_other_units_the_linker_considered_with_province_and_era():
    result, ds = _draft(AMBIGUOUS)
    data = review_data(ds, result.article.text)
    (twinning,) = [f for f in data["facts"] if f["kind"] == "twinning"]
    (switch,) = twinning["switches"]
    labels = [label for _, label in switch["options"]]
    assert switch["options"][0][0] == switch["party"] and len(labels) >= 3
    assert all(label.startswith("Xã Tam Hiệp — commune, Huyện ") and label.endswith(", pre2025") for label in labels)
    page = render(ds, result.article.text, "review")
    assert page.count('<select class="switch"') == 1 and page.count("<option") == len(labels)


def test_the_accepted_facts_with_a_switched_party_pass_the_shapes():
    from kg.extract.draft_check import gazetteer_description
    from kg.extract.evaluate import UNIT_PREFIX, _units_by_code
    from kg.validation import validate

    result, ds = _draft(AMBIGUOUS)
    data = review_data(ds, result.article.text)
    twinning = next(f for f in data["facts"] if f["kind"] == "twinning")
    other = twinning["switches"][0]["options"][-1][0]
    party = _switch(data, twinning["iri"], other)
    accepted = _graph(_trig(data, {twinning["iri"]}))
    parties = set(accepted.objects(URIRef(twinning["iri"]), None))
    assert URIRef(other) in parties and URIRef(party) not in parties
    units = {
        _units_by_code()[tuple(str(t)[len(UNIT_PREFIX) :].split("/", 1))]
        for triple in accepted
        for t in triple
        if str(t).startswith(UNIT_PREFIX) and "-" not in str(t)[len(UNIT_PREFIX) :].split("/", 1)[1]
    }
    outcome = validate(accepted + gazetteer_description(units))
    assert outcome.conforms, [i.message_en for i in outcome.issues]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium")
def test_in_chromium_offline_a_party_switched_before_download(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    result, ds = _draft(AMBIGUOUS)
    page_file = tmp_path / "review.html"
    page_file.write_text(render(ds, result.article.text, "review"), encoding="utf-8")
    data = review_data(ds, result.article.text)
    n = next(i for i, f in enumerate(data["facts"]) if f["kind"] == "twinning")
    switch = data["facts"][n]["switches"][0]
    other = switch["options"][-1][0]
    requests, errors = [], []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context()
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:", "blob:"))
                else (requests.append(route.request.url), route.abort())
            ),
        )
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        page.select_option(f"select.switch[data-n='{n}']", other)
        assert page.locator(f".card[data-n='{n}']").get_attribute("data-switched") == "1"
        page.locator(f".card[data-n='{n}'] .accept").click()
        with page.expect_download() as download:
            page.click("#download")
        saved = tmp_path / "accepted.trig"
        download.value.save_as(saved)
        browser.close()
    assert not requests and not errors
    parties = set(_graph(saved.read_text(encoding="utf-8")).objects(URIRef(data["facts"][n]["iri"]), None))
    assert URIRef(other) in parties and URIRef(switch["party"]) not in parties
