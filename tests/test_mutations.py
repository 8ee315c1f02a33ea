"""Mutation tests on real documents: break one thing, the right rule fires at the line.

Each case copies a real corpus document (in memory), makes one change an author could
make (drop a section, a tag or a prompt; misspell a heading; empty a required answer)
and checks that the expected rule reports it at the expected line and did not before.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from plancheck import check_text
from plancheck.align import MatchKind, align
from plancheck.detect import detect
from plancheck.diagnostics import Diagnostic
from plancheck.document import Document
from plancheck.parser import parse
from plancheck.schema import Schema
from tests.conftest import CORPUS, needs_corpus

pytestmark = [needs_corpus]

SAMPLE = 60  # documents per mutation, drawn with a fixed seed


@dataclass(frozen=True)
class Expected:
    rule: str
    line: int
    words: str  # a part of the message


Mutation = Callable[[Document, Schema, list[str]], tuple[list[str], Expected] | None]


def _documents() -> list[str]:
    paths = sorted(CORPUS.glob("learningplan/*.md")) + sorted(CORPUS.glob("experiment/*.md"))
    return [str(p) for p in random.Random(2026).sample(paths, SAMPLE)]


def drop_section(
    doc: Document, schema: Schema, lines: list[str]
) -> tuple[list[str], Expected] | None:
    matches = align(doc, schema)
    for i, m in enumerate(matches[:-1]):
        same = [x for x in matches if x.spec is m.spec]
        after = matches[i + 1].order
        # the finding points at the next section of the template, so that one must follow
        in_order = m.order is not None and after is not None and after > m.order
        if m.spec is not None and m.spec.required and len(same) == 1 and in_order:
            start, end = m.section.span.line, matches[i + 1].section.span.line
            mutated = lines[: start - 1] + lines[end - 1 :]
            return mutated, Expected("missing-section", start, f"'## {m.spec.heading}'")
    return None


def drop_year_tag(
    doc: Document, schema: Schema, lines: list[str]
) -> tuple[list[str], Expected] | None:
    tag = doc.first_tag("year")
    if tag is None or doc.tag_block is None or tag.span.line == doc.tag_block.line:
        return None  # with year first, the block would start elsewhere
    mutated = lines[: tag.span.line - 1] + lines[tag.span.line :]
    return mutated, Expected("missing-tag", doc.tag_block.line, "[[year:...]]")


def drop_prompt(
    doc: Document, schema: Schema, lines: list[str]
) -> tuple[list[str], Expected] | None:
    for sm in align(doc, schema):
        if sm.spec is None or [x.spec for x in align(doc, schema)].count(sm.spec) != 1:
            continue
        for k, pm in enumerate(sm.prompts):
            spec = pm.spec
            if spec is None or not spec.required or pm.prompt.span.line != pm.prompt.span.end_line:
                continue
            if sum(1 for x in sm.prompts if x.spec is spec) != 1:
                continue
            line = pm.prompt.span.line
            mutated = lines[: line - 1] + lines[line:]
            earlier = [x.prompt for x in sm.prompts[:k] if x.spec is not None]
            before = earlier[-1] if earlier else None
            if before is None:
                anchor = sm.section.span.line
            else:
                anchor = (before.answer.span or before.span).end_line
            return mutated, Expected("missing-prompt", anchor + 1, spec.text[:40])
    return None


def misspell_heading(
    doc: Document, schema: Schema, lines: list[str]
) -> tuple[list[str], Expected] | None:
    for sm in align(doc, schema):
        heading = sm.section.heading
        if sm.kind is MatchKind.EXACT and len(heading) >= 8:
            line = sm.section.span.line
            mid = len(heading) // 2
            typo = heading[:mid] + heading[mid + 1 :]
            mutated = list(lines)
            mutated[line - 1] = lines[line - 1].replace(heading, typo, 1)
            return mutated, Expected("heading-drift", line, f"should be '{heading}'")
    return None


def empty_answer(
    doc: Document, schema: Schema, lines: list[str]
) -> tuple[list[str], Expected] | None:
    for sm in align(doc, schema):
        for pm in sm.prompts:
            answer = pm.prompt.answer
            if pm.spec is None or not pm.spec.answer.required or answer.is_empty:
                continue
            if pm.prompt.group is not None or answer.span is None:
                continue
            if answer.span.line <= pm.prompt.span.end_line:  # lazy continuation line
                continue
            start, end = answer.span.line, answer.span.end_line
            mutated = lines[: start - 1] + [""] * (end - start + 1) + lines[end:]
            return mutated, Expected("empty-answer", pm.prompt.span.line, pm.spec.text[:40])
    return None


MUTATIONS: dict[str, Mutation] = {
    "drop-section": drop_section,
    "drop-tag": drop_year_tag,
    "drop-prompt": drop_prompt,
    "misspell-heading": misspell_heading,
    "empty-answer": empty_answer,
}


def _hits(found: list[Diagnostic], expected: Expected) -> list[Diagnostic]:
    return [
        d
        for d in found
        if d.rule == expected.rule and d.span.line == expected.line and expected.words in d.message
    ]


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_mutation_is_reported_at_the_right_line(name: str, builtin: dict[str, Schema]) -> None:
    applied = 0
    for path in _documents():
        text = Path(path).read_text(encoding="utf-8")
        doc = parse(text, path)
        schema = detect(doc, builtin).schema
        assert schema is not None, path
        lines = text.split("\n")
        made = MUTATIONS[name](doc, schema, lines)
        if made is None:
            continue
        mutated, expected = made
        before = check_text(text, builtin, path=path, schema_id=schema.id)
        after = check_text("\n".join(mutated), builtin, path=path, schema_id=schema.id)
        assert _hits(after, expected), (
            path,
            expected,
            [d for d in after if d.rule == expected.rule],
        )
        assert not [
            d
            for d in before
            if d.rule == expected.rule
            and expected.words in d.message
            and d.span.line == expected.line
        ], path
        applied += 1
    assert applied >= SAMPLE // 2, f"only {applied} documents could take the mutation {name}"
