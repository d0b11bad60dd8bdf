"""Paths and constants shared by bench/run.py and its sections."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PY = sys.executable
SCALES = {"national": None, "1m": 1_000_000, "5m": 5_000_000}
SEARCH_TEXTS = ["Nam Giang", "que son", "Quế Sơn", "thanh hoa", "Hòa", "phuong 1", "xa", "Lê Văn", "agribank", "tra"]
KG = [PY, "-m", "kg"]
CLI_FAST_S = 0.2  # kg query runs under this are repeated CLI_FAST_RUNS times in section c
CLI_FAST_RUNS = 9
