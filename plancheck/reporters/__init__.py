"""Output formats: each turns diagnostics into text, one small module per format.

A reporter sees each file's diagnostics as soon as the file is checked (so text output
streams) and all of them at the end (for formats that are one document, such as JSON).
Adding a format is one module and one line in :data:`REPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import Protocol

from plancheck.diagnostics import Diagnostic


class Reporter(Protocol):
    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        """Text for one file's diagnostics (``lines`` is the file's source), or ''.

        ``path`` names the file even when it has no diagnostics (JUnit lists every file).
        """
        ...

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        """Text after all files: a summary, or the whole report."""
        ...


def relative_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it, with forward
    slashes: what CI services match against the files of the repository."""
    pure, here = PurePath(path), Path.cwd()
    if pure.is_absolute() and pure.is_relative_to(here):
        pure = pure.relative_to(here)
    return pure.as_posix()


def _full(color: bool) -> Reporter:
    from plancheck.reporters.text import FullReporter

    return FullReporter(color)


def _concise(color: bool) -> Reporter:
    from plancheck.reporters.text import ConciseReporter

    return ConciseReporter(color)


def _json(color: bool) -> Reporter:
    from plancheck.reporters.json import JsonReporter

    return JsonReporter()


def statistics_reporter(color: bool) -> Reporter:
    """`--statistics` (named apart from the module it loads, which would shadow it)."""
    from plancheck.reporters.statistics import StatisticsReporter

    return StatisticsReporter()


def _json_lines(color: bool) -> Reporter:
    from plancheck.reporters.json_lines import JsonLinesReporter

    return JsonLinesReporter()


def _github(color: bool) -> Reporter:
    from plancheck.reporters.github import GithubReporter

    return GithubReporter()


def _gitlab(color: bool) -> Reporter:
    from plancheck.reporters.gitlab import GitlabReporter

    return GitlabReporter()


def _sarif(color: bool) -> Reporter:
    from plancheck.reporters.sarif import SarifReporter

    return SarifReporter()


def _junit(color: bool) -> Reporter:
    from plancheck.reporters.junit import JunitReporter

    return JunitReporter()


def _markdown(color: bool) -> Reporter:
    from plancheck.reporters.markdown import MarkdownReporter

    return MarkdownReporter()


REPORTERS: dict[str, Callable[[bool], Reporter]] = {
    "full": _full,
    "concise": _concise,
    "json": _json,
    "json-lines": _json_lines,
    "github": _github,
    "gitlab": _gitlab,
    "sarif": _sarif,
    "junit": _junit,
    "markdown": _markdown,
}
