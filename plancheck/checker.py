"""Check or fix many files: read, parse, lint (and fix) each, one result per file.

Results are yielded as files are done, so reporters stream; a file that cannot be read
is a result with its diagnostic and never stops the run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from plancheck.diagnostics import Diagnostic
from plancheck.document import split_lines
from plancheck.files import STDIN, Source, discover, read
from plancheck.fixer import FixResult, fix_text, write_atomic
from plancheck.linter import RuleSet, lint
from plancheck.parser import parse
from plancheck.schema import Schema


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
    paths: Sequence[str], stdin: bytes | None = None, stdin_filename: str | None = None
) -> Iterator[tuple[bool, Source | Diagnostic]]:
    """Each file's text, or the diagnostic saying why it cannot be read; the flag is
    True for standard input."""
    for path in discover(paths):
        got = read(path, stdin)
        if isinstance(got, Source) and path == STDIN and stdin_filename:
            got = Source(stdin_filename, got.text)
        yield path == STDIN, got


def _unreadable(problem: Diagnostic, rules: RuleSet) -> FileResult:
    selected = any(r.code == problem.code for r in rules.rules)
    return FileResult(problem.path, [problem] if selected else [], (), False)


def check_paths(
    paths: Sequence[str],
    schemas: dict[str, Schema],
    *,
    schema_id: str | None = None,
    rules: RuleSet | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
) -> Iterator[FileResult]:
    rules = rules or RuleSet()
    for _, got in sources(paths, stdin, stdin_filename):
        if isinstance(got, Diagnostic):
            yield _unreadable(got, rules)
            continue
        document = parse(got.text, got.path)
        found = lint(document, schemas, schema_id=schema_id, rules=rules)
        yield FileResult(got.path, found, document.lines, True)


def fix_paths(
    paths: Sequence[str],
    schemas: dict[str, Schema],
    *,
    schema_id: str | None = None,
    rules: RuleSet | None = None,
    unsafe: bool = False,
    write: bool = True,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
) -> Iterator[FileResult]:
    """Fix each file; with ``write``, replace the files that changed (only those).
    Standard input is never written: the caller prints the fixed text."""
    rules = rules or RuleSet()
    for from_stdin, got in sources(paths, stdin, stdin_filename):
        if isinstance(got, Diagnostic):
            yield _unreadable(got, rules)
            continue
        result = fix_text(
            got.text, schemas, path=got.path, schema_id=schema_id, rules=rules, unsafe=unsafe
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
