"""A :class:`~plancheck.export.PlanDocument` -> Markdown in the archive's house format.

The layout is the archive's: the title, a blank line, the tag block with focal_point, year
and type each followed by a blank line, the first heading right below the last tag, a
section's lead on the line below its heading, and a blank line between every other pair
of blocks. Text fields are written as they are, so parsing the result gives the model
back (see tests/test_parse_render.py for the round trip over the corpus).
"""

from __future__ import annotations

from plancheck.export import (
    GroupModel,
    MalformedTagModel,
    PlanDocument,
    PromptModel,
    SectionModel,
    TagModel,
    TextModel,
)
from plancheck.house import FIRST_TAGS  # a blank line after each

GROUP_OPEN = '<div class="group">'
GROUP_CLOSE = "</div>"


def _marked(mark: str, text: str) -> str:
    """``# title``, ``## heading``, ``> prompt``; the bare mark when the text is empty, so
    that no line ends in a space."""
    return f"{mark} {text}" if text else mark


def _tag_block(document: PlanDocument) -> list[str]:
    out: list[str] = []
    tags = document.tags
    for index, tag in enumerate(tags):
        if isinstance(tag, MalformedTagModel):
            out.extend(tag.raw.split("\n"))
            continue
        out.append(f"[[{tag.key}:{tag.value}]]")
        # A blank line starts a new paragraph, which is read as tags only if it opens with
        # one: a malformed line such as `x]]` stays in the paragraph of the tag before it.
        following = tags[index + 1] if index + 1 < len(tags) else None
        if tag.key in FIRST_TAGS and isinstance(following, TagModel):
            out.append("")
    return out


def _item(item: PromptModel | TextModel | GroupModel) -> list[str]:
    """An item's blocks, to be separated by blank lines."""
    if isinstance(item, TextModel):
        return [item.markdown]
    if isinstance(item, PromptModel):
        return [_marked(">", item.text), *([item.answer] if item.answer else [])]
    blocks = [GROUP_OPEN]
    for inner in item.content:
        blocks += _item(inner)
    if item.closed:
        blocks.append(GROUP_CLOSE)
    return blocks


def _section(section: SectionModel) -> str:
    head = _marked("##", section.heading)
    if section.lead is not None:
        head += "\n" + section.lead
    blocks = [head]
    for item in section.content:
        blocks += _item(item)
    return "\n\n".join(blocks)


def render(document: PlanDocument) -> str:
    """The document as Markdown text, ending with a line break."""
    front: list[str] = []
    if document.title is not None:
        front.append(_marked("#", document.title))
    if document.text_before_tags:
        front.append(document.text_before_tags)
    tags = _tag_block(document)
    if tags:
        front.append("\n".join(tags))
    if document.text_after_tags:
        front.append(document.text_after_tags)
    text = "\n\n".join(front)
    for section in document.sections:
        # The archive puts the first heading right below the tags; elsewhere a blank line
        # keeps an open HTML block or list from running into the heading.
        right_below_tags = bool(tags) and text.endswith(tags[-1]) and not document.text_after_tags
        separator = "\n" if right_below_tags and section is document.sections[0] else "\n\n"
        text = f"{text}{separator}{_section(section)}" if text else _section(section)
    return text + "\n"
