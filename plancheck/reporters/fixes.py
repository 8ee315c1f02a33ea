"""What `plancheck fix` and `check --fix` say: the fixes applied, diffs, a summary."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence

import click

from plancheck.results import FileResult


def applied(result: FileResult) -> str:
    """One line per applied fix (`--show-fixes`), positions as in the text fixed."""
    if result.fixed is None:
        return ""
    return "".join(
        f"{result.path}:{a.span.line}:{a.span.column}: {a.code} [{a.rule}] fixed: {a.message}\n"
        for a in result.fixed.applied
    )


def _colored(line: str) -> str:
    if line.startswith(("+++", "---")):
        return click.style(line, bold=True)
    if line.startswith(("+", "-", "@@")):
        return click.style(line, fg={"+": "green", "-": "red", "@": "cyan"}[line[0]])
    return line


def diff(result: FileResult, *, color: bool = False) -> str:
    """A unified diff of the fix (`--diff`), or '' when nothing changes."""
    if result.fixed is None or result.original is None or not result.fixed.changed:
        return ""
    before = result.original.splitlines(keepends=True)
    after = result.fixed.source.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, f"a/{result.path}", f"b/{result.path}")
    text = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
    return "".join(_colored(line) for line in text.splitlines(keepends=True)) if color else text


def summary(results: Sequence[FileResult], *, unsafe: bool, verb: str = "Fixed") -> str:
    """`Fixed 12 problems in 3 of 10 files.` plus a hint for unsafe fixes left."""
    fixed = [r for r in results if r.fixed is not None and r.fixed.changed]
    count = sum(len(r.fixed.applied) for r in fixed if r.fixed)
    by_rule: Counter[str] = Counter()
    for r in fixed:
        assert r.fixed is not None
        by_rule.update(r.fixed.counts())
    noun = "problem" if count == 1 else "problems"
    files = "file" if len(results) == 1 else "files"
    text = f"{verb} {count} {noun} in {len(fixed)} of {len(results)} {files}"
    text += (
        f" ({', '.join(f'{n} {rule}' for rule, n in by_rule.most_common())}).\n" if count else ".\n"
    )
    if not unsafe:
        left = sum(
            1
            for r in results
            for d in r.diagnostics
            if d.fix is not None and d.fix.applicability == "unsafe"
        )
        if left:
            text += f"{left} more fixable with --unsafe-fixes.\n"
    return text
