"""Formatting rules: what the export and the rich-text editor left in the text.

They follow the archive's own house format (docs/format.md; :mod:`plancheck.house` holds
the facts code reads) and impose no generic Markdown style: blank lines, list markers and
the `****` leads are left as the archive has them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plancheck.diagnostics import Applicability, Edit, Finding, Fix
from plancheck.document import NEWLINE, Document, Span, Tag
from plancheck.house import FIRST_TAGS, LOCATION, after_location
from plancheck.mojibake import HINT, repair_line
from plancheck.rules.base import Context, rule

TRAILING = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+$")
TRAILING_CHARS = frozenset(" \t\u00a0\u3000") | {chr(c) for c in range(0x2000, 0x200C)}
# A line that would be a bare block marker once its trailing space is gone: `5.` and `-`
# start an empty list item, `#` an empty heading. After such a marker a no-break space,
# which Markdown does not count as a space, is what keeps the line text.
BARE_MARKER = re.compile(r"\s*(?:[-+*]|\d{1,9}[.)]|#{1,6}|>)")


@rule("PC603", needs_schema=False)
def trailing_whitespace(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Spaces, tabs or no-break spaces at the end of a line. Trailing whitespace on the lines
    the platform's export writes (prompts, the empty `> ` lines of groups, the `- ` of an
    unticked choice, headings, tags) and the no-break spaces its rich-text editor left at the
    end of answer lines are the export's: reported at info and counted apart in the summary,
    one finding per line. Spaces at the end of the author's own lines are one finding per
    file, at the first such line, whose fix removes them all: a finding per line would bury
    everything else in the output.

    No reader sees them, so the author's finding is info too, counted in the summary and
    listed with `plancheck check --invisible`.

    ## Why it matters

    Invisible, they make diffs noisy and prompts differ from the template's text (871 plans
    have them).

    ## Example

    `Our challenge is that ...` followed by a no-break space.

    ## Fixed example

    The line ending with its last visible character.

    ## Fix safety

    Safe: the fix removes them, except a no-break space after a bare list or heading marker
    (`5.` and a no-break space is text; `5.` alone starts an empty list item): there the
    finding has no fix.

    ## Options

    None.
    """
    written = _export_lines(ctx.document)
    authors: list[Edit] = []
    for n, line in enumerate(ctx.document.lines, start=1):
        # most lines end in a visible character: test that before running the regex
        m = TRAILING.search(line) if line[-1:] in TRAILING_CHARS else None
        if not m:
            continue
        span = Span(n, m.start() + 1, n, m.end() + 1)
        keeps_text = m.group().strip(" \t") and BARE_MARKER.fullmatch(line[: m.start()])
        if keeps_text:
            yield Finding(span, "trailing whitespace", None, invisible=True)  # no fix: see above
            continue
        # the form's lines (also prompts outside any section, and the `- ` of an
        # unticked choice) and the editor's no-break spaces
        before = line[: m.start()]
        form = before.startswith(">") or BARE_MARKER.fullmatch(before) is not None
        if n in written or form or "\u00a0" in m.group():
            fix = Fix(Applicability.SAFE, "Remove trailing whitespace", (Edit(span, ""),))
            yield Finding(span, "trailing whitespace", fix, export=True)
        else:
            authors.append(Edit(span, ""))
    if authors:
        lines = "a line" if len(authors) == 1 else f"{len(authors)} lines"
        fix = Fix(Applicability.SAFE, "Remove trailing whitespace", tuple(authors))
        yield Finding(authors[0].span, f"trailing whitespace on {lines}", fix, invisible=True)


def _export_lines(doc: Document) -> set[int]:
    """The lines the export writes from the form, not from the author's answers."""
    lines = {s.span.line for s in doc.sections}
    lines |= {
        n for s in doc.sections for p in s.prompts for n in range(p.span.line, p.span.end_line + 1)
    }
    lines |= {t.span.line for t in doc.tags}
    if doc.title is not None:
        lines.add(doc.title.span.line)
    return lines


