"""Assemble ontology + vocabularies + gazetteer + curated sources, gate on the shapes, publish atomically.

sources ──► read & check provenance ──► one N-Quads file of the whole graph ──► load into a new store
        ──► compact it ──► validate (shapes on the file and the store) and quality checks ──► publish
The previously published store is never touched: a failing build leaves it exactly as it was.

Everything goes through one N-Quads file (written beside the new store, removed afterwards): the
sources are checked while they stream from the parser into it, the store bulk-loads it in slices
(two at a time), and the Rust SHACL engine reads it itself. No quad is kept in Python and no rdflib graph of
the data is made, which is what lets a 5M-triple graph build in bounded memory.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import EXIT_FAILED, KgError
from kg import __version__, config, progress
from kg.graph import derived, gazetteer, gazetteer_history, gazetteer_nquads, history_records, search, store
from kg.iris import GAZETTEER_GRAPH, ONTOLOGY_GRAPH
from kg.sparql_files import sparql
from kg.graph.sources import SourceError, SourceGraph, append_file, curation_dir, read_curation, read_sources


class BuildError(KgError):
    """The graph was not published; the message says why."""

    exit_code = EXIT_FAILED


@dataclass
class BuildResult:
    published: bool
    up_to_date: bool = False
    store_path: Path | None = None
    seconds: float = 0.0
    graphs: dict[str, int] = field(default_factory=dict)
    gazetteer_summary: str = ""

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def ontology_files() -> list[Path]:
    return [config.ONTOLOGY_DIR / "ketnghia.ttl", *sorted((config.ONTOLOGY_DIR / "vocab").glob("*.ttl"))]


def shape_files() -> list[Path]:
    return sorted(config.SHAPES_DIR.glob("*.ttl"))


def input_fingerprint(sources_dir: Path, package_dir: Path | None = None) -> str:
    """Changes whenever anything that goes into the graph changes (files, package, tool version)."""
    digest = hashlib.sha256(f"kg {__version__}\n".encode())
    digest.update(gazetteer.gazetteer_fingerprint().encode())
    digest.update(gazetteer_history.history_fingerprint().encode())
    for path in [
        *ontology_files(),
        *shape_files(),
        *sorted(sources_dir.glob("*.trig")),
        *sorted(curation_dir(sources_dir).glob("*.trig")),
        *sorted(config.QUERIES_DIR.glob("*-violation.rq")),
    ]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    package_dir = package_dir or PACKAGE_DIR
    for module in build_modules(package_dir):
        digest.update(module.relative_to(package_dir).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Everything `kg build` runs: the graph and validation layers and the base they stand on
# (tests/graph/test_build_fingerprint.py checks that the build imports nothing beyond them).
BUILD_PACKAGES = ("graph", "validation")
BASE_MODULES = (
    "__init__.py",
    "config.py",
    "errors.py",
    "iris.py",
    "progress.py",
    "sparql_files.py",
    "vietnamese.py",
)


def build_modules(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The modules whose code shapes the published store (graph, search index, validation)."""
    modules = [package_dir / name for name in BASE_MODULES]
    for package in BUILD_PACKAGES:
        modules += (package_dir / package).glob("*.py")
        modules += (package_dir / package).glob("sparql/*.rq")
    return sorted(modules)


# The build's steps as `kg --lang vi build` names them
STEP_VI = {
    "reading curated sources": "đọc các nguồn đã biên tập",
    "importing the national gazetteer": "nhập danh mục hành chính quốc gia",
    "loading into a new store": "nạp vào một kho mới",
    "compacting the store (SHACL Core checks alongside)": "nén kho (song song kiểm tra SHACL Core)",
    "validating with the shapes and the quality checks (queries/*-violation.rq), search index alongside": (
        "kiểm tra theo các shape và các truy vấn chất lượng (queries/*-violation.rq), song song lập chỉ mục tìm kiếm"
    ),
    "publishing": "công bố",
}


class Progress:
    """One line per step on stderr, with its time, so long steps are visible."""

    def __init__(self, total: int, quiet: bool = False):
        self.total, self.step, self.quiet = total, 0, quiet
        self.started = time.perf_counter()

    def __call__(self, label: str):
        self.step += 1
        if not self.quiet:
            shown = STEP_VI.get(label, label) if config.language() == "vi" else label
            print(f"[{self.step}/{self.total}] {shown}…", file=sys.stderr, flush=True)
        return _Timer(self)


