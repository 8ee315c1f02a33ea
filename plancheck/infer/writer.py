"""The inferred schema as a YAML file, the evidence for each decision as comments.

The YAML is written as text, in the layout of the built-in schemas, because the
evidence has to sit next to what it explains; scalars are quoted by PyYAML. What is
written is loaded back with plancheck's own schema loader before anyone sees it, so a
schema this module writes always passes `plancheck schema check`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from plancheck.files import write_atomic
from plancheck.infer.model import InferredSchema, SectionResult
from plancheck.infer.tags import InferredTag
from plancheck.schema import (
    VOCABULARY_FOLDER,
    Schema,
    Vocabulary,
    builtin_vocabularies,
    parse_schema,
)
from plancheck.schema import parse_vocabulary as _parse_vocabulary


def scalar(value: object) -> str:
    """One YAML scalar on one line, quoted where YAML needs it."""
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return text.removesuffix("\n...\n").strip()


def _comments(notes: Iterable[str], indent: str) -> list[str]:
    return [f"{indent}# {' '.join(n.split())}" for n in notes]


def _tag(tag: InferredTag) -> list[str]:
    out = _comments(tag.notes, "")
    out.append(f"- key: {tag.key}")
    out.append(f"  format: {tag.format.value}")
    if tag.values:
        out.append("  values:")
        out += [f"  - {scalar(v)}" for v in tag.values]
    if tag.vocabulary:
        out.append(f"  vocabulary: {tag.vocabulary}")
    if tag.policy is not None:
        out.append(f"  policy: {tag.policy.value}")
    out.append(f"  required: {scalar(tag.required)}")
    out.append(f"  multiple: {scalar(tag.multiple)}")
    if tag.repeat_values:
        out.append("  repeat_values: true")
    return out


def _answer(answer: dict[str, object], indent: str) -> list[str]:
    out = []
    for key, value in answer.items():
        if isinstance(value, list):
            out.append(f"{indent}{key}:")
            out += [f"{indent}- {scalar(v)}" for v in value]
        elif isinstance(value, dict):
            out.append(f"{indent}{key}:")
            out += _answer(value, indent + "  ")
        else:
            out.append(f"{indent}{key}: {scalar(value)}")
    return out


def _section(result: SectionResult) -> list[str]:
    s = result.section
    out = _comments(s.notes, "")
    out.append(f"- heading: {scalar(s.heading)}")
    if s.aliases:
        out.append("  aliases:")
        out += [f"  - {scalar(a)}" for a in s.aliases]
    out.append(f"  required: {scalar(s.required)}")
    if s.repeatable:
        out.append("  repeatable: true")
        out.append(f"  max_repeats: {s.max_repeats}")
    if not result.prompts:
        out.append("  prompts: []")
        return out
    out.append("  prompts:")
    for prompt, constraints in result.prompts:
        out += _comments([*prompt.notes, *constraints.notes], "  ")
        out.append(f"  - text: {scalar(prompt.text)}")
        if prompt.aliases:
            out.append("    aliases:")
            out += [f"    - {scalar(a)}" for a in prompt.aliases]
        out.append(f"    required: {scalar(prompt.required)}")
        if constraints.answer:
            out.append("    answer:")
            out += _answer(constraints.answer, "      ")
    return out


def render(inferred: InferredSchema) -> str:
    """The schema file's text (validated: it loads with the mined vocabularies)."""
    share = f"{inferred.min_share:g}"
    out = [
        f"# Inferred by `plancheck schema infer` from {inferred.documents:,} "
        f"document{'' if inferred.documents == 1 else 's'} (required: in at least {share} "
        "of them).",
        "# The comments are the evidence; review them, then edit what the documents got wrong.",
    ]
    if inferred.split is not None:
        out += _comments(inferred.split.warning(), "")
    out += _comments(inferred.notes, "")
    out += [
        f"id: {scalar(inferred.id)}",
        f"title: {scalar(inferred.title)}",
        f"type: {scalar(inferred.type)}",
        "tags:" if inferred.tags else "tags: []",
    ]
    for tag in inferred.tags:
        out += _tag(tag)
    out.append("sections:" if inferred.sections else "sections: []")
    for result in inferred.sections:
        out += _section(result)
    text = "\n".join(out) + "\n"
    load(text, inferred)  # a bug here must not reach a user's file
    return text


def vocabularies(inferred: InferredSchema) -> dict[str, str]:
    """The mined vocabulary files to write beside the schema: id -> text."""
    return {t.key: t.mined for t in inferred.tags if t.mined is not None}


def load(text: str, inferred: InferredSchema) -> Schema:
    known: dict[str, Vocabulary] = dict(builtin_vocabularies())
    for key, vocabulary in vocabularies(inferred).items():
        known[key] = _parse_vocabulary(vocabulary, f"vocabularies/{key}.yaml")
    return parse_schema(text, f"{inferred.id}.yaml", known)


def write(inferred: InferredSchema, text: str, output: Path) -> list[str]:
    """Write the schema to ``output`` and its mined vocabularies to ``vocabularies/``
    beside it, each atomically; say what was written. A vocabulary file already there is
    kept (it may be a maintainer's): the schema then uses it. Raises OSError."""
    said = []
    folder = output.parent / VOCABULARY_FOLDER
    for key, vocabulary in vocabularies(inferred).items():
        target = folder / f"{key}.yaml"
        if target.exists():
            said.append(f"kept {target}, which [[{key}]] now uses (not replaced by a mined one)")
            continue
        folder.mkdir(exist_ok=True)
        write_atomic(str(target), vocabulary)
        said.append(f"wrote a vocabulary for [[{key}]] to {target}")
    write_atomic(str(output), text)
    said.append(f"wrote {output} ({inferred.documents:,} documents)")
    return said
