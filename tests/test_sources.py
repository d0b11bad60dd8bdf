"""kg.sources.read_sources: the same N-Quads and summaries whether the files are read in one
process or split over several (as `kg build` does above PARALLEL_MIN_BYTES), and the same error."""

from __future__ import annotations

import io
import shutil

import pytest

from kg import config, sources


def read_all(directory, workers, monkeypatch, tmp_path):
    monkeypatch.setattr(sources, "PARALLEL_MIN_BYTES", 0)
    with open(tmp_path / f"out-{workers}.nq", "wb") as sink:
        graphs = sources.read_sources(directory, sink, workers=workers)
    return graphs, (tmp_path / f"out-{workers}.nq").read_bytes()


def test_split_reading_writes_the_same_quads_in_the_same_order(monkeypatch, tmp_path):
    one, one_bytes = read_all(config.SOURCES_DIR, 1, monkeypatch, tmp_path)
    two, two_bytes = read_all(config.SOURCES_DIR, 2, monkeypatch, tmp_path)
    assert len(one) == len(sources.source_files(config.SOURCES_DIR)) >= 2
    assert two == one
    assert two_bytes == one_bytes and one_bytes.count(b"\n") == sum(g.triples for g in one)


def test_split_reading_reports_the_first_bad_file(monkeypatch, tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, folder)
    files = sorted(folder.glob("*.trig"))
    bad = files[-1]                      # in the second half: read by the second process
    bad.write_text(bad.read_text("utf-8") + "\n<a> <b> .\n", "utf-8")
    with pytest.raises(sources.SourceError, match=rf"{bad.name}: line \d+"):
        read_all(folder, 2, monkeypatch, tmp_path)


def test_small_inputs_are_read_in_this_process(tmp_path):
    sink = io.BytesIO()   # no file name: would not even know where to put the parts
    graphs = sources.read_sources(config.SOURCES_DIR, sink, workers=2)
    assert sum(g.triples for g in graphs) == sink.getvalue().count(b"\n")
