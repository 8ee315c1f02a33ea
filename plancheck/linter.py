"""Run the rules over a document: detect its schema, check, stamp, filter and sort."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plancheck.detect import Detection, detect
from plancheck.diagnostics import Diagnostic, Finding
from plancheck.document import Document
from plancheck.rules import ALL_RULES, Context, Rule, lookup
from plancheck.rules.document import empty_document
from plancheck.schema import Schema


class SelectorError(ValueError):
    """A --select or --ignore entry that names no rule."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules a run uses, from --select and --ignore (codes, prefixes or names)."""

    rules: tuple[Rule, ...] = ALL_RULES

    @classmethod
    def from_selectors(cls, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> RuleSet:
        def expand(selectors: Iterable[str]) -> set[str]:
            codes: set[str] = set()
            for s in selectors:
                found = lookup(s.strip())
                if not found:
                    raise SelectorError(f"no rule matches {s.strip()!r}")
                codes.update(r.code for r in found)
            return codes

        chosen = expand(select) if select else {r.code for r in ALL_RULES}
        chosen -= expand(ignore)
        return cls(tuple(r for r in ALL_RULES if r.code in chosen))


def stamp(rule: Rule, path: str, finding: Finding) -> Diagnostic:
    return Diagnostic(
        path=path,
        span=finding.span,
        code=rule.code,
        rule=rule.name,
        severity=rule.severity,
        message=finding.message,
        fix=finding.fix,
        subject=finding.subject,
    )


def lint(
    document: Document,
    schemas: dict[str, Schema],
    *,
    schema_id: str | None = None,
    rules: RuleSet | None = None,
) -> list[Diagnostic]:
    """All diagnostics for one parsed document, sorted by position."""
    active = (rules or RuleSet()).rules
    if not document.source.strip():
        # Nothing else can be said of an empty document.
        chosen: Iterable[Rule] = [r for r in active if r is empty_document]
        ctx = Context(document, Detection(None))
    else:
        ctx = Context(document, detect(document, schemas, schema_id))
        chosen = [
            r for r in active if not r.reader and (ctx.schema is not None or not r.needs_schema)
        ]
    found = [stamp(r, document.path, f) for r in chosen for f in r.check(ctx)]
    return sorted(found, key=lambda d: (d.span, d.code))
