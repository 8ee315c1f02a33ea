"""Completion: tag keys after ``[[``, vocabulary terms after ``[[key:``, the template's
missing section headings after ``##`` and its prompts after ``>``.

Items replace what is already typed of the thing they complete (a term up to ``]]``, a
whole heading or prompt line), so accepting one never leaves half a word behind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from plancheck.lsp.analysis import Analysis
from plancheck.lsp.positions import UTF16, to_position
from plancheck.schema import PromptSpec, Schema, SectionSpec, TagFormat, TagSpec, Vocabulary

TRIGGERS = ["[", ":", "#", ">"]

TAG_KEY = re.compile(r"^\s*\[\[(?P<key>[a-z0-9_]*)$")
TAG_VALUE = re.compile(r"\[\[(?P<key>[a-z][a-z0-9_]*):(?P<value>[^\]]*)$")
HEADING = re.compile(r"^##(?!#)")
PROMPT = re.compile(r"^ {0,3}>")
KEY_REST = re.compile(r"[a-z0-9_]*:?")
VALUE_REST = re.compile(r"[^\]]*")


def _edit(
    lines: Sequence[str], line: int, start: int, end: int, text: str, encoding: str
) -> types.TextEdit:
    """Replace 1-based columns [start, end) of ``line`` with ``text``."""
    return types.TextEdit(
        range=types.Range(
            start=to_position(lines, line, start, encoding),
            end=to_position(lines, line, end, encoding),
        ),
        new_text=text,
    )


def aliases_of(vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Each term's other names (aliases, and for countries the ISO names)."""
    out: dict[str, list[str]] = {}
    for form, canonical in vocabulary.index.canonical.items():
        if form != canonical:
            out.setdefault(canonical, []).append(form)
    return out


def _term_doc(vocabulary: Vocabulary, term: str, aliases: list[str], described: str) -> str:
    parts = [f"{vocabulary.title} (vocabulary `{vocabulary.id}`)"]
    if described:
        parts.append(described)
    if aliases:
        parts.append("Also written: " + ", ".join(aliases))
    return "\n\n".join(parts)


def _values(schema: Schema, spec: TagSpec) -> list[tuple[str, list[str], str]]:
    """(value, aliases, documentation) for each value the tag may take."""
    vocabulary = schema.vocabulary(spec.key)
    if vocabulary is not None:
        aliases = aliases_of(vocabulary)
        described = {t.term: t.description for t in vocabulary.terms}
        terms = vocabulary.index.terms
        if vocabulary.source is not None:
            # A file's terms keep its order (the platform's list); countries come from
            # ISO 3166-1 in code order, so they are put in alphabetical order.
            terms = sorted(terms, key=str.casefold)
        return [
            (
                t,
                aliases.get(t, []),
                _term_doc(vocabulary, t, aliases.get(t, []), described.get(t, "")),
            )
            for t in terms
        ]
    if spec.format is TagFormat.ONE_OF and spec.values:
        return [(v, [], f"one of the values of `[[{spec.key}]]`") for v in spec.values]
    return []


def tag_values(
    analysis: Analysis, line: int, column: int, encoding: str = UTF16
) -> list[types.CompletionItem]:
    text = analysis.lines[line - 1]
    found = TAG_VALUE.search(text[: column - 1])
    if found is None:
        return []
    declared = analysis.tag_spec(found["key"])
    if declared is None:
        return []
    schema, spec = declared
    start = found.start("value") + 1
    rest = VALUE_REST.match(text, column - 1)
    end = rest.end() + 1 if rest else column
    closing = "" if text[end - 1 : end + 1] == "]]" else "]]"
    # A multi-valued tag's values given on other lines are not offered again.
    taken = {t.value for t in analysis.document.tags if t.key == spec.key and t.span.line != line}
    items = []
    for rank, (value, aliases, doc) in enumerate(_values(schema, spec)):
        if spec.multiple and value in taken:
            continue
        items.append(
            types.CompletionItem(
                label=value,
                kind=types.CompletionItemKind.EnumMember,
                detail=f"[[{spec.key}]]",
                documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=doc),
                filter_text=" ".join([value, *aliases]),
                sort_text=f"{rank:05d}",
                text_edit=_edit(analysis.lines, line, start, end, value + closing, encoding),
            )
        )
    return items


