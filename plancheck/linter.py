"""Run the rules over a document: detect its schema, check, stamp, filter and sort."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from plancheck import suppression
from plancheck.config import DEFAULT_SETTINGS, Settings
from plancheck.detect import Detection, detect
from plancheck.diagnostics import Diagnostic, Finding, Severity
from plancheck.document import Document, Span
from plancheck.rules import ALL_RULES, Context, Rule, lookup
from plancheck.rules.document import empty_document, internal_error, unused_suppression
from plancheck.schema import Schema
from plancheck.sources import InputError


class SelectorError(InputError, ValueError):
    """A --select or --ignore entry that names no rule."""


def _expand(selectors: Iterable[str]) -> set[str]:
    codes: set[str] = set()
    for s in selectors:
        found = lookup(s.strip())
        if not found:
            raise SelectorError(f"no rule matches {s.strip()!r}")
        codes.update(r.code for r in found)
    return codes


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules a run uses (from --select and --ignore: codes, prefixes or names) and
    their severities where the configuration overrides the default."""

    rules: tuple[Rule, ...] = ALL_RULES
    severity: Mapping[str, Severity] = field(default_factory=dict)  # by rule code

    @classmethod
    def from_selectors(
        cls,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severity: Mapping[str, Severity] | None = None,
    ) -> RuleSet:
        chosen = _expand(select) if select else {r.code for r in ALL_RULES}
        chosen -= _expand(ignore)
        overrides = {
            code: level for key, level in (severity or {}).items() for code in _expand([key])
        }
        return cls(tuple(r for r in ALL_RULES if r.code in chosen), overrides)

    def without(self, selectors: Iterable[str]) -> RuleSet:
        gone = _expand(selectors)
        return RuleSet(tuple(r for r in self.rules if r.code not in gone), self.severity)

    def level(self, rule: Rule) -> Severity:
        return self.severity.get(rule.code, rule.severity)


def stamp(rule: Rule, path: str, finding: Finding, severity: Severity | None = None) -> Diagnostic:
    return Diagnostic(
        path=path,
        span=finding.span,
        code=rule.code,
        rule=rule.name,
        severity=severity or rule.severity,
        message=finding.message,
        fix=finding.fix,
        subject=finding.subject,
        export=finding.export,
    )


def _level(ruleset: RuleSet, rule: Rule, finding: Finding) -> Severity:
    """A finding the platform's export made is info, so that a document's errors and
    warnings are its author's; a severity the configuration sets for the rule holds for
    all of its findings."""
    if finding.export and rule.code not in ruleset.severity:
        return Severity.INFO
    return ruleset.level(rule)


def _run(rule: Rule, ctx: Context, ruleset: RuleSet) -> list[Diagnostic]:
    """One rule's diagnostics; a rule that raises becomes an internal-error diagnostic
    naming it, so the other rules and files are still checked. It is reported even when
    not selected: a run that did not check everything must not look clean."""
    path = ctx.document.path
    try:
        return [stamp(rule, path, f, _level(ruleset, rule, f)) for f in rule.check(ctx)]
    except Exception as exc:
        message = (
            f"rule {rule.name} ({rule.code}) failed: {type(exc).__name__}: {exc}; please report it"
        )
        finding = Finding(Span(1, 1, 1, 1), message)
        return [stamp(internal_error, path, finding, ruleset.level(internal_error))]


def lint(
    document: Document,
    schemas: dict[str, Schema],
    *,
    schema_id: str | None = None,
    rules: RuleSet | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Diagnostic]:
    """All diagnostics for one parsed document, suppressions applied, sorted by position."""
    ruleset = rules or RuleSet()
    if not document.source.strip():
        # Nothing else can be said of an empty document.
        chosen: Iterable[Rule] = [r for r in ruleset.rules if r is empty_document]
        ctx = Context(document, Detection(None), settings)
    else:
        ctx = Context(document, detect(document, schemas, schema_id), settings)
        chosen = [
            r
            for r in ruleset.rules
            if not r.external and (ctx.schema is not None or not r.needs_schema)
        ]
    found = [d for r in chosen for d in _run(r, ctx, ruleset)]
    found, unused = suppression.apply(found, document.lines)
    if unused_suppression in ruleset.rules:
        level = ruleset.level(unused_suppression)
        found += [stamp(unused_suppression, document.path, f, level) for f in unused]
    return sorted(found, key=lambda d: (d.span, d.code))
