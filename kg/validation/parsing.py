"""Reading RDF files for validation, with every problem reduced to one readable line.

The format comes from the file extension. Files that can hold named graphs (TriG, N-Quads,
JSON-LD) are read into a Dataset; validation merges its graphs.

What a data steward actually sends is checked before rdflib sees it: the size (a limit, so a
50 MB export fails at once instead of after minutes), the encoding (UTF-8 with or without a BOM,
UTF-16/32 with a BOM as spreadsheets write them; anything else is named with its line), empty and
binary files. A syntax error names the line and, where the parser knows it, the column: rdflib
gives lines only, so pyoxigraph re-reads a file rdflib rejected to say where. Relative IRIs
(`<foo>` without @base) are refused: they would resolve against wherever the file happens to lie.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import logging
import re
import xml.sax
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import KgError

FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".ntriples": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".n3": "n3",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}
_DATASET_FORMATS = {"trig", "nquads", "json-ld"}
# Formats pyoxigraph reads too: it locates rdflib's errors and double-checks what rdflib accepted.
_OXIGRAPH_FORMATS = {
    "turtle": "TURTLE",
    "trig": "TRIG",
    "nt": "N_TRIPLES",
    "nquads": "N_QUADS",
    "json-ld": "JSON_LD",
    "xml": "RDF_XML",
}
_STRICT_FORMATS = {"turtle", "trig", "nt", "nquads"}

# A relative IRI resolves against this base; finding it in the graph means the file used one.
RELATIVE_BASE = "https://relative-iri.invalid/"

DEFAULT_MAX_BYTES = 10_000_000

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)


class InputError(KgError, ValueError):
    """A file that cannot be read as what it claims to be. `str()` is one line: file:line:column: problem."""

    def __init__(
        self, path: Path | str, line: int | None, problem: str, column: int | None = None, *, vi: str | None = None
    ):
        self.path, self.line, self.column, self.problem = path, line, column, problem
        where = str(path)
        if line:
            where += f":{line}" + (f":{column}" if column else "")
        vi = vi or self.vi_default(problem)
        super().__init__(f"{where}: {problem}", vi=f"{where}: {vi}" if vi else None)

    @staticmethod
    def vi_default(problem: str) -> str | None:
        return None


class RdfSyntaxError(InputError):
    """A file that is not valid RDF in the format its extension names."""

    @staticmethod
    def vi_default(problem: str) -> str | None:
        # the parser's own wording (rdflib, pyoxigraph) is English: quoted, not mixed into the sentence
        return f"sai cú pháp RDF (trình đọc báo: «{problem}»)"


def rdf_format(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise RdfSyntaxError(
            path,
            None,
            f"unknown RDF file extension {path.suffix!r} (known: {known})",
            vi=f"đuôi tệp RDF {path.suffix!r} không được hỗ trợ (hỗ trợ: {known})",
        ) from None


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The file's bytes, refusing a file over `max_bytes` before reading it."""
    from kg.validation.input_limits import check_regular_file

    check_regular_file(path)  # a FIFO would block the read
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            path,
            None,
            f"file too large: {size / 1e6:.1f} MB, the limit is {max_bytes / 1e6:.1f} MB "
            "(split the contribution, or raise the limit with --max-size)",
            vi=f"tệp quá lớn: {size / 1e6:.1f} MB, giới hạn là {max_bytes / 1e6:.1f} MB "
            "(chia nhỏ đóng góp, hoặc nâng giới hạn bằng --max-size)",
        )
    return path.read_bytes()


