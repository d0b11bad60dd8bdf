"""`kg build`: publishes a valid graph, refuses a bad one and leaves the previous store untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import config
from kg.graph import search
from kg.graph.build import BuildError, build
from kg.graph.store import open_store, published

GRAPH = "https://w3id.org/ketnghia/graph/"
SEED_IDS = {"f4c2d38e3c23b740", "c11b5863969e3605", "927db9d923d64231", "bd355db52bd04147", "1f8d1944cd2ea797"}
# every curated source file is one named graph (the seeds and the corpus articles)
SOURCE_IDS = {p.stem for p in (Path(__file__).resolve().parents[2] / "data" / "sources").glob("*.trig")}


def dump_digest() -> str:
    """SHA-256 of the full N-Quads dump of the published store (sorted, so order does not matter)."""
    oxstore = open_store()
    lines = sorted(str(q) for q in oxstore.quads_for_pattern(None, None, None, None))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_build_publishes_every_graph(kg_home):
    meta = published().meta
    graphs = set(meta["graphs"])
    assert {GRAPH + "ontology", GRAPH + "gazetteer"} <= graphs
    assert SEED_IDS <= SOURCE_IDS
    assert {GRAPH + "source/" + s for s in SOURCE_IDS} <= graphs
    assert set(meta["sources"]) == SOURCE_IDS
    assert GRAPH + "curation" in graphs
    # every quad is in a named graph: nothing in the default graph
    assert not list(open_store().quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_sliced_load_holds_every_quad_of_the_file(kg_home, tmp_path, monkeypatch):
    # kg build loads its N-Quads file in slices, several at a time: with small slices (about
    # a hundred here) the store must hold exactly the quads of the file, none split or lost.
    from kg.graph import build as build_module

    dataset = tmp_path / "all.nq"
    with open(dataset, "wb") as out:
        open_store().dump(out, format=ox.RdfFormat.N_QUADS)
    monkeypatch.setattr(build_module, "LOAD_SLICE_BYTES", dataset.stat().st_size // 100)
    loaded = ox.Store(str(tmp_path / "store"))
    build_module._bulk_load(loaded, dataset)
    expected = sorted(str(q) for q in open_store().quads_for_pattern(None, None, None, None))
    assert len(expected) > 100_000
    assert sorted(str(q) for q in loaded.quads_for_pattern(None, None, None, None)) == expected


def test_rebuild_without_change_is_up_to_date(kg_home):
    before = published().path
    result = build(quiet=True)
    assert result.up_to_date and not result.published
    assert published().path == before


@pytest.fixture
def sources_copy(tmp_path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, target)
    return target


def _refused(sources_dir: Path) -> str:
    before_path, before_digest = published().path, dump_digest()
    index = search.index_path()
    before_index = index.read_bytes()
    with pytest.raises(BuildError) as excinfo:
        build(quiet=True, sources_dir=sources_dir)
    assert published().path == before_path
    assert dump_digest() == before_digest
    # the search index prepared beside the checks is dropped with the refused store
    assert index.read_bytes() == before_index
    assert not list(index.parent.glob(".search-index-*.tmp"))
    return str(excinfo.value)


def test_syntax_error_is_refused_with_file_and_line(kg_home, sources_copy):
    bad = sources_copy / "f4c2d38e3c23b740.trig"
    lines = bad.read_text("utf-8").splitlines()
    statement = next(i for i, line in enumerate(lines) if "kn:sha256" in line)  # not a comment line
    lines[statement] = lines[statement] + ' "unterminated'
    bad.write_text("\n".join(lines), "utf-8")
    message = _refused(sources_copy)
    assert "f4c2d38e3c23b740.trig" in message and "line" in message


def test_fact_outside_the_source_graph_is_refused(kg_home, sources_copy):
    extra = sources_copy / "f4c2d38e3c23b740.trig"
    extra.write_text(
        extra.read_text("utf-8")
        + "\n<https://w3id.org/ketnghia/id/x> a <https://w3id.org/ketnghia/ontology#Event> .\n",
        "utf-8",
    )
    message = _refused(sources_copy)
    assert "default graph" in message


def test_unknown_unit_is_refused(kg_home, sources_copy):
    path = sources_copy / "927db9d923d64231.trig"
    path.write_text(path.read_text("utf-8").replace("kn:place pre2025:395", "kn:place pre2025:99999"), "utf-8")
    message = _refused(sources_copy)
    assert "unit/pre2025/99999" in message and "927db9d923d64231.trig" in message


def test_shape_violation_is_refused(kg_home, sources_copy):
    path = sources_copy / "927db9d923d64231.trig"
    # a twinning of a unit with itself: one distinct party only (a new relation: the seed's own
    # relation is stated by corpus articles too, which name both its parties)
    text = path.read_text("utf-8")
    end = text.rindex("}")
    path.write_text(
        text[:end]
        + """
    tw:sister-localities-pre2025-509--pre2025-509 a kn:Twinning ;
        skos:prefLabel "Kết nghĩa huyện Quế Sơn – huyện Quế Sơn"@vi ; kn:twinningKind knv:sister-localities ;
        kn:party pre2025:509 ; kn:status knv:active ; dct:source src:927db9d923d64231 .
"""
        + text[end:],
        "utf-8",
    )
    message = _refused(sources_copy)
    assert "sister-localities-pre2025-509--pre2025-509" in message


def test_quality_check_failure_is_refused(kg_home, sources_copy):
    # an extra type the ontology does not declare: no shape targets it, the quality check sees it
    path = sources_copy / "c11b5863969e3605.trig"
    text = path.read_text("utf-8")
    twinning = "tw:sister-localities-pre2025-502--pre2025-510 a kn:Twinning ;"
    assert twinning in text
    path.write_text(text.replace(twinning, twinning.replace("kn:Twinning", "kn:Twinning , kn:Twining")), "utf-8")
    message = _refused(sources_copy)
    assert message.startswith("quality checks failed") and "undeclared-term-violation.rq" in message
    assert "Twining" in message


def test_cli_build_refusal_is_one_message_and_exit_1(kg_home, sources_copy, run_kg):
    path = sources_copy / "c11b5863969e3605.trig"
    text = path.read_text("utf-8")
    assert "kn:value" in text
    path.write_text(text.replace("kn:value", "kn:valeur"), "utf-8")  # an undeclared property
    before = published().path
    result = run_kg("build", "--quiet", "--sources", str(sources_copy))
    assert result.returncode == 1, result.stderr
    assert "NOT published" in result.stderr and "Traceback" not in result.stderr
    assert published().path == before


def test_cli_build_up_to_date_and_dump(kg_home, run_kg):
    result = run_kg("build")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    dump = run_kg("dump", "--format", "nquads")
    assert dump.returncode == 0
    lines = dump.stdout.splitlines()
    assert len(lines) == sum(published().meta["graphs"].values())
    assert any(line.endswith(f"<{GRAPH}source/927db9d923d64231> .") for line in lines)
    trig = run_kg("dump", "--format", "trig")
    parsed = list(ox.parse(trig.stdout.encode(), format=ox.RdfFormat.TRIG))
    assert len(parsed) == len(lines)


def test_cli_dump_without_a_built_graph_says_so(tmp_path, run_kg):
    result = run_kg("dump", env={"KG_HOME": str(tmp_path / "empty")})
    assert result.returncode == 3
    assert "kg build" in result.stderr and "Traceback" not in result.stderr
