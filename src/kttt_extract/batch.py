"""Batch conversion: many notices → records, figures.csv and errors.jsonl (issue 6).

Parallel (one pattern set per worker process), ordered (same inputs, same bytes
out, whatever the number of workers), streamed (memory does not grow with the
records), resumable and lossless: every input ends up either as a record or as
a line in errors.jsonl.

Layout of OUT:
  records/<relative path>.json|.yaml   one record per notice (-f json|yaml)
  records.jsonl                        all records, in input order (-f jsonl)
  figures.csv                          one row per figure, UTF-8 with BOM
  errors.jsonl                         one line per failed input: path, reason
  manifest.jsonl                       one line per input: path, sha256, where its record is;
                                       last, a summary line: records by format, files skipped by kind
While a batch runs, the streamed files grow in OUT/.kttt-run/ and are renamed
into OUT at the end; a killed run leaves them there for `--resume`.
"""
from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .batch_inputs import DEFAULT_GLOBS, Input, OutputNamer, UsageError, check_inputs, discover, read_path_list
from .batch_output import PREV_DIR, RUN_DIR, RunFiles, locked, start_run, writing
from .batch_worker import (CSV_HEADER, DEFAULT_TIMEOUT, FIGURE_FIELDS, Outcome, Previous, Settings, Task,
                           convert_chunk, figure_rows, init_worker)
from .decode import DEFAULT_MAX_BYTES
from .write import FORMATS

__all__ = ["CSV_HEADER", "DEFAULT_GLOBS", "DEFAULT_TIMEOUT", "FIGURE_FIELDS", "PREV_DIR", "RUN_DIR", "Input",
           "Summary", "UsageError", "check_inputs", "discover", "figure_rows", "read_path_list", "run_batch"]

CHUNK = 8                 # notices per task sent to a worker
CHUNKS_PER_WORKER = 4     # tasks in flight per worker: bounds memory and keeps order cheap


@dataclass
class Summary:
    notices: int = 0
    records: int = 0
    figures: int = 0
    targets: int = 0
    reported: int = 0
    errors: int = 0
    reused: int = 0
    jobs: int = 1
    formats: Counter = field(default_factory=Counter)   # records by source.format
    skipped: Counter = field(default_factory=Counter)   # files of directories not taken, by extension
    started: float = field(default_factory=time.perf_counter)
    elapsed: float = 0.0

    def add(self, outcome: Outcome) -> None:
        self.notices += 1
        if outcome.error:
            self.errors += 1
            return
        self.records += 1
        self.formats[outcome.format] += 1
        self.reused += outcome.reused
        self.targets += outcome.targets
        self.reported += outcome.reported
        self.figures += outcome.targets + outcome.reported

    def counts(self) -> dict:
        """The manifest's last line."""
        return {"notices": self.notices, "records": dict(sorted(self.formats.items())),
                "failed": self.errors, "skipped": dict(sorted(self.skipped.items()))}


def default_jobs() -> int:
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run_batch(inputs: Iterable[Input], out: str | Path, *, fmt: str = "json", jobs: int | None = None,
              resume: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
              pattern_dirs: tuple[str, ...] = (), skipped: Counter | None = None,
              on_progress: Callable[[Summary], None] | None = None) -> Summary:
    """Convert every input; write OUT's files (see the module doc). Raises UsageError, and
    OutputError when OUT cannot be written (read-only, full): the batch stops there.

    `skipped` is the counter that `discover` filled while listing `inputs`."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: the output must be a directory, and this is a file")
    jobs = jobs or default_jobs()
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)
        settings = Settings(str(out.resolve()), fmt, max_bytes, timeout, tuple(pattern_dirs))
        summary = _run(inputs, out, settings, resume, jobs, skipped, on_progress)
    summary.elapsed = time.perf_counter() - summary.started
    return summary


def _run(inputs: Iterable[Input], out: Path, settings: Settings, resume: bool, jobs: int,
         skipped: Counter | None, on_progress: Callable[[Summary], None] | None) -> Summary:
    with locked(out):
        index = start_run(out, resume)
        run = RunFiles(out, settings.fmt)
        summary = Summary(jobs=jobs, skipped=skipped if skipped is not None else Counter())
        try:
            for outcome in _outcomes(_tasks(inputs, settings.fmt, index, settings), settings, jobs):
                run.add(outcome)
                summary.add(outcome)
                if on_progress:
                    on_progress(summary)
        except BaseException:
            run.abandon()
            raise
        run.add_summary(summary.counts())
        run.commit()
        shutil.rmtree(out / PREV_DIR, ignore_errors=True)
    return summary


def _tasks(inputs: Iterable[Input], fmt: str, index: dict[str, Previous], settings: Settings) -> Iterator[Task]:
    namer = OutputNamer("." + fmt) if fmt != "jsonl" else None
    for item in inputs:
        output = namer.name(item.rel) if namer else None
        yield Task(item.path, output, index.get(item.path), item.problem)


def _outcomes(tasks: Iterator[Task], settings: Settings, jobs: int) -> Iterator[Outcome]:
    """Outcomes in input order. With one job, in this process; else a bounded window of
    chunks in flight over a process pool, so neither tasks nor results pile up."""
    chunks = iter(lambda: list(islice(tasks, CHUNK)), [])
    if jobs == 1:
        init_worker(settings)
        for chunk in chunks:
            yield from convert_chunk(chunk)
        return
    pool = ProcessPoolExecutor(jobs, initializer=init_worker, initargs=(settings, True))
    in_main = threading.current_thread() is threading.main_thread()
    term_handler = signal.signal(signal.SIGTERM, _interrupt) if in_main else None
    try:
        window: deque = deque()
        for chunk in chunks:
            window.append(pool.submit(convert_chunk, chunk))
            if len(window) >= jobs * CHUNKS_PER_WORKER:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # idle workers exit; busy ones after their chunk
        if in_main:
            signal.signal(signal.SIGTERM, term_handler)


def _interrupt(signum, frame):
    """SIGTERM stops a batch like Ctrl-C: the pool is shut down and OUT/.kttt-run kept for --resume."""
    raise KeyboardInterrupt
