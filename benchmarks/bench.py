"""Benchmark `kttt batch` and the start-up of `kttt extract`.

    python benchmarks/bench.py            # 10,000 notices (about 1-3 minutes)
    python benchmarks/bench.py --quick    # 1,000 notices
    python benchmarks/bench.py --profile  # also: where one worker's time goes (cProfile, 200 notices)

Builds a corpus from samples/*.txt|html (or from notices written here when samples/
is absent), replicated with a varying view counter so that every file differs; some
files are HTML, UTF-16 or cp1258, and a few are bad (empty, PDF, oversized). Then runs
`kttt batch` as a subprocess with one worker and with every core, and reports
notices/s, MB/s, notices/s per worker and peak memory.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAX_BYTES = 1_000_000          # passed to kttt batch; the oversized bad files exceed it
FILES_PER_DIR = 500
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # cp1258 writes these as combining marks

FALLBACK_NOTICES = [
    "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN TAM NÔNG\nNgày đăng: 14/02/2024\n"
    "Ngày 08/02/2024, UBND huyện Tam Nông ban hành Kế hoạch số 31/KH-UBND về phát triển kinh tế tập thể "
    "năm 2024.\nNăm 2023, toàn huyện có 27 hợp tác xã với 1.950 thành viên; doanh thu bình quân đạt "
    "1,2 tỷ đồng/HTX/năm.\nMục tiêu năm 2024: thành lập mới ít nhất 3 HTX, 5 tổ hợp tác; trên 70% HTX "
    "hoạt động có hiệu quả; bồi dưỡng 60 lượt cán bộ quản lý HTX.\n",
    "Sở Kế hoạch và Đầu tư tỉnh Yên Bái\nThứ ba, 19/09/2023\nTiếp tục triển khai Nghị quyết số 20-NQ/TW, "
    "Tỉnh ủy Yên Bái ban hành Chương trình hành động số 45-CTr/TU.\nĐến năm 2025, phấn đấu toàn tỉnh có "
    "khoảng 450 HTX, 90 tổ hợp tác; tỷ lệ HTX hoạt động hiệu quả đạt 80%.\nHiện nay toàn tỉnh có 312 HTX, "
    "tăng 41 HTX so với năm 2020.\n",
]


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    return (f"machine: {len(os.sched_getaffinity(0))} cores available (nproc {os.cpu_count()}), {model}; "
            f"Python {platform.python_version()} on {platform.system()} {platform.release()}")


def kttt_command() -> list[str]:
    script = Path(sys.executable).with_name("kttt")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from kttt_extract.cli import main; main()"]


# --- the corpus ---------------------------------------------------------------------------------

def sources() -> list[tuple[str, str]]:
    """(suffix, text) of every bundled sample, or of the notices above."""
    samples = sorted(p for p in (REPO / "samples").glob("*") if p.suffix in (".txt", ".html"))
    if samples:
        return [(p.suffix, p.read_text(encoding="utf-8")) for p in samples]
    return [(".txt", text) for text in FALLBACK_NOTICES]


def to_cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed (â, ơ, ư …), tone marks combining."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)) + tones)
    return "".join(out).encode("cp1258", errors="replace")


def as_html(text: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tin tức</title></head>" \
           f"<body><div class=\"menu\">Trang chủ | Tin tức</div>{paragraphs}</body></html>"


def with_counter(suffix: str, text: str, i: int) -> str:
    """The same notice with its own view counter: distinct content, same figures."""
    line = f"Lượt xem: {1000 + i}"
    if suffix == ".html" and "</body>" in text:
        return text.replace("</body>", f"<p>{line}</p></body>", 1)
    return f"{text.rstrip()}\n{line}\n"


def build_corpus(root: Path, count: int) -> tuple[int, int]:
    """Write `count` notices under root (plus the bad files); return (files, bytes)."""
    pool = sources()
    total_bytes = 0
    for i in range(count):
        suffix, text = pool[i % len(pool)]
        text = with_counter(suffix, text, i)
        folder = root / f"{i // FILES_PER_DIR:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if suffix == ".txt" and i % 10 == 3:
            suffix, text = ".html", as_html(text)
        raw = text.encode("utf-16") if i % 25 == 7 else to_cp1258(text) if i % 25 == 11 else text.encode("utf-8")
        (folder / f"notice{i:05d}{suffix}").write_bytes(raw)
        total_bytes += len(raw)
    bad = root / "bad"
    bad.mkdir(exist_ok=True)
    per_kind = max(1, count // 1000)
    for j in range(per_kind):
        (bad / f"empty{j}.txt").write_bytes(b"")
        (bad / f"scan{j}.html").write_bytes(b"%PDF-1.5\n%\xb5\xb5\xb5\xb5\n" + os.urandom(4000))
        (bad / f"huge{j}.txt").write_bytes(("Hợp tác xã " * (MAX_BYTES // 10)).encode("utf-8"))
    return count + 3 * per_kind, total_bytes


# --- measuring ----------------------------------------------------------------------------------

def tree_rss_kb(pid: int) -> int:
    """Sum of VmRSS over `pid` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


