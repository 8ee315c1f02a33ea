"""Coordinate rules: malformed-coordinates, coordinates-out-of-range, null-island,
coordinates-outside-country, swapped-coordinates, and missing-tag's pairing of locations."""

from __future__ import annotations

import pytest

from plancheck.detect import detect
from plancheck.diagnostics import Applicability
from plancheck.house import locations
from plancheck.parser import parse
from plancheck.rules import Context
from plancheck.rules.coordinates import coordinates_outside_country
from plancheck.settings import Settings
from tests.conftest import (
    CORPUS,
    VALID,
    apply_fix,
    line_of,
    lint_text,
    mini_schema,
    needs_corpus,
    problems,
)

LATLNG = "[[latlng:8.5,-80.1]]"


def located(value: str, country: str = "Panama") -> str:
    return VALID.replace("[[country:Panama]]", f"[[country:{country}]]").replace(
        LATLNG, f"[[latlng:{value}]]"
    )


def test_valid_document_has_no_coordinate_findings() -> None:
    assert problems(VALID, "PC5") == []


@pytest.mark.parametrize(
    ("value", "fixed", "applicability", "words"),
    [
        ("8.5, -80.1", "8.5,-80.1", Applicability.SAFE, "spaces around the comma"),
        ("8.5;-80.1", "8.5,-80.1", Applicability.UNSAFE, "separated by ';'"),
        ("8.5 -80.1", "8.5,-80.1", Applicability.UNSAFE, "separated by a space"),
        ("8,5;-80,1", "8.5,-80.1", Applicability.UNSAFE, "decimal commas"),
        ("8°30'N 80°6'W", "8.5,-80.1", Applicability.UNSAFE, "degrees, minutes and seconds"),
        ("8.5N 80.1W", "8.5,-80.1", Applicability.UNSAFE, "hemisphere letters"),
        ("lat: 8.5, lng: -80.1", "8.5,-80.1", Applicability.UNSAFE, "labelled values"),
        ("8.5,-80.1,0", "8.5,-80.1", Applicability.UNSAFE, "a third value"),
    ],
)
def test_malformed_coordinates_fix(
    value: str, fixed: str, applicability: Applicability, words: str
) -> None:
    source = located(value)
    found = lint_text(source, select=("malformed-coordinates",))
    line = line_of(source, "[[latlng:")
    assert [(d.span.line, d.span.column, d.code) for d in found] == [(line, 10, "PC501")]
    assert words in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability is applicability
    assert apply_fix(source, found[0]) == located(fixed)


@pytest.mark.parametrize("value", ["Panama City", "8,5,-80,1", "8.5N 80.1N", "unknown"])
def test_malformed_coordinates_without_fix(value: str) -> None:
    found = lint_text(located(value), select=("malformed-coordinates",))
    assert len(found) == 1 and found[0].fix is None


def test_malformed_coordinates_owns_the_format_and_empty_stays_invalid_tag_value() -> None:
    assert problems(located("8.5;-80.1"), "invalid-tag-value") == []
    source = VALID.replace(LATLNG, "[[latlng:]]")
    assert problems(source, "PC5") == []
    # an empty value is not a well-formed tag at all: the parser reports it
    assert problems(source, "tag-syntax") or problems(source, "invalid-tag-value")


@pytest.mark.parametrize(
    ("value", "words"),
    [("95.2,-80.1", "latitude 95.2 is outside -90..90"), ("8.5,-280.1", "longitude -280.1")],
)
def test_coordinates_out_of_range(value: str, words: str) -> None:
    source = located(value)
    found = lint_text(source, select=("PC5",))
    assert [d.rule for d in found] == ["coordinates-out-of-range"]
    assert words in found[0].message


def test_out_of_range_that_swapped_lies_in_the_country_is_swapped() -> None:
    found = lint_text(located("-80.1,8.5"), select=("PC5",))
    assert [d.rule for d in found] == ["swapped-coordinates"]
    found = lint_text(located("-80.1,98.5"), select=("PC5",))  # swapped: lat 98.5
    assert [d.rule for d in found] == ["coordinates-outside-country"]


@pytest.mark.parametrize("value", ["0,0", "0.0,0.0", "0.000,-0.0"])
def test_null_island(value: str) -> None:
    found = lint_text(located(value), select=("PC5",))
    assert [d.rule for d in found] == ["null-island"]


def test_outside_country_says_how_far_and_where() -> None:
    source = located("4.6,-74.08")  # Bogotá
    found = lint_text(source, select=("PC5",))
    assert [(d.rule, d.span.line, d.span.column) for d in found] == [
        ("coordinates-outside-country", line_of(source, "[[latlng:"), 10)
    ]
    assert "4.6,-74.08 is " in found[0].message and "km from Panama" in found[0].message
    assert found[0].message.endswith("it lies in Colombia")
    assert found[0].fix is None


def test_outside_country_the_fiji_centroid_bug() -> None:
    found = lint_text(located("-17.44756195212767,163.40786559316325", "Fiji"), select=("PC5",))
    assert [d.rule for d in found] == ["coordinates-outside-country"]
    assert "1,471 km from Fiji" in found[0].message
    assert "no country (at sea?), 303 km from New Caledonia" in found[0].message


