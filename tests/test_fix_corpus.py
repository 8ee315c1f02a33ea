"""Fixing every real document, with safe and with unsafe fixes: the author's words kept,
idempotent, no new finding, and a broken copy fixes to the same text as the original."""

from __future__ import annotations

import functools
import multiprocessing
import re
from pathlib import Path

import pytest

from plancheck import check_text, fix_text, preserve
from plancheck.align import MatchKind, align
from plancheck.parser import parse
from plancheck.schema import Schema, load_schemas
from tests.conftest import CORPUS, needs_corpus
from tests.fixcheck import new_findings

pytestmark = [needs_corpus]


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


@functools.cache
def _schemas() -> dict[str, Schema]:
    return load_schemas()


def _fix_one(job: tuple[str, bool]) -> tuple[str, list[str]]:
    """Fix one document; what went wrong, if anything (run in a worker process)."""
    path, unsafe = job
    schemas = _schemas()
    text = Path(path).read_bytes().decode("utf-8")
    result = fix_text(text, schemas, path=path, unsafe=unsafe)
    wrong = []
    if result.refused:
        wrong.append(f"refused: {result.refused}")
    if not result.converged:
        wrong.append("did not converge")
    if not result.changed:
        return path, wrong
    after = preserve.read(parse(result.source, path))
    before = preserve.read(parse(text, path))
    if after.prose != before.prose:
        wrong.append("the author's words changed")
    again = fix_text(result.source, schemas, schema_id=result.schema_id, unsafe=unsafe)
    if again.changed:
        wrong.append("not idempotent")
    added = new_findings(
        check_text(text, schemas, path=path, schema_id=result.schema_id), result.remaining
    )
    if added:
        wrong.append(f"new findings: {dict(added)}")
    folder = Path(path).parent.name
    if not unsafe and folder in ("learningplan", "experiment"):
        schema = schemas[result.schema_id or ""]
        broken = fix_text(break_it(text, schema), schemas, schema_id=schema.id)
        if broken.source != result.source:
            wrong.append("a broken copy does not fix to the same text")
    return path, wrong


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixing_every_document_keeps_the_authors_text(unsafe: bool) -> None:
    """The fix guarantee on all of ../shared/corpus (learning plans, experiments and
    solutions): no word lost, glued, split or moved, no two tag values merged (the guard
    in plancheck.fixer would refuse such a fix: none is refused), idempotent, no new
    finding; and with safe fixes, a broken copy fixes to the same text."""
    paths = [str(p) for p in sorted(CORPUS.glob("*/*.md"))]
    assert len(paths) > 7000
    with multiprocessing.get_context("spawn").Pool(2) as workers:
        results = workers.map(_fix_one, [(p, unsafe) for p in paths], chunksize=16)
    wrong = [(path, what) for path, what in results if what]
    assert not wrong, wrong[:10]
