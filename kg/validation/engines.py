"""Running the shapes with one of the two SHACL engines, and normalising what they report.

- "pyshacl": the reference implementation, pure Python, over rdflib graphs.
- "shacl": the Rust engine from PyPI (`shacl`), fed N-Triples text, for SHACL Core; the
  SHACL-SPARQL constraints it would run once per focus node, and the sh:class checks of property
  shapes whose cost per row grows with the graph, are run once for all focus nodes on an
  Oxigraph store of the same text (kg.validation.sparql_constraints, class_checks). Far faster.
- "auto": the Rust engine, falling back to pyshacl (with a note) if it is missing or fails.

Both engines see the same data graph: the caller's triples (all named graphs merged) plus the
ontology and vocabularies. The ontology is merged into the data rather than passed as pyshacl's
`ont_graph`, because with inference="none" pyshacl only follows rdfs:subClassOf triples that are
*in the data graph* for sh:class and sh:targetClass; the Rust engine does the same.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pyoxigraph as ox

from rdflib import BNode, Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from kg.errors import KgError
from kg import config
from kg.validation import resources, sparql_constraints
from kg.validation.parsing import quiet_literal_warnings
from kg.validation.report import (
    ShapesIndex,
    ValidationOutcome,
    build_report_graph,
    issues_from_report,
)

ENGINES = ("pyshacl", "shacl", "auto")

# Blank nodes are renamed by the Rust engine; they travel to it as IRIs in this namespace.
_SKOLEM = "urn:x-kg-validation:bnode:"


class EngineError(KgError, RuntimeError):
    """An engine could not run the shapes (missing, or a feature it does not support)."""


def plain_graph(data: Graph) -> Graph:
    """`data` as one plain Graph: the triples of all named graphs of a Dataset merged."""
    if not isinstance(data, ConjunctiveGraph):
        return data
    merged = Graph()
    for s, p, o, _graph in data.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


@functools.lru_cache(maxsize=64)
def _prepared_query(text: str):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


class PreparedQueryGraph(Graph):
    """An in-memory Graph that parses each SPARQL text once.

    pyshacl hands rdflib the same query text for every focus node of a SPARQL constraint, with
    $this in initBindings, and rdflib parses it again each time: 0.1-0.25 s of pyparsing per
    focus node, which dominated pyshacl's time (and made it hours on the national gazetteer).
    Evaluating the prepared query with the same initBindings gives the same results.
    """

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared_query(query_object)
        return super().query(query_object, *args, **kwargs)


def data_with_ontology(data: Graph, ont_graph: Graph | None = None) -> Graph:
    """A new Graph: every triple of `data` (all its named graphs) plus the ontology.

    Always a plain in-memory rdflib Graph (a PreparedQueryGraph): pyshacl over an oxrdflib-backed
    graph reports false sh:in violations (see MEASUREMENTS.md).
    """
    merged = PreparedQueryGraph()
    merged += plain_graph(data)
    merged += ont_graph if ont_graph is not None else resources.ontology_snapshot().graph
    return merged


# --------------------------------------------------------------------------- pyshacl


def run_pyshacl(data: Graph, shapes: Graph) -> Graph:
    """Validate a data graph (ontology included) with pyshacl; returns its report graph."""
    import pyshacl

    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
        js=False,
    )
    return report


# --------------------------------------------------------------------------- shacl (Rust)


@functools.lru_cache(maxsize=4)
def _compile_rust_shapes(shapes_ntriples: str):
    # Compiled once per distinct shapes text: compiling is a real share of a small run.
    import shacl

    return shacl.Shapes.from_text(shapes_ntriples, format="ntriples")


def _skolemized_ntriples(graph: Graph) -> str:
    """The graph as N-Triples, every blank node written as an IRI the report can be mapped back
    from. Row by row with rdflib's own N-Triples writer (rdflib is pinned), not through a
    skolemized copy of the graph (docs/performance-history.md)."""
    from rdflib.plugins.serializers.nt import _nt_row

    def iri(term: Node) -> Node:
        return URIRef(_SKOLEM + str(term)) if isinstance(term, BNode) else term

    return "".join(_nt_row((iri(s), p, iri(o))) for s, p, o in graph)


def restore_blank_nodes(term: Node) -> Node:
    if isinstance(term, URIRef) and str(term).startswith(_SKOLEM):
        return BNode(str(term)[len(_SKOLEM) :])
    return term


def run_shacl(data_ntriples: str, shapes_ntriples: str) -> Graph:
    """Validate N-Triples (ontology included) with the Rust engine; returns the report graph."""
    return _run_rust(shapes_ntriples, lambda compiled: compiled.validate_text(data_ntriples, format="ntriples"))


def run_shacl_file(data_path: Path, shapes_ntriples: str) -> Graph:
    """Validate a file (.nt, or .nq: its graphs merged, a triple in two graphs counted once) with
    the Rust engine, which reads it itself; returns the report graph."""
    return _run_rust(shapes_ntriples, lambda compiled: compiled.validate_file(str(data_path)))


def _run_rust(shapes_ntriples: str, run) -> Graph:
    try:
        report = run(_compile_rust_shapes(shapes_ntriples))
        text = report.serialize(format="ntriples")
    except ImportError as exc:
        raise EngineError(
            f"the Rust SHACL engine is not installed ({exc})", vi=f"chưa cài bộ kiểm tra SHACL viết bằng Rust («{exc}»)"
        ) from exc
    except (ValueError, RuntimeError, OSError) as exc:
        raise EngineError(
            f"the Rust SHACL engine failed: {exc}", vi=f"bộ kiểm tra SHACL viết bằng Rust bị lỗi («{exc}»)"
        ) from exc
    with quiet_literal_warnings():  # the report repeats ill-typed values of the data
        return Graph().parse(data=text, format="nt")


@functools.lru_cache(maxsize=8)
def _split_snapshot(snapshot: resources.Snapshot, class_checks: bool) -> tuple[str, tuple]:
    core, constraints = sparql_constraints.split_shapes(snapshot.graph, class_checks=class_checks)
    return core.serialize(format="nt"), tuple(constraints)


# The sh:class checks leave the Rust engine (kg.validation.class_checks) only for data at least
# this large (N-Triples bytes, ~100 a triple): on a ~1,000-triple contribution the engine does
# them in no time, and the 36 SPARQL queries would slow `kg validate` down.
CLASS_CHECKS_MIN_BYTES = 20 << 20


def rust_shapes(
    shapes_files: resources.Snapshot | None, shapes: Graph | None, class_checks: bool = True
) -> tuple[str, tuple]:
    """N-Triples of the shapes the Rust engine runs, and the constraints run set-at-a-time."""
    if shapes_files is not None:
        return _split_snapshot(shapes_files, class_checks)
    core, constraints = sparql_constraints.split_shapes(shapes, class_checks=class_checks)
    return core.serialize(format="nt"), tuple(constraints)


def run_sparql_constraints(store: ox.Store, constraints, *, union_default_graph: bool = False) -> Graph:
    """The SPARQL constraints on an Oxigraph store, as report results (see sparql_constraints)."""
    try:
        return sparql_constraints.evaluate(
            store, list(constraints), union_default_graph=union_default_graph, workers=config.query_threads()
        )
    except (ValueError, SyntaxError, OSError) as exc:
        raise EngineError(
            f"a SHACL-SPARQL constraint failed on Oxigraph: {exc}",
            vi=f"một ràng buộc SHACL-SPARQL bị lỗi khi chạy trên Oxigraph («{exc}»)",
        ) from exc


def _store_of(ntriples: str) -> ox.Store:
    store = ox.Store()
    store.bulk_load(input=ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _rust_input(data: Graph, ontology_ntriples: str) -> str:
    # N-Triples texts concatenate into their graphs' union: the ontology is serialised once.
    return _skolemized_ntriples(plain_graph(data)) + "\n" + ontology_ntriples


# --------------------------------------------------------------------------- entry point


@functools.lru_cache(maxsize=4)
def _index(snapshot: resources.Snapshot) -> ShapesIndex:
    return ShapesIndex(snapshot.graph)


def validate_graph(
    data: Graph, *, engine: str, ont_graph: Graph | None = None, shapes: Graph | None = None
) -> ValidationOutcome:
    """Validate `data` (with the ontology) against the shapes; see kg.validation.validate."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    # One snapshot of each set of files for the whole call, whatever happens to them meanwhile.
    shapes_files = resources.shapes_snapshot() if shapes is None else None
    ontology_files = resources.ontology_snapshot() if ont_graph is None else None
    if shapes_files is not None:
        shapes, index = shapes_files.graph, _index(shapes_files)
    else:
        index = ShapesIndex(shapes)
    if ontology_files is not None:
        ont_graph = ontology_files.graph
    notes: list[str] = []

    started = time.perf_counter()
    used = "pyshacl" if engine == "pyshacl" else "shacl"
    if used == "shacl":
        ontology_text = ontology_files.ntriples if ontology_files else ont_graph.serialize(format="nt")
        try:
            data_text = _rust_input(data, ontology_text)
            shapes_text, constraints = rust_shapes(
                shapes_files, shapes, class_checks=len(data_text) >= CLASS_CHECKS_MIN_BYTES
            )
            report = run_shacl(data_text, shapes_text)
            if constraints:
                report += run_sparql_constraints(_store_of(data_text), constraints)
        except EngineError as exc:
            if engine == "shacl":
                raise
            notes.append(f"{exc}; validated with pyshacl instead")
            used = "pyshacl"
    if used == "pyshacl":
        report = run_pyshacl(data_with_ontology(data, ont_graph), shapes)
    seconds = time.perf_counter() - started

    restore = restore_blank_nodes if used == "shacl" else (lambda term: term)
    return _outcome(report, index, restore, used, notes, seconds)


