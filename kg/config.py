"""Paths and defaults. Everything else asks this module where things live."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
SHAPES_DIR = PROJECT_ROOT / "shapes"
QUERIES_DIR = PROJECT_ROOT / "queries"
SOURCES_DIR = PROJECT_ROOT / "data" / "sources"


def home() -> Path:
    """Where the built store and caches live: $KG_HOME, else ./var under the project."""
    return Path(os.environ.get("KG_HOME", PROJECT_ROOT / "var")).resolve()


def store_path() -> Path:
    """The published store: a symlink swapped atomically by build/contribute/revert."""
    return home() / "store"


def cache_dir() -> Path:
    return home() / "cache"


def contributions_dir() -> Path:
    """Merged contributions' saved files: kg contribute writes them, kg build reads them back."""
    return home() / "contributions"


def query_threads() -> int:
    """Threads for independent read queries on one store (kg build's checks): one per core, at
    most 4. pyoxigraph releases the GIL while it evaluates, so they run in parallel."""
    return max(1, min(4, os.cpu_count() or 1))


LANGUAGES = ("vi", "en")
_chosen_language: str | None = None


def set_language(language: str | None) -> None:
    """`--lang`: the language of messages, labels and reports for the rest of this process."""
    global _chosen_language
    _chosen_language = language if language in LANGUAGES else None


def language() -> str:
    """ "vi" or "en": `--lang` when given, else the locale as POSIX ranks it (LC_ALL, then
    LC_MESSAGES, then LANG; "vi_VN.UTF-8" → vi), else English."""
    if _chosen_language:
        return _chosen_language
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"
