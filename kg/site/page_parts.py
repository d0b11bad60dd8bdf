"""The pieces every entity page is made of (kg.site.pages adds one body per kind of entity): the
classes that decide an entity's kind, escaping, links, values, tables, the page frame, JSON-LD,
and the sections every page has (names, sources, statements, relations, supports, posts, events).

Every value from the graph is data: it reaches the page through html.escape (text and attributes)
or, for the embedded JSON-LD, through `script_json` (<, >, & escaped). A link is written only to an
entity that has a page (`has_page`), so the site has no dangling internal link.
"""

from __future__ import annotations

import html
from collections import defaultdict
from functools import lru_cache

from kg.iris import ID_BASE, PREFIX_IRIS
from kg.safe_output import script_json
from kg.site.facts import (
    ALT_LABEL,
    CURATION_GRAPH,
    DCT,
    DERIVED_GRAPH,
    GAZETTEER_GRAPH,
    KN,
    LABEL,
    ONTOLOGY_GRAPH,
    PREF_LABEL,
    RDF_TYPE,
    SOURCE_GRAPH,
    TITLE,
    Facts,
    Lit,
    short,
)

from kg.site.words import PROP_NAMES, T

ORG_CLASSES = {
    KN + c
    for c in (
        "Organization",
        "PartyCommittee",
        "StandingBoard",
        "PeoplesCommittee",
        "PeoplesCouncil",
        "PartyOffice",
        "Enterprise",
        "BankBranch",
        "MassOrganization",
        "GovernmentAgency",
        "OrganizationGroup",
    )
}
KIND_OF_CLASS = {
    KN + "AdministrativeUnit": "unit",
    KN + "ForeignLocality": "place",
    KN + "Twinning": "relation",
    KN + "Person": "person",
    KN + "PolicyDocument": "policy",
    KN + "SourceArticle": "source",
    **{c: "organization" for c in ORG_CLASSES},
    **{
        KN + c: "thing" for c in ("Agreement", "Event", "Support", "ReportedStatistic", "EditorialInference", "Dataset")
    },
}
SCHEMA_TYPE = {
    "unit": "AdministrativeArea",
    "place": "City",
    "person": "Person",
    "organization": "Organization",
    "policy": "Legislation",
    "source": "NewsArticle",
    KN + "Event": "Event",
    KN + "Dataset": "Dataset",
    KN + "ReportedStatistic": "Observation",
    KN + "Agreement": "CreativeWork",
}
# Described where they are used, never a page of their own.
INLINE = {KN + "MonetaryAmount", KN + "Quantity", KN + "RelativeTime"}
PARTY_PROPS = (KN + "party", KN + "sponsor", KN + "sponsored")
CLAIM_PROPS = (
    KN + "party",
    KN + "sponsor",
    KN + "sponsored",
    KN + "twinningKind",
    KN + "status",
    KN + "establishedOn",
    KN + "establishedRelative",
    KN + "plannedOn",
    KN + "endedOn",
    KN + "underPolicy",
    KN + "parentTwinning",
    KN + "evidence",
    PREF_LABEL,
)
STATUS_DATE = {PREFIX_IRIS["knv"] + "planned": KN + "plannedOn", PREFIX_IRIS["knv"] + "ended": KN + "endedOn"}


@lru_cache(maxsize=65536)
def esc(text: str) -> str:
    """html.escape, remembered: labels, property names and dates repeat across the site's pages."""
    return html.escape(text)


def page_path(iri: str, lang: str) -> str:
    """The site path of an entity's page: id/unit/pre2025/48.html (vi), id/unit/pre2025/48.en.html."""
    return "id/" + iri[len(ID_BASE) :] + (".html" if lang == "vi" else ".en.html")


def kind_of(facts: Facts, iri: str) -> str | None:
    if not isinstance(iri, str) or not iri.startswith(ID_BASE):
        return None
    best = None
    for cls in facts.types(iri):
        kind = KIND_OF_CLASS.get(cls)
        if kind and kind != "thing":
            return kind
        best = best or kind
    return best


def source_of_graph(graph: str) -> str | None:
    if graph.startswith(SOURCE_GRAPH):
        return ID_BASE + "source/" + graph[len(SOURCE_GRAPH) :]
    return None


