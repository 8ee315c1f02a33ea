"""Apply fixes: pick non-overlapping edits, apply them, re-check, repeat to a fixed point.

A fix is a list of text edits on the raw source. One pass applies every selected fix
whose edits overlap no edit already taken; a fix that overlaps is left for the next pass,
which re-parses and re-checks the edited text (so its edits are recomputed against what
the text has become, never merged blindly). The loop stops when no fixable finding is
left, when a pass changes nothing, or after ``MAX_PASSES`` (then ``converged`` is False).

Before the fixed text is handed back, the guard compares what a reader sees in it with
the original (:mod:`plancheck.preserve`): the author's words, their order and boundaries,
and the tag values. If any fix broke that, none is applied and ``refused`` names the rule
whose fix did, so that a bug in a rule can never reach an author's file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from plancheck import preserve
from plancheck.diagnostics import Applicability, Diagnostic, Fix, apply_edits
from plancheck.document import NEWLINE, Span
from plancheck.linter import context, lint
from plancheck.parser import parse
from plancheck.schema import Schema

if TYPE_CHECKING:
    from plancheck.options import FileOptions
    from plancheck.rules.base import Context

MAX_PASSES = 10


@dataclass(frozen=True, slots=True)
class Applied:
    """A fix that was applied: by which rule, where (in the text it was applied to)."""

    code: str
    rule: str
    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class FixResult:
    source: str  # the fixed text
    applied: tuple[Applied, ...]
    remaining: list[Diagnostic]  # what a check of the fixed text reports
    passes: int
    converged: bool
    schema_id: str | None = None
    refused: str | None = None  # why the guard kept the original text, naming the rule

    @property
    def changed(self) -> bool:
        return bool(self.applied)

    def counts(self) -> Counter[str]:
        return Counter(a.rule for a in self.applied)


def line_starts(source: str) -> list[int]:
    """Offset of the first character of each line, as markdown-it-py counts lines."""
    return [0, *(m.end() for m in NEWLINE.finditer(source))]


def to_offset(starts: list[int], line: int, column: int) -> int:
    return starts[line - 1] + column - 1


def dominant_newline(source: str) -> str:
    counts = Counter(m.group() for m in NEWLINE.finditer(source))
    return counts.most_common(1)[0][0] if counts else "\n"


@dataclass
class _Selection:
    taken: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, content)
    fixes: list[Diagnostic] = field(default_factory=list)

    def overlaps(self, start: int, end: int) -> bool:
        for s, e, _ in self.taken:
            if start < e and s < end:
                return True
            if start == end == s or start == end == e:  # two inserts at one place
                return True
        return False


def _select(diagnostics: list[Diagnostic], starts: list[int], source: str) -> _Selection:
    # Keep the file's line-ending style in what fixes insert, unless this pass converts
    # the line endings themselves.
    converting = any(d.rule == "line-endings" for d in diagnostics)
    newline = "\n" if converting else dominant_newline(source)
    chosen = _Selection()
    for d in diagnostics:
        assert d.fix is not None
        ranges = []
        for edit in d.fix.edits:
            start = to_offset(starts, edit.span.line, edit.span.column)
            end = to_offset(starts, edit.span.end_line, edit.span.end_column)
            content = edit.content.replace("\n", newline)
            ranges.append((start, end, content))
        if any(chosen.overlaps(s, e) for s, e, _ in ranges):
            continue  # deferred: the next pass recomputes it on the edited text
        chosen.taken.extend(ranges)
        chosen.fixes.append(d)
    return chosen


def fixable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)


def fix(
    first: Context, use: FileOptions, *, unsafe: bool = False, max_passes: int = MAX_PASSES
) -> FixResult:
    """Fix the document of ``first`` (its context, made by :func:`plancheck.linter.context`
    with ``use``) to a fixed point. The schema of the first pass is kept for the others."""
    original = first.document
    source, path = original.source, original.path
    schema_id = use.schema_id
    if schema_id is None and first.schema is not None:
        schema_id = first.schema.id
    later = replace(use, schema_id=schema_id)  # each later pass: a new text, the same schema
    ctx = first
    applied: list[Applied] = []
    history: list[tuple[str, _Selection]] = []  # each pass: the text it fixed, its fixes
    passes = 0
    # The first pass's findings are what a refused fix reports: the text is left as it was.
    found_now = found_first = lint(first, use.rules)
    while True:
        candidates = [d for d in found_now if fixable(d, unsafe)]
        if not candidates or passes == max_passes:
            break
        starts = line_starts(source)
        chosen = _select(candidates, starts, source)
        fixed = apply_edits(source, chosen.taken)
        if fixed == source:
            candidates = []
            break
        applied += [Applied(d.code, d.rule, _message(d.fix), d.span) for d in chosen.fixes]
        history.append((source, chosen))
        source = fixed
        ctx = context(parse(source, path), later)
        passes += 1
        found_now = lint(ctx, use.rules)
    result = FixResult(source, tuple(applied), found_now, passes, not candidates, schema_id)
    if not history:
        return result
    allowed = _allowed(use.schemas.get(schema_id) if schema_id else None)
    if preserve.broken(preserve.read(original), preserve.read(ctx.document), allowed) is None:
        return result
    refused = _culprit(history, path, allowed)
    return FixResult(original.source, (), found_first, 0, True, schema_id, refused)


def _allowed(schema: Schema | None) -> frozenset[preserve.Words]:
    """What a heading or a prompt may become: the schema's texts for them."""
    if schema is None:
        return frozenset()
    texts = [t for s in schema.sections for t in (s.heading, *s.aliases)]
    texts += [t for s in schema.sections for p in s.prompts for t in (p.text, *p.aliases)]
    return preserve.allowed_texts(tuple(texts))


def _culprit(
    history: list[tuple[str, _Selection]], path: str, allowed: frozenset[preserve.Words]
) -> str:
    """Which fix broke the guarantee: the first pass that did, and in it each fix that
    does on its own (or, if only together, all of that pass's)."""
    for before_text, chosen in history:
        before = preserve.read(parse(before_text, path))
        starts = line_starts(before_text)
        whole = apply_edits(before_text, chosen.taken)
        why = preserve.broken(before, preserve.read(parse(whole, path)), allowed)
        if why is None:
            continue
        guilty = []
        for d in chosen.fixes:
            alone = apply_edits(before_text, _select([d], starts, before_text).taken)
            if preserve.broken(before, preserve.read(parse(alone, path)), allowed):
                guilty.append(d)
        named = guilty or chosen.fixes
        rules = ", ".join(sorted({f"{d.code} {d.rule}" for d in named}))
        where = named[0].span
        return f"the fix of {rules} at line {where.line} would break the text: {why}"
    return "the fixes together would break the text"


def _message(fix: Fix | None) -> str:
    return fix.message if fix else ""
