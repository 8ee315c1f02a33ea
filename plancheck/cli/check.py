"""`plancheck check`: check plan documents and report the findings."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from plancheck.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Failure, finish
from plancheck.cli.run import (
    cache_options,
    file_results,
    not_converged,
    nothing_found,
    prepare,
    run_options,
)


def _statistics(output_format: str) -> Callable[[bool], Any]:
    """The `--statistics` reporter for an output format: text, or JSON."""
    from plancheck.reporters import json_statistics_reporter, statistics_reporter

    if output_format == "json":
        return json_statistics_reporter
    if output_format in ("full", "concise"):
        return statistics_reporter
    raise Failure(
        f"--statistics is text or JSON; it does not combine with --output-format {output_format}"
    )


def _output_choices() -> list[str]:
    from plancheck.reporters import REPORTERS

    return list(REPORTERS)


@click.command()
@run_options
@click.option(
    "--output-format",
    type=click.Choice(_output_choices()),
    default="full",
    show_default=True,
)
@click.option(
    "--output-file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--statistics",
    "show_statistics",
    is_flag=True,
    help="Count findings per rule, severity (and tag) instead of listing them; "
    "text, or JSON with --output-format json.",
)
@click.option("--fix", "apply_fixes", is_flag=True, help="Fix what can be fixed, then report.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option(
    "--export",
    "show_export",
    is_flag=True,
    help="List the findings the platform's export made too (otherwise only counted).",
)
@click.option(
    "--invisible",
    "show_invisible",
    is_flag=True,
    help="List the findings about characters no reader sees too (trailing spaces, CRLF; "
    "otherwise only counted).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Exit 1 on findings of this severity or above (warning: for a strict CI).",
)
@cache_options
def check(
    output_format: str,
    output_file: Path | None,
    show_statistics: bool,
    apply_fixes: bool,
    exit_zero: bool,
    fail_on: str,
    show_export: bool,
    show_invisible: bool,
    no_cache: bool,
    cache_dir: Path | None,
    color: bool | None,
    quiet: bool,
    **shared: Any,
) -> None:
    """Check plan documents (files, folders of *.md, or - for standard input; by
    default the current folder)."""
    from plancheck.cache import ResultCache, default_folder
    from plancheck.diagnostics import Diagnostic, Severity
    from plancheck.progress import Progress
    from plancheck.reporters import NEEDS_SOURCE, REPORTERS
    from plancheck.reporters.text import hidden_line, listed
    from plancheck.results import failing

    reporter_for = _statistics(output_format) if show_statistics else REPORTERS[output_format]
    run = prepare({**shared, "paths": shared["paths"] or (".",)})
    folder = cache_dir or default_folder()
    with_lines = output_format in NEEDS_SOURCE and not show_statistics
    cache = None
    if not no_cache and not apply_fixes:
        cache = ResultCache(folder, run.options, with_lines=with_lines)
    out = output_file.open("w", encoding="utf-8") if output_file else None
    use_color = False if out else (sys.stdout.isatty() if color is None else color)
    reporter = reporter_for(use_color)
    everything: list[Diagnostic] = []  # the reporters' closing summary needs them all
    files = 0
    # counted, not kept: a run over the archive leaves tens of thousands out
    hidden_export = hidden_invisible = 0
    incomplete = stuck = changed = False
    progress = Progress(enabled=not quiet)
    try:
        results = file_results(
            run, fix=apply_fixes, cache=cache, on_start=progress.start, lines=with_lines
        )
        for result in progress.track(results):
            files += 1
            shown = listed(result.diagnostics, show_export, show_invisible)
            if len(shown) < len(result.diagnostics):
                kept = {id(d) for d in shown}
                left = [d for d in result.diagnostics if id(d) not in kept]
                exported = sum(1 for d in left if d.export)
                hidden_export += exported
                hidden_invisible += len(left) - exported
            everything.extend(shown)
            # Keep flags, not results: a result holds the file's lines.
            incomplete = incomplete or not result.complete
            stuck = not_converged([result]) or stuck
            changed = changed or (result.fixed is not None and result.fixed.changed)
            if run.show_fixes:
                from plancheck.reporters.fixes import applied

                progress.echo(applied(result), err=True)
            text = reporter.document(shown, result.lines, path=result.path)
            if text:
                progress.echo(text, color=use_color, file=out)
        if not files:
            nothing_found(run.paths)
        closing = reporter.finish(everything, files)
        if output_format in ("full", "concise"):  # text (statistics too); never in JSON
            closing += hidden_line(hidden_export, hidden_invisible)
        if quiet and output_format in ("full", "concise") and not show_statistics:
            closing = ""  # the summary lines are all there is to finish()
        click.echo(closing, nl=False, color=use_color, file=out)
    finally:
        if out:
            out.close()
        if cache is not None:
            cache.save()
    if incomplete or stuck:
        finish(EXIT_ERROR)
    if run.exit_non_zero_on_fix and changed:
        finish(EXIT_FINDINGS)
    failed = failing(everything, Severity(fail_on))
    finish(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)
