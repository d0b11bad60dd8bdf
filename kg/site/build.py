"""`kg export site`: the whole static site, vi and en, written atomically.

    DIR/index.html, index.en.html        home: counts and what to read
    DIR/provinces.html, decades.html, kinds.html (+ .en.html)   index pages
    DIR/province/{era}-{code}.html       the units and relations of one province
    DIR/search.html + assets/search.js + assets/search-data.js  client-side search (no network)
    DIR/id/…/{name}.html, .en.html       one page per entity, at its identifier's path
    DIR/about.html, .well-known/void, dumps/*.gz   the dataset as a publication
    DIR/explorer.html                    the explorer page (focus on an entity with #focus=…)

Units: those a source names or that take part in something, and every unit one step from them
(parent, predecessor, successor); `all_units` gives every unit of every era.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from kg.graph import store as kgstore
from kg.vietnamese import search_key
from kg.iris import ID_BASE
from kg.site import dataset
from kg.site.facts import (
    DERIVED_GRAPH,
    GAZETTEER_GRAPH,
    KN,
    ONTOLOGY_GRAPH,
    Lit,
    MemoryFacts,
)
from kg.site.output import Writer, write_directory
from kg.safe_output import script_json
from kg.site.page_parts import PARTY_PROPS, esc, kind_of, page_path
from kg.site.pages import Renderer

TEMPLATES = Path(__file__).resolve().parent / "templates"
LANGS = ("vi", "en")
UNIT_LINKS = (KN + "partOf", KN + "succeededBy", KN + "precededBy", KN + "defaultSuccessor")
BACKGROUND = (GAZETTEER_GRAPH, ONTOLOGY_GRAPH, DERIVED_GRAPH)


def select_pages(facts: MemoryFacts, all_units: bool = False) -> dict:
    """iri -> kind for every entity that gets a page."""
    pages, units = {}, set()
    for s in facts.nodes():
        if not isinstance(s, str) or not s.startswith(ID_BASE):
            continue
        kind = kind_of(facts, s)
        if kind == "unit":
            units.add(s)
        elif kind:
            pages[s] = kind
    if all_units:
        chosen = units
    else:
        named = set()
        for u in units:
            if any(g not in BACKGROUND for _, _, g in facts.out(u)) or any(
                g not in BACKGROUND for _, _, g in facts.inc(u)
            ):
                named.add(u)
        chosen = set(named)
        for u in named:
            for p, o, _ in facts.out(u):
                if p in UNIT_LINKS and o in units:
                    chosen.add(o)
            for s, p, _ in facts.inc(u):
                if p in (KN + "succeededBy", KN + "precededBy") and s in units:
                    chosen.add(s)
    pages.update((u, "unit") for u in chosen)
    return pages


def _province(facts: MemoryFacts, iri: str) -> str | None:
    node = iri
    for _ in range(5):
        if facts.first(node, KN + "level") == "https://w3id.org/ketnghia/vocab/province":
            return node
        node = facts.first(node, KN + "partOf")
        if node is None:
            return None
    return None


def _decade(facts: MemoryFacts, relation: str) -> str:
    years = sorted(
        o.value[:4]
        for p, o, _ in facts.out(relation)
        if p in (KN + "establishedOn", KN + "plannedOn") and isinstance(o, Lit) and o.value[:4].isdigit()
    )
    return years[0][:3] + "0s" if years else ""


def build_site(store: ox.Store, root: Path, *, all_units: bool = False, explorer: bool = True, progress=None) -> dict:
    """Write the site into `root` (an empty directory); returns counts and timings."""
    timings = {}
    started = time.perf_counter()
    facts = MemoryFacts(store)
    timings["read"] = time.perf_counter() - started
    pages = select_pages(facts, all_units)
    has_page = pages.__contains__
    writer = Writer(root)
    explorer_nodes: set = set()
    if explorer:
        t = time.perf_counter()
        explorer_nodes = _write_explorer(store, root)
        timings["explorer"] = time.perf_counter() - t
    t = time.perf_counter()
    for lang in LANGS:
        renderer = Renderer(facts, has_page, lang, "explorer.html" if explorer else None, explorer_nodes.__contains__)
        for iri, kind in pages.items():
            writer.write(page_path(iri, lang), renderer.render(iri, kind))
    timings["pages"] = time.perf_counter() - t
    t = time.perf_counter()
    province_of = {iri: _province(facts, iri) for iri, kind in pages.items() if kind == "unit"}
    stats = dataset.counts(store, facts)
    published = kgstore.published()
    meta = (published.meta if published else {}) or {}
    built_at = meta.get("built_at") or time.strftime("%Y-%m-%dT%H:%M:%S%z")
    version = dataset.code_version()
    for lang in LANGS:
        renderer = Renderer(facts, has_page, lang, "explorer.html" if explorer else None)
        _write_indexes(renderer, facts, pages, province_of, writer, stats, built_at, version)
    _write_search(facts, pages, province_of, writer)
    for name in ("site.css", "search.js"):
        writer.write("assets/" + name, (TEMPLATES / name).read_bytes(), track=False)
    writer.write(".well-known/void", dataset.void_turtle(stats, built_at, version), track=False)
    timings["indexes"] = time.perf_counter() - t
    t = time.perf_counter()
    dumps = dataset.write_dumps(store, root)
    timings["dumps"] = time.perf_counter() - t
    by_kind: dict = defaultdict(int)
    for kind in pages.values():
        by_kind[kind] += 1
    return {
        "pages": len(pages) * len(LANGS),
        "entities": dict(by_kind),
        "files": writer.files,
        "bytes": writer.bytes + sum(dumps.values()),
        "largest_page": writer.largest,
        "seconds": {k: round(v, 2) for k, v in timings.items()},
        "stats": stats,
    }


def export_site(store: ox.Store, target, **options) -> dict:
    result: dict = {}
    write_directory(target, lambda tmp: result.update(build_site(store, tmp, **options)))
    return result


def _write_explorer(store: ox.Store, root: Path) -> set:
    from kg.network import model as network
    from kg.network.explorer import write_explorer

    graph = network.build_network(store, network.Selection(with_context=True))
    write_explorer(graph, root / "explorer.html")
    return set(map(str, graph.nodes())) | {str(key) for *_, key in graph.edges(keys=True)}


# ---------------------------------------------------------------------------- index pages


def _list(renderer: Renderer, nodes, prefix: str | None = None) -> str:
    """Links to `nodes`, for a page `prefix` (e.g. "../") below the site's root (default: the
    renderer's current prefix)."""
    if not nodes:
        return f'<p class="muted">{esc(renderer.t("none"))}</p>'
    before = renderer.prefix
    renderer.prefix = before if prefix is None else prefix
    try:
        return '<ul class="cols">' + "".join(f"<li>{renderer.link(n)}</li>" for n in nodes) + "</ul>"
    finally:
        renderer.prefix = before


