"""Formatting rules: trailing-whitespace, line-endings, bom,
final-newline, tag-order. Each: a failing case, a passing case and the fixed text."""

from __future__ import annotations

from plancheck.diagnostics import Applicability
from tests.conftest import VALID, apply_fix, line_of, lint_text, problems

ANSWER = "Our challenge is that waste is not collected in the old town."


def only(source: str, rule: str):  # type: ignore[no-untyped-def]
    found = lint_text(source, select=(rule,))
    assert len(found) == 1, found
    return found[0]


def test_trailing_whitespace() -> None:
    source = VALID.replace(ANSWER, ANSWER + " \u00a0\t")
    d = only(source, "trailing-whitespace")
    line = line_of(source, ANSWER)
    assert (d.span.line, d.span.column, d.span.end_column) == (
        line,
        len(ANSWER) + 1,
        len(ANSWER) + 4,
    )
    assert d.severity.value == "info"
    assert apply_fix(source, d) == VALID


def test_trailing_whitespace_quiet_on_clean_lines() -> None:
    assert problems(VALID, "trailing-whitespace") == []


def test_line_endings_crlf_and_lone_cr() -> None:
    for newline, word in (("\r\n", "CRLF"), ("\r", "CR")):
        source = VALID.replace("\n", newline)
        d = only(source, "line-endings")
        assert (d.span.line, d.span.column) == (1, len("# Mini plan for tests") + 1)
        assert d.message == f"{word} line endings on {VALID.count(chr(10))} lines"
        assert d.fix is not None
        assert apply_fix(source, d) == VALID


def test_line_endings_quiet_on_lf() -> None:
    assert problems(VALID, "line-endings") == []


def test_bom() -> None:
    source = "\ufeff" + VALID
    d = only(source, "bom")
    assert (d.span.line, d.span.column, d.span.end_column) == (1, 1, 2)
    assert apply_fix(source, d) == VALID
    assert problems(VALID, "bom") == []


def test_final_newline() -> None:
    source = VALID.rstrip("\n")
    d = only(source, "final-newline")
    assert (d.span.line, d.span.column) == (len(source.split("\n")), len("## Closing") + 1)
    assert apply_fix(source, d) == VALID
    assert problems(VALID, "final-newline") == []


def test_tag_order_rewrites_the_block_in_archive_order() -> None:
    source = VALID.replace(
        "[[methods:Pilots]]\n[[country:Panama]]\n[[latlng:8.5,-80.1]]",
        "[[country:Panama]]\n[[latlng:8.5,-80.1]]\n[[methods:Pilots]]",
    )
    d = only(source, "tag-order")
    assert (d.span.line, d.span.column) == (9, 1)
    assert d.message == "[[country]] is out of order: expected [[methods]] here"
    assert d.fix is not None and d.fix.applicability is Applicability.SAFE
    assert apply_fix(source, d) == VALID


def test_tag_order_restores_the_blank_lines_of_the_first_tags() -> None:
    source = VALID.replace(
        "[[focal_point:jane.doe@undp.org]]\n\n[[year:2024]]\n\n[[type:miniplan]]\n\n",
        "[[year:2024]]\n[[focal_point:jane.doe@undp.org]]\n[[type:miniplan]]\n",
    )
    d = only(source, "tag-order")
    assert apply_fix(source, d) == VALID


def test_tag_order_waits_for_malformed_or_unknown_tags() -> None:
    swapped = VALID.replace(
        "[[methods:Pilots]]\n[[country:Panama]]", "[[country:Panama]]\n[[methods:Pilots]]"
    )
    assert problems(swapped, "tag-order") != []
    assert (
        problems(swapped.replace("[[methods:Pilots]]", "[[ methods : Pilots ]]"), "tag-order") == []
    )
    assert problems(swapped.replace("[[methods:Pilots]]", "[[method:Pilots]]"), "tag-order") == []


def test_tag_order_quiet_in_order_and_keeps_location_pairs() -> None:
    assert problems(VALID, "tag-order") == []
    two_places = VALID.replace(
        "[[latlng:8.5,-80.1]]", "[[latlng:8.5,-80.1]]\n[[country:Colombia]]\n[[latlng:4.6,-74.1]]"
    )
    assert problems(two_places, "tag-order") == []


def test_trailing_whitespace_after_a_bare_marker_has_no_fix() -> None:
    source = VALID.replace("2. Collection times", "2.\u00a0\n3. Collection times")
    d = only(source, "trailing-whitespace")
    assert d.span.line == line_of(source, "2.\u00a0") and d.fix is None


def test_trailing_space_after_an_empty_prompt_marker_is_fixed() -> None:
    source = VALID.replace("> Sense\n", "> Sense\n\n> \n")
    d = only(source, "trailing-whitespace")
    assert d.fix is not None
    assert apply_fix(source, d) == VALID.replace("> Sense\n", "> Sense\n\n>\n")
