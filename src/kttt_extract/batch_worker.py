"""Converting one notice into its outcome, in a worker process (part of `kttt batch`)."""
from __future__ import annotations

import hashlib
import json
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from . import pipeline
from .decode import DEFAULT_MAX_BYTES, read_input
from .errors import InputError, OutputError
from .limits import time_limit
from .patterns import load_patterns
from .write import render_data, to_data, write_output

DEFAULT_TIMEOUT = 30.0
FIGURE_FIELDS = ("status", "subject", "subject_text", "value", "value_max", "unit", "comparator",
                 "condition", "action", "deadline", "as_of")
CSV_HEADER = ("path", "plan_kind", "plan_number", "issuer_place", "issuer_province", *FIGURE_FIELDS,
              "evidence_start", "evidence_end", "evidence_text", "evidence_page", "status_cue", "status_scope")


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


worker_state: dict = {}


def init_worker(settings: Settings, in_pool: bool = False) -> None:
    """Pool initializer: load (and compile) the patterns once per worker process."""
    worker_state["settings"] = settings
    if in_pool:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the batch's handler, inherited by fork
    worker_state["patterns"] = load_patterns(settings.pattern_dirs)


def convert_chunk(tasks: list[Task]) -> list[Outcome]:
    return [convert(task) for task in tasks]


def convert(task: Task) -> Outcome:
    """One notice → its outcome; raises only OutputError (and KeyboardInterrupt)."""
    settings: Settings = worker_state["settings"]
    if task.problem:
        return _failure(task.path, None, task.problem)
    sha = None
    try:
        with time_limit(settings.timeout, task.path):
            raw = read_input(task.path, settings.max_bytes)
            sha = hashlib.sha256(raw).hexdigest()
            reused = _reuse(task, sha, settings)
            if reused:
                return reused
            notice = pipeline.extract(raw, path=task.path, patterns=worker_state["patterns"])
        data = to_data(notice)
        return _success(task, sha, data, render_data(data, settings.fmt), settings, reused=False)
    except InputError as exc:
        return _failure(task.path, sha, exc.reason)
    except OutputError:
        raise  # OUT cannot be written: the batch stops
    except Exception as exc:  # noqa: BLE001 - nothing is lost: the reason goes to errors.jsonl
        return _failure(task.path, sha, f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())}")


def _success(task: Task, sha: str, data: dict, text: str, settings: Settings, reused: bool) -> Outcome:
    if task.output and not reused:
        write_output(Path(settings.out, task.output), text)
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