def _write_indexes(r: Renderer, facts, pages, province_of, writer: Writer, stats, built_at, version) -> None:
    suffix = "" if r.lang == "vi" else ".en"
    other = {"vi": ".en", "en": ""}[r.lang]
    r.prefix = ""
    by_kind = defaultdict(list)
    for iri, kind in pages.items():
        by_kind[kind].append(iri)
    for nodes in by_kind.values():
        nodes.sort(key=lambda n: (search_key(r.label(n)), n))
    relations = by_kind["relation"]

    def page(name: str, title: str, body: str, prefix: str = "") -> None:
        r.prefix = prefix
        writer.write(
            f"{name}{suffix}.html",
            r.frame(title, f"<h1>{esc(title)}</h1>" + body, None, f"{name.rsplit('/', 1)[-1]}{other}.html"),
        )
        r.prefix = ""

    # home
    counts = (
        ("kind_relation", len(relations)),
        ("kind_unit", len(by_kind["unit"])),
        ("kind_source", len(by_kind["source"])),
        ("kind_person", len(by_kind["person"])),
        ("kind_organization", len(by_kind["organization"])),
        ("kind_policy", len(by_kind["policy"])),
        ("kind_place", len(by_kind["place"])),
    )
    body = "<ul>" + "".join(f"<li>{esc(r.t(k))}: {n}</li>" for k, n in counts) + "</ul>"
    body += (
        f'<p><a href="search{suffix}.html">{esc(r.t("search"))}</a> · <a href="provinces{suffix}.html">'
        f'{esc(r.t("provinces"))}</a> · <a href="decades{suffix}.html">{esc(r.t("decades"))}</a> · '
        f'<a href="kinds{suffix}.html">{esc(r.t("kinds"))}</a></p>'
    )
    body += (
        f'<p><a href="kind/relations-all{suffix}.html">{esc(r.t("kind_relation"))}</a> · '
        f'<a href="kind/source{suffix}.html">{esc(r.t("kind_source"))}</a></p>'
    )
    page("index", r.t("site"), body)
    page("kind/relations-all", r.t("kind_relation"), _list(r, relations, "../"), "../")

    # by kind: one line per group on kinds.html, one page per group (kind/{group}.html): a single page
    # of every relation and entity outgrew 100 KB once the corpus was curated (117 KB at 181 relations)
    groups = defaultdict(list)
    for rel in relations:
        for kind in facts.values(rel, KN + "twinningKind") or [""]:
            groups[kind].append(rel)
    kind_lines: list[str] = []
    for kind in sorted(groups, key=lambda k: r.label(k) if k else "~"):
        slug = "relations-" + (kind.rsplit("/", 1)[-1] if kind else "none")
        title = f"{r.t('kind_relation')}: {r.label(kind) if kind else r.t('none')}"
        page(f"kind/{slug}", title, _list(r, groups[kind], "../"), "../")
        kind_lines.append(f'<li><a href="kind/{esc(slug)}{suffix}.html">{esc(title)}</a> ({len(groups[kind])})</li>')
    for key in ("person", "organization", "policy", "place", "source", "thing"):
        page(f"kind/{key}", r.t("kind_" + key), _list(r, by_kind[key], "../"), "../")
        kind_lines.append(
            f'<li id="{key}"><a href="kind/{key}{suffix}.html">{esc(r.t("kind_" + key))}</a> ({len(by_kind[key])})</li>'
        )
    kind_lines.append(
        f"<li>{esc(r.t('kind_unit'))} ({len(by_kind['unit'])}): "
        f'<a href="provinces{suffix}.html">{esc(r.t("provinces"))}</a></li>'
    )
    page("kinds", r.t("kinds"), "<ul>" + "".join(kind_lines) + "</ul>")

    # by decade of establishment (or plan)
    decades = defaultdict(list)
    for rel in relations:
        decades[_decade(facts, rel)].append(rel)
    body = ""
    for decade in sorted(decades, key=lambda d: d or "9999"):
        title = decade or r.t("undated")
        rows: list = [
            [esc(r.date_of(rel)), r.link(rel), r.values(rel, KN + "currentStatus")]
            for rel in sorted(decades[decade], key=lambda x: (r.date_of(x), x))
        ]
        body += f'<h2 id="d{esc(decade or "undated")}">{esc(title)}</h2>' + r.table(
            (r.t("date"), r.t("kind_relation"), r.t("current")), rows
        )
    page("decades", r.t("decades"), body)

    # by province: one line per province, one page per province
    units_in = defaultdict(list)
    for unit, province in province_of.items():
        if province:
            units_in[province].append(unit)
    relations_in = defaultdict(set)
    for rel in relations:
        for p in PARTY_PROPS:
            for party in facts.values(rel, p):
                province = province_of.get(party) or (_province(facts, party) if party in pages else None)
                if province:
                    relations_in[province].add(rel)
    provinces = sorted(set(units_in) | set(relations_in), key=lambda p: (str(facts.first(p, KN + "era")), r.label(p)))
    rows = []
    for prov in provinces:
        key = prov[len(ID_BASE + "unit/") :].replace("/", "-")
        rows.append(
            [
                f'<a href="province/{esc(key)}{suffix}.html">{esc(r.label(prov))}</a>',
                r.values(prov, KN + "era"),
                str(len(units_in[prov])),
                str(len(relations_in[prov])),
            ]
        )
        r.prefix = "../"
        body = (
            f"<p>{r.link(prov)}</p><h2>{esc(r.t('kind_relation'))}</h2>"
            + _list(r, sorted(relations_in[prov], key=lambda x: (r.date_of(x), x)))
            + f"<h2>{esc(r.t('kind_unit'))}</h2>"
            + _list(r, sorted(units_in[prov], key=lambda u: (search_key(r.label(u)), u)))
        )
        page("province/" + key, r.label(prov), body, prefix="../")
    page("provinces", r.t("provinces"), r.table((r.t("provinces"), "", r.t("kind_unit"), r.t("kind_relation")), rows))

    # search page (the script fills it)
    body = (
        f'<form id="search-form" role="search"><input id="q" name="q" type="search" autofocus '
        f'placeholder="{esc(r.t("search_hint"))}"></form><ol id="hits"></ol>'
        f'<script src="assets/search-data.js"></script><script src="assets/search.js"></script>'
    )
    page("search", r.t("search"), body)

    # about the data
    body = _about(r, stats, built_at, version)
    page("about", r.t("about"), body)


