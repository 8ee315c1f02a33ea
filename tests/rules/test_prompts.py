"""Prompt rules: missing-prompt, prompt-drift, empty-answer, answer-constraint."""

from __future__ import annotations

import pytest

from plancheck.diagnostics import Applicability
from tests.conftest import VALID, apply_fix, line_of, lint_text, problems

TWEET = "> Short “tweet” summary: can you summarize your challenge in a maximum of 280 characters?"
STAGES = "> To what stage(s) in the learning cycle does your learning question relate?"


def drop_prompt(source: str, prompt_line: str) -> str:
    """Remove a prompt line and its answer (up to the next prompt or heading)."""
    start = source.index(prompt_line)
    rest = source[start + len(prompt_line) :]
    ends = [i for i in (rest.find("\n> "), rest.find("\n## ")) if i >= 0]
    return source[:start] + rest[min(ends) + 1 :]


def test_missing_prompt_points_after_the_previous_answer() -> None:
    source = drop_prompt(VALID, TWEET)
    found = lint_text(source, select=("missing-prompt",))
    previous_answer = line_of(source, "Our challenge is that waste")
    assert [(d.span.line, d.span.column) for d in found] == [(previous_answer + 1, 1)]
    assert "Short “tweet” summary" in found[0].message


def test_missing_prompt_first_of_section_points_below_the_heading() -> None:
    source = drop_prompt(VALID, STAGES)
    assert problems(source, "missing-prompt") == [(line_of(source, "## Learning questions") + 1, 1)]


def test_missing_prompt_quiet_for_optional_prompts_and_missing_sections() -> None:
    assert problems(VALID, "missing-prompt") == []  # Test, Grow and hypothesis are optional
    source = VALID[: VALID.index("## Learnings")] + "## Closing\n"
    assert problems(source, "missing-prompt") == []  # the section's absence is missing-section's


@pytest.mark.parametrize(
    ("prompt", "applicability"),
    [
        ("> Please list a maximum of 3 key insights &amp; lessons", Applicability.SAFE),
        ("> Please list a maximum of 3 key\u00a0insights & lessons", Applicability.SAFE),
        ("> please list a maximum of 3 key insights & lessons", Applicability.SAFE),
        ("> Please list a maximum of 3 key insigths & lessons", Applicability.UNSAFE),
    ],
)
def test_prompt_drift(prompt: str, applicability: Applicability) -> None:
    canonical = "> Please list a maximum of 3 key insights & lessons"
    source = VALID.replace(canonical, prompt)
    found = lint_text(source, select=("prompt-drift",))
    assert [(d.span.line, d.span.column, d.span.end_column) for d in found] == [
        (line_of(source, prompt), 3, len(prompt) + 1)
    ]
    assert canonical[2:] in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability is applicability
    assert apply_fix(source, found[0]) == VALID


def test_prompt_drift_straight_quotes_are_folded() -> None:
    source = VALID.replace("“tweet”", '"tweet"')
    found = lint_text(source, select=("prompt-drift",))
    assert found and found[0].fix is not None
    assert found[0].fix.applicability is Applicability.SAFE


def test_prompt_drift_quiet_on_template_text() -> None:
    assert problems(VALID, "prompt-drift") == []


def test_empty_answer() -> None:
    answer = "Our challenge is that waste is not collected in the old town.\n"
    source = VALID.replace(answer, "")
    found = lint_text(source, select=("empty-answer",))
    assert [(d.span.line, d.span.column) for d in found] == [
        (line_of(source, "> Challenge statement:"), 1)
    ]


def test_empty_answer_html_residue_is_not_an_answer() -> None:
    answer = "Our challenge is that waste is not collected in the old town.\n"
    source = VALID.replace(answer, "<div><br></div>\n")
    assert problems(source, "empty-answer") == [(line_of(source, "> Challenge statement:"), 1)]


def test_empty_answer_quiet_when_answered_or_optional() -> None:
    assert problems(VALID, "empty-answer") == []
    source = VALID.replace(
        "Waste piles up in the old town; we test what makes collection work.\n", ""
    )
    assert problems(source, "empty-answer") == []  # the tweet answer is not required


def constraint(source: str) -> list[tuple[int, int, str]]:
    found = lint_text(source, select=("answer-constraint",))
    return [(d.span.line, d.span.column, d.message) for d in found]


def test_answer_constraint_max_chars() -> None:
    tweet = "Waste piles up in the old town; we test what makes collection work."
    source = VALID.replace(tweet, "x" * 281)
    assert constraint(source) == [
        (line_of(source, "x" * 281), 1, "answer has 281 characters; at most 280 allowed (1 over)")
    ]
    assert constraint(VALID.replace(tweet, "x" * 280)) == []


def test_answer_constraint_starts_with() -> None:
    source = VALID.replace("Our challenge is that waste", "Waste")
    line = line_of(source, "Waste is not collected")
    opening = "it starts 'Waste is not collected in the old town.'"
    message = f"answer should start with 'Our challenge is that'; {opening}"
    assert constraint(source) == [(line, 1, message)]
    quoted = VALID.replace("Our challenge is that waste", "“our challenge is that waste")
    assert constraint(quoted) == []


def test_answer_constraint_options() -> None:
    source = VALID.replace("- Test\n", "- Scale\n")
    line = line_of(source, "- Scale")
    assert constraint(source) == [
        (line, 1, "'Scale' is not an option; choose from: Sense, Explore, Test, Grow")
    ]


def test_answer_constraint_max_items() -> None:
    extra = "2. Collection times matter more than fines.\n3. A.\n4. B.\n"
    source = VALID.replace("2. Collection times matter more than fines.\n", extra)
    assert constraint(source) == [
        (line_of(source, "1. Residents"), 1, "answer lists 4 items; at most 3 allowed")
    ]


def test_answer_constraint_shares() -> None:
    source = VALID.replace("\n60\n", "\n50\n")
    line = line_of(source, "> How much of your time")
    assert constraint(source) == [
        (line, 1, "shares of Sense, Explore, Test, Grow add up to 90, not 100")
    ]


def test_answer_constraint_link() -> None:
    source = VALID.replace("[Our blog](https://example.org/blog)", "Our blog on waste.")
    assert constraint(source) == [
        (
            line_of(source, "Our blog on waste."),
            1,
            "answer should contain a link; it reads 'Our blog on waste.'",
        )
    ]
    later = VALID.replace("[Our blog](https://example.org/blog)", "Our blog, soon.")
    # the answer is optional: there is no link to give yet (where it is required, see
    # tests/rules/test_excerpts.py: the answer is a placeholder, not a link)
    assert constraint(later) == []
    bare = VALID.replace("[Our blog](https://example.org/blog)", "https://example.org/blog")
    assert constraint(bare) == []


def test_answer_constraint_pattern() -> None:
    hypothesis = "> What is your hypothesis?\n\n"
    source = VALID.replace("## Closing", hypothesis + "Bins will help.\n## Closing")
    assert constraint(source) == [
        (line_of(source, "Bins will help."), 1, "answer does not match /(?i)^if .* then /")
    ]
    good = VALID.replace(
        "## Closing", hypothesis + "If bins are close then people sort.\n## Closing"
    )
    assert constraint(good) == []


def test_answer_constraint_quiet_on_valid_answers() -> None:
    assert constraint(VALID) == []


def test_empty_answer_of_only_a_no_break_space_entity() -> None:
    answer = "Our challenge is that waste is not collected in the old town.\n"
    source = VALID.replace(answer, "&nbsp;\n")
    assert problems(source, "empty-answer") == [(line_of(source, "> Challenge statement:"), 1)]
