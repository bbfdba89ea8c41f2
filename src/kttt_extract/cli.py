"""The `kttt` command: a thin layer over `kttt_extract.extract` and its companions."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__

app = typer.Typer(
    name="kttt",
    help="Turn Vietnamese collective-economy notices (HTX, THT, KTTT plans) into validated records.\n\n"
         "Example: kttt extract notice.txt",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PatternsOption = typer.Option(None, "--patterns", metavar="DIR",
                              help="Extra pattern files that extend the bundled ones (repeatable).")


def error(message: str) -> None:
    """One line on stderr: `kttt: error: …`."""
    print(f"kttt: error: {message}", file=sys.stderr)


def patterns_from(dirs: Optional[List[Path]]):
    from .errors import PatternError
    from .patterns import load_patterns
    try:
        return load_patterns(tuple(str(d) for d in dirs or ()))
    except PatternError as exc:
        error(str(exc))
        raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        print(f"kttt {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """kttt: Vietnamese collective-economy notices → records."""


@app.command("extract")
def extract_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="Notices (text or HTML); '-' reads standard input."),
    fmt: str = typer.Option("json", "-f", "--format", help="json, yaml or jsonl."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here (atomically) instead of stdout."),
    max_bytes: int = typer.Option(20 * 1024 * 1024, "--max-bytes", help="Refuse inputs larger than this."),
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS",
                                  help="Give up on a notice after this long (0: no limit)."),
    patterns: Optional[List[Path]] = PatternsOption,
) -> None:
    """Extract one record per notice.

    Example: kttt extract notice.txt -f yaml
    """
    from .decode import read_input
    from .errors import InputError, OutputError
    from .limits import time_limit
    from .pipeline import extract
    from .write import FORMATS, render, render_many, write_output

    if fmt not in FORMATS:
        error(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    pattern_set = patterns_from(patterns)
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
                raise typer.Exit(2)
        else:
            sys.stdout.write(text)
    if failed:
        raise typer.Exit(2)


@app.command("normalize")
def normalize_command(
    file: str = typer.Argument(..., metavar="FILE", help="A notice; '-' reads standard input."),
    max_bytes: int = typer.Option(20 * 1024 * 1024, "--max-bytes", help="Refuse inputs larger than this."),
) -> None:
    """Print the normalized text that evidence offsets index.

    Example: kttt normalize notice.html
    """
    from .decode import read_input
    from .errors import InputError
    from .pipeline import read

    try:
        doc = read(read_input(file, max_bytes), path=file)
    except InputError as exc:
        error(str(exc))
        raise typer.Exit(2)
    sys.stdout.write(doc.text)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the notice record.

    Example: kttt schema > notice.schema.json
    """
    import json
    from .record import json_schema
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def _register_companions() -> None:
    from . import cli_batch, cli_db, cli_tools
    cli_tools.register(app, error, patterns_from)
    cli_batch.register(app, error, patterns_from)
    cli_db.register(app, error, patterns_from)


_register_companions()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
