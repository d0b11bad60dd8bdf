"""Curated source graphs (data/sources/*.trig): read them and check the provenance rules.

Rules a source file must keep (the build refuses the graph otherwise):
- it parses as TriG;
- every triple is inside exactly one named graph, `kg:source/{file stem}`; nothing in the default graph;
- that graph says which article it comes from (`prov:wasDerivedFrom id:source/{stem}`) and
  describes the article (`a kn:SourceArticle`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg import config
from kg.iris import KN, source_graph_iri, source_iri

PROV_DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SOURCE_ARTICLE = ox.NamedNode(str(KN.SourceArticle))
UNIT_PREFIX = "https://w3id.org/ketnghia/id/unit/"


class SourceError(KgError):
    """A source file breaks a rule; the message names the file (and line when known)."""


@dataclass
class SourceGraph:
    """What the build needs to know of one source file, read once without keeping its quads."""

    path: Path
    source_id: str
    triples: int
    units_mentioned: frozenset[str]  # unit IRIs used as subject or object
    units_defined: frozenset[str]  # unit IRIs typed kn:AdministrativeUnit here

    @property
    def graph(self) -> ox.NamedNode:
        return ox.NamedNode(str(source_graph_iri(self.source_id)))

    def unit_references(self) -> set[str]:
        """IRIs of administrative units this source mentions (as subject or object)."""
        return set(self.units_mentioned)

    def defined_units(self) -> set[str]:
        return set(self.units_defined)


def source_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or config.SOURCES_DIR).glob("*.trig"))


def _checked_quads(path: Path, expected_graph: ox.NamedNode, seen: dict, bnode_prefix: str):
    """The file's quads, checked one by one as they stream from the parser (nothing is kept);
    `seen` collects what the checks after the last quad need. Labelled blank nodes get a
    per-file prefix: files are concatenated into one N-Quads document by the build, where a label
    would otherwise name the same node in two files."""
    article = ox.NamedNode(str(source_iri(path.stem)))
    unit_class = ox.NamedNode(str(KN.AdministrativeUnit))
    mentioned, defined = seen["mentioned"], seen["defined"]
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
        if quad.graph_name != expected_graph:
            where = "the default graph" if isinstance(quad.graph_name, ox.DefaultGraph) else f"graph {quad.graph_name}"
            where_vi = (
                "đồ thị mặc định" if isinstance(quad.graph_name, ox.DefaultGraph) else f"đồ thị {quad.graph_name}"
            )
            raise SourceError(
                f"{path}: statement in {where}, but every fact of this file must be in "
                f"<{expected_graph.value}> (file name = source id): {quad.subject} {quad.predicate} …",
                vi=f"{path}: phát biểu nằm trong {where_vi}, nhưng mọi dữ kiện của tệp này phải nằm trong "
                f"<{expected_graph.value}> (tên tệp = mã nguồn): {quad.subject} {quad.predicate} …",
            )
        subject, predicate, obj = quad.subject, quad.predicate, quad.object
        seen["count"] += 1
        if isinstance(subject, ox.NamedNode):
            if subject.value.startswith(UNIT_PREFIX):
                mentioned.add(subject.value)
                if predicate == RDF_TYPE and obj == unit_class:
                    defined.add(subject.value)
            elif subject == expected_graph and predicate == PROV_DERIVED and obj == article:
                seen["derived"] = True
            elif subject == article and predicate == RDF_TYPE and obj == SOURCE_ARTICLE:
                seen["described"] = True
        if isinstance(obj, ox.NamedNode) and obj.value.startswith(UNIT_PREFIX):
            mentioned.add(obj.value)
        if isinstance(subject, ox.BlankNode) or isinstance(obj, ox.BlankNode):
            quad = ox.Quad(_prefixed(subject, bnode_prefix), predicate, _prefixed(obj, bnode_prefix), expected_graph)
        yield quad


def _prefixed(term, prefix: str):
    return ox.BlankNode(prefix + term.value) if isinstance(term, ox.BlankNode) else term


def read_source(path: Path, sink=None, bnode_prefix: str = "") -> SourceGraph:
    """Read and check one source file; with `sink` (a binary file), also write its quads there
    as N-Quads. Raises SourceError naming the file (and the line and column of a syntax error)."""
    source_id = path.stem
    expected_graph = ox.NamedNode(str(source_graph_iri(source_id)))
    seen = {"mentioned": set(), "defined": set(), "count": 0, "derived": False, "described": False}
    quads = _checked_quads(path, expected_graph, seen, bnode_prefix or "s-")
    try:
        if sink is not None:
            ox.serialize(quads, output=sink, format=ox.RdfFormat.N_QUADS)
        else:
            for _ in quads:
                pass
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from None
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})",
            vi=f"{path}: không phải văn bản UTF-8 («{exc.reason}» ở byte {exc.start})",
        ) from None
    if not seen["count"]:
        raise SourceError(f"{path}: no statements", vi=f"{path}: không có phát biểu nào")
    if not seen["derived"]:
        raise SourceError(
            f"{path}: the graph must state <{expected_graph.value}> prov:wasDerivedFrom <{source_iri(source_id)}>",
            vi=f"{path}: đồ thị phải nêu <{expected_graph.value}> prov:wasDerivedFrom <{source_iri(source_id)}>",
        )
    if not seen["described"]:
        raise SourceError(
            f"{path}: the graph must describe <{source_iri(source_id)}> as a kn:SourceArticle",
            vi=f"{path}: đồ thị phải mô tả <{source_iri(source_id)}> là một kn:SourceArticle",
        )
    return SourceGraph(path, source_id, seen["count"], frozenset(seen["mentioned"]), frozenset(seen["defined"]))


# Above this many bytes of TriG, sink-bound reading is split over processes (one per core):
# parsing and checking is single-threaded Python (docs/performance-history.md).
PARALLEL_MIN_BYTES = 64 << 20


def read_sources(directory: Path | None = None, sink=None, workers: int | None = None) -> list[SourceGraph]:
    """Every source of the folder, in file-name order; with `sink`, their quads as N-Quads too,
    in the same order whether or not the files were read by several processes."""
    paths = source_files(directory)
    workers = workers if workers is not None else config.query_threads()
    if sink is None or workers < 2 or len(paths) < 2 or sum(p.stat().st_size for p in paths) < PARALLEL_MIN_BYTES:
        return [read_source(p, sink, f"s{i}-") for i, p in enumerate(paths)]
    import tempfile

    size = -(-len(paths) // workers)
    numbered = [(i, str(p)) for i, p in enumerate(paths)]
    chunks = [numbered[k : k + size] for k in range(0, len(numbered), size)]
    name = getattr(sink, "name", None)  # the parts go beside the sink: same disk, no /tmp copy
    with tempfile.TemporaryDirectory(
        prefix="kg-sources-", dir=Path(name).parent if isinstance(name, str) else None
    ) as tmp:
        parts = [Path(tmp) / f"part-{n}.nq" for n in range(len(chunks))]
        for part, chunk in zip(parts, chunks):
            part.with_suffix(".json").write_text(json.dumps(chunk), "utf-8")
        # Plain subprocesses (`python -m kg.graph.sources`), not multiprocessing: nothing depends on how
        # the caller was started (a script, `python -c`, a test runner with threads running).
        readers = [
            subprocess.Popen(
                [sys.executable, "-m", "kg.graph.sources", str(part)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for part in parts
        ]
        outputs = [reader.communicate() for reader in readers]
        graphs = []
        for reader, (out, err) in zip(readers, outputs):  # the first failing file in order is reported
            if reader.returncode == _SOURCE_ERROR_EXIT:
                raise _child_error(err.decode("utf-8", "replace").strip())
            if reader.returncode != 0:
                raise RuntimeError(f"reading sources in a subprocess failed: {err.decode('utf-8', 'replace').strip()}")
            graphs += [
                SourceGraph(
                    Path(g["path"]), g["source_id"], g["triples"], frozenset(g["mentioned"]), frozenset(g["defined"])
                )
                for g in json.loads(out)
            ]
        for part in parts:
            append_file(part, sink)
    return graphs


def append_file(path: Path, sink) -> None:
    """Append the file at `path` to the binary file `sink`. In the kernel where it can
    (copy_file_range): several times faster than through Python's buffers."""
    with open(path, "rb") as source:
        try:
            sink_fd = sink.fileno()
        except (AttributeError, OSError):
            sink_fd = None
        if sink_fd is not None and hasattr(os, "copy_file_range"):
            sink.flush()
            remaining = os.fstat(source.fileno()).st_size
            try:
                while remaining > 0:
                    copied = os.copy_file_range(source.fileno(), sink_fd, remaining)
                    if copied == 0:
                        break
                    remaining -= copied
                if remaining == 0:
                    return
            except OSError:  # e.g. across file systems on old kernels: copy the rest in Python
                pass
            source.seek(os.fstat(source.fileno()).st_size - remaining)
        shutil.copyfileobj(source, sink, 1 << 20)


