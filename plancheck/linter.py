"""Run the rules over a document: detect its schema, check, stamp, filter and sort."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from plancheck import suppression
from plancheck.codes import BY_CODE, BY_NAME, INTERNAL_ERROR, UNUSED_SUPPRESSION, RuleInfo, lookup
from plancheck.detect import Detection, detect
from plancheck.diagnostics import Diagnostic, Finding, Severity
from plancheck.document import Document, Span
from plancheck.errors import SelectorError
from plancheck.rules import ALL_RULES, Context, Rule
from plancheck.rules.document import empty_document, is_plan, not_a_plan

if TYPE_CHECKING:
    from plancheck.schema import Schema
    from plancheck.settings import Settings


class Use(Protocol):
    """What :func:`context` reads of a file's options: a
    :class:`~plancheck.options.FileOptions`, which this module cannot name (the options
    module imports this one for :class:`RuleSet`)."""

    @property
    def schemas(self) -> dict[str, Schema]: ...
    @property
    def schema_id(self) -> str | None: ...
    @property
    def settings(self) -> Settings: ...


def _codes(selectors: Iterable[str], missing: list[str]) -> set[str]:
    """The codes the selectors name; those that name none are added to ``missing``."""
    codes: set[str] = set()
    for s in selectors:
        found = lookup(s.strip())
        if not found:
            missing.append(s.strip())
        codes.update(r.code for r in found)
    return codes


def _check(missing: list[str]) -> None:
    """Report every selector that names no rule at once, each with the nearest rule."""
    if missing:
        from plancheck.suggest import unknown  # difflib, only when a selector is wrong

        known = [*BY_NAME, *BY_CODE]
        raise SelectorError("; ".join(unknown("no rule matches", s, known) for s in missing))


def _expand(selectors: Iterable[str]) -> set[str]:
    missing: list[str] = []
    codes = _codes(selectors, missing)
    _check(missing)
    return codes


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules a run uses (from --select and --ignore: codes, prefixes or names) and
    their severities where the configuration overrides the default."""

    rules: tuple[Rule | RuleInfo, ...] = ALL_RULES
    severity: Mapping[str, Severity] = field(default_factory=dict)  # by rule code

    @classmethod
    def from_selectors(
        cls,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severity: Mapping[str, Severity] | None = None,
    ) -> RuleSet:
        missing: list[str] = []
        chosen = _codes(select, missing) if select else {r.code for r in ALL_RULES}
        chosen -= _codes(ignore, missing)
        overrides = {
            code: level
            for key, level in (severity or {}).items()
            for code in _codes([key], missing)
        }
        _check(missing)
        return cls(tuple(r for r in ALL_RULES if r.code in chosen), overrides)

    def without(self, selectors: Iterable[str]) -> RuleSet:
        gone = _expand(selectors)
        return RuleSet(tuple(r for r in self.rules if r.code not in gone), self.severity)

    def level(self, rule: Rule | RuleInfo) -> Severity:
        return self.severity.get(rule.code, rule.severity)


def stamp(
    rule: Rule | RuleInfo, path: str, finding: Finding, severity: Severity | None = None
) -> Diagnostic:
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
        invisible=finding.invisible,
    )


def _level(ruleset: RuleSet, rule: Rule, finding: Finding) -> Severity:
    """A finding the platform's export made is info, so that a document's errors and
    warnings are its author's, and so is one about characters no reader sees; a severity
    the configuration sets for the rule holds for all of its findings."""
    if (finding.export or finding.invisible) and rule.code not in ruleset.severity:
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
        return [stamp(INTERNAL_ERROR, path, finding, ruleset.level(INTERNAL_ERROR))]


def _at_most_info(d: Diagnostic) -> Diagnostic:
    """not-a-plan never fails a run, whatever severity the configuration gives it."""
    if d.code == not_a_plan.code and d.severity is not Severity.INFO:
        return replace(d, severity=Severity.INFO)
    return d


def context(document: Document, use: Use) -> Context:
    """What the rules read: the document, the schema ``use`` forces or else the one
    detected for it (none for an empty document, of which nothing else can be said), and
    the settings. Made once per document: the rules, the fixer's first pass and the
    report's facts all read the same one, and its alignment is computed on first use."""
    if not document.source.strip():
        return Context(document, Detection(None), use.settings)
    return Context(document, detect(document, use.schemas, use.schema_id), use.settings)


def lint(ctx: Context, rules: RuleSet | None = None) -> list[Diagnostic]:
    """All diagnostics for one document (see :func:`context`), suppressions applied,
    sorted by position."""
    ruleset = rules or RuleSet()
    document = ctx.document
    if not document.source.strip():
        chosen: Iterable[Rule] = [empty_document] if empty_document in ruleset.rules else []
        plan = True
    else:
        # Of a README beside the plans, only that it is not a plan is said; a rule set
        # without not-a-plan checks every Markdown file as a plan.
        plan = not_a_plan not in ruleset.rules or is_plan(document, ctx.detection)
        chosen = [
            r
            for r in ruleset.rules
            if isinstance(r, Rule)  # the others are reported outside the rule loop
            and (ctx.schema is not None or not r.needs_schema)
            and (plan or r is not_a_plan)
        ]
    found = [_at_most_info(d) for r in chosen for d in _run(r, ctx, ruleset)]
    found, unused = suppression.apply(found, document.lines)
    if UNUSED_SUPPRESSION in ruleset.rules and plan:
        level = ruleset.level(UNUSED_SUPPRESSION)
        found += [stamp(UNUSED_SUPPRESSION, document.path, f, level) for f in unused]
    return sorted(found, key=lambda d: (d.span, d.code))
