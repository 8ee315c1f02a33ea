"""Running the checker from the command line: the input options `check`, `fix` and
`report` share, and the run they describe (options, standard input, workers), whose
files' results the commands report."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from plancheck.cli.common import Failure

if TYPE_CHECKING:
    from plancheck.cache import ResultCache
    from plancheck.options import Resolver
    from plancheck.results import FileResult
    from plancheck.sources import Options


def _split(values: Sequence[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def input_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options `check`, `fix` and `report` share: what to read, which schema, rules
    and configuration, how many workers."""
    options = [
        click.argument("paths", nargs=-1),
        click.option("--schema", "schema_id", metavar="ID", help="Use this schema for every file."),
        click.option(
            "--schema-path",
            "schema_paths",
            multiple=True,
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            help="Extra folder of schema files (repeatable); an id there overrides a built-in.",
        ),
        click.option("--select", multiple=True, help="Only these rules: codes, prefixes or names."),
        click.option(
            "--ignore", multiple=True, help="Leave out these rules: codes, prefixes or names."
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Use this configuration file for every path (instead of the nearest one).",
        ),
        click.option("--isolated", is_flag=True, help="Ignore all configuration files."),
        click.option(
            "--force-exclude",
            is_flag=True,
            help="Apply `exclude` to files named on the command line too (for pre-commit).",
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            help="Worker processes [default: the number of CPUs].",
        ),
        click.option("--stdin-filename", help="The path to report for `-` (standard input)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def run_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options `check` and `fix` share: the input options and how to fix."""
    options: list[Callable[[Callable[..., None]], Callable[..., None]]] = [
        input_options,
        click.option("--unsafe-fixes", is_flag=True, help="Apply unsafe fixes too."),
        click.option("--show-fixes", is_flag=True, help="List each fix applied."),
        click.option(
            "--exit-non-zero-on-fix",
            is_flag=True,
            help="Exit with status 1 when a file was fixed, naming the files (for pre-commit).",
        ),
        click.option(
            "--color/--no-color", default=None, help="Colour the output [default: on a TTY]."
        ),
        click.option("--quiet", "-q", is_flag=True, help="No summary and no progress bar."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def cache_options(command: Callable[..., None]) -> Callable[..., None]:
    """The cache options of `check` and `report`."""
    command = click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="The cache folder [default: .plancheck_cache beside the nearest configuration].",
    )(command)
    return click.option("--no-cache", is_flag=True, help="Check every file, ignoring the cache.")(
        command
    )


@dataclass
class Run:
    """A check or fix run as the shared options describe it."""

    paths: tuple[str, ...]
    options: Options
    stdin: bytes | None
    stdin_filename: str | None
    unsafe_fixes: bool
    show_fixes: bool
    exit_non_zero_on_fix: bool
    jobs: int
    force_exclude: bool = False

    @cached_property
    def resolver(self) -> Resolver:
        """Made on first use: a run answered from the cache never loads configuration,
        schemas or rules. A bad selector or configuration ends the run with status 2."""
        from plancheck.errors import InputError
        from plancheck.linter import RuleSet
        from plancheck.options import Resolver

        try:
            RuleSet.from_selectors(self.options.select, self.options.ignore)
            return Resolver(self.options)
        except InputError as exc:
            raise Failure(str(exc)) from None


def prepare(run: dict[str, Any]) -> Run:
    from plancheck.runner import default_jobs
    from plancheck.sources import Options

    options = Options(
        schema_id=run["schema_id"],
        schema_paths=run["schema_paths"],
        select=tuple(_split(run["select"])),
        ignore=tuple(_split(run["ignore"])),
        config=run["config_file"],
        isolated=run["isolated"],
    )
    prepared = Run(
        run["paths"],
        options,
        None,
        run["stdin_filename"],
        run.get("unsafe_fixes", False),
        run.get("show_fixes", False),
        run.get("exit_non_zero_on_fix", False),
        run["jobs"] or default_jobs(),
        run["force_exclude"],
    )
    if "-" in run["paths"]:
        # Past the size limit the input is not checked: read no more than that.
        limit = prepared.resolver.for_path("-").settings.max_file_size
        prepared.stdin = sys.stdin.buffer.read(limit + 1)
    return prepared


def file_results(
    run: Run,
    *,
    fix: bool,
    write: bool = True,
    cache: ResultCache | None = None,
    on_start: Callable[[int], None] | None = None,
    lines: bool = True,
    facts: bool = False,
) -> Iterator[FileResult]:
    """Check or fix the run's files; a configuration or schema problem met on the way
    (they are read per folder) ends the run with status 2. ``lines``: whether checked
    files' results carry their lines (the reporter shows them); ``facts``: collect each
    document's facts too (for report)."""
    from plancheck.errors import InputError
    from plancheck.results import Job
    from plancheck.runner import run_paths

    job = Job(
        fix=fix,
        unsafe=run.unsafe_fixes,
        write=write,
        stdin=run.stdin,
        stdin_filename=run.stdin_filename,
        lines=lines,
        facts=facts,
    )
    try:
        yield from run_paths(
            run.paths,
            lambda: run.resolver,
            job,
            jobs=run.jobs,
            cache=cache,
            on_start=on_start,
            force_exclude=run.force_exclude,
        )
    except InputError as exc:
        raise Failure(str(exc)) from None


def not_converged(results: Iterable[FileResult]) -> bool:
    stuck = [r.path for r in results if r.fixed is not None and not r.fixed.converged]
    for path in stuck:
        click.echo(
            f"plancheck: error: {path}: fixes did not settle after the limit of passes; "
            "the file was written as far as they went",
            err=True,
        )
    return bool(stuck)


def nothing_found(paths: Sequence[str]) -> None:
    """A mistyped folder must not pass a CI run silently."""
    where = ", ".join(paths)
    click.echo(f"plancheck: warning: no Markdown files (*.md, *.markdown) in {where}", err=True)
