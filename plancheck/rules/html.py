"""HTML rules: entities and editor markup that the platform's export left in the prose.

Both read the author's prose: the answers, and free text outside sections (a solution's
body), never the title, tags, headings or prompts' structure, and never code. Their fixes
keep what a reader saw in a browser: the words, their order and every boundary between
two words (see :mod:`plancheck.preserve`); a fix that could not keep it is not offered.

Over 400 lines because each rule's user documentation (the sections every rule has)
is its check's docstring, here beside the code it describes.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from plancheck import markup, preserve
from plancheck.align import MatchKind
from plancheck.diagnostics import Applicability, Edit, Finding, Fix, apply_edits
from plancheck.document import BlockKind, Document, Span
from plancheck.rules.base import Context, rule
from plancheck.rules.format import BARE_MARKER

ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Characters an entity may stand for on purpose: turning them back into characters could
# make markup (`&lt;div&gt;`, `&#42;`) or a new entity (`&amp;copy;`).
KEEP_ESCAPED = set("<>*_[]`#|~\\")
ENTITY_AFTER = re.compile(r"[A-Za-z0-9#]+;")
# Text that would open a Markdown block of its own at the start of a line: a line break
# put before it would change the document's structure, so a space separates it instead.
BLOCK_START = re.compile(
    r"(?:[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|>|`{3}|~{3}|<|\||[=-]+\s*$"
    r"|(?:[*_-]\s*){3,}$)"
)
# A Markdown link whose text and address may run over lines, blank ones too, and hold
# spaces (the export's links hold the editor's markup and line breaks; a blank line or a
# space makes them no link to Markdown, but they are still the export's one link, whose
# address repeats its text: `_export_link` checks that).
EXPORT_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()]*)\)")
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
HSPACE = " \t"


@dataclass(frozen=True, slots=True)
class Region:
    """Consecutive lines of prose: ``first`` is the 1-based number of the first line."""

    first: int
    text: str  # the lines joined with "\n"

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset into ``text``."""
        line = self.text.count("\n", 0, offset)
        start = self.text.rfind("\n", 0, offset) + 1
        return self.first + line, offset - start + 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))


def _code_lines(doc: Document) -> set[int]:
    """Lines of code: code blocks of answers, and fences in the text before the sections."""
    lines = {
        n
        for section in doc.sections
        for answer in (section.intro, *(p.answer for p in section.prompts))
        for block in answer.blocks
        if block.kind is BlockKind.CODE
        for n in range(block.span.line, block.span.end_line + 1)
    }
    end = doc.sections[0].span.line if doc.sections else len(doc.lines) + 1
    fence: str | None = None
    for n in range(1, end):
        m = FENCE.match(doc.lines[n - 1])
        if fence is not None or m:
            lines.add(n)
        if m and (fence is None or m.group(1).startswith(fence)):
            fence = m.group(1)[0] * 3 if fence is None else None
    return lines


def prose(doc: Document) -> list[Region]:
    """The document's prose, as runs of consecutive lines."""
    skip = doc.structural_lines() | _code_lines(doc)
    regions: list[Region] = []
    run: list[str] = []
    for n, line in enumerate(doc.lines, start=1):
        if n in skip:
            if run:
                regions.append(Region(n - len(run), "\n".join(run)))
            run = []
        else:
            run.append(line)
    if run:
        regions.append(Region(len(doc.lines) + 1 - len(run), "\n".join(run)))
    return regions


def _inside(ranges: list[tuple[int, int]], start: int) -> bool:
    return any(s <= start < e for s, e in ranges)