def decode_text(data: bytes, path: Path | str) -> tuple[str, str]:
    """(text, encoding name) of a text file: BOM-detected UTF-8/16/32, else strict UTF-8."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    path,
                    None,
                    f"the file starts with a {name} byte-order mark but is not "
                    f"{name} text (byte {exc.start + len(bom)}: {exc.reason})",
                    vi=f"tệp bắt đầu bằng dấu thứ tự byte {name} nhưng không phải văn bản {name} "
                    f"(byte {exc.start + len(bom)})",
                ) from None
    if not data.strip():
        raise InputError(path, None, "the file is empty", vi="tệp rỗng")
    if b"\x00" in data[:4096]:
        raise InputError(
            path,
            None,
            "a binary file (it contains NUL bytes), not text; if it is UTF-16 "
            "from a spreadsheet, save it with a byte-order mark or as UTF-8",
            vi="tệp nhị phân (có byte NUL), không phải văn bản; nếu là UTF-16 từ bảng tính, "
            "hãy lưu kèm dấu thứ tự byte hoặc lưu dạng UTF-8",
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            path,
            line,
            f"not UTF-8 text (byte 0x{data[exc.start]:02X}: {exc.reason}); save the "
            "file as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
            column,
            vi=f"không phải văn bản UTF-8 (byte 0x{data[exc.start]:02X}); hãy lưu tệp dạng UTF-8 "
            "(trong bảng tính: 'CSV UTF-8')",
        ) from None


def parse_rdf_file(path: str | Path, max_bytes: int | None = None) -> Graph:
    """Parse one file into a Graph (or a Dataset for TriG/N-Quads/JSON-LD).

    Raises RdfSyntaxError (an InputError) naming the file, the line, the column where known and
    the problem; InputError for a file too large, empty, binary or wrongly encoded;
    FileNotFoundError as usual.
    """
    path = Path(path)
    fmt = rdf_format(path)
    text, _encoding = decode_text(read_bytes(path, max_bytes), path)
    from kg.validation import input_limits

    input_limits.check_text(text, fmt, path)  # DOCTYPE, remote contexts, deep nesting
    graph: Graph = Dataset() if fmt in _DATASET_FORMATS else Graph()
    try:
        with quiet_literal_warnings(), input_limits.time_limit(path):
            graph.parse(data=text, format=fmt, publicID=RELATIVE_BASE)
    except RecursionError:
        raise InputError(
            path,
            None,
            "nested too deeply to read; flatten the data",
            vi="lồng nhau quá sâu, không đọc được; hãy làm phẳng dữ liệu",
        ) from None
    except BadSyntax as exc:
        raise _located(path, text, fmt, exc.lines + 1, exc._why, keep_wording=True) from None
    except json.JSONDecodeError as exc:
        raise RdfSyntaxError(path, exc.lineno, _one_line(exc.msg), exc.colno) from None
    except xml.sax.SAXParseException as exc:
        raise RdfSyntaxError(path, exc.getLineNumber(), _one_line(exc.getMessage()), exc.getColumnNumber()) from None
    except ParserError as exc:
        raise _located(path, text, fmt, _first_bad_line(text, fmt), str(exc)) from None
    except (ValueError, TypeError, KeyError) as exc:  # other parsers' ways of saying "bad input"
        raise _located(path, text, fmt, None, f"{type(exc).__name__}: {exc}") from None
    if fmt in _STRICT_FORMATS:
        problem = _oxigraph_problem(text, fmt)
        if problem:  # rdflib accepted what the store would refuse (an IRI with a space...)
            raise RdfSyntaxError(path, *problem)
    _refuse_relative_iris(graph, text, path)
    if next(_all_triples(graph), None) is None:
        raise RdfSyntaxError(path, None, "the file contains no RDF statements", vi="tệp không chứa phát biểu RDF nào")
    return graph


def _located(path: Path, text: str, fmt: str, line: int | None, why: str, keep_wording: bool = False) -> RdfSyntaxError:
    """rdflib's complaint, with pyoxigraph's line and column when it has them. rdflib's Turtle
    messages ("newline found in string literal") say more than pyoxigraph's ("Unexpected end of
    file"), so `keep_wording` keeps them; other parsers' exception texts are replaced."""
    problem = _oxigraph_problem(text, fmt)
    if problem:
        ox_line, message, column = problem
        return RdfSyntaxError(path, ox_line or line, _one_line(why) if keep_wording else message, column)
    return RdfSyntaxError(path, line, _one_line(why))


_OX_POSITION = re.compile(r"^Parser error (?:at|between) line (\d+)(?: column (\d+)| between columns (\d+))?.*?: ")


def _oxigraph_problem(text: str, fmt: str) -> tuple[int | None, str, int | None] | None:
    """(line, problem, column) if pyoxigraph rejects the text, else None."""
    import pyoxigraph as ox

    name = _OXIGRAPH_FORMATS.get(fmt)
    if name is None:
        return None
    try:
        for _ in ox.parse(text.encode("utf-8"), format=getattr(ox.RdfFormat, name), base_iri=RELATIVE_BASE):
            pass
    except SyntaxError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        match = _OX_POSITION.match(message)
        if not match:
            return None, _one_line(message), None
        column = match.group(2) or match.group(3)
        return int(match.group(1)), _one_line(message[match.end() :]), int(column) if column else None
    except (ValueError, OSError):
        return None
    return None


def _refuse_relative_iris(graph: Graph, text: str, path: Path) -> None:
    for triple in _all_triples(graph):
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(RELATIVE_BASE):
                relative = str(term)[len(RELATIVE_BASE) :]
                line = next((n for n, row in enumerate(text.splitlines(), 1) if relative in row), None)
                raise RdfSyntaxError(
                    path,
                    line,
                    f"relative IRI <{relative}>: write the full IRI "
                    "(https://w3id.org/ketnghia/id/...) or declare @base",
                    vi=f"IRI tương đối <{relative}>: hãy viết IRI đầy đủ (https://w3id.org/ketnghia/id/...) "
                    "hoặc khai báo @base",
                )


