"""The Oxigraph server (PyPI package `oxigraph`) as the graph's SPARQL 1.1 endpoint.

No SPARQL server of our own: `oxigraph serve-read-only` opens the published RocksDB store
read-only, next to any other reader, and serves

    /         the YASGUI query editor (kg serve shows kg.query.editor's page there instead)
    /query    SPARQL 1.1 Protocol queries (GET or POST)
    /update   updates: 403 Forbidden when read-only
    /store    SPARQL 1.1 Graph Store HTTP Protocol (reads only when read-only)

with `--union-default-graph`, so that a query without GRAPH sees every named graph, as the
embedded store does. `oxigraph serve` (writable) is only ever pointed at a private copy: the
published store is never written in place (kg.graph.store's rule).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import EXIT_BAD_INPUT, Unavailable
from kg import config
from kg.graph import store

READY_TIMEOUT = 30.0


class ServerError(Unavailable):
    """The server could not be started; the message says why."""


class StartCancelled(ServerError):
    """Asked to stop (kg serve got SIGTERM) before the server was ready; it has been stopped."""


@dataclass
class Endpoint:
    host: str
    port: int

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    @property
    def store_url(self) -> str:
        return self.base + "/store"


def parse_bind(text: str) -> Endpoint:
    host, sep, port = text.rpartition(":")
    if (
        not sep
        or not host
        or not port.isdigit()
        or not 0 < int(port) < 65536
        or host.startswith("[") != host.endswith("]")
    ):  # "[::1:80" is not "[::1]:80"
        raise ServerError(
            f"--bind wants HOST:PORT (e.g. 127.0.0.1:7878), not {text!r}",
            EXIT_BAD_INPUT,
            vi=f"--bind cần dạng MÁY:CỔNG (ví dụ 127.0.0.1:7878), không phải {text!r}",
        )
    return Endpoint(host.strip("[]"), int(port))


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on now: kg serve puts Oxigraph and its fronts on private loopback ports."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def oxigraph_executable() -> str:
    """The `oxigraph` CLI installed with the project (the venv's bin first, then PATH)."""
    import sys

    beside_python = Path(sys.executable).with_name("oxigraph")
    found = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if not found:
        raise ServerError(
            "the `oxigraph` command is not installed (pip install oxigraph==0.5.13)",
            vi="chưa cài lệnh `oxigraph` (pip install oxigraph==0.5.13)",
        )
    return found


def command(location: Path | None, endpoint: Endpoint, writable: bool = False, timeout: int | None = None) -> list[str]:
    """The oxigraph command line; no location means an in-memory store (writable only)."""
    if location is None and not writable:
        raise ServerError("a read-only server needs a store location", vi="máy chủ chỉ đọc cần vị trí của kho")
    args = [oxigraph_executable(), "serve" if writable else "serve-read-only"]
    if location is not None:
        args += ["--location", str(location)]
    args += ["--bind", f"{endpoint.host}:{endpoint.port}", "--union-default-graph"]
    if timeout:
        args += ["--timeout-s", str(timeout)]
    return args


def writable_copy() -> Path:
    """A private copy of the published store (RocksDB checkpoint: hard links, cheap) to write to."""
    current = store.published()
    if current is None:
        raise store.missing()
    # random suffix: two servers started in the same second each get their own copy
    target = config.home() / "writable" / f"serve-{time.strftime('%Y%m%dT%H%M%S')}-{os.urandom(3).hex()}"
    target.parent.mkdir(parents=True, exist_ok=True)
    ox.Store.read_only(str(current.path)).backup(str(target))
    return target


def start(
    location: Path | None,
    endpoint: Endpoint,
    writable: bool = False,
    timeout: int | None = None,
    log=None,
    cancelled=None,
) -> subprocess.Popen:
    """Start the server and wait until it answers; a server that dies or hangs is a ServerError.

    `log`: a file for the server's output (default: this process's stdout and stderr).
    `cancelled`: asked while waiting; when it says yes, the server is stopped and StartCancelled raised."""
    with socket.socket() as probe:
        probe.settimeout(0.5)
        if probe.connect_ex((endpoint.host, endpoint.port)) == 0:
            raise ServerError(
                f"{endpoint.host}:{endpoint.port} is already in use; choose another --bind",
                vi=f"{endpoint.host}:{endpoint.port} đang được dùng; hãy chọn --bind khác",
            )
    # the server's own messages go where ours go (never to an unread pipe that could fill up)
    process = subprocess.Popen(command(location, endpoint, writable, timeout), stdout=log, stderr=log, text=True)
    try:
        wait_until_ready(endpoint, process, cancelled=cancelled)
    except BaseException:
        stop(process)
        raise
    return process


def wait_until_ready(
    endpoint: Endpoint, process: subprocess.Popen | None = None, timeout: float = READY_TIMEOUT, cancelled=None
) -> None:
    deadline = time.monotonic() + timeout
    probe = urllib.request.Request(
        endpoint.query_url + "?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"}
    )
    while time.monotonic() < deadline:
        if cancelled is not None and cancelled():
            raise StartCancelled("stopped before the server was ready", vi="đã dừng trước khi máy chủ sẵn sàng")
        if process is not None and process.poll() is not None:
            raise ServerError(
                f"oxigraph stopped at start (exit {process.returncode}); its message is above",
                vi=f"oxigraph dừng ngay khi khởi động (mã thoát {process.returncode}); thông báo của nó ở phía trên",
            )
        try:
            with urllib.request.urlopen(probe, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise ServerError(
        f"oxigraph did not answer at {endpoint.base} within {timeout:g} s",
        vi=f"oxigraph không trả lời tại {endpoint.base} trong {timeout:g} giây",
    )


def stop(process: subprocess.Popen, grace: float = 5.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
