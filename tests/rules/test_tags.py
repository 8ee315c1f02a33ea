"""Tag rules: missing-tag, invalid-tag-value, duplicate-tag, tag-syntax, unknown-tag."""

from __future__ import annotations

import pytest

from plancheck.diagnostics import Applicability
from tests.conftest import VALID, apply_fix, line_of, lint_text, problems


def test_missing_tag_points_at_the_tag_block() -> None:
    source = VALID.replace("[[year:2024]]\n\n", "")
    found = lint_text(source, select=("missing-tag",))
    assert [(d.span.line, d.span.column) for d in found] == [(3, 1)]
    assert found[0].message == "required tag [[year:...]] is missing"


def test_a_document_without_a_location_is_one_missing_tag() -> None:
    # solution/post_hiv_status_trauma_managemenent__phstm_.md: neither country nor latlng
    source = VALID.replace("[[country:Panama]]\n[[latlng:8.5,-80.1]]\n", "")
    found = lint_text(source, select=("missing-tag",))
    assert [(d.span.line, d.message) for d in found] == [
        (
            3,
            "the document has no location: required tags [[country:...]] and "
            "[[latlng:...]] are missing",
        )
    ]
    # one of the two missing is said as such
    only = VALID.replace("[[latlng:8.5,-80.1]]\n", "")
    found = lint_text(only, select=("missing-tag",))
    assert [d.message for d in found] == ["required tag [[latlng:...]] is missing"]


def test_missing_tag_quiet_when_all_present() -> None:
    assert problems(VALID, "missing-tag") == []


def test_missing_tag_counts_a_malformed_tag_as_present() -> None:
    source = VALID.replace("[[year:2024]]", "[[ year : 2024 ]]")
    assert problems(source, "missing-tag") == []


@pytest.mark.parametrize(
    ("old", "new", "column", "words"),
    [
        ("[[year:2024]]", "[[year:20234]]", 8, "not a year"),
        ("[[year:2024]]", "[[year:1850]]", 8, "not a year"),
        ("[[focal_point:jane.doe@undp.org]]", "[[focal_point:jane.doe]]", 15, "e-mail"),
        ("[[type:miniplan]]", "[[type:mini plan]]", 8, "not one of"),
        ("[[methods:Pilots]]", "[[methods:Pilots]]\n[[sample_size:many]]", 15, "whole number"),
        ("[[methods:Pilots]]", "[[methods:]]", 11, "empty"),
    ],
)
def test_invalid_tag_value(old: str, new: str, column: int, words: str) -> None:
    source = VALID.replace(old, new)
    found = lint_text(source, select=("invalid-tag-value",))
    assert len(found) == 1
    key = new.split("\n")[-1]
    assert (found[0].span.line, found[0].span.column) == (line_of(source, key), column)
    assert words in found[0].message


def test_invalid_tag_value_quiet_on_valid_values() -> None:
    source = VALID.replace("[[methods:Pilots]]", "[[methods:Pilots]]\n[[sample_size:250]]")
    assert problems(source, "invalid-tag-value") == []


def test_duplicate_tag_same_value_is_fixed_by_removing_the_line() -> None:
    source = VALID.replace("[[methods:Pilots]]", "[[methods:Pilots]]\n[[methods:Pilots]]")
    found = lint_text(source, select=("duplicate-tag",))
    assert [(d.span.line, d.span.column) for d in found] == [(10, 1)]
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.SAFE
    assert apply_fix(source, found[0]) == VALID


def test_duplicate_tag_single_valued_key_with_other_value_is_unsafe() -> None:
    source = VALID.replace("[[year:2024]]", "[[year:2024]]\n[[year:2023]]")
    found = lint_text(source, select=("duplicate-tag",))
    assert [(d.span.line, d.span.column) for d in found] == [(6, 1)]
    assert "already given on line 5" in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE


def test_duplicate_tag_quiet_on_different_values_and_repeatable_locations() -> None:
    source = VALID.replace(
        "[[latlng:8.5,-80.1]]",
        "[[latlng:8.5,-80.1]]\n[[country:Panama]]\n[[latlng:9.0,-79.5]]",
    ).replace("[[methods:Pilots]]", "[[methods:Pilots]]\n[[methods:Prototyping]]")
    assert problems(source, "duplicate-tag") == []


