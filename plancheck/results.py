"""What a run does to each file and what comes back: small values every part of a run
shares (the engine, the cache, the reporters), free of the parser and the rules so that
a run answered from the cache never imports them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plancheck.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from plancheck.fixer import FixResult

# The names of plancheck.rules.document.internal_error and not_a_plan, which this light
# module cannot import.
INTERNAL_ERROR = "internal-error"
NOT_A_PLAN = "not-a-plan"

# The severities `--fail-on LEVEL` fails a run on: LEVEL and those above it.
FAIL_ON = {
    Severity.ERROR: frozenset({Severity.ERROR}),
    Severity.WARNING: frozenset({Severity.ERROR, Severity.WARNING}),
    Severity.INFO: frozenset(Severity),
}


def failing(diagnostics: Iterable[Diagnostic], level: Severity = Severity.ERROR) -> bool:
    """Whether findings fail a run that fails on ``level``: a file that is not a plan
    never does (pre-commit names a lab's README with its plans)."""
    return any(d.severity in FAIL_ON[level] and d.rule != NOT_A_PLAN for d in diagnostics)


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    diagnostics: list[Diagnostic]  # after fixing, what remains
    lines: tuple[str, ...]  # the text's lines, when there are diagnostics to show
    readable: bool
    original: str | None = None  # the text as read, when it was fixed
    fixed: FixResult | None = None
    written: bool = False
    digest: str | None = None  # of the bytes checked, for the cache

    @property
    def failed(self) -> bool:
        """Whether plancheck itself failed on this file (an internal-error diagnostic,
        which is reported even when not selected)."""
        return any(d.rule == INTERNAL_ERROR for d in self.diagnostics)

    @property
    def complete(self) -> bool:
        """Whether the file was read and every rule ran on it."""
        return self.readable and not self.failed


@dataclass(frozen=True, slots=True)
class Job:
    """What a run does to each file; the same value goes to every worker process."""

    fix: bool = False
    unsafe: bool = False
    write: bool = True
    stdin: bytes | None = None
    stdin_filename: str | None = None
    # Whether a checked file's result carries its lines: only the formats that show them
    # need them, and from a worker process they are pickled back with the findings.
    lines: bool = True
