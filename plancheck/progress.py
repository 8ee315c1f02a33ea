"""A progress bar on standard error for long runs on a terminal.

Shown only when standard error is a terminal, the run is not ``--quiet`` and has more
than :data:`THRESHOLD` files; otherwise every method passes straight through. Findings
printed while the bar is shown first clear the bar's line, so the two never mix.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, TypeVar

import click

THRESHOLD = 200  # files: below this a run ends before a bar would be read
CLEAR_LINE = "\r\033[K"

T = TypeVar("T")


class Progress:
    def __init__(self, *, enabled: bool = True, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self._bar: Any = None  # click's ProgressBar, while shown

    def start(self, total: int) -> None:
        """Called once the files are found: show a bar if the run is long."""
        if self.enabled and total > THRESHOLD:
            self._bar = click.progressbar(
                length=total,
                label="Checking",
                file=self.stream,
                show_pos=True,
                update_min_steps=max(1, total // 200),
            )
            self._bar.__enter__()

    def track(self, items: Iterable[T]) -> Iterator[T]:
        try:
            for item in items:
                yield item
                if self._bar is not None:
                    self._bar.update(1)
        finally:
            self.close()

    def echo(self, text: str, *, err: bool = False, **options: Any) -> None:
        """Print ``text`` (with no added newline) above the bar."""
        if self._bar is not None:
            self.stream.write(CLEAR_LINE)
        click.echo(text, nl=False, err=err, **options)

    def close(self) -> None:
        if self._bar is not None:
            bar, self._bar = self._bar, None
            bar.__exit__(None, None, None)
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
