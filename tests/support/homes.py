"""A private KG_HOME copied from the session's built one, and the `kg` command run in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def copy_home(built: Path, target: Path) -> Path:
    """A copy of a built KG_HOME (its store symlink kept), for tests that change the graph."""
    shutil.copytree(built, target, symlinks=True)
    return target


def kg(
    home: Path | None, *args: str, env: dict | None = None, input: str | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run `python -m kg ARGS` from the project root (text mode), in `home` when given."""
    # English unless a test asks otherwise: kg's messages follow the locale (kg.config.language)
    # and tables are not cut to the width of whatever terminal runs the tests ($COLUMNS in CI)
    inherited = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    full_env = {**inherited, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8", **(env or {})}
    if home is not None:
        full_env["KG_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
        cwd=PROJECT_ROOT,
    )