def _outcome(
    report: Graph, index: ShapesIndex, restore, used: str, notes: list[str], seconds: float
) -> ValidationOutcome:
    issues = issues_from_report(report, index, restore)
    conforms = not issues
    return ValidationOutcome(
        conforms=conforms,
        issues=issues,
        report_graph=build_report_graph(issues, conforms, index),
        engine=used,
        notes=notes,
        seconds=seconds,
    )


# "auto" falls back to pyshacl on a dataset only up to this size: the national graph (50 MB) takes
# pyshacl about a minute; 1M triples (220 MB) would take the better part of an hour.
PYSHACL_FALLBACK_MAX_BYTES = 100 << 20


class DatasetValidation:
    """Validation of a whole dataset: the quads of an N-Quads file, all graphs merged, ontology
    included (it is one of the graphs), against the project's shapes.

    What `kg build` does with the graph it is about to publish, in two halves so that the first
    overlaps loading the store: creating the object starts the Rust engine on the file in a
    thread (it reads the file itself and releases the GIL, as Oxigraph's bulk loader does);
    finish(store) then runs the SHACL-SPARQL constraints on the store holding the same quads,
    with the union of its graphs as the default graph -- the same merged data (the constraints'
    results are de-duplicated: the union repeats a triple once per graph stating it). No rdflib
    graph of the data is made on this path. pyshacl, the reference, gets the file parsed into one
    rdflib graph, in finish(). Blank nodes of the data are reported under the engine's labels.
    """

    def __init__(self, nquads: Path, *, engine: str = "auto"):
        if engine not in ENGINES:
            raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
        import threading

        self.nquads, self.engine = Path(nquads), engine
        self.shapes_files = resources.shapes_snapshot()
        self.used = "pyshacl" if engine == "pyshacl" else "shacl"
        self.notes: list[str] = []
        self.started = time.perf_counter()
        self._core: dict = {}
        self._thread = None
        if self.used == "shacl":
            self.shapes_text, self.constraints = rust_shapes(self.shapes_files, None)
            self._thread = threading.Thread(target=self._run_core, name="kg-shacl-core", daemon=True)
            self._thread.start()

    def _run_core(self) -> None:
        try:
            self._core["report"] = run_shacl_file(self.nquads, self.shapes_text)
        except EngineError as exc:
            self._core["error"] = exc
        except BaseException as exc:  # a panic of the extension, MemoryError...: said, not lost
            self._core["error"] = EngineError(
                f"the Rust SHACL engine failed: {type(exc).__name__}: {exc}",
                vi=f"bộ kiểm tra SHACL viết bằng Rust bị lỗi («{type(exc).__name__}: {exc}»)",
            )

    def finish(self, store: ox.Store) -> ValidationOutcome:
        report = None
        if self.used == "shacl":
            try:
                # the SPARQL constraints first: they run while the Rust engine may still be busy
                sparql = (
                    run_sparql_constraints(store, self.constraints, union_default_graph=True)
                    if self.constraints
                    else Graph()
                )
                self._thread.join()
                if "error" in self._core:
                    raise self._core["error"]
                report = self._core["report"] + sparql
            except EngineError as exc:
                self._thread.join()
                size = self.nquads.stat().st_size
                if self.engine == "shacl" or size > PYSHACL_FALLBACK_MAX_BYTES:
                    if self.engine != "shacl":
                        raise EngineError(
                            f"{exc}; not falling back to pyshacl on {size / 1e6:.0f} MB of "
                            f"N-Quads (hours); ask for it with engine='pyshacl'",
                            vi=f"{exc.message('vi')}; không tự chuyển sang pyshacl với {size / 1e6:.0f} MB "
                            f"N-Quads (mất hàng giờ); nếu muốn, hãy chọn engine='pyshacl'",
                        ) from exc
                    raise
                self.notes.append(f"{exc}; validated with pyshacl instead")
                self.used = "pyshacl"
        if self.used == "pyshacl":
            from rdflib import Dataset

            dataset = Dataset()
            with quiet_literal_warnings():
                dataset.parse(str(self.nquads), format="nquads")
            data = PreparedQueryGraph()
            data += plain_graph(dataset)
            report = run_pyshacl(data, self.shapes_files.graph)
        return _outcome(
            report,
            _index(self.shapes_files),
            lambda term: term,
            self.used,
            self.notes,
            time.perf_counter() - self.started,
        )


def validate_dataset(nquads: Path, store: ox.Store, *, engine: str = "auto") -> ValidationOutcome:
    """Validate the N-Quads file `nquads`, whose quads `store` also holds (see DatasetValidation)."""
    return DatasetValidation(nquads, engine=engine).finish(store)
