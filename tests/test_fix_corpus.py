"""Fixing every real learning plan and experiment: idempotent, no word of an answer lost,
no new finding, and a broken copy fixes to the same text as the original."""

from __future__ import annotations

import re
from pathlib import Path

from plancheck.align import MatchKind, align
from plancheck.fixer import fix_text
from plancheck.linter import lint
from plancheck.parser import parse
from plancheck.schema import Schema
from tests.conftest import CORPUS, needs_corpus
from tests.fixcheck import answer_words, new_findings

pytestmark = [needs_corpus]


def documents() -> list[Path]:
    return sorted(CORPUS.glob("learningplan/*.md")) + sorted(CORPUS.glob("experiment/*.md"))


def break_it(source: str, schema: Schema) -> str:
    """The damage an author or an editor does, each kind once, where the fixer can undo it:
    a heading's case, a prompt's case, spaces in a tag, an entity, CRLF line endings."""
    doc = parse(source)
    lines = source.split("\n")
    for sm in align(doc, schema):
        if sm.kind is MatchKind.EXACT and sm.section.heading.lower() != sm.section.heading:
            n = sm.section.span.line - 1
            lines[n] = lines[n].replace(sm.section.heading, sm.section.heading.lower(), 1)
            break
    for sm in align(doc, schema):
        exact = [
            pm for pm in sm.prompts if pm.kind is MatchKind.EXACT and pm.prompt.text[0].isupper()
        ]
        if exact:
            n = exact[0].prompt.span.line - 1
            lines[n] = lines[n].replace(exact[0].prompt.text[0], exact[0].prompt.text[0].lower(), 1)
            break
    year = doc.first_tag("year")
    if year is not None:
        lines[year.span.line - 1] = f"[[ year : {year.value} ]]"
    source = "\n".join(lines)
    source = re.sub(r"(?m)^([^>#\[\n][^\n]*?\w) & (\w)", r"\1 &amp; \2", source, count=1)
    return source.replace("\r\n", "\n").replace("\n", "\r\n")


def test_fixing_the_corpus(builtin: dict[str, Schema]) -> None:
    changed = 0
    for path in documents():
        text = path.read_bytes().decode("utf-8")
        before = lint(parse(text, str(path)), builtin)
        result = fix_text(text, builtin, path=str(path))
        assert result.converged, path
        if not result.changed:
            assert result.source == text, path
            continue
        changed += 1
        assert not fix_text(result.source, builtin, schema_id=result.schema_id).changed, path
        assert answer_words(result.source) == answer_words(text), path
        assert not new_findings(before, result.remaining), (
            path,
            new_findings(before, result.remaining),
        )
        schema = builtin[result.schema_id or ""]
        broken = fix_text(break_it(text, schema), builtin, schema_id=schema.id)
        assert broken.source == result.source, path
    assert changed > 1000  # most documents have something to fix (the template's own drift)
