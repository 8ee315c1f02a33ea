"""The whole real corpus: every document is processed, every plan gets a schema."""

from __future__ import annotations

from collections import Counter

from plancheck.files import Source, read
from plancheck.linter import RuleSet, context, lint
from plancheck.options import FileOptions
from plancheck.parser import parse
from plancheck.schema import Schema
from plancheck.settings import DEFAULT_SETTINGS
from tests.conftest import CORPUS, needs_corpus

pytestmark = [needs_corpus]


def test_every_document_is_processed_and_every_plan_has_a_schema(
    builtin: dict[str, Schema],
) -> None:
    counts: Counter[str] = Counter()
    unassigned: list[str] = []
    not_plans: list[str] = []
    for path in sorted(CORPUS.glob("*/*.md")):
        source = read(str(path))
        assert isinstance(source, Source), source
        document = parse(source.text, str(path))
        ctx = context(document, FileOptions(builtin, None, RuleSet(), DEFAULT_SETTINGS))
        found = lint(ctx)  # raises on any internal error
        not_plans += [str(path) for d in found if d.rule == "not-a-plan"]
        counts[path.parent.name] += 1
        if path.parent.name in ("learningplan", "experiment") and ctx.schema is None:
            unassigned.append(str(path))
    assert sum(counts.values()) == 7563
    assert counts["learningplan"] == 1102 and counts["experiment"] == 302
    assert unassigned == []
    assert not_plans == []  # every document of the archive is a plan, solutions too


def test_the_seed_is_a_corpus_document() -> None:
    from tests.conftest import SEED

    twin = CORPUS / "learningplan" / "grounding_portfolio_approaches_at_a_territorial_level.md"
    assert SEED.read_bytes() == twin.read_bytes()
