"""Check or fix one file: read, parse, lint (and fix) it, one result.

A file that cannot be read is a result with its diagnostic and never stops the run, and
neither does a file that makes plancheck itself fail (an ``internal-error`` diagnostic).
What applies to the file (schemas, rules, settings) comes from the
:class:`~plancheck.options.Resolver`. This module is called by :mod:`plancheck.runner`
(which finds the files, consults the cache and spreads files over worker processes) and
calls down into :mod:`plancheck.linter` and :mod:`plancheck.fixer`; it never calls back up.
"""

from __future__ import annotations

from dataclasses import replace

from plancheck.cache import digest
from plancheck.codes import INTERNAL_ERROR
from plancheck.diagnostics import Diagnostic
from plancheck.files import STDIN, Source, problem, read, write_atomic
from plancheck.linter import RuleSet, context, lint
from plancheck.options import FileOptions, Resolver
from plancheck.parser import parse
from plancheck.results import FileResult, Job


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
    ctx = context(document, use)
    found = lint(ctx, use.rules)
    facts = None
    if job.facts:
        from plancheck.facts import collect

        facts = collect(ctx, found)
    lines = document.lines if found and job.lines else ()
    return FileResult(source.path, found, lines, True, facts=facts)


def _fix(source: Source, use: FileOptions, job: Job, from_stdin: bool) -> FileResult:
    from plancheck.fixer import fix  # a check has no use for the fixer

    result = fix(context(parse(source.text, source.path), use), use, unsafe=job.unsafe)
    written = job.write and result.changed and result.source != source.text and not from_stdin
    if written:
        write_atomic(source.path, result.source)
    refusal: list[Diagnostic] = []
    if result.refused:
        message = f"plancheck fix did not write this file: {result.refused}; please report it"
        refusal = [problem(INTERNAL_ERROR, source.path, message)]
    return FileResult(
        source.path,
        refusal,
        (),  # the lines are those of result.source
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
