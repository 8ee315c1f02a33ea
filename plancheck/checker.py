"""Check many files: read, parse, lint each, and hand results to a reporter as they come."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from plancheck.diagnostics import Diagnostic
from plancheck.files import Source, discover, read
from plancheck.linter import RuleSet, lint
from plancheck.parser import parse
from plancheck.schema import Schema


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    diagnostics: list[Diagnostic]
    lines: tuple[str, ...]
    readable: bool


def check_source(
    source: Source, schemas: dict[str, Schema], schema_id: str | None, rules: RuleSet
) -> FileResult:
    document = parse(source.text, source.path)
    found = lint(document, schemas, schema_id=schema_id, rules=rules)
    return FileResult(source.path, found, document.lines, True)


def check_paths(
    paths: Sequence[str],
    schemas: dict[str, Schema],
    *,
    schema_id: str | None = None,
    rules: RuleSet | None = None,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
) -> Iterator[FileResult]:
    """One result per file, in order; a file that cannot be read never stops the run."""
    rules = rules or RuleSet()
    for path in discover(paths):
        got = read(path, stdin)
        if isinstance(got, Diagnostic):
            selected = any(r.code == got.code for r in rules.rules)
            yield FileResult(path, [got] if selected else [], (), False)
            continue
        if path == "-" and stdin_filename:
            got = Source(stdin_filename, got.text, got.bom)
        yield check_source(got, schemas, schema_id, rules)