@pytest.mark.parametrize(
    ("country", "value"),
    [
        ("Fiji", "-17.71,178.07"),
        ("Fiji", "-16.5,-179.95"),  # across the antimeridian
        ("Malaysia", "3.7923928509530205,109.6988684421668"),  # at sea between its parts
        ("Republika Srpska", "44.25744360664168,18.076551548900824"),  # a region
        ("Canary Islands", "28.338777280567772,-15.677942328197997"),
        ("Kiribati", "1.87,-157.4"),
        ("Barbados", "13.18105382678023,-59.56121774811805"),
        ("Kosovo", "42.66,21.17"),  # no geometry: nothing to say
        ("Atlantis", "10,10"),  # unknown-country's: nothing to say here
    ],
)
def test_inside_or_unknown_is_quiet(country: str, value: str) -> None:
    assert problems(located(value, country), "PC5") == []


def test_tolerance_comes_from_the_settings() -> None:
    source = located("9.36,-79.9", "Costa Rica")  # Colón, Panama: ~160 km from Costa Rica
    doc = parse(source, "test.md")
    schemas = {"mini": mini_schema()}

    def count(km: float) -> int:
        ctx = Context(
            doc, detect(doc, schemas), Settings(rule_options={"PC504": {"tolerance-km": km}})
        )
        return len(list(coordinates_outside_country.check(ctx)))

    assert count(50) == 1
    assert count(300) == 0


def test_swapped_coordinates_fix() -> None:
    source = located("-1.03,7.95", "Ghana")
    found = lint_text(source, select=("PC5",))
    assert [d.rule for d in found] == ["swapped-coordinates"]
    assert "7.95,-1.03 lies in Ghana" in found[0].message
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE
    assert apply_fix(source, found[0]) == located("7.95,-1.03", "Ghana")


def test_swapped_is_not_reported_when_the_point_is_inside() -> None:
    # 8.5,8.5 would be wrong either way round only once: in Nigeria, declared Nigeria
    assert problems(located("8.5,8.5", "Nigeria"), "PC5") == []


def test_several_locations_pair_each_country_with_the_latlng_after_it() -> None:
    source = VALID.replace(
        LATLNG,
        f"{LATLNG}\n[[country:Fiji]]\n[[latlng:-17.44756195212767,163.40786559316325]]",
    )
    found = lint_text(source, select=("PC5",))
    assert [(d.rule, d.span.line) for d in found] == [
        ("coordinates-outside-country", line_of(source, "163.40"))
    ]
    doc = parse(source, "test.md")
    pairs = [
        (p.country and p.country.value, p.point and p.point.value)
        for p in locations(doc, {"latlng"})
    ]
    assert pairs == [
        ("Panama", "8.5,-80.1"),
        ("Fiji", "-17.44756195212767,163.40786559316325"),
    ]


def test_missing_tag_country_without_coordinates() -> None:
    source = VALID.replace("[[country:Panama]]", "[[country:Chile]]\n[[country:Panama]]")
    found = lint_text(source, select=("missing-tag",))
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "Chile"), 1)]
    assert found[0].message == "[[country:Chile]] has no [[latlng:...]] after it"


def test_missing_tag_coordinates_without_country() -> None:
    source = VALID.replace(LATLNG, f"{LATLNG}\n[[latlng:9.0,-79.5]]")
    found = lint_text(source, select=("missing-tag",))
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "9.0,-79.5"), 1)]
    assert found[0].message == "[[latlng:9.0,-79.5]] has no [[country:...]] before it"


def test_missing_tag_absent_key_is_reported_once() -> None:
    source = VALID.replace(LATLNG + "\n", "")
    found = lint_text(source, select=("missing-tag",))
    assert [d.message for d in found] == ["required tag [[latlng:...]] is missing"]


def test_missing_tag_counts_a_malformed_latlng_as_paired() -> None:
    source = VALID.replace(LATLNG, "[[ latlng : 8.5,-80.1 ]]")
    assert problems(source, "missing-tag") == []


@needs_corpus
def test_corpus_only_the_fiji_documents_are_outside_their_country(builtin) -> None:  # type: ignore[no-untyped-def]
    """Every country/latlng pair of the corpus is checked; only Fiji's 163.4 is flagged."""
    from plancheck import check_text
    from plancheck.linter import RuleSet

    rules = RuleSet.from_selectors(["PC5", "missing-tag"])
    flagged: dict[str, set[str]] = {}
    pairing = []
    for path in sorted(CORPUS.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        if "[[latlng:" not in text and "[[country:" not in text:
            continue
        for d in check_text(text, builtin, path=str(path), rules=rules):
            if d.code.startswith("PC5"):
                flagged.setdefault(d.message, set()).add(path.name)
            elif "after it" in d.message or "before it" in d.message:
                pairing.append(d)
    assert pairing == []
    assert len(flagged) == 1
    message, documents = next(iter(flagged.items()))
    assert "163.40786559316325 is 1,471 km from Fiji" in message
    assert len(documents) == 305
