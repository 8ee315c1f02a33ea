"""`plancheck new`: scaffolds that pass check but for their empty answers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from plancheck import check_text
from plancheck.cli import cli
from plancheck.document import BlockKind
from plancheck.errors import ScaffoldError, SchemaError
from plancheck.geo import reference_point
from plancheck.parser import parse
from plancheck.render import render
from plancheck.scaffold import (
    Options,
    Place,
    answer_comment,
    find_country,
    format_point,
    scaffold,
)
from plancheck.schema import Schema, Vocabulary, parse_schema
from tests.conftest import MINI_SCHEMA

LANGS = ("en", "fr", "es")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, ["new", *args])


@pytest.fixture(scope="module")
def countries(builtin: dict[str, Schema]) -> Vocabulary:
    found = builtin["learningplan-design"].vocabulary("country")
    assert found is not None
    return found


def _findings(text: str, schemas: dict[str, Schema]) -> Counter[str]:
    return Counter(d.rule for d in check_text(text, schemas, path="new.md"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_scaffold_passes_check_but_for_empty_answers(
    builtin: dict[str, Schema], countries: Vocabulary, lang: str
) -> None:
    place = find_country("Panama", countries)
    for schema in builtin.values():
        options = Options(title="Plan", place=place, lang=lang, focal_point="jane.doe@undp.org")  # type: ignore[arg-type]
        made = scaffold(schema, options)
        found = _findings(render(made.document), builtin)
        assert set(found) <= {"empty-answer"}, (schema.id, lang, found)
        required = 0
        for s in schema.sections:
            if s.conditional:  # asked for only when presenting results: blank is no finding
                continue
            answers = sum(p.answer.required for p in s.prompts)
            # and once for a required table of shares, all blank
            shares = sum(bool(p.answer.shares and p.required) for p in s.prompts)
            # a section left blank whole is one finding
            required += 1 if answers > 1 else answers + shares
        assert found["empty-answer"] == required, schema.id


def test_the_scaffolds_placeholders_are_reported(builtin: dict[str, Schema]) -> None:
    made = scaffold(builtin["closing-report-2022"], Options())
    found = [
        d
        for d in check_text(render(made.document), builtin, path="new.md")
        if d.rule == "placeholder"
    ]
    assert [d.message for d in found] == [
        "the title is the placeholder 'Untitled action learning plan closing report (2022-2023 version)'",
        "[[focal_point]] is the placeholder focal.point@undp.org",
    ]


def test_scaffold_through_the_command_line_is_detected_and_clean(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    made = invoke("--schema", "closing-report-2024", "--country", "Malawi", "-o", str(target))
    assert made.exit_code == 0, made.output
    checked = CliRunner().invoke(cli, ["check", "--output-format", "json", str(target)])
    import json

    # no --title, no --focal-point: the scaffold's two placeholders are still there
    rules = {d["rule"] for d in json.loads(checked.stdout)}
    assert rules == {"empty-answer", "placeholder"}
    assert checked.exit_code == 0  # empty answers are warnings


def test_scaffold_has_every_section_and_prompt_in_order(builtin: dict[str, Schema]) -> None:
    for schema in builtin.values():
        document = parse(render(scaffold(schema, Options()).document))
        assert [s.heading for s in document.sections] == [s.heading for s in schema.sections]
        for spec, section in zip(schema.sections, document.sections, strict=True):
            assert [p.text for p in section.prompts] == [p.text for p in spec.prompts]
            # The comments are not answers: a required answer is reported until written.
            assert all(p.answer.is_empty for p in section.prompts)
            assert all(
                b.kind is BlockKind.HTML and b.text.startswith("<!--")
                for p in section.prompts
                for b in p.answer.blocks
            )


def test_tag_block_is_in_the_archive_order_with_the_options(
    builtin: dict[str, Schema], countries: Vocabulary
) -> None:
    place = Place("Malawi", "MWI", (-13.5, 34.0))
    options = Options(title="Tomatoes", focal_point="jane.doe@undp.org", year=2025, place=place)
    text = render(scaffold(builtin["learningplan-design"], options).document)
    assert text.startswith(
        "# Tomatoes\n\n[[focal_point:jane.doe@undp.org]]\n\n[[year:2025]]\n\n"
        "[[type:learningplan]]\n\n[[country:Malawi]]\n[[latlng:-13.5,34]]\n\n<!-- Optional tags"
    )
    # The optional tags are named in a comment, where the tag-order rule wants them.
    comment = text.split("<!-- Optional tags", 1)[1].split("-->", 1)[0]
    assert "above [[country:...]]" in comment
    for key in ("datasources", "methods", "sdgs", "thematic_areas"):
        assert f"[[{key}:...]]" in comment
    experiment = render(scaffold(builtin["experiment"], options).document)
    below = experiment.split("below [[latlng:...]]:", 1)[1].split("-->", 1)[0]
    assert "[[control_group:...]]" in below and "It does not use a control group" in below


def test_answer_comments_state_the_constraints(builtin: dict[str, Schema]) -> None:
    design = builtin["learningplan-design"]
    prompts = {p.text.split(":")[0]: p for s in design.sections for p in s.prompts}
    assert answer_comment(prompts["Short “tweet” summary"]) == (
        "<!-- Answer (required): at most 280 characters. -->"
    )
    assert answer_comment(prompts["Challenge statement"]) == (
        "<!-- Answer (required): starts with 'Our challenge is that'. -->"
    )
    stages = prompts["To what stage(s) in the learning cycle does your learning question relate?"]
    assert answer_comment(stages) == (
        "<!-- Answer (required).\n"
        "Keep the options that apply, each on a line of its own below this comment:\n"
        "- Sense\n- Explore\n- Test\n- Grow\n-->"
    )
    ending = prompts["END OF ACTION LEARNING PLAN"]
    assert answer_comment(ending) == (
        "<!-- Answer (optional; the prompt itself may be deleted). -->"
    )


def test_a_comment_cannot_be_closed_early_by_the_schema_text() -> None:
    schema = parse_schema(
        "id: x\ntitle: X\ntype: x\nsections:\n  - heading: H\n    prompts:\n"
        "      - text: Q\n        answer: {options: ['a --> b']}\n"
    )
    comment = answer_comment(schema.sections[0].prompts[0])
    assert comment.count("-->") == 1 and comment.endswith("-->")


def test_repeatable_and_optional_sections_say_so(builtin: dict[str, Schema]) -> None:
    text = render(scaffold(builtin["learningplan-design"], Options()).document)
    questions = text.split("## Learning questions\n\n", 1)[1]
    assert questions.startswith(
        "<!-- Repeat this section, heading and prompts, as often as needed (at most 10 times). -->"
    )
    mini = parse_schema(MINI_SCHEMA)
    closing = render(scaffold(mini, Options()).document).split("## Closing\n\n", 1)[1]
    assert closing.startswith("<!-- This section is optional")


def test_headings_in_french_and_spanish(builtin: dict[str, Schema]) -> None:
    design = builtin["learningplan-design"]
    french = parse(render(scaffold(design, Options(lang="fr")).document))
    assert [s.heading for s in french.sections][:2] == ["Titre", "Énoncé du défi"]
    spanish = parse(render(scaffold(builtin["closing-report-2024"], Options(lang="es")).document))
    assert [s.heading for s in spanish.sections] == [
        "Aprendizajes sobre tu desafío",
        "Datos y métodos",
        "Socios",
        "Fin",
    ]


def test_a_missing_translation_falls_back_to_english_and_says_so() -> None:
    result = invoke("--schema", "experiment", "--lang", "fr", "--country", "Chile")
    assert result.exit_code == 0
    assert "## Overview\n" in result.stdout and "## Concevoir\n" in result.stdout
    assert "no French heading for 'Overview': written in English" in result.stderr


def test_a_translation_must_be_an_alias() -> None:
    text = "id: x\ntitle: X\ntype: x\nsections:\n  - heading: End\n    translations: {fr: Fin}\n"
    with pytest.raises(SchemaError, match="translations not listed in aliases: Fin"):
        parse_schema(text, "x.yaml")
    fine = parse_schema(text.replace("    translations", "    aliases: [Fin]\n    translations"))
    assert fine.sections[0].translations == {"fr": "Fin"}


@pytest.mark.parametrize(
    ("given", "name", "code"),
    [
        ("Panama", "Panama", "PAN"),
        ("panama", "Panama", "PAN"),
        ("MW", "Malawi", "MWI"),
        ("tur", "Turkey", "TUR"),  # the archive's name for the ISO code
        ("Türkiye", "Turkey", "TUR"),
        ("England", "United Kingdom", "GBR"),  # a region: its country
        ("Kosovo", "Kosovo", None),  # a place ISO 3166-1 lacks
    ],
)
def test_countries_by_name_code_or_region(
    countries: Vocabulary, given: str, name: str, code: str | None
) -> None:
    place = find_country(given, countries)
    assert (place.name, place.code) == (name, code)
    assert (place.point is None) == (code is None)


def test_an_unknown_country_is_an_error_with_a_suggestion(countries: Vocabulary) -> None:
    with pytest.raises(ScaffoldError, match="unknown country 'Malawii'; did you mean 'Malawi'"):
        find_country("Malawii", countries)
    result = invoke("--schema", "experiment", "--country", "Atlantis")
    assert result.exit_code == 2
    assert result.stderr == "plancheck: error: unknown country 'Atlantis'\n"


def test_reference_points_lie_in_their_country(countries: Vocabulary) -> None:
    """Every country with data gets a point the coordinates rules accept, including the
    three whose countryinfo centroid plancheck's geometry puts outside them."""
    import pycountry

    from plancheck.codes import BY_NAME, COORDINATE_TOLERANCE
    from plancheck.geo import locate
    from plancheck.settings import Settings

    tolerance = Settings().option(BY_NAME["coordinates-outside-country"], COORDINATE_TOLERANCE)
    placed = 0
    for country in pycountry.countries:
        point = reference_point(country.alpha_3)
        if point is None:
            continue
        placement = locate(*point, country.alpha_3, tolerance)
        assert placement is None or placement.inside, (country.alpha_3, point)
        placed += 1
    assert placed == 239  # of 249: ten territories have no data
    assert reference_point("PAN") == (9.0, -80.0)  # countryinfo's centroid
    fiji = reference_point("FJI")
    assert fiji is not None and fiji != (-18.0, 175.0)  # the centroid lies at sea


