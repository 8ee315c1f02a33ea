"""The command line: parse options, call the core, map results to exit codes.

``main(argv) -> int`` is what tests call; :func:`entry_point` is the console script and
the only place that exits the process.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import click

from plancheck import __version__

if TYPE_CHECKING:
    from plancheck.cache import ResultCache
    from plancheck.options import Resolver
    from plancheck.results import FileResult
    from plancheck.schema import Schema
    from plancheck.sources import Options

EXIT_OK = 0  # no finding at error severity
EXIT_FINDINGS = 1  # at least one error-severity finding
EXIT_ERROR = 2  # usage, I/O or schema error, or a file that could not be checked
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class Failure(click.ClickException):
    """A user error: printed as `plancheck: error: ...`, exit status 2."""

    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"plancheck: error: {self.format_message()}", err=True)


def _finish(status: int) -> NoReturn:
    """End a command with ``status``; click returns it from main() or exits with it."""
    click.get_current_context().exit(status)


def _split(values: Sequence[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _load_schemas(schema_paths: Sequence[Path]) -> dict[str, Schema]:
    from plancheck.schema import SchemaError, load_schemas

    try:
        return load_schemas(list(schema_paths))
    except SchemaError as exc:
        raise Failure(str(exc)) from None


class LazyGroup(click.Group):
    """A group whose larger commands are imported only when they run (or help lists
    them), so that `plancheck check` on one file does not pay for the language server."""

    # command name -> "module:attribute"
    lazy: ClassVar[dict[str, str]] = {
        "vocab": "plancheck.vocab_cli:vocab",
        "lsp": "plancheck.lsp.command:lsp",
        "new": "plancheck.authoring_cli:new",
        "parse": "plancheck.authoring_cli:parse_command",
        "render": "plancheck.authoring_cli:render_command",
        "report": "plancheck.report.command:report",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plancheck")
def cli() -> None:
    """plancheck: lint UNDP Accelerator Labs plan documents against their templates."""


def _input_options(command: Callable[..., None]) -> Callable[..., None]:
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


def _run_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options `check` and `fix` share: the input options and how to fix."""
    options: list[Callable[[Callable[..., None]], Callable[..., None]]] = [
        _input_options,
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


def _cache_options(command: Callable[..., None]) -> Callable[..., None]:
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
class _Run:
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
        from plancheck.linter import RuleSet
        from plancheck.options import Resolver
        from plancheck.sources import InputError

        try:
            RuleSet.from_selectors(self.options.select, self.options.ignore)
            return Resolver(self.options)
        except InputError as exc:
            raise Failure(str(exc)) from None


def _prepare(run: dict[str, Any]) -> _Run:
    from plancheck.pool import default_jobs
    from plancheck.sources import Options

    options = Options(
        schema_id=run["schema_id"],
        schema_paths=run["schema_paths"],
        select=tuple(_split(run["select"])),
        ignore=tuple(_split(run["ignore"])),
        config=run["config_file"],
        isolated=run["isolated"],
    )
    prepared = _Run(
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


def _results(
    run: _Run,
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
    from plancheck.pool import run_paths
    from plancheck.results import Job
    from plancheck.sources import InputError

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


def _not_converged(results: Iterable[FileResult]) -> bool:
    stuck = [r.path for r in results if r.fixed is not None and not r.fixed.converged]
    for path in stuck:
        click.echo(
            f"plancheck: error: {path}: fixes did not settle after the limit of passes; "
            "the file was written as far as they went",
            err=True,
        )
    return bool(stuck)


def _nothing_found(paths: Sequence[str]) -> None:
    """A mistyped folder must not pass a CI run silently."""
    where = ", ".join(paths)
    click.echo(f"plancheck: warning: no Markdown files (*.md, *.markdown) in {where}", err=True)


def _incomplete(results: Iterable[FileResult]) -> bool:
    """Whether a file could not be read or fully checked: the run then exits 2."""
    return any(not r.complete for r in results)


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


@cli.command()
@_run_options
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
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Exit 1 on findings of this severity or above (warning: for a strict CI).",
)
@_cache_options
def check(
    output_format: str,
    output_file: Path | None,
    show_statistics: bool,
    apply_fixes: bool,
    exit_zero: bool,
    fail_on: str,
    show_export: bool,
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
    from plancheck.reporters.text import hidden_export_line, listed
    from plancheck.results import failing

    reporter_for = _statistics(output_format) if show_statistics else REPORTERS[output_format]
    run = _prepare({**shared, "paths": shared["paths"] or (".",)})
    folder = cache_dir or default_folder()
    with_lines = output_format in NEEDS_SOURCE and not show_statistics
    cache = None
    if not no_cache and not apply_fixes:
        cache = ResultCache(folder, run.options, with_lines=with_lines)
    out = output_file.open("w", encoding="utf-8") if output_file else None
    use_color = False if out else (sys.stdout.isatty() if color is None else color)
    reporter = reporter_for(use_color)
    everything: list[Diagnostic] = []  # the reporters' closing summary needs them all
    files = hidden = 0
    incomplete = stuck = changed = False
    progress = Progress(enabled=not quiet)
    try:
        results = _results(
            run, fix=apply_fixes, cache=cache, on_start=progress.start, lines=with_lines
        )
        for result in progress.track(results):
            files += 1
            shown = listed(result.diagnostics, show_export)
            hidden += len(result.diagnostics) - len(shown)
            everything.extend(shown)
            # Keep flags, not results: a result holds the file's lines.
            incomplete = incomplete or not result.complete
            stuck = _not_converged([result]) or stuck
            changed = changed or (result.fixed is not None and result.fixed.changed)
            if run.show_fixes:
                from plancheck.reporters.fixes import applied

                progress.echo(applied(result), err=True)
            text = reporter.document(shown, result.lines, path=result.path)
            if text:
                progress.echo(text, color=use_color, file=out)
        if not files:
            _nothing_found(run.paths)
        closing = reporter.finish(everything, files)
        if output_format in ("full", "concise"):  # text (statistics too); never in JSON
            closing += hidden_export_line(hidden)
        if quiet and output_format in ("full", "concise") and not show_statistics:
            closing = ""  # the summary lines are all there is to finish()
        click.echo(closing, nl=False, color=use_color, file=out)
    finally:
        if out:
            out.close()
        if cache is not None:
            cache.save()
    if incomplete or stuck:
        _finish(EXIT_ERROR)
    if run.exit_non_zero_on_fix and changed:
        _finish(EXIT_FINDINGS)
    failed = failing(everything, Severity(fail_on))
    _finish(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


@cli.command()
@_run_options
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
    run = _prepare(shared)
    to_stdout = run.paths == ("-",) and not show_diff
    use_color = sys.stdout.isatty() if color is None else color
    done: list[FileResult] = []
    progress = Progress(enabled=not to_stdout and not quiet)
    results = _results(run, fix=True, write=not show_diff, on_start=progress.start)
    for result in progress.track(results):
        # The summary needs counts, not texts: keep a result without them.
        slim = replace(result.fixed, source="") if result.fixed is not None else None
        done.append(replace(result, lines=(), original=None, fixed=slim))
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
        _nothing_found(run.paths)
    verb = "Would fix" if show_diff else "Fixed"
    if not quiet:
        text = summary(done, unsafe=run.unsafe_fixes, verb=verb)
        click.echo(text, nl=False, err=to_stdout or show_diff)
    changed = any(r.fixed is not None and r.fixed.changed for r in done)
    if _incomplete(done) or _not_converged(done):
        _finish(EXIT_ERROR)
    _finish(EXIT_FINDINGS if changed and (show_diff or run.exit_non_zero_on_fix) else EXIT_OK)


class SchemaGroup(LazyGroup):
    """`schema`: its inference (rapidfuzz, the miner, the parser) loads only when it runs."""

    lazy: ClassVar[dict[str, str]] = {"infer": "plancheck.infer.command:infer_command"}


@cli.group(cls=SchemaGroup)
def schema() -> None:
    """List, show, check and infer schemas."""


@schema.command("list")
@click.option("--schema-path", "schema_paths", multiple=True, type=click.Path(path_type=Path))
def schema_list(schema_paths: tuple[Path, ...]) -> None:
    """List the available schemas."""
    for sid, s in sorted(_load_schemas(schema_paths).items()):
        click.echo(f"{sid:24} type={s.type:14} {s.title}")
    _finish(EXIT_OK)


@schema.command("show")
@click.argument("schema_id")
@click.option("--schema-path", "schema_paths", multiple=True, type=click.Path(path_type=Path))
def schema_show(schema_id: str, schema_paths: tuple[Path, ...]) -> None:
    """Show a schema's tags, sections, prompts and answer constraints."""
    schemas = _load_schemas(schema_paths)
    s = schemas.get(schema_id)
    if s is None:
        raise Failure(f"unknown schema {schema_id!r}; known: {', '.join(sorted(schemas))}")
    click.echo(f"{s.id}: {s.title} (type {s.type})")
    if s.description:
        click.echo(s.description)
    click.echo("\nTags:")
    for t in s.tags:
        words = ", ".join(f for f, on in (("required", t.required), ("multiple", t.multiple)) if on)
        click.echo(f"  [[{t.key}]] {t.format.value}{f' ({words})' if words else ''}")
    click.echo("\nSections:")
    for sec in s.sections:
        extra = sec.aliases
        flags = [
            f for f, on in (("optional", not sec.required), ("repeatable", sec.repeatable)) if on
        ]
        click.echo(f"  ## {sec.heading}" + (f"  [{', '.join(flags)}]" if flags else ""))
        if extra:
            click.echo(f"     aliases: {', '.join(extra)}")
        for p in sec.prompts:
            marker = "" if p.required else " (optional)"
            click.echo(f"     > {p.text}{marker}")
            constraints = p.answer.describe()
            if constraints:
                click.echo(f"       answer: {'; '.join(constraints)}")
    _finish(EXIT_OK)


@schema.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def schema_check(files: tuple[Path, ...]) -> None:
    """Validate schema files; print what is wrong, with file and line."""
    from plancheck.schema import load_schema

    _check_files(files, lambda path: f"{load_schema(path).id}")


def _check_files(files: Sequence[Path], describe: Callable[[Path], str]) -> NoReturn:
    """Validate each data file with ``describe`` (which loads it and says what it is);
    print `path: ok (...)` or the problem, and exit 2 if any file is broken."""
    from plancheck.schema import SchemaError

    status = EXIT_OK
    for path in files:
        try:
            what = describe(path)
        except SchemaError as exc:
            click.echo(f"{exc}", err=True)
            status = EXIT_ERROR
        except ValueError as exc:
            click.echo(f"{path}: {exc}", err=True)
            status = EXIT_ERROR
        else:
            click.echo(f"{path}: ok ({what})")
    _finish(status)


@schema.command("json-schema")
def schema_json_schema() -> None:
    """Print the JSON Schema of the schema file format (committed in schemas/)."""
    from plancheck.schema import format_json_schema

    click.echo(format_json_schema(), nl=False)
    _finish(EXIT_OK)


@cli.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    help="markdown: the full documentation of every rule (docs/rules.md).",
)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, default severity, fix, summary.

    [fix]: every finding of the rule carries a fix; [fix?]: some do."""
    from plancheck.codes import RULES, FixAvailability

    if fmt == "markdown":
        from plancheck.rules.docs import markdown

        click.echo(markdown(), nl=False)
        _finish(EXIT_OK)
    marks = {FixAvailability.ALWAYS: " [fix]", FixAvailability.SOMETIMES: " [fix?]"}
    for r in RULES:  # the table alone: listing the rules loads none of them
        fix = marks.get(r.fix, "")
        click.echo(f"{r.code}  {r.name:20} {r.severity.value:8}{fix} {r.summary}")
    _finish(EXIT_OK)


@cli.command("rule")
@click.argument("selector", required=False)
@click.option("--all", "show_all", is_flag=True, help="Every rule.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text")
def rule_command(selector: str | None, show_all: bool, output_format: str) -> None:
    """Show a rule's documentation (by code or name), or every rule's with --all."""
    import json

    from plancheck.codes import FixAvailability
    from plancheck.rules import ALL_RULES, lookup
    from plancheck.rules.docs import as_json

    if show_all == (selector is not None):
        raise Failure("name one rule, or pass --all")
    found = list(ALL_RULES) if show_all else lookup(selector or "")
    if not show_all and not found:
        from plancheck.rules import BY_CODE, BY_NAME
        from plancheck.suggest import unknown

        raise Failure(unknown("no rule matches", selector or "", [*BY_NAME, *BY_CODE]))
    if not show_all and len(found) != 1:
        raise Failure(f"no single rule matches {selector!r}")
    if output_format == "json":
        chosen = {r.code for r in found}
        data = [entry for entry in as_json() if entry["code"] in chosen]
        click.echo(json.dumps(data if show_all else data[0], indent=2, ensure_ascii=False))
        _finish(EXIT_OK)
    fixes = {FixAvailability.ALWAYS: ", fixable", FixAvailability.SOMETIMES: ", sometimes fixable"}
    for r in found:
        click.echo(f"{r.code} {r.name} ({r.severity.value}{fixes.get(r.fix, '')})\n")
        click.echo(r.doc + ("\n" if show_all else ""))
    _finish(EXIT_OK)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI in-process and return its exit status (never raises SystemExit)."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            # Workers finish the file they are on; nothing is left half-written.
            click.echo("plancheck: interrupted", err=True)
            return EXIT_INTERRUPTED
        click.echo("plancheck: aborted", err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR if isinstance(exc, Failure) or exc.exit_code != 0 else EXIT_OK
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    return int(result) if isinstance(result, int) else EXIT_OK


def entry_point() -> None:
    sys.exit(main())
