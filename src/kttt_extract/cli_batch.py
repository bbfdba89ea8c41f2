"""`kttt batch` (issue 6): a directory of scraped pages → records, figures.csv, errors.jsonl."""
from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import List, Optional

import typer

PLAIN_PROGRESS_EVERY = 5.0  # seconds between progress lines when stderr is not a terminal


def register(app, error, patterns_from) -> None:
    """Add this module's commands to the `kttt` app."""

    @app.command("batch")
    def batch_command(
        inputs: Optional[List[str]] = typer.Argument(None, metavar="INPUT...",
                                                     help="Notice files and directories (walked recursively)."),
        out: Optional[Path] = typer.Option(None, "-o", "--output", metavar="OUT",
                                           help="Output directory (created if needed)."),
        globs: Optional[List[str]] = typer.Option(None, "--glob", metavar="PATTERN",
                                                  help="File names to take from directories (repeatable; "
                                                       "default *.txt, *.html, *.htm, *.pdf, *.docx, *.doc)."),
        list_files: Optional[List[str]] = typer.Option(None, "--from-list", metavar="FILE",
                                                       help="A file of input paths, one a line ('#' comments)."),
        fmt: str = typer.Option("json", "-f", "--format", help="json or yaml (one file per notice) or jsonl."),
        jobs: Optional[int] = typer.Option(None, "-j", "--jobs", help="Worker processes (default: the cores available)."),
        resume: bool = typer.Option(False, "--resume", help="Keep the records of unchanged inputs from the last run."),
        quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress and no summary."),
        max_bytes: int = typer.Option(20 * 1024 * 1024, "--max-bytes", help="Refuse inputs larger than this."),
        timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS",
                                      help="Give up on a notice after this long (0: no limit)."),
        patterns: Optional[List[Path]] = typer.Option(None, "--patterns", metavar="DIR",
                                                      help="Extra pattern files that extend the bundled ones."),
        db: Optional[Path] = typer.Option(None, "--db", metavar="DB",
                                          help="Then load the records into this SQLite database (kttt db load)."),
    ) -> None:
        """Convert many notices in parallel, resumably; failures go to OUT/errors.jsonl.

        Writes OUT/records/… (or OUT/records.jsonl), OUT/figures.csv (UTF-8 with BOM),
        OUT/errors.jsonl and OUT/manifest.jsonl. Exit status 1 when some inputs failed.

        Example: kttt batch scraped/ -o out --jobs 4
        """
        from .batch import DEFAULT_GLOBS, UsageError, check_inputs, discover, run_batch
        from .errors import OutputError
        from .write import FORMATS

        def usage(message: str):
            error(message)
            raise typer.Exit(2)

        inputs, list_files, globs = inputs or [], list_files or [], globs or []
        if out is None:
            usage("missing the output directory: -o OUT")
        if fmt not in FORMATS:
            usage(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        if jobs is not None and jobs < 1:
            usage(f"--jobs must be at least 1, not {jobs}")
        if timeout < 0 or max_bytes < 1:
            usage("--timeout must be 0 or more and --max-bytes at least 1")
        if not inputs and not list_files:
            usage("no inputs: give files, directories or --from-list FILE")
        patterns_from(patterns)  # a malformed pattern file is a usage error, before any work

        def found(skipped: Counter):
            return discover(inputs, globs, list_files, exclude=out, skipped=skipped)

        try:
            check_inputs(inputs, list_files)
            skipped = Counter()
            total = sum(1 for _ in found(skipped))
            if total == 0:
                usage(f"no inputs found (looked for {', '.join(globs) or ', '.join(DEFAULT_GLOBS)}"
                      f"{'; ' + _skipped(skipped) if skipped else ''})")
            with _progress(total, quiet) as progress:
                summary = run_batch(found(Counter()), out, fmt=fmt, jobs=jobs, resume=resume, max_bytes=max_bytes,
                                    timeout=timeout, pattern_dirs=tuple(str(p) for p in patterns or ()),
                                    skipped=skipped, on_progress=progress)
        except (UsageError, OutputError) as exc:
            usage(str(exc))
        except KeyboardInterrupt:
            error("interrupted; the records written so far are kept: rerun with --resume to finish")
            raise typer.Exit(130)
        _report(summary, out, quiet)
        if db is not None:
            from .cli_db import load_into
            load_into(out, db, None, usage, quiet=quiet)
        raise typer.Exit(1 if summary.errors else 0)


def _report(summary, out: Path, quiet: bool) -> None:
    failed = f"{summary.errors} failed (see {out / 'errors.jsonl'})" if summary.errors else "0 failed"
    if quiet:
        if summary.errors:
            print(f"kttt: {summary.errors} of {summary.notices} notices failed (see {out / 'errors.jsonl'})",
                  file=sys.stderr)
        return
    rate = summary.notices / summary.elapsed if summary.elapsed else 0.0
    reused = f", {summary.reused} reused from the last run" if summary.reused else ""
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.formats.items()))
    lines = [f"{summary.notices} notices: {summary.records} records{f' ({kinds})' if kinds else ''}{reused}, {failed}"]
    if summary.skipped:
        lines.append(f"{_skipped(summary.skipped)} (not a kind kttt reads, or not matched by --glob)")
    lines += [f"{summary.figures} figures ({summary.targets} targets, {summary.reported} reported)",
              f"{summary.elapsed:.1f} s, {rate:.0f} notices/s with {summary.jobs} "
              f"worker{'s' if summary.jobs > 1 else ''}; output in {out}"]
    print("\n".join(f"kttt: {line}" for line in lines), file=sys.stderr)


def _skipped(skipped: Counter) -> str:
    """`skipped 3 files: 2 .png, 1 .xls`"""
    total = sum(skipped.values())
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items(), key=lambda item: (-item[1], item[0])))
    return f"skipped {total} file{'s' if total > 1 else ''}: {kinds}"


class _progress:
    """Calls back with the running Summary: a rich bar on a terminal, a line every few seconds elsewhere."""

    def __init__(self, total: int, quiet: bool):
        self.total = total
        self.quiet = quiet
        self.bar = None
        self.last_line = time.monotonic()

    def __enter__(self):
        if not self.quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
            self.bar = Progress(TextColumn("kttt batch"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[errors]} errors"), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("batch", total=self.total, errors=0)
        return self

    def __call__(self, summary) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=summary.notices, errors=summary.errors)
        elif not self.quiet and time.monotonic() - self.last_line >= PLAIN_PROGRESS_EVERY:
            self.last_line = time.monotonic()
            print(f"kttt: {summary.notices}/{self.total} notices, {summary.errors} errors", file=sys.stderr,
                  flush=True)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
