"""Reading a steward's CSV (a `kg template`) into RDF, every problem tied to a row and a column.

Robust to what spreadsheets produce: a UTF-8 BOM, UTF-16 LE/BE with a BOM ("Unicode text"),
`,` `;` or tab as separator (sniffed from the header row), columns in any order (matched by
header, see kg.steward.csv_templates), comment rows (`#` in the first cell) and empty rows anywhere.

What is an error of the file, and what of its data (documented in docs/steward-guide.md):
- the file cannot be read as one of our templates -- undecodable, binary, no separator, no known
  column, a required column missing, a column twice: InputError, one line, `kg validate` exit 2;
- a cell that cannot be read (an impossible date, an amount in words, an unknown unit): a
  violation at its row and column, exit 1; the rest of the file is still checked. Rows with such
  cells are left out of the graph, so the shapes do not report the same problem twice;
- an extra column the template does not have: a warning at the header row; its values are ignored.

Row numbers are the spreadsheet's: the n-th record of the file, comment and empty rows included.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from kg.steward.csv_templates import TEMPLATES, Column, Template
from kg.vietnamese import search_key
from kg.validation.parsing import InputError, decode_text, read_bytes
from kg.validation.report import KNSH, ValidationIssue

CSV_SUFFIXES = (".csv", ".tsv")
CELL_SHAPE = KNSH["CsvCell"]
CELL_COMPONENT = "knsh:CsvCellComponent"
_SEPARATORS = {",": "','", ";": "';'", "\t": "tab"}
_MARKER = re.compile(r"#\s*kg-template:\s*([a-z_]+)")


@dataclass
class Table:
    """The rows of a CSV template, cells keyed by column key."""

    path: Path
    encoding: str
    delimiter: str
    template: Template
    header_row: int
    headers: dict[str, str]  # column key -> header as written in the file
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row, {key: stripped cell})
    problems: list[tuple[int, str | None, str, str, str]] = field(default_factory=list)
    # (row, header or None, cell text, message vi, message en), severity below
    warnings: list[tuple[int, str | None, str, str, str]] = field(default_factory=list)


def is_csv(path: str | Path) -> bool:
    return Path(path).suffix.lower() in CSV_SUFFIXES


def _clean(cell: str) -> str:
    return unicodedata.normalize("NFC", cell).strip()


def _is_comment(cells: list[str]) -> bool:
    return bool(cells) and cells[0].lstrip().startswith("#")


def _sniff(path: Path, text: str) -> tuple[str, int]:
    """(separator, physical line of the header) from the first line that is not a comment."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip().lstrip('"').lstrip()
        if not stripped or stripped.startswith("#") or not line.strip(',;\t "'):
            continue
        outside = re.sub(r'"[^"]*"', "", line)
        counts = {sep: outside.count(sep) for sep in _SEPARATORS}
        best = max(counts, key=lambda sep: counts[sep])
        if counts[best] == 0:
            other = next((c for c in "|:" if c in outside), None)
            hint = f" (it seems to use {other!r}, which is not supported)" if other else ""
            hint_vi = f" (có vẻ dùng {other!r}, ký tự không được hỗ trợ)" if other else ""
            raise InputError(
                path,
                number,
                f"no column separator in the header row{hint}: separate the "
                "columns with ',' ';' or a tab (save as CSV from the spreadsheet)",
                vi=f"hàng tiêu đề không có dấu phân cách cột{hint_vi}: hãy phân cách các cột bằng ',' ';' "
                "hoặc tab (lưu dạng CSV từ bảng tính)",
            )
        return best, number
    raise InputError(path, None, _NO_HEADER, vi=_NO_HEADER_VI)


_NO_HEADER = "no header row: the file holds only comments or empty rows"
_NO_HEADER_VI = "không có hàng tiêu đề: tệp chỉ có chú thích hoặc hàng trống"