@rule("PC601", needs_schema=False)
def html_entity(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    An HTML entity (`&amp;`, `&nbsp;`, `&quot;`, `&#39;`) in an answer or a prompt. Entities
    that stand for Markdown or HTML syntax (`&lt;`, `&gt;`, `&#42;`, ...) are left alone,
    since turning them back would create markup. Entities inside an HTML tag or attribute
    (`style="font: &quot;Segoe UI&quot;"`) or inside escaped editor markup are markup, not
    prose: they are html-residue's. Prompts that differ from the template are left to
    prompt-drift, which restores the whole prompt. The platform's export escaped what
    authors typed in its editor, so these findings are the export's: reported at info,
    counted apart in the summary and listed with `plancheck check --export`;
    `plancheck fix` fixes them.

    ## Why it matters

    The platform's export escaped characters that Markdown writes as they are (404 plans
    have `&amp;`, 54 `&nbsp;`). Readers see the entity in the raw text, and searches miss
    the word.

    ## Example

    `COs &amp; the Labs`.

    ## Fixed example

    `COs & the Labs`.

    ## Fix safety

    Safe: the character the entity stands for. A `&nbsp;` at the end of a line is removed
    rather than made a trailing no-break space. A replacement that would change how Markdown
    reads the text (`*&nbsp;a*` is emphasis; `*` followed by a no-break space is not) is not
    offered.

    ## Options

    None.
    """
    doc = ctx.document
    drifting = {
        pm.prompt.span.line
        for sm in ctx.alignment
        for pm in sm.prompts
        if pm.kind in (MatchKind.FOLDED, MatchKind.NEAR)
    }
    regions = [r for r in prose(doc) if "&" in r.text]
    regions += [
        Region(n, doc.lines[n - 1])
        for s in doc.sections
        for p in s.prompts
        if p.span.line not in drifting
        for n in range(p.span.line, p.span.end_line + 1)
        if "&" in doc.lines[n - 1]
    ]
    for region in sorted(regions, key=lambda r: r.first):
        markup_ranges = markup.tag_ranges(region.text)
        for m in ENTITY.finditer(region.text):
            if _inside(markup_ranges, m.start()):
                continue
            yield from _entity(region, m)


def _entity(region: Region, m: re.Match[str]) -> Iterator[Finding]:
    text = region.text
    char = html.unescape(m.group())
    if char == m.group() or char in KEEP_ESCAPED:
        return
    if char == "&" and ENTITY_AFTER.match(text, m.end()):
        return  # `&amp;copy;` must not become `&copy;`
    span = region.span(m.start(), m.end())
    shown = {"\u00a0": "a no-break space"}.get(char, repr(char))
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    rest = text[m.end() : None if line_end < 0 else line_end]
    if char.isspace() and not html.unescape(rest).strip():  # only spaces after it
        # Trailing: as a character it would be trailing whitespace, so it goes, unless
        # it is what keeps `5.&nbsp;` from becoming an empty list item.
        if BARE_MARKER.fullmatch(text[line_start : m.start()]):
            return
        fix = Fix(Applicability.SAFE, f"Remove the trailing {m.group()}", (Edit(span, ""),))
        message = f"HTML entity {m.group()} at the end of the line"
        yield Finding(
            span, message, fix if _reads_alike(text, m.start(), m.end(), "") else None, export=True
        )
        return
    fix = Fix(Applicability.SAFE, f"Replace {m.group()} with {shown}", (Edit(span, char),))
    message = f"HTML entity {m.group()} stands for {shown}"
    yield Finding(
        span, message, fix if _reads_alike(text, m.start(), m.end(), char) else None, export=True
    )


def _reads_alike(text: str, start: int, end: int, content: str) -> bool:
    """Whether the prose shows the same words with ``content`` in place of its
    [start, end): an entity is also not a space to Markdown (`*&nbsp;a*` is emphasis,
    `*` and a no-break space is not, and emphasis may run over lines), so the character
    may change how the paragraph reads."""
    fixed = text[:start] + content + text[end:]
    return preserve.words(preserve.shown(fixed)) == preserve.words(preserve.shown(text))


@rule("PC602", needs_schema=False)
def html_residue(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    HTML left over from the platform's rich-text editor in an answer or free text:
    `<div><br></div>`, `<br>`, `<p>`, `<span style=...>`, Word's `<o:p>` and tables, and the
    same markup escaped once or several times (`&lt;div&gt;`, `&amp;lt;br&amp;gt;`). Group
    markers (`<div class="group">` and its `</div>`) are structure and never touched; links
    and images (`<a>`, `<img>`) are content and left alone. A passage's markup (Word's on
    every line of a pasted paragraph) is one finding, at the line where it starts, whose fix
    removes it all; a link the export wrote with the markup in both its text and its address
    is one finding, however many lines it runs over. Line breaks alone (`<br>`) at the end
    of a paragraph show nothing: that finding is info, counted in the summary and listed
    with `plancheck check --invisible`.

    ## Why it matters

    Editor markup is not content: readers see tags in the raw text, and words run together
    where a browser showed them on lines of their own.

    ## Example

    `Local maritime community<div>Government<div>Donors</div></div>`.

    ## Fixed example

    `Local maritime community`, `Government` and `Donors` on lines of their own.

    ## Fix safety

    Unsafe, because it changes the text's markup: the fix writes the text as a browser
    showed it. A block element (`<div>`, `<p>`, `<br>`, a table cell) becomes a line break,
    so two words or two URLs never run together; list items (`<li>`) become `- ` items; an
    inline element (`<span>`, `<b>`, `<sub>`) goes without a separator (`CO<sub>2</sub>`
    becomes `CO2`); a line of nothing but markup goes. Where a line break would start a
    Markdown block (a heading, a quote, a list), a space separates the words instead. If the
    fixed text would not show the same words as the original (markup inside a link's
    address, for example), no fix is offered.

    ## Options

    None.
    """
    for region in prose(ctx.document):
        if "<" not in region.text and "lt;" not in region.text:
            continue
        tags = markup.find(region.text)
        if not tags:
            continue
        links = [m for m in EXPORT_LINK.finditer(region.text) if _export_link(m)]
        for link in links:
            yield _unwrap(region, link, [t for t in tags if link.start() < t.start < link.end()])
        tags = [t for t in tags if not any(m.start() < t.start < m.end() for m in links)]
        if not tags:
            continue
        edits = _residue_edits(region.text, tags)
        if not _same_words(region.text, apply_edits(region.text, edits)):
            edits = []  # the fix would change what a reader sees: offer none
        # line breaks that close a paragraph show nothing: findings of their own, at info
        closing = [run for run in _runs(region.text, tags) if _closing_break(region.text, run)]
        for run in closing:
            mine = [(s, e, c) for s, e, c in edits if s <= run[0].start < e or s < run[-1].end <= e]
            fix = None
            if mine:
                fixes = tuple(Edit(region.span(s, e), c) for s, e, c in mine)
                fix = Fix(Applicability.UNSAFE, "Remove the editor's HTML tags", fixes)
            shown = region.text[run[0].start : run[-1].end]
            span = region.span(run[0].start, run[-1].end)
            yield Finding(span, f"leftover editor HTML {shown[:60]!r}", fix, invisible=True)
        quiet = {id(t) for run in closing for t in run}
        tags = [t for t in tags if id(t) not in quiet]
        if not tags:
            continue
        edits = [(s, e, c) for s, e, c in edits if any(s <= t.start < e for t in tags)]
        shown_lines = list(_by_line(region, tags, edits))
        if shown_lines:
            yield _one_finding(shown_lines)


