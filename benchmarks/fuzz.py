"""Fuzz kttt with hostile notices made from the samples, and count what became of them.

    python benchmarks/fuzz.py                 # the 10,000 inputs (about 16 minutes on 2 cores)
    python benchmarks/fuzz.py --count 500     # the slice the test suite runs
    python benchmarks/fuzz.py --only 4171     # one input, with its outcome in full
    python benchmarks/fuzz.py --save DIR --only 4171   # write that input's bytes to DIR

Input i is the same bytes on every run (tests/fuzz/mutations.py). Each goes through
extraction as `kttt extract` and `kttt batch` run it, under their per-file time limit
(30 s), and ends as a record, a clean one-line error, a hang (the limit reached) or a
crash (a traceback). Prints the counts, the counts per mutation, the slowest inputs and
every crash and hang.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fuzz"))

from harness import OUTCOMES, TIME_LIMIT, check_index  # noqa: E402
from mutations import fuzz_input  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs 0 … COUNT-1 (default 10,000)")
    parser.add_argument("--only", type=int, nargs="+", metavar="I", help="just these inputs")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="worker processes")
    parser.add_argument("--limit", type=float, default=TIME_LIMIT, help="per-file time limit, seconds")
    parser.add_argument("--slowest", type=int, default=5, help="list this many of the slowest inputs")
    parser.add_argument("--save", type=Path, metavar="DIR", help="write the inputs' bytes to DIR")
    args = parser.parse_args()
    indices = args.only or range(args.count)
    if args.save:
        save(indices, args.save)
    started = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(check_index, indices, [args.limit] * len(indices), chunksize=4))
    report(results, time.perf_counter() - started, args)
    return 1 if any(r.outcome in ("crash", "hang") for r in results) else 0


def save(indices, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for index in indices:
        item = fuzz_input(index)
        (directory / item.path).write_bytes(item.data)


def report(results, elapsed: float, args) -> None:
    counts = Counter(r.outcome for r in results)
    print(f"machine: {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}; "
          f"{args.jobs} workers; per-file limit {args.limit:g} s")
    print(f"inputs {len(results)}: " + ", ".join(f"{counts[o]} {_plural(o)}" for o in OUTCOMES)
          + f"; {elapsed:.0f} s in all")
    by_kind = defaultdict(Counter)
    for r in results:
        by_kind[r.kind][r.outcome] += 1
    for kind, kind_counts in by_kind.items():
        slowest = max((r for r in results if r.kind == kind), key=lambda r: r.seconds)
        print(f"  {kind:24} " + " ".join(f"{kind_counts[o]:5d} {o}" for o in OUTCOMES)
              + f"   slowest {slowest.seconds:6.2f} s")
    print("slowest:")
    for r in sorted(results, key=lambda r: r.seconds, reverse=True)[:args.slowest]:
        print(f"  {r.seconds:6.2f} s  #{r.index} {r.kind} of {r.sample}, {r.size:,} bytes: {r.outcome} ({r.detail[:90]})")
    errors = Counter(r.detail.split(":")[0][:60] for r in results if r.outcome == "error")
    print("clean errors by reason: " + "; ".join(f"{n} {reason}" for reason, n in errors.most_common()))
    for r in results:
        if r.outcome in ("crash", "hang") or args.only:
            print(f"{r.outcome.upper()} #{r.index} {r.kind} of {r.sample} ({r.size:,} bytes, {r.seconds:.2f} s): {r.detail}")


def _plural(outcome: str) -> str:
    return {"record": "records", "error": "clean errors", "hang": "hangs", "crash": "crashes"}[outcome]


if __name__ == "__main__":
    sys.exit(main())