def _header_key(cell: str, template: Template | None) -> Column | None:
    bracket = re.search(r"\[([a-z0-9_]+)\]\s*$", cell)
    candidates = [template] if template else list(TEMPLATES.values())
    for candidate in candidates:
        for column in candidate.columns:
            if (bracket and bracket.group(1) == column.key) or (not bracket and search_key(cell) in column.names()):
                return column
    return None


def _choose_template(path: Path, marker: str | None, header: list[str], header_row: int) -> Template:
    if marker:
        if marker not in TEMPLATES:
            raise InputError(
                path,
                None,
                f"unknown template {marker!r} in the '# kg-template:' line (known: {', '.join(TEMPLATES)})",
                vi=f"mẫu {marker!r} ở dòng '# kg-template:' không tồn tại (các mẫu: {', '.join(TEMPLATES)})",
            )
        return TEMPLATES[marker]
    scores = {name: sum(1 for cell in header if _header_key(cell, t)) for name, t in TEMPLATES.items()}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if ranked[0][1] < 2 or ranked[0][1] == ranked[1][1]:
        raise InputError(
            path,
            header_row,
            "not a kg CSV template: the header row does not name the columns of "
            f"one template (write one with `kg template {'|'.join(TEMPLATES)}`)",
            vi="không phải mẫu CSV của kg: hàng tiêu đề không nêu tên các cột của một mẫu nào "
            f"(tạo mẫu bằng `kg template {'|'.join(TEMPLATES)}`)",
        )
    return TEMPLATES[ranked[0][0]]


def read_table(path: str | Path, max_bytes: int | None = None) -> Table:
    """The file's rows as {column key: cell}; InputError when it cannot be read as a template."""
    path = Path(path)
    text, encoding = decode_text(read_bytes(path, max_bytes), path)
    delimiter, _header_line = _sniff(path, text)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    marker, header_row, header = None, 0, None
    for number, cells in enumerate(records, 1):
        cells = [_clean(c) for c in cells]
        if _is_comment(cells):
            found = _MARKER.match(cells[0])
            marker = marker or (found.group(1) if found else None)
        elif any(cells):
            header_row, header = number, cells
            break
    if header is None:
        raise InputError(path, None, _NO_HEADER, vi=_NO_HEADER_VI)
    template = _choose_template(path, marker, header, header_row)

    by_index: dict[int, Column] = {}
    headers: dict[str, str] = {}
    table = Table(path, encoding, delimiter, template, header_row, headers, [])
    for index, cell in enumerate(header):
        if not cell:
            continue
        column = _header_key(cell, template)
        if column is None:
            table.warnings.append(
                (
                    header_row,
                    cell,
                    cell,
                    f"Cột {cell!r} không có trong mẫu {template.name}: giá trị của cột này bị bỏ qua.",
                    f"Column {cell!r} is not in the {template.name} template: its values are ignored.",
                )
            )
            continue
        if column.key in headers:
            raise InputError(
                path,
                header_row,
                f"column {column.key!r} appears twice ({headers[column.key]!r} and {cell!r})",
                vi=f"cột {column.key!r} xuất hiện hai lần ({headers[column.key]!r} và {cell!r})",
            )
        by_index[index], headers[column.key] = column, cell
    missing = [c for c in template.columns if c.required and c.key not in headers]
    if missing:
        names = ", ".join(f"{c.key} ({c.vi} / {c.en})" for c in missing)
        names_vi = ", ".join(f"{c.key} ({c.vi})" for c in missing)
        raise InputError(
            path,
            header_row,
            f"missing required column(s) of the {template.name} template: {names}",
            vi=f"thiếu (các) cột bắt buộc của mẫu {template.name}: {names_vi}",
        )

    width = len(header)
    for number, cells in enumerate(records[header_row:], header_row + 1):
        cells = [_clean(c) for c in cells]
        if not any(cells) or _is_comment(cells):
            continue
        if len(cells) == 1 and width > 1:
            other = next((_SEPARATORS[s] for s in _SEPARATORS if s != delimiter and s in cells[0]), None)
            hint_en = f"; is it separated by {other} instead of {_SEPARATORS[delimiter]}?" if other else ""
            hint_vi = f"; có phải hàng này ngăn cách bằng {other} thay vì {_SEPARATORS[delimiter]}?" if other else ""
            table.problems.append(
                (
                    number,
                    None,
                    cells[0],
                    f"Hàng chỉ có 1 ô trong khi tiêu đề có {width} cột{hint_vi}",
                    f"The row has 1 cell but the header has {width} columns{hint_en}",
                )
            )
            continue
        overflow = [c for c in cells[width:] if c]
        if overflow:
            table.problems.append(
                (
                    number,
                    None,
                    overflow[0],
                    "Hàng có giá trị nằm ngoài các cột có tiêu đề.",
                    "The row has values beyond the columns of the header row.",
                )
            )
        table.rows.append((number, {by_index[i].key: c for i, c in enumerate(cells) if i in by_index}))
    return table


