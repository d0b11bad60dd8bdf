"""`kg contribute`, `kg contributions`, `kg revert`: atomic merges with provenance, in a private KG_HOME."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.homes import PROJECT_ROOT, copy_home, kg

CONTRIBUTION = """\
@prefix kn: <https://w3id.org/ketnghia/ontology#> .
@prefix knv: <https://w3id.org/ketnghia/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix pre2025: <https://w3id.org/ketnghia/id/unit/pre2025/> .
<https://w3id.org/ketnghia/id/twinning/sister-localities-pre2025-395--pre2025-510> a kn:Twinning ;
  skos:prefLabel "Kết nghĩa huyện Thọ Xuân – huyện Nam Giang"@vi ;
  kn:twinningKind knv:sister-localities ; kn:status knv:active ;
  kn:party pre2025:395 , pre2025:510 ; kn:establishedOn "2023"^^xsd:gYear ;
  dct:source <https://w3id.org/ketnghia/id/source/f4c2d38e3c23b740> .
"""
TWINNING = "https://w3id.org/ketnghia/id/twinning/sister-localities-pre2025-395--pre2025-510"


@pytest.fixture
def home(kg_home, tmp_path) -> Path:
    """A private copy of the session's built KG_HOME, so merges here do not leak into other tests."""
    target = tmp_path / "home"
    return copy_home(kg_home, target)


def dump_digest(home: Path) -> str:
    result = kg(home, "dump", "--format", "nquads")
    assert result.returncode == 0, result.stderr
    return hashlib.sha256("\n".join(sorted(result.stdout.splitlines())).encode()).hexdigest()


def count_twinning(home: Path) -> int:
    result = kg(
        home,
        "query",
        "--sparql",
        # the sources and contributions only: kg:derived restates the current status of every relation
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ <{TWINNING}> ?p ?o }} FILTER(?g != <https://w3id.org/ketnghia/graph/derived>) }}",
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.splitlines()[1])


def test_merge_list_and_revert(home, tmp_path):
    path = tmp_path / "twinning.ttl"
    path.write_text(CONTRIBUTION, "utf-8")
    before = dump_digest(home)

    merged = kg(home, "contribute", str(path), "--contributor", "Văn phòng Huyện ủy Thọ Xuân")
    assert merged.returncode == 0, merged.stderr
    contribution_id = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert contribution_id in merged.stdout
    assert count_twinning(home) == 8

    listing = kg(home, "contributions", "--format", "json")
    assert '"contributor": "Văn phòng Huyện ủy Thọ Xuân"' in listing.stdout
    assert hashlib.sha256(path.read_bytes()).hexdigest() in listing.stdout

    again = kg(home, "contribute", str(path), "--contributor", "x")
    assert again.returncode == 2 and "already merged" in again.stderr

    # a rebuild keeps merged contributions
    assert kg(home, "build", "--force", "--quiet").returncode == 0
    assert count_twinning(home) == 8

    reverted = kg(home, "revert", contribution_id)
    assert reverted.returncode == 0, reverted.stderr
    assert dump_digest(home) == before
    assert kg(home, "revert", contribution_id).returncode == 2


def test_rejected_contribution_changes_nothing(home, tmp_path):
    path = tmp_path / "self-twinning.ttl"
    path.write_text(CONTRIBUTION.replace("pre2025:395 , pre2025:510", "pre2025:510"), "utf-8")
    before = dump_digest(home)
    result = kg(home, "contribute", str(path), "--contributor", "x", "--lang", "en")
    assert result.returncode == 1
    assert "at least two different parties" in result.stderr and "Traceback" not in result.stderr
    assert dump_digest(home) == before


def test_unknown_unit_is_rejected(home, tmp_path):
    path = tmp_path / "unknown.ttl"
    path.write_text(CONTRIBUTION.replace("pre2025:395 ,", "pre2025:99999 ,"), "utf-8")
    before = dump_digest(home)
    assert kg(home, "contribute", str(path), "--contributor", "x").returncode == 1
    assert dump_digest(home) == before


def test_unreadable_contribution_is_exit_2_with_file_and_line(home, tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text(CONTRIBUTION.replace("kn:status knv:active ;", "kn:status knv:active ;;; ]"), "utf-8")
    result = kg(home, "contribute", str(path), "--contributor", "x")
    assert result.returncode == 2
    assert "broken.ttl" in result.stderr and "Traceback" not in result.stderr


def test_killed_merge_leaves_old_or_new_graph_never_a_mix(home, tmp_path):
    """Kill `kg contribute` at several moments; each time the store has all of it or none of it."""
    lines = [CONTRIBUTION]
    for n in range(3000):  # a larger contribution, so the merge takes long enough to be interrupted
        lines.append(f'<{TWINNING}> <http://www.w3.org/2004/02/skos/core#altLabel> "tên khác {n}"@vi .\n')
    path = tmp_path / "large.ttl"
    path.write_text("".join(lines), "utf-8")
    env = dict(os.environ, KG_HOME=str(home))
    outcomes = set()
    for delay in (0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0):
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "contribute", str(path), "--contributor", "x"],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        count = count_twinning(home)
        assert count in (0, 8 + 3000), f"a mix after a kill at {delay}s: {count} statements"
        outcomes.add(count)
        if count:
            contribution_id = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            assert kg(home, "revert", contribution_id).returncode == 0
    assert 0 in outcomes  # at least one kill landed before the publish
