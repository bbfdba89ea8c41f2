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

import csv
import fnmatch
import hashlib
import json
import os
import shutil
import signal
import threading
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, count, islice
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator, NamedTuple

from . import pipeline
from .decode import DEFAULT_MAX_BYTES, read_input
from .errors import InputError
from .patterns import load_patterns
from .write import FORMATS, atomic_write, render, to_data

try:
    import fcntl
except ImportError:  # Windows: no lock on OUT
    fcntl = None

# Every kind kttt reads, and legacy .doc, so that errors.jsonl says to save it as DOCX or PDF.
DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm", "*.pdf", "*.docx", "*.doc")
DEFAULT_TIMEOUT = 30.0
RUN_DIR = ".kttt-run"     # the streamed files of the running (or killed) batch
PREV_DIR = ".kttt-prev"   # a killed run's files, read by --resume
LOCK_FILE = ".kttt-lock"
CHUNK = 8                 # notices per task sent to a worker
CHUNKS_PER_WORKER = 4     # tasks in flight per worker: bounds memory and keeps order cheap

FIGURE_FIELDS = ("status", "subject", "subject_text", "value", "value_max", "unit", "comparator",
                 "condition", "action", "deadline", "as_of")
CSV_HEADER = ("path", "plan_kind", "plan_number", "issuer_place", "issuer_province", *FIGURE_FIELDS,
              "evidence_start", "evidence_end", "evidence_text", "evidence_page", "status_cue", "status_scope")


class UsageError(Exception):
    """Bad usage of `kttt batch` (no inputs, OUT is a file …): exit status 2."""


# --- discovering inputs ---------------------------------------------------------------------

@dataclass(frozen=True)
class Input:
    path: str               # as written in records and reports: the input as given, joined with `rel`
    rel: str                # POSIX path relative to the input directory it came from; names the output
    problem: str | None = None  # set when the input could not even be listed


def discover(inputs: Iterable[str], globs: Iterable[str] = DEFAULT_GLOBS,
             list_files: Iterable[str] = (), exclude: Path | None = None,
             skipped: Counter | None = None) -> Iterator[Input]:
    """The notices named by `inputs` and `list_files`, lazily and in a fixed order.

    Inputs come in the order given; a directory is walked recursively in sorted order,
    keeping the files whose name (or relative path, for a pattern with `/`) matches one
    of `globs`, case-insensitively. A file named directly is taken whatever its name.
    `exclude` (the output directory) is never walked. `skipped` counts, by extension, the
    files of directories that no glob matched.
    """
    globs = tuple(g.lower() for g in globs) or DEFAULT_GLOBS
    visited = {_dir_key(exclude)} if exclude is not None and exclude.is_dir() else set()
    skipped = Counter() if skipped is None else skipped
    for given in inputs:
        yield from _expand(given, globs, visited, skipped)
    for list_file in list_files:
        for given in read_path_list(list_file):
            yield from _expand(given, globs, visited, skipped)


def read_path_list(list_file: str) -> Iterator[str]:
    """The paths in a list file, one a line; blank lines and `#` comments are skipped and
    relative paths are taken relative to the list file's directory."""
    base = os.path.dirname(list_file)
    with open(list_file, encoding="utf-8-sig") as handle:
        for line in handle:
            entry = line.strip()
            if entry and not entry.startswith("#"):
                yield entry if os.path.isabs(entry) else os.path.normpath(os.path.join(base, entry))


def check_inputs(inputs: Iterable[str], list_files: Iterable[str]) -> None:
    """Raise UsageError for a command-line input or list file that does not exist."""
    for given in inputs:
        if not os.path.exists(given):
            raise UsageError(f"{given}: no such file or directory")
    for list_file in list_files:
        if not os.path.isfile(list_file):
            raise UsageError(f"{list_file}: no such list file")


def _expand(given: str, globs: tuple[str, ...], visited: set, skipped: Counter) -> Iterator[Input]:
    if os.path.isdir(given):
        yield from _walk(given, "", globs, visited, skipped)
    else:
        yield Input(path=given, rel=os.path.basename(given.rstrip("/")) or given)