class _Timer:
    def __init__(self, progress: Progress):
        self.progress = progress

    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        if not self.progress.quiet and exc[0] is None:
            done = "xong trong" if config.language() == "vi" else "done in"
            print(f"      {done} {time.perf_counter() - self.t0:.2f} s", file=sys.stderr, flush=True)


def build(
    force: bool = False, quiet: bool = False, engine: str | None = None, sources_dir: Path | None = None
) -> BuildResult:
    """Under the write lock kg contribute and kg revert take: the contributions the published
    store lists when the build starts are those it publishes, none merged or reverted meanwhile."""
    from kg.graph.locks import write_lock

    with write_lock():
        return _build_locked(force, quiet, engine, sources_dir)


def _build_locked(force: bool, quiet: bool, engine: str | None, sources_dir: Path | None) -> BuildResult:
    started = time.perf_counter()
    sources_dir = Path(sources_dir or config.SOURCES_DIR)
    fingerprint = input_fingerprint(sources_dir)
    current = store.published()
    if not force and current is not None and current.meta.get("fingerprint") == fingerprint:
        return BuildResult(
            published=False,
            up_to_date=True,
            store_path=current.path,
            seconds=time.perf_counter() - started,
            graphs=current.meta.get("graphs", {}),
            gazetteer_summary=current.meta.get("gazetteer", ""),
        )

    progress = Progress(total=6, quiet=quiet)
    target = store.new_store_dir()
    dataset = target.with_name(target.name + ".nq")  # the whole graph, for loading and validation
    try:
        with progress("reading curated sources"):
            with open(dataset, "wb") as sink:
                try:
                    sources = read_sources(sources_dir, sink)
                    read_curation(curation_dir(sources_dir), sink)
                except SourceError as exc:
                    raise BuildError(str(exc), vi=exc.message("vi")) from None
            if not sources:
                raise BuildError(
                    f"no source graphs (*.trig) in {sources_dir}",
                    vi=f"không có đồ thị nguồn (*.trig) nào trong {sources_dir}",
                )

        with progress("importing the national gazetteer"):
            gazetteer_file, gazetteer_summary = _gazetteer_file()
            history_file, history_summary = _history_file()
            gazetteer_summary += "\n" + history_summary
            with open(dataset, "ab") as sink:
                append_file(gazetteer_file, sink)
                append_file(history_file, sink)
                _write_ontology(sink)
                contributions = _write_contributions(sink, current)

        with progress("loading into a new store"):
            oxstore = ox.Store(str(target))
            _bulk_load(oxstore, dataset)
            _check_unit_references(oxstore, sources)
            derived.refresh(oxstore)

        with progress("compacting the store (SHACL Core checks alongside)"):
            from kg import validation

            # Compaction keeps about one core busy; the Rust engine reads the file on the other.
            checking = validation.DatasetValidation(dataset, engine=engine or validation.DEFAULT_ENGINE)
            _compact(oxstore)

        with progress(
            "validating with the shapes and the quality checks (queries/*-violation.rq), search index alongside"
        ):
            # Everything here only reads the store, and pyoxigraph releases the GIL while it
            # evaluates: the SHACL-SPARQL constraints (on their own threads, in finish), the quality
            # checks, the search index and the graph counts share the cores. The index is dropped
            # if anything fails.
            with ThreadPoolExecutor(max_workers=config.query_threads()) as pool:
                index_job = pool.submit(search.prepare_index, target, oxstore)
                counts_job = pool.submit(_graph_counts, oxstore)
                check_jobs = _start_quality_checks(oxstore, pool)
                try:
                    try:
                        outcome = checking.finish(oxstore)
                    except validation.EngineError as exc:
                        raise BuildError(
                            f"the graph could not be validated: {exc}",
                            vi=f"không kiểm tra được đồ thị: {exc.message('vi')}",
                        ) from None
                    try:
                        _refuse_unless_conforms(outcome)
                        _refuse_quality_failures(check_jobs)
                    except BuildError as exc:  # name the merged contributions involved, and the fix
                        from kg.graph.dependents import blame

                        raise BuildError(
                            str(exc) + blame(oxstore, str(exc), contributions),
                            vi=exc.message("vi") + blame(oxstore, str(exc), contributions, "vi"),
                        ) from None
                except BaseException:
                    pool.shutdown(cancel_futures=True)
                    wait([index_job])
                    if not index_job.cancelled() and index_job.exception() is None:
                        index_job.result().unlink(missing_ok=True)
                    raise
                index, graphs = index_job.result(), counts_job.result()

        with progress("publishing"):
            meta = {
                "fingerprint": fingerprint,
                "kg_version": __version__,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "graphs": graphs,
                "gazetteer": gazetteer_summary,
                "sources": [s.source_id for s in sources],
                "contributions": contributions,
            }
            del oxstore  # close RocksDB before other processes open the directory
            store.write_meta(target, meta)
            store.publish(target)  # the index was prepared before: nothing after this can fail
            search.install_index(index)
    except BaseException:
        store.discard(target)
        raise
    finally:
        dataset.unlink(missing_ok=True)
    return BuildResult(
        published=True,
        store_path=target,
        seconds=time.perf_counter() - started,
        graphs=graphs,
        gazetteer_summary=gazetteer_summary,
    )


