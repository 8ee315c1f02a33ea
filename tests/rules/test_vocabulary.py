"""Vocabulary rules: vocabulary-drift, unknown-term, unknown-country, for each policy."""

from __future__ import annotations

import pytest

from plancheck.diagnostics import Applicability, Diagnostic
from plancheck.schema import Schema, parse_schema, parse_vocabulary
from tests.conftest import MINI_SCHEMA, VALID, apply_fix, line_of, lint_text

METHODS = """\
id: methods
title: Methods
terms:
  - term: Pilots
  - term: Solutions Mapping
  - term: Behavioral Insights
    aliases: [behavioural science]
  - term: Data Ethnography
    aliases: [Data Ethography]
  - term: Prototyping
  - term: qualitative data
  - term: quantitative and qualitative data
"""

SDGS = """\
id: sdgs
title: SDGs
terms:
  - term: 10. Reduced inequalities
    aliases: [10. Reduced innequalities]
  - term: 13. Climate action
  - term: 16. Peace, justice and strong institutions
"""

COUNTRY = """\
id: country
title: Countries
source: iso-3166-1
terms:
  - {term: Turkey, code: TUR}
  - {term: Cape Verde, code: CPV}
regions:
  - {name: England, country: United Kingdom}
  - {name: Federation of Bosnia and Herzegovina, country: Bosnia and Herzegovina}
"""


def vocab_schema() -> Schema:
    text = (
        MINI_SCHEMA.replace(
            "  - {key: methods, multiple: true}\n",
            "  - {key: methods, multiple: true, format: vocabulary, vocabulary: methods,"
            " policy: open}\n"
            "  - {key: sdgs, multiple: true, format: vocabulary, vocabulary: sdgs}\n"
            "  - {key: thematic_areas, multiple: true, policy: free}\n",
        )
    ).replace(
        "  - {key: country, required: true, multiple: true, repeat_values: true}\n",
        "  - {key: country, required: true, multiple: true, repeat_values: true,"
        " format: vocabulary, vocabulary: country, policy: closed}\n",
    )
    vocabularies = {v.id: v for v in (parse_vocabulary(t) for t in (METHODS, SDGS, COUNTRY))}
    return parse_schema(text, "mini.yaml", vocabularies)


SCHEMAS = {"mini": vocab_schema()}


def with_tags(*lines: str) -> str:
    """VALID with ``lines`` after its methods tag."""
    return VALID.replace(
        "[[methods:Pilots]]\n", "[[methods:Pilots]]\n" + "".join(f"{x}\n" for x in lines)
    )


def found(source: str, rule: str) -> list[Diagnostic]:
    return lint_text(source, schemas=SCHEMAS, select=(rule,))


def test_every_rule_is_quiet_on_canonical_terms() -> None:
    source = with_tags(
        "[[methods:Solutions Mapping]]",
        "[[methods:a method of our own]]",
        "[[sdgs:13. Climate action]]",
        "[[thematic_areas:green transition]]",
        "[[country:Turkey]]",
    )
    for rule in ("vocabulary-drift", "unknown-term", "unknown-country"):
        assert found(source, rule) == [], rule


@pytest.mark.parametrize(
    ("value", "canonical", "applicability", "why"),
    [
        # corpus variants, one per way of drifting
        ("solution mapping", "Solutions Mapping", Applicability.SAFE, "another spelling"),
        ("solutions mapping", "Solutions Mapping", Applicability.SAFE, "case"),
        ("Behavioural Insights", "Behavioral Insights", Applicability.SAFE, "another spelling"),
        ("behavioural science", "Behavioral Insights", Applicability.SAFE, "known alias"),
        ("Data Ethography", "Data Ethnography", Applicability.SAFE, "known alias"),
        ("pilots.", "Pilots", Applicability.SAFE, "punctuation"),
        ("Prototying", "Prototyping", Applicability.UNSAFE, "near miss"),
    ],
)
def test_drift_in_an_open_vocabulary(
    value: str, canonical: str, applicability: Applicability, why: str
) -> None:
    source = with_tags(f"[[methods:{value}]]")
    got = found(source, "vocabulary-drift")
    line = line_of(source, f"[[methods:{value}]]")
    assert [(d.span.line, d.span.column, d.span.end_column) for d in got] == [
        (line, 11, 11 + len(value))
    ]
    assert f"should be {canonical!r}" in got[0].message and why in got[0].message
    assert got[0].subject == "methods"
    assert got[0].fix is not None and got[0].fix.applicability is applicability
    # where the document has the term already ([[methods:Pilots]]), the variant goes
    expected = (
        VALID if f"[[methods:{canonical}]]" in VALID else with_tags(f"[[methods:{canonical}]]")
    )
    assert apply_fix(source, got[0]) == expected


def test_open_vocabulary_allows_other_terms_and_other_words() -> None:
    # "quantitative" is a word the vocabulary knows: not a typo of "qualitative"
    source = with_tags("[[methods:quantitative data]]", "[[methods:Tactical urbanism]]")
    assert found(source, "vocabulary-drift") == []
    assert found(source, "unknown-term") == []


