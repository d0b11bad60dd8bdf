"""kg.progress: bars within long steps on a terminal, nothing when the output is piped."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

from kg import progress
from support.homes import PROJECT_ROOT, copy_home

ESCAPES = ("\x1b[", "\r")


def test_enabled_follows_the_terminal_and_kg_progress(monkeypatch):
    monkeypatch.delenv("KG_PROGRESS", raising=False)
    assert progress.enabled() is sys.stderr.isatty()
    monkeypatch.setenv("KG_PROGRESS", "0")
    assert not progress.enabled()
    monkeypatch.setenv("KG_PROGRESS", "1")
    assert progress.enabled()


def test_bar_off_the_terminal_writes_nothing(monkeypatch, capsys):
    monkeypatch.setenv("KG_PROGRESS", "0")
    with progress.bar(10, "loading", unit="B") as advance:
        advance(5)
    steps = progress.Steps(2, "reading")
    steps.advance("a")
    steps.advance("b")
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""


def run_on_a_terminal(args: list[str], env: dict, timeout: float = 120) -> tuple[int, str]:
    """`python -m kg ARGS` with stdin/stdout/stderr on a pseudo-terminal; (exit code, what it showed)."""
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", *args], stdin=child, stdout=child, stderr=child, env=env, cwd=PROJECT_ROOT
    )
    os.close(child)
    shown, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        elif process.poll() is not None:
            break
    os.close(main)
    return process.wait(timeout=10), shown.decode("utf-8", "replace")


@pytest.mark.parametrize("on_terminal", [True, False], ids=["pty", "piped"])
def test_export_shows_a_bar_on_a_terminal_only(kg_home, tmp_path, on_terminal):
    env = dict(os.environ, KG_HOME=str(kg_home), COLUMNS="100")
    env.pop("KG_PROGRESS", None)
    args = ["export", "json", "-o", str(tmp_path / "network.json")]
    if on_terminal:
        code, shown = run_on_a_terminal(args, env)
        assert code == 0, shown
        assert "reading the network" in shown and "\r" in shown  # tqdm redraws in place
    else:
        result = subprocess.run(
            [sys.executable, "-m", "kg", *args], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT
        )
        assert result.returncode == 0, result.stderr
        assert "reading the network" not in result.stderr
        assert not any(e in result.stderr + result.stdout for e in ESCAPES)
    assert (tmp_path / "network.json").stat().st_size > 0


def test_build_shows_its_load_in_bytes_on_a_terminal(kg_home, tmp_path):
    """The headline long step: a forced rebuild (in a copy of the session's home) on a pty."""
    home = copy_home(kg_home, tmp_path / "home")
    env = dict(os.environ, KG_HOME=str(home), COLUMNS="100")
    env.pop("KG_PROGRESS", None)
    code, shown = run_on_a_terminal(["build", "--force"], env, timeout=300)
    assert code == 0, shown[-2000:]
    bars = [part for part in shown.replace("\n", "\r").split("\r") if part.startswith("loading:")]
    assert bars and any("B/s" in bar or "B [" in bar for bar in bars), shown[-2000:]
