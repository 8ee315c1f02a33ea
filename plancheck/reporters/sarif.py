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
from plancheck.diagnostics import Diagnostic, Fix, Severity
from plancheck.document import Span
from plancheck.reporters import relative_path
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


def descriptor(r: Rule) -> dict[str, Any]:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.doc},
        "help": {"text": r.doc, "markdown": r.doc},
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"fixable": r.fixable},
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


def report(diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    rules = [descriptor(r) for r in ALL_RULES]
    index = {r.code: i for i, r in enumerate(ALL_RULES)}
    for d in diagnostics:  # a code no rule declares still gets a descriptor
        if d.code not in index:
            index[d.code] = len(rules)
            rules.append({"id": d.code, "name": d.rule})
    driver = {
        "name": "plancheck",
        "version": __version__,
        "rules": rules,
    }
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [result(d, index[d.code]) for d in diagnostics],
            }
        ],
    }


class SarifReporter:
    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        return ""

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        return json.dumps(report(diagnostics), indent=2, ensure_ascii=False) + "\n"
