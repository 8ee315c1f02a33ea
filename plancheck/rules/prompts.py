"""Rules about the `> prompt` lines: present, and worded as the template words them.

The rules about the answers below them are in :mod:`plancheck.rules.answers`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from plancheck import blanks
from plancheck.align import MatchKind, PromptMatch, SectionMatch
from plancheck.diagnostics import Applicability, Edit, Finding, Fix
from plancheck.difference import describe, encoding_only
from plancheck.document import Span
from plancheck.rules.base import Context, rule
from plancheck.schema import PromptSpec
from plancheck.vocabulary import normalize


def _after(span: Span, lines: Sequence[str]) -> Span:
    """A zero-width position at the start of the line after ``span``; at the end of the
    last line when ``span`` ends on it (a file whose last line has no line break)."""
    if span.end_line < len(lines):
        return Span(span.end_line + 1, 1, span.end_line + 1, 1)
    end = len(lines[-1]) + 1 if lines else 1
    return Span(max(len(lines), 1), end, max(len(lines), 1), end)


@rule("PC301")
def missing_prompt(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A prompt the template requires that is absent from its section. A prompt counts when
    its text matches the template's (folding case, spacing, entities, no-break spaces and
    quotes) or is a near miss (reported by prompt-drift). Checked in every section that is
    present; a missing section is missing-section's. The finding points where the prompt
    belongs: on the line after the answer of the last prompt before it (or after the
    section heading); prompts missing at one place are one finding. A section that holds
    none of its prompts is one finding, at its heading. A repeat of a repeatable section
    with nothing under its heading (the export writes one `## Learning questions` per
    slot, used or not) is not reported when another copy of the section holds prompts;
    when none does, the first copy is. The share prompts of a table the export never
    wrote (`export_blank`: Sense, Explore, Test, Grow in the 2022-23 closing reports)
    missing lose nothing: the export's, at info.

    ## Why it matters

    Prompts are how answers are found: a missing prompt is a question left out of the plan.

    ## Example

    A challenge statement section without `> Background: ...`. Instead: every prompt of the
    section, in order.

    ## Fix safety

    No fix: the answer is the author's to write.

    ## Options

    None.
    """
    unused = blanks.empty_repeats(ctx.alignment)
    for sm in ctx.alignment:
        if sm.spec is None or id(sm) in unused:
            continue
        required = [spec for spec in sm.spec.prompts if spec.required]
        if not sm.prompts and len(required) > 1:
            yield Finding(
                sm.section.span,  # the section's heading: what the finding is about
                f"the section has none of its {len(required)} required prompts "
                f"(the first: '> {required[0].text}')",
            )
            continue
        found = {id(pm.spec) for pm in sm.prompts if pm.spec is not None}
        # shares the export never wrote: their prompts missing lose nothing either
        unwritten = {
            normalize(name)
            for s in sm.spec.prompts
            if s.answer.shares is not None and s.answer.shares.export_blank
            for name in s.answer.shares.prompts
        }
        where = sm.section.span
        # the prompts missing at one place, by place: adding them there is one edit
        gaps: dict[Span, list[PromptSpec]] = {}
        for spec in sm.spec.prompts:
            present = [pm for pm in sm.prompts if pm.spec is spec]
            if present:
                where = _answered_to(sm, present[-1])
            elif spec.required and id(spec) not in found:
                gaps.setdefault(_after(where, ctx.document.lines), []).append(spec)
        for span, specs in gaps.items():
            for export, group in _by_export(specs, unwritten):
                yield Finding(span, _missing(group), export=export)


def _by_export(
    specs: list[PromptSpec], unwritten: set[str]
) -> Iterator[tuple[bool, list[PromptSpec]]]:
    """The author's missing prompts and the export's (shares it never wrote), apart."""
    for export in (False, True):
        group = [s for s in specs if (normalize(s.text) in unwritten) is export]
        if group:
            yield export, group


def _missing(specs: list[PromptSpec]) -> str:
    if len(specs) == 1:
        return f"required prompt '> {specs[0].text}' is missing"
    if len(specs) == 2:
        return f"required prompts '> {specs[0].text}' and '> {specs[1].text}' are missing"
    return (
        f"{len(specs)} required prompts are missing here, from '> {specs[0].text}' "
        f"to '> {specs[-1].text}'"
    )


def _answered_to(sm: SectionMatch, pm: PromptMatch) -> Span:
    """Where what belongs to a prompt ends: its answer, and the export's groups below it
    whose `> ` lines are no prompt of the template (an answer written inside them), up to
    the section's next prompt. A prompt missing after it goes below all of that."""
    i = sm.prompts.index(pm)
    own = [pm.prompt]
    for later in sm.prompts[i + 1 :]:
        if later.spec is not None:
            break
        own.append(later.prompt)
    end = max((p.answer.span or p.span for p in own), key=lambda s: (s.end_line, s.end_column))
    for group in sm.section.groups:  # a group the answer ends in: below its `</div>`
        if (
            group.span.line <= end.end_line <= group.span.end_line
            and group.span.line > pm.prompt.span.line
        ):
            end = group.span
    return end


def _exported(pm: PromptMatch) -> bool:
    """Did the platform write the prompt so? Its export spelt the template's prompts with
    no-break spaces and entities, and its template had typos the schema records."""
    assert pm.expected is not None and pm.spec is not None
    text = pm.prompt.text
    return encoding_only(text, pm.expected) or any(
        encoding_only(text, form) for form in pm.spec.export_forms
    )


@rule("PC302")
def prompt_drift(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A prompt whose text differs from the template's: no-break spaces, `&amp;` for `&`,
    changed quotes, template typos ("Please state the name of the Parter:"). The message says
    what differs (a no-break space and its column, an entity, case, quotes, a changed word,
    missing words) and gives the template's text. Drift the platform's export made (the
    template's own no-break spaces and entities, a line break it wrote as a literal `\\n`,
    a typo of the template the schema lists in `export_forms`) is reported at info and
    counted as the export's in the summary.

    ## Why it matters

    Prompts are how answers are found, so the text should be the template's.

    ## Example

    `> Please state the name of the Parter:`.

    ## Fixed example

    `> Please state the name of the partner:`.

    ## Fix safety

    The fix restores the template text: safe when only case, spacing, entities or quotes
    differ or the typo is the template's own, unsafe for another typo.

    ## Options

    None.
    """
    for sm in ctx.alignment:
        for pm in sm.prompts:
            if pm.kind in (MatchKind.FOLDED, MatchKind.NEAR) and pm.expected is not None:
                export = _exported(pm)
                safe = pm.kind is MatchKind.FOLDED or export
                fix = Fix(
                    Applicability.SAFE if safe else Applicability.UNSAFE,
                    "Restore the template's prompt text",
                    (Edit(pm.prompt.text_span, pm.expected),),
                )
                what = describe(pm.prompt.text, pm.expected, pm.prompt.text_span.column)
                message = f"prompt differs from the template ({what}); it reads '{pm.expected}'"
                yield Finding(pm.prompt.text_span, message, fix, export=export)