@pytest.mark.parametrize(
    ("bad", "fixed", "applicability", "reason"),
    [
        ("[[ methods : Pilots ]]", "[[methods:Pilots]]", Applicability.SAFE, "no spaces"),
        ("[[methods:Pilots]", "[[methods:Pilots]]", Applicability.UNSAFE, "closes with ]]"),
        ("[[methods=Pilots]]", "[[methods:Pilots]]", Applicability.UNSAFE, "not '='"),
        ("[methods:Pilots]]", "[[methods:Pilots]]", Applicability.UNSAFE, "opens with [["),
    ],
)
def test_tag_syntax(bad: str, fixed: str, applicability: Applicability, reason: str) -> None:
    source = VALID.replace("[[methods:Pilots]]", bad)
    found = lint_text(source, select=("tag-syntax",))
    assert [(d.span.line, d.span.column, d.span.end_column) for d in found] == [
        (9, 1, len(bad) + 1)
    ]
    assert reason in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability is applicability
    assert apply_fix(source, found[0]) == VALID.replace("[[methods:Pilots]]", fixed)


def test_tag_syntax_value_over_two_lines() -> None:
    source = VALID.replace("[[methods:Pilots]]", "[[methods:Pilots and\nprototypes]]")
    found = lint_text(source, select=("tag-syntax",))
    assert [(d.span.line, d.span.end_line) for d in found] == [(9, 10)]
    assert "runs over 2 lines" in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE
    fixed = apply_fix(source, found[0])
    assert "[[methods:Pilots and prototypes]]\n[[country:Panama]]" in fixed


def test_tag_syntax_quiet_on_canonical_tags_and_links_after_the_block() -> None:
    source = VALID.replace(
        "[[latlng:8.5,-80.1]]\n", "[[latlng:8.5,-80.1]]\n\n[a link](https://example.org)\n"
    )
    assert problems(source, "tag-syntax") == []


def test_unknown_tag_suggests_the_nearest_key() -> None:
    source = VALID.replace("[[methods:Pilots]]", "[[method:Pilots]]")
    found = lint_text(source, select=("unknown-tag",))
    assert [(d.span.line, d.span.column) for d in found] == [(9, 1)]
    assert "did you mean [[methods:...]]?" in found[0].message


def test_unknown_tag_quiet_on_declared_keys() -> None:
    assert problems(VALID, "unknown-tag") == []


def test_tag_syntax_value_broken_by_carriage_returns_becomes_one_tag_per_value() -> None:
    # solution/xfarm_academy_advanced.md: a pasted list, its terms split by lone CRs
    broken = "[[thematic_areas:Digital Agriculture\rPrecision Farming\rData Analysis]]"
    source = VALID.replace("[[methods:Pilots]]", broken)
    found = lint_text(source, select=("tag-syntax",))
    assert [(d.span.line, d.span.end_line) for d in found] == [(9, 11)]
    assert "runs over 3 lines" in found[0].message
    fix = found[0].fix
    assert fix is not None and fix.applicability is Applicability.UNSAFE
    assert fix.edits[0].content == (
        "[[thematic_areas:Digital Agriculture]]\n"
        "[[thematic_areas:Precision Farming]]\n"
        "[[thematic_areas:Data Analysis]]"
    )


def test_tag_syntax_value_wrapped_mid_phrase_is_joined_unsafely() -> None:
    # solution/health_worker_preparedness.md: one value wrapped after a preposition
    broken = "[[thematic_areas:Education on\nheat-related illnesses]]"
    source = VALID.replace("[[methods:Pilots]]", broken)
    (found,) = lint_text(source, select=("tag-syntax",))
    assert found.fix is not None and found.fix.applicability is Applicability.UNSAFE
    assert found.fix.edits[0].content == "[[thematic_areas:Education on heat-related illnesses]]"


def test_tag_syntax_list_markers_of_a_broken_value_are_dropped() -> None:
    broken = "[[methods:\u2022 Pilots\n\u2022 Surveys]]"
    source = VALID.replace("[[methods:Pilots]]", broken)
    (found,) = lint_text(source, select=("tag-syntax",))
    assert found.fix is not None
    assert found.fix.edits[0].content == "[[methods:Pilots]]\n[[methods:Surveys]]"
