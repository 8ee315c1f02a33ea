"""The human formats: `concise` (one line a finding) and `full` (with the source line)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import click

from plancheck.diagnostics import Diagnostic, Severity

COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
WINDOW = 200  # characters of a long source line shown under a finding
CONTEXT = 40  # of them, before the finding's start


class ConciseReporter:
    def __init__(self, color: bool = False) -> None:
        self.color = color

    def _style(self, text: str, fg: str | None = None, bold: bool | None = None) -> str:
        return click.style(text, fg=fg, bold=bold) if self.color else text

    def line(self, d: Diagnostic) -> str:
        where = self._style(f"{d.path}:{d.span.line}:{d.span.column}:", bold=True)
        code = self._style(d.code, fg=COLORS[d.severity], bold=True)
        fixable = " [*]" if d.safely_fixable else ""
        return f"{where} {code} [{d.rule}]{fixable} {d.message}"

    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        return "".join(self.line(d) + "\n" for d in diagnostics)

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        return summary(diagnostics, files)


class FullReporter(ConciseReporter):
    """Each finding, then the offending line with a caret under the span (like ruff)."""

    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        out = []
        for d in diagnostics:
            out.append(self.line(d))
            if 0 < d.span.line <= len(lines):
                out += self._source(d, lines[d.span.line - 1])
            out.append("")
        return "".join(o + "\n" for o in out)

    def _source(self, d: Diagnostic, line: str) -> list[str]:
        """The line with carets under the span; of a long line, a window of WINDOW
        characters around the span's start, so a 10 MB line prints a few columns."""
        text = line.expandtabs(1)
        first = d.span.column - 1  # 0-based
        last = d.span.end_column - 1 if d.span.end_line == d.span.line else len(text)
        start = max(0, min(first - CONTEXT, len(text) - WINDOW)) if len(text) > WINDOW else 0
        shown = text[start : start + WINDOW]
        prefix = "…" if start else ""
        suffix = "…" if start + WINDOW < len(text) else ""
        pad = " " * (len(prefix) + first - start)
        carets = "^" * max(1, min(last, start + WINDOW) - first)
        width = len(str(d.span.line))
        gutter = self._style(f"{d.span.line} |", fg="blue")
        return [
            f"  {gutter} {prefix}{shown}{suffix}",
            f"  {' ' * width} | {pad}{self._style(carets, fg=COLORS[d.severity])}",
        ]


def listed(
    diagnostics: list[Diagnostic], export: bool, invisible: bool = False
) -> list[Diagnostic]:
    """The findings a run lists: the export's only when asked for (`check --export`), and
    those about characters no reader sees only when asked for (`check --invisible`), so
    that the default output is what an author can act on; the others are counted."""
    # a severity the configuration raised is listed: the run's status depends on it
    return [
        d
        for d in diagnostics
        if d.severity is not Severity.INFO
        or not ((d.export and not export) or (d.invisible and not invisible))
    ]


def hidden_line(export: int, invisible: int) -> str:
    """What the listing left out, by why (the export's, or no reader sees it): the
    summary's last lines."""
    text = ""
    if export:
        what = "finding (info) comes" if export == 1 else "findings (info) come"
        text += (
            f"{export} more {what} from the platform's export, not the author: "
            "`--export` lists them, `plancheck fix` fixes them.\n"
        )
    if invisible:
        what = "finding (info) is" if invisible == 1 else "findings (info) are"
        text += (
            f"{invisible} more {what} about characters no reader sees (trailing spaces, "
            "CRLF line endings): `--invisible` lists them, `plancheck fix` fixes them.\n"
        )
    return text


def export_line(diagnostics: list[Diagnostic]) -> str:
    """How many of the listed findings the platform's export made rather than the author,
    and how many are about characters no reader sees (listed on request, at info), so
    that a reader of a run over the archive knows what is theirs to act on."""
    export = sum(1 for d in diagnostics if d.export)
    invisible = sum(1 for d in diagnostics if d.invisible and not d.export)
    text = ""
    if export:
        text += (
            f"{export} of them come from the platform's export, not the author "
            "(reported as info).\n"
        )
    if invisible:
        verb = "is" if invisible == 1 else "are"
        text += f"{invisible} of them {verb} about characters no reader sees (reported as info).\n"
    return text


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    noun = "file" if files == 1 else "files"
    if not diagnostics:
        return f"All checks passed ({files} {noun}).\n"
    by = Counter(d.severity for d in diagnostics)
    parts = [f"{by[s]} {s.value}{'s' if by[s] != 1 else ''}" for s in Severity if by[s]]
    with_findings = len({d.path for d in diagnostics})
    safe = sum(1 for d in diagnostics if d.safely_fixable)
    unsafe = sum(1 for d in diagnostics if d.fix and not d.safely_fixable)
    text = (
        f"Found {len(diagnostics)} problem{'s' if len(diagnostics) != 1 else ''} "
        f"({', '.join(parts)}) in {with_findings} of {files} {noun}.\n"
    )
    text += export_line(diagnostics)
    if safe:
        text += f"[*] {safe} fixable with `plancheck fix`.\n"
    if unsafe:
        text += f"{unsafe} more fixable with --unsafe-fixes.\n"
    return text
