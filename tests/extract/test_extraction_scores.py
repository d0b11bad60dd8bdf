"""The extraction evaluation runs in CI: scores on the seed articles against the curated graphs.

Skipped (with the reason) when ../shared/seeds is absent. Targets are the issue's; these are
development-set scores (the rules were written while reading these articles).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
TARGETS = {"twinning pairs": (0.9, 0.9), "dates": (0.9, 0.8), "amounts": (0.9, 0.8), "people with posts": (0.8, 0.8)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed articles at {SEEDS}")
def test_extraction_meets_its_targets_on_the_seed_articles(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "extraction_eval.py"),
            "--print",
            "--seeds",
            str(SEEDS),
            "--corpus",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    seeds = run.stdout.split("### Seed articles")[1]
    for fact, (p_min, r_min) in TARGETS.items():
        match = re.search(rf"^\| {fact} \| ([0-9.]+) \| ([0-9.]+) \|", seeds, re.M)
        assert match, f"no score row for {fact}"
        precision, recall = map(float, match.groups())
        assert precision >= p_min and recall >= r_min, f"{fact}: P={precision} R={recall}"