def test_point_format_has_no_exponent_or_trailing_zeros() -> None:
    assert format_point((9.0, -80.0)) == "9,-80"
    assert format_point((-13.5, 34.25)) == "-13.5,34.25"
    assert format_point((0.00001, 1e-7)) == "0.00001,0"


def test_without_country_the_location_is_left_to_fill_in(builtin: dict[str, Schema]) -> None:
    result = invoke("--schema", "learningplan-design")
    assert result.exit_code == 0
    assert "[[country:]]\n[[latlng:]]\n" in result.stdout
    assert "no --country: fill in [[country:...]] and [[latlng:...]]" in result.stderr
    assert "[[focal_point]] is a placeholder" in result.stderr
    found = check_text(result.stdout, builtin)
    assert {(d.rule, d.span.line) for d in found if d.rule != "empty-answer"} == {
        ("invalid-tag-value", 9),
        ("invalid-tag-value", 10),
        ("placeholder", 1),  # no --title
        ("placeholder", 3),  # no --focal-point
    }


def test_list_shows_schemas_and_heading_languages() -> None:
    result = invoke("--list")
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "headings=en,fr,es" in lines["learningplan-design"]
    assert "headings=en " in lines["experiment-2024"]


def test_output_file_is_written_and_never_overwritten_by_accident(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    first = invoke("--schema", "solution", "--country", "PE", "--title", "Water", "-o", str(target))
    assert first.exit_code == 0 and first.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Water\n") and "[[country:Peru]]" in text
    target.write_text("my answers", encoding="utf-8")
    again = invoke("--schema", "solution", "-o", str(target))
    assert again.exit_code == 2 and "exists; pass --force" in again.stderr
    assert target.read_text(encoding="utf-8") == "my answers"
    forced = invoke("--schema", "solution", "--force", "-o", str(target))
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("# Untitled")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]  # no temporary left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "name a schema with --schema ID"),
        (("--schema", "nope"), "unknown schema 'nope'; known: "),
        (("--schema", "solution", "--year", "1999"), "1999 is not in the range"),
        (("--schema", "solution", "--lang", "de"), "'de' is not one of"),
        (("--schema", "solution", "--title", " "), "--title must be one line of text"),
        (("--schema", "solution", "-o", "/nonexistent/dir/plan.md"), "cannot write"),
    ],
)
def test_bad_options_exit_2_with_a_message(args: tuple[str, ...], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
