"""Progress bars within long steps (loading a large build, push, national exports), drawn with
tqdm on stderr when it is a terminal, and nothing at all otherwise: piped or redirected output,
logs and tests never see a bar or its escape codes.

    with progress.bar(total=size, unit="B", label="loading") as advance:
        for chunk in chunks:
            ...
            advance(len(chunk))

The library layers call this; they do not know whether anyone watches. KG_PROGRESS=0 turns the
bars off on a terminal too; KG_PROGRESS=1 forces them (to record a terminal session).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator


def enabled() -> bool:
    forced = os.environ.get("KG_PROGRESS", "")
    if forced in ("0", "1"):
        return forced == "1"
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


def _width() -> dict:
    """tqdm's size options: follow the terminal, unless it says it is 0×0 (a pseudo-terminal
    nobody sized), where tqdm would draw nothing: then $COLUMNS/$LINES or 80×24."""
    import shutil

    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        size = os.terminal_size((0, 0))
    if size.columns > 0 and size.lines > 0:
        return {"file": sys.stderr, "dynamic_ncols": True}
    fallback = shutil.get_terminal_size((80, 24))
    return {"file": sys.stderr, "ncols": fallback.columns or 80, "nrows": fallback.lines or 24}


@contextlib.contextmanager
def bar(total: float | None, label: str, unit: str = "it") -> Iterator[Callable[[float], None]]:
    """A function to call with each step's size; a bar only when enabled()."""
    if not enabled():
        yield lambda _n: None
        return
    from tqdm import tqdm  # only on a terminal: importing it is not free

    with tqdm(
        total=total,
        desc=label,
        unit=unit,
        unit_scale=unit != "it",
        unit_divisor=1024 if unit == "B" else 1000,
        leave=False,
        **_width(),
    ) as shown:
        yield shown.update


class Steps:
    """A bar over `total` named steps, for code that cannot sit in one with-block: `advance()`
    after each step; it closes itself after the last one (or at `close()`)."""

    def __init__(self, total: int, label: str):
        self.total, self.done = total, 0
        self._bar = None
        if enabled():
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=label, unit="step", leave=False, **_width())

    def advance(self, what: str = "") -> None:
        self.done += 1
        if self._bar is not None:
            if what:
                self._bar.set_postfix_str(what, refresh=False)
            self._bar.update(1)
            if self.done >= self.total:
                self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