def _about(r: Renderer, stats, built_at, version) -> str:
    li = r.li
    rows = [
        [esc(t), str(n)]
        for t, n in (
            (("Bộ ba (khác nhau)", "Triples (distinct)")[li], stats["triples"]),
            (("Mệnh đề trong các đồ thị có tên", "Statements in named graphs")[li], stats["quads"]),
            (r.t("kind_relation"), stats["relations"]),
            (r.t("kind_unit"), stats["units"]),
            (r.t("kind_source"), stats["sources"]),
        )
    ]
    body = r.table(("", ""), rows, "counts")
    body += (
        "<p>"
        + ("Giấy phép dữ liệu: ", "Data licence: ")[li]
        + f'<a rel="license" href="{dataset.DATA_LICENCE}">CC BY 4.0</a>. '
        + (
            "Mã nguồn phần mềm: giấy phép MIT (riêng, khác với dữ liệu).",
            "The software's code: MIT licence (separate from the data's).",
        )[li]
        + "</p>"
    )
    body += (
        f"<p>{('Ngày dựng đồ thị', 'Graph built on')[li]}: <time>{esc(built_at)}</time> · "
        f"{('Phiên bản mã', 'Code version')[li]}: <code>{esc(version)}</code></p>"
    )
    body += (
        f"<h2>{('Tải về', 'Downloads')[li]}</h2><ul>"
        + "".join(
            f'<li><a href="{rel}">{rel.rsplit("/", 1)[1]}</a> ({media}, gzip)</li>' for rel, _, media in dataset.DUMPS
        )
        + '<li><a href=".well-known/void">.well-known/void</a> (VoID + DCAT, Turtle)</li></ul>'
    )
    rows = [[f"<code>{esc(g)}</code>", esc(dataset.graph_role(g, li)), str(n)] for g, n in stats["graphs"].items() if g]
    body += f"<h2>{('Các đồ thị có tên', 'Named graphs')[li]}</h2>" + r.table(
        (r.t("graph"), ("Chứa gì", "What it holds")[li], ("Mệnh đề", "Statements")[li]), rows, "graphs"
    )
    return body


