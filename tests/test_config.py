"""Configuration: discovery (nearest wins), validation, every key, and precedence
(command line over the nearest file over defaults)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from plancheck.cli import cli
from plancheck.codes import COORDINATE_TOLERANCE
from plancheck.config import TOLERANCE_RULE, find_config, load_config
from plancheck.diagnostics import Severity
from plancheck.errors import ConfigError
from plancheck.options import Resolver
from plancheck.sources import Options
from tests.conftest import MINI_SCHEMA, VALID

BROKEN = VALID.replace("[[year:2024]]", "[[year:20234]]").replace("## Closing", "## closing")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """project/ with the mini schema, plans/a.md and plans/sub/b.md (both broken)."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "mini.yaml").write_text(MINI_SCHEMA, encoding="utf-8")
    (tmp_path / "plans" / "sub").mkdir(parents=True)
    (tmp_path / "plans" / "a.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "plans" / "sub" / "b.md").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def check(tree: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["check", "--output-format", "concise", *args, str(tree / "plans")]
    )
    return result.exit_code, result.output


def codes(out: str) -> list[str]:
    return sorted({line.split(": ")[1].split()[0] for line in out.splitlines() if ": PC" in line})


def test_nearest_file_wins_and_plancheck_toml_beats_pyproject(tree: Path) -> None:
    write(
        tree / "pyproject.toml",
        '[tool.plancheck]\nschema-paths = ["schemas"]\nignore = ["PC102"]\n',
    )
    write(tree / "plans" / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")  # no table
    write(
        tree / "plans" / "sub" / ".plancheck.toml",
        'schema-paths = ["../../schemas"]\nignore = ["PC206"]\n',
    )
    assert find_config((tree / "plans").resolve()).path == (tree / "pyproject.toml").resolve()  # type: ignore[union-attr]
    found = find_config((tree / "plans" / "sub").resolve())
    assert (
        found is not None and found.path == (tree / "plans" / "sub" / ".plancheck.toml").resolve()
    )
    code, out = check(tree)
    a = [line for line in out.splitlines() if "a.md" in line]
    b = [line for line in out.splitlines() if "b.md" in line]
    assert codes("\n".join(a)) == ["PC206"]  # PC102 ignored by the root pyproject
    assert codes("\n".join(b)) == ["PC102"]  # PC206 ignored by the nearest file
    assert code == 1


def test_unknown_key_and_wrong_type_name_the_file(tree: Path) -> None:
    bad = write(tree / ".plancheck.toml", "colour = 'red'\n")
    with pytest.raises(ConfigError, match=r"\.plancheck\.toml: unknown key 'colour'"):
        load_config(bad)
    write(bad, "ignore = 'PC102'\n")
    code, out = check(tree)
    assert code == 2 and f"{bad.resolve()}: ignore: Input should be a valid list" in out
    write(bad, "select = [\n")
    assert "invalid TOML" in check(tree)[1]


def test_pyproject_errors_name_the_table(tree: Path) -> None:
    write(tree / "pyproject.toml", "[tool.plancheck]\nseverity = {PC102 = 'fatal'}\n")
    code, out = check(tree)
    assert code == 2 and "pyproject.toml: [tool.plancheck] severity.PC102" in out


def test_select_extend_select_ignore_and_severity(tree: Path) -> None:
    write(
        tree / ".plancheck.toml",
        'schema-paths = ["schemas"]\nselect = ["PC1"]\nextend-select = ["heading-drift"]\n'
        'ignore = ["PC104"]\nseverity = {heading-drift = "error", invalid-tag-value = "info"}\n',
    )
    use = Resolver(Options()).for_path(str(tree / "plans" / "a.md"))
    names = {r.name for r in use.rules.rules}
    assert "heading-drift" in names and "tag-syntax" not in names and "missing-section" not in names
    code, out = check(tree)
    assert codes(out) == ["PC102", "PC206"]
    assert code == 1  # heading-drift is an error here; the year is only info
    severities = {r.name: use.rules.level(r) for r in use.rules.rules}
    assert severities["invalid-tag-value"] is Severity.INFO


def test_command_line_wins_over_the_file(tree: Path) -> None:
    write(tree / ".plancheck.toml", 'schema-paths = ["schemas"]\nselect = ["PC102"]\n')
    assert codes(check(tree)[1]) == ["PC102"]
    assert codes(check(tree, "--select", "PC206")[1]) == ["PC206"]
    assert codes(check(tree, "--ignore", "PC102")[1]) == []


def test_exclude_per_file_ignores_and_schemas(tree: Path) -> None:
    (tree / "plans" / "other.md").write_text(BROKEN.replace("[[type:miniplan]]", "[[type:x]]"))
    write(
        tree / ".plancheck.toml",
        'schema-paths = ["schemas"]\nexclude = ["plans/sub"]\n'
        '[per-file-ignores]\n"plans/a.md" = ["PC206"]\n'
        '[schemas]\n"plans/other.md" = "mini"\n',
    )
    _, out = check(tree)
    assert "b.md" not in out  # the excluded folder is not walked
    assert codes("\n".join(x for x in out.splitlines() if "a.md" in x)) == ["PC102"]
    other = [x for x in out.splitlines() if "other.md" in x]
    assert "PC001" not in " ".join(other) and "PC102" in " ".join(other)  # schema forced


def test_coordinate_tolerance_reaches_the_rules(tree: Path) -> None:
    write(tree / ".plancheck.toml", "coordinate-tolerance-km = 120\n")
    use = Resolver(Options()).for_path(str(tree / "plans" / "a.md"))
    assert use.settings.option(TOLERANCE_RULE, COORDINATE_TOLERANCE) == 120
    assert (
        Resolver(Options(isolated=True))
        .for_path(str(tree / "plans" / "a.md"))
        .settings.option(TOLERANCE_RULE, COORDINATE_TOLERANCE)
        == 50
    )


def test_config_option_and_isolated(tree: Path) -> None:
    write(tree / ".plancheck.toml", 'schema-paths = ["schemas"]\nselect = ["PC102"]\n')
    other = write(tree / "other.toml", 'schema-paths = ["schemas"]\nselect = ["PC206"]\n')
    assert codes(check(tree, "--config", str(other))[1]) == ["PC206"]
    isolated = check(tree, "--isolated", "--schema-path", str(tree / "schemas"))[1]
    assert codes(isolated) == ["PC102", "PC206"]


def test_unknown_schema_in_config_is_an_error(tree: Path) -> None:
    write(
        tree / ".plancheck.toml", 'schema-paths = ["schemas"]\n[schemas]\n"plans/*.md" = "nope"\n'
    )
    code, out = check(tree)
    assert code == 2 and "unknown schema id 'nope'" in out


def test_the_documented_example_is_a_valid_configuration(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    example = page.split("```toml\n", 1)[1].split("```", 1)[0]
    path = write(tmp_path / "pyproject.toml", example)
    config = load_config(path)
    assert config.data.select == ["PC1", "PC2", "PC3"]
    assert config.data.schemas == {"closing/*.md": "closing-report-2024"}
    assert config.data.severity["empty-answer"] is Severity.ERROR


def test_a_rule_the_file_names_wrongly_is_reported_with_the_file(tree: Path) -> None:
    config = write(tree / ".plancheck.toml", 'ignore = ["no-such-rule"]\n')
    code, out = check(tree)
    assert code == 2 and f"{config.resolve()}: no rule matches 'no-such-rule'" in out


def test_every_unknown_key_is_named_with_the_nearest_known_one(tree: Path) -> None:
    config = write(
        tree / ".plancheck.toml",
        'selct = ["PC1"]\nextend_selcet = ["PC2"]\nexclude = 3\nzzz = 1\n',
    )
    code, out = check(tree)
    assert code == 2
    assert out == (
        f"plancheck: error: {config.resolve()}: exclude: Input should be a valid list; "
        "unknown key 'selct', did you mean 'select'?; "
        "unknown key 'extend_selcet', did you mean 'extend-select'?; "
        "unknown key 'zzz'\n"
    )


def test_every_unknown_rule_is_named_with_the_nearest_rule(tree: Path) -> None:
    config = write(
        tree / ".plancheck.toml",
        'select = ["heading-drift", "tralling-whitespace"]\nignore = ["PC99", "xyzzy"]\n'
        '[severity]\n"empty-anwser" = "error"\n',
    )
    code, out = check(tree)
    assert code == 2
    assert out == (
        f"plancheck: error: {config.resolve()}: "
        "no rule matches 'tralling-whitespace', did you mean 'trailing-whitespace'?; "
        "no rule matches 'PC99', did you mean 'PC009'?; "
        "no rule matches 'xyzzy'; "
        "no rule matches 'empty-anwser', did you mean 'empty-answer'?\n"
    )
    code, out = check(tree, "--isolated", "--select", "headng-drift,PC2")
    assert (code, out) == (
        2,
        "plancheck: error: no rule matches 'headng-drift', did you mean 'heading-drift'?\n",
    )


def test_the_pyproject_table_pasted_into_plancheck_toml_says_where_keys_go(tree: Path) -> None:
    config = write(tree / ".plancheck.toml", '[tool.plancheck]\nselect = ["PC1"]\n')
    code, out = check(tree)
    assert (code, out) == (
        2,
        f"plancheck: error: {config.resolve()}: [tool.plancheck] is the table of "
        "pyproject.toml; in .plancheck.toml the keys go at the top level "
        "(remove the [tool.plancheck] line)\n",
    )


def test_an_unknown_rule_in_per_file_ignores_names_the_file_and_the_key(tree: Path) -> None:
    config = write(
        tree / ".plancheck.toml",
        'schema-paths = ["schemas"]\n[per-file-ignores]\n"plans/*" = ["heading-drfit"]\n',
    )
    code, out = check(tree)
    assert (code, out) == (
        2,
        f"plancheck: error: {config.resolve()}: per-file-ignores: no rule matches "
        "'heading-drfit', did you mean 'heading-drift'?\n",
    )
