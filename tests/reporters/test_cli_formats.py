"""Every format end to end: `plancheck check --output-format X` on the broken seeds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from plancheck.cli import cli
from plancheck.reporters import relative_path
from tests.conftest import SEEDS
from tests.reporters.test_github import parse as parse_github
from tests.reporters.test_sarif import SARIF_SCHEMA

BROKEN = SEEDS / "broken"
CHECKED = [*sorted(BROKEN.glob("*.md")), SEEDS / "solution.md"]


def check(output_format: str) -> str:
    result = CliRunner().invoke(
        cli,
        # --invisible: the seeds' CRLF and trailing spaces give the formats an info to show
        [
            "check",
            "--invisible",
            "--output-format",
            output_format,
            str(BROKEN),
            str(SEEDS / "solution.md"),
        ],
    )
    assert result.exit_code == 1, result.output
    return result.stdout


def json_findings() -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(check("json"))
    assert data
    return data


def test_json_lines() -> None:
    assert [json.loads(line) for line in check("json-lines").splitlines()] == json_findings()


def test_github() -> None:
    lines = check("github").rstrip("\n").split("\n")
    assert len(lines) == len(json_findings())
    commands = {parse_github(line)[0] for line in lines}
    assert commands == {"error", "warning", "notice"}


def test_gitlab() -> None:
    issues = json.loads(check("gitlab"))
    assert len(issues) == len(json_findings())
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["location"]["path"] for i in issues} <= {relative_path(str(p)) for p in CHECKED}


def test_sarif() -> None:
    data = json.loads(check("sarif"))
    assert len(data["runs"][0]["results"]) == len(json_findings())
    if SARIF_SCHEMA.is_file():
        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.Draft4Validator(schema).validate(data)


def test_junit_has_one_case_per_file_checked() -> None:
    root = ET.fromstring(check("junit"))
    (suite,) = root.iter("testsuite")
    names = [c.get("name") for c in suite.iter("testcase")]
    assert sorted(names) == sorted(str(p) for p in CHECKED)
    failed = {c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None}
    with_errors = {d["path"] for d in json_findings() if d["severity"] == "error"}
    assert failed == with_errors
    assert str(SEEDS / "solution.md") not in failed


def test_markdown() -> None:
    out = check("markdown")
    assert out.startswith("## plancheck\n\n❌ Found ")
    assert "| code | rule | severity | findings | fixable |" in out
    assert f"| {BROKEN / 'experiment.md'} |" in out


@pytest.mark.parametrize("output_format", ["markdown", "junit", "sarif", "github"])
def test_a_clean_run(output_format: str) -> None:
    result = CliRunner().invoke(
        cli, ["check", "--output-format", output_format, str(SEEDS / "solution.md")]
    )
    assert result.exit_code == 0, result.output
    if output_format == "markdown":
        assert "✅ All checks passed (1 file)." in result.stdout
    if output_format == "junit":
        assert len(ET.fromstring(result.stdout).findall("testsuite/testcase")) == 1
    if output_format == "github":
        assert result.stdout == ""
