"""Issue 22's done-when checks: each real case of tests/validation/claims/cases, merged with
`kg contribute`, shows in every place a user looks (status-history, current-status,
conflicting-claims, twinnings-of-unit, the JSON, GraphML and GEXF exports and the explorer); and a
second article about any relation of the curated graph is never refused for its status or labels,
the report naming the other source.

The cases are merged once into a graph built from the seed sources and corpus article 001 (it gives
8/10/1960 for the Hà Nội – Huế – Sài Gòn ceremony that case 021 dates 7/10/1960).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.homes import kg

HERE = Path(__file__).parent / "claims" / "cases"
SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"
SRC = "https://w3id.org/ketnghia/id/source/"
TW = "https://w3id.org/ketnghia/id/twinning/"
UNIT = "https://w3id.org/ketnghia/id/unit/"


@dataclass(frozen=True)
class Case:
    file: str
    twinning: str
    unit: str  # a party, as `twinnings-of-unit` takes it
    parties: frozenset[str]
    source: str  # the contributed article
    other_sources: frozenset[str]  # sources already in the graph that state the relation
    conflict: tuple[str, ...]  # values conflicting-claims must list side by side (none: no row)


CASES = [
    Case(
        "son-tra-tra-leng-signed.ttl",
        TW + "sister-localities-2025-20263--2025-20938",
        "2025/20263",
        frozenset({UNIT + "2025/20263", UNIT + "2025/20938"}),
        SRC + "test-corpus-037",
        frozenset({SRC + "bd355db52bd04147"}),
        (),  # planned, then signed: history, not a disagreement
    ),
    Case(
        "ha-noi-hue-sai-gon-7-october.ttl",
        TW + "north-south-hist-thanh-pho-hue--hist-thanh-pho-sai-gon--pre2025-01",
        "pre2025/01",
        frozenset({UNIT + "pre2025/01", UNIT + "hist/thanh-pho-hue", UNIT + "hist/thanh-pho-sai-gon"}),
        SRC + "test-corpus-021",
        frozenset({SRC + "corpus-001"}),
        ("1960-10-07", "1960-10-08"),
    ),
    Case(
        "si-ma-cai-seo-pa-chu.ttl",
        TW + "border-cluster-place-cn-seo-pa-chu--pre2025-02809",
        "pre2025/02809",
        frozenset({UNIT + "pre2025/02809", "https://w3id.org/ketnghia/id/place/cn-seo-pa-chu"}),
        SRC + "test-corpus-058",
        frozenset(),  # one article only (corpus 058): nothing to disagree with
        (),
    ),
]


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> dict:
    if not (SOURCES / "corpus-001.trig").exists():
        pytest.skip("data/sources/corpus-001.trig is not curated in this checkout")
    root = tmp_path_factory.mktemp("claims-everywhere")
    sources = root / "sources"
    sources.mkdir()
    for path in SOURCES.glob("*.trig"):
        if not path.stem.startswith(("corpus-", "web-")) or path.stem == "corpus-001":
            shutil.copy(path, sources / path.name)
    env = {"KG_HOME": str(root / "home")}
    done = kg(None, "build", "--sources", str(sources), env=env)
    assert done.returncode == 0, done.stderr
    for case in CASES:
        done = kg(None, "contribute", str(HERE / case.file), "--contributor", "claims test", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    exports = {}
    for fmt, name in (("json", "network.json"), ("graphml", "network.graphml"), ("gexf", "network.gexf")):
        exports[fmt] = root / name
        done = kg(None, "export", fmt, "-o", str(exports[fmt]), env=env)
        assert done.returncode == 0, done.stderr
    exports["explorer"] = root / "explorer.html"
    done = kg(None, "export", "explorer", "-o", str(exports["explorer"]), env=env)
    assert done.returncode == 0, done.stderr
    return {"env": env, "exports": exports}


def rows(merged: dict, *args: str) -> list[dict]:
    done = kg(None, "query", *args, "--format", "csv", env=merged["env"])
    assert done.returncode == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.removesuffix(".ttl"))
def test_status_history_lists_every_source(merged, case):
    history = rows(merged, "status-history", "-p", f"twinning={case.twinning}")
    assert {r["source"] for r in history} == {case.source} | case.other_sources
    # the timeline ends with the claim current-status reads (all three end signed)
    assert history[-1]["statusLabel"] == "Signed / active"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.removesuffix(".ttl"))
def test_current_status_counts_the_merged_source(merged, case):
    current = {r["twinning"]: r for r in rows(merged, "current-status")}
    row = current[case.twinning]
    assert row["currentStatus"] == "Signed / active" and row["tie"] == ""
    assert int(row["claimingSources"]) == 1 + len(case.other_sources)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.removesuffix(".ttl"))
def test_conflicting_claims_side_by_side(merged, case):
    conflicts = [r for r in rows(merged, "conflicting-claims") if r["node"] == case.twinning]
    assert {r["value"] for r in conflicts} == set(case.conflict)
    for row in conflicts:
        assert row["sourceCount"] == "1"
        assert row["sources"] in {case.source, *case.other_sources}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.removesuffix(".ttl"))
def test_twinnings_of_unit_shows_all_parties_and_sources(merged, case):
    of_unit = [
        r for r in rows(merged, "twinnings-of-unit", "-p", f"unit={case.unit}") if r["twinning"] == case.twinning
    ]
    assert len(of_unit) == 1
    row = of_unit[0]
    assert set(row["partners"].split()) == case.parties - {UNIT + case.unit}
    assert set(row["sources"].split()) == {case.source} | case.other_sources
    assert row["currentStatus"] == "Signed / active"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.removesuffix(".ttl"))
def test_exports_draw_one_edge_per_pair_of_parties(merged, case):
    network = json.loads(merged["exports"]["json"].read_text("utf-8"))
    edges = [e for e in network["edges"] if e["key"] == case.twinning]
    pairs = {frozenset((e["source"], e["target"])) for e in edges}
    n = len(case.parties)
    assert len(pairs) == n * (n - 1) // 2 and set().union(*pairs) == case.parties
    assert {e["status"] for e in edges} == {"active"}
    assert all(case.source in {s["iri"] for s in e["sources"]} for e in edges)
    ids = {n["id"] for n in network["nodes"]}
    assert case.parties <= ids
    # the relation's IRI on each of its edges: GraphML as element text, GEXF as an attribute value
    graphml = merged["exports"]["graphml"].read_text("utf-8")
    assert graphml.count(f">{case.twinning}<") == len(edges)
    gexf = merged["exports"]["gexf"].read_text("utf-8")
    assert gexf.count(f'value="{case.twinning}"') == len(edges)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.file.removesuffix(".ttl"))
def test_explorer_draws_the_relation_between_all_parties(merged, case):
    page = merged["exports"]["explorer"].read_text("utf-8")
    base = "https://w3id.org/ketnghia/id/"  # the explorer's data keeps IRIs relative to it
    n = len(case.parties)
    # one edge per pair of parties, as in the exports (a three-party relation is a triangle)
    assert page.count(f'"iri":"{case.twinning.removeprefix(base)}"') == n * (n - 1) // 2
    for party in case.parties:
        assert f'"iri":"{party.removeprefix(base)}"' in page


RESTATEMENT = SRC + "test-restatement"


def _restatement(store) -> tuple[str, dict[str, set[str]]]:
    """A Turtle file restating every relation of the graph from one new article, with the other
    status (planned <-> signed) and another label; and each relation's recorded sources."""
    query = """PREFIX kn: <https://w3id.org/ketnghia/ontology#>
    PREFIX dct: <http://purl.org/dc/terms/>
    SELECT ?t ?p ?o WHERE { ?t a kn:Twinning .
      { ?t ?p ?o . FILTER(?p IN (kn:party, kn:sponsor, kn:sponsored, kn:twinningKind, kn:currentStatus)) }
      UNION { GRAPH ?g { ?t kn:status ?s . OPTIONAL { ?t dct:source ?stated } } BIND(dct:source AS ?p)
              BIND(COALESCE(?stated, ?g) AS ?o) } }"""
    facts: dict[str, dict[str, set[str]]] = {}
    for row in store.query(query, use_default_graph_as_union=True):
        facts.setdefault(row["t"].value, {}).setdefault(re.split(r"[#/]", row["p"].value)[-1], set()).add(str(row["o"]))
    kn, knv = "https://w3id.org/ketnghia/ontology#", "https://w3id.org/ketnghia/vocab/"
    lines = [
        f'<{RESTATEMENT}> a <{kn}SourceArticle> ; <http://purl.org/dc/terms/title> "Restatement"@vi ;',
        f'  <http://purl.org/dc/terms/language> "vi" ; <{kn}address> "example.org/restatement" ;',
        '  <http://purl.org/dc/terms/issued> "2026-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .',
    ]
    sources = {}
    for number, (twinning, props) in enumerate(sorted(facts.items())):
        flipped = "active" if f"<{knv}planned>" in props["currentStatus"] else "planned"
        lines.append(
            f'<{twinning}> a <{kn}Twinning> ; <http://www.w3.org/2004/02/skos/core#prefLabel> "Restated {number}"@vi ;'
            f" <{kn}status> <{knv}{flipped}> ; <{kn}twinningKind> {min(props['twinningKind'])} ;"
            f" <http://purl.org/dc/terms/source> <{RESTATEMENT}> ."
        )
        for prop in ("party", "sponsor", "sponsored"):
            lines += [f"<{twinning}> <{kn}{prop}> {party} ." for party in sorted(props.get(prop, ()))]
        sources[twinning] = {s.strip("<>") for s in props["source"]}
    return "\n".join(lines) + "\n", sources


def test_a_second_article_on_any_relation_is_never_refused_for_status_or_labels(kg_home, built_store, tmp_path):
    text, sources = _restatement(built_store)
    assert len(sources) > 100  # the whole curated graph, not a sample
    path = tmp_path / "restatement.ttl"
    path.write_text(text, "utf-8")
    done = kg(kg_home, "validate", str(path), "--lang", "en")
    assert done.returncode == 0, done.stdout[:3000] + done.stderr
    # each relation's block names at least one source it already had, with both status values
    blocks = re.split(r"\n  Restated \d+  ", done.stdout)[1:]
    named: dict[str, set[str]] = {}
    for block in blocks:
        relation = TW + re.match(r"<id:twinning/([^>]+)>", block).group(1)
        named[relation] = set(re.findall(r"Differs from the recorded source <([^>]+)>", block))
        assert "kn:status = knv:" in block and "this file knv:" in block
    assert set(named) == set(sources)
    for relation, found in named.items():
        assert found and found <= sources[relation], relation
