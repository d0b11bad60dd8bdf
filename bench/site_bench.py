"""`kg export site --all-units` on the built graph, against the issue's targets: ≤ 60 s, ≤ 500 MB
peak memory, every page ≤ 100 KB.

    KG_HOME=... python bench/site_bench.py [--out DIR] [--json FILE]

Runs the command as a user does (a child process, so that its peak resident memory is its own,
from getrusage), then reads every page's size. Wall time depends on what else the machine runs:
the CPU time (user + system) and the load average are recorded beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def measure(out: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "kg", "export", "site", "-o", str(out), "--all-units"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    sizes = sorted(
        (p.stat().st_size, str(p.relative_to(out))) for p in out.rglob("*.html") if p.name != "explorer.html"
    )
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 2),
        "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
        "pages": len(sizes),
        "largest_page_kb": round(sizes[-1][0] / 1000, 1),
        "largest_page": sizes[-1][1],
        "site_mb": round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6, 1),
        "load_average_at_start": round(load, 2),
        "kg_output": result.stderr.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to write the site (default: a temporary directory)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="site-bench-") as tmp:
        numbers = measure(args.out or Path(tmp) / "site")
    text = json.dumps(numbers, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