def _all_triples(graph: Graph):
    """Triples of a Graph, or of every graph of a Dataset (whose triples() sees the default graph only)."""
    if isinstance(graph, Dataset):
        return (quad[:3] for quad in graph.quads((None, None, None, None)))
    return iter(graph.triples((None, None, None)))


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
        except Exception:  # any failure marks the culprit line
            return number
    return None


# --------------------------------------------------------------------------- where records start

_TURTLE_TOKEN = re.compile(
    r'''
    (?P<space>\s+) | (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\')
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<punct>[.;,\[\](){}])
  | (?P<word>[^\s;,\[\](){}<"'\#]+?(?=[\s;,\[\](){}<"'\#]|\.(?:[\s\#]|$)|$))
''',
    re.X,
)


def record_lines(path: str | Path, text: str | None = None) -> dict[URIRef, int]:
    """Line where each subject's first statement starts in an RDF file ({} when unknown).

    Turtle and TriG are scanned token by token (strings, comments and nested brackets skipped,
    prefixes and @base resolved); N-Triples/N-Quads line by line; JSON-LD by its "@id" keys.
    """
    path = Path(path)
    if text is None:
        try:
            text, _ = decode_text(path.read_bytes(), path)
        except (OSError, InputError):
            return {}
    fmt = FORMATS.get(path.suffix.lower())
    if fmt in ("turtle", "trig", "n3"):
        return _turtle_subject_lines(text)
    if fmt in ("nt", "nquads"):
        lines: dict[URIRef, int] = {}
        for number, row in enumerate(text.splitlines(), 1):
            match = re.match(r"\s*<([^>]*)>", row)
            if match:
                lines.setdefault(URIRef(match.group(1)), number)
        return lines
    if fmt == "json-ld":
        return _jsonld_id_lines(text)
    return {}


def _turtle_subject_lines(text: str) -> dict[URIRef, int]:
    tokens = []  # (kind, text, line)
    line = 1
    for match in _TURTLE_TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind not in ("space", "comment"):
            tokens.append((kind, value, line))
        line += value.count("\n")
    prefixes: dict[str, str] = {}
    base = RELATIVE_BASE
    found: dict[URIRef, int] = {}
    expect_subject, depth, i = True, 0, 0
    while i < len(tokens):
        kind, value, line = tokens[i]
        lowered = value.lower()
        if expect_subject and depth == 0 and lowered in ("@prefix", "prefix") and i + 2 < len(tokens):
            prefixes[tokens[i + 1][1].rstrip(":")] = _resolve_iri(tokens[i + 2][1], base)
            i += 3
            continue
        if expect_subject and depth == 0 and lowered in ("@base", "base") and i + 1 < len(tokens):
            base = _resolve_iri(tokens[i + 1][1], base)
            i += 2
            continue
        if value in ("[", "("):
            depth += 1
            expect_subject = False
        elif value in ("]", ")"):
            depth = max(depth - 1, 0)
        elif value in ("{", "}") or (value == "." and depth == 0):
            expect_subject = True
        elif expect_subject and depth == 0 and kind in ("iri", "word") and lowered != "graph":
            expect_subject = False
            next_value = tokens[i + 1][1] if i + 1 < len(tokens) else ""
            if next_value != "{":  # a graph name, not a subject
                iri = _resolve_token(kind, value, prefixes, base)
                if iri is not None:
                    found.setdefault(URIRef(iri), line)
        i += 1
    return found


def _resolve_iri(token: str, base: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, token[1:-1]) if token.startswith("<") else token


def _resolve_token(kind: str, value: str, prefixes: dict[str, str], base: str) -> str | None:
    if kind == "iri":
        return _resolve_iri(value, base)
    prefix, colon, local = value.partition(":")
    if not colon or prefix not in prefixes:
        return None
    return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)


def _jsonld_id_lines(text: str) -> dict[URIRef, int]:
    try:
        document = json.loads(text)
    except ValueError:
        return {}
    context = document.get("@context", {}) if isinstance(document, dict) else {}
    prefixes = {k: v for k, v in context.items() if isinstance(v, str)} if isinstance(context, dict) else {}
    found: dict[URIRef, int] = {}
    for number, row in enumerate(text.splitlines(), 1):
        for value in re.findall(r'"@id"\s*:\s*"([^"]*)"', row):
            prefix, colon, local = value.partition(":")
            iri = prefixes[prefix] + local if colon and prefix in prefixes else value
            found.setdefault(URIRef(iri), number)
    return found
