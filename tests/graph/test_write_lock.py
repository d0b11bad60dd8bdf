"""kg build, kg contribute and kg revert share one write lock (kg.locks): seeded random
interleavings of the three, some killed, never lose an acknowledged change or change anything else.

The graph here is small so that 50+ interleavings run in about a minute: the five curated sources
and the part of the gazetteer they need (districts and provinces, the communes they name).
Each operation runs in a child forked by a fork server (`kg.cli.main`, modules already imported), so a kill is a
real SIGKILL of a writer that may hold the lock, be half-way through a store or about to publish.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

SOURCES = PROJECT_ROOT / "data" / "sources"
INTERLEAVINGS = 52
TWINNING = """\
@prefix kn: <https://w3id.org/ketnghia/ontology#> .
@prefix knv: <https://w3id.org/ketnghia/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix pre2025: <https://w3id.org/ketnghia/id/unit/pre2025/> .
<https://w3id.org/ketnghia/id/twinning/sister-localities-pre2025-{a}--pre2025-{b}> a kn:Twinning ;
  skos:prefLabel "Kết nghĩa {a} – {b}"@vi ;
  kn:twinningKind knv:sister-localities ; kn:status knv:active ;
  kn:party pre2025:{a} , pre2025:{b} ; kn:establishedOn "2023"^^xsd:gYear ;
  dct:source <https://w3id.org/ketnghia/id/source/f4c2d38e3c23b740> .
"""


def small_gazetteer(full: Path, target: Path) -> None:
    """The gazetteer without the communes the sources do not name (nor what refers to them)."""
    keep = set(
        re.findall(r"(?:pre2025|2025)[:/](\d{4,})", "".join(p.read_text("utf-8") for p in SOURCES.glob("*.trig")))
    )
    commune = re.compile(r"/unit/(?:pre2025|2025)/(\d{4,})")
    terms = re.compile(r"^(<[^>]*>|_:\S+) <[^>]*> (<[^>]*>|_:\S+)?")
    lines = full.read_text("utf-8").splitlines(True)
    dropped = set()
    for line in lines:
        if any(c not in keep for c in commune.findall(line)):
            subject = terms.match(line).group(1)
            if "/unit/" not in subject or any(c not in keep for c in commune.findall(subject)):
                dropped.add(subject)  # a dropped commune, or a change/part node about one
    with open(target, "w", encoding="utf-8") as out:
        for line in lines:
            s, o = terms.match(line).groups()
            if s not in dropped and o not in dropped and all(c in keep for c in commune.findall(line)):
                out.write(line)


@pytest.fixture(scope="module")
def small_home(kg_home, tmp_path_factory) -> Path:
    from kg.graph import gazetteer

    home = tmp_path_factory.mktemp("lock") / "home"
    (home / "cache").mkdir(parents=True)
    name = f"gazetteer-{gazetteer.gazetteer_fingerprint()[:16]}"
    small_gazetteer(kg_home / "cache" / f"{name}.nq", home / "cache" / f"{name}.nq")
    shutil.copy(kg_home / "cache" / f"{name}.summary.txt", home / "cache")
    return home


def run_kg_child(args: list[str], log: str, home: str) -> None:
    """`kg ARGS` in a child of the fork server; its output goes to `log`, its exit code is kg's."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.environ["KG_HOME"] = home
    from kg.cli import main

    code = main(args)
    sys.stdout.flush()
    os._exit(code)