def _write_search(facts: MemoryFacts, pages: dict, province_of: dict, writer: Writer) -> None:
    """assets/search-data.js: [path without .html, vi label, en label, kind, folded keys, province, weight]."""
    entries = []
    for iri, kind in pages.items():
        vi, en = facts.label(iri, "vi"), facts.label(iri, "en")
        names = {vi, en} | {
            o.value
            for p, o, _ in facts.out(iri)
            if p in ("http://www.w3.org/2004/02/skos/core#altLabel", "http://www.w3.org/2004/02/skos/core#prefLabel")
            and isinstance(o, Lit)
        }
        keys = " | ".join(sorted({search_key(n) for n in names}))
        province = province_of.get(iri)
        # weight: how much the sources say about it, so that among equal matches the district the
        # articles are about comes before a commune of the same name
        weight = sum(1 for _, _, g in facts.out(iri) if g not in BACKGROUND) + sum(
            1 for _, _, g in facts.inc(iri) if g not in BACKGROUND
        )
        # where and when: two units of the same name differ by era (Tỉnh Thanh Hóa before and after 2025)
        era = facts.first(iri, KN + "era")
        context = [
            facts.label(era, "vi") if isinstance(era, str) else "",
            facts.label(province, "vi") if province and province != iri else "",
        ]
        entries.append(
            [
                page_path(iri, "vi")[:-5],
                vi,
                en if en != vi else "",
                kind,
                keys,
                " · ".join(c for c in context if c),
                weight,
            ]
        )
    entries.sort(key=lambda e: (-e[6], e[4]))
    writer.write("assets/search-data.js", "window.KG_SEARCH = " + script_json(entries) + ";\n", track=False)
