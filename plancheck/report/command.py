"""`plancheck report PATHS... -o report.html [--csv documents.csv]`."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from plancheck.cli.common import EXIT_OK, Failure, finish
from plancheck.cli.run import (
    Run,
    cache_options,
    file_results,
    input_options,
    nothing_found,
    prepare,
)
from plancheck.report.aggregate import Summary
from plancheck.report.collect import Document
from plancheck.schema import Schema

T = TypeVar("T")


def _schemas(docs: Sequence[Document], run: Run) -> dict[str, Schema]:
    """The schemas the documents were matched to, by id, as each one's configuration
    gives them (for the completeness tables' labels)."""
    found: dict[str, Schema] = {}
    for doc in docs:
        if doc.template and doc.template not in found and doc.facts is not None:
            schema = run.resolver.for_path(doc.path).schemas.get(doc.template)
            if schema is not None:
                found[doc.template] = schema
    return found


def charts(summary: Summary) -> dict[str, str]:
    """Every chart of the page, as SVG text by name (none when there is no document)."""
    if not summary.documents:
        return {}
    from plancheck.report import charts as draw
    from plancheck.report.worldmap import world

    out = {
        "rules": draw.rules(summary.rules),
        "templates": draw.states(summary.by_template, "Documents by template"),
        "years": draw.states(summary.by_year, "Documents by year (the year tag)"),
        "template_years": draw.template_years(summary.by_template_year),
        "map": world(summary.countries),
    }
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _prepare_drawing() -> None:
    """Import the drawing and templating libraries and build the map's outlines: work
    that does not depend on the results, done while the workers check files."""
    import jinja2  # noqa: F401
    import matplotlib.figure  # noqa: F401

    from plancheck.report.worldmap import outlines

    outlines()


def _meanwhile(results: Iterator[T], work: Callable[[], None]) -> Iterator[T]:
    """``results``, with ``work`` run in a thread from the first result on. Not before:
    the worker processes are forked by then, and a fork must not copy a thread midway
    through an import."""
    thread: threading.Thread | None = None
    for result in results:
        if thread is None:
            thread = threading.Thread(target=work, daemon=True)
            thread.start()
        yield result
    if thread is not None:
        thread.join()


def _write(path: Path, write: Callable[[Any], None]) -> None:
    """Write a file whole or not at all; a place that cannot be written is an error."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                write(out)
            # mkstemp makes the file private; a report is as readable as any new file.
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(temporary, 0o666 & ~mask)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as exc:
        raise Failure(f"cannot write {path}: {exc.strerror or exc}") from None


@click.command("report")
@input_options
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the HTML report to this file.",
)
@click.option(
    "--csv",
    "csv_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write one row per document (counts per rule) to this CSV file.",
)
@click.option("--title", default="Plan archive health report", show_default=True)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no closing line.")
@cache_options
def report(
    output: Path,
    csv_file: Path | None,
    title: str,
    quiet: bool,
    no_cache: bool,
    cache_dir: Path | None,
    **shared: Any,
) -> None:
    """Write an HTML health report of an archive (a self-contained file to share):
    findings by rule, template, year and country, completeness, vocabulary, and the
    documents to look at first. Exits 0 once written, whatever it found."""
    from plancheck.cache import ResultCache, default_folder
    from plancheck.progress import Progress
    from plancheck.report import page, spreadsheet
    from plancheck.report.aggregate import summarize
    from plancheck.report.collect import documents

    run = prepare(shared)
    cache = None
    if not no_cache:
        folder = cache_dir or default_folder()
        cache = ResultCache(folder, run.options, with_lines=False, with_facts=True)
    progress = Progress(enabled=not quiet)
    try:
        results = file_results(run, fix=False, cache=cache, on_start=progress.start, facts=True)
        docs = documents(progress.track(_meanwhile(results, _prepare_drawing)))
    finally:
        if cache is not None:
            cache.save()
    if not docs:
        nothing_found(run.paths)
    summary = summarize(docs, _schemas(docs, run))
    html = page.render(summary, charts(summary), title=title, inputs=run.paths)
    _write(output, lambda out: out.write(html))
    if csv_file is not None:
        codes = sorted(summary.by_rule)
        _write(csv_file, lambda out: spreadsheet.write(docs, codes, out))
    if not quiet:
        wrote = f"{output}" + (f" and {csv_file}" if csv_file else "")
        click.echo(
            f"Wrote {wrote}: {_count(len(docs), 'document')}, "
            f"{_count(summary.findings, 'finding')}, "
            f"{_count(summary.states['error'], 'document')} with errors.",
            err=True,
        )
    finish(EXIT_OK)
