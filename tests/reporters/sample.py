"""A small set of diagnostics for the reporter tests, and a way to run a reporter on it.

Three files: one with a finding of every severity (a path with a space, a comma and a
colon; a message with `%`, a newline and markup; safe, unsafe and no fixes; a span over
two lines; two identical findings on identical lines), one with a warning only, one clean.
"""

from __future__ import annotations

import re
from dataclasses import replace

from plancheck.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from plancheck.document import Span
from plancheck.reporters import REPORTERS

ODD = "plans/my plan, draft: v2.md"
OTHER = "plans/other.md"
CLEAN = "plans/clean.md"

ODD_LINES = (
    "# 100% plan",
    "",
    "[[ methods : Pilots ]]",
    "## Challenge statment",
    "Our share is 50%, & <b>more</b> | less  ",
    "Our share is 50%, & <b>more</b> | less  ",
    "",
)
OTHER_LINES = ("# Other", "", "[[year:2024]]", "## closing", "")
CLEAN_LINES = ("# Clean", "")


def diagnostic(
    path: str,
    span: tuple[int, int, int, int],
    code: str,
    rule: str,
    severity: Severity,
    message: str,
    fix: Fix | None = None,
) -> Diagnostic:
    return Diagnostic(path, Span(*span), code, rule, severity, message, fix)


def edit_fix(applicability: Applicability, message: str, span: Span, content: str) -> Fix:
    return Fix(applicability, message, (Edit(span, content),))


ODD_DIAGNOSTICS = [
    diagnostic(
        ODD,
        (1, 1, 1, 12),
        "PC201",
        "missing-title",
        Severity.ERROR,
        "the title '100% plan' is 100% wrong:\nsecond line\r\nthird, with a comma",
    ),
    diagnostic(
        ODD,
        (3, 1, 3, 23),
        "PC104",
        "tag-syntax",
        Severity.ERROR,
        "malformed tag '[[ methods : Pilots ]]': no spaces",
        edit_fix(
            Applicability.SAFE,
            "Rewrite as [[methods:Pilots]]",
            Span(3, 1, 3, 23),
            "[[methods:Pilots]]",
        ),
    ),
    diagnostic(
        ODD,
        (4, 4, 5, 1),
        "PC206",
        "heading-drift",
        Severity.WARNING,
        "heading 'Challenge statment' should be 'Challenge statement' (see line 4)",
        edit_fix(
            Applicability.UNSAFE,
            "Replace with 'Challenge statement'",
            Span(4, 4, 4, 22),
            "Challenge statement",
        ),
    ),
    diagnostic(
        ODD,
        (5, 41, 5, 43),
        "PC603",
        "trailing-whitespace",
        Severity.INFO,
        "trailing whitespace after '<b>more</b> | less' & co \u2028(U+2028)\x0b",
        edit_fix(Applicability.SAFE, "Remove trailing whitespace", Span(5, 41, 5, 43), ""),
    ),
    diagnostic(
        ODD,
        (6, 41, 6, 43),
        "PC603",
        "trailing-whitespace",
        Severity.INFO,
        "trailing whitespace after '<b>more</b> | less' & co \u2028(U+2028)\x0b",
        edit_fix(Applicability.SAFE, "Remove trailing whitespace", Span(6, 41, 6, 43), ""),
    ),
]
OTHER_DIAGNOSTICS = [
    diagnostic(
        OTHER,
        (4, 4, 4, 11),
        "PC206",
        "heading-drift",
        Severity.WARNING,
        "heading 'closing' should be 'Closing'",
        edit_fix(Applicability.SAFE, "Replace with 'Closing'", Span(4, 4, 4, 11), "Closing"),
    ),
]

FILES: list[tuple[str, tuple[str, ...], list[Diagnostic]]] = [
    (ODD, ODD_LINES, ODD_DIAGNOSTICS),
    (OTHER, OTHER_LINES, OTHER_DIAGNOSTICS),
    (CLEAN, CLEAN_LINES, []),
]
ALL = [d for _, _, ds in FILES for d in ds]


def render(name: str, files: list[tuple[str, tuple[str, ...], list[Diagnostic]]] = FILES) -> str:
    """What `check --output-format NAME` prints for ``files``: each file, then the end."""
    reporter = REPORTERS[name](False)
    out = "".join(reporter.document(ds, lines, path=path) for path, lines, ds in files)
    return out + reporter.finish([d for _, _, ds in files for d in ds], len(files))


def shifted(
    files: list[tuple[str, tuple[str, ...], list[Diagnostic]]], by: int
) -> list[tuple[str, tuple[str, ...], list[Diagnostic]]]:
    """The same files with ``by`` blank lines inserted at the top (for stable fingerprints)."""

    def move(span: Span) -> Span:
        return Span(span.line + by, span.column, span.end_line + by, span.end_column)

    def renumber(message: str) -> str:  # "see line 4" moves with the text
        return re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) + by}", message)

    return [
        (
            path,
            ("",) * by + lines,
            [replace(d, span=move(d.span), message=renumber(d.message)) for d in ds],
        )
        for path, lines, ds in files
    ]
