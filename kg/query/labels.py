"""The language of the labels a saved query returns: `kg query --lang vi` gives "Cứu trợ thiên
tai" where `--lang en` gives "Disaster relief".

Why rewrite the query rather than relabel its answer: the saved queries pick a label with
`FILTER(LANG(?name) = "en")` inside sub-selects and often join several with GROUP_CONCAT, so the
answer holds plain strings, no longer the concepts they name. The filter is the one place that
knows which literal is a label; a VALUES binding of the language would not reach the sub-selects
(Oxigraph evaluates them on their own). So the convention is: a `LANG(?x) = "en"` test in a saved
query means "in the reader's language"; this module turns it into the chosen one. Every concept of
the ontology and the vocabularies carries both languages (tests/query/test_labels.py checks it, so
no row can vanish). Names of units, organizations and people are filtered "vi" and stay: the
gazetteer names units only in Vietnamese, and that is their name in either language.
"""

from __future__ import annotations

from kg.query.sparql_syntax import significant_tokens

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
