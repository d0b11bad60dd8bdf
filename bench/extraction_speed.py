"""Cost of `kg extract` against the length of the article (issue 25: it must stay linear).

    python bench/extraction_speed.py            # 1 MB of dev articles, then the whole corpus
    python bench/extraction_speed.py --sizes 250000,1000000

The long article is the dev articles of ../shared/corpus (data/corpus-split.tsv) put end to end,
repeated until it is long enough, cut on a character boundary. Each run is a fresh
`python -m kg extract FILE -o DRAFT` (shapes validation included), measured from outside:
wall time, CPU time (user + system; on a shared machine the wall time also counts other
people's work) and peak memory. Targets: 1 MB in ≤ 10 s and ≤ 300 MB; every corpus article,
one after the other in one process, in ≤ 30 s.
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

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SPLIT = ROOT / "data" / "corpus-split.tsv"


def dev_text(corpus: Path = CORPUS, split: Path = SPLIT) -> str:
    ids = [
        line.split("\t")[0]
        for line in split.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#") and line.split("\t")[1:2] == ["dev"]
    ]
    return "\n\n".join((corpus / f"{i}.txt").read_text(encoding="utf-8") for i in ids if (corpus / f"{i}.txt").exists())


def article_of(size: int, text: str) -> str:
    """`size` bytes of UTF-8 (a little less: never half a character)."""
    data = (text + "\n\n") * (size // max(1, len(text.encode("utf-8"))) + 1)
    return data.encode("utf-8")[:size].decode("utf-8", "ignore")


def _child(args: list[str]) -> tuple[float, float, int, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds and peak memory (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024, proc


def one_article(size: int, text: str, tmp: Path) -> dict:
    article = tmp / f"article-{size}.txt"
    article.write_text(article_of(size, text), encoding="utf-8")
    wall, cpu, peak, proc = _child([sys.executable, "-m", "kg", "extract", str(article), "-o", str(tmp / "draft.trig")])
    if proc.returncode != 0:
        raise SystemExit(f"kg extract failed on {size} bytes: {proc.stderr.strip()}")
    return {
        "bytes": size,
        "wall": wall,
        "cpu": cpu,
        "peak_mb": peak,
        "summary": proc.stderr.strip() or proc.stdout.strip(),
    }


CORPUS_RUN = """
import sys, pathlib
from kg.extract.pipeline import extract_file
n = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    result = extract_file(path)
    if result.has_draft:
        result.draft_trig(validate=True)
    n += 1
print(n)
"""


def whole_corpus(corpus: Path) -> dict:
    wall, cpu, peak, proc = _child([sys.executable, "-c", CORPUS_RUN, str(corpus)])
    if proc.returncode != 0:
        raise SystemExit(f"the corpus run failed: {proc.stderr.strip()[-300:]}")
    return {"articles": int(proc.stdout.strip()), "wall": wall, "cpu": cpu, "peak_mb": peak}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000", help="article sizes in bytes, comma-separated")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-corpus", action="store_true", help="skip the whole-corpus run")
    parser.add_argument("--json", type=Path, help="also write the results here (bench/run.py section x)")
    args = parser.parse_args(argv)
    results: dict = {"articles": []}
    if not (args.corpus / "index.tsv").is_file():
        print(f"no corpus in {args.corpus}: nothing to measure")
        return 0
    if not args.no_corpus:  # first: the peak memory of children is a maximum over all of them
        r = whole_corpus(args.corpus)
        results["corpus"] = r
        print(
            f"whole corpus ({r['articles']} articles, drafts validated): wall {r['wall']:.1f} s, "
            f"CPU {r['cpu']:.1f} s, peak {r['peak_mb']} MB (target, on CPU time: ≤ 30 s: {'met' if r['cpu'] <= 30 else 'NOT met'})"
        )
    text = dev_text(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            r = one_article(size, text, Path(tmp))
            results["articles"].append(r)
            ok = r["cpu"] <= 10 and r["peak_mb"] <= 300 if size >= 1_000_000 else None
            print(
                f"{size:>9,} bytes: wall {r['wall']:.1f} s, CPU {r['cpu']:.1f} s, peak {r['peak_mb']} MB"
                + ("" if ok is None else f" (target, on CPU time: ≤ 10 s, ≤ 300 MB: {'met' if ok else 'NOT met'})")
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
