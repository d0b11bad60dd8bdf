"""`kg export site`: the static site of the built graph, crawled: every internal link resolves, every
entity has its page in both languages, pages stay small, labels stay data, the dataset description
counts what the store holds, and the output directory is replaced atomically and safely."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest

from kg.site.build import build_site
from kg.site.facts import MemoryFacts
from kg.site.page_parts import page_path
from kg.site.pages import Renderer

KN = "https://w3id.org/ketnghia/ontology#"
ID = "https://w3id.org/ketnghia/id/"
DAEGU = ID + "twinning/sister-city-place-kr-daegu--pre2025-48"
XSS_FIXTURE = Path(__file__).parents[1] / "data" / "explorer-xss.trig"


@pytest.fixture(scope="module")
def site(kg_home, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site") / "out"
    result = subprocess.run(
        [sys.executable, "-m", "kg", "export", "site", "-o", str(target)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        cwd=Path(__file__).resolve().parents[2],
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"wrote {target}: ")
    return target


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.jsonld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "action"):
            if attrs.get(name) is not None:
                self.links.append(attrs[name])
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        self._in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_ld = False


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def select(store, query: str) -> list[str]:
    return [row[0].value for row in store.query(query, use_default_graph_as_union=True)]


def test_no_internal_link_is_broken(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 500
    broken, checked = [], 0
    for page in pages:
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("#"):
                assert parts.scheme in ("http", "https"), f"{page}: {link}"
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert broken == []
    assert checked > 10 * len(pages)


def test_every_entity_has_a_page_in_both_languages(site, built_store):
    query = "SELECT DISTINCT ?x WHERE {{ ?x a <{}> }}"
    for cls in ("Twinning", "Person", "PolicyDocument", "SourceArticle", "ForeignLocality", "PartyCommittee"):
        iris = select(built_store, query.format(KN + cls))
        assert iris, cls
        for iri in iris:
            for lang in ("vi", "en"):
                assert (site / page_path(iri, lang)).is_file(), (cls, iri, lang)
    # units: those the sources name, and one step from them; not all of the gazetteer
    named = select(
        built_store, f"SELECT DISTINCT ?u WHERE {{ GRAPH ?g {{ ?t <{KN}party> ?u }} ?u a <{KN}AdministrativeUnit> }}"
    )
    assert all((site / page_path(u, "vi")).is_file() for u in named)
    all_units = select(built_store, f"SELECT (COUNT(?u) AS ?n) WHERE {{ ?u a <{KN}AdministrativeUnit> }}")
    on_site = len(list((site / "id" / "unit").rglob("*.en.html")))
    assert len(named) < on_site < int(all_units[0]) / 10
    parent = select(built_store, f"SELECT ?p WHERE {{ <{ID}unit/pre2025/509> <{KN}partOf> ?p }}")[0]
    assert (site / page_path(parent, "vi")).is_file()


def test_pages_are_small_and_carry_their_json_ld(site):
    sizes = {p: p.stat().st_size for p in site.rglob("*.html") if p.name != "explorer.html"}
    assert max(sizes.values()) <= 100_000, max(sizes.items(), key=lambda kv: kv[1])
    page = site / page_path(DAEGU, "en")
    (ld,) = parse(page).jsonld
    doc = json.loads(ld)
    assert doc["@id"] == DAEGU and "kn:Twinning" in doc["@type"]
    triples = {
        (t.subject.value, t.predicate.value, t.object.value)
        for t in ox.parse(ld.encode("utf-8"), format=ox.RdfFormat.JSON_LD)
    }
    assert (DAEGU, KN + "party", ID + "place/kr-daegu") in triples
    assert (DAEGU, KN + "establishedOn", "2004-10-21") in triples and (
        DAEGU,
        KN + "establishedOn",
        "2018-08-03",
    ) in triples
    unit = json.loads(parse(site / page_path(ID + "unit/pre2025/509", "vi")).jsonld[0])
    assert "schema:AdministrativeArea" in unit["@type"] and unit["schema:name"] == "Huyện Quế Sơn"


def test_a_relation_page_sets_the_sources_side_by_side(site):
    text = (site / page_path(DAEGU, "en")).read_text("utf-8")
    claims = re.search(r'<table class="claims">(.*?)</table>', text, re.DOTALL).group(1)
    assert claims.count("<th><a href=") == 2  # one column per source
    row = re.search(r'<tr class="conflict"[^>]*><th>[^<]*</th>(.*?)</tr>', claims, re.DOTALL).group(1)
    assert "2018-08-03" in row and "2004-10-21" in row


def test_labels_are_data_never_markup(kg_home, tmp_path):
    store = ox.Store()
    store.bulk_load(path=str(XSS_FIXTURE), format=ox.RdfFormat.TRIG)
    facts = MemoryFacts(store)
    iris = [
        ID + "unit/pre2025/99990",
        ID + "unit/pre2025/99991",
        ID + "source/explorer-xss",
        ID + "twinning/sister-localities-pre2025-99990--pre2025-99991",
    ]
    for lang in ("vi", "en"):
        renderer = Renderer(facts, lambda iri: iri in iris, lang)
        for iri in iris:
            page = renderer.render(iri)
            assert "<img src=x" not in page and "<svg" not in page and "<b onmouseover" not in page
            assert (
                "alert(2)</script>" not in page
                and "javascript:" not in page.split('<script type="application/ld+json">')[0].split("</head>")[-1]
            )
            assert "&lt;img src=x onerror=alert(1)&gt;" in page or iri.endswith(("99991", "explorer-xss"))
            # the JSON-LD block holds the label as JSON, with < escaped
            ld = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
            assert "<" not in ld and json.loads(ld)["@id"] == iri


def test_the_dataset_description_counts_what_the_store_holds(site, built_store):
    void = ox.parse((site / ".well-known" / "void").read_bytes(), format=ox.RdfFormat.TURTLE)
    facts = {
        (t.subject.value if isinstance(t.subject, ox.NamedNode) else None, t.predicate.value): t.object.value
        for t in void
    }
    dataset = "https://w3id.org/ketnghia/dataset"
    assert facts[(dataset, "http://purl.org/dc/terms/license")] == "https://creativecommons.org/licenses/by/4.0/"
    triples = int(facts[(dataset, "http://rdfs.org/ns/void#triples")])
    distinct = {(q.subject, q.predicate, q.object) for q in built_store}
    assert triples == len(distinct)
    with gzip.open(site / "dumps" / "ketnghia.nq.gz", "rb") as dump:
        assert sum(1 for _ in ox.parse(dump, format=ox.RdfFormat.N_QUADS)) == len(built_store)
    with gzip.open(site / "dumps" / "ketnghia.trig.gz", "rb") as dump:
        assert sum(1 for _ in ox.parse(dump, format=ox.RdfFormat.TRIG)) == len(built_store)
    about = (site / "about.en.html").read_text("utf-8")
    assert "CC BY 4.0" in about and "MIT" in about and f"<td>{triples}</td>" in about
    assert "https://w3id.org/ketnghia/graph/gazetteer" in about and "https://w3id.org/ketnghia/graph/curation" in about


def test_search_data_has_every_page_with_a_folded_key(site):
    text = (site / "assets" / "search-data.js").read_text("utf-8")
    entries = json.loads(text[len("window.KG_SEARCH = ") :].rstrip().rstrip(";"))
    assert len(entries) * 2 == len([p for p in (site / "id").rglob("*.html")])
    que_son = next(e for e in entries if e[0] == "id/unit/pre2025/509")
    assert que_son[1] == "Huyện Quế Sơn" and "huyen que son" in que_son[4]


def test_the_output_is_replaced_atomically_and_never_through_a_link(kg_home, built_store, run_kg, tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "stale.html").write_text("old")
    result = run_kg("export", "site", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert not (target / "stale.html").exists() and (target / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # nothing left beside it
    a_file = tmp_path / "file.txt"
    a_file.write_text("keep")
    link = tmp_path / "link"
    link.symlink_to(target)
    for bad in (a_file, link):
        result = run_kg("export", "site", "-o", str(bad))
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr and str(bad) in result.stderr
    assert a_file.read_text() == "keep" and link.is_symlink()


def test_all_units_gives_a_page_to_every_unit(built_store, tmp_path, monkeypatch):
    # Without the explorer and its layout: only the unit pages are asked for here.
    small = ox.Store()
    small.extend(
        q
        for q in built_store.quads_for_pattern(
            None, None, None, ox.NamedNode("https://w3id.org/ketnghia/graph/ontology")
        )
    )
    province = ox.NamedNode(ID + "unit/pre2025/49")
    units = {province} | {
        q.subject for q in built_store.quads_for_pattern(None, ox.NamedNode(KN + "partOf"), province, None)
    }
    for unit in units:
        small.extend(built_store.quads_for_pattern(unit, None, None, None))
    result = build_site(small, tmp_path, all_units=True, explorer=False)
    assert result["entities"] == {"unit": len(units)}
    assert all((tmp_path / page_path(u.value, "en")).is_file() for u in units)


def test_index_pages_by_province_decade_and_kind(site, built_store):
    tho_xuan = ID + "twinning/sister-localities-pre2025-395--pre2025-509"
    link = 'href="' + page_path(tho_xuan, "vi") + '"'
    decades = (site / "decades.html").read_text("utf-8")
    section = decades.split('id="d1960s"', 1)[1].split("<h2", 1)[0]
    assert link in section  # established 20 November 1968
    kinds = (site / "kinds.html").read_text("utf-8")
    assert 'id="person"' in kinds and 'href="kind/relations-north-south.html"' in kinds
    north_south = (site / "kind" / "relations-north-south.html").read_text("utf-8")
    assert 'href="../' + page_path(tho_xuan, "vi") + '"' in north_south
    provinces = (site / "provinces.html").read_text("utf-8")
    assert 'href="province/pre2025-49.html"' in provinces  # Quảng Nam, before 2025
    quang_nam = (site / "province" / "pre2025-49.html").read_text("utf-8")
    assert 'href="../' + page_path(tho_xuan, "vi") + '"' in quang_nam
    assert 'href="../' + page_path(ID + "unit/pre2025/509", "vi") + '"' in quang_nam
    relations = select(built_store, f"SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t a <{KN}Twinning> }}")
    every = (site / "kind" / "relations-all.html").read_text("utf-8")
    assert every.count('href="../id/twinning/') == int(relations[0])


HISTORY = """
@prefix kn: <https://w3id.org/ketnghia/ontology#> . @prefix knv: <https://w3id.org/ketnghia/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix h: <https://w3id.org/ketnghia/id/unit/hist/> . @prefix tw: <https://w3id.org/ketnghia/id/twinning/> .
<https://w3id.org/ketnghia/graph/history> {
  h:tinh-quang-nam a kn:AdministrativeUnit ; skos:prefLabel "Tỉnh Quảng Nam (đến 1975)"@vi ; kn:level knv:province ;
      kn:validFrom "1945"^^xsd:gYear ; kn:validUntil "1975-12-31"^^xsd:date ; kn:succeededBy h:tinh-quang-nam-da-nang .
  h:tinh-quang-nam-da-nang a kn:AdministrativeUnit ; skos:prefLabel "Tỉnh Quảng Nam – Đà Nẵng"@vi ;
      kn:validFrom "1976-02"^^xsd:gYearMonth ; kn:precededBy h:tinh-quang-nam .
  h:tinh-thanh-hoa a kn:AdministrativeUnit ; skos:prefLabel "Tỉnh Thanh Hóa (thời chiến)"@vi .
  h:thanh-pho-ha-noi a kn:AdministrativeUnit ; skos:prefLabel "Thành phố Hà Nội (thời chiến)"@vi .
}
<https://w3id.org/ketnghia/graph/source/test-history> {
  tw:north-south-hist-thanh-pho-ha-noi--hist-tinh-quang-nam--hist-tinh-thanh-hoa a kn:Twinning ;
      skos:prefLabel "Kết nghĩa ba bên"@vi ; kn:status knv:active ; kn:establishedOn "1960"^^xsd:gYear ;
      kn:party h:tinh-quang-nam , h:tinh-thanh-hoa , h:thanh-pho-ha-noi .
}
"""


def test_historical_units_and_three_parties_are_handled_like_any_unit():
    store = ox.Store()
    store.load(HISTORY.encode("utf-8"), format=ox.RdfFormat.TRIG)
    facts = MemoryFacts(store)
    from kg.site.build import select_pages

    pages = select_pages(facts)
    hist = ID + "unit/hist/"
    relation = ID + "twinning/north-south-hist-thanh-pho-ha-noi--hist-tinh-quang-nam--hist-tinh-thanh-hoa"
    # named by the source: the three parties; one step away: the successor no source names
    assert {hist + n for n in ("tinh-quang-nam", "tinh-thanh-hoa", "thanh-pho-ha-noi", "tinh-quang-nam-da-nang")} == {
        iri for iri, kind in pages.items() if kind == "unit"
    }
    renderer = Renderer(facts, pages.__contains__, "en")
    unit = renderer.render(hist + "tinh-quang-nam")
    history = unit.split('id="history"', 1)[1].split("</section>", 1)[0]
    assert "1975-12-31" in history and "→" in history and page_path(hist + "tinh-quang-nam-da-nang", "en") in history
    timeline = unit.split('id="relations"', 1)[1].split("</section>", 1)[0]
    assert "Tỉnh Thanh Hóa (thời chiến)" in timeline and "Thành phố Hà Nội (thời chiến)" in timeline
    parties = renderer.render(relation).split('id="parties"', 1)[1].split("</section>", 1)[0]
    assert parties.count("<tr>") == 4  # a header and the three parties
    assert "1945 – 1975-12-31" in parties


def test_network_filters_are_refused_for_the_site(kg_home, run_kg, tmp_path):
    result = run_kg("export", "site", "-o", str(tmp_path / "s"), "--province", "Quảng Nam", "--from", "1960")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert (
        "--province, --from" in result.stderr and "not supported" in result.stderr and "Traceback" not in result.stderr
    )
    assert not (tmp_path / "s").exists()
