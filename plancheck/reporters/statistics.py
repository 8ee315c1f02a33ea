"""`--statistics`: how many findings of each rule (and, for tag rules, of each tag), at
which severity, as text or (with `--output-format json`) as JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from plancheck.diagnostics import Diagnostic


@dataclass
class Row:
    """One rule at one severity (a rule configured differently in two folders has two)."""

    code: str
    name: str
    severity: str
    count: int = 0
    fixable: bool = False  # plain `plancheck fix` fixes some of them, as `[*]` marks
    subjects: Counter[str] = field(default_factory=Counter)


def rows(diagnostics: Sequence[Diagnostic]) -> list[Row]:
    """The rules found, most findings first, then by code."""
    found: dict[tuple[str, str, str], Row] = {}
    for d in diagnostics:
        key = (d.code, d.rule, d.severity.value)
        row = found.setdefault(key, Row(*key))
        row.count += 1
        row.fixable = row.fixable or d.safely_fixable
        if d.subject:
            row.subjects[d.subject] += 1
    return sorted(found.values(), key=lambda r: (-r.count, r.code, r.severity))


def _by_count(subjects: Counter[str]) -> list[tuple[str, int]]:
    return sorted(subjects.items(), key=lambda x: (-x[1], x[0]))


class StatisticsReporter:
    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        return ""

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        found = rows(diagnostics)
        width = len(f"{max((r.count for r in found), default=0)}")
        out = []
        for r in found:
            mark = " [*]" if r.fixable else ""
            out.append(f"{r.count:>{width}}  {r.code}  {r.severity:<7}  {r.name}{mark}")
            for subject, m in _by_count(r.subjects):
                out.append(f"{'':>{width}}    {m:>{width}}  {subject}")
        noun = "file" if files == 1 else "files"
        out.append(f"{len(diagnostics)} findings in {files} {noun}.")
        return "\n".join(out) + "\n"


class JsonStatisticsReporter(StatisticsReporter):
    """`--statistics --output-format json`: a list as ruff gives, one object per row."""

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity,
                "count": r.count,
                "fixable": r.fixable,
                "subjects": dict(_by_count(r.subjects)),
            }
            for r in rows(diagnostics)
        ]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
