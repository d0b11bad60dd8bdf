"""kg revert refuses to leave a later contribution dangling (unless --cascade); a build refused
because of a contribution names it and `kg revert ID` (kg.dependents)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

PREFIXES = """\
@prefix kn: <https://w3id.org/ketnghia/ontology#> .
@prefix knv: <https://w3id.org/ketnghia/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix pre2025: <https://w3id.org/ketnghia/id/unit/pre2025/> .
"""
TWINNING_IRI = "https://w3id.org/ketnghia/id/twinning/sister-localities-pre2025-396--pre2025-511"
TWINNING = (
    PREFIXES
    + f"""<{TWINNING_IRI}> a kn:Twinning ;
  skos:prefLabel "Kết nghĩa thử 396 – 511"@vi ;
  kn:twinningKind knv:sister-localities ; kn:status knv:active ;
  kn:party pre2025:396 , pre2025:511 ; kn:establishedOn "2023"^^xsd:gYear ;
  dct:source <https://w3id.org/ketnghia/id/source/f4c2d38e3c23b740> .
"""
)
SUPPORT = (
    PREFIXES
    + f"""<https://w3id.org/ketnghia/id/support/test/gift-2024> a kn:Support ;
  skos:prefLabel "Quà tặng thử 2024"@vi ;
  kn:supportType knv:money ; kn:giver pre2025:396 ; kn:recipient pre2025:511 ;
  kn:date "2024"^^xsd:gYear ; kn:relatedTwinning <{TWINNING_IRI}> ;
  dct:source <https://w3id.org/ketnghia/id/source/f4c2d38e3c23b740> .
"""
)


@pytest.fixture
def home(kg_home, tmp_path) -> Path:
    target = tmp_path / "home"
    shutil.copytree(kg_home, target, symlinks=True)
    return target


def kg(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, KG_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=300,
        check=False,
    )


def digest(home: Path) -> str:
    dump = kg(home, "dump", "--format", "nquads")
    assert dump.returncode == 0, dump.stderr
    return hashlib.sha256("\n".join(sorted(dump.stdout.splitlines())).encode()).hexdigest()


def merge(home: Path, tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    result = kg(home, "contribute", str(path), "--contributor", "test")
    assert result.returncode == 0, result.stderr
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def test_revert_with_dependents_is_refused_naming_them_then_cascades(home, tmp_path):
    before = digest(home)
    twinning = merge(home, tmp_path, "twinning.ttl", TWINNING)
    support = merge(home, tmp_path, "support.ttl", SUPPORT)
    both = digest(home)

    refused = kg(home, "revert", twinning)
    assert refused.returncode == 2, refused.stderr
    assert support in refused.stderr and TWINNING_IRI in refused.stderr and "--cascade" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert digest(home) == both

    # the dependent alone can go, and then the twinning too
    assert kg(home, "revert", support).returncode == 0
    assert kg(home, "revert", twinning).returncode == 0
    assert digest(home) == before

    twinning = merge(home, tmp_path, "twinning.ttl", TWINNING)
    support = merge(home, tmp_path, "support.ttl", SUPPORT)
    cascaded = kg(home, "revert", twinning, "--cascade")
    assert cascaded.returncode == 0, cascaded.stderr
    assert support in cascaded.stdout
    assert digest(home) == before
    assert kg(home, "build", "--force", "--quiet").returncode == 0


def test_a_build_refused_because_of_a_contribution_names_it_and_the_fix(home, tmp_path):
    twinning = merge(home, tmp_path, "twinning.ttl", TWINNING)
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in (PROJECT_ROOT / "data" / "sources").glob("*.trig"):
        if path.stem != "f4c2d38e3c23b740":  # the article the contribution cites
            shutil.copy(path, sources)
    result = kg(home, "build", "--force", "--quiet", "--sources", str(sources))
    assert result.returncode == 1
    assert f"merged contribution {twinning}" in result.stderr and f"`kg revert {twinning}`" in result.stderr


def test_the_refusal_is_written_once_per_language():
    from kg.graph.dependents import refusal

    later = {"c2": ["https://w3id.org/ketnghia/id/support/x", "https://w3id.org/ketnghia/id/support/y"]}
    english, vietnamese = refusal("c1", later), refusal("c1", later, "vi")
    assert "depend on it" in english and "and 1 more" in english
    assert "phụ thuộc" in vietnamese and "và 1 nút khác" in vietnamese
    # the English text carried a Vietnamese fragment from before messages had a `vi` text
    assert not any(ord(ch) > 127 for ch in english)
