"""`kttt eval`, `kttt check`, `kttt explain`, `kttt patterns test` (issue 5).

Heavy modules are imported inside the commands so that `kttt --help` stays fast.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer


def _patterns_option():
    return typer.Option(None, "--patterns", metavar="DIR",
                        help="Extra pattern files that extend the bundled ones (repeatable).")


def register(app, error, patterns_from) -> None:
    """Add this module's commands to the `kttt` app."""

    def input_error_exit(exc) -> None:
        error(str(exc))
        raise typer.Exit(2)

    @app.command("eval")
    def eval_command(
        gold: List[Path] = typer.Argument(..., metavar="GOLD...", help="Gold files, or directories of them."),
        pred: Optional[Path] = typer.Option(None, "--pred", metavar="DIR",
                                            help="Read predicted records NAME.json or NAME.yaml from DIR "
                                                 "instead of extracting the notices."),
        docs: Optional[Path] = typer.Option(None, "--docs", metavar="DIR",
                                            help="Folder of the notices NAME.txt/NAME.html (default: "
                                                 "corpus/SET for gold/SET, or beside NAME.expected.yaml)."),
        as_json: bool = typer.Option(False, "--json", help="Print the scores as one JSON object on stdout."),
        errors: bool = typer.Option(False, "--errors",
                                    help="List every missed, extra and wrong figure, field and reference."),
        patterns: Optional[List[Path]] = _patterns_option(),
    ) -> None:
        """Score extraction against gold records: figures P/R/F1, attributes, plan fields, references.

        Example: kttt eval ../shared/gold/dev --errors
        """
        import json

        from rich.console import Console

        from .errors import InputError
        from .evaluate import evaluate, print_report
        from .evaluate_cases import find_cases, predicted_record

        if pred is not None and docs is not None:
            error("use --pred DIR (records) or --docs DIR (notices), not both")
            raise typer.Exit(2)
        try:
            cases = find_cases(gold, docs=docs, pred=pred)
            pattern_set = None if pred is not None else patterns_from(patterns)
            report = evaluate(cases, lambda case: predicted_record(case, pattern_set))
        except InputError as exc:
            input_error_exit(exc)
        print_report(report, Console(stderr=as_json, highlight=False), with_errors=errors)
        if as_json:
            print(json.dumps(report.as_dict(with_errors=errors), ensure_ascii=False, indent=2))

    @app.command("check")
    def check_command(
        directory: Path = typer.Argument(..., metavar="DIR",
                                         help="Samples: NAME.txt or NAME.html with NAME.expected.yaml beside it."),
        update: bool = typer.Option(False, "--update", help="Rewrite the expected files that differ."),
        patterns: Optional[List[Path]] = _patterns_option(),
    ) -> None:
        """Extract every sample and compare it with its expected record (exit 1 on any difference).

        Example: kttt check samples
        """
        from .check import check_samples, update_expected
        from .decode import read_input
        from .errors import InputError
        from .pipeline import extract

        pattern_set = patterns_from(patterns)
        try:
            results = check_samples(directory, lambda path: extract(read_input(str(path)), path=str(path),
                                                                    patterns=pattern_set))
        except InputError as exc:
            input_error_exit(exc)
        for result in results:
            print(f"{'ok  ' if result.passed else 'FAIL'} {result.notice_path}")
            for difference in result.differences:
                print(f"    {difference.line()}")
            if update and not result.passed:
                update_expected(result)
                print(f"    updated {result.expected_path}")
        failed = sum(not r.passed for r in results)
        print(f"{len(results) - failed} passed, {failed} failed")
        if failed and not update:
            raise typer.Exit(1)

    @app.command("explain")
    def explain_command(
        file: str = typer.Argument(..., metavar="FILE", help="A notice; '-' reads standard input."),
        html_out: Optional[Path] = typer.Option(None, "--html", metavar="OUT.html",
                                                help="Also write one self-contained HTML page here."),
        max_bytes: int = typer.Option(20 * 1024 * 1024, "--max-bytes", help="Refuse inputs larger than this."),
        patterns: Optional[List[Path]] = _patterns_option(),
    ) -> None:
        """Show the normalized notice with every figure, date, symbol and number highlighted.

        Example: kttt explain notice.txt --html notice.html
        """
        from rich.console import Console

        from .decode import read_input
        from .errors import InputError
        from .explain import render_html, show
        from .pipeline import analyze
        from .write import atomic_write

        pattern_set = patterns_from(patterns)
        try:
            doc, notice = analyze(read_input(file, max_bytes), path=file, patterns=pattern_set)
        except InputError as exc:
            input_error_exit(exc)
        show(doc, notice, Console(highlight=False))
        if html_out is not None:
            atomic_write(html_out, render_html(doc, notice))
            print(f"wrote {html_out}", file=sys.stderr)

    patterns_app = typer.Typer(help="Work with pattern files.\n\nExample: kttt patterns test", no_args_is_help=True,
                               rich_markup_mode=None)
    app.add_typer(patterns_app, name="patterns")

    @patterns_app.command("test")
    def patterns_test_command(
        directory: Optional[Path] = typer.Argument(None, metavar="[DIR]",
                                                   help="A directory of pattern files added to the bundled ones."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="List only the examples that failed."),
        patterns: Optional[List[Path]] = _patterns_option(),
    ) -> None:
        """Validate every pattern file and run each entry's examples and counter-examples.

        Example: kttt patterns test my_patterns/
        """
        from .patterns import run_examples

        pattern_set = patterns_from(([directory] if directory else []) + list(patterns or []))
        results = run_examples(pattern_set)
        for file in dict.fromkeys(r.file for r in results):
            of_file = [r for r in results if r.file == file]
            failed = sum(not r.passed for r in of_file)
            print(f"{file}: {len(of_file) - failed} passed, {failed} failed")
            for result in of_file:
                if not (quiet and result.passed):
                    print(f"    {_example_line(result)}")
        failed = sum(not r.passed for r in results)
        print(f"{len(results) - failed} passed, {failed} failed")
        if failed:
            raise typer.Exit(1)


def _example_line(result) -> str:
    """`matched`, `NOT MATCHED` (example) or `not matched`, `MATCHED` (counter-example), with what was found."""
    found = ", ".join(sorted(str(f) for f in result.found)) or "nothing"
    if result.counter:
        verdict = "MATCHED counter-example" if not result.passed else "not matched (counter-example)"
    else:
        verdict = "matched" if result.passed else "NOT MATCHED"
    return f"{verdict:<30} {result.dimension}/{result.slug}: «{result.text}» expects {result.expect}; found {found}"
