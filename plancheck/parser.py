"""markdown-it-py tokens -> :class:`~plancheck.document.Document`.

This is the only module that parses Markdown. It runs markdown-it-py at block level
(the inline pass is skipped: rules read block text, and links are parsed on demand for
the few paragraphs that contain one), then walks the tokens once, taking line numbers
from ``token.map`` and columns from the source line they point at.

The house format is line-oriented, so a few constructs are read from their lines rather
than from the Markdown tree:

* tags: every line of the paragraphs between the title and the first section;
* prompts: only the ``>`` lines of a blockquote are the prompt; lines that Markdown joins
  to it by lazy continuation (an answer written on the very next line) are the answer.

Over 400 lines because its one job, the walk from tokens to the typed document (title, tag
block, sections, prompts, answers, groups, with their spans), is one pass whose parts share
the walker's state; split, each part would need that state passed around.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from plancheck.document import (
    Answer,
    Block,
    BlockKind,
    Document,
    Group,
    Link,
    MalformedTag,
    Prompt,
    Section,
    Span,
    Tag,
    Title,
    split_lines,
)

TAG = re.compile(r"\[\[(?P<key>[a-z][a-z0-9_]*):(?P<value>(?:[^\s\]]|[^\s\]][^\]]*[^\s\]])?)\]\]")
# What an author might have meant by a tag: brackets missing or doubled, spaces, `=`.
LOOSE_TAG = re.compile(
    r"\[{1,3}\s*(?P<key>[A-Za-z][\w -]*?)\s*(?P<sep>[:=])\s*(?P<value>.*?)\s*(?:\]{1,3})?"
)
QUOTE_MARK = re.compile(r" {0,3}> ?")
GROUP_OPEN = re.compile(r"<div\s+class=[\"']group[\"']\s*>", re.IGNORECASE)
GROUP_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
TAGS_ONLY = re.compile(r"\s*(?:<[^<>]*>\s*)+")
BOLD_LEAD = re.compile(r"\*\*.*\*\*|__.*__")
LIST_MARKER = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?: +|$)")


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    # The archive writes headings as `## x` only; a setext underline (`---` below a line
    # of an answer) would otherwise turn answer text into a section.
    md.disable(["lheading", "inline", "text_join"])
    return md


@cache
def _inline_markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


@dataclass
class _Lines:
    lines: list[str]

    def span(self, start: int, end: int) -> Span:
        """Span of 0-based lines [start, end), trimmed of trailing blank lines."""
        end = max(end, start + 1)
        while end - 1 > start and not self.lines[end - 1].strip():
            end -= 1
        last = self.lines[end - 1] if end - 1 < len(self.lines) else ""
        first = self.lines[start] if start < len(self.lines) else ""
        col = len(first) - len(first.lstrip()) + 1
        return Span(start + 1, col, end, len(last.rstrip()) + 1)

    def text_span(self, index: int, col0: int, text_end: int | None = None) -> Span:
        line = self.lines[index]
        end = len(line.rstrip()) if text_end is None else text_end
        return Span(index + 1, col0 + 1, index + 1, max(end, col0) + 1)


@dataclass
class _SectionBuilder:
    heading: str
    span: Span
    text_span: Span
    lead: str | None = None
    lead_span: Span | None = None
    intro: list[Block] = field(default_factory=list)
    prompts: list[tuple[str, Span, Span, int | None, list[Block]]] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    open_group: tuple[int, Span] | None = None

    def add_block(self, block: Block) -> None:
        (self.prompts[-1][4] if self.prompts else self.intro).append(block)

    def build(self, lines: _Lines) -> Section:
        if self.open_group is not None:
            index, span = self.open_group
            self.groups[index] = Group(span, closed=False)
        prompts = tuple(
            Prompt(text, span, text_span, _answer(blocks, lines), group)
            for text, span, text_span, group, blocks in self.prompts
        )
        return Section(
            heading=self.heading,
            span=self.span,
            text_span=self.text_span,
            lead=self.lead,
            lead_span=self.lead_span,
            intro=_answer(self.intro, lines),
            prompts=prompts,
            groups=tuple(self.groups),
        )


def _answer(blocks: list[Block], lines: _Lines) -> Answer:
    links: list[Link] = []
    for block in blocks:
        if block.kind is not BlockKind.HTML and ("](" in block.text or "<http" in block.text):
            links.extend(_links(block, lines))
    return Answer(tuple(blocks), tuple(links))


def _links(block: Block, lines: _Lines) -> list[Link]:
    """Links and images of a block, parsed inline only here (few blocks have any)."""
    found: list[Link] = []
    for token in _inline_markdown().parseInline(block.text):
        children = token.children or []
        for i, child in enumerate(children):
            if child.type == "image":
                url = str(child.attrs.get("src", ""))
                found.append(Link(url, child.content, True, _locate(url, block, lines)))
            elif child.type == "link_open":
                url = str(child.attrs.get("href", ""))
                text = "".join(c.content for c in children[i + 1 :] if c.type == "text")[:200]
                found.append(Link(url, text, False, _locate(url, block, lines)))
    return found


def _locate(needle: str, block: Block, lines: _Lines) -> Span:
    for n in range(block.span.line - 1, block.span.end_line):
        col = lines.lines[n].find(needle) if needle else -1
        if col >= 0:
            return Span(n + 1, col + 1, n + 1, col + len(needle) + 1)
    return block.span


def _tag_lines(start: int, end: int, lines: _Lines) -> tuple[list[Tag], list[MalformedTag]]:
    tags: list[Tag] = []
    bad: list[MalformedTag] = []
    n = start
    while n < end:
        raw = lines.lines[n]
        text = raw.rstrip()
        indent = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            n += 1
            continue
        m = TAG.fullmatch(body)
        if m:
            vstart = indent + m.start("value")
            tags.append(
                Tag(
                    key=m["key"],
                    value=m["value"],
                    raw=body,
                    span=lines.text_span(n, indent),
                    value_span=Span(n + 1, vstart + 1, n + 1, indent + m.end("value") + 1),
                )
            )
            n += 1
            continue
        # A value broken over lines (a stray CR is a line break too): `[[key:a` / `b]]`.
        last = _closing_line(lines, n, end) if body.startswith("[[") and "]]" not in body else None
        if last is not None:
            parts = [lines.lines[k].strip() for k in range(n, last + 1)]
            key, value = _loose(" ".join(parts))
            bad.append(
                MalformedTag(
                    raw="\n".join(parts),
                    span=Span(n + 1, indent + 1, last + 1, len(lines.lines[last].rstrip()) + 1),
                    reason=f"the tag runs over {len(parts)} lines",
                    key=key,
                    value=value,
                )
            )
            n = last + 1
            continue
        if _tag_like(body) or "]]" in body:
            key, value = _loose(body)
            bad.append(
                MalformedTag(
                    raw=body,
                    span=lines.text_span(n, indent),
                    reason=_why_malformed(body, key),
                    key=key,
                    value=value,
                )
            )
        n += 1
    return tags, bad


MAX_TAG_LINES = 8  # a tag value broken over more lines than this is not one tag


def _closing_line(lines: _Lines, n: int, end: int) -> int | None:
    """The line (0-based) that closes a tag opened on line ``n`` without ``]]``, if any."""
    for k in range(n + 1, min(end, n + MAX_TAG_LINES)):
        following = lines.lines[k].strip()
        if "[[" in following or not following:
            return None
        if following.endswith("]]"):
            return k
    return None


def _tag_like(line: str) -> bool:
    body = line.strip()
    if body.startswith("[["):
        return True
    return "](" not in body and LOOSE_TAG.fullmatch(body) is not None and body.endswith("]")


def _loose(body: str) -> tuple[str | None, str | None]:
    m = LOOSE_TAG.fullmatch(body.replace("\n", " "))
    if not m:
        return None, None
    key = re.sub(r"[\s-]+", "_", m["key"].strip()).lower()
    return key, re.sub(r"\s+", " ", m["value"]).strip()


def _why_malformed(body: str, key: str | None) -> str:
    if key is None:
        return "not of the form [[key:value]]"
    if not body.startswith("[[") or not body.endswith("]]"):
        return "a tag opens with [[ and closes with ]]"
    if "=" in body and ":" not in body:
        return "key and value are separated by ':', not '='"
    if re.search(r"\[\[\s|\s:|:\s|\s\]\]", body):
        return "no spaces around the key, the colon or the value"
    return "a key is lower-case letters, digits and underscores"


def parse(source: str, path: str = "<stdin>") -> Document:
    """Parse plan document text. Never raises on any text input."""
    # A byte order mark is a character of line 1 (columns count it, the bom rule fixes
    # it), but Markdown would not see `# Title` behind it: parse it as a space.
    scan = " " + source[1:] if source.startswith("\ufeff") else source
    tokens = _markdown().parse(scan)
    lines = _Lines(split_lines(scan))
    title: Title | None = None
    sections: list[_SectionBuilder] = []
    tag_paragraphs: list[tuple[int, int]] = []
    tag_block_done = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.level != 0 or tok.map is None:
            i += 1
            continue
        start, end = tok.map
        if tok.type == "html_block" and end - start > 1:
            end = _split_html(tokens, i, lines)
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            text = inline.content
            col = _heading_text_column(lines.lines[start])
            if tok.tag == "h1" and title is None and not sections:
                title = Title(text, lines.text_span(start, col))
            elif tok.tag == "h2":
                sections.append(
                    _SectionBuilder(
                        heading=text,
                        span=lines.text_span(start, 0),
                        text_span=lines.text_span(start, col),
                    )
                )
                i = _take_lead(tokens, i + 3, sections[-1], lines)
                continue
            elif sections:
                sections[-1].add_block(Block(BlockKind.OTHER, text, lines.span(start, end)))
            i += 3
            continue
        if not sections:
            # The tag block is the run of paragraphs that open with a tag-like line;
            # what follows it (a solution's free text) is not read as tags. An HTML
            # comment (a suppression) may stand between tags.
            if not tag_block_done and tok.type == "paragraph_open":
                if _tag_like(lines.lines[start]):
                    tag_paragraphs.append((start, end))
                elif tag_paragraphs:
                    tag_block_done = True
            elif tag_paragraphs and not tok.content.lstrip().startswith("<!--"):
                tag_block_done = True
            i = _skip(tokens, i)
            continue
        section = sections[-1]
        if tok.type == "blockquote_open":
            _add_prompt(section, start, end, lines)
        elif tok.type == "html_block":
            _add_html(section, lines.lines[start:end], start, end, lines)
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            _add_items(section, tokens, i, lines)
        elif tok.type == "paragraph_open":
            section.add_block(
                Block(BlockKind.PARAGRAPH, tokens[i + 1].content, lines.span(start, end))
            )
        elif tok.type == "hr":
            section.add_block(
                Block(BlockKind.RULE, lines.lines[start].strip(), lines.span(start, end))
            )
        elif tok.type in ("code_block", "fence"):
            section.add_block(Block(BlockKind.CODE, tok.content, lines.span(start, end)))
        i = _skip(tokens, i)

    tags: list[Tag] = []
    malformed: list[MalformedTag] = []
    for start, end in tag_paragraphs:
        t, b = _tag_lines(start, end, lines)
        tags += t
        malformed += b
    spans = [t.span for t in tags] + [b.span for b in malformed]
    tag_block = (
        Span(min(spans).line, 1, max(s.end_line for s in spans), max(spans).end_column)
        if spans
        else None
    )
    return Document(
        path=path,
        source=source,
        title=title,
        tags=tuple(tags),
        malformed_tags=tuple(malformed),
        tag_block=tag_block,
        sections=tuple(s.build(lines) for s in sections),
        lines=tuple(lines.lines),
    )


def _heading_text_column(line: str) -> int:
    """0-based column where a heading's text starts (after ``#`` marks and spaces)."""
    stripped = line.lstrip(" ")
    marks = len(stripped) - len(stripped.lstrip("#"))
    rest = stripped[marks:]
    return (len(line) - len(stripped)) + marks + (len(rest) - len(rest.lstrip()))


