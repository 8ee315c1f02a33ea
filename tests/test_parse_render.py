"""`plancheck parse` and `plancheck render`: a document as data and back, unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.cli import cli
from plancheck.detect import detect
from plancheck.export import (
    GroupModel,
    MalformedTagModel,
    PlanDocument,
    PromptModel,
    SectionModel,
    TagModel,
    TextModel,
    build,
    prompts,
)
from plancheck.files import Source, read
from plancheck.parser import parse
from plancheck.render import render
from plancheck.schema import Schema, format_json_schema
from tests.conftest import CORPUS, ROOT, SEED, SEEDS, needs_corpus

COMMITTED = ROOT / "schemas" / "document.schema.json"


def invoke(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def model_of(text: str) -> PlanDocument:
    return build(parse(text, "plan.md"))


def round_trip(model: PlanDocument) -> PlanDocument:
    return build(parse(render(model), "rendered.md"), model.detected_schema)


def same_structure(model: PlanDocument, text: str) -> None:
    """The model's prompts and groups are the parser's, one for one."""
    document = parse(text)
    ours = [(p.text, g is not None) for _, g, p in prompts(model)]
    parsers = [(p.text, p.group is not None) for s in document.sections for p in s.prompts]
    assert ours == parsers
    groups = [g.closed for s in model.sections for g in s.content if isinstance(g, GroupModel)]
    assert groups == [g.closed for s in document.sections for g in s.groups]


# --------------------------------------------------------------------------- the model


def test_committed_json_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == format_json_schema(PlanDocument, "document"), (
        "run: plancheck parse --json-schema -o schemas/document.schema.json"
    )


def test_seed_as_data(builtin: dict[str, Schema]) -> None:
    text = SEED.read_text(encoding="utf-8")
    document = parse(text)
    model = build(document, detect(document, builtin).schema.id)  # type: ignore[union-attr]
    assert model.detected_schema == "closing-report-2024"
    assert model.title == "Grounding portfolio approaches at a territorial level"
    assert model.tags[:3] == [
        TagModel(key="focal_point", value="anibal.cardenas@undp.org"),
        TagModel(key="year", value="2024"),
        TagModel(key="type", value="learningplan"),
    ]
    learnings = model.sections[0]
    assert (learnings.heading, learnings.lead) == ("Learnings on your challenge", "****")
    first = learnings.content[0]
    assert isinstance(first, PromptModel)
    assert first.text.startswith("What are the top key insights")
    # Answers are the file's Markdown, no-break spaces and all.
    assert first.answer.startswith(
        "Centralized Power Structures and the Move Toward Local Engagement:\u00a0\u00a0"
    )
    same_structure(model, text)


def test_groups_hold_their_prompts_and_text_around_them() -> None:
    text = (
        "# T\n\n[[year:2024]]\n## Partners\n****\n\n> Who are your partners?\n\n"
        '<div class="group">\n\n![Missing alt text](https://example.org/a.png)\n\n'
        "> Please state the name of the partner:\n\nAcme\n\n</div>\n\nA line after the group.\n\n"
        '<div class="group">\n\n> \n\nOpen to the end\n'
    )
    model = model_of(text)
    assert model.sections[0].content == [
        PromptModel(text="Who are your partners?"),
        GroupModel(
            content=[
                TextModel(markdown="![Missing alt text](https://example.org/a.png)"),
                PromptModel(text="Please state the name of the partner:", answer="Acme"),
            ]
        ),
        TextModel(markdown="A line after the group."),
        GroupModel(content=[PromptModel(text="", answer="Open to the end")], closed=False),
    ]
    same_structure(model, text)
    assert round_trip(model) == model


def test_text_around_the_tag_block_and_malformed_tags_are_kept() -> None:
    text = (
        "\ufeff# \nSubtitle written below the title\n\n[[focal_point:a@undp.org]]\n\n"
        "[[ methods : Pilots ]]\n[[year:2024]]\nstray line in the tag block\n"
        "<!-- plancheck-disable-file trailing-whitespace -->\n\n> Project\n\nA solution's text.\n"
    )
    model = model_of(text)
    assert model.title == ""
    assert model.text_before_tags == "Subtitle written below the title"
    assert model.tags == [
        TagModel(key="focal_point", value="a@undp.org"),
        MalformedTagModel(raw="[[ methods : Pilots ]]", key="methods", value="Pilots"),
        TagModel(key="year", value="2024"),
    ]
    assert model.text_after_tags == (
        "stray line in the tag block\n"
        "<!-- plancheck-disable-file trailing-whitespace -->\n\n> Project\n\nA solution's text."
    )
    assert model.sections == []
    assert round_trip(model) == model


def test_an_answer_on_the_line_below_its_prompt_keeps_its_meaning() -> None:
    # Markdown joins it to the quote (lazy continuation); written below a blank line with
    # its indentation, it would become a code block.
    model = model_of("# T\n## S\n\n> Prompt\n    lazily joined answer\n\n> Next\n\n    code\n")
    content = model.sections[0].content
    assert content == [
        PromptModel(text="Prompt", answer="lazily joined answer"),
        PromptModel(text="Next", answer="    code"),
    ]
    rendered = parse(render(model))
    kinds = [b.kind.value for p in rendered.sections[0].prompts for b in p.answer.blocks]
    assert kinds == ["paragraph", "code"]


def test_line_endings_and_headings_without_text() -> None:
    model = model_of("# Title\r\n\r\n[[year:2024]]\r\n##\r\n\r\nintro\r\n\r\n## Next\r\n")
    assert model.sections == [
        SectionModel(heading="", content=[TextModel(markdown="intro")]),
        SectionModel(heading="Next"),
    ]
    assert render(model) == "# Title\n\n[[year:2024]]\n##\n\nintro\n\n## Next\n"


def test_render_writes_the_house_format() -> None:
    model = PlanDocument(
        title="Plan",
        tags=[
            TagModel(key="focal_point", value="a@undp.org"),
            TagModel(key="year", value="2024"),
            TagModel(key="type", value="learningplan"),
            TagModel(key="country", value="Chile"),
            TagModel(key="latlng", value="-33.4,-70.6"),
        ],
        sections=[
            SectionModel(
                heading="Partners",
                lead="****",
                content=[
                    PromptModel(text="Who?"),
                    GroupModel(content=[PromptModel(text="Name:", answer="Acme")]),
                ],
            )
        ],
    )
    assert render(model) == (
        "# Plan\n\n[[focal_point:a@undp.org]]\n\n[[year:2024]]\n\n[[type:learningplan]]\n\n"
        "[[country:Chile]]\n[[latlng:-33.4,-70.6]]\n## Partners\n****\n\n> Who?\n\n"
        '<div class="group">\n\n> Name:\n\nAcme\n\n</div>\n'
    )


# Lines that end, open or break the structures the model cuts at: headings, leads, prompts,
# lazy answers, groups, tags broken over lines, HTML blocks. Left out: lines that open a
# block only its closing line ends (a fence, `<!--`, `<pre>`); see the xfail test below.
LINES = [
    "# T", "#", "## H", "##", " ## h", "### sub", "****", "**lead**", "> prompt", ">", "> ",
    ">> deep", "  > indented", '<div class="group">', "<div class='group'>", "</div>",
    "</div >", '<div class="group">\n> q', "</div>\n## H2", "", "   ", "text", "lazy > x",
    "    code", "- item", "- > quoted item", "2) two", "<!-- c -->", "-->", "[[year:2024]]",
    "[[type:x]]", "[[ bad : x ]]", "x]]", "[[open", "<div>", "</pre>", "\u00a0",
    "\\> escaped", "---", "[ref]: http://x", "![img](http://x/a.png)", "```\ncode\n```",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_any_arrangement_of_tricky_lines_round_trips(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    model = model_of(text)
    same_structure(model, text)
    assert round_trip(model) == model


@pytest.mark.xfail(strict=True, reason="the parser ends a fence where a split HTML block ends")
def test_a_fence_opened_right_after_a_closing_div_does_not_round_trip() -> None:
    """The parser reads `</div>` and the lines stuck to it as a block of their own, so a
    fence opened there ends with them and `## H` below is a heading; written out with
    blank lines, the same fence runs on and swallows `## H`. Found by fuzzing; no corpus
    document has it (the fix belongs in parser._split_html)."""
    model = model_of("</div>\n## H2\n```\n\n## H\n")
    assert [s.heading for s in model.sections] == ["H2", "H"]
    assert round_trip(model) == model


@pytest.mark.parametrize("path", sorted(SEEDS.glob("**/*.md")), ids=lambda p: p.name)
def test_seeds_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    model = model_of(text)
    same_structure(model, text)
    assert round_trip(model) == model


@needs_corpus
@pytest.mark.corpus
def test_every_learning_plan_and_experiment_round_trips() -> None:
    """parse -> render -> parse gives an equal model for every corpus document, and the
    model's prompts and groups are the parser's."""
    total, equal = 0, 0
    different: list[str] = []
    for path in sorted([*CORPUS.glob("learningplan/*.md"), *CORPUS.glob("experiment/*.md")]):
        source = read(str(path))
        assert isinstance(source, Source)
        model = build(parse(source.text, str(path)))
        same_structure(model, source.text)
        total += 1
        if round_trip(model) == model:
            equal += 1
        else:
            different.append(path.name)
    assert (total, equal) == (1404, 1404), different[:10]


# --------------------------------------------------------------------------- commands


def test_parse_prints_json_that_validates_and_renders_back(tmp_path: Path) -> None:
    import jsonschema

    result = invoke("parse", str(SEEDS / "learningplan-design.md"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(COMMITTED.read_text(encoding="utf-8")))
    assert data["detected_schema"] == "learningplan-design"
    partners = data["sections"][3]
    assert partners["heading"] == "Partners"
    assert [item["kind"] for item in partners["content"]] == ["prompt", *["group"] * 4]
    saved = tmp_path / "plan.json"
    saved.write_text(result.stdout, encoding="utf-8")
    out = tmp_path / "plan.md"
    rendered = invoke("render", str(saved), "-o", str(out))
    assert rendered.exit_code == 0 and rendered.output == ""
    again = invoke("parse", str(out))
    assert json.loads(again.stdout) == data


def test_parse_reads_standard_input_and_takes_a_schema() -> None:
    text = SEED.read_bytes()
    result = invoke("parse", "-", "--schema", "closing-report-2022", input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["detected_schema"] == "closing-report-2022"
    undetected = invoke("parse", "-", input=b"# Just a title\n")
    assert json.loads(undetected.stdout)["detected_schema"] is None


def test_render_reads_standard_input() -> None:
    data = PlanDocument(title="T", tags=[TagModel(key="year", value="2024")]).model_dump_json()
    result = invoke("render", "-", input=data.encode())
    assert (result.exit_code, result.stdout) == (0, "# T\n\n[[year:2024]]\n")


def test_json_schema_option_prints_the_committed_schema() -> None:
    result = invoke("parse", "--json-schema")
    assert result.stdout == COMMITTED.read_text(encoding="utf-8")


def test_render_warns_when_text_would_read_back_differently(tmp_path: Path) -> None:
    sneaky = PlanDocument(
        sections=[SectionModel(heading="S", content=[PromptModel(text="Q", answer="x\n\n> R")])]
    )
    path = tmp_path / "sneaky.json"
    path.write_text(sneaky.model_dump_json(), encoding="utf-8")
    result = invoke("render", str(path))
    assert result.exit_code == 0
    assert "does not read back the same from section 1 ('S')" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "plan.json: cannot read: No such file or directory"),
        ('{"title": ', "plan.json: not valid JSON: EOF while parsing"),
        ("[]", "plan.json: not a plancheck document"),
        ('{"tags": [{"key": "Year", "value": "1"}]}', "tags.0.key: String should match pattern"),
        ('{"title": "two\\nlines"}', "title: String should match pattern"),
        (
            '{"sections": [{"heading": "S", "content": [{"kind": "table"}]}]}',
            "sections.0.content.0",
        ),
        ('{"colour": "red"}', "colour: Extra inputs are not permitted"),
    ],
)
def test_render_refuses_bad_input_with_exit_2(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "plan.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = invoke("render", str(path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_parse_refuses_unreadable_input_with_exit_2(tmp_path: Path) -> None:
    missing = invoke("parse", str(tmp_path / "nope.md"))
    assert missing.exit_code == 2 and "nope.md: no such file or directory" in missing.stderr
    utf16 = tmp_path / "utf16.md"
    utf16.write_bytes("# T\n".encode("utf-16"))
    assert invoke("parse", str(utf16)).exit_code == 2
    unknown = invoke("parse", str(SEED), "--schema", "nope")
    assert unknown.exit_code == 2 and "unknown schema 'nope'" in unknown.stderr
    nothing = invoke("parse")
    assert nothing.exit_code == 2 and "name a FILE" in nothing.stderr


def test_render_replaces_an_output_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    data = tmp_path / "plan.json"
    data.write_text(PlanDocument(title="New").model_dump_json(), encoding="utf-8")
    assert invoke("render", str(data), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == "# New\n"
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json", "plan.md"]