# --------------------------------------------------------------------------- to RDF


@dataclass
class CsvContribution:
    """What a CSV file contributes, and where each part of it came from."""

    graph: Graph
    issues: list[ValidationIssue]
    rows: dict[Node, int]  # record (or row node) -> spreadsheet row
    columns: dict  # (record, value or path text) or issue -> column header
    labels: Graph  # display names of row nodes, for reports only
    table: Table


def row_node(path: Path, row: int) -> URIRef:
    return URIRef(f"{path.resolve().as_uri()}#row={row}")


def read_csv_contribution(path: str | Path, resolver, max_bytes: int | None = None) -> CsvContribution:
    """Read a CSV template into a graph; `resolver` (kg.steward.csv_values.Resolver) turns cells into IRIs."""
    from kg.steward import csv_records

    table = read_table(path, max_bytes)
    result = CsvContribution(Graph(), [], {}, {}, Graph(), table)
    seen: dict[URIRef, int] = {}
    for row, values in table.rows:
        built = csv_records.build_row(table, row, values, resolver)
        for key, text, vi, en in built.problems:
            _cell_issue(result, row, table.headers.get(key), text, vi, en, "Violation")
        if built.problems or built.record is None:
            continue
        if built.record in seen:
            _cell_issue(
                result,
                row,
                None,
                str(built.record),
                f"Hàng này mô tả lại đúng bản ghi của hàng {seen[built.record]} (cùng IRI).",
                f"This row describes the same record as row {seen[built.record]} (same IRI).",
                "Violation",
            )
            continue
        seen[built.record] = row
        result.graph += built.graph
        for subject in built.graph.subjects():
            result.rows.setdefault(subject, row)
        for (subject, value), key in built.columns.items():
            result.columns.setdefault((subject, value), table.headers.get(key, key))
    for row, header, text, vi, en in table.problems:
        _cell_issue(result, row, header, text, vi, en, "Violation")
    for row, header, text, vi, en in table.warnings:
        _cell_issue(result, row, header, text, vi, en, "Warning")
    result.issues.sort(key=ValidationIssue.sort_key)
    return result


def _cell_issue(
    result: CsvContribution, row: int, header: str | None, text: str | None, vi: str, en: str, severity: str
) -> None:
    focus = row_node(result.table.path, row)
    result.rows[focus] = row
    result.labels.add((focus, RDFS.label, Literal(f"Hàng {row} của tệp CSV", lang="vi")))
    result.labels.add((focus, RDFS.label, Literal(f"Row {row} of the CSV file", lang="en")))
    issue = ValidationIssue(
        focus=focus,
        path=None,
        value=Literal(text) if text else None,
        severity=severity,
        shape=CELL_SHAPE,
        component=CELL_COMPONENT,
        message_vi=vi,
        message_en=en,
        node_shape=CELL_SHAPE,
    )
    result.issues.append(issue)
    if header:
        result.columns[issue] = header
