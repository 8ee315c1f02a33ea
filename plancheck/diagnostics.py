"""Diagnostics and fixes: small immutable values shared by rules, linter and reporters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from plancheck.document import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``span`` (1-based, end exclusive) with ``content``."""

    span: Span
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: where, what, and optionally how to fix it."""

    span: Span
    message: str
    fix: Fix | None = None
    subject: str | None = None  # what the finding is about (a tag key), for statistics
    # The platform's export wrote it, not the author (the template's own no-break spaces,
    # a misspelt choice the platform offered): reported at info, and counted apart.
    export: bool = False
    # About characters no reader sees (trailing spaces, CRLF, a doubled space inside a
    # value): reported at info and counted apart; `plancheck fix` removes them.
    invisible: bool = False


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A finding stamped by the linter with the rule's identity and the file."""

    path: str
    span: Span
    code: str
    rule: str
    severity: Severity
    message: str
    fix: Fix | None = None
    subject: str | None = None
    export: bool = False  # a finding the platform's export made, not the author
    invisible: bool = False  # about characters no reader sees (see Finding)

    @property
    def safely_fixable(self) -> bool:
        """Whether plain `plancheck fix` fixes it (what `[*]` marks)."""
        return self.fix is not None and self.fix.applicability is Applicability.SAFE


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, replacement) edit applied; offsets are into the
    original text, and edits do not overlap (the fixer and the rules that check their own
    fixes both apply them so)."""
    for start, end, content in sorted(edits, reverse=True):
        text = text[:start] + content + text[end:]
    return text
