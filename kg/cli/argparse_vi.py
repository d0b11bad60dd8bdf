"""argparse's error messages in Vietnamese (issue 26: every message in the chosen language).

argparse writes its messages in English (gettext, with no Vietnamese catalogue on most systems);
`OneLineParser.error` passes them through `translate`, which knows their formats as regular
expressions and keeps the variable parts (option names, values, choices) as they are. A message
of a format not listed here comes back unchanged: English, but still on kg's one `lỗi` line.
"""

from __future__ import annotations

import re

# "argument -p/--param: DETAIL": the details argparse (and kg's own type= functions) give
_DETAILS = [
    (r"expected one argument", "cần một giá trị"),
    (r"expected at most one argument", "cần nhiều nhất một giá trị"),
    (r"expected at least one argument", "cần ít nhất một giá trị"),
    (r"expected (\d+) arguments?", r"cần \1 giá trị"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"lựa chọn không hợp lệ: \1 (chọn một trong: \2)"),
    (r"invalid int value: (.*)", r"\1 không phải số nguyên"),
    (r"invalid float value: (.*)", r"\1 không phải số"),
    (r"invalid (\S+) value: (.*)", r"giá trị \1 không hợp lệ: \2"),
    (r"not allowed with argument (.*)", r"không dùng được cùng với đối số \1"),
    (r"ignored explicit argument (.*)", r"giá trị ghi kèm \1 bị bỏ qua"),
    (r"can't open (.*?): (.*)", r"không mở được \1: \2"),
    (r"unknown parser (.*) \(choices: (.*)\)", r"lệnh không rõ \1 (chọn một trong: \2)"),
    # kg's own type= functions (kg.cli.export, .query, .search)
    (r"not a year: (.*)", r"\1 không phải năm"),
    (r"not a four-digit year: (.*)", r"\1 không phải năm có bốn chữ số"),
    (r"not a number of seconds: (.*)", r"\1 không phải số giây"),
    (r"must be a finite number more than 0", "phải là số hữu hạn lớn hơn 0"),
    (r"not a number: (.*)", r"\1 không phải số"),
    (r"must be at least 1", "phải ít nhất là 1"),
]

# whole messages
_MESSAGES = [
    (r"unrecognized arguments: (.*)", r"không nhận ra đối số: \1"),
    (r"the following arguments are required: (.*)", r"thiếu đối số bắt buộc: \1"),
    (r"one of the arguments (.*) is required", r"cần một trong các đối số \1"),
    (r"ambiguous option: (\S+) could match (.*)", r"tùy chọn mơ hồ: \1 có thể là \2"),
    (r"unexpected option string: (.*)", r"chuỗi tùy chọn không mong đợi: \1"),
]

_ARGUMENT = re.compile(r"argument (\S+): (.*)", re.S)


def _first_match(table: list[tuple[str, str]], text: str) -> str | None:
    for pattern, replacement in table:
        match = re.fullmatch(pattern, text, re.S)
        if match:
            return match.expand(replacement)
    return None


def translate(message: str) -> str:
    """argparse's `message` in Vietnamese, or unchanged when its format is not known here."""
    argument = _ARGUMENT.fullmatch(message)
    if argument:
        detail = _first_match(_DETAILS, argument.group(2))
        return f"đối số {argument.group(1)}: {detail}" if detail is not None else message
    translated = _first_match(_MESSAGES, message)
    return message if translated is None else translated
