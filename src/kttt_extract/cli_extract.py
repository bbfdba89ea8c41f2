"""`kttt extract` itself, without typer: the command's work, and a reader of its plain arguments.

`kttt extract FILE` is the command run most, one notice at a time, so its start-up
counts; typer (with click and the pydantic adapters it builds for every parameter)
costs about a fifth of it. `kttt_extract.cli.main` therefore reads the arguments of
`extract` here when they are plain — files, and the command's own options each given
a value (`-f yaml`, `--timeout=10`, `--patterns DIR` …) — and runs the command
directly. Anything else (`--help`, an unknown or misspelt option, a missing value, a
value typer would refuse or read differently, no file at all) returns None from
`parse_extract`, and typer reads the whole command line as before, so every message
and exit status comes from the same place as ever. The typer command
(`cli_app.extract_command`) runs the same `run_extract`.
"""
from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0

# option → parameter, as cli_app.extract_command declares them
_OPTIONS = {"-f": "fmt", "--format": "fmt", "-o": "output", "--output": "output",
            "--max-bytes": "max_bytes", "--timeout": "timeout", "--patterns": "patterns"}


def error(message: str) -> None:
    """One line on stderr: `kttt: error: …`."""
    print(f"kttt: error: {message}", file=sys.stderr)


def load_pattern_dirs(dirs):
    """The bundled patterns extended by `dirs`; None (the error printed) when a file is wrong."""
    from .errors import PatternError
    from .patterns import load_patterns
    try:
        return load_patterns(tuple(str(d) for d in dirs or ()))
    except PatternError as exc:
        error(str(exc))
        return None


def run_extract(files: list[str], fmt: str = "json", output: Path | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
                patterns: list[Path] | None = None) -> int:
    """Extract one record per notice and write them; the exit status (0, or 2 after an error)."""
    from .decode import read_input
    from .errors import InputError, OutputError
    from .limits import time_limit
    from .pipeline import extract
    from .write import FORMATS, render, render_many, write_output

    if fmt not in FORMATS:
        error(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        return 2
    pattern_set = load_pattern_dirs(patterns)
    if pattern_set is None:
        return 2
    notices, failed = [], False
    for path in files:
        try:
            with time_limit(timeout, path):
                notices.append(extract(read_input(path, max_bytes), path=path, patterns=pattern_set))
        except InputError as exc:
            error(str(exc))
            failed = True
    if notices:
        text = render(notices[0], fmt) if len(files) == 1 else render_many(notices, fmt)
        if output:
            try:
                write_output(output, text)
            except OutputError as exc:
                error(str(exc))
                return 2
        else:
            sys.stdout.write(text)
    return 2 if failed else 0


def parse_extract(args: list[str]) -> dict | None:
    """The parameters of `kttt extract ARGS` when typer would read them so too; None when unsure."""
    values: dict = {"fmt": "json", "output": None, "max_bytes": DEFAULT_MAX_BYTES,
                    "timeout": DEFAULT_TIMEOUT, "patterns": []}
    files: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "-" or not arg.startswith("-"):
            files.append(arg)
            index += 1
            continue
        if arg.startswith("--") and "=" in arg:
            name, value = arg.split("=", 1)
            index += 1
        elif arg in _OPTIONS and index + 1 < len(args):
            name, value = arg, args[index + 1]
            index += 2
        else:
            return None  # --help, --, an unknown option, `-fyaml`, a missing value …
        parameter = _OPTIONS.get(name)
        if parameter is None or not value or value.startswith("-"):
            return None
        converted = _convert(parameter, value)
        if converted is None:
            return None
        if parameter == "patterns":
            values["patterns"].append(converted)
        else:
            values[parameter] = converted
    if not files:
        return None
    return {"files": files, **values}


def _convert(parameter: str, value: str):
    """The value as typer converts it, or None where its conversion might differ or fail."""
    if parameter == "fmt":
        return value
    if parameter == "max_bytes":
        return int(value) if re.fullmatch(r"[0-9]{1,18}", value) else None
    if parameter == "timeout":
        return float(value) if re.fullmatch(r"[0-9]{1,12}(?:\.[0-9]{1,12})?", value) else None
    # a path: typer refuses an existing one that cannot be read
    return Path(value) if not os.path.exists(value) or os.access(value, os.R_OK) else None


def fast_main(argv: list[str]) -> int | None:
    """Run `kttt extract …` without typer when its arguments are plain; None to let typer run it."""
    if argv[:1] != ["extract"] or os.name == "nt" or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None
    parsed = parse_extract(argv[1:])
    if parsed is None:
        return None
    try:
        return run_extract(**parsed)
    except KeyboardInterrupt:  # as typer answers them
        return 130
    except EOFError:
        print(file=sys.stderr)
        print("Aborted!", file=sys.stderr)
        return 1
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        devnull = os.open(os.devnull, os.O_WRONLY)  # the reader went away: nothing more to flush at exit
        os.dup2(devnull, sys.stdout.fileno())
        return 1
