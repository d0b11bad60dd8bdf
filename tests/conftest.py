"""Shared fixtures: one built graph per test session, in a private KG_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.homes import copy_home, kg

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_collection_home: str | None = None


def pytest_configure(config):
    """Collection parametrizes tests over the query catalogue, whose parsed headers are cached
    under $KG_HOME/cache: point KG_HOME at a temporary folder first, so collecting writes nothing
    into the working tree (./var) or into a developer's own KG_HOME. Fixtures set their own."""
    global _collection_home
    import tempfile

    _collection_home = tempfile.mkdtemp(prefix="kg-tests-")
    os.environ["KG_HOME"] = _collection_home


def pytest_unconfigure(config):
    import shutil

    if _collection_home:
        shutil.rmtree(_collection_home, ignore_errors=True)


@pytest.fixture(scope="session")
def kg_home(tmp_path_factory) -> Path:
    """A private KG_HOME holding a freshly built graph (ontology + gazetteer + curated sources)."""
    home = tmp_path_factory.mktemp("kg-home")
    previous = os.environ.get("KG_HOME")
    os.environ["KG_HOME"] = str(home)
    from kg.graph.build import build

    build(quiet=True)
    yield home
    if previous is None:
        os.environ.pop("KG_HOME", None)
    else:
        os.environ["KG_HOME"] = previous


@pytest.fixture(scope="session")
def built_store(kg_home):
    """The published store of the session's graph, opened read-only."""
    from kg.graph.store import open_store

    return open_store()


@pytest.fixture
def private_kg_home(kg_home, tmp_path) -> Path:
    """A private copy of the session's built KG_HOME, for tests that change the graph (contribute,
    revert): the session graph must stay as built, other tests compare answers against it."""
    return copy_home(kg_home, tmp_path / "private-kg-home")


@pytest.fixture
def run_kg():
    """Run the `kg` command as a subprocess; returns CompletedProcess (text mode)."""

    def run(*args: str, env: dict | None = None, input: str | None = None, timeout: float = 300):
        return kg(None, *args, env=env, input=input, timeout=timeout)

    return run
