"""Benchmark `kttt db load`, `kttt plans`, `kttt table` and `kttt report` on a large batch.

    python benchmarks/db_bench.py            # 20,000 notices (about half a minute)
    python benchmarks/db_bench.py --quick    # 2,000 notices

Extracts the bundled samples once, then writes a batch output directory (records.jsonl and
its manifest, as `kttt batch -f jsonl` would) of N notices copied from those records, each
under its own path, every two of them about the same plan and disagreeing on its first figure
(so consolidation has work to do).
Each command runs as a subprocess; the table gives its wall time, its peak memory (maximum
resident set size) and, for the load, notices/s and the database's size.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KTTT = [sys.executable, "-c", "from kttt_extract.cli import main; main()"]


def sample_records() -> list[dict]:
    from kttt_extract.pipeline import extract
    from kttt_extract.write import to_data
    paths = sorted(p for p in (REPO / "samples").iterdir() if p.suffix in (".txt", ".html"))
    return [to_data(extract(p.read_bytes(), path=str(p))) for p in paths]


def write_batch(directory: Path, records: list[dict], count: int) -> None:
    directory.mkdir()
    with open(directory / "records.jsonl", "wb") as out, open(directory / "manifest.jsonl", "w") as manifest:
        for i in range(count):
            record = json.loads(json.dumps(records[(i // 2) % len(records)]))
            record["source"]["path"] = f"copy{i // 1000}/{i}/{Path(record['source']['path']).name}"
            if record.get("plan") and record["plan"].get("number"):
                record["plan"]["number"] = f"{i // 2}/KH-UBND"
            if i % 2 and record["figures"]:  # the second article about the plan gives its first figure otherwise
                record["figures"][0]["value"] += 1
            line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
            manifest.write(json.dumps({"path": record["source"]["path"], "sha256": record["source"]["sha256"],
                                       "output": "records.jsonl", "offset": out.tell(), "length": len(line)}) + "\n")
            out.write(line)


MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def timed(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak memory (MB) and what it said on stderr, of one kttt command run under a fresh
    parent that reads its peak."""
    started = time.perf_counter()
    measured = subprocess.run([sys.executable, "-c", MEASURE, *KTTT, *args], check=True, capture_output=True, text=True)
    return time.perf_counter() - started, int(measured.stdout.split()[-1]) / 1024, measured.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 notices instead of 20,000")
    count = 2_000 if parser.parse_args().quick else 20_000
    records = sample_records()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        write_batch(work / "out", records, count)
        db = work / "kttt.sqlite"
        runs = [
            ("kttt db load", ["db", "load", str(work / "out"), "-o", str(db)]),
            ("kttt plans", ["plans", str(db)]),
            ("kttt plans --conflicts", ["plans", str(db), "--conflicts"]),
            ("kttt table (csv)", ["table", str(db), "--subject", "hop_tac_xa", "--action", "thanh_lap", "-f", "csv"]),
            ("kttt report --no-explain", ["report", str(db), "--html", str(work / "r.html"), "--no-explain"]),
        ]
        print(f"{count} notices ({len(records)} samples copied), {platform.processor() or platform.machine()}, "
              f"{os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"{'command':<28}{'wall s':>8}{'peak MB':>9}  notes")
        for label, args in runs:
            elapsed, peak, said = timed(args)
            notes = ""
            if label == "kttt db load":
                loaded = said.split(": ", 2)[-1].split(" (")[0]
                notes = f"{count / elapsed:,.0f} notices/s, database {db.stat().st_size / 1e6:.1f} MB; {loaded}"
            print(f"{label:<28}{elapsed:>8.2f}{peak:>9.0f}  {notes}")


if __name__ == "__main__":
    main()
