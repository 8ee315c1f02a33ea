"""Output formats: each turns diagnostics into text, one small module per format.

A reporter sees each file's diagnostics as soon as the file is checked (so text output
streams) and all of them at the end (for formats that are one document, such as JSON).
Adding a format is one module and one line in :data:`REPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from plancheck.diagnostics import Diagnostic


class Reporter(Protocol):
    def document(self, diagnostics: list[Diagnostic], lines: Sequence[str]) -> str:
        """Text for one file's diagnostics (``lines`` is the file's source), or ''."""
        ...

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        """Text after all files: a summary, or the whole report."""
        ...


def _full(color: bool) -> Reporter:
    from plancheck.reporters.text import FullReporter

    return FullReporter(color)


def _concise(color: bool) -> Reporter:
    from plancheck.reporters.text import ConciseReporter

    return ConciseReporter(color)


def _json(color: bool) -> Reporter:
    from plancheck.reporters.json import JsonReporter

    return JsonReporter()


def statistics(color: bool) -> Reporter:
    from plancheck.reporters.statistics import StatisticsReporter

    return StatisticsReporter()


REPORTERS: dict[str, Callable[[bool], Reporter]] = {
    "full": _full,
    "concise": _concise,
    "json": _json,
}
