"""Reading RDF files for validation, with syntax errors reduced to one readable line.

The format comes from the file extension. Files that can hold named graphs (TriG, N-Quads,
JSON-LD) are read into a Dataset; validation merges its graphs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import xml.sax
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax

FORMATS = {
    ".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nt": "nt", ".ntriples": "nt",
    ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld", ".n3": "n3",
    ".rdf": "xml", ".owl": "xml", ".xml": "xml",
}
_DATASET_FORMATS = {"trig", "nquads", "json-ld"}


class RdfSyntaxError(ValueError):
    """A file that is not valid RDF in the format its extension names. `str()` is one line."""

    def __init__(self, path: Path, line: int | None, problem: str):
        self.path, self.line, self.problem = path, line, problem
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


def rdf_format(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise RdfSyntaxError(path, None, f"unknown RDF file extension {path.suffix!r} (known: {known})") from None


def parse_rdf_file(path: str | Path) -> Graph:
    """Parse one file into a Graph (or a Dataset for TriG/N-Quads/JSON-LD).

    Raises RdfSyntaxError naming the file, the line and the problem; FileNotFoundError as usual.
    """
    path = Path(path)
    fmt = rdf_format(path)
    text = path.read_text(encoding="utf-8")
    graph: Graph = Dataset() if fmt in _DATASET_FORMATS else Graph()
    try:
        with quiet_literal_warnings():
            graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        raise RdfSyntaxError(path, exc.lines + 1, _one_line(exc._why)) from None
    except json.JSONDecodeError as exc:
        raise RdfSyntaxError(path, exc.lineno, _one_line(exc.msg)) from None
    except xml.sax.SAXParseException as exc:
        raise RdfSyntaxError(path, exc.getLineNumber(), _one_line(exc.getMessage())) from None
    except ParserError as exc:
        raise RdfSyntaxError(path, _first_bad_line(text, fmt), _one_line(str(exc))) from None
    except (ValueError, TypeError, KeyError) as exc:   # other parsers' ways of saying "bad input"
        raise RdfSyntaxError(path, None, _one_line(f"{type(exc).__name__}: {exc}")) from None
    return graph


@contextlib.contextmanager
def quiet_literal_warnings():
    """Silence rdflib's traceback for each ill-typed literal ("2025-02-31"^^xsd:date).

    The shapes report such literals as violations, so the log would only repeat them noisily.
    """
    literal_log = logging.getLogger("rdflib.term")
    level = literal_log.level
    literal_log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        literal_log.setLevel(level)


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_bad_line(text: str, fmt: str) -> int | None:
    """N-Triples/N-Quads errors carry no line number; each line parses on its own, so find it."""
    if fmt not in ("nt", "nquads"):
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            (Dataset() if fmt == "nquads" else Graph()).parse(data=line, format=fmt)
        except Exception:  # noqa: BLE001 -- any failure marks the culprit line
            return number
    return None
