"""Hostile configuration, schema and vocabulary files: each is an error naming the file
(and the line where the loader knows it), exit status 2, never a traceback; loaders never
run code and never expand a YAML alias bomb."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import plancheck.schema.files
from plancheck.cli import cli
from plancheck.errors import SchemaError
from plancheck.schema import parse_schema, parse_vocabulary
from tests.conftest import SEEDS

PLAN = (SEEDS / "learningplan-design.md").read_text(encoding="utf-8")
BASE = "id: mini\ntitle: Mini\ntype: miniplan\n"
# Nine lists of nine aliases each, nine levels deep: 9**9 strings once expanded.
BOMB = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
)


def run(cwd: Path, *args: str) -> tuple[int, str]:
    """Run plancheck in ``cwd``; the exit status and what it printed to stderr. Fails the
    test if plancheck raised instead of reporting."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


# --- configuration ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("select = [PC1\n", ".plancheck.toml: invalid TOML: "),
        ('select = "PC1"\n', ".plancheck.toml: select: Input should be a valid list"),
        ("selekt = []\n", ".plancheck.toml: unknown key 'selekt', did you mean 'select'?"),
        ("ignore = [1]\n", ".plancheck.toml: ignore.0: Input should be a valid string"),
        ('severity = {PC101 = "loud"}\n', ".plancheck.toml: severity.PC101: Input should be"),
        ("max-file-size = 0\n", ".plancheck.toml: max-file-size: Input should be greater than 0"),
        ("max-file-size = -5\n", ".plancheck.toml: max-file-size: Input should be greater than 0"),
        (
            'max-file-size = "10MB"\n',
            ".plancheck.toml: max-file-size: Input should be a valid integer",
        ),
        (
            "max-file-size = true\n",
            ".plancheck.toml: max-file-size: Input should be a valid integer",
        ),
        (
            "max-file-size = 1e7\n",
            ".plancheck.toml: max-file-size: Input should be a valid integer",
        ),
        ('select = ["no-such-rule"]\n', ".plancheck.toml: no rule matches 'no-such-rule'"),
        ("a = 1\na = 2\n", ".plancheck.toml: invalid TOML: "),
    ],
    ids=[
        "invalid-toml",
        "wrong-type",
        "unknown-key",
        "wrong-item-type",
        "bad-severity",
        "size-zero",
        "size-negative",
        "size-string",
        "size-bool",
        "size-float",
        "unknown-rule",
        "duplicate-key",
    ],
)
def test_a_broken_configuration_is_an_error_naming_the_file(
    tmp_path: Path, content: str, expected: str
) -> None:
    (tmp_path / ".plancheck.toml").write_text(content, encoding="utf-8")
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    status, err = run(tmp_path, "check", "--no-cache", "plan.md")
    assert status == 2
    assert err.startswith("plancheck: error: ") and str(tmp_path / expected) in err
    assert len(err.strip().splitlines()) == 1


def test_invalid_toml_says_the_line(tmp_path: Path) -> None:
    (tmp_path / ".plancheck.toml").write_text(
        'select = ["PC1"]\nignore = [1 2]\n', encoding="utf-8"
    )
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    status, err = run(tmp_path, "check", "--no-cache", "plan.md")
    assert status == 2 and "(at line 2" in err


def test_a_pyproject_table_of_the_wrong_type(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.plancheck]\nexclude = 3\n", encoding="utf-8")
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    status, err = run(tmp_path, "check", "--no-cache", "plan.md")
    assert status == 2 and "pyproject.toml: [tool.plancheck] exclude: Input should be" in err


def test_deeply_nested_toml(tmp_path: Path) -> None:
    depth = 5000  # deeper than Python's recursion limit: tomllib recurses per level
    nested = "[" * depth + "]" * depth
    (tmp_path / ".plancheck.toml").write_text(f"select = {nested}\n", encoding="utf-8")
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    status, err = run(tmp_path, "check", "--no-cache", "plan.md")
    assert status == 2 and ".plancheck.toml" in err


# --- schemas and vocabularies -----------------------------------------------------------


def schema_check(tmp_path: Path, text: str, name: str = "bad.yaml") -> tuple[int, str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return run(tmp_path, "schema", "check", name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BASE + "sections: [\n", "bad.yaml:5: invalid YAML: "),
        (BASE + "\ttags: []\n", "bad.yaml:4: invalid YAML: found a tab character"),
        (BASE + "sections: {}\n", "bad.yaml:4: sections: Input should be a valid list"),
        (BASE + "sections:\n- heading: H\n  colour: red\n", "bad.yaml:6: sections.0.colour: Extra"),
        (BASE + "tags:\n- key: x\n  required: maybe\n", "bad.yaml:6: tags.0.required: Input"),
        ("- just\n- a list\n", "bad.yaml:1: a schema must be a YAML mapping"),
        ("", "bad.yaml:1: a schema must be a YAML mapping"),
        (
            BASE + "tags:\n- key: m\n  format: vocabulary\n  vocabulary: nowhere\n",
            "bad.yaml:7: tags.0.vocabulary: no vocabulary 'nowhere'",
        ),
    ],
    ids=[
        "invalid-yaml",
        "tab",
        "wrong-type",
        "unknown-key",
        "wrong-value-type",
        "not-a-mapping",
        "empty",
        "missing-vocabulary",
    ],
)
def test_a_broken_schema_is_an_error_naming_file_and_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    status, err = schema_check(tmp_path, text)
    assert status == 2 and err.startswith(expected)


def test_a_schema_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes(BASE.encode() + b"title: Caf\xe9\n")
    status, err = run(tmp_path, "schema", "check", "bad.yaml")
    assert status == 2 and err.startswith("bad.yaml: cannot read schema:")


