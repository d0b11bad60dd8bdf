"""Checks on `kg`'s one-line errors (subprocess results), in English and in Vietnamese."""

from __future__ import annotations

import re

# English words that must not appear in the prose of a Vietnamese message (issue 26 item 2);
# option names, quoted values, paths and IRIs are code, not prose, and are left out first
ENGLISH_WORDS = re.compile(
    r"\b(the|is|not|no|of|or|and|an|give|name|see|expected|invalid|argument|arguments|unrecognized|"
    r"required|choose|from|cannot|error|file|query|parameter|value|date|such|with|one)\b",
    re.I,
)
_CODE = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|<[^>]*>|«[^»]*»|\bkg(?: [a-z]+)?\b|\S*[-/._:=]\S*")


def assert_one_line_error(result, *fragments: str, code: int = 2) -> str:
    """The single stderr line of a failed run (exit `code`, no traceback), holding each fragment."""
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def assert_error_in_both_languages(run_kg, args: tuple[str, ...], english: tuple, vietnamese: tuple) -> str:
    """The one-line error in English (the tests' locale) and, asked again with --lang vi, in Vietnamese."""
    assert_one_line_error(run_kg("--lang", "vi", *args), *vietnamese)
    return assert_one_line_error(run_kg(*args), *english)


def english_prose(line: str) -> list[str]:
    """English words left in a message once its code-like parts are removed."""
    return ENGLISH_WORDS.findall(_CODE.sub(" ", line))


def assert_translated_error(
    run_kg, args: tuple[str, ...], english: str, vietnamese: str, *, prog: str = "kg", code: int = 2
) -> tuple[str, str]:
    """`--lang en` gives `PROG: error: …english…`; `--lang vi` gives `PROG: lỗi: …vietnamese…`
    with neither the English text nor English words in it. Returns both lines."""
    en = assert_one_line_error(run_kg("--lang", "en", *args), english, code=code)
    assert en.startswith(f"{prog}: error: "), en
    vi = assert_one_line_error(run_kg("--lang", "vi", *args), vietnamese, code=code)
    assert vi.startswith(f"{prog}: lỗi: "), vi
    assert english not in vi and not english_prose(vi), vi
    return en, vi
