"""The fix guard: a fix that would change the author's words, glue two of them or merge
two tag values is never written, and the run names the rule whose fix did it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancheck import cli, fix_text, preserve
from plancheck.codes import ALWAYS, RuleInfo
from plancheck.diagnostics import Applicability, Edit, Finding, Fix, Severity
from plancheck.document import Span
from plancheck.linter import RuleSet
from plancheck.parser import parse
from plancheck.rules import ALL_RULES
from plancheck.rules.base import Context, rule
from tests.conftest import SEEDS, VALID, line_of, mini_schema

ANSWER = "Our challenge is that waste is not collected in the old town."


@rule(RuleInfo("PC699", "glue-words", Severity.WARNING, ALWAYS, "A test rule."), needs_schema=False)
def glue_words(ctx: Context) -> Iterator[Finding]:
    """A deliberately broken rule: its "safe" fix deletes the space between the first two
    words of the first answer."""
    answers = [p.answer for s in ctx.document.sections for p in s.prompts if p.answer.blocks]
    if answers:
        n = answers[0].blocks[0].span.line
        at = ctx.document.lines[n - 1].find(" ")
        span = Span(n, at + 1, n, at + 2)
        yield Finding(span, "glue", Fix(Applicability.SAFE, "glue", (Edit(span, ""),)))


@rule(
    RuleInfo("PC698", "merge-values", Severity.WARNING, ALWAYS, "A test rule."), needs_schema=False
)
def merge_values(ctx: Context) -> Iterator[Finding]:
    """A deliberately broken rule: its fix joins two tags into one value."""
    tags = ctx.document.tags
    if len(tags) > 2 and tags[1].key == "latlng":
        return
    first, second = ctx.document.tags[-2:]
    if first.key == "country" and second.key == "latlng":
        span = Span(first.span.line, 1, second.span.end_line, second.span.end_column)
        joined = f"[[country:{first.value} {second.value}]]"
        yield Finding(span, "merge", Fix(Applicability.SAFE, "merge", (Edit(span, joined),)))


def broken_rules(extra: object) -> RuleSet:
    return RuleSet((*ALL_RULES, extra))  # type: ignore[arg-type]


def test_a_fix_that_glues_two_words_is_refused_and_names_the_rule() -> None:
    source = VALID.replace("old town.", "old town.&nbsp;")  # a good fix in the same file
    result = fix_text(source, {"mini": mini_schema()}, rules=broken_rules(glue_words))
    assert result.source == source  # nothing applied, not even the good fix
    assert not result.applied
    assert result.refused is not None
    assert "PC699 glue-words" in result.refused
    assert f"at line {line_of(source, ANSWER)}" in result.refused
    assert "'Ourchallenge" in result.refused


def test_a_fix_that_merges_two_tag_values_is_refused() -> None:
    source = VALID.replace("[[latlng:8.5,-80.1]]", "[[latlng:Panama City]]")
    result = fix_text(source, {"mini": mini_schema()}, rules=broken_rules(merge_values))
    assert result.refused is not None
    assert "PC698 merge-values" in result.refused
    assert "joins the words of two values" in result.refused


def test_the_guard_lets_every_real_fix_through() -> None:
    broken = VALID.replace("waste is not", "waste &amp; litter are not<div>really</div>")
    result = fix_text(broken, {"mini": mini_schema()}, unsafe=True)
    assert result.refused is None and result.changed


def test_fix_does_not_write_a_refused_file_and_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan.md"
    source = (SEEDS / "learningplan-design.md").read_text(encoding="utf-8") + "\n\n\n"
    plan.write_text(source, encoding="utf-8")
    monkeypatch.setattr("plancheck.linter.ALL_RULES", (*ALL_RULES, glue_words))
    out = CliRunner().invoke(cli.cli, ["fix", "--isolated", str(plan)])
    assert plan.read_text(encoding="utf-8") == source
    assert out.exit_code == 2, out.output
    assert "did not write this file" in out.output and "PC699 glue-words" in out.output


def test_reading_decodes_entities_and_treats_block_html_as_a_break() -> None:
    def prose(answer: str) -> preserve.Words:
        return preserve.read(parse(VALID.replace(ANSWER, answer))).prose

    assert prose("A&amp;B<div>C</div>D") == prose("A&B\nC\nD")
    assert prose("CO<sub>2</sub>") == prose("CO2")
    assert prose("one&amp;lt;br&amp;gt;two") == prose("one two")
    assert prose("one two") != prose("onetwo")
    assert prose("one two") != prose("two one")
