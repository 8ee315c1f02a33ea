"""Inline suppression comments, every form, and unused-suppression."""

from __future__ import annotations

from tests.conftest import VALID, line_of, lint_text

BROKEN = VALID.replace("## Closing", "## closing").replace("[[year:2024]]", "[[year:20234]]")


def found(source: str) -> list[tuple[str, int]]:
    return [(d.rule, d.span.line) for d in lint_text(source)]


def test_without_comments_both_findings_show() -> None:
    assert sorted(r for r, _ in found(BROKEN)) == ["heading-drift", "invalid-tag-value"]


def test_disable_next_line() -> None:
    source = BROKEN.replace(
        "## closing", "<!-- plancheck-disable-next-line heading-drift -->\n## closing"
    )
    assert [r for r, _ in found(source)] == ["invalid-tag-value"]


def test_disable_and_enable_around_a_passage() -> None:
    source = BROKEN.replace("[[year:20234]]", "<!-- plancheck-disable PC102 -->\n[[year:20234]]")
    source = source.replace("## closing", "<!-- plancheck-enable PC102 -->\n## closing")
    assert [r for r, _ in found(source)] == ["heading-drift"]


def test_enable_ends_the_passage() -> None:
    source = (
        "<!-- plancheck-disable heading-drift -->\n<!-- plancheck-enable heading-drift -->\n"
        + BROKEN
    )
    rules = [r for r, _ in found(source)]
    assert "heading-drift" in rules
    assert "unused-suppression" in rules  # the disable covered nothing


def test_disable_without_rules_covers_all_and_enable_one_back() -> None:
    source = "<!-- plancheck-disable -->\n<!-- plancheck-enable PC206 -->\n" + BROKEN
    assert [r for r, _ in found(source)] == ["heading-drift"]


def test_disable_file_anywhere() -> None:
    source = BROKEN + "<!-- plancheck-disable-file invalid-tag-value, PC206 -->\n"
    assert found(source) == []


def test_prefixes_and_codes() -> None:
    source = "<!-- plancheck-disable-file PC1 PC2 -->\n" + BROKEN
    assert found(source) == []


def test_unused_suppression_and_unknown_rule_names() -> None:
    source = VALID.replace(
        "## Closing", "<!-- plancheck-disable-next-line empty-answer no-such-rule -->\n## Closing"
    )
    result = lint_text(source)
    line = line_of(source, "plancheck-disable-next-line")
    assert [(d.rule, d.span.line, d.span.column) for d in result] == [
        ("unused-suppression", line, 1),
        ("unused-suppression", line, 1),
    ]
    assert sorted(d.message for d in result) == [
        "'no-such-rule' in plancheck-disable-next-line names no rule",
        "plancheck-disable-next-line empty-answer suppresses nothing",
    ]


def test_unused_suppression_can_be_ignored() -> None:
    source = "<!-- plancheck-disable-file empty-answer -->\n" + VALID
    assert [d.rule for d in lint_text(source)] == ["unused-suppression"]
    assert lint_text(source, select=("PC2",)) == []


def test_a_comment_that_is_not_closed_is_no_directive() -> None:
    source = BROKEN + "<!-- plancheck-disable-file\n"
    assert sorted(r for r, _ in found(source)) == ["heading-drift", "invalid-tag-value"]


def test_suppressed_findings_are_not_fixed() -> None:
    from plancheck import fix_text
    from tests.conftest import mini_schema

    source = BROKEN.replace(
        "## closing", "<!-- plancheck-disable-next-line heading-drift -->\n## closing"
    )
    assert "## closing" in fix_text(source, {"mini": mini_schema()}).source