def _walk(directory: str, rel: str, globs: tuple[str, ...], visited: set, skipped: Counter) -> Iterator[Input]:
    key = _dir_key(Path(directory))
    if key in visited:  # the output directory, or a symlink loop
        return
    visited.add(key)
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Input(path=directory, rel=rel or ".", problem=f"cannot list directory: {exc.strerror}")
        return
    for entry in entries:
        entry_rel = f"{rel}/{entry.name}" if rel else entry.name
        if entry.is_dir():
            yield from _walk(entry.path, entry_rel, globs, visited, skipped)
        elif _matches(entry.name, entry_rel, globs):
            yield Input(path=entry.path, rel=entry_rel)
        else:
            skipped[os.path.splitext(entry.name)[1].lower() or "(no extension)"] += 1


def _matches(name: str, rel: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase((rel if "/" in g else name).lower(), g) for g in globs)


def _dir_key(directory: Path) -> tuple[int, int]:
    stat = directory.stat()
    return stat.st_dev, stat.st_ino


class OutputNamer:
    """records/<rel> with the format's suffix; `x.txt` and `x.html` side by side become
    `x.json` and `x.html.json`. Names are compared case-insensitively (macOS, Windows)."""

    def __init__(self, suffix: str):
        self.suffix = suffix
        self.used: set[str] = set()

    def name(self, rel: str) -> str:
        base = PurePosixPath("records", *PurePosixPath(rel).parts)
        first = base.with_suffix(self.suffix) if base.suffix else base.with_name(base.name + self.suffix)
        candidates = chain([first, base.with_name(base.name + self.suffix)],
                           (base.with_name(f"{base.name}~{n}{self.suffix}") for n in count(2)))
        candidate = next(c for c in candidates if str(c).casefold() not in self.used)
        self.used.add(str(candidate).casefold())
        return str(candidate)


# --- converting one notice (in a worker process) ----------------------------------------------

class Previous(NamedTuple):
    """Where the last run left a notice's record: reused when the input's sha256 is unchanged."""
    sha256: str
    file: str               # absolute path of the record file (per-notice) or of the jsonl file
    offset: int = -1        # jsonl only: the record line's byte offset and length
    length: int = 0


class Task(NamedTuple):
    path: str
    output: str | None       # OUT-relative record file (json/yaml), None for jsonl
    previous: Previous | None
    problem: str | None = None


class Outcome(NamedTuple):
    path: str
    sha256: str | None
    output: str | None
    line: str | None         # the record's jsonl line (-f jsonl)
    rows: list               # figures.csv rows
    targets: int
    reported: int
    error: str | None
    reused: bool
    format: str | None = None  # the record's source.format


@dataclass(frozen=True)
class Settings:
    out: str
    fmt: str
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    pattern_dirs: tuple[str, ...] = ()


class ExtractionTimeout(BaseException):
    """Raised by SIGALRM; a BaseException so that no `except Exception` inside extraction eats it."""


_worker: dict = {}


def init_worker(settings: Settings, in_pool: bool = False) -> None:
    """Pool initializer: load (and compile) the patterns once per worker process."""
    _worker["settings"] = settings
    if in_pool:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the batch's handler, inherited by fork
    _worker["patterns"] = load_patterns(settings.pattern_dirs)
    _worker["alarm"] = (settings.timeout > 0 and hasattr(signal, "setitimer")  # no SIGALRM on Windows
                        and threading.current_thread() is threading.main_thread())
    if _worker["alarm"]:
        signal.signal(signal.SIGALRM, _on_alarm)


def _on_alarm(signum, frame):
    raise ExtractionTimeout


def convert_chunk(tasks: list[Task]) -> list[Outcome]:
    return [convert(task) for task in tasks]


def convert(task: Task) -> Outcome:
    """One notice → its outcome; never raises (except for KeyboardInterrupt)."""
    settings: Settings = _worker["settings"]
    if task.problem:
        return _failure(task.path, None, task.problem)
    sha = None
    try:
        if _worker["alarm"]:
            signal.setitimer(signal.ITIMER_REAL, settings.timeout)
        try:
            raw = read_input(task.path, settings.max_bytes)
            sha = hashlib.sha256(raw).hexdigest()
            reused = _reuse(task, sha, settings)
            if reused:
                return reused
            notice = pipeline.extract(raw, path=task.path, patterns=_worker["patterns"])
        finally:
            if _worker["alarm"]:
                signal.setitimer(signal.ITIMER_REAL, 0)
        return _success(task, sha, to_data(notice), render(notice, settings.fmt), settings, reused=False)
    except InputError as exc:
        return _failure(task.path, sha, exc.reason)
    except ExtractionTimeout:
        return _failure(task.path, sha, f"extraction took longer than {settings.timeout:g} s (--timeout)")
    except Exception as exc:  # noqa: BLE001 - nothing is lost: the reason goes to errors.jsonl
        return _failure(task.path, sha, f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())}")


