"""Schema models: loading, validation errors with lines, built-ins, the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import plancheck.schema.compiled as compiled_module
from plancheck.errors import SchemaError
from plancheck.schema import files as schema_files
from plancheck.schema import format_json_schema, load_schemas, parse_schema
from tests.conftest import MINI_SCHEMA, ROOT

BUILTIN_IDS = {
    "learningplan-design",
    "closing-report-2022",
    "closing-report-2024",
    "experiment",
    "solution",
}


def test_builtin_schemas_load() -> None:
    schemas = load_schemas()
    assert set(schemas) >= BUILTIN_IDS
    design = schemas["learningplan-design"]
    assert design.type == "learningplan"
    assert design.section_for("Titre") is design.section_for("Title") is not None
    questions = design.section_for("Learning questions")
    assert questions is not None and questions.repeatable and questions.max_repeats == 10


def test_builtin_schemas_state_the_prompt_constraints() -> None:
    design = load_schemas()["learningplan-design"]
    statement = design.section_for("Challenge statement")
    assert statement is not None
    answers = {p.text.split(":")[0]: p.answer for p in statement.prompts}
    assert answers["Challenge statement"].starts_with == "Our challenge is that"
    assert answers["Short “tweet” summary"].max_chars == 280
    closing = load_schemas()["closing-report-2022"]
    learnings = closing.section_for("Learnings on your challenge")
    assert learnings is not None
    shares = [p.answer.shares for p in learnings.prompts if p.answer.shares]
    assert shares and shares[0].prompts == ["Sense", "Explore", "Test", "Grow"]
    assert any(p.answer.must_contain_link for p in learnings.prompts)


def test_mini_schema_round_trips() -> None:
    schema = parse_schema(MINI_SCHEMA)
    assert schema.id == "mini" and len(schema.sections) == 4


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("id: x\ntitle: X\ntype: t\ncolour: red\n", 4, "colour: Extra inputs are not permitted"),
        ("id: x\ntitle: X\ntype: t\ntags:\n  - {key: year, format: date}\n", 5, "tags.0.format"),
        ("id: x\ntitle: X\ntype: t\ntags:\n  - {key: k, format: one-of}\n", 5, "needs a non-empty"),
        ("id: x\ntitle: X\n", 1, "type: Field required"),
        ("id: x\ntitle: [\n", 3, "invalid YAML"),
        ("- a\n- b\n", 1, "must be a YAML mapping"),
        (
            "id: x\ntitle: X\ntype: t\nsections:\n  - heading: H\n    prompts:\n"
            "      - text: P\n        answer: {pattern: '('}\n",
            8,
            "not a valid regex",
        ),
    ],
)
def test_broken_schema_names_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(SchemaError) as info:
        parse_schema(text, "broken.yaml")
    assert info.value.line == line
    assert words in str(info.value)
    assert str(info.value).startswith(f"broken.yaml:{line}: ")


def test_yaml_tags_that_build_objects_are_refused() -> None:
    with pytest.raises(SchemaError):
        parse_schema("!!python/object/apply:os.system ['true']\n")


def test_committed_json_schema_is_current() -> None:
    committed = (ROOT / "schemas" / "schema.schema.json").read_text(encoding="utf-8")
    assert committed == format_json_schema(), (
        "run: plancheck schema json-schema > schemas/schema.schema.json"
    )


def test_builtin_schemas_validate_against_the_json_schema() -> None:
    import jsonschema
    import yaml

    document = json.loads(format_json_schema())
    for path in sorted(Path(ROOT / "schemas").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), document)


# --- compiled schemas --------------------------------------------------------------------


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder for compiled schemas, and no schemas loaded in this process yet."""
    folder = tmp_path / "compiled"
    monkeypatch.setenv("PLANCHECK_SCHEMA_CACHE", str(folder))
    monkeypatch.setattr(compiled_module, "_LOADED", {})
    return folder


def validation_fails(*args: object) -> None:
    raise AssertionError("validated although the compiled schemas were current")


def test_compiled_schemas_equal_the_validated_ones(
    compiled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated = load_schemas()
    assert len(list(compiled.glob("schemas-*.json"))) == 1
    monkeypatch.setattr(compiled_module, "_LOADED", {})
    monkeypatch.setattr(schema_files, "validate_schema", validation_fails)
    monkeypatch.setattr(schema_files, "validate_vocabulary", validation_fails)
    again = load_schemas()
    assert again == validated
    assert again["learningplan-design"] is not validated["learningplan-design"]
    country = again["learningplan-design"].vocabulary("country")
    assert country is not None and country.index.match("Cabo Verde") is not None
    assert country.codes["Cape Verde"] == "CPV"


def test_an_edited_schema_is_validated_again(compiled: Path, tmp_path: Path) -> None:
    extra = tmp_path / "schemas"
    extra.mkdir()
    (extra / "mini.yaml").write_text(MINI_SCHEMA, encoding="utf-8")
    assert load_schemas([extra])["mini"].title == "Mini plan"
    (extra / "mini.yaml").write_text(MINI_SCHEMA.replace("Mini plan", "Mini"), encoding="utf-8")
    assert load_schemas([extra])["mini"].title == "Mini"
    (extra / "mini.yaml").write_text(MINI_SCHEMA + "colour: red\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="colour: Extra inputs are not permitted"):
        load_schemas([extra])
    assert len(list(compiled.glob("schemas-*.json"))) == 2  # a broken file is not kept


def test_a_damaged_compiled_file_is_ignored(
    compiled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_schemas()
    (written,) = compiled.glob("schemas-*.json")
    written.write_text('{"key": "something else"}', encoding="utf-8")
    monkeypatch.setattr(compiled_module, "_LOADED", {})
    assert load_schemas() == expected
    assert json.loads(written.read_text(encoding="utf-8"))["key"] in written.name


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PLANCHECK_SCHEMA_CACHE", str(blocked / "compiled"))
    monkeypatch.setattr(compiled_module, "_LOADED", {})
    assert set(load_schemas()) >= BUILTIN_IDS
