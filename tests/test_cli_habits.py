"""Habits users bring from ruff and markdownlint: a README beside the plans, `[*]`,
`--force-exclude`, `--fail-on`, `--statistics` as JSON, check with no path, `--quiet` and
`--no-color` on fix, and the hook that says what it changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancheck.cli import cli
from tests.conftest import MINI_SCHEMA, VALID

README = "# Our lab\n\nWhere we keep our plans.\n\n## Installation\n\nRun `make`.\n"
# heading-drift (a safe fix), swapped-coordinates (an unsafe one), invalid-tag-value
# (no fix)
PLAN = (
    VALID.replace("## Closing", "## closing")
    .replace("[[latlng:8.5,-80.1]]", "[[latlng:-80.1,8.5]]")
    .replace("[[year:2024]]", "[[year:20245]]")
)


@pytest.fixture
def lab(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A lab's repository: its plans, a README, a CHANGELOG and its own schema."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "mini.yaml").write_text(MINI_SCHEMA, encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "plan.md").write_text(PLAN, encoding="utf-8")
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n\n- 2024: first plans\n", "utf-8")
    (tmp_path / ".plancheck.toml").write_text('schema-paths = ["schemas"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def check(*args: str) -> tuple[int, str, str]:
    return run("check", "--no-cache", *args)


def test_a_readme_is_not_a_plan_and_does_not_fail_the_run(lab: Path) -> None:
    code, out, _ = check("--output-format", "concise", "CHANGELOG.md", "README.md")
    assert code == 0, out
    assert out.splitlines()[:2] == [
        "CHANGELOG.md:1:1: PC009 [not-a-plan] not a plan document (no [[key:value]] tag "
        "block and no template's headings); not checked",
        "README.md:1:1: PC009 [not-a-plan] not a plan document (no [[key:value]] tag "
        "block and no template's headings); not checked",
    ]
    # not even when the run fails on infos
    assert check("--fail-on", "info", "README.md")[0] == 0


def test_check_without_a_path_checks_the_current_folder(lab: Path) -> None:
    code, out, _ = check("--output-format", "concise")
    files = sorted({line.split(":", 1)[0] for line in out.splitlines() if ":" in line})
    assert files == ["./CHANGELOG.md", "./README.md", "./plans/plan.md"]
    assert code == 1  # the plan's swapped coordinates are an error


def test_the_star_marks_only_what_plain_fix_fixes(lab: Path) -> None:
    code, out, _ = check("--output-format", "concise", "plans/plan.md")
    assert code == 1
    lines = {line.split(" [", 1)[1].split("]", 1)[0]: line for line in out.splitlines()[:-3]}
    assert "[*]" in lines["heading-drift"]
    assert "[*]" not in lines["swapped-coordinates"]  # an unsafe fix
    assert "[*]" not in lines["invalid-tag-value"]  # no fix at all
    assert out.splitlines()[-2:] == [
        "[*] 1 fixable with `plancheck fix`.",
        "1 more fixable with --unsafe-fixes.",
    ]


def test_fail_on_warning_fails_a_run_with_warnings_only(lab: Path) -> None:
    warned = VALID.replace("## Closing", "## closing")  # heading-drift, a warning
    (lab / "plans" / "plan.md").write_text(warned, encoding="utf-8")
    assert check("plans/plan.md")[0] == 0
    assert check("--fail-on", "warning", "plans/plan.md")[0] == 1
    assert check("--fail-on", "warning", "--exit-zero", "plans/plan.md")[0] == 0
    infos = VALID.replace("old town.\n", "old town.  \n", 1)  # trailing-whitespace, an info
    (lab / "plans" / "plan.md").write_text(infos, encoding="utf-8")
    assert check("--fail-on", "warning", "plans/plan.md")[0] == 0
    # an info no reader sees is counted, not listed, and fails only a run that lists it
    assert check("--fail-on", "info", "plans/plan.md")[0] == 0
    assert check("--fail-on", "info", "--invisible", "plans/plan.md")[0] == 1
    (lab / "plans" / "plan.md").write_text(VALID, encoding="utf-8")
    assert check("--fail-on", "warning", "plans/plan.md") == (
        0,
        "All checks passed (1 file).\n",
        "",
    )


def test_statistics_as_json_with_severities(lab: Path) -> None:
    code, out, _ = check("--statistics", "--output-format", "json", "plans/plan.md", "README.md")
    assert code == 1
    rows = {row["name"]: row for row in json.loads(out)}
    assert rows["heading-drift"] == {
        "code": "PC206",
        "name": "heading-drift",
        "severity": "warning",
        "count": 1,
        "fixable": True,
        "subjects": {},
    }
    assert rows["swapped-coordinates"]["fixable"] is False  # unsafe only
    assert rows["swapped-coordinates"]["subjects"] == {"latlng": 1}
    assert rows["not-a-plan"]["severity"] == "info"


def test_statistics_text_shows_severities_and_refuses_other_formats(lab: Path) -> None:
    code, out, _ = check("--statistics", "plans/plan.md")
    assert code == 1
    assert "1  PC505  error    swapped-coordinates" in out.splitlines()
    code, _, err = check("--statistics", "--output-format", "sarif", "plans/plan.md")
    assert code == 2
    assert err == (
        "plancheck: error: --statistics is text or JSON; "
        "it does not combine with --output-format sarif\n"
    )


def test_force_exclude_applies_exclude_to_named_files(lab: Path) -> None:
    (lab / ".plancheck.toml").write_text(
        'schema-paths = ["schemas"]\nexclude = ["README.md", "drafts/"]\n', "utf-8"
    )
    (lab / "drafts").mkdir()
    (lab / "drafts" / "old.md").write_text("# Old\n\n[[year:1999]]\n", "utf-8")
    named = ("--output-format", "concise", "README.md", "drafts/old.md", "plans/plan.md")
    _, out, _ = check(*named)
    assert {line.split(":")[0] for line in out.splitlines()[:-3]} == {
        "README.md",
        "drafts/old.md",
        "plans/plan.md",
    }
    _, out, _ = check("--force-exclude", *named)
    assert {line.split(":")[0] for line in out.splitlines()[:-3]} == {"plans/plan.md"}
    # every file excluded: nothing to check, said on standard error, and no failure
    code, out, err = check("--force-exclude", "README.md")
    assert (code, out) == (0, "All checks passed (0 files).\n")
    assert "no Markdown files" in err


def test_fix_hook_names_the_files_it_changed(lab: Path) -> None:
    args = ("fix", "--exit-non-zero-on-fix", "--force-exclude", "README.md", "plans/plan.md")
    code, out, _ = run(*args)
    assert code == 1
    assert out.splitlines()[0] == "Fixed plans/plan.md"
    assert (lab / "README.md").read_text("utf-8") == README  # not a plan: untouched
    code, out, _ = run(*args)
    assert code == 0 and "Fixed plans/plan.md" not in out


def test_fix_quiet_prints_nothing_and_no_color_leaves_the_diff_plain(lab: Path) -> None:
    code, out, err = run("fix", "--quiet", "--diff", "--no-color", "plans/plan.md")
    assert code == 1
    assert "\x1b[" not in out and out.startswith("--- a/plans/plan.md")
    assert err == ""  # no "Would fix ..." summary
    _, colored, _ = run("fix", "--diff", "--color", "plans/plan.md")
    assert "\x1b[31m-## closing" in colored and "\x1b[32m+## Closing" in colored
    code, out, err = run("fix", "--quiet", "plans/plan.md")
    assert (code, out, err) == (0, "", "")
    assert "## Closing" in (lab / "plans" / "plan.md").read_text("utf-8")


def test_fix_without_a_path_asks_for_one(lab: Path) -> None:
    code, _, err = run("fix")
    assert code == 2
    assert err == (
        "plancheck: error: name the files or folders to fix (`plancheck fix .` for this folder)\n"
    )


def test_the_hooks_use_force_exclude() -> None:
    import yaml

    from tests.conftest import ROOT

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"]: h["entry"] for h in hooks} == {
        "plancheck": "plancheck check --force-exclude",
        "plancheck-fix": "plancheck fix --exit-non-zero-on-fix --force-exclude",
    }


def test_tests_find_the_shared_folder_from_plancheck_shared(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    probe = "from tests.conftest import CORPUS, absent; print(CORPUS); print(absent('corpus'))"
    env = {**os.environ, "PLANCHECK_SHARED": str(tmp_path / "elsewhere")}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    corpus, reason = done.stdout.splitlines()
    assert corpus == str(tmp_path / "elsewhere" / "corpus")
    assert reason == (
        f"{tmp_path / 'elsewhere' / 'corpus'} is absent: put the project's shared folder "
        "beside the checkout (../shared) or set PLANCHECK_SHARED to its path"
    )


def test_rule_suggests_the_nearest_rule() -> None:
    assert run("rule", "heading-drfit") == (
        2,
        "",
        "plancheck: error: no rule matches 'heading-drfit', did you mean 'heading-drift'?\n",
    )
    assert run("rule", "PC2")[2] == "plancheck: error: no single rule matches 'PC2'\n"
