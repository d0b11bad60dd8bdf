"""Shared fixtures: one built graph per test session, in a private KG_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
    import shutil

    target = tmp_path / "private-kg-home"
    shutil.copytree(kg_home, target, symlinks=True)
    return target


@pytest.fixture
def run_kg():
    """Run the `kg` command as a subprocess; returns CompletedProcess (text mode)."""

    def run(*args: str, env: dict | None = None, input: str | None = None, timeout: float = 300):
        full_env = dict(os.environ)
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                              env=full_env, input=input, timeout=timeout, cwd=PROJECT_ROOT)

    return run
