"""Safe, atomic output of a whole directory.

The site is written into a fresh temporary directory beside the target, then renamed over it: a
reader sees the old site or the new one, never half of one (the old one is moved aside first and
removed after: two renames in the same directory). A target that is a symlink or not a directory is
refused, so that a typo cannot replace a file or write through a link into another tree.
"""

from __future__ import annotations

from kg.errors import KgError

import os
import shutil
import tempfile
from pathlib import Path


class OutputError(KgError):
    """The output directory cannot be written; the message says why (vi / en)."""


def check_target(target: Path) -> None:
    if target.is_symlink():
        raise OutputError(
            f"{target}: là liên kết tượng trưng, không ghi đè / is a symbolic link; refusing to replace it",
            vi=f"{target}: là liên kết tượng trưng, không ghi đè",
        )
    if target.exists() and not target.is_dir():
        raise OutputError(
            f"{target}: không phải thư mục / exists and is not a directory; refusing to replace it",
            vi=f"{target}: đã tồn tại và không phải thư mục, không ghi đè",
        )


def write_directory(target, fill) -> Path:
    """Call fill(tmp_dir) to write the content, then put it at `target` atomically."""
    target = Path(target).absolute()
    check_target(target)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=parent))
    try:
        fill(tmp)
        os.chmod(tmp, 0o755)
        check_target(target)  # again: it may have changed while we wrote
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            os.rename(target, old / "site")
            os.rename(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


class Writer:
    """Writes files under a root, creating directories once."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._dirs: set = set()
        self.files = 0
        self.bytes = 0
        self.largest = (0, "")

    def write(self, relative: str, content, track: bool = True) -> None:
        path = self.root / relative
        parent = path.parent
        if parent not in self._dirs:
            parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(parent)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(path, "wb") as out:
            out.write(data)
        self.files += 1
        self.bytes += len(data)
        if track and relative.endswith(".html") and len(data) > self.largest[0]:
            self.largest = (len(data), relative)
