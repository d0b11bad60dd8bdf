"""Every file a command writes (export, query --output, extract -o, validate -o, dump -o,
template -o, docs) goes through here.

- `-` is standard output; a device, FIFO or socket is opened and written directly (renaming a
  file onto /dev/full would replace the device with a regular file);
- a symbolic link is written through: the file it points to is written, the link stays;
- a regular file or a new path is written to an unpredictable temporary file created exclusively
  (O_EXCL) in the same folder, then renamed onto it, so a failed run leaves the old file whole and
  a planted `<out>.partial` symlink cannot redirect the write;
- any OSError (disk full, permission, a folder...) becomes OutputError: one line, exit 2.

And data embedded in the HTML pages (the explorer, the site) goes through `script_json`.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KgError, cannot_write_vi


class OutputError(KgError):
    """The output file cannot be written; the message is one line."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device / hết chỗ trống trên đĩa"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"permission denied / không có quyền ghi ({exc.strerror})"
    if exc.errno == errno.EISDIR:
        return "it is a folder, not a file / đó là thư mục, không phải tệp"
    return exc.strerror or str(exc)


def _error(target, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {target}: {_reason(exc)}", vi=cannot_write_vi(target, exc))


@contextmanager
def open_output(target, binary: bool = False, encoding: str = "utf-8", newline: str | None = None):
    """A writable handle for `target` (see the module docstring); committed when the block ends
    without an exception, discarded otherwise."""
    target = os.fspath(target) if target is not None else ""
    if target == "":
        raise OutputError("the output file name is empty / tên tệp đầu ra trống", vi="tên tệp đầu ra trống")
    if target == "-":
        sys.stdout.flush()
        handle = sys.stdout.buffer if binary else sys.stdout
        yield handle
        handle.flush()
        return
    if "\0" in target:
        raise OutputError(
            f"cannot write {target!r}: a file name cannot hold a NUL character",
            vi=f"không ghi được {target!r}: tên tệp không được chứa ký tự NUL",
        )
    real = Path(os.path.realpath(target))  # a symlink (or a chain) is written through
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _error(target, exc) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _error(target, IsADirectoryError(errno.EISDIR, "is a directory"))
    if info is not None and not stat.S_ISREG(info.st_mode):
        yield from _direct(target, real, binary, encoding, newline)
        return
    yield from _replace(target, real, info, binary, encoding, newline)


def _direct(target, real: Path, binary: bool, encoding: str, newline):
    """A device, FIFO or socket: written as it is, never created, truncated or replaced."""
    try:
        fd = os.open(real, os.O_WRONLY | os.O_CLOEXEC | os.O_NOCTTY)
        handle = os.fdopen(
            fd, "wb" if binary else "w", **({} if binary else {"encoding": encoding, "newline": newline})
        )
    except OSError as exc:
        raise _error(target, exc) from None
    try:
        yield handle
        handle.close()
    except OSError as exc:
        raise _error(target, exc) from None
    finally:
        if not handle.closed:
            try:
                handle.close()
            except OSError:
                pass


def _replace(target, real: Path, info, binary: bool, encoding: str, newline):
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)  # O_EXCL, random
    except OSError as exc:
        raise _error(target, exc) from None
    try:
        handle = os.fdopen(
            fd, "wb" if binary else "w", **({} if binary else {"encoding": encoding, "newline": newline})
        )
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except OSError as exc:
        _remove(tmp)
        raise _error(target, exc) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(target, data: str | bytes, encoding: str = "utf-8") -> int:
    """Write `data` (text: encoded as is, no newline translation) to `target` safely; returns the
    number of bytes written."""
    payload = data if isinstance(data, bytes) else data.encode(encoding)
    with open_output(target, binary=True) as handle:
        handle.write(payload)
    return len(payload)


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no '</script>', no '<!--', no JS line breaks."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text
