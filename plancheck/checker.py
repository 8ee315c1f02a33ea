"""Check or fix many files: read, parse, lint (and fix) each, one result per file.

Results are yielded as files are done, so reporters stream; a file that cannot be read
is a result with its diagnostic and never stops the run. What applies to each file
(schemas, rules, settings) comes from the :class:`~plancheck.options.Resolver`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from plancheck.diagnostics import Diagnostic
from plancheck.document import split_lines
from plancheck.files import STDIN, Source, discover, read
from plancheck.fixer import FixResult, fix_text, write_atomic
from plancheck.linter import RuleSet, lint
from plancheck.options import Options, Resolver
from plancheck.parser import parse


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    diagnostics: list[Diagnostic]  # after fixing, what remains
    lines: tuple[str, ...]
    readable: bool
    original: str | None = None  # the text as read, when it was fixed
    fixed: FixResult | None = None
    written: bool = False


def sources(
    paths: Sequence[str],
    resolver: Resolver,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
) -> Iterator[tuple[bool, Source | Diagnostic]]:
    """Each file's text, or the diagnostic saying why it cannot be read; the flag is
    True for standard input."""
    for path in discover(paths, resolver.excluded):
        got = read(path, stdin)
        if isinstance(got, Source) and path == STDIN and stdin_filename:
            got = Source(stdin_filename, got.text)
        yield path == STDIN, got


def _unreadable(problem: Diagnostic, rules: RuleSet) -> FileResult:
    selected = any(r.code == problem.code for r in rules.rules)
    return FileResult(problem.path, [problem] if selected else [], (), False)


def check_paths(
    paths: Sequence[str],
    resolver: Resolver | None = None,
    *,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
) -> Iterator[FileResult]:
    resolver = resolver or Resolver(Options())
    for _, got in sources(paths, resolver, stdin, stdin_filename):
        use = resolver.for_path(got.path)
        if isinstance(got, Diagnostic):
            yield _unreadable(got, use.rules)
            continue
        document = parse(got.text, got.path)
        found = lint(
            document, use.schemas, schema_id=use.schema_id, rules=use.rules, settings=use.settings
        )
        yield FileResult(got.path, found, document.lines, True)


def fix_paths(
    paths: Sequence[str],
    resolver: Resolver | None = None,
    *,
    unsafe: bool = False,
    write: bool = True,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
) -> Iterator[FileResult]:
    """Fix each file; with ``write``, replace the files that changed (only those).
    Standard input is never written: the caller prints the fixed text."""
    resolver = resolver or Resolver(Options())
    for from_stdin, got in sources(paths, resolver, stdin, stdin_filename):
        use = resolver.for_path(got.path)
        if isinstance(got, Diagnostic):
            yield _unreadable(got, use.rules)
            continue
        result = fix_text(
            got.text,
            use.schemas,
            path=got.path,
            schema_id=use.schema_id,
            rules=use.rules,
            unsafe=unsafe,
            settings=use.settings,
        )
        written = write and result.changed and result.source != got.text and not from_stdin
        if written:
            write_atomic(got.path, result.source)
        yield FileResult(
            got.path,
            result.remaining,
            tuple(split_lines(result.source)),
            True,
            original=got.text,
            fixed=result,
            written=written,
        )
