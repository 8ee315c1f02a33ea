"""`plancheck fix`: fix plan documents in place, or show the diff."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import click

from plancheck.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Failure, finish
from plancheck.cli.run import file_results, not_converged, nothing_found, prepare, run_options

if TYPE_CHECKING:
    from plancheck.results import FileResult


def _incomplete(results: Iterable[FileResult]) -> bool:
    """Whether a file could not be read or fully checked: the run then exits 2."""
    return any(not r.complete for r in results)


@click.command()
@run_options
@click.option("--diff", "show_diff", is_flag=True, help="Print a diff; write nothing.")
def fix(show_diff: bool, color: bool | None, quiet: bool, **shared: Any) -> None:
    """Fix plan documents in place (safe fixes; --unsafe-fixes for all).

    With `-`, reads standard input and writes the fixed text to standard output.
    """
    from plancheck.codes import INTERNAL_ERROR
    from plancheck.progress import Progress
    from plancheck.reporters.fixes import applied, diff, summary

    if not shared["paths"]:
        raise Failure("name the files or folders to fix (`plancheck fix .` for this folder)")
    run = prepare(shared)
    to_stdout = run.paths == ("-",) and not show_diff
    use_color = sys.stdout.isatty() if color is None else color
    done: list[FileResult] = []
    progress = Progress(enabled=not to_stdout and not quiet)
    results = file_results(run, fix=True, write=not show_diff, on_start=progress.start)
    for result in progress.track(results):
        # The summary needs counts, not texts: keep a result without them.
        slim = replace(result.fixed, source="") if result.fixed is not None else None
        done.append(replace(result, original=None, fixed=slim))
        for d in result.diagnostics:
            if not result.readable or d.code == INTERNAL_ERROR.code:
                where = f"{d.path}:{d.span.line}:{d.span.column}"
                progress.echo(f"{where}: {d.code} [{d.rule}] {d.message}\n", err=True)
        if not result.readable:
            continue
        if to_stdout and result.fixed is not None:
            click.echo(result.fixed.source, nl=False)
        if show_diff:
            progress.echo(diff(result, color=use_color), color=use_color)
        if run.show_fixes:
            progress.echo(applied(result), err=to_stdout)
        elif run.exit_non_zero_on_fix and result.written:
            # A pre-commit hook that fails because it changed files says which.
            progress.echo(f"Fixed {result.path}\n", err=to_stdout)
    if not done:
        nothing_found(run.paths)
    verb = "Would fix" if show_diff else "Fixed"
    if not quiet:
        text = summary(done, unsafe=run.unsafe_fixes, verb=verb)
        click.echo(text, nl=False, err=to_stdout or show_diff)
    changed = any(r.fixed is not None and r.fixed.changed for r in done)
    if _incomplete(done) or not_converged(done):
        finish(EXIT_ERROR)
    finish(EXIT_FINDINGS if changed and (show_diff or run.exit_non_zero_on_fix) else EXIT_OK)
