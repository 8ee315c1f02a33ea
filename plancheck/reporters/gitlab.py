"""`--output-format gitlab`: a GitLab Code Quality report (one JSON array).

GitLab matches findings across pipelines by ``fingerprint``, so it must not change when
lines are inserted above a finding: it hashes the path, the rule, the text of the line and
the message, never the line number. Identical findings (the same rule and message on two
identical lines) are told apart by their order.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from plancheck.diagnostics import Diagnostic, Severity
from plancheck.reporters import relative_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}

# A message may point at another line ("already given on line 7"); that number moves with
# unrelated edits, so the fingerprint leaves it out.
LINE_REFERENCE = re.compile(r"\blines? \d+")


def identity(d: Diagnostic, line_text: str) -> str:
    """What makes a finding the same finding in the next pipeline."""
    message = LINE_REFERENCE.sub("line", d.message)
    return "\0".join((relative_path(d.path), d.code, line_text.strip(), message))


def fingerprint(identity: str, occurrence: int) -> str:
    key = f"{identity}\0{occurrence}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()


def issue(d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    s = d.span
    return {
        "description": f"{d.code} [{d.rule}] {d.message}",
        "check_name": d.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[d.severity],
        "location": {
            "path": relative_path(d.path),
            "positions": {
                "begin": {"line": s.line, "column": s.column},
                "end": {"line": s.end_line, "column": s.end_column},
            },
        },
    }


class GitlabReporter:
    def __init__(self) -> None:
        self._line_text: dict[Diagnostic, str] = {}  # only the lines findings are on

    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        for d in diagnostics:
            if 0 < d.span.line <= len(lines):
                self._line_text[d] = lines[d.span.line - 1]
        return ""

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        seen: Counter[str] = Counter()
        issues = []
        for d in diagnostics:
            same = identity(d, self._line_text.get(d, ""))
            issues.append(issue(d, fingerprint(same, seen[same])))
            seen[same] += 1
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
