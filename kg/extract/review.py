"""A review page for a draft: the article with every proposed fact's evidence highlighted, one
card per fact, accept / reject, and a download of the accepted facts as TriG.

    python -m kg.extract.review DRAFT.trig --article ARTICLE.txt -o review.html

One offline HTML file: no network, a Content-Security-Policy that lets only its own inline
script run (as the explorer's page), article text and labels escaped. Keys: j / k next and
previous fact, a accept, r reject. The download holds the draft's triples minus the rejected
facts (and the nodes only they own), as one TriG graph that `kg validate` reads like the draft.

A party the linker chose among several units of one name (the draft's kne:candidate) can be
switched to another of them; each unit is shown with its gazetteer label, level, province and era.
"""

from __future__ import annotations

from kg.errors import KgError

import argparse
import base64
import functools
import hashlib
import html
import json
import sys
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.extract import text as text_mod
from kg.extract.draft import KNE
from kg.iris import KN

# The facts a steward accepts or rejects one by one; the rest (the article's description,
# organizations, people, unit mentions) goes with them.
REVIEWED = {
    KN.Twinning: "twinning",
    KN.PolicyDocument: "policy",
    KN.Post: "post",
    KN.Support: "support",
    KN.Event: "event",
    KN.ReportedStatistic: "statistic",
    KN.Agreement: "agreement",
}
EXIT_BAD_INPUT = 2


class ReviewError(KgError):
    """Bad input: one line, Vietnamese and English."""


def _owned(graph, fact) -> set:
    """The fact and the nodes only it has: blank nodes and IRIs named after it ("{fact}-amount")."""
    owned, todo = set(), [fact]
    while todo:
        node = todo.pop()
        if node in owned:
            continue
        owned.add(node)
        for obj in graph.objects(node, None):
            if isinstance(obj, BNode) or (isinstance(obj, URIRef) and str(obj).startswith(f"{fact}-")):
                todo.append(obj)
    return owned


def _value(graph, obj, quotes: dict) -> str:
    if isinstance(obj, Literal):
        kind = obj.datatype.split("#")[-1] if obj.datatype else (f"@{obj.language}" if obj.language else "")
        return f"{obj} ({kind})" if kind else str(obj)
    label = graph.value(obj, SKOS.prefLabel)
    short = str(obj).split("/id/", 1)[-1].split("#")[-1]
    if label is not None:
        return f"{label} [{short}]"
    if str(obj) in quotes:
        return f"{quotes[str(obj)]} [{short}]"
    return short


_PARTY = (KN.party, KN.sponsor, KN.sponsored)
_UNIT_PATH = "https://w3id.org/ketnghia/id/unit/"


@functools.lru_cache(maxsize=1)
def _gazetteer_units() -> dict:
    """Unit IRI -> unit, both eras of the national gazetteer and the historical one."""
    from kg.extract import history
    from kg.extract.lexicon import lexicon, unit_iri

    units: dict[str, object] = {unit_iri(u): u for u in lexicon().units}
    for old in history.all_units():
        units[unit_iri(old)] = old
    return units


def unit_label(iri: str) -> str:
    """ "Xã Tam Hiệp — commune, Tỉnh Quảng Nam, pre2025": what the steward needs to choose."""
    unit = _gazetteer_units().get(iri) if iri.startswith(_UNIT_PATH) else None
    if unit is None:
        return iri.split("/id/", 1)[-1]
    chain, parent = [], getattr(unit, "parent", None)
    while parent is not None:
        chain.append(parent.full_name)
        parent = getattr(parent, "parent", None)
    where = f", {', '.join(chain)}" if chain else ""
    return f"{unit.full_name} — {unit.level}{where}, {unit.era}"


def _switches(graph, fact) -> list:
    """The fact's parties that have other candidates: [{party, label, options: [[iri, label]]}]."""
    found = []
    for party in sorted({o for p in _PARTY for o in graph.objects(fact, p)}, key=str):
        others = sorted({str(c) for m in graph.subjects(KNE.refersTo, party) for c in graph.objects(m, KNE.candidate)})
        if others:
            options = [[str(party), unit_label(str(party))]] + [[c, unit_label(c)] for c in others]
            found.append({"party": str(party), "label": unit_label(str(party)), "options": options})
    return found


