"""The `table` format for people at a terminal: fitted to a width, numbers written for reading.

Width: the table never prints a line wider than `width` (kg query: --max-width, else the terminal's
width as shutil.get_terminal_size reports it, which honours $COLUMNS). Columns that fit keep their
natural width; the space left is shared equally among the wider ones (a column never gets more than
it needs, so what one short column leaves goes to the others), and a clipped cell ends with "…".
When the columns could not get `MIN_COLUMN` characters each, rows are printed as records instead,
one `variable  value` line per bound value.

Numbers (table only; csv, tsv and json stay raw, as the SPARQL result formats define them):
integers of 5 digits or more and every decimal are grouped by thousands — "1.700.000.000" and
decimal comma in Vietnamese, "1,700,000,000" and decimal point in English; shorter integers (a year
stored as a number, a count) are left as written. A column whose name holds "VND" (amountVND,
totalVND) is an amount in đồng and gets " ₫".
"""

from __future__ import annotations

import io
import re
import unicodedata

import pyoxigraph as ox

from kg.query.results import XSD, QueryResult, _INTEGER_TYPES, display, text_width

MIN_COLUMN = 8  # narrower than this a column says nothing: records read better
GAP = "  "

_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimal mark)
_PLAIN_NUMBER = re.compile(r"([+-]?)([0-9]+)(?:\.([0-9]+))?")


def format_number(term, variable: str, language: str) -> str | None:
    """A numeric literal written for reading, or None when `term` is not one (or ill-typed)."""
    if not isinstance(term, ox.Literal):
        return None
    datatype = term.datatype.value
    is_integer = datatype in _INTEGER_TYPES
    if not is_integer and datatype != XSD + "decimal":
        return None
    match = _PLAIN_NUMBER.fullmatch(term.value.strip())
    if match is None:
        return None
    sign, whole, fraction = match.groups()
    whole = whole.lstrip("0") or "0"
    money = "vnd" in variable.lower()
    thousands, mark = _SEPARATORS.get(language, _SEPARATORS["en"])
    if is_integer and len(whole) < 5 and not money:
        text = whole
    else:
        text = f"{int(whole):,}".replace(",", thousands)
    fraction = (fraction or "").rstrip("0")
    if fraction:
        text += mark + fraction
    return ("-" if sign == "-" and (whole != "0" or fraction) else "") + text + (" ₫" if money else "")


def cell_text(term, variable: str, language: str) -> str:
    number = format_number(term, variable, language)
    text = number if number is not None else display(term)
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def clip(text: str, limit: int) -> str:
    """`text` in at most `limit` terminal columns, "…" marking a cut."""
    if text_width(text) <= limit:
        return text
    if limit <= 0:
        return ""
    out, used = [], 0
    for ch in unicodedata.normalize("NFC", text):
        step = text_width(ch)
        if used + step > limit - 1:
            break
        out.append(ch)
        used += step
    return "".join(out) + "…"


def share_widths(natural: list[int], available: int, keep: frozenset[int] = frozenset()) -> list[int]:
    """Column widths summing to at most `available`: a column needing no more than an equal share
    keeps its width, and what it leaves is shared among the others, again and again. Columns in
    `keep` (numbers: a clipped amount misleads) keep their width while they take at most half."""
    widths = list(natural)
    if sum(natural) <= available:
        return widths
    kept = sum(natural[i] for i in keep)
    if not keep or kept > available // 2:
        keep, kept = frozenset(), 0
    pending = sorted((i for i in range(len(natural)) if i not in keep), key=lambda i: natural[i])
    left = available - kept
    while pending:
        share = left // len(pending)
        i = pending[0]
        if natural[i] <= share:
            widths[i] = natural[i]
            left -= natural[i]
            pending.pop(0)
            continue
        # every remaining column needs more than an equal share: split what is left evenly
        extra = left - share * len(pending)
        for k, j in enumerate(sorted(pending)):
            widths[j] = share + (1 if k < extra else 0)
        break
    return widths


def write_table(
    result: QueryResult, out: io.TextIOBase, *, width: int = 0, language: str = "en", max_cell: int = 0
) -> None:
    """Aligned columns within `width` terminal columns (0: no limit), no column wider than
    `max_cell` (0: no limit), then "(N rows)"."""
    header = list(result.variables)
    body = [[cell_text(t, v, language) for t, v in zip(row, header)] for row in result.rows]
    natural = [max([text_width(h)] + [text_width(r[i]) for r in body]) for i, h in enumerate(header)]
    if max_cell > 0:
        natural = [min(n, max_cell) for n in natural]
    count = _row_count(len(body), language)
    if width > 0:
        available = width - len(GAP) * (len(header) - 1)
        if header and available < MIN_COLUMN * len(header) and sum(natural) > available:
            _write_records(header, body, out, width, count)
            return
        numeric = frozenset(
            i for i, v in enumerate(header) if any(r[i] for r in body) and all(_is_number(r[i]) for r in body)
        )
        widths = share_widths(natural, available, numeric)
    else:
        widths = natural

    def line(cells: list[str]) -> str:
        clipped = [clip(c, w) for c, w in zip(cells, widths)]
        return GAP.join(c + " " * (w - text_width(c)) for c, w in zip(clipped, widths)).rstrip()

    out.write(line(header) + "\n")
    out.write(GAP.join("─" * w for w in widths) + "\n")
    for row in body:
        out.write(line(row) + "\n")
    out.write((clip(count, width) if width > 0 else count) + "\n")


def _write_records(header: list[str], body: list[list[str]], out: io.TextIOBase, width: int, count: str) -> None:
    """Too many columns for the width: each row as `variable  value` lines under a rule."""
    name_width = min(max(text_width(h) for h in header), max(MIN_COLUMN, width // 3), max(1, (width - 2) // 2))
    value_width = max(1, width - name_width - len(GAP))
    for number, row in enumerate(body, 1):
        rule = f"── {number} "
        out.write(clip(rule + "─" * max(0, width - text_width(rule)), width) + "\n")
        for name, value in zip(header, row):
            if value:
                name = clip(name, name_width)
                out.write(f"{name}{' ' * (name_width - text_width(name))}{GAP}{clip(value, value_width)}\n")
    out.write((clip(count, width) if width > 0 else count) + "\n")


_NUMBER_CELL = re.compile(r"-?[0-9][0-9.,]*( ₫)?")


def _is_number(cell: str) -> bool:
    return not cell or _NUMBER_CELL.fullmatch(cell) is not None


def _row_count(n: int, language: str) -> str:
    if language == "vi":
        return f"({n} dòng)"
    return f"({n} row{'s' if n != 1 else ''})"
