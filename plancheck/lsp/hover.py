"""Hover: on a prompt, the constraints the template puts on its answer; on a tag, its
declaration and the vocabulary entry its value stands for; on a heading, its section."""

from __future__ import annotations

from lsprotocol import types

from plancheck.align import MatchKind, PromptMatch, SectionMatch
from plancheck.document import Span, Tag
from plancheck.lsp.analysis import Analysis
from plancheck.lsp.completion import aliases_of
from plancheck.lsp.positions import UTF16, to_range
from plancheck.schema import Policy, Schema, TagFormat, TagSpec, Vocabulary
from plancheck.vocabulary import Level

POLICIES = {
    Policy.CLOSED: "closed: only its terms are valid",
    Policy.OPEN: "open: other terms are valid, near misses of a term are drift",
    Policy.FREE: "free text: only case, spacing and trailing punctuation are drift",
}
LEVELS = {
    Level.ALIAS: "a listed alias",
    Level.FOLDED: "case, spacing or punctuation differ",
    Level.SPELLING: "a spelling variant or plural",
    Level.REGION: "a region of the country",
    Level.NEAR: "a near miss (typo)",
}


def _on(span: Span, line: int, column: int) -> bool:
    after_start = (line, column) >= (span.line, span.column)
    return after_start and (line, column) <= (span.end_line, span.end_column)


def _format(spec: TagSpec) -> str:
    if spec.format is TagFormat.ONE_OF and spec.values:
        return "one of: " + ", ".join(f"`{v}`" for v in spec.values)
    return {
        TagFormat.TEXT: "text",
        TagFormat.EMAIL: "an e-mail address",
        TagFormat.YEAR: "a year",
        TagFormat.INTEGER: "an integer",
        TagFormat.COORDINATES: "`latitude,longitude` in decimal degrees",
        TagFormat.VOCABULARY: "a vocabulary term",
        TagFormat.URL: "a web link (`https://...`)",
    }[spec.format]


def _entry(vocabulary: Vocabulary, value: str) -> str:
    """What the vocabulary says of ``value``: the term it is or stands for, or none."""
    found = vocabulary.index.match(value)
    if found is None:
        close = vocabulary.index.suggest(value)
        hint = f" Close terms: {', '.join(close)}." if close else ""
        return f"`{value}` is not a term of the vocabulary.{hint}"
    if found.level is Level.EXACT:
        head = f"**{found.canonical}** is a term of the vocabulary."
    else:
        head = f"`{value}` stands for **{found.canonical}** ({LEVELS[found.level]})."
    parts = [head]
    described = {t.term: t.description for t in vocabulary.terms if t.description}
    if found.canonical in described:
        parts.append(described[found.canonical])
    aliases = aliases_of(vocabulary).get(found.canonical)
    if aliases:
        parts.append("Also written: " + ", ".join(aliases))
    return "\n\n".join(parts)


def tag_text(analysis: Analysis, tag: Tag) -> str:
    declared = analysis.tag_spec(tag.key)
    if declared is None:
        return f"**`[[{tag.key}]]`**: no schema declares this tag."
    schema, spec = declared
    count = "may repeat" if spec.multiple else "once"
    need = "required" if spec.required else "optional"
    parts = [
        f"**`[[{spec.key}]]`** · tag of `{schema.id}` · {need}, {count}",
        f"Value: {_format(spec)}.",
    ]
    if spec.description:
        parts.append(spec.description)
    vocabulary = schema.vocabulary(spec.key)
    if vocabulary is not None:
        policy = spec.effective_policy
        words = f"; {POLICIES[policy]}" if policy else ""
        parts.append(f"Vocabulary: {vocabulary.title} (`{vocabulary.id}`){words}.")
        parts.append(_entry(vocabulary, tag.value))
    return "\n\n".join(parts)


def prompt_text(schema: Schema, section: SectionMatch, match: PromptMatch) -> str:
    spec = match.spec
    where = f"section *{section.spec.heading}*" if section.spec else "a section"
    if spec is None:
        return f"This prompt is not one of the template's prompts for {where} (`{schema.id}`)."
    need = "required" if spec.required else "optional"
    words = spec.answer.describe()
    parts = [
        f"**Prompt** of {where} (`{schema.id}`), {need}",
        "Answer: " + ("; ".join(words) if words else "no constraints") + ".",
    ]
    if match.kind in (MatchKind.FOLDED, MatchKind.NEAR):
        parts.append(f"Template text: {spec.text}")
    return "\n\n".join(parts)


def section_text(schema: Schema, match: SectionMatch) -> str:
    spec = match.spec
    if spec is None:
        return f"Not a section of `{schema.id}`."
    need = "required" if spec.required else "optional"
    parts = [f"**Section** *{spec.heading}* of `{schema.id}`, {need}"]
    if spec.aliases:
        parts.append("Also headed: " + ", ".join(spec.aliases))
    if spec.prompts:
        parts.append("Prompts:\n" + "\n".join(f"- {p.text}" for p in spec.prompts))
    return "\n\n".join(parts)


def _find(analysis: Analysis, line: int, column: int) -> tuple[str, Span] | None:
    for tag in analysis.document.tags:
        if _on(tag.span, line, column):
            return tag_text(analysis, tag), tag.span
    schema = analysis.schema
    if schema is None:
        return None
    for section in analysis.alignment:
        if section.section.span.line == line:
            return section_text(schema, section), section.section.span
        for match in section.prompts:
            span = match.prompt.span
            if span.line <= line <= span.end_line:
                return prompt_text(schema, section, match), span
    return None


def hover(analysis: Analysis, line: int, column: int, encoding: str = UTF16) -> types.Hover | None:
    """What to show for the cursor at 1-based ``line`` and ``column``."""
    found = _find(analysis, line, column)
    if found is None:
        return None
    text, span = found
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=to_range(analysis.lines, span, encoding),
    )