def review_data(draft: Dataset, text: str) -> dict:
    graph = draft.graph(next(c.identifier for c in draft.graphs() if len(c)))
    quotes = {}
    for mention in graph.subjects(KNE.refersTo, None):
        unit = graph.value(mention, KNE.refersTo)
        ev = graph.value(mention, KNE.evidence)
        if ev is not None and str(unit) not in quotes:
            quotes[str(unit)] = str(graph.value(ev, KNE.quote))
    facts, owned_by_fact = [], {}
    for rdf_type, kind in REVIEWED.items():
        for fact in sorted(graph.subjects(RDF.type, rdf_type), key=str):
            spans = sorted(
                (int(str(graph.value(ev, KNE.start))), int(str(graph.value(ev, KNE.end))))
                for ev in graph.objects(fact, KNE.evidence)
            )
            owned = _owned(graph, fact)
            owned_by_fact[fact] = owned
            rows = [
                [
                    str(p).split("#")[-1].split("/")[-1],
                    unit_label(str(o)) if p in _PARTY and str(o).startswith(_UNIT_PATH) else _value(graph, o, quotes),
                ]
                for p, o in sorted(graph.predicate_objects(fact))
                if p not in (KNE.evidence, RDF.type)
            ]
            facts.append(
                {
                    "kind": kind,
                    "iri": str(fact),
                    "label": str(graph.value(fact, SKOS.prefLabel) or fact),
                    "confidence": str(graph.value(fact, KNE.confidence) or ""),
                    "spans": spans,
                    "rows": rows,
                    "switches": _switches(graph, fact),
                }
            )
    facts.sort(key=lambda f: (f["spans"][0][0] if f["spans"] else len(text), f["iri"]))
    shared = set().union(*owned_by_fact.values()) if owned_by_fact else set()
    lines: dict[str, list] = {"common": []}
    for fact in owned_by_fact:
        lines[str(fact)] = []
    facts_iris = {str(f) for f in owned_by_fact}
    for s, p, o in graph:
        owner = next((str(f) for f, nodes in owned_by_fact.items() if s in nodes), None) if s in shared else None
        # A link to another reviewed fact ("kn:relatedTwinning") is kept only if that one is accepted.
        lines[owner or "common"].append([f"{s.n3()} {p.n3()} {o.n3()} .", str(o) if str(o) in facts_iris else ""])
    for key in lines:
        lines[key].sort()
    todos = sorted(str(t) for t in graph.objects(None, KNE.todo))
    return {"graph": str(graph.identifier), "facts": facts, "triples": lines, "todos": todos}


def _highlighted(text: str, facts: list[dict]) -> str:
    """The article as HTML: every evidence span in a <mark> naming the facts it supports."""
    bounds = {0, len(text)}
    for fact in facts:
        for start, end in fact["spans"]:
            bounds |= {max(0, min(start, len(text))), max(0, min(end, len(text)))}
    points = sorted(bounds)
    out = []
    for a, b in zip(points, points[1:]):
        covering = [str(n) for n, f in enumerate(facts) if any(s <= a and b <= e for s, e in f["spans"])]
        piece = html.escape(text[a:b])
        out.append(f'<mark data-facts="{" ".join(covering)}">{piece}</mark>' if covering else piece)
    return "".join(out)


_SCRIPT = r"""
(function () {
  var data = JSON.parse(document.getElementById('data').textContent);
  var cards = Array.prototype.slice.call(document.querySelectorAll('.card'));
  var state = data.facts.map(function () { return 'open'; });
  var current = -1;
  function select(n, scroll) {
    if (n < 0 || n >= cards.length) return;
    if (current >= 0) cards[current].classList.remove('current');
    document.querySelectorAll('mark.current').forEach(function (m) { m.classList.remove('current'); });
    current = n;
    cards[n].classList.add('current');
    var marks = document.querySelectorAll('mark');
    var first = null;
    marks.forEach(function (m) {
      if ((' ' + m.getAttribute('data-facts') + ' ').indexOf(' ' + n + ' ') >= 0) {
        m.classList.add('current'); if (!first) first = m;
      }
    });
    if (scroll) { cards[n].scrollIntoView({block: 'nearest'}); if (first) first.scrollIntoView({block: 'nearest'}); }
  }
  function decide(n, what) {
    if (n < 0) return;
    state[n] = what;
    cards[n].setAttribute('data-state', what);
    document.body.setAttribute('data-accepted', String(state.filter(function (s) { return s === 'accepted'; }).length));
  }
  var chosen = data.facts.map(function () { return {}; });  // per fact: party IRI -> the unit chosen instead
  function own(f, n) {
    return data.triples[f.iri].map(function (l) {
      var text = l[0];
      Object.keys(chosen[n]).forEach(function (from) { text = text.split('<' + from + '>').join('<' + chosen[n][from] + '>'); });
      return [text, l[1]];
    });
  }
  function trig() {
    var accepted = {};
    data.facts.forEach(function (f, n) { if (state[n] === 'accepted') accepted[f.iri] = true; });
    var lines = data.triples.common.slice();
    data.facts.forEach(function (f, n) { if (accepted[f.iri]) lines = lines.concat(own(f, n)); });
    lines = lines.filter(function (l) { return !l[1] || accepted[l[1]]; }).map(function (l) { return l[0]; });
    return '# Facts accepted in the review page of kg extract\n<' + data.graph + '> {\n' + lines.join('\n') + '\n}\n';
  }
  document.querySelectorAll('select.switch').forEach(function (box) {
    box.addEventListener('click', function (e) { e.stopPropagation(); });
    box.addEventListener('change', function () {
      var n = parseInt(box.getAttribute('data-n'), 10), from = box.getAttribute('data-party');
      if (box.value === from) delete chosen[n][from]; else chosen[n][from] = box.value;
      cards[n].setAttribute('data-switched', String(Object.keys(chosen[n]).length));
    });
  });
  cards.forEach(function (card, n) {
    card.addEventListener('click', function () { select(n, true); });
    card.querySelector('.accept').addEventListener('click', function (e) { e.stopPropagation(); select(n, false); decide(n, 'accepted'); });
    card.querySelector('.reject').addEventListener('click', function (e) { e.stopPropagation(); select(n, false); decide(n, 'rejected'); });
  });
  document.querySelectorAll('mark').forEach(function (m) {
    m.addEventListener('click', function () {
      var ids = m.getAttribute('data-facts').split(' ');
      select(parseInt(ids[0], 10), true);
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j') select(current + 1, true);
    else if (e.key === 'k') select(current - 1, true);
    else if (e.key === 'a') decide(current, 'accepted');
    else if (e.key === 'r') decide(current, 'rejected');
  });
  document.getElementById('download').addEventListener('click', function () {
    var blob = new Blob([trig()], {type: 'application/trig'});
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = 'accepted.trig';
    document.body.appendChild(a); a.click(); a.remove();
  });
  window.reviewTrig = trig;
  document.body.setAttribute('data-ready', '1');
})();
"""

