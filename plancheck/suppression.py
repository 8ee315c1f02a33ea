"""Inline suppression comments, in markdownlint's form.

    <!-- plancheck-disable RULE... -->          from here on (all rules if none named)
    <!-- plancheck-enable RULE... -->           ... until here
    <!-- plancheck-disable-next-line RULE... --> the next line only
    <!-- plancheck-disable-file RULE... -->     the whole file

Rules are named by code or name. The linter drops the findings a directive covers and
reports, as `unused-suppression`, each directive (and each rule it names) that covered
nothing, or that names no rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from plancheck.codes import lookup
from plancheck.diagnostics import Diagnostic, Finding
from plancheck.document import Span

DIRECTIVE = re.compile(
    r"<!--\s*plancheck-(disable-next-line|disable-file|disable|enable)\b([^>]*?)\s*-->"
)
ALL = "*"


@dataclass
class Directive:
    kind: str
    span: Span
    groups: dict[str, frozenset[str]]  # each word as written -> the rule codes it names
    unknown: list[str]
    used: set[str] = field(default_factory=set)  # words that suppressed something

    def word_for(self, code: str) -> str | None:
        return next((w for w, codes in self.groups.items() if code in codes or ALL in codes), None)


@dataclass
class Suppressions:
    directives: list[Directive]

    def covers(self, d: Diagnostic) -> Directive | None:
        """The directive that suppresses ``d``, if any."""
        for directive in self.directives:
            if directive.kind == "disable-file" and directive.word_for(d.code):
                return directive
        disabled: dict[str, Directive] = {}
        everything: Directive | None = None  # a `disable` without rules
        enabled: set[str] = set()  # codes enabled again after it
        next_line: Directive | None = None
        for directive in self.directives:
            if directive.span.line > d.span.line:
                break
            for codes in directive.groups.values():
                if directive.kind == "disable":
                    if ALL in codes:
                        everything, enabled = directive, set()
                    for code in codes:
                        disabled[code] = directive
                        enabled.discard(code)
                elif directive.kind == "enable":
                    if ALL in codes:
                        everything = None
                        disabled.clear()
                    for code in codes:
                        disabled.pop(code, None)
                        enabled.add(code)
            if (
                directive.kind == "disable-next-line"
                and directive.span.end_line + 1 == d.span.line
                and directive.word_for(d.code)
            ):
                next_line = directive
        if next_line is not None:
            return next_line
        if d.code in disabled:
            return disabled[d.code]
        return everything if everything is not None and d.code not in enabled else None


def parse_directives(lines: Sequence[str]) -> Suppressions:
    found = []
    for n, line in enumerate(lines, start=1):
        if "plancheck-" not in line:
            continue
        for m in DIRECTIVE.finditer(line):
            words = m.group(2).replace(",", " ").split()
            groups: dict[str, frozenset[str]] = {}
            unknown = []
            for word in words:
                rules = lookup(word)
                if rules:
                    groups[word] = frozenset(r.code for r in rules)
                else:
                    unknown.append(word)
            if not words:
                groups["all rules"] = frozenset({ALL})
            span = Span(n, m.start() + 1, n, m.end() + 1)
            found.append(Directive(m.group(1), span, groups, unknown))
    return Suppressions(found)


def apply(
    diagnostics: Iterable[Diagnostic], lines: Sequence[str]
) -> tuple[list[Diagnostic], list[Finding]]:
    """Diagnostics left after suppression, and the unused-suppression findings."""
    suppressions = parse_directives(lines)
    if not suppressions.directives:
        return list(diagnostics), []
    kept = []
    for d in diagnostics:
        directive = suppressions.covers(d)
        if directive is None:
            kept.append(d)
        else:
            directive.used.add(directive.word_for(d.code) or "")
    unused = []
    for directive in suppressions.directives:
        for word in directive.unknown:
            message = f"'{word}' in plancheck-{directive.kind} names no rule"
            unused.append(Finding(directive.span, message))
        if directive.kind == "enable":
            continue
        for word in directive.groups:
            if word not in directive.used:
                message = f"plancheck-{directive.kind} {word} suppresses nothing"
                unused.append(Finding(directive.span, message))
    return kept, unused
