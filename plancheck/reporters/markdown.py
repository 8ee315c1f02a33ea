"""`--output-format markdown`: a summary for a pull-request comment or $GITHUB_STEP_SUMMARY.

Findings per rule and per file, then the findings themselves; a single line when all
checks pass. Long lists are cut (a comment holds 65,536 characters) with a line saying
how many rows were left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from plancheck.diagnostics import Diagnostic, Severity
from plancheck.reporters.text import summary

MAX_ROWS = 100  # rows of a list; 100 long findings stay well within a comment
# Backslash-escaping any ASCII punctuation is literal in CommonMark; these are the ones
# that would otherwise make emphasis, links, HTML, entities or table cells of a message.
MARKUP = re.compile(r"([\\`*_\[\]<>&|~])")


def cell(text: str) -> str:
    return MARKUP.sub(r"\\\1", text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def table(header: Sequence[str], rows: Sequence[Sequence[object]], noun: str) -> list[str]:
    out = [f"| {' | '.join(header)} |", f"|{'---|' * len(header)}"]
    out += [f"| {' | '.join(str(v) for v in row)} |" for row in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        out += ["", f"… and {len(rows) - MAX_ROWS} more {noun}."]
    return [*out, ""]


def by_rule(diagnostics: list[Diagnostic]) -> list[list[object]]:
    counts = Counter((d.code, d.rule, d.severity) for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fix}
    return [
        [code, rule, severity.value, n, "yes" if code in fixable else ""]
        for (code, rule, severity), n in sorted(counts.items())
    ]


def by_file(diagnostics: list[Diagnostic]) -> list[list[object]]:
    counts = Counter((d.path, d.severity) for d in diagnostics)
    paths = sorted({d.path for d in diagnostics})
    return [[cell(p), *(counts[p, s] for s in Severity)] for p in paths]


def findings(diagnostics: list[Diagnostic]) -> list[list[object]]:
    return [
        [
            cell(d.path),
            f"{d.span.line}:{d.span.column}",
            d.code,
            d.rule,
            d.severity.value,
            cell(d.message) + (" \\[\\*\\]" if d.safely_fixable else ""),
        ]
        for d in diagnostics
    ]


def report(diagnostics: list[Diagnostic], files: int) -> str:
    headline, *hints = summary(diagnostics, files).splitlines()
    if not diagnostics:
        return f"## plancheck\n\n✅ {headline}\n"
    mark = "❌" if any(d.severity is Severity.ERROR for d in diagnostics) else "⚠️"
    out = ["## plancheck", "", f"{mark} {headline}", ""]
    out += ["### By rule", ""]
    out += table(["code", "rule", "severity", "findings", "fixable"], by_rule(diagnostics), "rules")
    out += ["### By file", ""]
    out += table(["file", "errors", "warnings", "infos"], by_file(diagnostics), "files")
    out += ["### Findings", ""]
    header = ["file", "line:col", "code", "rule", "severity", "message"]
    out += table(header, findings(diagnostics), "findings")
    for hint in hints:  # a paragraph each
        out += [hint, ""]
    return "\n".join(out).rstrip("\n") + "\n"


class MarkdownReporter:
    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        return ""

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        return report(diagnostics, files)
