"""The structured document that `plancheck parse` prints and `plancheck render` reads.

The model holds content, not positions: the title, the tags, every section with its
prompts, answers and groups in file order, and whatever else the file says (text around
the tag block, text inside a group before its first prompt, text after a group). Answers
and other text are the Markdown of the file, line for line, so nothing is lost, and
parse -> render -> parse gives a model equal to the first with plain ``==``.

The tree is cut from the source lines at the markers the parser found (prompt lines,
group open and close lines, headings); this module does not parse Markdown itself. The
parser's patterns are imported where they are used, so that the model alone loads without
markdown-it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from plancheck.document import BlockKind, Document, Group, Prompt, Section

# Titles, headings, prompts and tags are one line each in the file; a line break in
# them could not be written back.
SingleLine = Annotated[str, Field(pattern=r"^[^\r\n]*$")]
BLANK = " \t"  # what makes a line blank for Markdown (a no-break space does not)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TagModel(_Model):
    """A well-formed ``[[key:value]]`` tag."""

    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    value: Annotated[
        str,
        Field(
            pattern=r"^(?:[^\s\]]|[^\s\]][^\]\r\n]*[^\s\]])?$",
            description="No ']', no line break, no space at either end.",
        ),
    ]


class MalformedTagModel(_Model):
    """A line (or lines) of the tag block that is not a well-formed tag."""

    raw: Annotated[str, Field(min_length=1, description="The line(s) as written.")]
    key: str | None = Field(None, description="plancheck's best reading of the key, if any.")
    value: str | None = Field(None, description="plancheck's best reading of the value.")


class PromptModel(_Model):
    """A ``> prompt`` line and its answer."""

    kind: Literal["prompt"] = "prompt"
    text: SingleLine = Field(description="The prompt text, without the leading '>'.")
    answer: str = Field(
        "", description="The answer as Markdown, as written in the file; '' when empty."
    )


class TextModel(_Model):
    """Markdown that belongs to no prompt: before a section's (or a group's) first
    prompt, or after a group."""

    kind: Literal["text"] = "text"
    markdown: Annotated[str, Field(min_length=1)]


class GroupModel(_Model):
    """A repeated sub-form wrapped in ``<div class="group">`` ... ``</div>``."""

    kind: Literal["group"] = "group"
    content: list[Annotated[PromptModel | TextModel, Field(discriminator="kind")]] = Field(
        default_factory=list
    )
    closed: bool = Field(True, description="False when the file never closes the group.")


class SectionModel(_Model):
    """A ``## heading`` and everything up to the next one."""

    heading: SingleLine
    lead: Annotated[SingleLine, Field(min_length=1)] | None = Field(
        None, description="The line right below the heading: '****' or a bold sentence."
    )
    content: list[Annotated[PromptModel | GroupModel | TextModel, Field(discriminator="kind")]] = (
        Field(default_factory=list)
    )


class PlanDocument(_Model):
    """A plan document as data: what `plancheck parse --output-format json` prints."""

    detected_schema: str | None = Field(
        None, description="The id of the schema the document was checked against, if any."
    )
    title: SingleLine | None = Field(None, description="The '# title' line; null if none.")
    text_before_tags: str = Field(
        "", description="Markdown between the title and the first tag (rare)."
    )
    tags: list[TagModel | MalformedTagModel] = Field(
        default_factory=list,
        description="The tag block in file order; a tag that is not well formed has 'raw'.",
    )
    text_after_tags: str = Field(
        "",
        description="Markdown after the tag block, before the first section (a solution's "
        "free text).",
    )
    sections: list[SectionModel] = Field(default_factory=list)


def prompts(
    document: PlanDocument,
) -> Iterator[tuple[SectionModel, GroupModel | None, PromptModel]]:
    """Every prompt in file order, with its section and its group (None outside groups)."""
    for section in document.sections:
        for item in section.content:
            if isinstance(item, PromptModel):
                yield section, None, item
            elif isinstance(item, GroupModel):
                for inner in item.content:
                    if isinstance(inner, PromptModel):
                        yield section, item, inner


# --------------------------------------------------------------------------- building


def _chunk(lines: Sequence[str]) -> str:
    """The lines as one Markdown text, without the blank lines at either end."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip(BLANK):
        start += 1
    while end > start and not lines[end - 1].strip(BLANK):
        end -= 1
    return "\n".join(lines[start:end])


@dataclass(frozen=True, slots=True)
class _Marker:
    """A structural line range inside a section (1-based, inclusive)."""

    line: int
    end_line: int
    kind: Literal["prompt", "open", "close", "end"]
    prompt: Prompt | None = None
    group: Group | None = None


def _open_end(group: Group, lines: Sequence[str]) -> int:
    """The last line of a group's `<div class="group">` (almost always its first)."""
    from plancheck.parser import GROUP_OPEN

    for end in range(group.span.line, min(group.span.line + 4, len(lines)) + 1):
        if GROUP_OPEN.fullmatch("\n".join(lines[group.span.line - 1 : end]).strip()):
            return end
    return group.span.line


def _close_start(group: Group, lines: Sequence[str]) -> int:
    """The first line of a closed group's `</div>` (almost always its last)."""
    from plancheck.parser import GROUP_CLOSE

    last = group.span.end_line
    for start in range(last, max(last - 4, group.span.line), -1):
        if GROUP_CLOSE.fullmatch("\n".join(lines[start - 1 : last]).strip()):
            return start
    return last


def _markers(section: Section, lines: Sequence[str]) -> list[_Marker]:
    found = [_Marker(p.span.line, p.span.end_line, "prompt", prompt=p) for p in section.prompts]
    for group in section.groups:
        found.append(_Marker(group.span.line, _open_end(group, lines), "open", group=group))
        if group.closed:
            start = _close_start(group, lines)
            found.append(_Marker(start, group.span.end_line, "close", group=group))
    return sorted(found, key=lambda m: m.line)