def run_measured(command: list[str]) -> dict:
    """Run `command`; wall time, exit status, peak RSS of its largest process (wait4) and
    peak of the summed RSS of its process tree (sampled from /proc every 50 ms)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = [0]
    done = threading.Event()

    def sample():
        while not done.wait(0.05):
            peak_tree[0] = max(peak_tree[0], tree_rss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "status": process.returncode, "maxrss_mb": usage.ru_maxrss / 1024,
            "tree_mb": peak_tree[0] / 1024, "stderr": stderr}


def median_wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_batch(corpus: Path, work: Path, jobs: int, files: int, megabytes: float) -> dict:
    out = work / f"out-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    result = run_measured([*kttt_command(), "batch", str(corpus), "-o", str(out), "--jobs", str(jobs),
                           "--max-bytes", str(MAX_BYTES), "-f", "jsonl"])
    rate = files / result["wall"]
    print(f"  --jobs {jobs}: {result['wall']:6.1f} s  {rate:7.0f} notices/s  {megabytes / result['wall']:5.1f} MB/s  "
          f"{rate / jobs:6.0f} notices/s per worker  peak RSS {result['maxrss_mb']:.0f} MB (largest process, "
          f"wait4) / {result['tree_mb']:.0f} MB (sum over batch + workers, /proc)  exit {result['status']}")
    for line in result["stderr"].strip().splitlines()[-3:]:
        print(f"      {line}")
    reasons = Counter(json.loads(line)["reason"] for line in (out / "errors.jsonl").open(encoding="utf-8"))
    print("      errors by reason: " + "; ".join(f"{n} × {reason}" for reason, n in reasons.most_common(4)))
    return result


def batch_overhead(corpus: Path, work: Path, count: int) -> None:
    """notices/s of the batch machinery alone (read, hash, render, write, csv) in one process,
    with extraction replaced by a constant record."""
    from kttt_extract import batch, pipeline
    from kttt_extract.record import Notice, Source

    def trivial_extract(raw, *, path=None, patterns=None):
        return Notice(source=Source(path=path, sha256="0" * 64, format="text", encoding="utf-8"))

    real = pipeline.extract
    pipeline.extract = trivial_extract
    try:
        inputs = list(batch.discover([str(corpus)]))[:count]
        started = time.perf_counter()
        batch.run_batch(inputs, work / "out-trivial", fmt="json", jobs=1, max_bytes=MAX_BYTES)
        elapsed = time.perf_counter() - started
    finally:
        pipeline.extract = real
    print(f"  batch overhead (extraction replaced by a constant record, -f json, 1 process): "
          f"{len(inputs) / elapsed:.0f} notices/s = {elapsed / len(inputs) * 1000:.2f} ms/notice")


def profile_worker(corpus: Path, work: Path, count: int) -> None:
    from kttt_extract import batch
    inputs = list(batch.discover([str(corpus)]))[:count]
    profiler = cProfile.Profile()
    profiler.enable()
    batch.run_batch(inputs, work / "out-profile", fmt="json", jobs=1, max_bytes=MAX_BYTES)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).sort_stats("cumulative")
    stats.print_stats(25)
    print(f"\ncProfile of one worker on {len(inputs)} notices (sorted by cumulative time):")
    print("\n".join(line for line in text.getvalue().splitlines() if line.strip())[:6000])


def floor_and_kttt(corpus: Path, count: int) -> tuple[float, float]:
    """Seconds per notice, in one process over the same bytes, of the floor (decode as UTF-8 or
    UTF-16, NFC, one compiled regex pass counting the numbers) and of kttt's extract + JSON render."""
    import re
    from kttt_extract.errors import InputError
    from kttt_extract.patterns import load_patterns
    from kttt_extract.pipeline import extract
    from kttt_extract.write import render

    files = sorted(p for p in corpus.glob("[0-9]*/*"))[:count]
    raws = [(str(p), p.read_bytes()) for p in files]
    numbers = re.compile(r"\d+(?:[.,]\d+)*")
    started = time.perf_counter()
    for _, raw in raws:
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8", "replace")
        len(numbers.findall(unicodedata.normalize("NFC", text)))
    floor = (time.perf_counter() - started) / len(raws)
    patterns = load_patterns()
    extract(raws[0][1], path=raws[0][0], patterns=patterns)  # compile the patterns outside the timing
    started = time.perf_counter()
    for path, raw in raws:
        try:
            render(extract(raw, path=path, patterns=patterns), "json")
        except InputError:
            pass
    kttt = (time.perf_counter() - started) / len(raws)
    return floor, kttt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 notices instead of 10,000")
    parser.add_argument("--files", type=int, help="number of notices (overrides --quick)")
    parser.add_argument("--workdir", type=Path, help="build the corpus here (kept) instead of a temp dir")
    parser.add_argument("--profile", action="store_true", help="also profile one worker on 200 notices")
    args = parser.parse_args()
    count = args.files or (1000 if args.quick else 10_000)
    cores = len(os.sched_getaffinity(0))

    print(machine())
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kttt-bench-"))
    try:
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        started = time.perf_counter()
        files, size = build_corpus(corpus, count)
        megabytes = size / 1e6
        print(f"corpus: {files} files ({count} notices from {len(sources())} sources + {files - count} bad), "
              f"{megabytes:.1f} MB, built in {time.perf_counter() - started:.1f} s in {corpus}")

        one = next(p for p in sorted((corpus / "000").iterdir()) if p.suffix == ".txt")
        pass_time = median_wall([sys.executable, "-c", "pass"], 7)
        extract_time = median_wall([*kttt_command(), "extract", str(one)], 7)
        print(f"start-up (median of 7): kttt extract on one notice {extract_time:.3f} s, python -c pass "
              f"{pass_time:.3f} s, ratio {extract_time / pass_time:.1f}x (target: under 0.35 s)")

        print(f"kttt batch on {files} files:")
        results = {jobs: bench_batch(corpus, work, jobs, files, megabytes) for jobs in sorted({1, 2, cores})}
        per_worker = files / results[1]["wall"]
        peak = max(max(r["maxrss_mb"], r["tree_mb"]) for r in results.values())
        print(f"targets: >= 500 notices/s per worker: {per_worker:.0f} ({'ok' if per_worker >= 500 else 'MISSED'}); "
              f"peak memory < 300 MB: {peak:.0f} MB ({'ok' if peak < 300 else 'MISSED'}); "
              f"start-up < 0.35 s: {extract_time:.3f} s ({'ok' if extract_time < 0.35 else 'MISSED'})")

        floor, kttt = floor_and_kttt(corpus, min(1000, count))
        print(f"floor (decode + NFC + one compiled regex pass, same bytes, 1 process): {floor * 1000:.3f} ms/notice; "
              f"kttt extract + JSON: {kttt * 1000:.2f} ms/notice = {1 / kttt:.0f} notices/s; "
              f"ratio {kttt / floor:.0f}x (target: within 10x: {'ok' if kttt / floor <= 10 else 'MISSED'})")
        batch_overhead(corpus, work, min(2000, count))
        if args.profile:
            profile_worker(corpus, work, 200)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
