"""kg build's input fingerprint covers the code that shapes the published store.

A rebuild with an unchanged fingerprint returns "up to date" without rebuilding, so a module the
build runs but does not hash (kg/search.py was one: a changed index builder kept the old index)
would publish nothing new."""

from __future__ import annotations

import shutil
from pathlib import Path

from support.imports import import_closure

from kg import config
from kg.graph.build import build_modules, input_fingerprint

KG = Path(__file__).resolve().parents[2] / "kg"


def test_every_module_the_build_imports_is_hashed():
    hashed = {".".join(p.relative_to(KG.parent).with_suffix("").parts) for p in build_modules()}
    hashed = {m.removesuffix(".__init__") for m in hashed}
    imported = import_closure("kg.graph.build", KG)
    assert imported - hashed == set()
    assert {"kg.graph.search", "kg.graph.store", "kg.vietnamese", "kg.iris"} <= hashed


def test_a_change_to_a_build_module_changes_the_fingerprint(tmp_path):
    package = tmp_path / "kg"
    shutil.copytree(KG, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = input_fingerprint(config.SOURCES_DIR, package)
    assert input_fingerprint(config.SOURCES_DIR, package) == before
    with open(package / "graph" / "search.py", "a", encoding="utf-8") as module:
        module.write("\n# a change to the index builder\n")
    assert input_fingerprint(config.SOURCES_DIR, package) != before


def test_a_change_outside_the_build_keeps_the_fingerprint(tmp_path):
    package = tmp_path / "kg"
    shutil.copytree(KG, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = input_fingerprint(config.SOURCES_DIR, package)
    with open(package / "cli" / "query.py", "a", encoding="utf-8") as module:
        module.write("\n# printing is not building\n")
    assert input_fingerprint(config.SOURCES_DIR, package) == before