_SOURCE_ERROR_EXIT = 3


def _child_error(printed: str) -> SourceError:
    """The SourceError a reading subprocess printed as JSON [English, Vietnamese]."""
    try:
        en, vi = json.loads(printed)
    except (ValueError, TypeError):
        return SourceError(printed, vi=printed)
    return SourceError(en, vi=vi)


def _syntax_error(path, exc: SyntaxError) -> SourceError:
    return SourceError(
        f"{path}: line {exc.lineno}, column {exc.offset}: {exc.msg}",
        vi=f"{path}: dòng {exc.lineno}, cột {exc.offset}: sai cú pháp (trình đọc báo: «{exc.msg}»)",
    )


def _read_chunk_main(part: str) -> int:
    """`python -m kg.graph.sources PART.nq`: read the [index, path] pairs of PART.json into PART.nq."""
    chunk = json.loads(Path(part).with_suffix(".json").read_text("utf-8"))
    try:
        with open(part, "wb") as sink:
            graphs = [read_source(Path(path), sink, f"s{i}-") for i, path in chunk]
    except SourceError as exc:  # both texts, for the parent to raise again (_child_error)
        print(json.dumps([str(exc), exc.vi]), file=sys.stderr)
        return _SOURCE_ERROR_EXIT
    json.dump(
        [
            {
                "path": str(g.path),
                "source_id": g.source_id,
                "triples": g.triples,
                "mentioned": sorted(g.units_mentioned),
                "defined": sorted(g.units_defined),
            }
            for g in graphs
        ],
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(_read_chunk_main(sys.argv[1]))


CURATION_GRAPH = ox.NamedNode("https://w3id.org/ketnghia/graph/curation")
EDITORIAL_INFERENCE = ox.NamedNode(str(KN.EditorialInference))


def curation_dir(sources_dir: Path) -> Path:
    """Editorial inferences live beside the source graphs: data/curation/ next to data/sources/."""
    return Path(sources_dir).parent / "curation"


def read_curation(directory: Path, sink) -> int:
    """Append the editorial inferences (data/curation/*.trig, graph kg:curation only) to `sink`.

    They are kept apart from the sources because no article states them; each file must describe
    at least one kn:EditorialInference (its triple, the sources it rests on, a note)."""
    total = 0
    for path in sorted(Path(directory).glob("*.trig")):
        inferences = 0
        lines = []
        try:
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
                if quad.graph_name != CURATION_GRAPH:
                    raise SourceError(
                        f"{path}: statement outside <{CURATION_GRAPH.value}>: "
                        f"{quad.subject} {quad.predicate} … (an editorial inference goes in kg:curation)",
                        vi=f"{path}: phát biểu nằm ngoài <{CURATION_GRAPH.value}>: "
                        f"{quad.subject} {quad.predicate} … (một suy luận biên tập phải nằm trong kg:curation)",
                    )
                if quad.predicate == RDF_TYPE and quad.object == EDITORIAL_INFERENCE:
                    inferences += 1
                if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
                    quad = ox.Quad(
                        _prefixed(quad.subject, f"c-{path.stem}-"),
                        quad.predicate,
                        _prefixed(quad.object, f"c-{path.stem}-"),
                        quad.graph_name,
                    )
                lines.append(f"{quad} .\n")
        except SyntaxError as exc:
            raise _syntax_error(path, exc) from None
        if not inferences:
            raise SourceError(
                f"{path}: describes no kn:EditorialInference (its triple, prov:wasDerivedFrom, skos:note)",
                vi=f"{path}: không mô tả kn:EditorialInference nào (bộ ba của nó, prov:wasDerivedFrom, skos:note)",
            )
        sink.write("".join(lines).encode("utf-8"))
        total += len(lines)
    return total
