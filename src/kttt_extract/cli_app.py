"""The `kttt` command as typer reads it: a thin layer over `kttt_extract.extract` and its companions.

`kttt_extract.cli.main` is the entry point; it runs a plain `kttt extract` without typer
(see `cli_extract`) and hands every other command line to `app` here.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .cli_extract import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, error, load_pattern_dirs, run_extract

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


def patterns_from(dirs: Optional[List[Path]]):
    pattern_set = load_pattern_dirs(dirs)
    if pattern_set is None:
        raise typer.Exit(2)
    return pattern_set


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
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse inputs larger than this."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", metavar="SECONDS",
                                  help="Give up on a notice after this long (0: no limit)."),
    patterns: Optional[List[Path]] = PatternsOption,
) -> None:
    """Extract one record per notice.

    Example: kttt extract notice.txt -f yaml
    """
    status = run_extract(files, fmt, output, max_bytes, timeout, patterns)
    if status:
        raise typer.Exit(status)


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
