"""Which files a batch converts, and the record file each one gets (part of `kttt batch`)."""
from __future__ import annotations

import fnmatch
import os
from collections import Counter
from dataclasses import dataclass
from itertools import chain, count
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

# Every kind kttt reads, and legacy .doc, so that errors.jsonl says to save it as DOCX or PDF.
DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm", "*.pdf", "*.docx", "*.doc")


class UsageError(Exception):
    """Bad usage of `kttt batch` (no inputs, OUT is a file …): exit status 2."""


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
        base = PurePosixPath("records", *_inside_parts(rel))
        first = base.with_suffix(self.suffix) if base.suffix else base.with_name(base.name + self.suffix)
        candidates = chain([first, base.with_name(base.name + self.suffix)],
                           (base.with_name(f"{base.name}~{n}{self.suffix}") for n in count(2)))
        candidate = next(c for c in candidates if str(c).casefold() not in self.used)
        self.used.add(str(candidate).casefold())
        return str(candidate)


def _inside_parts(rel: str) -> list[str]:
    """`rel`'s parts without a root, `.` or `..`, so that no record is written outside OUT/records."""
    return [part for part in PurePosixPath(rel).parts if part not in ("/", ".", "..")] or ["_"]