def tag_keys(
    analysis: Analysis, line: int, column: int, encoding: str = UTF16
) -> list[types.CompletionItem]:
    text = analysis.lines[line - 1]
    found = TAG_KEY.match(text[: column - 1])
    if found is None:
        return []
    start = found.start("key") + 1
    rest = KEY_REST.match(text, column - 1)
    end = rest.end() + 1 if rest else column
    if analysis.schema is not None:
        specs = analysis.schema.tags
    else:
        specs = list({t.key: t for s in analysis.options.schemas.values() for t in s.tags}.values())
    present = {t.key for t in analysis.document.tags if t.span.line != line}
    items = []
    for rank, spec in enumerate(specs):
        if spec.key in present and not spec.multiple:
            continue
        missing = spec.required and spec.key not in present
        items.append(
            types.CompletionItem(
                label=spec.key,
                kind=types.CompletionItemKind.Property,
                detail="required tag, missing" if missing else "tag",
                documentation=spec.description or None,
                sort_text=f"{0 if missing else 1}{rank:03d}",
                text_edit=_edit(analysis.lines, line, start, end, f"{spec.key}:", encoding),
            )
        )
    return items


def _section_doc(spec: SectionSpec) -> str:
    what = "Required" if spec.required else "Optional"
    if spec.repeatable:
        what += (
            f", repeatable up to {spec.max_repeats} times" if spec.max_repeats else ", repeatable"
        )
    prompts = "".join(f"\n- {p.text}" for p in spec.prompts)
    return f"{what} section.\n\nPrompts:{prompts}" if prompts else f"{what} section."


def headings(
    analysis: Analysis, line: int, column: int, encoding: str = UTF16
) -> list[types.CompletionItem]:
    """The template's sections the document lacks (a repeatable one until its limit)."""
    text = analysis.lines[line - 1]
    if analysis.schema is None or not HEADING.match(text[: column - 1]):
        return []
    counts: dict[int, int] = {}
    for m in analysis.alignment:
        if m.spec is not None and m.section.span.line != line:
            counts[id(m.spec)] = counts.get(id(m.spec), 0) + 1
    items = []
    for rank, spec in enumerate(analysis.schema.sections):
        limit = (spec.max_repeats or 10**6) if spec.repeatable else 1
        if counts.get(id(spec), 0) >= limit:
            continue
        items.append(
            types.CompletionItem(
                label=spec.heading,
                kind=types.CompletionItemKind.Module,
                detail=f"{'required' if spec.required else 'optional'} section "
                f"of {analysis.schema.id}",
                documentation=types.MarkupContent(
                    kind=types.MarkupKind.Markdown, value=_section_doc(spec)
                ),
                filter_text=f"## {spec.heading}",
                sort_text=f"{rank:03d}",
                text_edit=_edit(
                    analysis.lines, line, 1, len(text) + 1, f"## {spec.heading}", encoding
                ),
            )
        )
    return items


def _prompt_doc(spec: PromptSpec) -> str:
    words = spec.answer.describe()
    what = "Required prompt." if spec.required else "Optional prompt."
    return f"{what} Answer: {'; '.join(words)}." if words else what


def prompts(
    analysis: Analysis, line: int, column: int, encoding: str = UTF16
) -> list[types.CompletionItem]:
    """The prompts of the section the line is in: those it lacks first, then the rest
    (groups repeat their prompts)."""
    text = analysis.lines[line - 1]
    match = analysis.section_at(line)
    if match is None or match.spec is None or not PROMPT.match(text[: column - 1]):
        return []
    present = {
        id(pm.spec)
        for pm in match.prompts
        if pm.spec is not None and not pm.prompt.span.line <= line <= pm.prompt.span.end_line
    }
    items = []
    for rank, spec in enumerate(match.spec.prompts):
        missing = id(spec) not in present
        items.append(
            types.CompletionItem(
                label=spec.text,
                kind=types.CompletionItemKind.Text,
                detail=f"{'missing' if missing else 'present'} prompt of '{match.spec.heading}'",
                documentation=_prompt_doc(spec),
                filter_text=f"> {spec.text}",
                sort_text=f"{0 if missing else 1}{rank:03d}",
                text_edit=_edit(analysis.lines, line, 1, len(text) + 1, f"> {spec.text}", encoding),
            )
        )
    return items


def complete(
    analysis: Analysis, line: int, column: int, encoding: str = UTF16
) -> list[types.CompletionItem]:
    """The items for the cursor at 1-based ``line`` and ``column``."""
    if not 1 <= line <= len(analysis.lines):
        return []
    for provider in (tag_values, tag_keys, headings, prompts):
        items = provider(analysis, line, column, encoding)
        if items:
            return items
    return []
