"""OUT's streamed files, its lock, and what a killed run left for --resume (part of `kttt batch`)."""
from __future__ import annotations

import csv
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .batch_inputs import UsageError
from .batch_worker import CSV_HEADER, Outcome, Previous
from .errors import OutputError

try:
    import fcntl
except ImportError:  # Windows: no lock on OUT
    fcntl = None

RUN_DIR = ".kttt-run"     # the streamed files of the running (or killed) batch
PREV_DIR = ".kttt-prev"   # a killed run's files, read by --resume
LOCK_FILE = ".kttt-lock"


@contextmanager
def writing(out: Path) -> Iterator[None]:
    """In the batch's own process every OSError is OUT's (inputs are read by the workers)."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError.of(getattr(exc, "filename", None) or out, exc) from None


class locked:
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


def start_run(out: Path, resume: bool) -> dict[str, Previous]:
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

    def add_summary(self, summary: dict) -> None:
        self.manifest.write(_json_line({"summary": summary}))

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
