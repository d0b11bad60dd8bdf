"""kg.graph.sources.read_sources: the same N-Quads and summaries whether the files are read in one
process or split over several (as `kg build` does above PARALLEL_MIN_BYTES), and the same error."""

from __future__ import annotations

import io
import shutil

import pytest

from kg import config
from kg.graph import sources


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
    bad = files[-1]  # in the second half: read by the second process
    bad.write_text(bad.read_text("utf-8") + "\n<a> <b> .\n", "utf-8")
    with pytest.raises(sources.SourceError, match=rf"{bad.name}: line \d+"):
        read_all(folder, 2, monkeypatch, tmp_path)


def test_small_inputs_are_read_in_this_process(tmp_path):
    sink = io.BytesIO()  # no file name: would not even know where to put the parts
    graphs = sources.read_sources(config.SOURCES_DIR, sink, workers=2)
    assert sum(g.triples for g in graphs) == sink.getvalue().count(b"\n")


@pytest.mark.parametrize("sink_kind", ["file", "bytes"])
def test_append_file_keeps_what_was_written_before_and_after(tmp_path, sink_kind):
    part = tmp_path / "part.nq"
    part.write_bytes(b"<a> <b> <c> <g> .\n" * 5000)
    path = tmp_path / "all.nq"
    with open(path, "wb") if sink_kind == "file" else io.BytesIO() as sink:
        sink.write(b"# before\n")  # still in Python's buffer when the kernel copies
        sources.append_file(part, sink)
        sources.append_file(part, sink)
        sink.write(b"# after\n")
        if sink_kind == "bytes":
            written = sink.getvalue()
    if sink_kind == "file":
        written = path.read_bytes()
    assert written == b"# before\n" + part.read_bytes() * 2 + b"# after\n"