def _one_finding(shown_lines: list[tuple[list[Edit], Span, str]]) -> Finding:
    """One finding for a passage's markup (a paragraph pasted from Word has it on every
    line), at its first line, whose fix removes it all."""
    _, first, shown = shown_lines[0]
    message = f"leftover editor HTML {shown[:60]!r}"
    if len(shown_lines) > 1:
        more = len(shown_lines) - 1
        message += f" and on {more} more line{'s' if more > 1 else ''} of the passage"
    edits = tuple(e for line_edits, _, _ in shown_lines for e in line_edits)
    fix = Fix(Applicability.UNSAFE, "Remove the editor's HTML tags", edits) if edits else None
    return Finding(first, message, fix)


def _closing_break(text: str, run: list[markup.Markup]) -> bool:
    """Is ``run`` line breaks alone (`<br>`, not escaped: `&lt;br&gt;` shows as text) that
    close a paragraph: nothing but spaces after them on their line, then a blank line or
    the end of the passage?"""
    if not all(t.name == "br" and not t.escaped for t in run):
        return False
    # `&nbsp;` after them is a space too (html-entity's safe fix removes it at a line's end)
    rest = html.unescape(text[run[-1].end :]).split("\n", 2)
    return not rest[0].strip() and (len(rest) == 1 or not rest[1].strip())


def _same_words(text: str, fixed: str) -> bool:
    return preserve.words(preserve.shown(fixed)) == preserve.words(preserve.shown(text))


def _export_link(m: re.Match[str]) -> bool:
    """A link the export wrote with the editor's HTML in both its text and its address,
    the address being the text again (`[url<div>url2</div>](url<div>url2</div>)`)."""
    text, address = m.group(1), m.group(2)
    if not markup.find(text):
        return False
    return preserve.words(markup.as_shown(address)) == preserve.words(markup.as_shown(text))


def _unwrap(region: Region, link: re.Match[str], tags: list[markup.Markup]) -> Finding:
    """The link's text alone (its markup goes in a later pass of the fixer): its address,
    the same text with markup in it, leads nowhere."""
    edits = [(link.start(), link.start() + 1, ""), (link.end(1), link.end(), "")]
    fix = None
    if _same_words(region.text, apply_edits(region.text, edits)):
        fix = Fix(
            Applicability.UNSAFE,
            "Keep the link's text, whose address is the same text with editor HTML",
            tuple(Edit(region.span(s, e), c) for s, e, c in edits),
        )
    first = tags[0] if tags else None
    start = first.start if first else link.start()
    line, column = region.position(start)
    shown = "".join(region.text[t.start : t.end] for t in tags[:4])
    end = region.text.find("\n", start)
    end_column = column + ((end if end >= 0 else len(region.text)) - start)
    message = f"leftover editor HTML {shown[:60]!r} in a link"
    return Finding(Span(line, column, line, end_column), message, fix)


def _runs(text: str, tags: list[markup.Markup]) -> list[list[markup.Markup]]:
    """Tags next to each other (with only whitespace between) form one run."""
    runs: list[list[markup.Markup]] = []
    for tag in tags:
        if runs and not text[runs[-1][-1].end : tag.start].strip():
            runs[-1].append(tag)
        else:
            runs.append([tag])
    return runs


