"""The measured sides of bench/run.py, each run in its own process (so memory and caches of one
side never pollute the other). Every subcommand writes one JSON document to --out.

    python bench/workers.py rdflib-load      --nq FILE --out R.json
    python bench/workers.py rdflib-queries   --nq FILE --queries Q.json --repeat N --timeout T --out R.json
    python bench/workers.py oxigraph-queries --store DIR --queries Q.json --repeat N --out R.json [--memory]
    python bench/workers.py query-overhead   --store DIR --queries Q.json --repeat N --out R.json
    python bench/workers.py validate         --data FILE --engine pyshacl|shacl|auto --out R.json
    python bench/workers.py shacl-raw        --data FILE --out R.json
    python bench/workers.py search           --index FILE --texts T.json --repeat N --out R.json
    python bench/workers.py raw-query        --store DIR --query-file Q.rq

Q.json is a list of {"name", "text"}: `text` is the query with its parameters bound to their
defaults in a VALUES block (kg.query.catalog.SavedQuery.bound_text), what the project runs; the
alternative (rdflib) is given the same text.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))


def _write(path: str, data: dict) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


# A query of a few milliseconds run --repeat (3-5) times measures the machine's noise: fast
# queries are run again until they have taken FAST_BUDGET_S in all, at most FAST_RUNS times.
FAST_BUDGET_S = 0.5
FAST_RUNS = 300


def _enough(times: list[float], repeat: int) -> bool:
    return len(times) >= repeat and (sum(times) >= FAST_BUDGET_S or len(times) >= FAST_RUNS)


def _vm_hwm_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --------------------------------------------------------------------------- rdflib (the alternative)


def _rdflib_dataset(nq: str):
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(nq, format="nquads")
    return ds


def rdflib_load(args) -> None:
    started = time.perf_counter()
    ds = _rdflib_dataset(args.nq)
    seconds = time.perf_counter() - started
    _write(args.out, {"seconds": seconds, "quads": len(ds), "vm_hwm_mb": _vm_hwm_mb()})


class QueryTimeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise QueryTimeout()


def rdflib_queries(args) -> None:
    """rdflib is pure Python: SIGALRM interrupts a query between two bytecodes, so a time limit
    per query is exact and leaves the process usable for the next one."""
    started = time.perf_counter()
    ds = _rdflib_dataset(args.nq)
    load = time.perf_counter() - started
    signal.signal(signal.SIGALRM, _alarm)
    names = set(json.loads(args.names)) if args.names else None
    results = {}
    for q in json.loads(Path(args.queries).read_text("utf-8")):
        if names is not None and q["name"] not in names:
            continue
        times, rows, timed_out, error = [], None, False, None
        while not _enough(times, args.repeat):
            t0 = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, args.timeout)
            try:
                rows = len(list(ds.query(q.get("alternative_text", q["text"]))))
            except QueryTimeout:
                timed_out = True
            except Exception as exc:  # a query rdflib cannot run is reported, not fatal
                error = f"{type(exc).__name__}: {exc}"[:300]
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = time.perf_counter() - t0
            if timed_out or error:
                break
            times.append(elapsed)
            if elapsed > args.slow:  # long queries: one run is enough (said in the report)
                break
        results[q["name"]] = {"times": times, "rows": rows, "timed_out": timed_out, "error": error}
        print(f"rdflib {q['name']}: {results[q['name']]}", file=sys.stderr, flush=True)
        _write(args.out, {"load_seconds": load, "queries": results, "timeout": args.timeout, "vm_hwm_mb": _vm_hwm_mb()})
    _write(args.out, {"load_seconds": load, "queries": results, "timeout": args.timeout, "vm_hwm_mb": _vm_hwm_mb()})


# --------------------------------------------------------------------------- pyoxigraph (the project)


def oxigraph_queries(args) -> None:
    """The saved queries as the project runs them (kg.query.catalog: parameters in a VALUES block,
    default graph = union of the named graphs) on the on-disk store, every row materialised. The
    query runs on the main thread, as `kg query` runs it (a thread per run cost ~0.25 ms, a
    fifth of the fastest queries). pyoxigraph has no time limit: a watchdog thread records a run
    that passes --timeout, writes what it has and exits the process (the caller starts a new
    worker for the queries left). With --memory, on the copy in memory that kg.api.keep_in_memory
    makes (kg.graph.store.memory_copy); open_seconds is then the time to make it."""
    import os
    import threading

    import pyoxigraph as ox

    from kg.graph import store as kg_store

    started = time.perf_counter()
    store = kg_store.memory_copy(Path(args.store)) if args.memory else ox.Store.read_only(args.store)
    open_seconds = time.perf_counter() - started
    names = set(json.loads(args.names)) if args.names else None
    results = {}

    def save():
        _write(args.out, {"open_seconds": open_seconds, "queries": results, "vm_hwm_mb": _vm_hwm_mb()})

    for q in json.loads(Path(args.queries).read_text("utf-8")):
        if names is not None and q["name"] not in names:
            continue
        entry = results[q["name"]] = {"times": [], "rows": None, "error": None, "timed_out": False}
        while not _enough(entry["times"], args.repeat):
            finished = threading.Event()

            def watchdog(entry=entry, finished=finished):
                if not finished.wait(args.timeout):
                    entry["timed_out"] = True
                    save()
                    os._exit(0)  # the query cannot be interrupted; it would keep a core busy

            threading.Thread(target=watchdog, daemon=True).start()
            t0 = time.perf_counter()
            try:
                answer = store.query(q["text"], use_default_graph_as_union=True)
                rows = len([tuple(s) for s in answer])  # as kg.query.results.from_oxigraph
            except Exception as exc:  # reported, not fatal
                entry["error"] = f"{type(exc).__name__}: {exc}"[:300]
                break
            finally:
                elapsed = time.perf_counter() - t0
                finished.set()
            entry["rows"] = rows
            entry["times"].append(elapsed)
            if elapsed > args.slow:
                break
        save()
    save()


def query_overhead(args) -> None:
    """kg's library path (kg.api.execute: catalog lookup, typed parameters, materialised
    QueryResult) against the bare pyoxigraph call on the same store, alternated run by run.
    A query that does not finish within --timeout (first run) is recorded and the worker exits."""
    import os
    import threading

    os.environ["KG_HOME"] = args.home
    from kg import api
    from kg.query import catalog

    # One handle for both sides (kg's own): two handles would be two RocksDB block caches, and
    # whichever ran first would warm only its own.
    store = api._published_store()
    names = set(json.loads(args.names)) if args.names else None
    results = {}

    def save():
        _write(args.out, {"queries": results})

    for q in json.loads(Path(args.queries).read_text("utf-8")):
        if q["name"].startswith("bench-") or (names is not None and q["name"] not in names):
            continue
        bound = catalog.get_query(q["name"]).bound_text({})
        outcome = {}

        def probe():
            try:
                api.execute(q["name"])
                outcome["ok"] = True
            except Exception as exc:  # a query kg cannot run is left out of the comparison
                outcome["error"] = f"{type(exc).__name__}: {exc}"[:300]

        worker = threading.Thread(target=probe, daemon=True)
        worker.start()
        worker.join(args.timeout)
        if worker.is_alive():
            results[q["name"]] = {"timed_out": True}
            save()
            os._exit(0)
        if "error" in outcome:
            results[q["name"]] = {"error": outcome["error"]}
            continue
        kg_times, raw_times = [], []

        def kg_run():
            t0 = time.perf_counter()
            api.execute(q["name"])
            kg_times.append(time.perf_counter() - t0)

        def raw_run():
            t0 = time.perf_counter()
            answer = store.query(bound, use_default_graph_as_union=True)
            [tuple(s) for s in answer]
            raw_times.append(time.perf_counter() - t0)

        i = 0
        while not _enough(raw_times, args.repeat):
            # alternate which goes first: neither always finds the other's cache
            for run in (kg_run, raw_run) if i % 2 == 0 else (raw_run, kg_run):
                run()
            i += 1
        results[q["name"]] = {"kg": kg_times, "raw": raw_times}
        save()
    save()


def raw_query(args) -> None:
    """What a user would write instead of `kg query NAME --format tsv`: bare pyoxigraph."""
    import pyoxigraph as ox

    store = ox.Store.read_only(args.store)
    answer = store.query(Path(args.query_file).read_text("utf-8"), use_default_graph_as_union=True)
    sys.stdout.buffer.write(answer.serialize(format=ox.QueryResultsFormat.TSV))


# --------------------------------------------------------------------------- validation


def _rdflib_graph(path: str):
    from rdflib import Dataset, Graph

    if path.endswith(".nq"):
        ds = Dataset()
        ds.parse(path, format="nquads")
        return ds
    graph = Graph()
    graph.parse(path, format="nt")
    return graph


def validate(args) -> None:
    """kg.validation.validate() on the data read into rdflib (as its API takes), one engine."""
    from kg import validation

    started = time.perf_counter()
    data = _rdflib_graph(args.data)
    load = time.perf_counter() - started
    started = time.perf_counter()
    outcome = validation.validate(data, engine=args.engine)
    seconds = time.perf_counter() - started
    issues = [issue.to_dict() for issue in outcome.issues]
    _write(
        args.out,
        {
            "load_seconds": load,
            "seconds": seconds,
            "engine_seconds": outcome.seconds,
            "engine": outcome.engine,
            "notes": outcome.notes,
            "conforms": outcome.conforms,
            "issues": issues,
            "vm_hwm_mb": _vm_hwm_mb(),
        },
    )


def validate_dataset(args) -> None:
    """kg.validation.validate_dataset() as `kg build` runs it: the N-Quads file read by the Rust
    engine, the SHACL-SPARQL constraints on an on-disk store holding the same quads (loaded
    first, not counted, as rdflib's parse is not counted for pyshacl)."""
    import shutil
    import tempfile

    import pyoxigraph as ox

    from kg import validation

    folder = tempfile.mkdtemp(prefix="kg-bench-store-")
    try:
        started = time.perf_counter()
        store = ox.Store(folder)
        store.bulk_load(path=args.data, format=ox.RdfFormat.N_QUADS)
        store.flush()
        load = time.perf_counter() - started
        started = time.perf_counter()
        outcome = validation.validate_dataset(Path(args.data), store, engine=args.engine)
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    issues = [issue.to_dict() for issue in outcome.issues]
    _write(
        args.out,
        {
            "load_seconds": load,
            "seconds": seconds,
            "engine_seconds": outcome.seconds,
            "engine": outcome.engine,
            "notes": outcome.notes,
            "conforms": outcome.conforms,
            "issues": issues,
            "vm_hwm_mb": _vm_hwm_mb(),
        },
    )


def shacl_raw(args) -> None:
    """For reference: the Rust engine alone, fed N-Triples straight from pyoxigraph (no rdflib),
    data merged with the ontology as kg.validation does."""
    import pyoxigraph as ox
    import shacl
    from rdflib import Graph

    from kg import config
    from kg.graph.build import ontology_files

    started = time.perf_counter()
    store = ox.Store()
    fmt = ox.RdfFormat.N_QUADS if args.data.endswith(".nq") else ox.RdfFormat.N_TRIPLES
    store.bulk_load(path=args.data, format=fmt)
    for path in ontology_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    text = (
        store.query("CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
        .serialize(format=ox.RdfFormat.N_TRIPLES)
        .decode("utf-8")
    )
    prepare = time.perf_counter() - started
    started = time.perf_counter()
    shapes_graph = Graph()
    files = (
        [config.SHAPES_DIR / name for name in args.shapes.split(",")]
        if args.shapes
        else sorted(config.SHAPES_DIR.glob("*.ttl"))
    )
    for path in files:
        shapes_graph.parse(path, format="turtle")
    shapes = shacl.Shapes.from_text(shapes_graph.serialize(format="nt"), format="ntriples")
    report = shapes.validate_text(text, format="ntriples")
    seconds = time.perf_counter() - started
    results = len(report.serialize(format="ntriples").splitlines())
    _write(
        args.out, {"prepare_seconds": prepare, "seconds": seconds, "report_triples": results, "vm_hwm_mb": _vm_hwm_mb()}
    )


# --------------------------------------------------------------------------- search


def search(args) -> None:
    t_import = time.perf_counter()
    from kg.graph import search as kg_search

    imported = time.perf_counter() - t_import
    texts = json.loads(Path(args.texts).read_text("utf-8"))
    t0 = time.perf_counter()
    kg_search.search(Path(args.index), texts[0])
    cold = time.perf_counter() - t0
    per_text = {}
    for text in texts:
        times, hits = [], 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            hits = len(kg_search.search(Path(args.index), text))
            times.append(time.perf_counter() - t0)
        per_text[text] = {"median": statistics.median(times), "hits": hits}
    _write(
        args.out,
        {
            "import_seconds": imported,
            "cold_first_query": cold,
            "texts": per_text,
            "entries": len(kg_search.load_index(Path(args.index))),
        },
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("rdflib-load")
    p.add_argument("--nq", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=rdflib_load)
    p = sub.add_parser("rdflib-queries")
    p.add_argument("--nq", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--slow", type=float, default=20, help="do not repeat a query that took longer")
    p.add_argument("--names", default="", help="JSON list: only these queries")
    p.add_argument("--out", required=True)
    p.set_defaults(func=rdflib_queries)
    p = sub.add_parser("oxigraph-queries")
    p.add_argument("--store", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--slow", type=float, default=20, help="do not repeat a query that took longer")
    p.add_argument("--names", default="", help="JSON list: only these queries")
    p.add_argument("--memory", action="store_true", help="on an in-memory copy of the store")
    p.add_argument("--out", required=True)
    p.set_defaults(func=oxigraph_queries)
    p = sub.add_parser("query-overhead")
    p.add_argument("--store", required=True)
    p.add_argument("--home", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--names", default="")
    p.add_argument("--out", required=True)
    p.set_defaults(func=query_overhead)
    p = sub.add_parser("raw-query")
    p.add_argument("--store", required=True)
    p.add_argument("--query-file", required=True)
    p.set_defaults(func=raw_query)
    p = sub.add_parser("validate")
    p.add_argument("--data", required=True)
    p.add_argument("--engine", required=True)
    p.add_argument("--out", required=True)
    p.set_defaults(func=validate)
    p = sub.add_parser("validate-dataset")
    p.add_argument("--data", required=True)
    p.add_argument("--engine", default="auto")
    p.add_argument("--out", required=True)
    p.set_defaults(func=validate_dataset)
    p = sub.add_parser("shacl-raw")
    p.add_argument("--data", required=True)
    p.add_argument("--shapes", default="", help="comma-separated file names in shapes/ (default: all)")
    p.add_argument("--out", required=True)
    p.set_defaults(func=shacl_raw)
    p = sub.add_parser("search")
    p.add_argument("--index", required=True)
    p.add_argument("--texts", required=True)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--out", required=True)
    p.set_defaults(func=search)
    args = parser.parse_args(argv)
    args.func(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
