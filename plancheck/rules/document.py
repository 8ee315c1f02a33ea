"""Rules about the document as a whole: can it be read, and which template is it."""

from __future__ import annotations

from collections.abc import Iterator

from plancheck.detect import Detection
from plancheck.diagnostics import Finding
from plancheck.document import Document, Span
from plancheck.rules.base import Context, rule

START = Span(1, 1, 1, 1)


@rule("PC001", needs_schema=False)
def unknown_schema(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A document no schema fits. plancheck picks a schema from the `[[type:...]]` tag, the
    section headings and the prompts; the message names the nearest candidates.

    ## Why it matters

    When nothing fits, the schema-based rules cannot run, so the document is barely checked:
    this is an error.

    ## Example

    A document with `[[type:report]]` and headings no template has. Instead:
    `[[type:learningplan]]` with the sections of a learning plan template.

    ## Fix safety

    No fix: give the document its template's type and sections, or pass `--schema ID` to
    force one.

    ## Options

    None.
    """
    if ctx.detection.schema is not None:
        return
    type_tag = ctx.document.first_tag("type")
    what = f"type {type_tag.value!r}" if type_tag else "no [[type:...]] tag"
    near = ", ".join(f"{sid} ({score:.0%})" for sid, score in ctx.detection.candidates[:3])
    hint = f"; nearest: {near}" if near else ""
    span = type_tag.span if type_tag else START
    yield Finding(span, f"no schema fits this document ({what}){hint}; use --schema to choose")


@rule("PC004", needs_schema=False)
def empty_document(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A file that is empty or holds only whitespace.

    ## Why it matters

    An empty plan has nothing to check; every other rule is skipped for it.

    ## Example

    A file of three blank lines.

    ## Fix safety

    No fix: write the plan, or remove the file.

    ## Options

    None.
    """
    if not ctx.document.source.strip():
        yield Finding(START, "the document is empty")


@rule("PC005", needs_schema=False)
def missing_tag_block(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A document with no block of `[[key:value]]` tags. The individual `missing-tag`
    findings are left out in favour of this one.

    ## Why it matters

    Every plan starts with its title and a block of tags (focal point, year, type, ...).
    Without it the document cannot be classified or validated.

    ## Example

    A title followed directly by `## Title`. Instead: `# My plan`, a blank line, then
    `[[focal_point:name@undp.org]]` and the rest.

    ## Fix safety

    No fix: only the author knows the values.

    ## Options

    None.
    """
    doc = ctx.document
    if doc.tags or doc.malformed_tags or not doc.source.strip():
        return
    # The line after the title, or the title's own line when nothing follows it.
    after_title = min(doc.title.span.line + 1, len(doc.lines)) if doc.title else 1
    yield Finding(Span(after_title, 1, after_title, 1), "no [[key:value]] tag block found")


def is_plan(document: Document, detection: Detection) -> bool:
    """Whether a document is a plan: it has a tag block (even a broken one), a schema was
    chosen for it, or some template knows one of its headings or prompts. A README or a
    CHANGELOG beside the plans has none of these."""
    return bool(
        document.tags
        or document.malformed_tags
        or detection.schema is not None
        or detection.candidates
    )


@rule("PC009", needs_schema=False)
def not_a_plan(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A Markdown file with no `[[key:value]]` tag block and none of the templates' headings or
    prompts. Instead of `unknown-schema` and `missing-tag-block` errors, plancheck says so
    once, at info level, and runs no other rule on it. It never fails a run, whatever its
    configured severity or `--fail-on`.

    ## Why it matters

    A lab's repository keeps other Markdown beside its plans (a README, a CHANGELOG, meeting
    notes), and pre-commit names every changed `.md` file: such a file is not a plan, and
    checking it as one would bury the run in errors.

    ## Example

    A `README.md` of `# Our lab` and `## Installation` is reported; a plan that starts with
    its title and `[[focal_point:...]]` is not.

    ## Fix safety

    No fix. Leave such files out with `exclude` (and `--force-exclude` for files named on
    the command line) to silence it. Leaving the rule out (`--ignore not-a-plan`, or a
    `select` without it) checks every Markdown file as a plan, with the other rules selected.

    ## Options

    None.
    """
    if not is_plan(ctx.document, ctx.detection):
        yield Finding(
            START,
            "not a plan document (no [[key:value]] tag block and no template's headings); "
            "not checked",
        )
