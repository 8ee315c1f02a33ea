"""Rule options: declared by the rule, set under `[tool.plancheck.rules.<name>]`, validated
with errors naming the rule and the option; the old top-level `coordinate-tolerance-km`
still works, with a deprecation warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from plancheck import config
from plancheck.cli import cli
from plancheck.codes import COORDINATE_TOLERANCE
from plancheck.config import TOLERANCE_RULE
from plancheck.options import Resolver
from plancheck.sources import Options
from tests.conftest import MINI_SCHEMA, VALID

# Colón, Panama, declared Costa Rica: about 160 km from Costa Rica's boundary.
FAR = VALID.replace("[[country:Panama]]", "[[country:Costa Rica]]").replace(
    "[[latlng:8.5,-80.1]]", "[[latlng:9.36,-79.9]]"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "mini.yaml").write_text(MINI_SCHEMA, encoding="utf-8")
    (tmp_path / "plans" / "sub").mkdir(parents=True)
    (tmp_path / "plans" / "a.md").write_text(FAR, encoding="utf-8")
    (tmp_path / "plans" / "sub" / "b.md").write_text(FAR, encoding="utf-8")
    monkeypatch.setattr(config, "_warned", False)  # the warning is said once per run
    return tmp_path


def run(project: Path, toml: str, folder: str = "plans") -> tuple[int, str, str]:
    (project / ".plancheck.toml").write_text('schema-paths = ["schemas"]\n' + toml, "utf-8")
    args = ["check", "--output-format", "concise", "--select", "PC504", str(project / folder)]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


def tolerance(project: Path) -> float:
    use = Resolver(Options()).for_path(str(project / "plans" / "a.md"))
    return use.settings.option(TOLERANCE_RULE, COORDINATE_TOLERANCE)


def test_the_default_tolerance_reports_the_far_point(project: Path) -> None:
    code, out, err = run(project, "")
    assert code == 0 and out.count("PC504") == 2 and err == ""  # a warning: exit 0


def test_the_rule_option_sets_the_tolerance(project: Path) -> None:
    code, out, err = run(project, "[rules.coordinates-outside-country]\ntolerance-km = 300\n")
    assert code == 0 and "PC504" not in out and err == ""
    assert tolerance(project) == 300.0


def test_the_option_in_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.plancheck]\nschema-paths = ["schemas"]\n\n'
        "[tool.plancheck.rules.coordinates-outside-country]\ntolerance-km = 300\n",
        encoding="utf-8",
    )
    assert tolerance(project) == 300.0


def test_the_old_key_still_works_and_warns_once(project: Path) -> None:
    (project / "plans" / "sub" / ".plancheck.toml").write_text(
        'schema-paths = ["../../schemas"]\ncoordinate-tolerance-km = 300\n', encoding="utf-8"
    )
    code, out, err = run(project, "coordinate-tolerance-km = 300\n")
    assert code == 0 and "PC504" not in out  # both files read the old key
    assert err.count("warning") == 1
    assert "`coordinate-tolerance-km` is deprecated" in err
    assert "tolerance-km = ..." in err and "[rules.coordinates-outside-country]" in err


def test_the_rule_option_wins_over_the_old_key(project: Path) -> None:
    run(
        project,
        "coordinate-tolerance-km = 300\n[rules.coordinates-outside-country]\ntolerance-km = 10\n",
    )
    assert tolerance(project) == 10.0


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        (
            "[rules.coordinates-outside-country]\ntolerance = 3\n",
            "rules.coordinates-outside-country: unknown option 'tolerance', did you mean "
            "'tolerance-km'? (the rule's options: tolerance-km)",
        ),
        (
            "[rules.tag-order]\nstrict = true\n",
            "rules.tag-order: unknown option 'strict' (the rule's options: none)",
        ),
        (
            "[rules.coordinates-outside-country]\ntolerance-km = 'far'\n",
            "rules.coordinates-outside-country.tolerance-km: expected float, got 'far'",
        ),
        (
            "[rules.coordinates-outside-country]\ntolerance-km = -1\n",
            "rules.coordinates-outside-country.tolerance-km: must be at least 0, got -1",
        ),
        (
            "[rules.coordinates-outside-countr]\ntolerance-km = 3\n",
            "rules: no rule named 'coordinates-outside-countr', did you mean "
            "'coordinates-outside-country'?",
        ),
        ("[rules.PC504]\ntolerance-km = 3\n", "(write its name, 'coordinates-outside-country')"),
    ],
)
def test_a_wrong_option_is_a_config_error(project: Path, toml: str, says: str) -> None:
    code, out, err = run(project, toml)
    assert code == 2
    assert says in err and ".plancheck.toml" in err
    assert "Traceback" not in out + err