def _residue_edits(text: str, tags: list[markup.Markup]) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each run of editor tags in ``text``."""
    edits: list[tuple[int, int, str]] = []
    lists: list[list[int]] = []  # open <ul>/<ol>: [-1] for bullets, [n] for numbers
    runs = _runs(text, tags)
    for index, run in enumerate(runs):
        start, end = run[0].start, run[-1].end
        marker = ""
        for tag in run:
            if tag.name in ("ul", "ol"):
                if tag.closing:
                    lists = lists[:-1]
                else:
                    lists.append([0 if tag.name == "ol" else -1])
            elif tag.name == "li" and not tag.closing:
                counter = lists[-1] if lists else [-1]
                if counter[0] >= 0:
                    counter[0] += 1
                marker = f"{counter[0]}. " if counter[0] >= 0 else "- "
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        following = runs[index + 1][0].start if index + 1 < len(runs) else len(text)
        before = text[line_start:start]
        after = text[end:line_end]
        item = text[end : min(line_end, following)]
        if not item.strip():
            marker = ""  # an empty <li>: no empty list item
        block = any(t.block for t in run)
        table_row = text[line_start:].lstrip().startswith("|")
        if block and before.strip() and after.strip():
            if table_row or (not marker and BLOCK_START.match(after.lstrip(HSPACE))):
                replacement = " "  # a line break here would make a new Markdown block
            else:
                replacement = "\n" + marker
            # no trailing space before the break, no indent after it
            start -= len(before) - len(before.rstrip(HSPACE))
            end += len(after) - len(after.lstrip(HSPACE))
        elif block and after.strip():  # at the start of a line
            replacement = marker
            start = line_start
            end += len(after) - len(after.lstrip(HSPACE))
        elif block or not after.strip():  # at the end of a line
            replacement = ""
            if not after.strip():
                start -= len(before) - len(before.rstrip(HSPACE))
        else:  # inline, text on both sides: keep a space that stood between the tags
            between = text[start:end]
            gaps = _gaps(between, run, start)
            replacement = "\n" if "\n" in gaps else (" " if gaps else "")
        edits.append((start, end, replacement))
    return _drop_markup_lines(text, edits)


def _gaps(between: str, run: list[markup.Markup], offset: int) -> str:
    """The whitespace between the tags of a run."""
    return "".join(between[a.end - offset : b.start - offset] for a, b in itertools.pairwise(run))


def _drop_markup_lines(text: str, edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A line that held nothing but markup goes with its line break (a blank line stays
    where it separated two lines of text, as the browser showed an empty line there)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    result = list(edits)
    for n, line in enumerate(lines):
        begin, finish = starts[n], starts[n] + len(line)
        mine = [e for e in edits if begin <= e[0] and e[1] <= finish]
        if not mine or any(e[2] for e in mine) or not line.strip():
            continue
        if apply_edits(line, [(s - begin, e - begin, c) for s, e, c in mine]).strip():
            continue
        result = [e for e in result if e not in mine]
        previous = n > 0 and lines[n - 1].strip()
        following = n + 1 < len(lines) and lines[n + 1].strip()
        if previous and following:
            result.append((begin, finish, ""))  # keep the blank line between two texts
        elif n + 1 < len(lines):
            result.append((begin, finish + 1, ""))
        elif n > 0:
            result.append((begin - 1, finish, ""))
        else:
            result.append((begin, finish, ""))
    return sorted(result)


def _by_line(
    region: Region, tags: list[markup.Markup], edits: list[tuple[int, int, str]]
) -> Iterator[tuple[list[Edit], Span, str]]:
    """One finding per line where markup starts: the edits of its runs, its span, the
    markup shown. A run that goes on over the next lines belongs to the line it starts on."""
    owner: dict[int, int] = {}  # tag index -> line of its finding
    fixes: dict[int, list[Edit]] = {}
    for s, e, c in edits:
        inside = [i for i, t in enumerate(tags) if s <= t.start < e]
        line = region.position(tags[inside[0]].start if inside else s)[0]
        owner.update((i, line) for i in inside)
        fixes.setdefault(line, []).append(Edit(region.span(s, e), c))
    found: dict[int, list[markup.Markup]] = {}
    for i, tag in enumerate(tags):
        found.setdefault(owner.get(i, region.position(tag.start)[0]), []).append(tag)
    texts = region.text.split("\n")
    for line, mine in sorted(found.items()):
        start = region.position(mine[0].start)
        end = region.position(mine[-1].end)
        if end[0] != line or start[0] != line:  # keep the span on the finding's line
            end = (line, len(texts[line - region.first]) + 1)
            start = (line, start[1] if start[0] == line else 1)
        shown = "".join(region.text[t.start : t.end] for t in mine)
        yield fixes.get(line, []), Span(*start, *end), shown
