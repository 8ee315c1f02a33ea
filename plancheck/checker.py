"""Check or fix many files: read, parse, lint (and fix) each, one result per file.

Results are yielded as files are done, in the order the files were found, so reporters
stream; a file that cannot be read is a result with its diagnostic and never stops the
run, and neither does a file that makes plancheck itself fail (an ``internal-error``
diagnostic). What applies to each file (schemas, rules, settings) comes from the
:class:`~plancheck.options.Resolver`. Files are spread over worker processes by
:mod:`plancheck.pool`, and unchanged files are answered from :mod:`plancheck.cache`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from plancheck import pool
from plancheck.cache import digest
from plancheck.codes import INTERNAL_ERROR
from plancheck.diagnostics import Diagnostic
from plancheck.document import split_lines
from plancheck.files import STDIN, Source, problem, read
from plancheck.linter import RuleSet, context, lint_context
from plancheck.options import FileOptions, Resolver
from plancheck.parser import parse
from plancheck.results import FileResult, Job
from plancheck.sources import Options

if TYPE_CHECKING:
    from plancheck.cache import ResultCache


def _unreadable(problem: Diagnostic, rules: RuleSet) -> FileResult:
    selected = any(r.code == problem.code for r in rules.rules)
    return FileResult(problem.path, [problem] if selected else [], (), False)


def crashed(path: str, exc: BaseException) -> FileResult:
    """A file plancheck failed on: said as a diagnostic, so the run goes on."""
    import traceback  # rare: not loaded by every run

    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})" if where else ""
    message = f"plancheck failed on this file: {type(exc).__name__}: {exc}{at}; please report it"
    return FileResult(path, [problem(INTERNAL_ERROR, path, message)], (), True)


def _lint(source: Source, use: FileOptions, job: Job) -> FileResult:
    document = parse(source.text, source.path)
    ctx = context(document, use.schemas, schema_id=use.schema_id, settings=use.settings)
    found = lint_context(ctx, use.rules)
    facts = None
    if job.facts:
        from plancheck.facts import collect

        facts = collect(ctx, found)
    lines = document.lines if found and job.lines else ()
    return FileResult(source.path, found, lines, True, facts=facts)


def _fix(source: Source, use: FileOptions, job: Job, from_stdin: bool) -> FileResult:
    from plancheck.fixer import fix_text, write_atomic  # a check has no use for the fixer

    result = fix_text(
        source.text,
        use.schemas,
        path=source.path,
        schema_id=use.schema_id,
        rules=use.rules,
        unsafe=job.unsafe,
        settings=use.settings,
    )
    written = job.write and result.changed and result.source != source.text and not from_stdin
    if written:
        write_atomic(source.path, result.source)
    found = result.remaining
    if result.refused:
        message = f"plancheck fix did not write this file: {result.refused}; please report it"
        found = [problem(INTERNAL_ERROR, source.path, message), *found]
    return FileResult(
        source.path,
        found,
        tuple(split_lines(result.source)),
        True,
        original=source.text,
        fixed=result,
        written=written,
    )


def run_one(path: str, resolver: Resolver, job: Job) -> FileResult:
    """Read, check (or fix) one file; never raises for what the file holds."""
    use = resolver.for_path(STDIN if path == STDIN else path)
    got = read(path, job.stdin, max_size=use.settings.max_file_size)
    if isinstance(got, Diagnostic):
        return _unreadable(got, use.rules)
    from_stdin = path == STDIN
    if from_stdin and job.stdin_filename:
        got = Source(job.stdin_filename, got.text)
    try:
        result = _fix(got, use, job, from_stdin) if job.fix else _lint(got, use, job)
    except Exception as exc:
        return crashed(got.path, exc)
    return replace(result, digest=digest(got.text.encode("utf-8", "surrogatepass")))


def _given(resolver: Resolver | None) -> Callable[[], Resolver]:
    chosen = resolver or Resolver(Options())
    return lambda: chosen


def check_paths(
    paths: Sequence[str],
    resolver: Resolver | None = None,
    *,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    jobs: int = 1,
    cache: ResultCache | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Iterator[FileResult]:
    job = Job(stdin=stdin, stdin_filename=stdin_filename)
    yield from pool.run_paths(
        paths, _given(resolver), job, jobs=jobs, cache=cache, on_start=on_start
    )


def fix_paths(
    paths: Sequence[str],
    resolver: Resolver | None = None,
    *,
    unsafe: bool = False,
    write: bool = True,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    jobs: int = 1,
    on_start: Callable[[int], None] | None = None,
) -> Iterator[FileResult]:
    """Fix each file; with ``write``, replace the files that changed (only those).
    Standard input is never written: the caller prints the fixed text."""
    job = Job(fix=True, unsafe=unsafe, write=write, stdin=stdin, stdin_filename=stdin_filename)
    yield from pool.run_paths(paths, _given(resolver), job, jobs=jobs, on_start=on_start)
