"""`--output-format json`: one array of diagnostics with 1-based, end-exclusive spans,
written as each file is done."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from plancheck.diagnostics import Diagnostic, Fix
from plancheck.reporters.stream import JsonArray


def fix_to_json(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.message,
        "edits": [
            {
                "line": e.span.line,
                "column": e.span.column,
                "end_line": e.span.end_line,
                "end_column": e.span.end_column,
                "content": e.content,
            }
            for e in fix.edits
        ],
    }


def to_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message,
        "fix": fix_to_json(d.fix),
        "export": d.export,
        "invisible": d.invisible,
    }


class JsonReporter:
    def __init__(self) -> None:
        self._array = JsonArray()

    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        return "".join(self._array.item(to_json(d)) for d in diagnostics)

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        """The end of the array; the findings were written file by file (a caller that
        gives them only here gets them all here)."""
        if self._array.count == 0 and diagnostics:
            return (
                json.dumps([to_json(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"
            )
        return self._array.close() + "\n"
