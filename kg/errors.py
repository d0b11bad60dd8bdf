"""Errors a user can fix: one base class carrying its exit code and a one-line message.

Every library error the command line reports is a KgError (or a subclass with its own exit
code); `kg.cli.main` catches it once and prints `kg COMMAND: error: MESSAGE` — no traceback —
then exits with the error's code. A message names the file/line or the parameter at fault;
`vi` adds the Vietnamese text where the English one is not already bilingual."""

from __future__ import annotations

import re

EXIT_OK = 0
EXIT_FAILED = 1  # the command ran and found a problem (invalid graph, violations)
EXIT_BAD_INPUT = 2  # unreadable input, unknown name, bad parameter
EXIT_UNAVAILABLE = 3  # no built graph, or a store/endpoint that cannot be reached
EXIT_ENDPOINT_ERROR = 4  # the endpoint answered with an error
EXIT_TIMEOUT = 5  # the query or upload ran past its time limit
EXIT_INTERRUPTED = 130  # Ctrl-C

# (code, meaning in Vietnamese, in English, the commands that return it): README's table and --help
EXIT_CODES = [
    (EXIT_OK, "thành công", "success", "all"),
    (
        EXIT_FAILED,
        "lệnh chạy xong và phát hiện vấn đề (đồ thị bị từ chối, vi phạm, tài liệu cũ)",
        "the command ran and found a problem (graph refused, violations, stale pages, push not verified)",
        "build, validate, contribute, docs --check, push",
    ),
    (
        EXIT_BAD_INPUT,
        "đầu vào không đọc được, tên hoặc tham số sai",
        "unreadable input, unknown name, bad parameter",
        "all",
    ),
    (
        EXIT_UNAVAILABLE,
        "chưa có đồ thị đã xây dựng, hoặc không kết nối được kho/endpoint",
        "no built graph, or a store/endpoint that cannot be reached",
        "dump, query, search, serve, push, contribute, revert, export",
    ),
    (EXIT_ENDPOINT_ERROR, "endpoint trả về lỗi", "the endpoint answered with an error", "query --endpoint, push"),
    (EXIT_TIMEOUT, "quá thời gian cho phép", "past the time limit", "query, push"),
    (EXIT_INTERRUPTED, "bị ngắt (Ctrl-C)", "interrupted (Ctrl-C)", "all"),
]


def exit_code_help() -> str:
    """The exit codes as `kg --help` lists them."""
    lines = ["exit codes / mã thoát:"]
    for code, vi, en, commands in EXIT_CODES:
        lines.append(f"  {code:>3}  {en} / {vi} ({commands})")
    return "\n".join(lines)


class KgError(Exception):
    """An error the user can fix. Subclasses set `exit_code`; a raise site may override it."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str = "", exit_code: int | None = None, *, vi: str | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
        self.vi = vi

    def user_message(self) -> str:
        """One line for people: the Vietnamese text first when there is one."""
        return f"{self.vi} / {self}" if self.vi else str(self)

    def message(self, language: str) -> str:
        """The text in `language` ("vi" or "en"); English when no Vietnamese text was given."""
        return self.vi if language == "vi" and self.vi else str(self)


# OSError reasons in Vietnamese (the English is the system's strerror), by errno name
_OS_REASONS_VI = {
    "ENOENT": "không có tệp hay thư mục này",
    "EACCES": "không có quyền truy cập",
    "EPERM": "không được phép",
    "ELOOP": "vòng liên kết tượng trưng",
    "ENAMETOOLONG": "tên tệp quá dài",
    "EISDIR": "là thư mục, không phải tệp",
    "ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "EEXIST": "đã tồn tại",
    "ENOSPC": "hết chỗ trống trên đĩa",
    "EROFS": "hệ thống tệp chỉ cho đọc",
    "EADDRINUSE": "địa chỉ đang được dùng",
    "EADDRNOTAVAIL": "địa chỉ không có trên máy này",
    "ECONNREFUSED": "kết nối bị từ chối",
    "ETIMEDOUT": "hết thời gian chờ kết nối",
}


def os_reason_vi(exc: BaseException) -> str:
    """Why an OSError happened, in Vietnamese; an errno without a translation keeps the system's
    own text, quoted."""
    import errno

    number = getattr(exc, "errno", None) or 0
    found = _OS_REASONS_VI.get(errno.errorcode.get(number, ""))
    return found or f"lỗi hệ thống «{getattr(exc, 'strerror', None) or exc}»"


def cannot_write_vi(target, exc: BaseException) -> str:
    """'không ghi được TARGET: why' for an OSError met while writing."""
    import errno

    if getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"không ghi được {target}: không có quyền ghi"
    return f"không ghi được {target}: {os_reason_vi(exc)}"


class Unavailable(KgError):
    """Something to run on is missing or unreachable: no built graph, a store, an endpoint."""

    exit_code = EXIT_UNAVAILABLE


# --------------------------------------------------------------------------- SPARQL positions

_SPARQL_POSITION = re.compile(r"error at (\d+):(\d+):\s*")


def sparql_position(message: str) -> tuple[int, int, str] | None:
    """(line, column, what the parser expected) from pyoxigraph's SyntaxError message ("error at
    3:23: expected …": 1-based, columns in characters, the farthest point the parser reached)."""
    match = _SPARQL_POSITION.search(message)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)), " ".join(message[match.end() :].split())


def caret_lines(text: str, line: int, column: int) -> tuple[int, int, str]:
    """(line, column, the line and a caret under the column); a position past the end of the
    text (pyoxigraph's "expected …" at the end) moves to just after the last written character."""
    lines = text.splitlines() or [""]
    if line > len(lines) or (line == len(lines) and column > len(lines[-1]) and not lines[-1].strip()):
        line = max((n for n, row in enumerate(lines, 1) if row.strip()), default=1)
        column = len(lines[line - 1]) + 1
    source = lines[max(line, 1) - 1]
    pad = "".join(ch if ch == "\t" else " " for ch in source[: max(column - 1, 0)])
    return line, column, f"    {source}\n    {pad}^"
