"""plancheck diagnostics as LSP diagnostics: range, severity, code and documentation link."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from plancheck.diagnostics import Diagnostic, Severity
from plancheck.lsp.positions import UTF16, to_range
from plancheck.rules import BY_NAME
from plancheck.rules.docs import rule_url

SOURCE = "plancheck"

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def to_lsp(d: Diagnostic, lines: Sequence[str], encoding: str = UTF16) -> types.Diagnostic:
    """``d`` for an editor. ``data`` carries the rule name and the fix's applicability
    (null when there is none), for clients that show or filter on them."""
    return types.Diagnostic(
        range=to_range(lines, d.span, encoding),
        message=d.message,
        severity=SEVERITY[d.severity],
        code=d.code,
        code_description=types.CodeDescription(href=rule_url(BY_NAME[d.rule])),
        source=SOURCE,
        data={"rule": d.rule, "fix": d.fix.applicability.value if d.fix else None},
    )