def test_a_broken_schema_on_the_schema_path_stops_a_check(tmp_path: Path) -> None:
    folder = tmp_path / "schemas"
    folder.mkdir()
    (folder / "bad.yaml").write_text(BASE + "sections: 3\n", encoding="utf-8")
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    status, err = run(tmp_path, "check", "--no-cache", "--schema-path", "schemas", "plan.md")
    assert status == 2
    assert "schemas/bad.yaml:4: sections: Input should be a valid list" in err


@pytest.mark.parametrize(
    "text",
    [
        BASE + "x: !!python/object/apply:os.system ['touch {marker}']\n",
        BASE + "title: !!python/object/apply:os.system ['touch {marker}']\n",
        "!!python/object/new:os.system ['touch {marker}']\n",
        BASE + "title: !!python/name:os.system\n",
    ],
    ids=["apply", "apply-in-a-field", "new", "name"],
)
def test_loaders_never_run_code(tmp_path: Path, text: str) -> None:
    marker = tmp_path / "ran"
    status, err = schema_check(tmp_path, text.format(marker=marker))
    assert status == 2 and "could not determine a constructor" in err
    assert not marker.exists()


def test_a_yaml_alias_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    status, err = schema_check(tmp_path, BASE + BOMB + "sections: *a8\n")
    assert status == 2
    assert err.startswith("bad.yaml: invalid YAML: its aliases expand it to")
    assert "above the limits of 1,000,000 and 50,000,000" in err


def test_a_bomb_of_long_strings_is_refused(tmp_path: Path) -> None:
    """A few aliases of one long string: few values, but gigabytes to normalize."""
    text = (
        "id: v\ntitle: t\nterms:\n- term: a\n"
        f"  description: &s {'x' * 200_000}\n"
        f"  aliases: [{', '.join(['*s'] * 300)}]\n"
    )
    with pytest.raises(SchemaError, match="characters, above the limits of"):
        parse_vocabulary(text, "v.yaml")


def test_a_vocabulary_bomb_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "vocabularies"
    folder.mkdir()
    text = "id: v\ntitle: t\n" + BOMB.replace("a0:", "x0:", 1) + "terms: *a8\n"
    (folder / "v.yaml").write_text(text, encoding="utf-8")
    status, err = run(tmp_path, "vocab", "check", str(folder / "v.yaml"))
    assert status == 2 and "invalid YAML: its aliases expand it to" in err


def test_an_alias_that_contains_itself(tmp_path: Path) -> None:
    status, err = schema_check(tmp_path, BASE + "sections: &s\n- heading: H\n  aliases: *s\n")
    assert status == 2
    assert err.startswith("bad.yaml: invalid YAML: an alias refers to a node that contains it")


def test_ordinary_aliases_are_fine() -> None:
    text = (
        BASE
        + "sections:\n- heading: A\n  prompts:\n  - &p {text: Why?, answer: {required: true}}\n"
        "- heading: B\n  prompts: [*p]\n"
    )
    schema = parse_schema(text, "ok.yaml")
    assert [s.prompts[0].text for s in schema.sections] == ["Why?", "Why?"]


@pytest.mark.parametrize("depth", [2000, 100_000])
def test_deep_nesting(tmp_path: Path, depth: int) -> None:
    status, err = schema_check(tmp_path, BASE + "sections: " + "[" * depth + "]" * depth + "\n")
    assert status == 2 and err.startswith("bad.yaml:4: invalid YAML: ")


def test_deep_nesting_with_the_pure_python_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, PyYAML recurses per level: the loader turns that into an error."""
    monkeypatch.setattr(plancheck.schema.files, "_LOADER", yaml.SafeLoader)
    with pytest.raises(SchemaError, match=r"deep\.yaml: invalid YAML: nested too deeply"):
        parse_schema(BASE + "sections: " + "[" * 5000 + "]" * 5000 + "\n", "deep.yaml")


def test_a_configuration_that_is_not_utf8_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / ".plancheck.toml").write_bytes(b'ignore = ["caf\xe9"]\n')
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    status, err = run(tmp_path, "check", "plan.md")
    assert status == 2
    assert err == (
        f"plancheck: error: {tmp_path / '.plancheck.toml'}: invalid TOML: not UTF-8 "
        "(byte 0xe9 on line 1); re-save the file as UTF-8\n"
    )


@pytest.mark.parametrize(
    ("encoding", "detail"),
    [
        ("latin-1", "byte 0xe9 on line 2"),
        ("cp1252", "byte 0xe9 on line 2"),
        ("utf-16", "UTF-16"),  # with its byte order mark, as Windows editors save it
        ("utf-16-le", "NUL bytes: UTF-16 or UTF-32"),
        ("utf-16-be", "NUL bytes: UTF-16 or UTF-32"),
        ("utf-32", "UTF-32"),
    ],
)
def test_every_encoding_but_utf8_gets_the_same_hint(
    tmp_path: Path, encoding: str, detail: str
) -> None:
    text = 'select = ["PC1"]\nignore = ["café"]\n'
    (tmp_path / ".plancheck.toml").write_bytes(text.encode(encoding))
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    status, err = run(tmp_path, "check", "--no-cache", "plan.md")
    assert (status, err) == (
        2,
        f"plancheck: error: {tmp_path / '.plancheck.toml'}: invalid TOML: not UTF-8 "
        f"({detail}); re-save the file as UTF-8\n",
    )


def test_a_utf8_byte_order_mark_is_read_past(tmp_path: Path) -> None:
    (tmp_path / ".plancheck.toml").write_bytes('select = ["PC1"]\n'.encode("utf-8-sig"))
    (tmp_path / "plan.md").write_text(PLAN, encoding="utf-8")
    assert run(tmp_path, "check", "--no-cache", "plan.md") == (0, "")
