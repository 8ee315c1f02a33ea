"""Rules about the document as a whole: can it be read, and which template is it."""

from __future__ import annotations

from collections.abc import Iterator

from plancheck.detect import Detection
from plancheck.diagnostics import Finding, Severity
from plancheck.document import Document, Span
from plancheck.rules.base import Context, rule

START = Span(1, 1, 1, 1)


@rule("PC001", "unknown-schema", Severity.ERROR, needs_schema=False)
def unknown_schema(ctx: Context) -> Iterator[Finding]:
    """No schema fits the document.

    plancheck picks a schema from the `[[type:...]]` tag, the section headings and the
    prompts. When nothing fits, the schema-based rules cannot run, so this is an error;
    the message names the nearest candidates. Pass `--schema ID` to force one.

    Bad: a document with `[[type:report]]` and headings no template has.
    Good: `[[type:learningplan]]` with the sections of a learning plan template.
    """
    if ctx.detection.schema is not None:
        return
    type_tag = ctx.document.first_tag("type")
    what = f"type {type_tag.value!r}" if type_tag else "no [[type:...]] tag"
    near = ", ".join(f"{sid} ({score:.0%})" for sid, score in ctx.detection.candidates[:3])
    hint = f"; nearest: {near}" if near else ""
    span = type_tag.span if type_tag else START
    yield Finding(span, f"no schema fits this document ({what}){hint}; use --schema to choose")


@rule("PC002", "unreadable-file", Severity.ERROR, needs_schema=False, external=True)
def unreadable_file(ctx: Context) -> Iterator[Finding]:
    """The file cannot be read (missing, a directory, no permission).

    Reported by the file reader before parsing, with the operating system's reason; the
    run goes on with the other files and exits with status 2.
    """
    return iter(())  # the reader reports it: there is no document to look at


@rule("PC003", "invalid-encoding", Severity.ERROR, needs_schema=False, external=True)
def invalid_encoding(ctx: Context) -> Iterator[Finding]:
    """The file is not UTF-8 text.

    Plan documents are UTF-8. A file in another encoding (Latin-1, UTF-16) or a binary
    file is reported before parsing with the line, column and byte offset of the first
    byte that is not UTF-8; the run exits with status 2. Re-save the file as UTF-8.
    """
    return iter(())  # the reader reports it: there is no document to look at


@rule("PC004", "empty-document", Severity.ERROR, needs_schema=False)
def empty_document(ctx: Context) -> Iterator[Finding]:
    """The file is empty or holds only whitespace.

    An empty plan has nothing to check; every other rule is skipped for it.
    """
    if not ctx.document.source.strip():
        yield Finding(START, "the document is empty")


@rule("PC005", "missing-tag-block", Severity.ERROR, needs_schema=False)
def missing_tag_block(ctx: Context) -> Iterator[Finding]:
    """The document has no tag block.

    Every plan starts with its title and a block of `[[key:value]]` tags (focal point,
    year, type, ...). Without it the document cannot be classified or validated; the
    individual `missing-tag` findings are left out in favour of this one.

    Bad: a title followed directly by `## Title`.
    Good: `# My plan`, a blank line, then `[[focal_point:name@undp.org]]` and the rest.
    """
    doc = ctx.document
    if doc.tags or doc.malformed_tags or not doc.source.strip():
        return
    # The line after the title, or the title's own line when nothing follows it.
    after_title = min(doc.title.span.line + 1, len(doc.lines)) if doc.title else 1
    yield Finding(Span(after_title, 1, after_title, 1), "no [[key:value]] tag block found")


@rule("PC006", "unused-suppression", Severity.WARNING, needs_schema=False, external=True)
def unused_suppression(ctx: Context) -> Iterator[Finding]:
    """An inline suppression comment that suppresses nothing, or names no rule.

    plancheck reads markdownlint-style comments: `<!-- plancheck-disable RULE... -->`
    and `<!-- plancheck-enable RULE... -->` around a passage,
    `<!-- plancheck-disable-next-line RULE... -->` for the next line and
    `<!-- plancheck-disable-file RULE... -->` for the whole file; rules by code, code
    prefix or name, all rules when none is named. A suppression left behind after the
    problem was fixed hides the next real one, so it is reported. Reported by the linter
    after the other rules ran (it needs their findings).

    Bad: `<!-- plancheck-disable-next-line empty-answer -->` above an answered prompt.
    Good: the comment removed.
    """
    return iter(())  # the linter reports it: it needs the other rules' findings


@rule("PC007", "file-too-large", Severity.ERROR, needs_schema=False, external=True)
def file_too_large(ctx: Context) -> Iterator[Finding]:
    """The file is larger than the size limit, so it was not read.

    A plan document is a few kilobytes (the largest in the archive is 46 KB). A file above
    `max-file-size` bytes (default 10485760, 10 MiB) is most likely an export, a log or a
    binary file named `.md`; plancheck reports it from its size alone, without reading
    it, and the run exits with status 2. The message gives the file's size and the limit.
    To check larger files, raise the limit in the configuration:
    `max-file-size = 52428800` in `.plancheck.toml` or `[tool.plancheck]`.
    """
    return iter(())  # the reader reports it: there is no document to look at


@rule("PC008", "internal-error", Severity.ERROR, needs_schema=False, external=True)
def internal_error(ctx: Context) -> Iterator[Finding]:
    """plancheck failed on this file: a bug in plancheck, not in the document.

    When a rule or the parser raises an unexpected error on a file, plancheck reports it
    here (naming the rule and the error) instead of stopping with a traceback; the other
    files are still checked and the run exits with status 2. Please report it with the
    file (or the smallest part of it that still fails).
    """
    return iter(())  # the core reports it: the failing step produced no findings


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


@rule("PC009", "not-a-plan", Severity.INFO, needs_schema=False)
def not_a_plan(ctx: Context) -> Iterator[Finding]:
    """The Markdown file is not a plan document, so it was not checked.

    A lab's repository keeps other Markdown beside its plans (a README, a CHANGELOG,
    meeting notes), and pre-commit names every changed `.md` file. A file with no
    `[[key:value]]` tag block and none of the templates' headings or prompts is not a
    plan: instead of `unknown-schema` and `missing-tag-block` errors, plancheck says so
    once, at info level, and runs no other rule on it. It never fails a run, whatever
    its configured severity or `--fail-on`; leave such files out with `exclude` (and
    `--force-exclude` for files named on the command line) to silence it. Leaving the
    rule out (`--ignore not-a-plan`, or a `select` without it) checks every Markdown file
    as a plan, with the other rules selected.

    Bad (reported): a `README.md` of `# Our lab` and `## Installation`.
    Good (not reported): a plan that starts with its title and `[[focal_point:...]]`.
    """
    if not is_plan(ctx.document, ctx.detection):
        yield Finding(
            START,
            "not a plan document (no [[key:value]] tag block and no template's headings); "
            "not checked",
        )
