"""SPARQL the package runs, kept in .rq files beside the code that runs it: kg/PACKAGE/sparql/NAME.rq.

One query per file, as in queries/, so each can be read, run by hand and parsed by a test
(tests/test_sparql_files.py). A `#@NAME` at the end of a line is a slot the caller fills (a VALUES
list, a scope pattern); being a comment, the file parses as it is, with the slot empty."""

from __future__ import annotations

import functools
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@functools.cache
def _read(package: str, name: str) -> str:
    return (PACKAGE_DIR / package / "sparql" / f"{name}.rq").read_text("utf-8")


def sparql(package: str, name: str, **slots: str) -> str:
    """The text of kg/PACKAGE/sparql/NAME.rq with its `#@slot` markers replaced by `slots`."""
    text = _read(package, name)
    for slot, value in slots.items():
        marker = f"#@{slot}"
        if marker not in text:
            raise KeyError(f"kg/{package}/sparql/{name}.rq has no slot {marker}")
        text = text.replace(marker, value)
    return text


def files() -> list[Path]:
    """Every .rq file of the package."""
    return sorted(PACKAGE_DIR.glob("*/sparql/*.rq"))