def fork_kg(args: list[str], log: Path, home: Path):
    """Start `kg ARGS` forked from a single-threaded server that imported kg once (forking this
    process, which has run pyoxigraph's threads, can deadlock the child)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        [
            "kg.cli.build",
            "kg.cli.contribute",
            "kg.cli.revert",
            "kg.validation",
            "kg.steward.contribute",
            "kg.graph.build",
        ]
    )
    process = context.Process(target=run_kg_child, args=(args, str(log), str(home)))
    process.start()
    return process


def graph_state(home: Path) -> tuple[str, dict[str, int], list[str]]:
    """(sorted N-Quads outside contribution graphs, triples per contribution graph, listed ids)."""
    import pyoxigraph as ox

    from kg.graph import store

    current = store.published()
    assert current is not None and current.path.is_dir(), f"`store` points at nothing: {os.readlink(home / 'store')}"
    oxstore = store.open_store()
    base, contributions = [], {}
    for quad in oxstore:
        graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        if "/graph/contribution/" in graph:
            key = graph.rsplit("/", 1)[-1]
            contributions[key] = contributions.get(key, 0) + 1
        elif graph.endswith("/graph/derived"):
            continue  # derived from the claims, contributions included: recomputed with every publish
        else:
            base.append(str(quad))
    del oxstore
    return "\n".join(sorted(base)), contributions, list(current.meta.get("contributions", []))


def test_random_interleavings_of_build_contribute_revert_and_kill(small_home, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_HOME", str(small_home))
    from kg.cli import main
    from kg.steward.contribute import file_sha256

    files = []
    for n in range(8):
        path = tmp_path / f"twinning-{n}.ttl"
        path.write_text(TWINNING.format(a=395 + n, b=505 + n), "utf-8")
        files.append(path)
    ids = {file_sha256(p)[:12]: p for p in files}
    build_args = ["build", "--force", "--quiet", "--sources", str(SOURCES)]
    assert main(build_args) == 0
    base, contributions, listed = graph_state(small_home)
    assert contributions == {} and listed == []
    size: dict[str, int] = {}  # triples of a merged contribution graph, once seen
    overlaps = kills = acknowledged = 0
    started = time.monotonic()
    for seed in range(INTERLEAVINGS):
        rng = random.Random(seed)
        present, touched, ops = set(listed), set(), []
        for _ in range(rng.randint(2, 4)):
            kind = rng.choice(["build", "contribute", "contribute", "revert"])
            free_new = [i for i in ids if i not in present and i not in touched]
            free_old = [i for i in present if i not in touched]
            if kind == "revert" and free_old:
                target = rng.choice(sorted(free_old))
                args = ["revert", target]
            elif kind != "build" and free_new:
                kind, target = "contribute", rng.choice(sorted(free_new))
                args = ["contribute", str(ids[target]), "--contributor", f"seed {seed}"]
            else:
                kind, target, args = "build", None, build_args
            touched.add(target)
            kill = rng.uniform(0.05, 1.2) if rng.random() < 0.3 else None
            ops.append({"kind": kind, "id": target, "args": args, "start": rng.uniform(0, 0.5), "kill": kill})
        t0 = time.monotonic()
        for number, op in enumerate(sorted(ops, key=lambda o: o["start"])):
            time.sleep(max(0.0, op["start"] - (time.monotonic() - t0)))
            op["log"] = tmp_path / f"{seed}-{number}.log"
            op["process"], op["began"] = fork_kg(op["args"], op["log"], small_home), time.monotonic()
        running = list(ops)
        while running:
            for op in list(running):
                process = op["process"]
                if process.exitcode is not None:
                    op["ended"], op["code"] = time.monotonic(), process.exitcode
                    running.remove(op)
                elif op["kill"] is not None and time.monotonic() - op["began"] > op["kill"]:
                    process.kill()  # SIGKILL
                    op["killed"] = True
                    op["kill"] = None
                elif time.monotonic() - op["began"] > 60:
                    process.kill()
                    pytest.fail(f"seed {seed}: {op['args']} still running after 60 s")
            time.sleep(0.01)

        new_base, contributions, listed = graph_state(small_home)
        assert new_base == base, f"seed {seed}: something besides the contributions changed"
        after = set(listed)
        assert set(contributions) == after, f"seed {seed}: listed {after}, graphs {set(contributions)}"
        for op in ops:
            code = op["code"]
            killed = op["killed"] = bool(op.get("killed")) and code == -signal.SIGKILL
            log = op["log"].read_text("utf-8", "replace") if op["log"].exists() else ""
            assert "Traceback" not in log and "child failed" not in log, f"seed {seed}: {op['args']}\n{log}"
            if killed:
                kills += 1
                continue
            assert code == 0, f"seed {seed}: {op['args']} exit {code}\n{log}"
            acknowledged += 1
            if op["kind"] == "contribute":
                assert op["id"] in after, f"seed {seed}: acknowledged contribution {op['id']} lost\n{ops}"
            elif op["kind"] == "revert":
                assert op["id"] not in after, f"seed {seed}: acknowledged revert of {op['id']} undone\n{ops}"
        for untouched in set(ids) - touched:
            assert (untouched in after) == (untouched in present), f"seed {seed}: {untouched} changed untouched"
        for key, count in contributions.items():
            assert size.setdefault(key, count) == count, f"seed {seed}: contribution {key} partly there"
        done = [o for o in ops if not o.get("killed")]
        overlaps += any(
            b["kind"] == "build" and c["kind"] != "build" and b["began"] < c["ended"] and c["began"] < b["ended"]
            for b in done
            for c in done
        )
        stores = [p for p in (small_home / "stores").iterdir() if p.is_dir()]
        assert len(stores) <= 2 + sum(bool(o.get("killed")) for o in ops), f"seed {seed}: {stores}"
    assert time.monotonic() - started < 240
    # the test tells something: builds really overlapped acknowledged merges/reverts, some kills landed
    assert overlaps >= 5 and kills >= 5 and acknowledged >= 100, (overlaps, kills, acknowledged)


def test_pruning_keeps_the_published_and_the_last_good_store(small_home, tmp_path, monkeypatch):
    """A newer leftover (a killed build) is no reason to drop the store that was published before."""
    monkeypatch.setenv("KG_HOME", str(small_home))
    from kg.graph import locks
    from kg.graph import store
    from kg.cli import main

    assert main(["build", "--force", "--quiet", "--sources", str(SOURCES)]) == 0
    last_good = store.published().path
    leftover = store.new_store_dir("build")
    leftover.mkdir()
    (leftover.with_name(leftover.name + ".nq")).write_text("", "utf-8")
    future = time.time() + 3600
    os.utime(leftover, (future, future))
    path = tmp_path / "t.ttl"
    path.write_text(TWINNING.format(a=420, b=530), "utf-8")
    assert main(["contribute", str(path), "--contributor", "x"]) == 0
    current = store.published().path
    remaining = {p for p in (small_home / "stores").iterdir() if p.is_dir()}
    assert remaining == {current, last_good}
    assert not leftover.with_name(leftover.name + ".nq").exists()
    assert json.loads(current.with_name(current.name + ".meta.json").read_text("utf-8"))["contributions"]
    with pytest.raises(RuntimeError, match="write_lock"):
        store.publish(last_good)  # publishing without the lock is a programming error
    assert locks.held() is False


def test_read_only_home_is_one_line_exit_3(tmp_path, run_kg):
    home = tmp_path / "ro"
    home.mkdir()
    (home / "write.lock").symlink_to(tmp_path / "elsewhere")
    result = run_kg("revert", "abc", env={"KG_HOME": str(home)})
    assert result.returncode == 3, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "write.lock" in result.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_a_writer_waiting_for_the_lock_says_so(small_home, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_HOME", str(small_home))
    import fcntl

    from kg.graph import store
    from kg.cli import main

    if store.published() is None:
        assert main(["build", "--quiet", "--sources", str(SOURCES)]) == 0
    path = tmp_path / "t.ttl"
    path.write_text(TWINNING.format(a=421, b=531), "utf-8")
    with open(small_home / "write.lock", "a") as held:  # another writer holds the lock for 2 s
        fcntl.flock(held, fcntl.LOCK_EX)
        child = subprocess.Popen(
            [sys.executable, "-m", "kg", "contribute", str(path), "--contributor", "x"],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)
        assert child.poll() is None  # it waits
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "waiting for another kg build, contribute or revert" in err and "merged contribution" in out