def test_closed_vocabulary_alias_drifts_with_a_safe_fix() -> None:
    source = with_tags("[[sdgs:10. Reduced innequalities]]")
    got = found(source, "vocabulary-drift")
    assert len(got) == 1 and "'10. Reduced inequalities' (a known alias" in got[0].message
    assert got[0].fix is not None and got[0].fix.applicability is Applicability.SAFE
    assert apply_fix(source, got[0]) == with_tags("[[sdgs:10. Reduced inequalities]]")


def test_unknown_term_in_a_closed_vocabulary_with_suggestions() -> None:
    source = with_tags("[[sdgs:Peace]]")
    got = found(source, "unknown-term")
    assert [(d.span.line, d.span.column) for d in got] == [(line_of(source, "[[sdgs:"), 8)]
    assert got[0].message == (
        "[[sdgs]]: 'Peace' is not a term of the sdgs vocabulary; "
        "did you mean '16. Peace, justice and strong institutions'?"
    )
    assert got[0].fix is None and got[0].subject == "sdgs"
    assert found(source, "vocabulary-drift") == []


def test_unknown_term_without_anything_close() -> None:
    got = found(with_tags("[[sdgs:18. Space exploration]]"), "unknown-term")
    assert got[0].message.endswith("is not a term of the sdgs vocabulary")


def test_free_policy_flags_only_whitespace_and_trailing_punctuation() -> None:
    source = with_tags(
        "[[thematic_areas:green transition,]]",
        "[[thematic_areas:community  involment]]",
        "[[thematic_areas:Climate Innovation]]",
        "[[thematic_areas:Experimental (RCTs, etc.)]]",
    )
    got = found(source, "vocabulary-drift")
    assert [d.span.line for d in got] == [
        line_of(source, "green transition,"),
        line_of(source, "community  involment"),
    ]
    fixed = apply_fix(apply_fix(source, got[1]), got[0])
    assert "[[thematic_areas:green transition]]" in fixed
    assert "[[thematic_areas:community involment]]" in fixed
    assert all(d.fix and d.fix.applicability is Applicability.SAFE for d in got)
    assert found(source, "unknown-term") == []


@pytest.mark.parametrize(
    ("value", "canonical", "applicability", "words"),
    [
        ("Türkiye", "Turkey", Applicability.SAFE, "a known alias"),  # ISO's name
        ("Cabo Verde", "Cape Verde", Applicability.SAFE, "a known alias"),
        ("panama", "Panama", Applicability.SAFE, "case"),
        ("Viet Nam", "Vietnam", Applicability.SAFE, "a known alias"),
        ("Lesoto", "Lesotho", Applicability.UNSAFE, "near miss"),
        ("England", "United Kingdom", Applicability.UNSAFE, "is a region of United Kingdom"),
        (
            "Federation of Bosnia and Herzegovina",
            "Bosnia and Herzegovina",
            Applicability.UNSAFE,
            "is a region of Bosnia and Herzegovina, not a country",
        ),
        ("Vojvodina", "Serbia", Applicability.UNSAFE, "is a region of Serbia"),  # ISO 3166-2
    ],
)
def test_country_drift(
    value: str, canonical: str, applicability: Applicability, words: str
) -> None:
    source = VALID.replace("[[country:Panama]]", f"[[country:{value}]]")
    got = found(source, "vocabulary-drift")
    assert [(d.span.line, d.span.column) for d in got] == [(10, 11)]
    assert words in got[0].message and got[0].subject == "country"
    assert got[0].fix is not None and got[0].fix.applicability is applicability
    assert apply_fix(source, got[0]) == VALID.replace("Panama]]", f"{canonical}]]")
    assert found(source, "unknown-country") == []


def test_unknown_country_with_suggestions() -> None:
    source = VALID.replace("[[country:Panama]]", "[[country:Bosnia]]")
    got = found(source, "unknown-country")
    assert [(d.span.line, d.span.column, d.span.end_column) for d in got] == [(10, 11, 17)]
    assert got[0].message == (
        "[[country]]: 'Bosnia' is not a country or territory; "
        "did you mean 'Bosnia and Herzegovina' or 'Botswana'?"
    )
    assert found(source, "unknown-term") == [] and found(source, "vocabulary-drift") == []


def test_unknown_country_for_a_continent() -> None:
    source = VALID.replace("[[country:Panama]]", "[[country:Latin America]]")
    got = found(source, "unknown-country")
    assert got[0].message == "[[country]]: 'Latin America' is not a country or territory"


def test_countries_and_territories_of_iso_are_valid() -> None:
    for value in ("Hong Kong", "British Virgin Islands", "Eswatini", "Panama"):
        source = VALID.replace("[[country:Panama]]", f"[[country:{value}]]")
        assert found(source, "unknown-country") == [], value
        assert found(source, "vocabulary-drift") == [], value


def test_tags_without_a_policy_and_empty_values_are_left_alone() -> None:
    source = with_tags("[[sdgs:]]", "[[sample_size:many]]")
    for rule in ("vocabulary-drift", "unknown-term"):
        assert found(source, rule) == []
