"""The kg modules a source file imports, read with ast (imports inside functions count too)."""

from __future__ import annotations

import ast
from pathlib import Path


def module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, module) for every kg module the file imports; `from kg import x` names kg.x when
    x is a module or package of the tree."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                as_path = root.parent.joinpath(*candidate.split("."))
                is_module = as_path.with_suffix(".py").exists() or (as_path / "__init__.py").exists()
                found.append((node.lineno, candidate if is_module else node.module))
    return [(line, m) for line, m in found if m == "kg" or m.startswith("kg.")]


def import_closure(start: str, root: Path) -> set[str]:
    """Every kg module `start` imports, directly or through other kg modules (names as 'kg.x.y')."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        base = root.parent.joinpath(*module.split("."))
        path = base.with_suffix(".py") if base.with_suffix(".py").exists() else base / "__init__.py"
        if path.exists():
            todo += [m for _, m in imported_modules(path, root)]
        parent = module.rpartition(".")[0]
        if parent.startswith("kg"):
            todo.append(parent)  # importing kg.x.y runs kg/x/__init__.py
    return seen