def _answer_lines(prompt: Prompt, lines: list[str], document_lines: Sequence[str]) -> list[str]:
    """An answer's lines. An answer written on the line right below the prompt is, for
    Markdown, a lazy continuation of the quote: below a blank line its indentation would
    make a code block, and a `>` line inside it a new prompt, so both are dropped."""
    from plancheck.parser import QUOTE_MARK

    blocks = prompt.answer.blocks
    first = blocks[0] if blocks else None
    if first is None or first.kind is not BlockKind.PARAGRAPH:
        return lines
    if first.span.line != prompt.span.end_line + 1:
        return lines
    quoted = document_lines[prompt.span.end_line - 1]
    mark = QUOTE_MARK.match(quoted)
    if not quoted[mark.end() if mark else 0 :].strip(BLANK):
        return lines  # the quote ends on an empty `>` line: nothing continues it
    lazy = first.span.end_line - first.span.line + 1
    return [_unquoted(line) for line in lines[:lazy]] + lines[lazy:]


def _unquoted(line: str) -> str:
    """A line of a lazy answer without its indentation and any `>` marks before its text."""
    from plancheck.parser import QUOTE_MARK

    line = line.lstrip(BLANK)
    while (mark := QUOTE_MARK.match(line)) is not None:
        line = line[mark.end() :].lstrip(BLANK)
    return line


@dataclass
class _Container:
    """Items being collected for a section or a group (models are frozen, so built last)."""

    items: list[PromptModel | GroupModel | TextModel] = field(default_factory=list)
    open_prompt: tuple[Prompt, str] | None = None

    def flush_text(self, text: str) -> None:
        if self.open_prompt is not None:
            prompt, _ = self.open_prompt
            self.open_prompt = (prompt, text)
        elif text:
            self.items.append(TextModel(markdown=text))

    def close_prompt(self) -> None:
        if self.open_prompt is not None:
            prompt, answer = self.open_prompt
            self.items.append(PromptModel(text=prompt.text, answer=answer))
            self.open_prompt = None


def _section(section: Section, body: tuple[int, int], lines: Sequence[str]) -> SectionModel:
    """A section's model from its body, lines ``body`` (1-based, inclusive)."""
    outer = _Container()
    inner: tuple[_Container, Group] | None = None

    def current() -> _Container:
        return inner[0] if inner is not None else outer

    def end_group() -> None:
        nonlocal inner
        if inner is not None:
            holder, group = inner
            holder.close_prompt()
            content = [i for i in holder.items if not isinstance(i, GroupModel)]
            outer.items.append(GroupModel(content=content, closed=group.closed))
            inner = None

    cursor = body[0]
    for marker in [*_markers(section, lines), _Marker(body[1] + 1, body[1], "end")]:
        here = current()
        raw = list(lines[cursor - 1 : marker.line - 1])
        if here.open_prompt is not None:
            raw = _answer_lines(here.open_prompt[0], raw, lines)
        here.flush_text(_chunk(raw))
        cursor = marker.end_line + 1
        if marker.kind == "prompt":
            assert marker.prompt is not None
            here.close_prompt()
            here.open_prompt = (marker.prompt, "")
        elif marker.kind == "open":
            here.close_prompt()
            end_group()
            assert marker.group is not None
            inner = (_Container(), marker.group)
        else:  # the group's `</div>`, or the end of the section
            here.close_prompt()
            end_group()
    outer.close_prompt()
    return SectionModel(heading=section.heading, lead=section.lead, content=outer.items)


def _front(document: Document) -> tuple[str, str]:
    """The text before the first section that is neither the title nor a tag: what comes
    before the first tag, and what comes after it."""
    lines = document.lines
    first_section = document.sections[0].span.line if document.sections else len(lines) + 1
    taken: set[int] = set()
    if document.title is not None:
        taken.add(document.title.span.line)
    spans = [t.span for t in document.tags] + [m.span for m in document.malformed_tags]
    for span in spans:
        taken.update(range(span.line, span.end_line + 1))
    first_tag = min((s.line for s in spans), default=first_section)
    free = [n for n in range(1, first_section) if n not in taken]
    before = [lines[n - 1] for n in free if n < first_tag]
    after = [lines[n - 1] for n in free if n > first_tag]
    return _chunk(before), _chunk(after)


def _tags(document: Document) -> list[TagModel | MalformedTagModel]:
    """Well-formed and malformed tags in file order: the order decides how the lines of a
    tag broken over several lines are read back."""
    found: list[tuple[int, TagModel | MalformedTagModel]] = [
        (t.span.line, TagModel(key=t.key, value=t.value)) for t in document.tags
    ]
    found += [
        (m.span.line, MalformedTagModel(raw=m.raw, key=m.key, value=m.value))
        for m in document.malformed_tags
    ]
    return [tag for _, tag in sorted(found, key=lambda pair: pair[0])]


def build(document: Document, detected_schema: str | None = None) -> PlanDocument:
    """The export model of a parsed document (``detected_schema``: the id detection chose)."""
    lines = list(document.lines)
    before, after = _front(document)
    sections = []
    for index, section in enumerate(document.sections):
        start = (section.lead_span or section.span).end_line + 1
        following = document.sections[index + 1 : index + 2]
        end = following[0].span.line - 1 if following else len(lines)
        sections.append(_section(section, (start, end), lines))
    return PlanDocument(
        detected_schema=detected_schema,
        title=document.title.text if document.title is not None else None,
        text_before_tags=before,
        tags=_tags(document),
        text_after_tags=after,
        sections=sections,
    )
