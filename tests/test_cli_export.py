"""`plancheck check` lists what the author can act on; the export's findings and those
about characters no reader sees are counted (and listed with --export and --invisible);
`plancheck fix` fixes them all the same."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from plancheck.cli import cli

# learningplan/a_participatory_approach_to_amplify_behavioral_awareness_on_waste_management.md,
# lines 1-12 and 147-149 (the template's "Parter" typo), with one space the author left
PLAN = """\
# A participatory approach to amplify behavioral awareness on waste management

[[focal_point:jane.doe@undp.org]]

[[year:2023]]

[[type:learningplan]]

[[country:Jordan]]
[[latlng:31.245576138022635,36.77092318207467]]
## Partners

> Please state the name of the Parter:

Aqaba Special Economic Zone Authority\x20
"""


def check(tmp_path: Path, *args: str) -> str:
    doc = tmp_path / "plan.md"
    doc.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "--no-cache", "--select", "PC302,PC603", *args, str(doc)]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_exports_findings_are_counted_not_listed(tmp_path: Path) -> None:
    out = check(tmp_path, "--output-format", "concise")
    assert "PC302" not in out  # the template's typo
    assert "PC603" not in out  # the author's space, which no reader sees
    assert (
        "1 more finding (info) comes from the platform's export, not the author: "
        "`--export` lists them, `plancheck fix` fixes them.\n"
        "1 more finding (info) is about characters no reader sees (trailing spaces, "
        "CRLF line endings): `--invisible` lists them, `plancheck fix` fixes them.\n"
    ) in out


def test_invisible_lists_the_spaces_no_reader_sees(tmp_path: Path) -> None:
    out = check(tmp_path, "--output-format", "concise", "--invisible")
    assert "PC603 [trailing-whitespace] [*] trailing whitespace on a line" in out
    assert "PC302" not in out
    assert "1 of them is about characters no reader sees (reported as info).\n" in out
    assert "`--export` lists them" in out


def test_export_lists_them_and_the_summary_says_how_many(tmp_path: Path) -> None:
    out = check(tmp_path, "--output-format", "concise", "--export")
    assert (
        "PC302 [prompt-drift] [*] prompt differs from the template ('Parter:' for 'partner:')"
        in out
    )
    assert "1 of them come from the platform's export, not the author (reported as info).\n" in out


def test_json_marks_the_exports_findings(tmp_path: Path) -> None:
    found = json.loads(check(tmp_path, "--output-format", "json", "--export", "--invisible"))
    assert sorted((d["rule"], d["export"], d["invisible"]) for d in found) == [
        ("prompt-drift", True, False),
        ("trailing-whitespace", False, True),
    ]
    assert json.loads(check(tmp_path, "--output-format", "json")) == []


def test_fix_fixes_the_exports_findings(tmp_path: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fix", "--isolated", "--select", "PC302", str(doc)])
    assert result.exit_code == 0, result.output
    assert "> Please state the name of the partner:\n" in doc.read_text(encoding="utf-8")
