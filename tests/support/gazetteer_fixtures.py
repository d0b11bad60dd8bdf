"""The national gazetteer, generated once per test process, for test_gazetteer and test_search.

Session fixtures defined in a module that two test files import would run once per file; the
expensive parts are memoised here instead, so both files share one N-Quads file and one store.
"""

from __future__ import annotations

import atexit
import functools
import importlib.resources
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graph.gazetteer import GazetteerReport
from kg.graph.gazetteer_nquads import write_gazetteer

DATA_DIR = Path(__file__).parents[1] / "data"
SEARCH_FIXTURE = DATA_DIR / "search-fixture.trig"
ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
GAZETTEER_GRAPH = "https://w3id.org/ketnghia/graph/gazetteer"
ONTOLOGY_GRAPH = "https://w3id.org/ketnghia/graph/ontology"


@functools.cache
def _workdir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="kg-gazetteer-test-"))
    atexit.register(shutil.rmtree, path, True)
    return path


@functools.cache
def _national_gazetteer() -> tuple[Path, GazetteerReport]:
    path = _workdir() / "gazetteer.nq"
    return path, write_gazetteer(path)


@functools.cache
def _loaded_store() -> ox.Store:
    """Gazetteer + ontology + the search fixture, each in its own named graph. Read-only use."""
    path, _ = _national_gazetteer()
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    for ttl in [ONTOLOGY_DIR / "ketnghia.ttl", *sorted((ONTOLOGY_DIR / "vocab").glob("*.ttl"))]:
        store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    store.bulk_load(path=str(SEARCH_FIXTURE), format=ox.RdfFormat.TRIG)
    return store


@functools.cache
def _search_index() -> Path:
    from kg.graph.search import build_search_index

    path = _workdir() / "search-index.json"
    build_search_index(_loaded_store(), path)
    return path


def package_db() -> sqlite3.Connection:
    """The package's own sqlite, opened independently of kg.graph.gazetteer, for cross-checks."""
    db = importlib.resources.files("vietnamadminunits") / "data" / "dataset.db"
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


@pytest.fixture(scope="session")
def gazetteer_file() -> Path:
    return _national_gazetteer()[0]


@pytest.fixture(scope="session")
def gazetteer_report() -> GazetteerReport:
    return _national_gazetteer()[1]


@pytest.fixture(scope="session")
def gazetteer_store() -> ox.Store:
    return _loaded_store()


@pytest.fixture(scope="session")
def search_index() -> Path:
    return _search_index()