def _gazetteer_file() -> tuple[Path, str]:
    """The gazetteer as N-Quads and its import summary, cached per package version and import code."""
    cache = config.cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"gazetteer-{gazetteer.gazetteer_fingerprint()[:16]}.nq"
    summary_path = path.with_suffix(".summary.txt")
    if path.exists() and summary_path.exists():
        return path, summary_path.read_text("utf-8")
    tmp = path.with_suffix(".tmp")
    summary = gazetteer_nquads.write_gazetteer(tmp).summary()
    tmp.replace(path)
    summary_path.write_text(summary, "utf-8")
    return path, summary


def _history_file() -> tuple[Path, str]:
    """The historical gazetteer (data/history/*.csv) as N-Quads and its summary, cached per input."""
    cache = config.cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"gazetteer-history-{gazetteer_history.history_fingerprint()[:16]}.nq"
    summary_path = path.with_suffix(".summary.txt")
    if path.exists() and summary_path.exists():
        return path, summary_path.read_text("utf-8")
    tmp = path.with_suffix(".tmp")
    try:
        summary = gazetteer_history.write_history(tmp)
    except history_records.HistoryError as exc:
        tmp.unlink(missing_ok=True)
        raise BuildError(str(exc), vi=exc.message("vi")) from None
    tmp.replace(path)
    summary_path.write_text(summary, "utf-8")
    return path, summary


def _write_ontology(sink) -> None:
    """The ontology and vocabularies as N-Quads in their named graph."""
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    for path in ontology_files():
        quads = (
            ox.Quad(q.subject, q.predicate, q.object, graph)
            for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        )
        ox.serialize(quads, output=sink, format=ox.RdfFormat.N_QUADS)