class PageParts:
    """Renders pages in one language. `has_page(iri)` says which entities have a page to link to;
    `explorer_href` is the explorer page's site path (None: no explorer link)."""

    def __init__(
        self,
        facts: Facts,
        has_page,
        lang: str = "vi",
        explorer_href: str | None = "explorer.html",
        explorer_has=None,
        site_nav: bool = True,
    ):
        self.f, self.has_page, self.lang = facts, has_page, lang
        self.li = 0 if lang == "vi" else 1
        self.explorer_href = explorer_href
        self.explorer_has = explorer_has or (lambda iri: False)
        self.prefix = ""
        self.site_nav = site_nav  # False: a page served alone (kg serve without --site), no index links
        self._props: dict = {}
        self._graph_names: dict = {}

    # ------------------------------------------------------------------ small pieces
    def t(self, key: str) -> str:
        return T[key][self.li]

    def link(self, iri, text: str | None = None) -> str:
        if isinstance(iri, Lit):
            return self.literal(iri)
        label = text if text is not None else self.label(iri)
        if self.has_page(iri):
            return f'<a href="{esc(self.prefix + page_path(iri, self.lang))}">{esc(label)}</a>'
        return esc(label)

    def label(self, node) -> str:
        return self.f.label(node, self.lang)

    def prop(self, iri: str) -> str:
        found = self._props.get(iri)
        if found is None:
            names = PROP_NAMES.get(iri)
            found = names[self.li] if names else self.label(iri) if self.f.out(iri) else short(iri)
            self._props[iri] = found
        return found

    def literal(self, lit: Lit) -> str:
        text = esc(lit.value)
        if lit.datatype.endswith("#anyURI") and lit.value.startswith(("http://", "https://")):
            return f'<a href="{text}" rel="external">{text}</a>'
        if lit.lang and lit.lang != self.lang:
            return f'<span lang="{esc(lit.lang)}">{text}</span> <small>({esc(lit.lang)})</small>'
        return text

    def value(self, node) -> str:
        """A value as the reader should see it: a link, a vocabulary term's label, an amount's text."""
        if isinstance(node, Lit):
            return self.literal(node)
        types = self.f.types(node)
        if types & INLINE:
            stated = self.f.first(node, KN + "statedAs") or self.f.first(node, KN + "expression")
            if stated is not None:
                return esc(stated.value)
            parts = [
                v.value if isinstance(v, Lit) else self.label(v)
                for p in (KN + "value", KN + "currency", KN + "unitOfMeasure")
                for v in self.f.values(node, p)
            ]
            return esc(" ".join(parts))
        return self.link(node)

    def values(self, node, predicate) -> str:
        found = self.f.values(node, predicate)
        return ", ".join(self.value(v) for v in found) if found else ""

    def graph_name(self, graph: str) -> str:
        key = (graph, self.prefix)
        found = self._graph_names.get(key)
        if found is None:
            found = self._graph_names[key] = self._graph_name(graph)
        return found

    def _graph_name(self, graph: str) -> str:
        article = source_of_graph(graph)
        if article:
            return self.link(article)
        for key, g in (
            ("derived", DERIVED_GRAPH),
            ("curation", CURATION_GRAPH),
            ("gazetteer", GAZETTEER_GRAPH),
            ("ontology", ONTOLOGY_GRAPH),
        ):
            if graph == g:
                return esc(self.t(key))
        return esc(short(graph)) if graph else ""

    def table(self, headers, rows, cls: str = "") -> str:
        if not rows:
            return f'<p class="muted">{esc(self.t("none"))}</p>'
        head = "".join(f"<th>{esc(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'

    def section(self, key: str, body: str, anchor: str | None = None) -> str:
        return f'<section id="{anchor or key}"><h2>{esc(self.t(key))}</h2>{body}</section>'

    def items(self, nodes) -> str:
        if not nodes:
            return f'<p class="muted">{esc(self.t("none"))}</p>'
        return "<ul>" + "".join(f"<li>{self.link(n)}</li>" for n in nodes) + "</ul>"

    def date_of(self, node) -> str:
        for p in (
            KN + "establishedOn",
            KN + "signedOn",
            KN + "date",
            KN + "issuedOn",
            KN + "asOf",
            DCT + "issued",
            KN + "plannedOn",
            KN + "validFrom",
        ):
            found = sorted(v.value for v in self.f.values(node, p) if isinstance(v, Lit))
            if found:
                return found[0]
        return ""

    def described(self, nodes, extra=()) -> list:
        """A list of things with their date and type, sorted by date (undated first)."""
        rows = []
        for n in sorted(set(nodes), key=lambda n: (self.date_of(n), self.label(n))):
            row = [esc(self.date_of(n)), self.link(n)]
            row += [self.values(n, p) for p in extra]
            rows.append(row)
        return rows

    # ------------------------------------------------------------------ whole page
    def render(self, iri: str, kind: str | None = None) -> str:
        kind = kind or kind_of(self.f, iri) or "thing"
        path = page_path(iri, self.lang)
        self.prefix = "../" * path.count("/")
        body = getattr(self, "body_" + kind)(iri)
        body += self.sources_section(iri) + self.statements(iri)
        if kind == "thing":
            body += self.referenced(iri)
        title = self.label(iri)
        heading = (
            f'<h1>{esc(title)}</h1><p class="kind">{esc(self.t("kind_" + kind))} · '
            f'<code class="iri">{esc(iri)}</code></p>'
        )
        explorer = ""
        if self.explorer_href:
            target = self.prefix + self.explorer_href
            if self.explorer_has(iri):
                target += "#focus=" + iri[len(ID_BASE) :]
            explorer = (
                f'<p class="explorer"><a id="explorer-link" href="{esc(target)}">{esc(self.t("explorer"))}</a></p>'
            )
        other = page_path(iri, "en" if self.lang == "vi" else "vi").rsplit("/", 1)[1]
        return self.frame(title, heading + explorer + body, self.jsonld(iri, kind), other)

    def frame(self, title: str, main: str, jsonld: dict | None = None, other_lang_href: str | None = None) -> str:
        p, lang = self.prefix, self.lang
        suffix = "" if lang == "vi" else ".en"
        nav = (
            "".join(
                f'<a href="{esc(p + name + suffix)}.html">{esc(self.t(key))}</a>'
                for key, name in (
                    ("home", "index"),
                    ("provinces", "provinces"),
                    ("decades", "decades"),
                    ("kinds", "kinds"),
                    ("about", "about"),
                )
            )
            if self.site_nav
            else ""
        )
        if self.explorer_href:
            nav += f'<a href="{esc(p + self.explorer_href)}">Explorer</a>'
        if other_lang_href:
            nav += f'<a hreflang="{"en" if lang == "vi" else "vi"}" href="{esc(other_lang_href)}">{esc(self.t("other_lang"))}</a>'
        ld = f'<script type="application/ld+json">{script_json(jsonld)}</script>' if jsonld else ""
        return (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; "
            "style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'\">"
            f"<title>{esc(title)} — Kết nghĩa</title>"
            f'<link rel="stylesheet" href="{esc(p)}assets/site.css">{ld}</head><body>'
            f"<header>{self._brand(suffix)}<nav>{nav}</nav>{self._search_form(suffix)}</header><main>{main}</main>"
            f"<footer>{esc(self.t('licence'))}{self._about_link(suffix)}</footer></body></html>"
        )

    def _brand(self, suffix: str) -> str:
        if not self.site_nav:
            return f'<span class="brand">{esc(self.t("site"))}</span>'
        return f'<a class="brand" href="{esc(self.prefix)}index{suffix}.html">{esc(self.t("site"))}</a>'

    def _search_form(self, suffix: str) -> str:
        if not self.site_nav:
            return ""
        return (
            f'<form action="{esc(self.prefix)}search{suffix}.html" method="get" role="search">'
            f'<input name="q" type="search" placeholder="{esc(self.t("search_hint"))}" aria-label="{esc(self.t("search"))}">'
            "</form>"
        )

    def _about_link(self, suffix: str) -> str:
        return f' · <a href="{esc(self.prefix)}about{suffix}.html">{esc(self.t("about"))}</a>' if self.site_nav else ""

    # ------------------------------------------------------------------ JSON-LD
    def jsonld(self, iri: str, kind: str) -> dict:
        types = sorted(self.f.types(iri))
        schema = SCHEMA_TYPE.get(kind) or next((SCHEMA_TYPE[t] for t in types if t in SCHEMA_TYPE), None)
        doc: dict = {
            "@context": {p: PREFIX_IRIS[p] for p in ("schema", "kn", "knv", "skos", "dct", "rdfs", "xsd", "prov")},
            "@id": iri,
            "@type": ([f"schema:{schema}"] if schema else []) + [short(t) for t in types],
            "schema:name": self.label(iri),
        }
        values: dict = defaultdict(list)
        for p, o, g in self.f.out(iri):
            if p == RDF_TYPE or g == ONTOLOGY_GRAPH:
                continue
            if isinstance(o, Lit):
                v = (
                    {"@value": o.value, "@language": o.lang}
                    if o.lang
                    else {"@value": o.value, "@type": short(o.datatype)}
                )
            else:
                v = {"@id": o}
            key = short(p)
            if v not in values[key]:
                values[key].append(v)
        doc.update(values)
        return doc

    # ------------------------------------------------------------------ shared sections
    def names(self, iri: str) -> str:
        rows = [
            [esc(self.prop(p)), self.literal(o), self.graph_name(g)]
            for p, o, g in self.f.out(iri)
            if p in (PREF_LABEL, ALT_LABEL, LABEL, TITLE) and isinstance(o, Lit)
        ]
        return self.section("names", self.table((self.t("property"), self.t("value"), self.t("source")), rows, "names"))

    def sources_section(self, iri: str) -> str:
        graphs = {g for _, _, g in self.f.out(iri)} | {g for _, _, g in self.f.inc(iri)}
        articles = sorted(
            {a for a in map(source_of_graph, graphs) if a and a != iri}, key=lambda a: (self.date_of(a), a)
        )
        rows = [[self.link(a), esc(self.date_of(a)), self.values(a, DCT + "publisher")] for a in articles]
        other = sorted(g for g in graphs if g and not g.startswith(SOURCE_GRAPH))
        body = self.table((self.t("source"), self.t("date"), PROP_NAMES[DCT + "publisher"][self.li]), rows, "sources")
        if other:
            body += "<p>" + esc(self.t("graph")) + ": " + ", ".join(self.graph_name(g) for g in other) + "</p>"
        return self.section("sources", body)

    def statements(self, iri: str) -> str:
        rows = sorted(
            (
                (self.prop(p), self.value(o), self.graph_name(g))
                for p, o, g in self.f.out(iri)
                if g != ONTOLOGY_GRAPH or self.f.types(iri) & INLINE
            ),
            key=lambda r: r[0],
        )
        table = self.table(
            (self.t("property"), self.t("value"), self.t("source")),
            [[esc(r[0]), r[1], r[2]] for r in rows],
            "statements",
        )
        return f'<details class="statements"><summary>{esc(self.t("statements"))}</summary>{table}</details>'

    def referenced(self, iri: str) -> str:
        rows = [
            [self.link(s), esc(self.prop(p)), self.graph_name(g)]
            for s, p, g in self.f.inc(iri)
            if not self.f.types(s) & INLINE
        ][:300]
        return self.section("referenced", self.table((self.t("value"), self.t("property"), self.t("source")), rows))

    def facts_table(self, iri: str, props) -> str:
        rows = []
        for p in props:
            cell = self.values(iri, p)
            if cell:
                rows.append([esc(self.prop(p)), cell])
        return self.section("facts", self.table((self.t("property"), self.t("value")), rows, "facts"))

    def relations_of(self, iri: str) -> list:
        return sorted(
            {s for s, p, _ in self.f.inc(iri) if p in PARTY_PROPS}, key=lambda r: (self.date_of(r), self.label(r))
        )

    def relation_timeline(self, iri: str) -> str:
        rows = []
        for r in self.relations_of(iri):
            others = [o for p in PARTY_PROPS for o in self.f.values(r, p) if o != iri]
            rows.append(
                [
                    esc(self.date_of(r)),
                    self.link(r),
                    ", ".join(self.link(o) for o in dict.fromkeys(others)),
                    self.values(r, KN + "twinningKind"),
                    self.values(r, KN + "currentStatus"),
                ]
            )
        return self.section(
            "relations",
            self.table(
                (self.t("date"), self.t("kind_relation"), self.t("other"), self.t("kind"), self.t("current")),
                rows,
                "timeline",
            ),
        )

    def supports(self, iri: str) -> str:
        out = ""
        for key, prop in (("given", KN + "giver"), ("received", KN + "recipient")):
            nodes = self.f.subjects(iri, prop)
            rows = self.described(nodes, (KN + "supportType", KN + "amount", KN + "quantity"))
            out += self.section(key, self.table((self.t("date"), self.t("supports"), self.t("kind"), "", ""), rows))
        return out

    def posts_table(self, posts) -> str:
        rows = []
        for post in sorted(set(posts), key=lambda n: (self.date_of(n), n)):
            rows.append(
                [
                    self.values(post, KN + "holder"),
                    self.values(post, KN + "role"),
                    self.values(post, KN + "inOrganization"),
                    esc(self.date_of(post)),
                ]
            )
        return self.table((self.t("holder"), self.t("role"), self.t("in_org"), self.t("as_of")), rows, "posts")

    def events(self, iri: str) -> str:
        nodes = [
            s
            for s, p, _ in self.f.inc(iri)
            if p in (KN + "participant", KN + "place", KN + "ledBy", KN + "organizer")
            and KN + "Event" in self.f.types(s)
        ]
        return self.section(
            "events",
            self.table((self.t("date"), self.t("events"), self.t("kind")), self.described(nodes, (KN + "eventType",))),
        )

    # ------------------------------------------------------------------ per kind