def _success(task: Task, sha: str, data: dict, text: str, settings: Settings, reused: bool) -> Outcome:
    if task.output and not reused:
        atomic_write(Path(settings.out, task.output), text)
    figures = data.get("figures") or []
    targets = sum(1 for f in figures if f.get("status") == "target")
    return Outcome(task.path, sha, task.output, text if settings.fmt == "jsonl" else None,
                   figure_rows(data), targets, len(figures) - targets, None, reused, data["source"].get("format"))


def _failure(path: str, sha: str | None, reason: str) -> Outcome:
    return Outcome(path, sha, None, None, [], 0, 0, reason, False)


def _reuse(task: Task, sha: str, settings: Settings) -> Outcome | None:
    """The previous run's record of this input, if the input is unchanged and the record intact."""
    previous = task.previous
    if previous is None or previous.sha256 != sha:
        return None
    in_place = previous.offset >= 0 if settings.fmt == "jsonl" else previous.file == str(Path(settings.out, task.output))
    if not in_place:  # the previous run wrote another format or another file name
        return None
    try:
        text, data = _load_record(previous, settings.fmt)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    source = data.get("source") if isinstance(data, dict) else None
    if not source or source.get("sha256") != sha or source.get("path") != task.path:
        return None
    return _success(task, sha, data, text, settings, reused=True)


def _load_record(previous: Previous, fmt: str) -> tuple[str, dict]:
    if fmt == "jsonl":
        with open(previous.file, "rb") as handle:
            handle.seek(previous.offset)
            text = handle.read(previous.length).decode("utf-8")
        if not text.endswith("\n"):
            raise ValueError("truncated record line")
        return text, json.loads(text)
    text = Path(previous.file).read_text(encoding="utf-8")
    if fmt == "json":
        return text, json.loads(text)
    import yaml
    try:
        return text, yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None


def figure_rows(data: dict) -> list[list]:
    """The figures.csv rows of one record (as JSON data)."""
    plan = data.get("plan") or {}
    issuer = plan.get("issuer") or {}
    head = [data["source"]["path"], plan.get("kind"), plan.get("number"), issuer.get("place"), issuer.get("province")]
    rows = []
    for figure in data.get("figures") or []:
        evidence, reason = figure.get("evidence") or {}, figure.get("status_reason") or {}
        rows.append(head + [figure.get(name) for name in FIGURE_FIELDS]
                    + [evidence.get("start"), evidence.get("end"), evidence.get("text"), evidence.get("page"),
                       reason.get("cue"), reason.get("scope")])
    return rows


# --- running the batch (main process) ---------------------------------------------------------

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
    """Convert every input; write OUT's files (see the module doc). Raises UsageError.

    `skipped` is the counter that `discover` filled while listing `inputs`."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: the output must be a directory, and this is a file")
    out.mkdir(parents=True, exist_ok=True)
    jobs = jobs or default_jobs()
    settings = Settings(str(out.resolve()), fmt, max_bytes, timeout, tuple(pattern_dirs))
    with _locked(out):
        index = _start_run(out, resume)
        run = RunFiles(out, fmt)
        summary = Summary(jobs=jobs, skipped=skipped if skipped is not None else Counter())
        try:
            for outcome in _outcomes(_tasks(inputs, fmt, index, settings), settings, jobs):
                run.add(outcome)
                summary.add(outcome)
                if on_progress:
                    on_progress(summary)
        except BaseException:
            run.abandon()
            raise
        run.add_summary(summary)
        run.commit()
        shutil.rmtree(out / PREV_DIR, ignore_errors=True)
    summary.elapsed = time.perf_counter() - summary.started
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
        alarm_handler = signal.getsignal(signal.SIGALRM) if hasattr(signal, "SIGALRM") else None
        init_worker(settings)
        try:
            for chunk in chunks:
                yield from convert_chunk(chunk)
        finally:
            if _worker["alarm"]:
                signal.signal(signal.SIGALRM, alarm_handler or signal.SIG_DFL)
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


class _locked:
    """One batch at a time per OUT: a second one fails at once instead of interleaving files."""

    def __init__(self, out: Path):
        self.path = out / LOCK_FILE

    def __enter__(self):
        self.handle = open(self.path, "w")
        if fcntl is None:
            return self
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.close()
            raise UsageError(f"{self.path.parent}: another kttt batch is writing there") from None
        return self

    def __exit__(self, *exc):
        self.handle.close()  # the file stays: removing it would race with a batch that just opened it


def _start_run(out: Path, resume: bool) -> dict[str, Previous]:
    """Clear a previous run's leftovers, or (with --resume) keep them and index what they hold."""
    run_dir, prev_dir = out / RUN_DIR, out / PREV_DIR
    for stray in (out / "records").rglob(".*.tmp"):  # atomic_write's temp files from a killed run
        stray.unlink(missing_ok=True)
    if not resume:
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.rmtree(prev_dir, ignore_errors=True)
        return {}
    if run_dir.is_dir():  # a killed run: its streamed files become the previous state
        shutil.rmtree(prev_dir, ignore_errors=True)
        os.replace(run_dir, prev_dir)
    index = _read_manifest(out)
    index.update(_read_manifest(prev_dir))
    return index


