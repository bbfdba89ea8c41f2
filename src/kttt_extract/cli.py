"""The `kttt` command's entry point.

A plain `kttt extract FILE…` runs without importing typer (`cli_extract.fast_main`);
every other command line, and any `extract` whose arguments are not plain, goes to the
typer application in `cli_app`, which is also what `kttt_extract.cli.app` names.
"""
from __future__ import annotations

import sys


def main() -> None:
    from .cli_extract import fast_main
    status = fast_main(sys.argv[1:])
    if status is not None:
        sys.exit(status)
    from .cli_app import app
    app()


def __getattr__(name: str):
    # `from kttt_extract.cli import app` (tests, scripts) and the commands: from cli_app, imported when asked for.
    if not name.startswith("__"):
        from . import cli_app
        if hasattr(cli_app, name):
            return getattr(cli_app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    main()
