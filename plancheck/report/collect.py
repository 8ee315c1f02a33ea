"""Run `check` over the paths, keeping for each document what the report needs.

A :class:`Document` keeps counts and the findings' short form, never the file's text,
so the whole archive fits in memory comfortably.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from plancheck.diagnostics import Applicability, Diagnostic, Severity
from plancheck.results import Facts, FileResult


@dataclass(frozen=True, slots=True)
class Finding:
    line: int
    column: int
    code: str
    rule: str
    severity: str
    message: str
    fix: str  # "safe", "unsafe" or ""


@dataclass(slots=True)
class Document:
    path: str
    facts: Facts | None  # None when the file could not be read or checked
    findings: list[Finding] = field(default_factory=list)
    by_rule: Counter[str] = field(default_factory=Counter)  # rule code -> findings
    severities: Counter[str] = field(default_factory=Counter)  # severity -> findings
    # findings the platform's export made (infos `check` counts but lists only with
    # --export): counted apart, as `check` does, so that the report's numbers are its
    export: int = 0
    export_fixable: int = 0  # of those, how many a `fix` run repairs

    @property
    def template(self) -> str | None:
        return self.facts.template if self.facts else None

    @property
    def year(self) -> str | None:
        return self.facts.year if self.facts else None

    @property
    def country(self) -> str:
        """The countries the document names, as one cell."""
        return "; ".join(name for name, _ in self.facts.countries) if self.facts else ""

    @property
    def errors(self) -> int:
        return self.severities[Severity.ERROR.value]

    @property
    def warnings(self) -> int:
        return self.severities[Severity.WARNING.value]

    @property
    def fixable(self) -> int:
        """Findings a `fix` run repairs (their fix is safe), the export's included."""
        safe = sum(1 for f in self.findings if f.fix == Applicability.SAFE.value)
        return safe + self.export_fixable

    @property
    def unsafe_fixable(self) -> int:
        """Findings `fix --unsafe-fixes` repairs (any fix), the export's included."""
        return sum(1 for f in self.findings if f.fix) + self.export_fixable

    @property
    def state(self) -> str:
        """error, warning or clean: the worst severity among errors and warnings."""
        if self.errors:
            return "error"
        return "warning" if self.warnings else "clean"


def _finding(d: Diagnostic) -> Finding:
    fix = d.fix.applicability.value if d.fix is not None else ""
    return Finding(d.span.line, d.span.column, d.code, d.rule, d.severity.value, d.message, fix)


def document(result: FileResult) -> Document:
    from plancheck.reporters.text import listed

    doc = Document(result.path, result.facts)
    shown = listed(result.diagnostics, export=False, invisible=True)
    doc.export = len(result.diagnostics) - len(shown)
    doc.export_fixable = sum(1 for d in result.diagnostics if d not in shown and d.safely_fixable)
    for d in shown:
        doc.findings.append(_finding(d))
        doc.by_rule[d.code] += 1
        doc.severities[d.severity.value] += 1
    return doc


def documents(results: Iterable[FileResult]) -> list[Document]:
    return [document(r) for r in results]