def _read_manifest(directory: Path) -> dict[str, Previous]:
    """path → Previous for every record the manifest in `directory` lists (a killed run's
    manifest may end in a half line: it is skipped)."""
    index: dict[str, Previous] = {}
    try:
        handle = open(directory / "manifest.jsonl", encoding="utf-8")
    except FileNotFoundError:
        return index
    out = directory if directory.name != PREV_DIR else directory.parent
    with handle:
        for line in handle:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if not isinstance(entry, dict) or entry.get("error") or not entry.get("output"):
                continue
            if entry["output"] == "records.jsonl":
                index[entry["path"]] = Previous(entry["sha256"], str((directory / "records.jsonl").resolve()),
                                                entry["offset"], entry["length"])
            else:
                index[entry["path"]] = Previous(entry["sha256"], str((out / entry["output"]).resolve()))
    return index


class RunFiles:
    """The streamed output files, written in OUT/.kttt-run/ and renamed into OUT by `commit`.

    Each outcome's lines are flushed before its manifest line, so a killed run's
    manifest never points at a record that is not on disk."""

    def __init__(self, out: Path, fmt: str):
        self.out = out
        self.dir = out / RUN_DIR
        self.dir.mkdir()
        self.records = open(self.dir / "records.jsonl", "wb") if fmt == "jsonl" else None
        self.figures = open(self.dir / "figures.csv", "w", encoding="utf-8", newline="")
        self.figures.write("\ufeff")  # so that Excel reads the file as UTF-8
        self.csv = csv.writer(self.figures)
        self.csv.writerow(CSV_HEADER)
        self.errors = open(self.dir / "errors.jsonl", "w", encoding="utf-8")
        self.manifest = open(self.dir / "manifest.jsonl", "w", encoding="utf-8")

    def files(self) -> list:
        # the manifest last: it is renamed last, once everything it lists is in place
        return [f for f in (self.records, self.figures, self.errors, self.manifest) if f is not None]

    def add(self, outcome: Outcome) -> None:
        entry: dict = {"path": outcome.path, "sha256": outcome.sha256}
        if outcome.error:
            self.errors.write(_json_line({"path": outcome.path, "reason": outcome.error}))
            self.errors.flush()
            entry["error"] = outcome.error
        else:
            if outcome.line is not None:
                data = outcome.line.encode("utf-8")
                entry.update(output="records.jsonl", offset=self.records.tell(), length=len(data))
                self.records.write(data)
                self.records.flush()
            else:
                entry["output"] = outcome.output
            self.csv.writerows(outcome.rows)
            self.figures.flush()
        self.manifest.write(_json_line(entry))
        self.manifest.flush()

    def add_summary(self, summary: Summary) -> None:
        self.manifest.write(_json_line({"summary": {
            "notices": summary.notices, "records": dict(sorted(summary.formats.items())),
            "failed": summary.errors, "skipped": dict(sorted(summary.skipped.items()))}}))

    def commit(self) -> None:
        for handle in self.files():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        for handle in self.files():
            name = Path(handle.name).name
            os.replace(self.dir / name, self.out / name)
        _fsync_dir(self.out)
        shutil.rmtree(self.dir, ignore_errors=True)

    def abandon(self) -> None:
        """Close the files and leave them in OUT/.kttt-run/ for --resume."""
        for handle in self.files():
            handle.close()


def _json_line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
