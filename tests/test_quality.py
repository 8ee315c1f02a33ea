"""The code stays as clean as the documents it checks: ruff (lint and format) and mypy."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_lint_and_format() -> None:
    lint = run("ruff", "check", "plancheck", "tests")
    assert lint.returncode == 0, lint.stdout
    fmt = run("ruff", "format", "--check", "plancheck", "tests")
    assert fmt.returncode == 0, fmt.stdout


def test_mypy_strict() -> None:
    pytest.importorskip("mypy")
    typed = run(sys.executable, "-m", "mypy", "plancheck")
    assert typed.returncode == 0, typed.stdout
