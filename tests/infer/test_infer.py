"""`plancheck schema infer` on hand-made documents: what each part of the schema becomes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.cli import main
from plancheck.infer import InferredSchema, infer
from plancheck.infer.evidence import consensus_order
from plancheck.infer.writer import load, render
from plancheck.parser import parse
from plancheck.schema import Schema, TagFormat, load_schema
from tests.conftest import VALID
from tests.infer import plans


def documents(texts: list[str]) -> list:  # type: ignore[type-arg]
    return [parse(text, f"doc{i}.md") for i, text in enumerate(texts)]


@pytest.fixture(scope="module")
def inferred() -> InferredSchema:
    return infer(documents(plans.testplans()), "testplan")


@pytest.fixture(scope="module")
def schema(inferred: InferredSchema) -> Schema:
    return load(render(inferred), inferred)


def prompt(schema: Schema, text: str):  # type: ignore[no-untyped-def]
    return next(p for s in schema.sections for p in s.prompts if p.text == text)


# --- sections -------------------------------------------------------------------------


def test_sections_in_order_with_localized_headings_as_aliases(schema: Schema) -> None:
    assert [s.heading for s in schema.sections] == list(plans.EN)
    # by their prompts, and (Classement du défi has none) by their position
    assert [s.aliases for s in schema.sections] == [[h] for h in plans.FR]


def test_a_section_is_required_by_its_share(schema: Schema) -> None:
    required = {s.heading: s.required for s in schema.sections}
    assert required["Closing"] is False  # 6 of 10
    assert required["Partners"] is True
    assert "# in 6 of 10 documents" in render(infer(documents(plans.testplans()), "testplan"))


def test_a_repeated_section_is_repeatable_up_to_what_was_seen(schema: Schema) -> None:
    questions = schema.sections[3]
    assert questions.repeatable and questions.max_repeats == 2
    assert not schema.sections[2].repeatable


def test_a_heading_typo_is_counted_but_not_an_alias() -> None:
    texts = plans.testplans() * 3  # 30 documents, one of them with the typo
    texts.append(plans.plan(99).replace("## Partners", "## Partnres"))
    schema = infer(documents(texts), "testplan")
    partners = schema.sections[2].section
    assert partners.heading == "Partners"
    assert "Partnres" not in partners.aliases
    assert any("'Partnres' (a typo)" in note for note in partners.notes)


def test_a_rare_section_is_left_out_and_said(tmp_path: Path) -> None:
    texts = plans.testplans() * 12  # 120 documents; one with a stray section (< 1%)
    texts.append(plans.plan(7) + "\n## Notes\n\n> Any notes?\n\nNone.\n")
    schema = infer(documents(texts), "testplan")
    assert "Notes" not in [r.section.heading for r in schema.sections]
    assert any("section 'Notes'" in note for note in schema.notes)


# --- prompts --------------------------------------------------------------------------


def test_prompts_in_order_with_the_clean_canonical_text(schema: Schema) -> None:
    texts = [p.text for p in schema.sections[3].prompts]
    assert texts == [plans.STAGES, plans.METHODS, plans.INSIGHTS]  # `&`, not `&amp;`
    assert prompt(schema, plans.TWEET).text == plans.TWEET  # no no-break spaces


def test_variants_are_counted_in_the_comments(inferred: InferredSchema) -> None:
    text = render(inferred)
    assert "'How will you use your methods & tools?' 10" in text
    assert "'How will you use your methods &amp; tools?' 2" in text


def test_a_rare_template_typo_joins_its_prompt_without_becoming_an_alias(schema: Schema) -> None:
    partner = prompt(schema, plans.PARTNER)
    assert partner.aliases == []
    assert [p.text for p in schema.sections[2].prompts] == [plans.TOP, plans.PARTNER]


def test_two_questions_seen_together_are_not_merged() -> None:
    a, b = (
        "If applicable, what academic partners did you work with?",
        ("If applicable, what private partners did you work with?"),
    )
    texts = [plans.plan(n).replace(f"> {plans.TOP}", f"> {a}\n\nX\n\n> {b}") for n in range(5)]
    schema = load(render(found := infer(documents(texts), "t")), found)
    partners = [p.text for p in schema.sections[2].prompts]
    assert a in partners and b in partners
    # "If applicable" makes them optional whatever their share
    assert not prompt(schema, a).required and not prompt(schema, b).required


def test_grouped_prompts_are_marked(inferred: InferredSchema) -> None:
    partners = inferred.sections[2].prompts
    notes = dict((p.text, p.notes) for p, _ in partners)
    assert any("repeated group" in n and "up to 2 times" in n for n in notes[plans.PARTNER])
    assert not any("repeated group" in n for n in notes[plans.TOP])


# --- answer constraints -----------------------------------------------------------------


def test_constraints_read_from_the_prompts_words(schema: Schema) -> None:
    assert prompt(schema, plans.TWEET).answer.max_chars == 280
    assert prompt(schema, plans.CHALLENGE).answer.starts_with == "Our challenge is that"
    assert prompt(schema, plans.INSIGHTS).answer.max_items == 3
    assert prompt(schema, plans.LINKS).answer.must_contain_link
    shares = prompt(schema, plans.SHARES).answer.shares
    assert shares is not None and shares.prompts == ["Sense", "Explore"] and shares.total == 100
    assert prompt(schema, plans.STAGES).answer.options == ["Sense", "Explore", "Test", "Grow"]


def test_no_constraint_where_the_words_state_none(schema: Schema) -> None:
    for text in (plans.METHODS, plans.ANYTHING, plans.TOP):
        answer = prompt(schema, text).answer
        assert answer.describe() in ([], ["required"]), text
    # "top 5 partners" is answered in the groups below, not a list of at most 5
    assert prompt(schema, plans.TOP).answer.max_items is None


def test_a_list_of_recurring_items_is_a_checklist_even_unworded() -> None:
    question = "Does the activity use a control group?"
    texts = [
        plans.plan(n).replace(
            f"> {plans.ANYTHING}\n\nNo.", f"> {question}\n\n- {'Yes' if n % 3 else 'No'}"
        )
        for n in range(10)
    ]
    schema = load(render(found := infer(documents(texts), "t")), found)
    assert prompt(schema, question).answer.options == ["Yes", "No"]


def test_constraint_evidence_counts_the_answers_that_break_it() -> None:
    long_tweet = "x" * 300
    texts = [
        plans.plan(n).replace("Waste piles up; we test collection.", long_tweet if n < 3 else "ok")
        for n in range(10)
    ]
    assert "3 answers are longer" in render(infer(documents(texts), "t"))


# --- tags -----------------------------------------------------------------------------


def test_tags_formats_shares_and_order(schema: Schema) -> None:
    tags = {t.key: t for t in schema.tags}
    assert [t.key for t in schema.tags] == [
        "focal_point",
        "year",
        "type",
        "methods",
        "topic",
        "country",
        "latlng",
    ]
    assert tags["focal_point"].format is TagFormat.EMAIL and tags["focal_point"].required
    assert tags["year"].format is TagFormat.YEAR
    assert tags["type"].values == ["testplan"]
    assert tags["latlng"].format is TagFormat.COORDINATES
    assert tags["country"].vocabulary == "country"
    assert tags["methods"].multiple and not tags["year"].multiple
    assert tags["topic"].format is TagFormat.ONE_OF and not tags["topic"].required
    assert sorted(tags["topic"].values or []) == ["waste", "water"]


def test_a_list_of_choices_is_optional_and_a_repeated_record_follows_its_share() -> None:
    texts = plans.testplans()
    methods = {t.key: t for t in infer(documents(texts), "t").tags}["methods"]
    # every plan ticks a method, but an empty list would have been written as no line
    assert methods.multiple and not methods.required
    assert any("optional: a list of choices" in n for n in methods.notes)
    # two locations: country and latlng repeat together, one record per location
    two = [
        t.replace("[[country:", "[[country:Chile]]\n[[latlng:-33.4,-70.6]]\n[[country:", 1)
        if i % 2
        else t
        for i, t in enumerate(texts)
    ]
    tags = {t.key: t for t in infer(documents(two), "t").tags}
    assert tags["country"].multiple and tags["country"].required
    assert tags["latlng"].multiple and tags["latlng"].required
    assert any("in step with [[latlng]]" in n for n in tags["country"].notes)
    # one document: everything it has is required, its lists too
    one = {t.key: t for t in infer(documents(texts[:1]), "t").tags}["methods"]
    assert one.multiple and one.required


def test_a_recurring_vocabulary_is_mined_only_when_it_can_be_written() -> None:
    terms = ["Waste", "Water", "Energy", "Health", "Housing", "Transport", "Food", "Jobs"]
    texts = [
        plans.plan(n).replace(
            "[[country:",
            "".join(f"[[area:{terms[(n + k) % 8]}]]\n" for k in range(3)) + "[[country:",
        )
        for n in range(12)
    ]
    docs = documents(texts)
    plain = {t.key: t for t in infer(docs, "t").tags}["area"]
    assert plain.format is TagFormat.TEXT and plain.mined is None
    assert any("vocab mine --tag area" in n for n in plain.notes)
    mined = {t.key: t for t in infer(docs, "t", mine=True).tags}["area"]
    assert mined.format is TagFormat.VOCABULARY and mined.vocabulary == "area"
    assert mined.mined is not None and "- term: Waste" in mined.mined


# --- one document, and the output ---------------------------------------------------------


def test_one_document_makes_everything_it_has_required() -> None:
    found = infer(documents([VALID]), "mini")
    schema = load(render(found), found)
    assert all(s.required for s in schema.sections)
    assert all(p.required for s in schema.sections for p in s.prompts)
    assert all(t.required for t in schema.tags)
    assert [s.heading for s in schema.sections] == [
        "Challenge statement",
        "Learning questions",
        "Learnings",
        "Closing",
    ]
    learnings = schema.sections[2]
    shares = learnings.prompts[0].answer.shares
    assert shares is not None and shares.prompts == ["Sense", "Explore"]
    assert learnings.prompts[-1].answer.must_contain_link
    # the prompt does not say "select all that apply", and one answer is no checklist
    assert schema.sections[1].prompts[0].answer.options is None
    assert schema.sections[0].prompts[1].answer.max_chars == 280


def test_the_yaml_is_plain_and_its_comments_are_the_evidence(inferred: InferredSchema) -> None:
    text = render(inferred)
    data = yaml.safe_load(text)
    assert data["id"] == "testplan" and data["type"] == "testplan"
    assert text.startswith("# Inferred by `plancheck schema infer` from 10 documents")
    assert "# in all 10 documents" in text


def test_consensus_order_places_a_rare_key_between_its_neighbours() -> None:
    docs = [{"a": 0, "b": 1, "c": 2}] * 5 + [{"a": 0, "x": 1, "b": 2}]
    assert consensus_order(docs, ["c", "b", "x", "a"]) == ["a", "x", "b", "c"]


# --- two templates ----------------------------------------------------------------------


def test_two_templates_are_warned_about_with_their_sizes() -> None:
    found = infer(documents(plans.testplans()[:8] + plans.others(6)), "mixed")
    assert found.split is not None and sorted(found.split.sizes) == [6, 8]
    text = render(found)
    assert "# WARNING: these documents look like 2 templates (8 and 6 documents; " in text
    assert "## results" in text  # what sets the other group apart


def test_three_templates_are_three_groups() -> None:
    third = [
        plans.OTHER.format(n=n).replace("Results", "Budget lines").replace("What did", "Who")
        + "\n## Staff\n\n> Who worked on it?\n\nUs.\n"
        for n in range(5)
    ]
    found = infer(documents(plans.testplans()[:8] + plans.others(6) + third), "mixed")
    assert found.split is not None and found.split.sizes == (8, 6, 5)


def test_one_template_gets_no_warning(inferred: InferredSchema) -> None:
    assert inferred.split is None


# --- the command ------------------------------------------------------------------------


def test_infer_check_and_use_with_schema_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plans.write(tmp_path / "docs", plans.testplans())
    out = tmp_path / "schemas" / "testplan.yaml"
    out.parent.mkdir()
    assert (
        main(["schema", "infer", str(tmp_path / "docs"), "--id", "testplan", "-o", str(out)]) == 0
    )
    assert "wrote" in capsys.readouterr().err
    assert main(["schema", "check", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: ok (testplan)\n"
    assert load_schema(out).id == "testplan"
    # a document without its Partners section, checked with the inferred schema
    broken = tmp_path / "broken.md"
    text = plans.plan(1)
    start, end = text.index("## Partners"), text.index("## Learning questions")
    broken.write_text(text[:start] + text[end:], encoding="utf-8")
    status = main(
        [
            "check",
            "--no-cache",
            "--schema-path",
            str(out.parent),
            "--select",
            "PC2",
            "--output-format",
            "concise",
            str(broken),
        ]
    )
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    heading_line = text[:start].count("\n") + 1
    assert lines[0] == (
        f"{broken}:{heading_line}:1: PC203 [missing-section] required section '## Partners' "
        "is missing (expected before '## Learning questions')"
    )


def test_the_schema_goes_to_standard_output_without_o(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (path,) = plans.write(tmp_path, [VALID])
    assert main(["schema", "infer", str(path), "--id", "mini", "--title", "Mini plan"]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["title"] == "Mini plan" and data["id"] == "mini"


def test_mined_vocabularies_are_written_beside_the_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    terms = ["Waste", "Water", "Energy", "Health", "Housing", "Transport", "Food", "Jobs"]
    texts = [
        plans.plan(n).replace(
            "[[country:",
            "".join(f"[[area:{terms[(n + k) % 8]}]]\n" for k in range(3)) + "[[country:",
        )
        for n in range(12)
    ]
    plans.write(tmp_path / "docs", texts)
    out = tmp_path / "schemas" / "t.yaml"
    out.parent.mkdir()
    assert main(["schema", "infer", str(tmp_path / "docs"), "--id", "t", "-o", str(out)]) == 0
    assert (out.parent / "vocabularies" / "area.yaml").is_file()
    assert main(["schema", "check", str(out)]) == 0
    assert load_schema(out).vocabulary("area") is not None
    # a vocabulary already there is a maintainer's: kept, and used
    mine = out.parent / "vocabularies" / "area.yaml"
    mine.write_text("id: area\ntitle: Areas\nterms:\n- term: Waste\n", encoding="utf-8")
    assert main(["schema", "infer", str(tmp_path / "docs"), "--id", "t", "-o", str(out)]) == 0
    assert mine.read_text(encoding="utf-8").startswith("id: area\ntitle: Areas")
    assert "kept " in capsys.readouterr().err
    assert main(["schema", "check", str(out)]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "Bad Id"], "--id 'Bad Id'"),
        (["--id", "ok", "--min-share", "0"], "--min-share"),
    ],
)
def test_bad_options_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (path,) = plans.write(tmp_path, [VALID])
    assert main(["schema", "infer", str(path), *args]) == 2
    assert message in capsys.readouterr().err


def test_nothing_readable_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["schema", "infer", str(tmp_path / "empty"), "--id", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("plancheck: error: no readable Markdown documents in ")
    assert "Traceback" not in err


def test_an_unreadable_file_is_skipped_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plans.write(tmp_path, [VALID])
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00bad")
    assert main(["schema", "infer", str(tmp_path), "--id", "x"]) == 0
    assert "plancheck: warning: skipped " in capsys.readouterr().err


def test_an_unwritable_output_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (path,) = plans.write(tmp_path, [VALID])
    out = tmp_path / "missing" / "x.yaml"
    assert main(["schema", "infer", str(path), "--id", "x", "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"plancheck: error: cannot write {out}")


# --- any input ------------------------------------------------------------------------

LINES = st.sampled_from(
    [
        "# Title",
        "",
        "[[type:t]]",
        "[[type:]]",
        "[[k:v]]",
        "[[k:w]]",
        "[[year:2024]]",
        "## A",
        "## B",
        "## ",
        "## Titre",
        "> p",
        "> q",
        "> ",
        "> Please select all that apply",
        "> a maximum of 3 items",
        "> adds up to 100%",
        "- x",
        "- y",
        "1. z",
        "text",
        '<div class="group">',
        "</div>",
        "****",
        "&amp;",
        "\u00a0",
        "\r",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(LINES, max_size=25).map("\n".join), min_size=1, max_size=4))
def test_any_documents_give_a_schema_that_loads(texts: list[str]) -> None:
    found = infer(documents(texts), "any")
    load(render(found), found)  # raises if the written schema is not valid


def test_whole_numbers_urls_and_free_text() -> None:
    texts = [
        plans.plan(n).replace(
            "[[country:",
            f"[[budget:{100 * n}]]\n[[site:https://example.org/{n}]]\n[[note:about {n}]]\n"
            "[[country:",
        )
        for n in range(10)
    ]
    tags = {t.key: t for t in infer(documents(texts), "t").tags}
    assert tags["budget"].format is TagFormat.INTEGER
    assert tags["site"].format is TagFormat.TEXT
    assert "10 of 10 values are URLs (text)" in tags["site"].notes[0]
    assert tags["note"].format is TagFormat.TEXT and tags["note"].policy is None
