"""Just enough SPARQL syntax for the catalogue: a tokenizer, and where a parameter's VALUES block
may be repeated inside sub-selects.

Why repeat it: a saved query can deduplicate early with a DISTINCT sub-select (the union default
graph repeats a triple once per source graph that states it), but Oxigraph evaluates a sub-select
on its own, before any join, so a parameter bound outside does not restrict it. On the 1M-triple
graph agreements-of-organization took 1.2 s as one group and 0.57 s as sub-selects that each
start from the organization.

More uses of the same syntax, on the query as the user wrote it: the language of the labels a
saved query returns (with_label_language), where a syntax error is (located), the query's form
(query_form), its projection (select_projection) and its text without comments.
"""

from __future__ import annotations

import functools
import re

from kg.errors import KgError, caret_lines, sparql_position

# Just enough of the SPARQL grammar to know where we are: comments, strings and IRIs are skipped
# whole, so a brace or a keyword inside them is never taken for syntax. A `<` that does not start
# a well-formed IRI is the less-than operator; `kn:where` is a prefixed name, not the keyword.
_TOKEN_PATTERN = r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
              | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[A-Za-z_][\w.-]*(?::[\w.%-]*)? | :[\w.%-]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<space>\s+)
  | (?P<other>.)
"""


@functools.cache
def token_re() -> re.Pattern:
    return re.compile(_TOKEN_PATTERN, re.VERBOSE | re.DOTALL)


def sparql_tokens(text: str):
    """(kind, value, end offset, depth) per token; depth counts the braces open around it."""
    depth = 0
    for match in token_re().finditer(text):
        kind = match.lastgroup
        if kind == "space":
            continue
        if kind == "close":
            depth -= 1
        yield kind, match.group(), match.end(), depth
        if kind == "open":
            depth += 1


def significant_tokens(text: str) -> list[tuple[str, str, int, int]]:
    return [t for t in sparql_tokens(text) if t[0] != "comment"]


def _matching_close(tokens, open_index: int) -> int:
    depth = tokens[open_index][3]
    for i in range(open_index + 1, len(tokens)):
        if tokens[i][0] == "close" and tokens[i][3] == depth:
            return i
    return len(tokens)


_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}
_AFTER_GROUP_KEYS = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}


def _bindable_in_subselect(tokens, select_index: int, where_open: int, where_close: int, end: int) -> set[str]:
    """Variables of one sub-select that a VALUES block at the start of its WHERE group restricts
    exactly as the same block outside it would: projected as plain variables, group keys when it
    groups, never assigned inside (BIND … AS), and no LIMIT/OFFSET (they cut before the join)."""
    projected, parens, aggregated = set(), 0, False
    for kind, value, _end, _depth in tokens[select_index + 1 : where_open]:
        if value == "(":
            parens += 1
        elif value == ")":
            parens -= 1
        elif kind == "var" and parens == 0:
            projected.add(value[1:])
        elif kind == "word" and value.upper() in _AGGREGATES:
            aggregated = True
    assigned = {
        tokens[i + 1][1][1:]
        for i in range(where_open, where_close)
        if tokens[i][0] == "word" and tokens[i][1].upper() == "AS" and tokens[i + 1][0] == "var"
    }
    keys, in_keys, grouped = set(), False, False
    for i in range(where_close + 1, end):
        kind, value = tokens[i][0], tokens[i][1]
        word = value.upper() if kind == "word" else ""
        if word in ("LIMIT", "OFFSET"):
            return set()
        if word == "BY" and tokens[i - 1][1].upper() == "GROUP":
            grouped = in_keys = True
        elif word in _AFTER_GROUP_KEYS:
            in_keys = False
        elif in_keys and kind == "var" and tokens[i - 1][1].upper() != "AS":
            keys.add(value[1:])
    if grouped:
        projected &= keys
    elif aggregated:
        return set()
    return projected - assigned


def _scan_group(tokens, group_open: int, allowed: set[str] | None, found: list) -> None:
    content_depth = tokens[group_open][3] + 1
    close = _matching_close(tokens, group_open)
    i = group_open + 1
    while i < close:
        kind, value, _end, depth = tokens[i]
        if kind == "open" and depth == content_depth and i + 1 < close and tokens[i + 1][1].upper() == "SELECT":
            end = _matching_close(tokens, i)
            before = tokens[i - 1]
            after = tokens[end + 1][1].upper() if end + 1 < len(tokens) else ""
            # a join element of this group (after a triple, a group, FILTER or BIND) or OPTIONAL {
            # SELECT … }; not a UNION branch, GRAPH, SERVICE, MINUS or EXISTS (there, rows the
            # block would drop could change the answer)
            joined = i - 1 == group_open or before[1] in (".", "}", ")") or before[1].upper() == "OPTIONAL"
            where_open = next((k for k in range(i + 2, end) if tokens[k][0] == "open"), None)
            if joined and after != "UNION" and where_open is not None:
                where_close = _matching_close(tokens, where_open)
                names = _bindable_in_subselect(tokens, i + 1, where_open, where_close, end)
                if allowed is not None:
                    names &= allowed
                if names:
                    found.append((tokens[where_open][2], frozenset(names)))
                    _scan_group(tokens, where_open, names, found)
            i = end + 1
            continue
        i += 1


def where_group_open(tokens) -> int | None:
    """Index (in `tokens`) of the `{` opening the outermost WHERE group; None without WHERE."""
    seen_where = False
    for index, (kind, value, _end, depth) in enumerate(tokens):
        if depth != 0:
            continue
        if kind == "word" and value.upper() == "WHERE":
            seen_where = True
        elif kind == "open" and seen_where:
            return index
    return None


@functools.lru_cache(maxsize=256)
def subselect_groups(text: str) -> tuple[tuple[int, frozenset[str]], ...]:
    """(offset just after the `{` of its WHERE group, variables a VALUES block there may bind) for
    each sub-select of the outermost WHERE group that a parameter can be repeated in.

    Safe where the outer block comes first in its group: every solution of that group carries the
    parameter's value, so the sub-select rows a repeated block drops (another value of the same
    variable) could never join, left-join or restrict anything there."""
    tokens = significant_tokens(text)
    where = where_group_open(tokens)
    if where is None:
        return ()
    found: list = []
    _scan_group(tokens, where, None, found)
    return tuple(found)


# --------------------------------------------------------------------------- label language

# The language of the labels a saved query returns: `kg query --lang vi` gives "Cứu trợ thiên
# tai" where `--lang en` gives "Disaster relief".
#
# Why rewrite the query rather than relabel its answer: the saved queries pick a label with
# `FILTER(LANG(?name) = "en")` inside sub-selects and often join several with GROUP_CONCAT, so the
# answer holds plain strings, no longer the concepts they name. The filter is the one place that
# knows which literal is a label; a VALUES binding of the language would not reach the sub-selects
# (Oxigraph evaluates them on their own). So the convention is: a `LANG(?x) = "en"` test in a saved
# query means "in the reader's language"; with_label_language turns it into the chosen one. Every
# concept of the ontology and the vocabularies carries both languages (a test checks it, so
# no row can vanish). Names of units, organizations and people are filtered "vi" and stay: the
# gazetteer names units only in Vietnamese, and that is their name in either language.

LANGUAGES = ("vi", "en")


def with_label_language(text: str, language: str | None) -> str:
    """`text` with each `LANG(?x) = "en"` (either quote, either side of `=`) asking for `language`."""
    if language not in LANGUAGES or language == "en":
        return text
    tokens = significant_tokens(text)
    edits: list[tuple[int, int]] = []  # (start, end) of each "en" literal to replace
    for i, (kind, value, end, _depth) in enumerate(tokens):
        if kind != "string" or value[1:-1].lower() != "en" or len(value) != 4:
            continue
        if _follows_lang_test(tokens, i) or _precedes_lang_test(tokens, i):
            edits.append((end - len(value), end))
    for start, end in reversed(edits):
        quote = text[start]
        text = text[:start] + f"{quote}{language}{quote}" + text[end:]
    return text


def _follows_lang_test(tokens, i: int) -> bool:
    """… LANG ( ?x ) = "en" """
    seq = [t[1].upper() for t in tokens[max(0, i - 5) : i]]
    return len(seq) == 5 and seq[0] == "LANG" and seq[1] == "(" and tokens[i - 3][0] == "var" and seq[3:] == [")", "="]


def _precedes_lang_test(tokens, i: int) -> bool:
    """ "en" = LANG ( ?x ) …"""
    seq = [t[1].upper() for t in tokens[i + 1 : i + 6]]
    return len(seq) == 5 and seq[:3] == ["=", "LANG", "("] and tokens[i + 4][0] == "var" and seq[4] == ")"


# --------------------------------------------------------------------------- syntax errors

# A SPARQL syntax error shown where it is: file, line, column, the line itself and a caret.
#
# pyoxigraph's SyntaxError says only "error at 3:23: expected …" (line and column in characters,
# 1-based, of the farthest point the parser reached). The text it parsed is the bound query (a
# VALUES block inserted), so the position is found again on the text as written, which is what the
# user can open: a query file, a saved query, or --sparql text.


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


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


@functools.lru_cache(maxsize=256)
def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; "UPDATE" for an update; None if neither can be seen.

    Read from the first keyword after the PREFIX/BASE declarations, so that words in comments,
    strings or IRIs (a description saying "add" or "describe") are never taken for the form.
    """
    expect_declaration = 0
    for kind, value, _end, depth in sparql_tokens(text):
        if kind in ("comment",) or depth != 0:
            continue
        if expect_declaration:
            expect_declaration -= 1
            continue
        word = value.upper() if kind == "word" else ""
        if word == "PREFIX":
            expect_declaration = 2  # the prefix name and its IRI
        elif word == "BASE":
            expect_declaration = 1
        elif word in QUERY_FORMS:
            return word
        elif word in UPDATE_WORDS:
            return "UPDATE"
        else:
            return None
    return None


def without_comments(text: str) -> str:
    """The text with its `#` comments (the `#+` header included) left out, everything else as is."""
    return "".join(m.group() for m in token_re().finditer(text) if m.lastgroup != "comment")


def select_projection(text: str) -> set[str] | None:
    """Variables named between SELECT and the WHERE group; None for `SELECT *` or a non-SELECT query."""
    names, inside = set(), False
    for kind, value, _end, depth in sparql_tokens(text):
        if depth != 0:
            continue
        if kind == "word" and value.upper() == "SELECT":
            inside = True
        elif inside and kind == "other" and value == "*":
            return None
        elif inside and kind == "var":
            names.add(value[1:])
        elif inside and (kind == "open" or (kind == "word" and value.upper() in ("WHERE", "FROM"))):
            return names
    return names if inside else None
