"""`--output-format sarif`: SARIF 2.1.0, for GitHub code scanning and other viewers.

One run: the tool with every rule (its docstring as help), and a result per finding with
its region and, where plancheck can fix it, the fix as replacements. plancheck's columns
count Unicode characters and its end column is one past the span, as SARIF's are.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from plancheck import __version__
from plancheck.codes import RuleInfo
from plancheck.diagnostics import Diagnostic, Fix, Severity
from plancheck.document import Span
from plancheck.reporters import relative_path
from plancheck.reporters.stream import JsonArray
from plancheck.rules import ALL_RULES, Rule

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    """A relative URI reference with forward slashes (a file URI outside the working
    directory), percent-encoded: spaces and other reserved characters are not allowed raw."""
    relative = relative_path(path)
    if PurePath(relative).is_absolute():
        return Path(relative).as_uri()
    return quote(relative)


def region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def descriptor(r: Rule | RuleInfo) -> dict[str, Any]:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.doc},
        "help": {"text": r.doc, "markdown": r.doc},
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"fixable": r.fixable, "fix": r.fix.value},
    }


def fix(f: Fix, location: str) -> dict[str, Any]:
    return {
        "description": {"text": f.message},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": location},
                "replacements": [
                    {"deletedRegion": region(e.span), "insertedContent": {"text": e.content}}
                    for e in f.edits
                ],
            }
        ],
        "properties": {"applicability": f.applicability.value},
    }


def result(d: Diagnostic, index: int) -> dict[str, Any]:
    location = uri(d.path)
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": location},
                    "region": region(d.span),
                }
            }
        ],
    }
    if d.fix is not None:
        out["fixes"] = [fix(d.fix, location)]
    return out


def _driver(index: dict[str, int], extra: list[dict[str, Any]]) -> dict[str, Any]:
    rules = [descriptor(r) for r in ALL_RULES] + extra
    return {"name": "plancheck", "version": __version__, "rules": rules}


def report(diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """The whole log as one object (what :class:`SarifReporter` writes piece by piece)."""
    reporter = SarifReporter()
    results = [reporter.result(d) for d in diagnostics]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "columnKind": "unicodeCodePoints",
                "results": results,
                "tool": {"driver": _driver(reporter.index, reporter.extra)},
            }
        ],
    }


# The log up to its results; the results are written as files are done, and the tool
# (with every rule) after them, since a code no rule declares gets its descriptor there.
HEAD = (
    "{\n"
    f'  "$schema": {json.dumps(SCHEMA)},\n'
    '  "version": "2.1.0",\n'
    '  "runs": [\n'
    "    {\n"
    '      "columnKind": "unicodeCodePoints",\n'
    '      "results": '
)


class SarifReporter:
    def __init__(self) -> None:
        self.index = {r.code: i for i, r in enumerate(ALL_RULES)}
        self.extra: list[dict[str, Any]] = []  # descriptors of codes no rule declares
        self._results = JsonArray(depth=3)

    def result(self, d: Diagnostic) -> dict[str, Any]:
        if d.code not in self.index:
            self.index[d.code] = len(self.index)
            self.extra.append({"id": d.code, "name": d.rule})
        return result(d, self.index[d.code])

    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        first = self._results.count == 0 and bool(diagnostics)
        text = "".join(self._results.item(self.result(d)) for d in diagnostics)
        return HEAD + text if first else text

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        """The rest of the log; the results were written file by file (a caller that
        gives them only here gets them all here)."""
        if self._results.count == 0:
            return json.dumps(report(diagnostics), indent=2, ensure_ascii=False) + "\n"
        tool = json.dumps({"driver": _driver(self.index, self.extra)}, indent=2, ensure_ascii=False)
        tool = tool.replace("\n", "\n      ")
        return f'{self._results.close()},\n      "tool": {tool}\n    }}\n  ]\n}}\n'
