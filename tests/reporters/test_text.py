"""The full format's source line: exact carets, and a window of a long line."""

from __future__ import annotations

from plancheck.diagnostics import Diagnostic, Severity
from plancheck.document import Span
from plancheck.reporters.text import WINDOW, FullReporter


def show(line: str, span: Span) -> list[str]:
    d = Diagnostic("p.md", span, "PC603", "trailing-whitespace", Severity.INFO, "trailing")
    return FullReporter().document([d], [line]).splitlines()[1:3]


def test_carets_sit_under_the_span_of_a_short_line() -> None:
    source, carets = show("Some text   ", Span(1, 10, 1, 13))
    assert source == "  1 | Some text   "
    assert carets == "    |          ^^^"
    assert source.index("   ") == carets.index("^")


def test_a_long_line_shows_a_window_around_the_finding() -> None:
    line = "x" * 10_000_000 + "   "
    source, carets = show(line, Span(1, 10_000_001, 1, 10_000_004))
    assert len(source) < WINDOW + 20 and len(carets) < WINDOW + 20
    assert source.startswith("  1 | …x") and source.endswith("x   ")
    assert carets.endswith("^^^")
    assert carets.index("^") == source.index("   ")


def test_a_finding_at_the_start_of_a_long_line_shows_the_start() -> None:
    source, carets = show("a" + "b" * 500, Span(1, 1, 1, 2))
    assert source == "  1 | a" + "b" * (WINDOW - 1) + "…"
    assert carets == "    | ^"
