"""bench/generate.py: a small scale graph is well-formed, deterministic, and `kg build --sources`
accepts it; injected errors are listed and refused. No timings here (see bench/run.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
SG = "https://w3id.org/ketnghia/graph/source/"
SOURCE_ARTICLE = ox.NamedNode("https://w3id.org/ketnghia/ontology#SourceArticle")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCT_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")


def generate(out: Path, *extra: str) -> dict:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--synthetic-triples",
            "20000",
            "--provinces",
            "49,38,48",
            "-o",
            str(out),
            "--quiet",
            *extra,
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return json.loads((out / "manifest.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("scale-20k")
    return out, generate(out)


def test_sources_follow_the_curated_layout(small):
    out, manifest = small
    files = sorted((out / "sources").glob("*.trig"))
    assert len(files) == manifest["sources"] >= 5
    total = 0
    for path in files:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
        graph = ox.NamedNode(SG + path.stem)
        assert {q.graph_name for q in quads} == {graph}  # one named graph, named after the file
        article = ox.NamedNode(f"https://w3id.org/ketnghia/id/source/{path.stem}")
        assert ox.Quad(article, RDF_TYPE, SOURCE_ARTICLE, graph) in set(quads)
        sourced = {q.subject for q in quads if q.predicate == DCT_SOURCE}
        assert sourced and {q.object for q in quads if q.predicate == DCT_SOURCE} == {article}
        total += len(quads)
    assert total == manifest["synthetic_triples"] >= 20000
    nquads = sum(1 for _ in ox.parse(path=str(out / "all.nq"), format=ox.RdfFormat.N_QUADS))
    assert nquads == manifest["total_triples"]


def test_generation_is_deterministic(small, tmp_path):
    out, manifest = small
    again = generate(tmp_path)
    manifest.pop("seconds"), again.pop("seconds")
    assert again == manifest
    for path in sorted((out / "sources").glob("*.trig")):
        assert (tmp_path / "sources" / path.name).read_bytes() == path.read_bytes()


@pytest.mark.slow
def test_kg_build_accepts_the_generated_sources(small, tmp_path, run_kg):
    out, manifest = small
    done = run_kg("build", "--quiet", "--sources", str(out / "sources"), env={"KG_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    # every generated triple is published; the build adds the historical gazetteer and the derived graph
    import json

    published = Path(tmp_path / "store").resolve()
    meta = (
        json.loads((published / "kg-meta.json").read_text("utf-8")) if (published / "kg-meta.json").exists() else None
    )
    if meta is None:
        from kg.graph import store as kgstore

        os.environ["KG_HOME"], previous = str(tmp_path), os.environ.get("KG_HOME")
        try:
            meta = kgstore.published().meta
        finally:
            os.environ.pop("KG_HOME") if previous is None else os.environ.__setitem__("KG_HOME", previous)
    added = {"https://w3id.org/ketnghia/graph/gazetteer-history", "https://w3id.org/ketnghia/graph/derived"}
    assert sum(n for g, n in meta["graphs"].items() if g not in added) == manifest["total_triples"]


@pytest.mark.slow
def test_injected_errors_are_listed_and_refused(tmp_path, run_kg):
    out = tmp_path / "errors"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--synthetic-triples",
            "5000",
            "--provinces",
            "49,38,48",
            "--inject",
            "5",
            "-o",
            str(out),
            "--quiet",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    injected = json.loads((out / "injected.json").read_text("utf-8"))
    assert sorted(i["kind"] for i in injected) == sorted(
        ["self-twinning", "negative-amount", "missing-currency", "end-before-start", "unit-outside-era"]
    )
    done = run_kg("build", "--quiet", "--sources", str(out / "sources"), env={"KG_HOME": str(tmp_path / "home")})
    assert done.returncode == 1
    era_shape = "ValidityPeriodShape" in "".join(p.read_text("utf-8") for p in (ROOT / "shapes").glob("*.ttl"))
    for item in injected:
        if item["kind"] != "unit-outside-era" or era_shape:
            assert item["focus"] in done.stderr, item
