"""The one write lock of a KG_HOME: kg build, kg contribute and kg revert all take it.

Each of them reads the published store, prepares a new one and publishes it; two of them at once
would each publish a store lacking the other's change (a build dropping a contribution merged
while it ran, a revert undone). The lock is an flock on $KG_HOME/write.lock: the kernel releases
it when its holder dies, so a killed writer never blocks the next one.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import threading
from contextlib import contextmanager

from kg import config
from kg.errors import EXIT_UNAVAILABLE, KgError, os_reason_vi

_held = threading.local()


class LockUnavailable(KgError):
    """The write lock cannot be taken (KG_HOME not writable, not a folder...)."""

    exit_code = EXIT_UNAVAILABLE


def held() -> bool:
    """Whether this thread holds the write lock (kg.store.publish requires it)."""
    return getattr(_held, "depth", 0) > 0


@contextmanager
def write_lock():
    """Hold the KG_HOME write lock for the block (re-entrant within one thread)."""
    if held():
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    path = config.home() / "write.lock"
    try:
        config.home().mkdir(parents=True, exist_ok=True)
        # O_NOFOLLOW: a planted symlink cannot make the lock create or truncate another file
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        reason = "a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
        raise LockUnavailable(
            f"cannot take the write lock {path}: {reason}; KG_HOME must be a folder "
            f"you can write to / không lấy được khóa ghi {path}: {reason}",
            vi=f"không lấy được khóa ghi {path}: "
            + ("đó là liên kết tượng trưng" if exc.errno == errno.ELOOP else os_reason_vi(exc))
            + "; KG_HOME phải là thư mục bạn có quyền ghi",
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # say why nothing happens: a 5M-triple build holds it for a minute
            print(
                "kg: waiting for another kg build, contribute or revert to finish (write lock)…",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0
    finally:
        os.close(fd)
