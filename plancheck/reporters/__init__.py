"""Output formats: each turns diagnostics into text, one small module per format.

A reporter sees each file's diagnostics as soon as the file is checked (so text output
streams) and all of them at the end (for formats that are one document, such as JSON).
Adding a format is one module and one line in :data:`REPORTERS`.
"""

from __future__ import annotations

import importlib
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


def _lazy(module: str, name: str, colored: bool = False) -> Callable[[bool], Reporter]:
    """A factory that imports the format's module only when the format is used."""

    def make(color: bool) -> Reporter:
        cls = getattr(importlib.import_module(f"plancheck.reporters.{module}"), name)
        reporter: Reporter = cls(color) if colored else cls()
        return reporter

    return make


# `--statistics` (named apart from its module, which importing would shadow), as text or JSON
statistics_reporter = _lazy("statistics", "StatisticsReporter")
json_statistics_reporter = _lazy("statistics", "JsonStatisticsReporter")

REPORTERS: dict[str, Callable[[bool], Reporter]] = {
    "full": _lazy("text", "FullReporter", colored=True),
    "concise": _lazy("text", "ConciseReporter", colored=True),
    "json": _lazy("json", "JsonReporter"),
    "json-lines": _lazy("json_lines", "JsonLinesReporter"),
    "github": _lazy("github", "GithubReporter"),
    "gitlab": _lazy("gitlab", "GitlabReporter"),
    "sarif": _lazy("sarif", "SarifReporter"),
    "junit": _lazy("junit", "JunitReporter"),
    "markdown": _lazy("markdown", "MarkdownReporter"),
}

# The formats that show (or hash) the source lines findings are on; for the others a
# file answered from the cache is not read again for its lines.
NEEDS_SOURCE = frozenset({"full", "gitlab"})