def _skip(tokens: list[Token], i: int) -> int:
    """Index of the token after the block that starts at ``i`` (and its children)."""
    if tokens[i].nesting != 1:
        return i + 1
    depth = 0
    while i < len(tokens):
        depth += tokens[i].nesting
        i += 1
        if depth == 0:
            break
    return i


def _take_lead(tokens: list[Token], i: int, section: _SectionBuilder, lines: _Lines) -> int:
    """A `****` or bold line right below a heading is the section's lead."""
    if i >= len(tokens) or (where := tokens[i].map) is None:
        return i
    tok = tokens[i]
    start, end = where
    if start != section.span.line:  # not on the line right after the heading
        return i
    raw = lines.lines[start].strip()
    if tok.type == "hr" and set(raw) == {"*"}:
        section.lead, section.lead_span = raw, lines.text_span(start, lines.lines[start].find("*"))
        return i + 1
    if tok.type == "paragraph_open" and end == start + 1 and BOLD_LEAD.fullmatch(raw):
        section.lead, section.lead_span = raw, lines.span(start, end)
        return _skip(tokens, i)
    return i


def _add_prompt(section: _SectionBuilder, start: int, end: int, lines: _Lines) -> None:
    quoted: list[str] = []
    n = start
    while n < end and (m := QUOTE_MARK.match(lines.lines[n])):
        quoted.append(lines.lines[n][m.end() :].strip())
        n += 1
    first = lines.lines[start]
    m = QUOTE_MARK.match(first)
    col0 = m.end() if m else 0
    text = " ".join(q for q in quoted if q)
    span = lines.span(start, max(n, start + 1))
    text_span = Span(start + 1, col0 + 1, span.end_line, max(span.end_column, col0 + 1))
    group = len(section.groups) - 1 if section.open_group is not None else None
    section.prompts.append((text, span, text_span, group, []))
    if n < end and any(lines.lines[k].strip() for k in range(n, end)):
        # Lazy continuation: the answer was written on the line below the prompt.
        lazy = "\n".join(lines.lines[k].strip() for k in range(n, end))
        section.add_block(Block(BlockKind.PARAGRAPH, lazy.strip(), lines.span(n, end)))


