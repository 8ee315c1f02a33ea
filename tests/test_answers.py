"""How an answer reads: which answers only hold a place (plancheck.answers.stand_in)."""

from __future__ import annotations

import pytest

from plancheck.answers import stand_in
from plancheck.document import Answer, Block, BlockKind, Span


def answer(text: str) -> Answer:
    return Answer(blocks=(Block(BlockKind.PARAGRAPH, text, Span(1, 1, 1, len(text) + 1)),))


@pytest.mark.parametrize(
    "text",
    [
        "N/A",
        "TBD",
        "blog coming soon",
        "N/A- internal experiment.",  # experiment/leveraging_community_data_for_effective_merl.md:138
        "None: the activity was cancelled",
        "NA (internal)",
    ],
)
def test_a_placeholder_with_or_without_its_reason(text: str) -> None:
    assert stand_in(answer(text)) == text


@pytest.mark.parametrize(
    "text",
    [
        "Non-formal education blog",  # a word that starts with "non", not "non - ..."
        "Our blog on community data",
        "N/A - " + " ".join(["the work was stopped"] * 6),  # a long explanation
    ],
)
def test_an_answer_is_no_placeholder(text: str) -> None:
    assert stand_in(answer(text)) is None
