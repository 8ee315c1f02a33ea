"""`plancheck fix` and `plancheck check --fix` through click's runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from plancheck.cli import cli
from tests.conftest import MINI_SCHEMA, VALID

BROKEN = VALID.replace("## Closing", "## closing").replace("old town.", "old town.<br>")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "mini.yaml").write_text(MINI_SCHEMA, encoding="utf-8")
    path = tmp_path / "plan.md"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def run(plan: Path, *args: str, input: bytes | None = None) -> tuple[int, str, str]:
    schemas = str(plan.parent / "schemas")
    result = CliRunner().invoke(cli, [args[0], "--schema-path", schemas, *args[1:]], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_fix_writes_safe_fixes_and_says_what_is_left(plan: Path) -> None:
    code, out, _ = run(plan, "fix", str(plan))
    assert code == 0
    assert plan.read_text() == BROKEN.replace("## closing", "## Closing")
    assert (
        out
        == "Fixed 1 problem in 1 of 1 file (1 heading-drift).\n1 more fixable with --unsafe-fixes.\n"
    )


def test_fix_unsafe_fixes_and_show_fixes(plan: Path) -> None:
    code, out, _ = run(plan, "fix", "--unsafe-fixes", "--show-fixes", str(plan))
    assert code == 0
    assert plan.read_text() == VALID
    assert f"{plan}:57:4: PC206 [heading-drift] fixed: Replace with 'Closing'" in out
    assert "PC602 [html-residue] fixed: Remove the editor's HTML tags" in out


def test_fix_diff_writes_nothing_and_exits_one(plan: Path) -> None:
    code, out, _ = run(plan, "fix", "--diff", str(plan))
    assert code == 1
    assert plan.read_text() == BROKEN
    assert f"--- a/{plan}\n+++ b/{plan}\n" in out
    assert "-## closing\n+## Closing\n" in out


def test_fix_diff_of_a_clean_file_exits_zero(plan: Path) -> None:
    plan.write_text(VALID)
    code, out, _ = run(plan, "fix", "--diff", str(plan))
    assert (code, out) == (0, "")


def test_unchanged_files_are_not_rewritten(plan: Path) -> None:
    plan.write_text(VALID)
    os.utime(plan, (1_000_000, 1_000_000))
    code, _, _ = run(plan, "fix", str(plan))
    assert code == 0 and plan.stat().st_mtime == 1_000_000


def test_fix_stdin_writes_the_fixed_text_to_stdout(plan: Path) -> None:
    code, out, err = run(plan, "fix", "-", input=BROKEN.encode())
    assert code == 0
    assert out == BROKEN.replace("## closing", "## Closing")
    assert err.startswith("Fixed 1 problem")


def test_exit_non_zero_on_fix(plan: Path) -> None:
    assert run(plan, "fix", "--exit-non-zero-on-fix", str(plan))[0] == 1
    assert run(plan, "fix", "--exit-non-zero-on-fix", str(plan))[0] == 0  # nothing left


def test_check_fix_reports_what_remains(plan: Path) -> None:
    plan.write_text(BROKEN.replace("[[year:2024]]", "[[year:20234]]"))
    code, out, _ = run(plan, "check", "--fix", "--output-format", "concise", str(plan))
    assert code == 1  # the year is an error no fix can make
    assert "PC206" not in out  # fixed
    assert "PC102 [invalid-tag-value]" in out
    # the <br> that closes a paragraph stays (its fix is unsafe), counted: no reader sees it
    assert "1 more finding (info) is about characters no reader sees" in out
    assert "## Closing" in plan.read_text()


def test_a_file_that_cannot_be_decoded_is_never_written(plan: Path) -> None:
    plan.write_bytes(b"# T\n\xe9\n")
    code, _, err = run(plan, "fix", str(plan))
    assert code == 2
    assert plan.read_bytes() == b"# T\n\xe9\n"
    assert "PC003 [invalid-encoding]" in err
