"""A SPARQL syntax error shown where it is: file, line, column, the line itself and a caret.

pyoxigraph's SyntaxError says only "error at 3:23: expected …" (line and column in characters,
1-based, of the farthest point the parser reached). The text it parsed is the bound query (a
VALUES block inserted), so the position is found again on the text as written, which is what the
user can open: a query file, a saved query, or --sparql text.
"""

from __future__ import annotations

from kg.errors import KgError, caret_lines, sparql_position


class SparqlSyntaxError(KgError):
    """Query text that is not SPARQL; the message ends with the offending line and a caret."""


def parse_error(text: str) -> str | None:
    """pyoxigraph's complaint about `text` (parsed on an empty store, nothing evaluated), or None."""
    import pyoxigraph as ox

    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        return str(exc)
    except (RuntimeError, ValueError, OSError):
        return None
    return None


def located(text: str, where: str, fallback_message: str) -> SparqlSyntaxError:
    """The error for query `text` named `where` (a file or "--sparql"), the position found again
    on `text` as written; `fallback_message` is pyoxigraph's message on the text it was sent."""
    message = parse_error(text) or fallback_message
    found = sparql_position(message)
    if found is None:
        detail = " ".join(message.split())
        return SparqlSyntaxError(
            f"{where}: the query is not valid SPARQL: {detail}",
            vi=f"{where}: truy vấn không phải SPARQL hợp lệ (trình đọc báo: «{detail}»)",
        )
    line, column, expected = found
    line, column, shown = caret_lines(text, line, column)
    return SparqlSyntaxError(
        f"{where}:{line}:{column}: not valid SPARQL: {expected}\n{shown}",
        vi=f"{where}:{line}:{column}: lỗi cú pháp SPARQL (trình đọc báo: «{expected}»)\n{shown}",
    )
