"""Document rules: unknown-schema, empty-document, missing-tag-block (the reader's
rules, unreadable-file and invalid-encoding, are tested in tests/test_files.py)."""

from __future__ import annotations

from tests.conftest import VALID, lint_text, problems


def test_unknown_schema_fires_for_an_unknown_type_and_names_candidates() -> None:
    head = VALID.split("****")[0].replace("[[type:miniplan]]", "[[type:report]]")
    source = head + "\n## Annex\n\n> Anything else?\n\nNo.\n"
    found = lint_text(source, select=("unknown-schema",))
    assert [(d.span.line, d.span.column) for d in found] == [(7, 1)]
    assert "type 'report'" in found[0].message
    assert "nearest: mini (" in found[0].message


def test_unknown_type_value_with_fitting_structure_is_an_invalid_value() -> None:
    source = VALID.replace("[[type:miniplan]]", "[[type:mini plan]]")
    assert problems(source, "unknown-schema") == []
    assert problems(source, "invalid-tag-value") == [(7, 8)]


def test_unknown_schema_quiet_when_a_schema_fits() -> None:
    assert problems(VALID, "unknown-schema") == []


def test_unknown_schema_without_type_tag_points_at_start() -> None:
    source = "# Notes\n\n[[year:2024]]\n## Anything\n"
    assert problems(source, "unknown-schema") == [(1, 1)]


def test_schema_rules_are_skipped_without_a_schema() -> None:
    source = "# Notes\n\n[[year:2024]]\n## Anything\n"
    rules = {d.rule for d in lint_text(source)}
    assert rules == {"unknown-schema"}


def test_empty_document_is_reported_alone() -> None:
    for source in ("", "  \n\n\t\n"):
        found = lint_text(source)
        assert [(d.rule, d.span.line, d.span.column) for d in found] == [("empty-document", 1, 1)]


def test_empty_document_quiet_on_content() -> None:
    assert problems(VALID, "empty-document") == []


def test_missing_tag_block_fires_after_the_title() -> None:
    source = "# A plan\n\n## Challenge statement\n"
    assert problems(source, "missing-tag-block") == [(2, 1)]
    # and the per-tag findings are not repeated on top of it
    assert problems(source, "missing-tag", schema_id="mini") == []


def test_missing_tag_block_quiet_with_tags() -> None:
    assert problems(VALID, "missing-tag-block") == []


README = "# Our lab\n\nHow we keep our plans.  \n\n## Installation\n\n<!-- plancheck-disable-file html-residue -->\n"


def test_not_a_plan_is_said_once_at_info_and_nothing_else_runs() -> None:
    found = lint_text(README)
    assert [(d.rule, d.severity.value, d.span.line, d.span.column) for d in found] == [
        ("not-a-plan", "info", 1, 1)
    ]


def test_not_a_plan_quiet_on_a_plan_and_on_a_broken_plan() -> None:
    assert problems(VALID, "not-a-plan") == []
    # a template heading without a tag block is a plan that lost its tags
    assert problems("# A plan\n\n## Challenge statement\n", "not-a-plan") == []
    # a tag block without a template is a plan of an unknown template
    assert problems("# Notes\n\n[[year:2024]]\n## Anything\n", "not-a-plan") == []


def test_not_a_plan_stays_info_whatever_the_configured_severity() -> None:
    from plancheck import check_text
    from plancheck.diagnostics import Severity
    from plancheck.linter import RuleSet
    from tests.conftest import mini_schema

    rules = RuleSet.from_selectors(severity={"not-a-plan": Severity.ERROR})
    found = check_text(README, {"mini": mini_schema()}, path="README.md", rules=rules)
    assert [(d.rule, d.severity) for d in found] == [("not-a-plan", Severity.INFO)]


def test_a_forced_schema_makes_any_file_a_plan() -> None:
    assert problems(README, "not-a-plan", schema_id="mini") == []


def test_without_not_a_plan_every_markdown_file_is_checked_as_a_plan() -> None:
    found = lint_text(README, select=("PC0", "PC6"))
    assert [d.rule for d in found] == ["not-a-plan"]
    found = lint_text(README, select=("PC001", "trailing-whitespace"))
    assert [(d.rule, d.span.line) for d in found] == [
        ("unknown-schema", 1),
        ("trailing-whitespace", 3),
    ]
