"""`--output-format github`: GitHub Actions workflow commands, one annotation a finding.

``::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message``; GitHub shows each
on the pull request's changed lines. Escaping follows the Actions toolkit (``@actions/core``
``command.ts``): ``%``, CR and LF everywhere, and ``:`` and ``,`` in property values.
"""

from __future__ import annotations

from collections.abc import Sequence

from plancheck.diagnostics import Diagnostic, Severity
from plancheck.reporters import relative_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    s = d.span
    props = {"file": relative_path(d.path), "line": str(s.line)}
    if s.end_line == s.line:  # GitHub takes columns only for a span on one line
        props |= {"col": str(s.column), "endLine": str(s.end_line), "endColumn": str(s.end_column)}
    else:
        props["endLine"] = str(s.end_line)
    props["title"] = f"{d.code} [{d.rule}]"
    message = d.message
    if d.fix is not None:
        message += f"\nFix ({d.fix.applicability.value}): {d.fix.message}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(message)}\n"


class GithubReporter:
    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        return "".join(annotation(d) for d in diagnostics)

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        return ""