def _split_html(tokens: list[Token], i: int, lines: _Lines) -> int:
    """Give back the lines an HTML block swallowed after a line of bare tags.

    An HTML block runs to the next blank line, so `</div>` followed directly by
    `## Heading` (or `<div class="group">` by `> prompt`) would hide the heading or the
    prompt. The lines after such a tag line are parsed again and spliced in after it.
    Returns the (0-based, exclusive) end line of what remains of the HTML block.
    """
    start, end = tokens[i].map or (0, 0)
    if not TAGS_ONLY.fullmatch(lines.lines[start]):
        return end
    rest = lines.lines[start + 1 : end]
    if not any(line.strip() for line in rest):
        return end
    spliced = _markdown().parse("\n".join(rest))
    for token in spliced:
        if token.map is not None:
            token.map = [token.map[0] + start + 1, token.map[1] + start + 1]
    tokens[i + 1 : i + 1] = spliced
    return start + 1


def _add_html(
    section: _SectionBuilder, html: list[str], start: int, end: int, lines: _Lines
) -> None:
    content = "\n".join(html).strip()
    if GROUP_OPEN.fullmatch(content):
        if section.open_group is not None:  # an unclosed group ends where the next opens
            index, span = section.open_group
            section.groups[index] = Group(span, closed=False)
        span = lines.span(start, end)
        section.groups.append(Group(span, closed=False))
        section.open_group = (len(section.groups) - 1, span)
    elif GROUP_CLOSE.fullmatch(content) and section.open_group is not None:
        index, open_span = section.open_group
        close = lines.span(start, end)
        section.groups[index] = Group(
            Span(open_span.line, open_span.column, close.end_line, close.end_column), closed=True
        )
        section.open_group = None
    else:
        section.add_block(Block(BlockKind.HTML, content, lines.span(start, end)))


def _add_items(section: _SectionBuilder, tokens: list[Token], i: int, lines: _Lines) -> None:
    ordered = tokens[i].type == "ordered_list_open"
    level = tokens[i].level + 1
    j = i + 1
    while j < len(tokens) and not (tokens[j].level == level - 1 and tokens[j].nesting == -1):
        tok = tokens[j]
        if tok.type == "list_item_open" and tok.level == level and tok.map is not None:
            start, end = tok.map
            first = lines.lines[start]
            marker = LIST_MARKER.match(first)
            rest = [first[marker.end() if marker else 0 :], *lines.lines[start + 1 : end]]
            text = " ".join(r.strip() for r in rest if r.strip())
            section.add_block(Block(BlockKind.ITEM, text, lines.span(start, end), ordered))
        j += 1