def _write_contributions(sink, current: store.PublishedStore | None) -> list[str]:
    """Merged contributions survive a rebuild: those the published store lists go in again (their
    blank node labels prefixed per contribution, as the sources' are)."""
    ids = list(current.meta.get("contributions", [])) if current else []
    for number, contribution_id in enumerate(ids):
        path = config.contributions_dir() / f"{contribution_id}.nq"
        if not path.exists():
            raise BuildError(
                f"merged contribution {contribution_id} has no saved file {path}; "
                f"restore it or `kg revert {contribution_id}` first",
                vi=f"đóng góp đã hợp nhất {contribution_id} không có tệp đã lưu {path}; "
                f"hãy khôi phục tệp hoặc chạy `kg revert {contribution_id}` trước",
            )
        prefix = f"c{number}-"

        def relabel(term):
            return ox.BlankNode(prefix + term.value) if isinstance(term, ox.BlankNode) else term

        quads = (
            ox.Quad(relabel(q.subject), q.predicate, relabel(q.object), q.graph_name)
            for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
        )
        try:
            ox.serialize(quads, output=sink, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise BuildError(
                f"merged contribution {contribution_id}: {path}: line {exc.lineno}: {exc.msg}; "
                f"restore the file or `kg revert {contribution_id}`",
                vi=f"đóng góp đã hợp nhất {contribution_id}: {path}: dòng {exc.lineno}: sai cú pháp "
                f"(trình đọc báo: «{exc.msg}»); hãy khôi phục tệp hoặc chạy `kg revert {contribution_id}`",
            ) from None
    return ids


# Bytes of N-Quads per bulk_load call, and calls at once. One call parses its slice, then sorts
# and writes it (about 7x the slice in memory): two calls at a time keep both cores busy, and
# 32 MB slices were as fast as larger ones with less memory (docs/performance-history.md).
LOAD_SLICE_BYTES = 32 << 20


def _bulk_load(oxstore: ox.Store, dataset: Path) -> None:
    """Load the N-Quads file in slices of whole lines, `config.query_threads()` slices at a time
    (pyoxigraph releases the GIL while it loads). Every line was parsed strictly before
    (sources, contributions) or written by this package (gazetteer, ontology), so lenient."""
    workers = max(2, config.query_threads())
    pending: deque = deque()  # (job, bytes)
    with (
        ThreadPoolExecutor(max_workers=workers) as pool,
        open(dataset, "rb") as f,
        progress.bar(dataset.stat().st_size, "loading", unit="B") as advance,
    ):
        try:
            while lines := f.readlines(LOAD_SLICE_BYTES):
                while len(pending) >= workers:  # at most `workers` slices in memory
                    job, size = pending.popleft()
                    job.result()
                    advance(size)
                data = b"".join(lines)
                del lines
                pending.append(
                    (pool.submit(oxstore.bulk_load, input=data, format=ox.RdfFormat.N_QUADS, lenient=True), len(data))
                )
                del data
            for job, size in pending:
                job.result()
                advance(size)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    oxstore.flush()


def _compact(oxstore: ox.Store) -> None:
    """Each slice leaves overlapping files that every later lookup reads through. Compacted, the
    saved queries ran 2.5-4x faster on the 5M-triple graph (8-10 s of compaction) and ~26 %
    faster on the 1M-triple one (~1 s): a published store is always compacted."""
    oxstore.optimize()


def _check_unit_references(oxstore: ox.Store, sources: list[SourceGraph]) -> None:
    """Every unit a source mentions must be a gazetteer unit (historical ones included) or be
    defined by a source."""
    defined = set().union(*(s.defined_units() for s in sources))
    graphs = [ox.NamedNode(str(GAZETTEER_GRAPH)), ox.NamedNode(history_records.GRAPH_IRI)]
    unit_class = ox.NamedNode("https://w3id.org/ketnghia/ontology#AdministrativeUnit")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    problems = []
    for source in sources:
        for iri in sorted(source.unit_references() - defined):
            if iri.endswith("/centroid"):
                continue
            if not any(ox.Quad(ox.NamedNode(iri), rdf_type, unit_class, g) in oxstore for g in graphs):
                problems.append((source.path, iri))
    if problems:
        raise BuildError(
            "\n".join(f"{path}: unknown administrative unit <{iri}> (not in the gazetteer)" for path, iri in problems),
            vi="\n".join(
                f"{path}: đơn vị hành chính không rõ <{iri}> (không có trong danh mục đơn vị hành chính)"
                for path, iri in problems
            ),
        )


def _refuse_unless_conforms(outcome) -> None:
    if not outcome.conforms:
        lines = [f"the graph does not conform to the shapes ({len(outcome.issues)} problem(s)):"]
        lines += [f"  - {issue.focus}: {issue.message_en} [{issue.path}]" for issue in outcome.issues[:50]]
        lines_vi = [f"đồ thị không khớp với các shape ({len(outcome.issues)} vấn đề):"]
        lines_vi += [f"  - {issue.focus}: {issue.message_vi} [{issue.path}]" for issue in outcome.issues[:50]]
        raise BuildError("\n".join(lines), vi="\n".join(lines_vi))


def _violations(oxstore: ox.Store, path: Path) -> list:
    return list(oxstore.query(path.read_text("utf-8"), use_default_graph_as_union=True))


def _start_quality_checks(oxstore: ox.Store, pool: ThreadPoolExecutor) -> list:
    """(check file, its job) per quality check, started on `pool`."""
    paths = sorted(config.QUERIES_DIR.glob("*-violation.rq"))
    return [(path, pool.submit(_violations, oxstore, path)) for path in paths]


def _refuse_quality_failures(check_jobs: list) -> None:
    failures = []
    for path, job in check_jobs:
        rows = job.result()
        if rows:
            sample = "; ".join(" ".join(str(v) for v in row) for row in rows[:5])
            failures.append((path.name, len(rows), sample))
    if failures:
        raise BuildError(
            "quality checks failed:\n  - " + "\n  - ".join(f"{n}: {c} row(s), e.g. {s}" for n, c, s in failures),
            vi="kiểm tra chất lượng không đạt:\n  - "
            + "\n  - ".join(f"{n}: {c} hàng, ví dụ {s}" for n, c, s in failures),
        )


def _graph_counts(oxstore: ox.Store) -> dict[str, int]:
    rows = oxstore.query(sparql("graph", "graph-counts"))
    return {row["g"].value: int(row["n"].value) for row in rows}
