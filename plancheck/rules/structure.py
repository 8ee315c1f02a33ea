"""Rules about the title and the `## ` sections."""

from __future__ import annotations

import re
from collections.abc import Iterator

from plancheck.align import MatchKind, SectionMatch
from plancheck.diagnostics import Applicability, Edit, Finding, Fix
from plancheck.difference import describe
from plancheck.document import Span
from plancheck.rules.base import Context, rule

NUMBER_ONLY = re.compile(r"[\d\W_]*")  # `# 1. ` is a broken export, not a title


@rule("PC201", needs_schema=False)
def missing_title(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A document that does not start with a `# title` line, or whose title is only a number
    or punctuation (`# 1. `, an export accident), which counts as missing.

    ## Why it matters

    The title names the plan everywhere it is listed.

    ## Example

    No `# ` line before the tags; `# 1. `. Instead:
    `# Grounding portfolio approaches at a territorial level`.

    ## Fix safety

    No fix: only the author knows the title.

    ## Options

    None.
    """
    title = ctx.document.title
    if title is None:
        yield Finding(Span(1, 1, 1, 1), "the document has no '# title' line")
    elif NUMBER_ONLY.fullmatch(title.text):
        what = "empty" if not title.text.strip() else f"only {title.text.strip()!r}"
        yield Finding(title.span, f"the title is {what}")


@rule("PC202", needs_schema=False)
def empty_heading(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A section heading `## ` with no text. The export writes an empty heading where a form
    section had no title: an empty heading that is no template section's is the export's
    (reported at info and counted apart in the summary). When the section's prompts are
    those of a template section (Data and Methods under an empty `## ` in some closing
    reports), the message names that section.

    ## Why it matters

    Readers and tools cannot tell what the section is. Give it its template heading or
    remove it.

    ## Example

    `## ` on its own, or above `> Relating to your types of data, ...`.

    ## Fixed example

    `## Data and Methods` above `> Relating to your types of data, ...`.

    ## Fix safety

    Unsafe (it changes what the section is called): the fix writes the heading of the
    template section whose prompts the section holds. An empty heading whose section is no
    template section's has no fix.

    ## Options

    None.
    """
    named = {id(m.section): m.expected for m in ctx.alignment if m.kind is MatchKind.PROMPTS}
    for section in ctx.document.sections:
        if section.heading.strip():
            continue
        heading = named.get(id(section))
        if heading is None:
            # a form section without a title, as the export writes it in every experiment
            # and many solutions: the author never typed the heading
            yield Finding(section.span, "the section heading is empty", export=True)
            continue
        # the whole rest of the line after the `##`, trailing spaces included: an edit
        # beside trailing-whitespace's would glue the heading to the marker
        n = section.span.line
        line = ctx.document.lines[n - 1]
        marker = len(line) - len(line.lstrip()) + len(line.lstrip().split(" ", 1)[0])
        rest = Span(n, marker + 1, n, len(line) + 1)
        fix = Fix(
            Applicability.UNSAFE, f"Write the heading '{heading}'", (Edit(rest, f" {heading}"),)
        )
        message = f"the section heading is empty; its prompts are those of '## {heading}'"
        yield Finding(section.span, message, fix)


def _where_missing(ctx: Context, order: int) -> tuple[Span, str]:
    """Where a missing section belongs: before the next section of a later order, or
    at the end of the document (after the last section of an earlier order)."""
    later = [m for m in ctx.alignment if m.order is not None and m.order > order]
    if later:
        return later[0].section.span, f" (expected before '## {later[0].section.heading}')"
    earlier = [m for m in ctx.alignment if m.order is not None and m.order < order]
    hint = f" (expected after '## {earlier[-1].section.heading}')" if earlier else ""
    return ctx.document.end, hint


@rule("PC203")
def missing_section(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A section the template requires that is absent. A heading counts when it matches the
    canonical heading or one of its localized aliases (`Titre`, `Título`), or is a near miss
    of one (reported by heading-drift). A section under a wrong or empty heading counts when
    its prompts are the template section's (reported by heading-drift or empty-heading).
    The finding points where the section belongs: at the next section in template order, or
    at the end of the document; the message names its neighbour. A document with no section
    at all (its tags and nothing else) is one finding, naming every required section.

    ## Why it matters

    The template's sections are what readers and tools look for; a missing one is a part of
    the plan that was never written.

    ## Example

    A design learning plan with no `## Partners`. Instead: all of Title, Challenge
    statement, Challenge classification, Partners, Learning questions and Closing.

    ## Fix safety

    No fix: the section's answers are the author's to write.

    ## Options

    None.
    """
    assert ctx.schema is not None
    required = [spec for spec in ctx.schema.sections if spec.required]
    if not ctx.document.sections and len(required) > 1:
        # tags and nothing else: one fact, not one finding per section
        span, _ = _where_missing(ctx, 0)
        names = ", ".join(f"'## {spec.heading}'" for spec in required)
        yield Finding(span, f"the document has no sections: the template requires {names}")
        return
    present = {id(m.spec) for m in ctx.alignment if m.spec is not None}
    for order, spec in enumerate(ctx.schema.sections):
        if spec.required and id(spec) not in present:
            span, hint = _where_missing(ctx, order)
            yield Finding(span, f"required section '## {spec.heading}' is missing{hint}")


@rule("PC204")
def unknown_section(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A section heading that is not in the template and is not near any of its headings.
    Several in one document are one finding, at the first, naming the others with their
    lines: they are one fact (a form's sections pasted into another's).

    ## Why it matters

    Often a heading replaced by a translation the schema does not know (the machine
    translation `Ailette` for `End`), or content pasted from another template: tools that
    look sections up by name miss it.

    ## Example

    `## Ailette` in a closing report. Instead: `## End` (or a declared alias, `## Fin`).

    ## Fix safety

    No fix: nothing says which heading was meant.

    ## Options

    None.
    """
    assert ctx.schema is not None
    if ctx.schema.allow_unknown_sections:
        return
    unknown = [m.section for m in ctx.alignment if m.spec is None and m.section.heading.strip()]
    if not unknown:
        return
    # several are one fact: another form's sections pasted in (a closing report's
    # 'Learnings on your challenge' ... 'End' inside a design plan)
    first, *more = unknown
    message = f"'{first.heading}' is not a section of schema {ctx.schema.id}"
    if more:
        others = ", ".join(f"'{s.heading}' (line {s.text_span.line})" for s in more)
        message += f"; nor {'are' if len(more) > 1 else 'is'} {others}"
    yield Finding(first.text_span, message)


def _out_of_order(matches: list[SectionMatch]) -> set[int]:
    """Indexes (into ``matches``) outside a longest run in template order."""
    orders = [m.order or 0 for m in matches]
    best: list[list[int]] = []
    for i, o in enumerate(orders):
        chains = [c for c in best if orders[c[-1]] <= o]
        longest = max(chains, key=len) if chains else []
        best.append([*longest, i])
    keep: list[int] = max(best, key=len) if best else []
    return set(range(len(matches))) - set(keep)


@rule("PC205")
def section_order(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Sections out of template order, or a section repeated more than allowed. Repeatable
    sections (`Learning questions`, up to 10 times) may repeat, one after another; other
    sections appear once.

    ## Why it matters

    Tools that read the archive expect the template's order.

    ## Example

    `## Partners` before `## Challenge statement`; two `## Closing` sections. Instead: the
    template's order.

    ## Fix safety

    No fix: moving sections moves the author's text.

    ## Options

    None.
    """
    matched = [m for m in ctx.alignment if m.spec is not None]
    for i in sorted(_out_of_order(matched)):
        m = matched[i]
        yield Finding(m.section.text_span, f"'## {m.section.heading}' is out of template order")
    counts: dict[int, int] = {}
    for m in matched:
        assert m.spec is not None
        counts[id(m.spec)] = counts.get(id(m.spec), 0) + 1
        n, spec = counts[id(m.spec)], m.spec
        limit = (spec.max_repeats or n) if spec.repeatable else 1
        if n > limit:
            yield Finding(
                m.section.text_span,
                f"'## {spec.heading}' appears {n} times; at most {limit} allowed",
            )


@rule("PC206")
def heading_drift(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A section heading that is a near miss of the template's heading: different case or
    spacing, an entity or a typo. The message gives the canonical heading and what differs.
    A heading like none of the template's over a section whose prompts are a template
    section's (a machine translation such as `Ailette`, a translation the schema does not
    list), or over a section with no questions standing where the one missing template
    section belongs (between the sections before and after it), is that section under
    another name: reported here, not as an unknown section, in the language of the
    document's other headings.

    ## Why it matters

    A drifted heading breaks every tool that looks the section up by name.

    ## Example

    `## Learning Questions`, `## Challenge statment`, `## Ailette` above End's prompts.

    ## Fixed example

    `## Learning questions`, `## Challenge statement`, `## Fin`.

    ## Fix safety

    The fix restores the heading: safe for case, spacing, entities and no-break spaces,
    unsafe for a typo or a heading recognised by its prompts or its place (the words
    change).

    ## Options

    None.
    """
    for m in ctx.alignment:
        if m.expected is None or not m.section.heading.strip():
            continue
        if m.kind in (MatchKind.FOLDED, MatchKind.NEAR):
            safe = m.kind is MatchKind.FOLDED
            what = describe(m.section.heading, m.expected, m.section.text_span.column)
        elif m.kind is MatchKind.PROMPTS:
            safe = False
            what = f"its prompts are those of '## {m.expected}'"
        elif m.kind is MatchKind.POSITION:
            safe = False
            what = "it stands where that section belongs"
        else:
            continue
        fix = Fix(
            Applicability.SAFE if safe else Applicability.UNSAFE,
            f"Replace with '{m.expected}'",
            (Edit(m.section.text_span, m.expected),),
        )
        message = f"heading '{m.section.heading}' should be '{m.expected}' ({what})"
        yield Finding(m.section.text_span, message, fix)
