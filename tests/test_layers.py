"""The layering rule of docs/architecture.md: a package imports only the layers below it.

Read from the source with ast (every import, also those inside functions), so an import that
runs only on one code path counts too."""

from __future__ import annotations

from pathlib import Path

from support.imports import imported_modules, module_name

KG = Path(__file__).resolve().parent.parent / "kg"

BASE = {"kg", "kg.config", "kg.errors", "kg.iris", "kg.progress", "kg.safe_output", "kg.sparql_files", "kg.vietnamese"}

# layer -> the layers it may import (besides itself and the base); docs/architecture.md draws it
ALLOWED = {
    "kg.validation": set(),
    "kg.graph": {"kg.validation"},
    "kg.query": {"kg.graph"},
    "kg.steward": {"kg.graph", "kg.validation"},
    "kg.network": {"kg.graph"},
    "kg.extract": {"kg.graph", "kg.steward", "kg.validation"},
    "kg.docs": {"kg.query", "kg.graph"},
    "kg.site": {"kg.query", "kg.graph", "kg.network"},
    "kg.api": {"kg.query", "kg.graph"},
    "kg.cli": {
        "kg.api",
        "kg.query",
        "kg.graph",
        "kg.validation",
        "kg.steward",
        "kg.network",
        "kg.extract",
        "kg.docs",
        "kg.site",
    },
}


def layer_of(module: str) -> str:
    """'kg.graph.store' -> 'kg.graph'; the base modules -> 'base'."""
    if module in BASE:
        return "base"
    if module == "kg.__main__":  # `python -m kg` is the command line
        return "kg.cli"
    parts = module.split(".")
    return ".".join(parts[:2])


def upward_imports(root: Path = KG) -> list[str]:
    """'file:line: layer imports other-layer' for every import the rule forbids."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        importer = layer_of(module_name(path, root))
        for line, module in imported_modules(path, root):
            target = layer_of(module)
            if target in ("base", importer):
                continue
            if importer == "base" or target not in ALLOWED.get(importer, set()):
                problems.append(f"{path.relative_to(root.parent)}:{line}: {importer} imports {module}")
    return problems


def test_every_layer_is_known():
    """A new subpackage must be placed in the rule before it can import anything."""
    packages = {f"kg.{p.name}" for p in KG.iterdir() if (p / "__init__.py").exists()}
    modules = {f"kg.{p.stem}" for p in KG.glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert packages | (modules - BASE) == set(ALLOWED)


def test_no_package_imports_a_layer_above_it():
    assert upward_imports() == []


def test_an_upward_import_is_reported(tmp_path):
    root = tmp_path / "kg"
    for package in ("graph", "cli", "query"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "config.py").write_text("")
    (root / "graph" / "store.py").write_text(
        "from kg import config\n"
        "def f():\n"
        "    from kg.cli import main\n"  # inside a function: still counted
        "    from kg import query\n"
    )
    (root / "query" / "catalog.py").write_text("from kg.graph import store\n")  # downward: fine
    assert upward_imports(root) == [
        "kg/graph/store.py:3: kg.graph imports kg.cli",
        "kg/graph/store.py:4: kg.graph imports kg.query",
    ]
