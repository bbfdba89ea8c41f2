"""`kttt db load`, `kttt plans`, `kttt table`, `kttt report` (issue 12): one database of many notices."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

DEFAULT_DB_NAME = "kttt.sqlite"


def register(app, error, patterns_from) -> None:
    """Add this module's commands to the `kttt` app."""

    def fail(message: str):
        error(message)
        raise typer.Exit(2)

    def open_db(path: Path):
        from .database import connect
        from .errors import InputError
        try:
            return connect(path)
        except InputError as exc:
            fail(str(exc))

    db_app = typer.Typer(help="Work with kttt databases.\n\nExample: kttt db load out", no_args_is_help=True,
                         rich_markup_mode=None)
    app.add_typer(db_app, name="db")

    @db_app.command("load")
    def load_command(
        batch_dir: Path = typer.Argument(..., metavar="OUT_DIR", help="The output directory of a kttt batch."),
        db: Optional[Path] = typer.Option(None, "-o", "--db", metavar="DB",
                                          help=f"The database to write (default: OUT_DIR/{DEFAULT_DB_NAME})."),
        sources: Optional[Path] = typer.Option(None, "--sources", metavar="DIR",
                                               help="Where the notices' relative paths start (default: here)."),
    ) -> None:
        """Load a batch's records into one SQLite database, replacing it whole (atomically).

        Example: kttt db load out -o notices.sqlite
        """
        load_into(batch_dir, db or batch_dir / DEFAULT_DB_NAME, sources, fail)

    @app.command("plans")
    def plans_command(
        db: Path = typer.Argument(..., metavar="DB", help="A database written by kttt db load or kttt batch --db."),
        conflicts: bool = typer.Option(False, "--conflicts", help="Only the plans whose notices disagree."),
        fmt: str = typer.Option("text", "-f", "--format", help="text or json."),
    ) -> None:
        """Plans consolidated across notices: each figure once, with the notices that state it, and conflicts.

        Example: kttt plans out/kttt.sqlite --conflicts
        """
        from . import listing, queries
        if fmt not in ("text", "json"):
            fail(f"unknown format {fmt!r}; use text or json")
        found = queries.plans(open_db(db), conflicts_only=conflicts)
        sys.stdout.writelines(listing.plans_json(found) if fmt == "json" else listing.plans_text(found))

    @app.command("table")
    def table_command(
        db: Path = typer.Argument(..., metavar="DB", help="A database written by kttt db load or kttt batch --db."),
        subject: str = typer.Option(..., "--subject", help="What is counted: hop_tac_xa, to_hop_tac, thanh_vien …"),
        action: Optional[str] = typer.Option(None, "--action", help="thanh_lap, giai_the, dao_tao …, or none for figures without "
                                                           "an action (default: any)."),
        year: Optional[int] = typer.Option(None, "--deadline", "--as-of", "--year", metavar="YEAR",
                                           help="The target's deadline (or, with --status reported, its as_of)."),
        unit: Optional[str] = typer.Option(None, "--unit", help="count, percent, vnd … (default: any)."),
        status: str = typer.Option("target", "--status", help="target or reported."),
        after_2025: bool = typer.Option(False, "--after-2025", help="Name each province by the one of the 34 "
                                                                    "provinces of 2025 it is part of."),
        fmt: str = typer.Option("table", "-f", "--format", help="table (rich) or csv."),
    ) -> None:
        """A province × value table of the plans' consolidated figures.

        Example: kttt table out/kttt.sqlite --subject hop_tac_xa --action thanh_lap --deadline 2025 -f csv
        """
        from . import listing, queries
        if fmt not in ("table", "csv"):
            fail(f"unknown format {fmt!r}; use table or csv")
        if status not in ("target", "reported"):
            fail(f"unknown status {status!r}; use target or reported")
        from .record import Subject
        if subject not in {s.value for s in Subject}:
            fail(f"unknown subject {subject!r}; use one of {', '.join(s.value for s in Subject)}")
        connection = open_db(db)
        wanted = queries.TableFilter(subject=subject, status=status, action=action, unit=unit, year=year)
        rows = listing.table_rows(queries.province_rows(connection, wanted), after_2025)
        if fmt == "csv":
            sys.stdout.write(listing.table_csv(rows, after_2025))
        else:
            from rich.console import Console
            title = " · ".join(str(part) for part in (status, subject, action, unit, year) if part is not None)
            constant = tuple(name for name, value in (("action", action), ("year", year)) if value is not None)
            console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
            console.print(listing.table_rich(rows, after_2025, title, constant))
        unplaced = queries.figures_without_province(connection, wanted)
        if unplaced:
            print(f"kttt: {unplaced} matching figure{'s' if unplaced != 1 else ''} left out: "
                  "the notice names no plan, or its issuer no province", file=sys.stderr)

    @app.command("report")
    def report_command(
        db: Path = typer.Argument(..., metavar="DB", help="A database written by kttt db load or kttt batch --db."),
        html_out: Path = typer.Option(..., "--html", metavar="OUT.html", help="The page to write."),
        explain: bool = typer.Option(True, "--explain/--no-explain",
                                     help="Write each notice's explain page beside the report and link to it."),
        sources: Optional[Path] = typer.Option(None, "--sources", metavar="DIR",
                                               help="Where the notices' relative paths start (default: where "
                                                    "the database was loaded)."),
        patterns: Optional[List[Path]] = typer.Option(None, "--patterns", metavar="DIR",
                                                      help="Extra pattern files for the explain pages."),
    ) -> None:
        """One self-contained HTML page: a chart per subject (targets vs reported by province), the
        conflicts, and the notices, linked to their explain pages (written in OUT_explain/).

        Example: kttt report out/kttt.sqlite --html report.html
        """
        from .report import write_report
        connection = open_db(db)
        pattern_set = patterns_from(patterns) if explain else None
        written = write_report(connection, html_out, explain=explain, sources=sources, patterns=pattern_set)
        print(f"wrote {html_out}" + (f" and {written.pages} explain pages in {written.explain_dir}"
                                     if explain else ""), file=sys.stderr)
        for problem in written.problems:
            print(f"kttt: {problem}", file=sys.stderr)


def load_into(batch_dir: Path, db: Path, sources: Optional[Path], fail, quiet: bool = False) -> None:
    """`kttt db load` and `kttt batch --db`: load, then (unless quiet) one summary line on stderr."""
    from .database import load_batch
    from .errors import InputError
    try:
        summary = load_batch(batch_dir, db, source_root=sources)
    except InputError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{db}: cannot write the database: {exc.strerror or exc}")
    for path in summary.unreadable:
        print(f"kttt: warning: {path}: its record could not be read (listed in the errors table)", file=sys.stderr)
    if quiet:
        return
    conflicts = f", {summary.conflicts} conflict{'s' if summary.conflicts != 1 else ''}" if summary.conflicts else ""
    print(f"kttt: wrote {db}: {summary.notices} notices, {summary.plans} plans, {summary.figures} figures"
          f"{conflicts}, {summary.references} references, {summary.errors} errors ({summary.elapsed:.1f} s)",
          file=sys.stderr)
