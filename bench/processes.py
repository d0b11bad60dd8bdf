"""Running a measured side in its own process: wall time, peak memory, kg build's step log."""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
from pathlib import Path

from bench.common import BENCH, PY, ROOT


def measured(
    command: list[str], *, env: dict | None = None, limit_mb: float = 0, timeout: float = 0, log: Path | None = None
) -> dict:
    """Run command under bench/measure.py; its stdout/stderr go to `log` (or are discarded)."""
    result_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"kg-bench-measure-{os.getpid()}.json"
    wrapper = [PY, str(BENCH / "measure.py"), "--out", str(result_file)]
    if limit_mb:
        wrapper += ["--limit-mb", str(limit_mb)]
    if timeout:
        wrapper += ["--timeout", str(timeout)]
    full_env = dict(os.environ)
    full_env.update(env or {})
    if log is None:
        wrapper.append("--quiet")
        subprocess.run(wrapper + ["--"] + command, env=full_env, cwd=ROOT, check=True)
    else:
        with open(log, "w") as out:
            subprocess.run(
                wrapper + ["--"] + command, env=full_env, cwd=ROOT, check=True, stdout=out, stderr=subprocess.STDOUT
            )
    result = json.loads(result_file.read_text())
    result_file.unlink()
    if log is not None:
        result["log"] = log.read_text("utf-8", errors="replace")
    return result


def wall(command: list[str], env: dict | None = None, timeout: float | None = None) -> tuple[float, int]:
    """Wall time and exit code of a command (-9 if killed at `timeout`). The time limit is a timer
    thread, not Popen.wait(timeout=), which polls in sleeps of up to 50 ms: with it, every
    `kg query` of section c was rounded up to the next 50 ms step (115, 165, 216 ms...)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    t0 = time.perf_counter()
    child = subprocess.Popen(command, env=full_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timer = threading.Timer(timeout, child.kill) if timeout else None
    if timer:
        timer.start()
    try:
        code = child.wait()
    finally:
        if timer:
            timer.cancel()
    return time.perf_counter() - t0, code


def build_steps(log: str) -> list[tuple[str, float]]:
    steps, label = [], None
    for line in log.splitlines():
        m = re.match(r"\[\d+/\d+\] (.*?)…", line.strip())
        if m:
            label = m.group(1)
            continue
        m = re.match(r"done in ([0-9.]+) s", line.strip())
        if m and label:
            steps.append((label, float(m.group(1))))
            label = None
    if label:
        steps.append((label + " (not finished)", None))
    return steps


def build_failure(log: str) -> str:
    if "NOT published" in log:
        lines = log.split("NOT published", 1)[1].splitlines()[1:4]
        return " / ".join(line.strip() for line in lines if line.strip())[:300]
    return log.strip().splitlines()[-1][:300] if log.strip() else ""
