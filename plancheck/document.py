"""The typed model of a plan document.

Every element carries a :class:`Span` computed once by the parser, so rules never scan
the raw text for positions. The raw source is kept on the :class:`Document` so that
fixes can edit it exactly.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from enum import StrEnum

from plancheck import markup

NEWLINE = re.compile(r"\r\n?|\n")  # the line breaks markdown-it-py counts, and only those


def split_lines(source: str) -> list[str]:
    """Lines as markdown-it-py numbers them (``str.splitlines`` also splits on U+2028...)."""
    return NEWLINE.split(source)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A 1-based range of source text; ``end_column`` is one past the last character."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Tag:
    """A well-formed ``[[key:value]]`` line."""

    key: str
    value: str
    raw: str
    span: Span
    value_span: Span


@dataclass(frozen=True, slots=True)
class MalformedTag:
    """A line of the tag block that is tag-like but not ``[[key:value]]``.

    ``key`` and ``value`` are the parser's best reading (None when it cannot tell), so
    that a fix can propose the canonical form.
    """

    raw: str
    span: Span
    reason: str
    key: str | None
    value: str | None


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    ITEM = "item"  # one `- option` or `1. entry` of a list
    HTML = "html"
    CODE = "code"
    RULE = "rule"  # a thematic break such as `****`
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str
    image: bool
    span: Span


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    span: Span
    ordered: bool = False  # for items: part of a numbered list


@dataclass(frozen=True, slots=True)
class Answer:
    """Everything between a prompt and the next prompt, heading or group boundary."""

    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks if b.kind is not BlockKind.HTML)

    @property
    def items(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind is BlockKind.ITEM)

    @property
    def is_empty(self) -> bool:
        """No text but whitespace (an answer of `&nbsp;` is empty too) and no link. Text
        inside editor HTML (`<div><font>https://...</font></div>`) is text: a reader sees
        it; tags and comments alone (`<div><br></div>`, a guidance comment) are not."""
        if self.links:
            return False
        for block in self.blocks:
            text = block.text
            if block.kind is BlockKind.HTML:
                text = markup.ANY_TAG.sub("", text)
            if html.unescape(text).strip():
                return False
        return True

    @property
    def span(self) -> Span | None:
        if not self.blocks:
            return None
        first, last = self.blocks[0].span, self.blocks[-1].span
        return Span(first.line, first.column, last.end_line, last.end_column)


@dataclass(frozen=True, slots=True)
class Prompt:
    """A ``> prompt`` line (or blockquote) and the answer that follows it."""

    text: str
    span: Span
    text_span: Span  # the prompt text itself, without the leading ``>``
    answer: Answer
    group: int | None = None  # index into Section.groups when inside a group


@dataclass(frozen=True, slots=True)
class Group:
    """A repeated sub-form wrapped in ``<div class="group">`` ... ``</div>``."""

    span: Span
    closed: bool


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    span: Span
    text_span: Span  # the heading text, without the ``## ``
    lead: str | None = None
    lead_span: Span | None = None
    intro: Answer = field(default_factory=Answer)  # content before the first prompt
    prompts: tuple[Prompt, ...] = ()
    groups: tuple[Group, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    source: str
    title: Title | None
    tags: tuple[Tag, ...]
    malformed_tags: tuple[MalformedTag, ...]
    tag_block: Span | None
    sections: tuple[Section, ...]
    lines: tuple[str, ...]  # the source split once, as markdown-it-py counts lines

    def structural_lines(self) -> set[int]:
        """1-based lines that are not the author's prose: the title, tags, headings, section
        leads, prompts and group markers. The rest (answers, and free text such as a
        solution's) is prose."""
        spans = [t.span for t in self.tags] + [m.span for m in self.malformed_tags]
        if self.title is not None:
            spans.append(self.title.span)
        for section in self.sections:
            spans.append(section.span)
            if section.lead_span is not None:
                spans.append(section.lead_span)
            spans += [p.span for p in section.prompts]
            for group in section.groups:
                spans.append(Span(group.span.line, 1, group.span.line, 1))
                if group.closed:
                    spans.append(Span(group.span.end_line, 1, group.span.end_line, 1))
        return {n for span in spans for n in range(span.line, span.end_line + 1)}

    def first_tag(self, key: str) -> Tag | None:
        return next((t for t in self.tags if t.key == key), None)

    @property
    def end(self) -> Span:
        """A zero-width span at the end of the document, for "missing" findings."""
        n = len(self.lines) - (1 if len(self.lines) > 1 and self.lines[-1] == "" else 0)
        last = self.lines[n - 1]
        return Span(n, len(last) + 1, n, len(last) + 1)
