"""The hostile-input corpus (tests/hostile/): files and command lines meant to break the gate.

One case per file. A data file (.ttl, .trig, .jsonld, .rdf, .csv) goes through
`kg contribute FILE --contributor hostile --lang en`; a `.args` file holds the JSON list of
arguments of one `kg` command ({valid}: tests/contributions/valid, {tmp}: a scratch folder,
{fifo}: a FIFO named .ttl made for the case); an `.args` file holding {"args": [...], "home":
"planted-lock-symlink"} runs in a scratch KG_HOME whose write.lock is a symlink to a file that
must not be created. Beside each case, `CASE.expected` (JSON) gives the
exit status and a substring of the output. Every case must also: end without a traceback, within
60 s; say an exit-2 problem in one line; leave the published graph byte-identical (sorted N-Quads).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

HOSTILE = Path(__file__).parent / "hostile"
VALID = Path(__file__).parents[1] / "contributions" / "valid"
CASES = sorted(p.name for p in HOSTILE.iterdir() if not p.name.endswith(".expected"))


def test_every_case_has_an_expectation_and_the_corpus_covers_the_gate():
    assert {p.name for p in HOSTILE.iterdir() if p.name.endswith(".expected")} == {f"{c}.expected" for c in CASES}
    assert len(CASES) >= 40
    kinds = {json.loads((HOSTILE / f"{c}.expected").read_text("utf-8"))["exit"] for c in CASES}
    assert kinds == {1, 2, 3}


@pytest.fixture(scope="module")
def home(kg_home, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("hostile") / "home"
    shutil.copytree(kg_home, target, symlinks=True)
    return target


def published_digest(home: Path) -> str:
    """SHA-256 of the published graph as sorted N-Quads (read here, not through kg)."""
    import pyoxigraph as ox

    real = (home / "store").resolve()
    data = ox.Store.read_only(str(real)).dump(format=ox.RdfFormat.N_QUADS)
    return hashlib.sha256(b"\n".join(sorted(data.splitlines()))).hexdigest()


@pytest.fixture(scope="module")
def before(home) -> str:
    return published_digest(home)


@pytest.mark.parametrize("case", CASES)
def test_hostile_case(home, before, tmp_path, case):
    expected = json.loads((HOSTILE / f"{case}.expected").read_text("utf-8"))
    kg_home = None
    if case.endswith(".args"):
        fifo = tmp_path / "contribution.ttl"
        os.mkfifo(fifo)
        fields = {"valid": str(VALID), "tmp": str(tmp_path), "fifo": str(fifo)}
        args = json.loads((HOSTILE / case).read_text("utf-8"))
        if isinstance(args, dict):  # a case about KG_HOME itself
            assert args["home"] == "planted-lock-symlink"
            scratch = tmp_path / "scratch-home"
            scratch.mkdir()
            (scratch / "write.lock").symlink_to(tmp_path / "victim")
            args, kg_home = args["args"], scratch
        for key, value in fields.items():  # not str.format: query texts hold braces
            args = [a.replace("{" + key + "}", value) for a in args]
    else:
        args = ["contribute", str(HOSTILE / case), "--contributor", "hostile", "--lang", "en"]
    env = dict(os.environ, KG_HOME=str(kg_home or home))
    run = subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    output = run.stdout + run.stderr
    assert "Traceback" not in output, output
    assert run.returncode == expected["exit"], output
    assert expected["message"] in output, output
    if expected["exit"] in (2, 3):
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    else:
        assert run.stderr.strip().splitlines()[-1].startswith("kg contribute: rejected"), run.stderr
    assert published_digest(home) == before
    assert not (PROJECT_ROOT / "-").exists() and not (tmp_path / "victim").exists()
