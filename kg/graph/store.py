"""The one place that opens the graph: the embedded on-disk store, published atomically.

Layout under kg.config.home():

    store -> stores/<build id>      symlink to the published store (swapped atomically)
    stores/<build id>/              a pyoxigraph (RocksDB) store
    stores/<build id>.meta.json     what the build put in it (fingerprint, counts, times)

Writers never modify the published store in place: they prepare a new directory and swap the
symlink with os.replace(), which is atomic on POSIX. A reader, a crash or a killed process
therefore sees either the old store or the new one, never a mix. memory_copy() makes an
in-memory copy of a published store for a process that runs many queries (kg.api.keep_in_memory).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pyoxigraph as ox

from kg.errors import Unavailable
from kg import config

META_SUFFIX = ".meta.json"


class StoreMissing(Unavailable):
    """No graph has been built yet at the expected location."""


def missing() -> StoreMissing:
    """The error every command gives when there is no built graph, in both languages."""
    where = config.store_path()
    return StoreMissing(
        f"no built graph at {where}; run `kg build` first",
        vi=f"chưa có đồ thị đã xây dựng tại {where}; hãy chạy `kg build` trước",
    )


class PublishedStore:
    """The published store's real directory (symlink resolved) and what its build recorded."""

    __slots__ = ("path", "meta")

    def __init__(self, path: Path, meta: dict):
        self.path, self.meta = path, meta

    def __repr__(self) -> str:
        return f"PublishedStore({str(self.path)!r})"


def stores_dir() -> Path:
    return config.home() / "stores"


def published() -> PublishedStore | None:
    link = config.store_path()
    if not link.exists():
        return None
    real = link.resolve()
    meta_file = real.with_name(real.name + META_SUFFIX)
    meta = json.loads(meta_file.read_text("utf-8")) if meta_file.exists() else {}
    return PublishedStore(real, meta)


def open_store(path: Path | None = None, read_only: bool = True) -> ox.Store:
    """Open the published store (read-only by default, so many readers can share it)."""
    if path is None:
        current = published()
        if current is None:
            raise missing()
        path = current.path
    if read_only:
        return ox.Store.read_only(str(path))
    return ox.Store(str(path))


def memory_copy(path: Path) -> ox.Store:
    """An in-memory store holding the same quads as the built store at `path`.

    Lookups in memory skip RocksDB: most saved queries ran 2-4x faster on the 1M-triple graph
    (two quality checks slower: docs/analyst-guide.md), for ~7 s of copying and ~620 MB per
    million triples. Through a temporary N-Quads file (in $TMPDIR): the same time as bytes in
    memory, without holding them too.
    """
    import tempfile

    disk = open_store(path)
    copy = ox.Store()
    with tempfile.TemporaryDirectory(prefix="kg-memory-copy-") as folder:
        dump = Path(folder) / "graph.nq"
        disk.dump(str(dump), format=ox.RdfFormat.N_QUADS)
        del disk
        # the quads were checked when the store was built
        copy.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS, lenient=True)
    return copy


def new_store_dir(prefix: str = "build") -> Path:
    """A fresh directory name for a store being prepared (not created yet)."""
    stores_dir().mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    return stores_dir() / f"{prefix}-{stamp}-{os.urandom(4).hex()}"


def write_meta(store_dir: Path, meta: dict) -> None:
    meta_file = store_dir.with_name(store_dir.name + META_SUFFIX)
    tmp = meta_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
    os.replace(tmp, meta_file)


def publish(store_dir: Path, keep: int = 2) -> None:
    """Point the `store` symlink at store_dir atomically, then drop old unpublished stores.

    Only under kg.locks.write_lock: the caller prepared store_dir from what is published now."""
    from kg.graph import locks

    if not locks.held():
        raise RuntimeError("kg.store.publish needs kg.locks.write_lock()")
    link = config.store_path()
    link.parent.mkdir(parents=True, exist_ok=True)
    before = published()
    tmp_link = link.with_name(f".store-{os.urandom(4).hex()}")
    os.symlink(os.path.relpath(store_dir, link.parent), tmp_link)
    os.replace(tmp_link, link)
    _prune(keep=keep, current=store_dir, previous=before.path if before else None)


def discard(store_dir: Path) -> None:
    """Remove a store that was prepared but not published."""
    import shutil

    shutil.rmtree(store_dir, ignore_errors=True)
    store_dir.with_name(store_dir.name + META_SUFFIX).unlink(missing_ok=True)
    store_dir.with_name(store_dir.name + ".nq").unlink(missing_ok=True)  # kg.graph.build's data file


def copy_of_published(prefix: str) -> Path:
    """A private, writable copy of the published store (hard-linked RocksDB checkpoint: cheap)."""
    current = published()
    if current is None:
        raise missing()
    target = new_store_dir(prefix)
    ox.Store.read_only(str(current.path)).backup(str(target))
    return target


def _prune(keep: int, current: Path, previous: Path | None = None) -> None:
    """Keep the current store and the one it replaced (the last good one, for a quick roll-back).

    Called under the write lock, so no other store is being prepared: any other directory is left
    by a killed writer. Never by modification time: a store being built or a killed build's
    leftover could be newer than the last good one."""
    kept = {current.resolve()} | ({previous.resolve()} if previous is not None and keep > 1 else set())
    for path in stores_dir().iterdir():
        if path.is_dir() and not path.is_symlink() and path.resolve() not in kept:
            discard(path)
    for path in stores_dir().iterdir():  # meta, data and temporary files of removed stores
        if path.is_file() and not (stores_dir() / path.name.split(".", 1)[0]).is_dir():
            path.unlink(missing_ok=True)