_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 1fr 26rem; height: 100vh; }
#article { white-space: pre-wrap; padding: 1rem 2rem; overflow: auto; }
#facts { border-left: 1px solid #ccc; overflow: auto; padding: .5rem; background: #fafafa; }
mark { background: #fff2a8; cursor: pointer; } mark.current { background: #ffb347; }
.card { border: 1px solid #ccc; border-radius: 4px; margin: .4rem 0; padding: .4rem .6rem; background: #fff; cursor: pointer; }
.card.current { outline: 2px solid #ff8c00; }
.card[data-state=accepted] { border-color: #2a8a2a; background: #eefbee; }
.card[data-state=rejected] { border-color: #b22; background: #fbeeee; opacity: .7; }
.card table { font-size: 12px; border-collapse: collapse; } .card td { padding: 0 .3rem; vertical-align: top; }
.todo { font-size: 12px; color: #744; }
"""


def render(draft: Dataset, text: str, title: str) -> str:
    data = review_data(draft, text)
    cards = []
    for n, fact in enumerate(data["facts"]):
        rows = "".join(f"<tr><td>{html.escape(p)}</td><td>{html.escape(v)}</td></tr>" for p, v in fact["rows"])
        for switch in fact["switches"]:
            options = "".join(
                f'<option value="{html.escape(iri)}"{" selected" if iri == switch["party"] else ""}>'
                f"{html.escape(label)}</option>"
                for iri, label in switch["options"]
            )
            rows += (
                f'<tr><td>party</td><td><select class="switch" data-n="{n}" data-party="{html.escape(switch["party"])}"'
                f' title="another unit of that name the linker considered">{options}</select></td></tr>'
            )
        cards.append(
            f'<div class="card" data-n="{n}" data-state="open"><b>{html.escape(fact["kind"])}</b> '
            f"{html.escape(fact['label'])} <small>confidence {html.escape(fact['confidence'])}</small>"
            f'<table>{rows}</table><button class="accept">accept (a)</button> '
            f'<button class="reject">reject (r)</button></div>'
        )
    todos = "".join(f'<li class="todo">{html.escape(t)}</li>' for t in data["todos"])
    payload = (
        json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()
    policy = (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
        f'<body data-ready="0" data-accepted="0"><div id="article">{_highlighted(text, data["facts"])}</div>'
        f'<div id="facts"><button id="download">download accepted facts (TriG)</button>'
        f"<ul>{todos}</ul>{''.join(cards)}</div>"
        f'<script type="application/json" id="data">{payload}</script><script>{_SCRIPT}</script></body></html>'
    )


def review_file(draft_path: Path, article_path: Path) -> str:
    try:
        draft = Dataset()
        draft.parse(str(draft_path), format="trig")
    except FileNotFoundError:
        raise ReviewError(
            f"{draft_path}: không có tệp này / no such file", vi=f"{draft_path}: không có tệp này"
        ) from None
    except Exception as exc:
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise ReviewError(
            f"{draft_path}: không đọc được TriG / not readable as TriG: {first}",
            vi=f"{draft_path}: không đọc được dạng TriG (trình đọc báo: «{first}»)",
        ) from None
    try:
        article = text_mod.read_article(article_path)
    except text_mod.UnreadableInput as exc:
        raise ReviewError(
            f"{article_path}: không đọc được bài báo / the article cannot be read: {exc.detail}",
            vi=f"{article_path}: không đọc được bài báo: {exc.message('vi')}",
        ) from None
    if not any(len(c) for c in draft.graphs()):
        raise ReviewError(
            f"{draft_path}: bản nháp trống / the draft holds no triples",
            vi=f"{draft_path}: bản nháp trống, không có bộ ba nào",
        )
    return render(draft, article.text, f"Review: {article.file_name}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", type=Path)
    parser.add_argument("--article", type=Path, required=True)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        page = review_file(args.draft, args.article)
    except ReviewError as exc:
        print(f"kg review: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    args.output.write_text(page, encoding="utf-8")
    print(f"kg review: {args.output} written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
