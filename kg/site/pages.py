"""One HTML page per entity: units, foreign localities, relations, people, organizations, policy
documents, source articles, and a plain page for the other things a source describes (agreements,
events, supports, statistics, inferences, datasets). The pieces they share, and the escaping
every value goes through, are in kg.site.page_parts.
"""

from __future__ import annotations

from collections import defaultdict

from kg.iris import ID_BASE, PREFIX_IRIS
from kg.site.facts import (
    DCT,
    DERIVED_GRAPH,
    KN,
    ONTOLOGY_GRAPH,
    PREF_LABEL,
    RDF_TYPE,
    RDFS,
    SKOS,
    SOURCE_GRAPH,
    Lit,
)

from kg.site.page_parts import (
    CLAIM_PROPS,
    INLINE,
    PARTY_PROPS,
    STATUS_DATE,
    PageParts,
    esc,
    kind_of,
    source_of_graph,
)


class Renderer(PageParts):
    """Renders pages in one language: one body_{kind} per kind of entity (see PageParts)."""

    def body_unit(self, iri: str) -> str:
        out = self.names(iri)
        out += self.facts_table(
            iri,
            (
                KN + "unitType",
                KN + "level",
                KN + "era",
                KN + "code",
                KN + "validFrom",
                KN + "validUntil",
                KN + "areaKm2",
            ),
        )
        chain, node = [], iri
        for _ in range(4):
            node = self.f.first(node, KN + "partOf")
            if not node or node in chain:
                break
            chain.append(node)
        out += self.section(
            "parent", " › ".join(self.link(n) for n in chain) or f'<p class="muted">{esc(self.t("none"))}</p>'
        )
        children = sorted(self.f.subjects(iri, KN + "partOf"), key=self.label)
        if children:
            out += (
                f'<section id="children"><details><summary>{esc(self.t("children"))} ({len(children)})</summary>'
                + self.items(children)
                + "</details></section>"
            )
        rows = []
        for node, p, _ in self.f.inc(iri):
            if p in (KN + "predecessor", KN + "successor"):  # an administrative change
                other = KN + ("successor" if p == KN + "predecessor" else "predecessor")
                arrow = "→" if p == KN + "predecessor" else "←"
                for o in self.f.values(node, other):
                    date = self.f.first(node, KN + "changeDate")
                    rows.append(
                        [esc(date.value if date else ""), arrow, self.link(o), self.values(node, KN + "changeType")]
                    )
        seen = {r[2] for r in rows}
        for p, arrow in ((KN + "succeededBy", "→"), (KN + "precededBy", "←")):
            for o in self.f.values(iri, p):
                if self.link(o) not in seen:
                    date = self.f.first(iri, KN + "validUntil" if arrow == "→" else KN + "validFrom")
                    rows.append([esc(date.value if date else ""), arrow, self.link(o), ""])
        for p, arrow in ((KN + "succeededBy", "←"), (KN + "precededBy", "→")):
            for s in self.f.subjects(iri, p):
                if self.link(s) not in seen and not any(r[2] == self.link(s) for r in rows):
                    rows.append(["", arrow, self.link(s), ""])
        rows.sort(key=lambda r: (r[1], r[0]))
        out += self.section(
            "history", self.table((self.t("date"), "", self.t("value"), self.t("kind")), rows, "history")
        )
        out += self.relation_timeline(iri) + self.supports(iri)
        orgs = self.f.subjects(iri, KN + "ofUnit")
        posts = [s for o in orgs for s in self.f.subjects(o, KN + "inOrganization")]
        out += self.section("people", self.posts_table(posts))
        out += self.section("orgs", self.items(sorted(orgs, key=self.label)))
        return out + self.events(iri)

    def body_place(self, iri: str) -> str:
        out = self.names(iri) + self.facts_table(iri, (KN + "country", RDFS + "comment"))
        return out + self.relation_timeline(iri) + self.supports(iri) + self.events(iri)

    def body_relation(self, iri: str) -> str:
        f = self.f
        rows = []
        for p in PARTY_PROPS:
            for party in f.values(iri, p):
                start, end = f.first(party, KN + "validFrom"), f.first(party, KN + "validUntil")
                validity = f"{start.value if start else ''} – {end.value if end else ''}" if start or end else ""
                rows.append([self.link(party), esc(self.prop(p)), esc(validity), self.values(party, KN + "partOf")])
        out = self.section(
            "parties",
            self.table((self.t("parties"), self.t("property"), self.t("date"), self.t("parent")), rows, "parties"),
        )
        current = f.values(iri, KN + "currentStatus")
        note = f' <span class="tie">({esc(self.t("tie"))})</span>' if len(current) > 1 else ""
        out += self.section(
            "current", "<p>" + (", ".join(self.value(v) for v in current) or esc(self.t("none"))) + note + "</p>"
        )
        out += self.claims(iri) + self.status_history(iri)
        agreements = f.values(iri, KN + "formalisedBy")
        rows = []
        for a in sorted(agreements, key=lambda a: (self.date_of(a), a)):
            rows.append(
                [
                    self.link(a),
                    self.values(a, KN + "agreementType"),
                    self.values(a, KN + "signedOn"),
                    self.values(a, KN + "contentArea"),
                    self.values(a, KN + "signatory"),
                ]
            )
        out += self.section(
            "agreements",
            self.table(
                (self.t("agreements"), self.t("kind"), self.t("signed_on"), self.t("content"), self.t("signatories")),
                rows,
                "agreements",
            ),
        )
        related = f.subjects(iri, KN + "relatedTwinning")
        events = [s for s in related if KN + "Event" in f.types(s)]
        supports = [s for s in related if KN + "Support" in f.types(s)]
        out += self.section(
            "events",
            self.table((self.t("date"), self.t("events"), self.t("kind")), self.described(events, (KN + "eventType",))),
        )
        out += self.section(
            "supports",
            self.table(
                (self.t("date"), self.t("supports"), self.t("kind"), "", ""),
                self.described(supports, (KN + "giver", KN + "recipient", KN + "amount")),
            ),
        )
        signatories = {s for a in agreements for s in f.values(a, KN + "signatory")}
        out += self.section("signatories", self.items(sorted(signatories, key=self.label)))
        out += self.section("policies", self.items(f.values(iri, KN + "underPolicy")))
        linked = f.values(iri, KN + "parentTwinning") + f.subjects(iri, KN + "parentTwinning")
        if linked:
            out += self.section("relations", self.items(linked), "linked")
        return out

    def claim_graphs(self, iri: str) -> list:
        graphs = {g for p, _, g in self.f.out(iri) if p in CLAIM_PROPS and g not in (DERIVED_GRAPH, ONTOLOGY_GRAPH)}
        return sorted(graphs, key=lambda g: (self.date_of(source_of_graph(g) or g), g))

    def claims(self, iri: str) -> str:
        graphs = self.claim_graphs(iri)
        by = defaultdict(list)
        for p, o, g in self.f.out(iri):
            if p in CLAIM_PROPS and (p != PREF_LABEL or not isinstance(o, Lit) or o.lang == self.lang):
                by[(p, g)].append(o)
        head = "".join(
            f"<th>{self.graph_name(g)}<br><small>{esc(self.date_of(source_of_graph(g) or g))}</small></th>"
            for g in graphs
        )
        body = ""
        for p in CLAIM_PROPS:
            cells = [tuple(sorted(map(str, by.get((p, g), ())))) for g in graphs]
            if not any(cells):
                continue
            differ = len({c for c in cells if c}) > 1
            row = "".join(f"<td>{', '.join(self.value(v) for v in by.get((p, g), ()))}</td>" for g in graphs)
            mark = f' class="conflict" title="{esc(self.t("conflict"))}"' if differ else ""
            body += f"<tr{mark}><th>{esc(self.prop(p))}</th>{row}</tr>"
        table = (
            f'<div class="wide"><table class="claims"><thead><tr><th>{esc(self.t("property"))}</th>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
        )
        return self.section("claims", table)

    def status_history(self, iri: str) -> str:
        rows = []
        for g in self.claim_graphs(iri):
            in_g = [(p, o) for p, o, gg in self.f.out(iri) if gg == g]
            for status in [o for p, o in in_g if p == KN + "status"]:
                dated = [
                    o for p, o in in_g if p == STATUS_DATE.get(status, KN + "establishedOn") and isinstance(o, Lit)
                ]
                article = source_of_graph(g)
                issued = [v for v in self.f.values(article, DCT + "issued") if isinstance(v, Lit)] if article else []
                if dated:
                    when, basis = dated[0].value, "stated"
                elif issued:
                    when, basis = issued[0].value, "published"
                else:
                    when, basis = "", "undated"
                rows.append((bool(when), when, g, status, basis))
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        cells = [
            [esc(when), esc(self.t(basis)), self.value(status), self.graph_name(g)]
            for _, when, g, status, basis in rows
        ]
        return self.section(
            "status_history",
            self.table((self.t("date"), self.t("basis"), self.t("status"), self.t("source")), cells, "status-history"),
        )

    def body_person(self, iri: str) -> str:
        out = self.names(iri)
        out += self.section("posts", self.posts_table(self.f.subjects(iri, KN + "holder")))
        nodes = [s for s, p, _ in self.f.inc(iri) if p in (KN + "participant", KN + "ledBy", KN + "organizer")]
        out += self.section(
            "events",
            self.table((self.t("date"), self.t("events"), self.t("kind")), self.described(nodes, (KN + "eventType",))),
        )
        out += self.section(
            "signed",
            self.table((self.t("date"), self.t("agreements")), self.described(self.f.subjects(iri, KN + "signatory"))),
        )
        same = self.f.values(iri, KN + "possiblySameAs") + self.f.subjects(iri, KN + "possiblySameAs")
        if same:
            out += self.section("same", self.items(dict.fromkeys(same)))
        return out

    def body_organization(self, iri: str) -> str:
        out = self.names(iri) + self.facts_table(iri, (RDF_TYPE, KN + "ofUnit", KN + "country", RDFS + "comment"))
        out += self.section("posts", self.posts_table(self.f.subjects(iri, KN + "inOrganization")))
        out += self.relation_timeline(iri) + self.supports(iri)
        agreements = {s for s, p, _ in self.f.inc(iri) if p in (KN + "agreementParty", KN + "signatory")}
        out += self.section(
            "agreements", self.table((self.t("date"), self.t("agreements")), self.described(agreements))
        )
        out += self.section("policies", self.items(sorted(self.f.subjects(iri, KN + "issuedBy"), key=self.label)))
        members = self.f.values(iri, KN + "hasPart") + self.f.values(iri, PREFIX_IRIS["org"] + "hasMember")
        if members:
            out += self.section("orgs", self.items(members))
        return out + self.events(iri)

    def body_policy(self, iri: str) -> str:
        out = self.names(iri) + self.facts_table(
            iri,
            (
                KN + "policyType",
                KN + "documentNumber",
                KN + "issuedBy",
                KN + "issuedOn",
                KN + "subject",
                RDFS + "comment",
            ),
        )
        return out + self.section("under", self.items(sorted(self.f.subjects(iri, KN + "underPolicy"), key=self.label)))

    def body_source(self, iri: str) -> str:
        f = self.f
        out = self.names(iri) + self.facts_table(
            iri,
            (DCT + "publisher", DCT + "creator", DCT + "issued", DCT + "language", KN + "completeness", SKOS + "note"),
        )
        urls = [v.value for v in f.values(iri, PREFIX_IRIS["schema"] + "url") if isinstance(v, Lit)]
        urls += [
            "https://" + v.value
            for v in f.values(iri, KN + "address")
            if isinstance(v, Lit) and not v.value.startswith(("http://", "https://"))
        ]
        links = "".join(
            f'<li><a rel="external" class="address" href="{esc(u)}">{esc(u)}</a></li>'
            for u in dict.fromkeys(urls)
            if u.startswith(("http://", "https://"))
        )
        out += self.section("address", f"<ul>{links}</ul>" if links else f'<p class="muted">{esc(self.t("none"))}</p>')
        graph = SOURCE_GRAPH + iri[len(ID_BASE + "source/") :]
        by_subject = defaultdict(list)
        for s, p, o in f.in_graph(graph):
            if s != iri and not (f.types(s) & INLINE):
                by_subject[s].append((p, o))
        parts = []
        for s in sorted(by_subject, key=lambda s: (kind_of(f, s) or "~", self.label(s))):
            # dct:source is this very article on every node: said once, by the page itself
            rows = [
                [esc(self.prop(p)), self.value(o)]
                for p, o in sorted(by_subject[s], key=lambda r: self.prop(r[0]))
                if not (p == DCT + "source" and o == iri)
            ]
            heading = self.link(s)
            if KN + "Post" in f.types(s):  # a post has no page: say whose, which role, where
                heading = " · ".join(
                    x
                    for x in (
                        self.values(s, KN + "holder"),
                        self.values(s, KN + "role"),
                        self.values(s, KN + "inOrganization"),
                    )
                    if x
                )
            parts.append(
                f'<article class="fact"><h3>{heading}</h3>'
                + self.table((self.t("property"), self.t("value")), rows)
                + "</article>"
            )
        return out + self.section("article_facts", "".join(parts) or f'<p class="muted">{esc(self.t("none"))}</p>')

    def body_thing(self, iri: str) -> str:
        return self.names(iri)
