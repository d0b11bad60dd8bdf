"""Run one command as a child process; report its wall time and peak memory as one JSON line.

    python bench/measure.py [--limit-mb N] [--timeout S] [--out FILE] -- COMMAND ARGS...

Peak memory is the child's peak resident set size: resource.getrusage(RUSAGE_CHILDREN).ru_maxrss
of this wrapper, which has no other child, so nothing else pollutes it (the largest process of the
command's tree, not their sum). While it runs, the wrapper polls the child's VmRSS and kills its
process group if it grows past --limit-mb (the machine is shared: a runaway side must not take it
down); the result then says "killed" with the size reached. --timeout kills it after S seconds.
The wall time ends when the child is reaped (a thread blocks in wait()), not at the next 0.1 s
poll: a 150 ms command used to be reported as 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time


def _rss_mb(pid: int) -> float:
    """Current RSS of pid and its descendants (MB), from /proc; 0 if gone."""
    total = 0
    pids = [pid]
    try:
        for line in open(f"/proc/{pid}/task/{pid}/children"):
            pids += [int(p) for p in line.split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit-mb", type=float, default=0, help="kill the command above this RSS (0: no limit)")
    parser.add_argument("--timeout", type=float, default=0, help="kill the command after this many seconds")
    parser.add_argument("--out", help="write the JSON result here (default: stdout)")
    parser.add_argument("--quiet", action="store_true", help="discard the command's stdout and stderr")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    sink = subprocess.DEVNULL if args.quiet else None
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=sink, stderr=sink, start_new_session=True)
    reaped, ended = threading.Event(), []

    def reap():
        child.wait()
        ended.append(time.perf_counter())
        reaped.set()

    threading.Thread(target=reap, daemon=True).start()
    killed, seen_mb = "", 0.0
    while not reaped.wait(0.1):
        if args.limit_mb:
            seen_mb = max(seen_mb, _rss_mb(child.pid))
            if seen_mb > args.limit_mb:
                killed = f"memory above {args.limit_mb:.0f} MB"
        if args.timeout and time.perf_counter() - started > args.timeout:
            killed = f"timeout after {args.timeout:.0f} s"
        if killed:
            os.killpg(child.pid, signal.SIGKILL)
            reaped.wait()
            break
    wall = ended[0] - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = {
        "returncode": child.returncode,
        "seconds": round(wall, 3),
        "peak_mb": round(max(peak_kb / 1024, seen_mb), 1),
        "killed": killed,
    }
    text = json.dumps(result)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
