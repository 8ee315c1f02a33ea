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
from plancheck.reporters.stream import JsonArray

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
    """Issues are written as each file is done: the line a finding is on is at hand then."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()
        self._issues = JsonArray()

    def issues(self, diagnostics: list[Diagnostic], lines: Sequence[str]) -> list[dict[str, Any]]:
        out = []
        for d in diagnostics:
            same = identity(d, lines[d.span.line - 1] if 0 < d.span.line <= len(lines) else "")
            out.append(issue(d, fingerprint(same, self._seen[same])))
            self._seen[same] += 1
        return out

    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        return "".join(self._issues.item(i) for i in self.issues(diagnostics, lines))

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        """The end of the array; the issues were written file by file (a caller that
        gives the findings only here gets them here, without their lines)."""
        if self._issues.count == 0 and diagnostics:
            return json.dumps(self.issues(diagnostics, ()), indent=2, ensure_ascii=False) + "\n"
        return self._issues.close() + "\n"
