"""A Virtuoso 7 server (Debian's virtuoso-opensource) that a test starts, and restarts when it stalls.

Virtuoso 7.2 answers some queries of the catalogue by waiting forever without using the CPU
(support-totals-of-unit always; others now and then). Such a query holds locks that later queries
then wait on, so one stall used to turn every following case into a 60 s timeout. The server is
therefore restarted on the same database after any stall: data pushed before was checkpointed, so
the restart takes seconds and loses nothing.
"""

from __future__ import annotations

import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from support.ports import free_port

PACKAGE_FILES = Path("/usr/share/virtuoso-opensource-7")
SERVER_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")


def ini(directory: Path, http_port: int, isql_port: int) -> str:
    # MaxQueryExecutionTime = 0: Virtuoso's own limit, cancelling a query that waits without
    # working, stopped the whole server (ASK {} unanswered from the 120th second, 7 Dec 2026);
    # the client's limit and a restart are enough.
    return f"""[Database]
DatabaseFile = {directory}/virtuoso.db
ErrorLogFile = {directory}/virtuoso.log
LockFile = {directory}/virtuoso.lck
TransactionFile = {directory}/virtuoso.trx
xa_persistent_file = {directory}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {directory}/virtuoso-temp.db
TransactionFile = {directory}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {directory}
NumberOfBuffers = 34000
MaxDirtyBuffers = 25000
ThreadsPerQuery = 2
MaxQueryMem = 512M
VADInstallDir = {PACKAGE_FILES}/vad/
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {SERVER_ROOT}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 400
"""


class VirtuosoServer:
    """One server on loopback ports chosen once, so its endpoint stays the same across restarts."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.http_port, self.isql_port = free_port(), free_port()
        (directory / "virtuoso.ini").write_text(ini(directory, self.http_port, self.isql_port), "utf-8")
        self.endpoint = f"http://127.0.0.1:{self.http_port}/sparql"
        self.restarts = 0
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, wait: float = 180) -> None:
        """Start and wait until /sparql answers (a new database is created at the first start)."""
        with (self.directory / "stdout.log").open("ab") as log:
            self.process = subprocess.Popen(
                ["virtuoso-t", "-f", "-c", str(self.directory / "virtuoso.ini")],
                cwd=self.directory,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + wait
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Virtuoso did not start: {self.log_tail()}")
            time.sleep(1)

    def answers(self, timeout: float = 5) -> bool:
        try:
            with urllib.request.urlopen(self.endpoint + "?query=" + urllib.parse.quote("ASK {}"), timeout=timeout) as r:
                return r.status == 200
        except OSError:
            return False

    def checkpoint(self) -> None:
        """Write what was loaded into the database file, so that a restart need not replay it."""
        subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.isql_port}", "dba", "dba", "exec=checkpoint;"],
            check=True,
            capture_output=True,
            timeout=300,
        )

    def restart(self) -> None:
        """Kill the server (a stalled one does not stop on SIGTERM) and start it on the same data."""
        self.stop(grace=0)
        self.restarts += 1
        self.start()

    def stop(self, grace: float = 60) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        if grace:
            self.process.terminate()
            try:
                self.process.wait(grace)
                return
            except subprocess.TimeoutExpired:
                pass
        self.process.kill()
        self.process.wait()

    def log_tail(self) -> str:
        log = self.directory / "virtuoso.log"
        return log.read_text("utf-8", "replace")[-800:] if log.exists() else "(no log)"