@rule("PC604", needs_schema=False)
def line_endings(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Line endings other than LF: CRLF (Windows) or a lone CR (old Mac, or pasted text); one
    finding per file, at the first such line. A page shows CRLF as LF, and a lone CR inside
    a paragraph as a space: no reader sees them, so the finding is info, counted in the
    summary and listed with `plancheck check --invisible`. A CR that breaks a tag over
    lines is left to tag-syntax, which reports the broken tag and rewrites it.

    ## Why it matters

    The archive uses LF. A lone CR inside a line (seen inside tag values) is a line break to
    Markdown but invisible in most editors.

    ## Example

    Lines ending in CR LF.

    ## Fixed example

    Lines ending in LF.

    ## Fix safety

    Safe: every line ending becomes LF.

    ## Options

    None.
    """
    doc = ctx.document
    if "\r" not in doc.source:
        return
    lines = doc.lines
    # a tag broken over lines is tag-syntax's, whose fix makes one tag per value
    in_tags = {n for bad in doc.malformed_tags for n in range(bad.span.line, bad.span.end_line)}
    edits = []
    kinds = set()
    for n, m in enumerate(NEWLINE.finditer(doc.source), start=1):
        if m.group() == "\r" and n in in_tags:
            continue
        if m.group() != "\n":
            kinds.add("CRLF" if m.group() == "\r\n" else "CR")
            edits.append(Edit(Span(n, len(lines[n - 1]) + 1, n + 1, 1), "\n"))
    if edits:
        what = " and ".join(sorted(kinds))
        fix = Fix(Applicability.SAFE, "Convert line endings to LF", tuple(edits))
        count = "a line" if len(edits) == 1 else f"{len(edits)} lines"
        message = f"{what} line endings on {count}"
        # a page shows CRLF as LF, and a lone CR in a paragraph as a space: no reader sees
        # either (a CR that breaks a tag is tag-syntax's, above)
        yield Finding(edits[0].span, message, fix, invisible=True)


@rule("PC605", needs_schema=False)
def bom(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A file that starts with a byte order mark (U+FEFF).

    ## Why it matters

    UTF-8 needs no byte order mark; some tools show it as garbage or fail to see the
    `# title` behind it.

    ## Example

    The bytes `EF BB BF` before `# My plan`.

    ## Fixed example

    `# My plan` as the file's first bytes.

    ## Fix safety

    Safe: the fix removes it.

    ## Options

    None.
    """
    if ctx.document.source.startswith("\ufeff"):
        span = Span(1, 1, 1, 2)
        fix = Fix(Applicability.SAFE, "Remove the byte order mark", (Edit(span, ""),))
        yield Finding(span, "the file starts with a byte order mark", fix)


@rule("PC606", needs_schema=False)
def final_newline(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A file that does not end with a line break.

    ## Why it matters

    Tools that join or diff files expect every line, the last included, to end with one.

    ## Example

    A file whose last line, `Thank you.`, has no line break after it.

    ## Fixed example

    The same file with a line break after `Thank you.`.

    ## Fix safety

    Safe: the fix adds it.

    ## Options

    None.
    """
    doc = ctx.document
    if doc.source and not doc.source.endswith(("\n", "\r")):
        last = len(doc.lines)
        end = len(doc.lines[-1]) + 1
        span = Span(last, end, last, end)
        fix = Fix(Applicability.SAFE, "Add a line break at the end", (Edit(span, "\n"),))
        yield Finding(span, "no line break at the end of the file", fix)


def _tag_rank(ctx: Context) -> dict[str, tuple[int, str]] | None:
    """The archive's order of tag keys for this schema, or None if a key is unknown."""
    assert ctx.schema is not None
    later = set(after_location([t.key for t in ctx.schema.tags]))
    rank: dict[str, tuple[int, str]] = {}
    for tag in ctx.document.tags:
        key = tag.key
        if key in FIRST_TAGS:
            rank[key] = (0, str(FIRST_TAGS.index(key)))
        elif key in LOCATION:
            rank[key] = (2, "")  # location pairs keep their own order
        elif ctx.schema.tag(key) is None:
            return None  # unknown-tag first: its place is not known
        else:
            rank[key] = (3 if key in later else 1, key)
    return rank


def _layout(tags: list[Tag]) -> str:
    """The tag block as the archive writes it: the first three tags each followed by a
    blank line, the rest one per line."""
    out = []
    for tag in tags:
        out.append(f"[[{tag.key}:{tag.value}]]")
        if tag.key in FIRST_TAGS:
            out.append("")
    return "\n".join(out).rstrip("\n")


@rule("PC607")
def tag_order(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Tags out of the archive's order. The archive writes focal_point, year and type first
    (each followed by a blank line), then the multi-valued tags sorted by key (datasources,
    methods, sdgs, thematic_areas), then the country and latlng pairs, then the tags the
    template adds after the location (an experiment's metadata, a solution's gender and
    consent), sorted by key. Values of one key keep their order, and so do location pairs
    (the house format: docs/format.md). Not checked while the block has a malformed or
    unknown tag (tag-syntax and unknown-tag come first).

    ## Why it matters

    One order makes tag blocks comparable at a glance and keeps diffs between versions of a
    plan small.

    ## Example

    `[[sdgs:...]]` before `[[methods:...]]`.

    ## Fixed example

    `[[methods:...]]`, then `[[sdgs:...]]`.

    ## Fix safety

    Safe: the fix rewrites the tag block in that order. A block with other lines among its
    tags (text, comments) has no fix.

    ## Options

    None.
    """
    doc = ctx.document
    rank = _tag_rank(ctx)
    if rank is None or doc.malformed_tags or doc.tag_block is None:
        return
    tags = list(doc.tags)
    ordered = sorted(tags, key=lambda t: rank[t.key])
    if ordered == tags:
        return
    first = next(i for i, (a, b) in enumerate(zip(tags, ordered, strict=True)) if a is not b)
    block = doc.tag_block
    tag_lines = {t.span.line for t in tags}  # built once: the block may hold many tags
    only_tags = all(
        not doc.lines[n - 1].strip() or n in tag_lines
        for n in range(block.line, block.end_line + 1)
    )
    fix = None
    if only_tags:
        span = Span(block.line, 1, block.end_line, len(doc.lines[block.end_line - 1]) + 1)
        fix = Fix(Applicability.SAFE, "Sort the tag block", (Edit(span, _layout(ordered)),))
    moved = tags[first]
    yield Finding(
        moved.span,
        f"[[{moved.key}]] is out of order: expected [[{ordered[first].key}]] here",
        fix,
        subject=moved.key,
    )


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _changed(before: str, after: str) -> tuple[int, int, str]:
    """The changed stretch of ``before``: start, end (0-based, exclusive), replacement."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b -= 1
        end_a -= 1
    return start, end_b, after[start:end_a]


@rule("PC608", needs_schema=False)
def mojibake(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Text whose UTF-8 was decoded in another encoding somewhere on its way: `Bogot√°` for
    `Bogotá`, `Na√Øo` for `Naïo`, `¬†` for a no-break space (in 15 documents of the archive).
    Detected and repaired by ftfy, which tells mojibake from real text (a `√` used as a tick
    mark is left alone). The message shows the repaired text. Inside a malformed tag it is
    left to tag-syntax, which reports the tag as a whole.

    ## Why it matters

    Readers see garbage and searches miss the word.

    ## Example

    `the Agence Fran√ßaise de D√©veloppement`.

    ## Fixed example

    `the Agence Française de Développement`.

    ## Fix safety

    Unsafe: ftfy's repair is very likely but not certain. The fix writes the repaired text.

    ## Options

    None.
    """
    doc = ctx.document
    if not HINT.search(doc.source):
        return
    # a malformed tag is tag-syntax's to report, garbled text inside it included
    broken = {n for m in doc.malformed_tags for n in range(m.span.line, m.span.end_line + 1)}
    for n, line in enumerate(doc.lines, start=1):
        if n in broken:
            continue
        repaired = repair_line(line)
        if repaired == line:
            continue
        start, end, content = _changed(line, repaired)
        span = Span(n, start + 1, n, end + 1)
        fix = Fix(Applicability.UNSAFE, f"Replace with {content!r}", (Edit(span, content),))
        message = f"mojibake {_short(line[start:end])!r}: the text reads {_short(content)!r}"
        yield Finding(span, message, fix)
