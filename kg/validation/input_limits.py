"""Bounds on what a contribution file can make the parsers do (kg validate, kg contribute).

- only regular files: a FIFO named .ttl made `kg contribute` wait forever for a writer;
- no DOCTYPE or entity declarations in RDF/XML: nested entities ("billion laughs") kept
  `kg validate` busy past 60 s;
- no remote JSON-LD contexts: nothing is loaded from the internet while reading a file;
- nesting at most MAX_DEPTH deep: rdflib's Turtle and JSON-LD parsers recurse, so a deeply
  nested file ended in a RecursionError traceback;
- parsing at most PARSE_SECONDS (where a timer can interrupt it: the main thread).
Each refusal is an InputError: one line, file and line, exit 2.
"""

from __future__ import annotations

from kg.errors import KgError

import json
import os
import signal
import stat
import threading
from contextlib import contextmanager

MAX_DEPTH = 64
PARSE_SECONDS = float(os.environ.get("KG_PARSE_SECONDS", "30"))


def _error(path, line, problem, vi):
    from kg.validation.parsing import InputError

    return InputError(path, line, problem, vi=vi)


def check_regular_file(path) -> None:
    """Refuse FIFOs, devices, sockets and folders before opening them (opening a FIFO blocks)."""
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        raise _error(
            path,
            None,
            f"not a regular file ({kind}); save the contribution as a file and give "
            "its name / không phải tệp thường, hãy lưu đóng góp thành tệp",
            f"không phải tệp thường ({'FIFO' if kind == 'a FIFO' else 'thiết bị hoặc socket'}); "
            "hãy lưu đóng góp thành tệp rồi ghi tên tệp",
        )


def check_text(text: str, fmt: str, path) -> None:
    """Refuse what would make a parser expand, fetch or recurse without bound."""
    if fmt == "xml":
        upper = text.upper()
        for marker in ("<!DOCTYPE", "<!ENTITY"):
            at = upper.find(marker)
            if at >= 0:
                raise _error(
                    path,
                    text.count("\n", 0, at) + 1,
                    f"{marker[2:]} declarations are refused in RDF/XML (entity expansion); remove "
                    "the <!DOCTYPE …> block or send Turtle / khai báo DOCTYPE/ENTITY bị từ chối",
                    f"khai báo {marker[2:]} bị từ chối trong RDF/XML (mở rộng thực thể); hãy xóa "
                    "khối <!DOCTYPE …> hoặc gửi Turtle",
                )
    if fmt in ("turtle", "trig", "n3", "json-ld"):
        depth, line = max_depth(text, json_like=fmt == "json-ld")
        if depth > MAX_DEPTH:
            raise _error(
                path,
                line,
                f"nested more than {MAX_DEPTH} levels deep ([ ], ( ), {{ }}); flatten the "
                f"data / lồng nhau quá {MAX_DEPTH} tầng",
                f"lồng nhau quá {MAX_DEPTH} tầng ([ ], ( ), {{ }}); hãy làm phẳng dữ liệu",
            )
    if fmt == "json-ld":
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            return  # the parser says where the syntax error is
        remote = _remote_context(document)
        if remote is not None:
            where = next((n for n, row in enumerate(text.splitlines(), 1) if remote in row), None)
            raise _error(
                path,
                where,
                f"remote JSON-LD context {remote!r} refused (nothing is fetched from the "
                "network); put the context inline / ngữ cảnh JSON-LD từ xa bị từ chối",
                f"ngữ cảnh JSON-LD từ xa {remote!r} bị từ chối (không tải gì từ mạng); hãy ghi ngữ cảnh ngay trong tệp",
            )


def _remote_context(node) -> str | None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in ("@context", "@import"):
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            return ctx
                        if isinstance(ctx, dict) and isinstance(ctx.get("@import"), str):
                            return ctx["@import"]
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return None


def max_depth(text: str, json_like: bool = False) -> tuple[int, int]:
    """(deepest bracket nesting outside strings, IRIs and comments, the line where it is reached)."""
    depth = deepest = 0
    line = deepest_line = 1
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif ch in "[({":
            depth += 1
            if depth > deepest:
                deepest, deepest_line = depth, line
                if deepest > MAX_DEPTH:
                    break
        elif ch in "])}":
            depth -= 1
        elif ch == '"' or (ch == "'" and not json_like):
            long = text.startswith(ch * 3, i) and not json_like
            close = ch * 3 if long else ch
            i += len(close)
            while i < n and not text.startswith(close, i):
                if text[i] == "\\":
                    i += 1
                elif text[i] == "\n":
                    line += 1
                i += 1
            i += len(close)
            continue
        elif ch == "<" and not json_like:
            end = text.find(">", i)
            if end > 0 and "\n" not in text[i:end]:
                i = end + 1
                continue
        elif ch == "#" and not json_like:
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        i += 1
    return deepest, deepest_line


class ParseTimeout(KgError):
    pass


@contextmanager
def time_limit(path, seconds: float | None = None):
    """Interrupt parsing after `seconds` (main thread only: the timer is a signal)."""
    seconds = PARSE_SECONDS if seconds is None else seconds
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expired(*_):
        raise ParseTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except ParseTimeout:
        raise _error(
            path,
            None,
            f"reading the file took more than {seconds:g} s; split it into smaller files "
            f"/ đọc tệp quá {seconds:g} giây, hãy chia nhỏ",
            f"đọc tệp mất hơn {seconds:g} giây; hãy chia thành các tệp nhỏ hơn",
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
