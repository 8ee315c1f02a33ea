"""What a run does to each file and what comes back: small values every part of a run
shares (the engine, the cache, the reporters), free of the parser and the rules so that
a run answered from the cache never imports them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plancheck.codes import INTERNAL_ERROR, NOT_A_PLAN
from plancheck.diagnostics import Diagnostic, Severity
from plancheck.document import split_lines

if TYPE_CHECKING:
    from plancheck.fixer import FixResult

# The severities `--fail-on LEVEL` fails a run on: LEVEL and those above it.
FAIL_ON = {
    Severity.ERROR: frozenset({Severity.ERROR}),
    Severity.WARNING: frozenset({Severity.ERROR, Severity.WARNING}),
    Severity.INFO: frozenset(Severity),
}


def failing(diagnostics: Iterable[Diagnostic], level: Severity = Severity.ERROR) -> bool:
    """Whether findings fail a run that fails on ``level``: a file that is not a plan
    never does (pre-commit names a lab's README with its plans)."""
    return any(d.severity in FAIL_ON[level] and d.code != NOT_A_PLAN.code for d in diagnostics)


# A finding about a tag value: (rule code, tag key, value, what a fix writes instead or "").
Term = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class Facts:
    """What a document is, for `plancheck report` (see :mod:`plancheck.facts`)."""

    template: str | None  # the schema detected or forced; None when none fits
    year: str | None  # the `year` tag's value
    countries: tuple[tuple[str, str | None], ...] = ()  # (name, ISO alpha-3 or None)
    filled: str = ""  # "1"/"0" per item of the template's checklist
    terms: tuple[Term, ...] = ()

    def to_data(self) -> list[object]:
        return [
            self.template,
            self.year,
            [list(c) for c in self.countries],
            self.filled,
            [list(t) for t in self.terms],
        ]

    @classmethod
    def from_data(cls, data: list[object]) -> Facts:
        """Raises TypeError or ValueError on data that is not what :meth:`to_data` wrote."""
        template, year, countries, filled, terms = data
        if not isinstance(countries, list) or not isinstance(terms, list):
            raise TypeError("facts: lists expected")
        return cls(
            None if template is None else str(template),
            None if year is None else str(year),
            tuple((str(name), None if code is None else str(code)) for name, code in countries),
            str(filled),
            tuple((str(c), str(k), str(v), str(i)) for c, k, v, i in terms),
        )


@dataclass(frozen=True, slots=True)
class FileResult:
    """One file's result. Each fact is held once (a result of a worker process is pickled
    back, and a check's is cached): what remains of a fixed file is ``fixed.remaining``
    and its lines are those of ``fixed.source``, so :attr:`diagnostics` and :attr:`lines`
    are derived for it rather than kept."""

    path: str
    # A check's diagnostics; of a fix, only what plancheck says of the fix itself (that it
    # refused to write), which comes before what remains.
    found: list[Diagnostic]
    checked_lines: tuple[str, ...]  # of a check, when there are diagnostics to show
    readable: bool
    original: str | None = None  # the text as read, when it was fixed
    fixed: FixResult | None = None
    written: bool = False
    digest: str | None = None  # of the bytes checked, for the cache
    facts: Facts | None = None  # when the job asks for them (report)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """What is reported for the file: after fixing, what remains."""
        if self.fixed is None:
            return self.found
        return [*self.found, *self.fixed.remaining] if self.found else self.fixed.remaining

    @property
    def lines(self) -> tuple[str, ...]:
        """The lines of the text the diagnostics are about, for the reporters that show
        them (of a check, only when there are diagnostics and the job asked for them)."""
        if self.fixed is None:
            return self.checked_lines
        return tuple(split_lines(self.fixed.source))

    @property
    def failed(self) -> bool:
        """Whether plancheck itself failed on this file (an internal-error diagnostic,
        which is reported even when not selected)."""
        return any(d.code == INTERNAL_ERROR.code for d in self.diagnostics)

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
    facts: bool = False  # collect each document's Facts too (for report)
