"""Structure rules: missing-title, empty-heading, missing-section, unknown-section,
section-order, heading-drift."""

from __future__ import annotations

import pytest

from plancheck.diagnostics import Applicability
from tests.conftest import VALID, apply_fix, line_of, lint_text, problems


@pytest.mark.parametrize(
    ("title", "expected"),
    [("# 1. \n", (1, 3)), ("# \n", (1, 3)), ("", (1, 1))],
)
def test_missing_title(title: str, expected: tuple[int, int]) -> None:
    source = VALID.replace("# Mini plan for tests\n", title)
    assert problems(source, "missing-title") == [expected]


def test_missing_title_quiet_on_a_real_title() -> None:
    assert problems(VALID, "missing-title") == []
    assert problems(VALID.replace("Mini plan", "2030 agenda, local"), "missing-title") == []


def test_empty_heading() -> None:
    source = VALID.replace("## Closing\n", "## \n****\n## Closing\n")
    assert problems(source, "empty-heading") == [(source.split("\n").index("## ") + 1, 1)]


def test_empty_heading_quiet_on_named_headings() -> None:
    assert problems(VALID, "empty-heading") == []


def test_missing_section_points_at_the_next_section() -> None:
    start = VALID.index("## Learning questions")
    end = VALID.index("## Learnings")
    source = VALID[:start] + VALID[end:]
    found = lint_text(source, select=("missing-section",))
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "## Learnings"), 1)]
    assert found[0].message == (
        "required section '## Learning questions' is missing (expected before '## Learnings')"
    )


def test_missing_section_at_the_end_when_nothing_follows() -> None:
    source = VALID[: VALID.index("## Learnings")]
    found = lint_text(source, select=("missing-section",))
    last = source.rstrip("\n").split("\n")
    assert [(d.span.line, d.span.column) for d in found] == [(len(last), len(last[-1]) + 1)]
    assert found[0].message.endswith("(expected after '## Learning questions')")


def test_missing_section_quiet_for_optional_sections_and_aliases() -> None:
    source = VALID.replace("## Closing\n", "").replace(
        "## Challenge statement", "## Énoncé du défi"
    )
    assert problems(source, "missing-section") == []


def test_unknown_section() -> None:
    source = VALID.replace("## Closing\n", "## Ailette\n")
    found = lint_text(source, select=("unknown-section",))
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "## Ailette"), 4)]
    assert "'Ailette' is not a section of schema mini" in found[0].message


def test_unknown_section_quiet_on_known_headings() -> None:
    assert problems(VALID, "unknown-section") == []


def test_section_order_reports_the_section_out_of_place() -> None:
    closing = "## Closing\n"
    source = VALID.replace(closing, "").replace(
        "## Learning questions", closing + "## Learning questions"
    )
    found = lint_text(source, select=("section-order",))
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "## Closing"), 4)]
    assert "out of template order" in found[0].message


def test_section_order_limits_repeats() -> None:
    block = VALID[VALID.index("## Learning questions") : VALID.index("## Learnings")]
    source = VALID.replace(block, block * 3)
    found = lint_text(source, select=("section-order",))
    assert len(found) == 1
    assert "appears 3 times; at most 2 allowed" in found[0].message
    assert problems(VALID.replace(block, block * 2), "section-order") == []


def test_section_order_once_only_for_non_repeatable_sections() -> None:
    source = VALID + "## Closing\n"
    found = lint_text(source, select=("section-order",))
    assert [d.message for d in found] == ["'## Closing' appears 2 times; at most 1 allowed"]


def test_section_order_quiet_in_template_order() -> None:
    assert problems(VALID, "section-order") == []


@pytest.mark.parametrize(
    ("heading", "applicability"),
    [
        ("## learning  Questions", Applicability.SAFE),
        ("## Learning\u00a0questions", Applicability.SAFE),
        ("## Learning questons", Applicability.UNSAFE),
    ],
)
def test_heading_drift(heading: str, applicability: Applicability) -> None:
    source = VALID.replace("## Learning questions", heading)
    found = lint_text(source, select=("heading-drift",))
    line = line_of(source, heading)
    assert [(d.span.line, d.span.column, d.span.end_column) for d in found] == [
        (line, 4, len(heading) + 1)
    ]
    assert "should be 'Learning questions'" in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability is applicability
    assert apply_fix(source, found[0]) == VALID


def test_heading_drift_keeps_the_alias_language() -> None:
    source = VALID.replace("## Challenge statement", "## énoncé du défi")
    found = lint_text(source, select=("heading-drift",))
    assert apply_fix(source, found[0]) == VALID.replace(
        "## Challenge statement", "## Énoncé du défi"
    )


def test_heading_drift_quiet_on_exact_headings_and_aliases() -> None:
    assert problems(VALID, "heading-drift") == []
    assert (
        problems(VALID.replace("## Challenge statement", "## Énoncé du défi"), "heading-drift")
        == []
    )


def test_heading_drift_places_an_unknown_translation_by_its_prompts() -> None:
    heading = "## Declaración de desafío"  # not an alias of the schema: its prompts say which
    source = VALID.replace("## Challenge statement", heading)
    found = lint_text(source, select=("heading-drift", "unknown-section", "missing-section"))
    assert [(d.rule, d.span.line, d.span.column) for d in found] == [
        ("heading-drift", line_of(source, heading), 4)
    ]
    assert found[0].message == (
        "heading 'Declaración de desafío' should be 'Challenge statement' "
        "(its prompts are those of '## Challenge statement')"
    )
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE
    assert apply_fix(source, found[0]) == VALID


def test_an_unknown_heading_is_not_placed_by_prompts_another_heading_has() -> None:
    block = VALID[VALID.index("## Challenge statement") : VALID.index("## Learning questions")]
    source = VALID.replace(block, block + block.replace("## Challenge statement", "## Otra"))
    found = lint_text(source, select=("heading-drift", "unknown-section"))
    assert [(d.rule, d.span.line) for d in found] == [
        ("unknown-section", line_of(source, "## Otra"))
    ]


def test_heading_drift_places_an_unknown_heading_without_questions_by_where_it_stands() -> None:
    block = VALID[VALID.index("## Learning questions") : VALID.index("## Learnings")]
    heading = "## Preguntas de aprendizaje"  # its answers left blank: the export drops them
    source = VALID.replace(block, heading + "\n")
    found = lint_text(source, select=("heading-drift", "unknown-section", "missing-section"))
    assert [(d.rule, d.span.line, d.span.column) for d in found] == [
        ("heading-drift", line_of(source, heading), 4)
    ]
    assert found[0].message.endswith(
        "should be 'Learning questions' (it stands where that section belongs)"
    )


def test_an_unknown_heading_is_not_placed_where_no_section_is_missing_or_nothing_follows() -> None:
    between = VALID.replace("## Learnings", "## Notas\n## Learnings")
    assert [d.rule for d in lint_text(between, select=("heading-drift", "unknown-section"))] == [
        "unknown-section"
    ]
    last = VALID.replace("## Closing\n", "## Ailette\n")  # Closing is missing: nothing bounds it
    assert [d.rule for d in lint_text(last, select=("heading-drift", "unknown-section"))] == [
        "unknown-section"
    ]
