"""How a drifting text differs from the template's, in words."""

from __future__ import annotations

import pytest

from plancheck.difference import describe


@pytest.mark.parametrize(
    ("actual", "expected", "column", "said"),
    [
        # the corpus's ways of drifting, one each
        (
            "Background:\u00a0What is the history of your challenge?",
            "Background: What is the history of your challenge?",
            3,
            "a no-break space (U+00A0) at column 14",
        ),
        ("A\u00a0b\u00a0c", "A b c", 1, "2 x no-break space (U+00A0) at columns 2, 4"),
        ("Data &amp; Methods", "Data & Methods", 1, "'&amp;' for '&'"),
        (
            "Please state the name of the Parter:",
            "Please state the name of the partner:",
            1,
            "'Parter:' for 'partner:'",
        ),
        ("título", "Título", 4, "case"),
        (
            "Please state the name of your partner",
            "Please state the name of our partner",
            1,
            "'your' for 'our'",
        ),
        (
            "a summary in 280 characters",
            "a summary in a maximum of 280 characters",
            1,
            "missing words: a maximum of",
        ),
        ("pilots.", "Pilots", 1, "case; punctuation"),
        ('He said "yes"', "He said \u201cyes\u201d", 1, "quotes"),
        ("\u200bOur challenge", "Our challenge", 5, "a zero width space (U+200B) at column 5"),
        ("community  involment", "community involment", 1, "spacing"),
    ],
)
def test_describe_names_the_difference(actual: str, expected: str, column: int, said: str) -> None:
    assert describe(actual, expected, column) == said


def test_equal_texts_have_no_difference() -> None:
    assert describe("Partners", "Partners") == ""


def test_a_backslash_the_author_typed_is_shown_once() -> None:
    # a prompt ending in a backslash and an "n" the editor left: one backslash in the text
    assert describe("Partner with UNDP?\\n", "Partner with UNDP?", 1) == "'UNDP?\\n' for 'UNDP?'"
