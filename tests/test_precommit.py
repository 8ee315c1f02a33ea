"""The pre-commit hooks for real: a temporary git repository with a broken and a valid
plan, a pre-commit configuration pointing at this checkout, and pre-commit run.

Skipped where pre-commit is not installed or cannot build the hook's environment (it
installs plancheck and its dependencies from the package index); CI runs it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

pytestmark = [pytest.mark.slow]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed")
    # pre-commit installs the hook from a commit: take this checkout's tree as it is now
    source = tmp_path / "plancheck"
    shutil.copytree(
        ROOT, source, ignore=shutil.ignore_patterns(".venv*", ".git", "*_cache", "__pycache__")
    )
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "plancheck")
    work = tmp_path / "plans"
    work.mkdir()
    git(work, "init", "-q")
    shutil.copy(SEEDS / "learningplan-design.md", work / "valid.md")
    shutil.copy(SEEDS / "broken" / "learningplan-design.md", work / "broken.md")
    shutil.copy(SEEDS / "broken" / "formatting.md", work / "messy.md")
    # what a lab's repository has beside its plans
    (work / "README.md").write_text("# Our plans\n\n## How we work\n\nText.  \n", "utf-8")
    (work / "CHANGELOG.md").write_text("# Changelog\n\n- first plans\n", "utf-8")
    (work / "drafts").mkdir()
    shutil.copy(SEEDS / "broken" / "solution.md", work / "drafts" / "draft.md")
    (work / ".plancheck.toml").write_text('exclude = ["drafts/"]\n', "utf-8")
    rev = git(source, "rev-parse", "HEAD")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n"
        "      - id: plancheck\n      - id: plancheck-fix\n",
        encoding="utf-8",
    )
    git(work, "add", "-A")
    return work


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["pre-commit", "run", *args], cwd=repo, capture_output=True, text=True, check=False
    )
    if "An unexpected error has occurred" in done.stdout + done.stderr:
        pytest.skip(f"pre-commit could not build the hook environment: {done.stdout[-300:]}")
    return done


def test_check_hook_fails_on_the_broken_plan_and_passes_on_the_valid_one(repo: Path) -> None:
    broken = pre_commit(repo, "plancheck", "--files", "broken.md")
    assert broken.returncode == 1, broken.stdout
    assert "PC104 [tag-syntax]" in broken.stdout
    valid = pre_commit(repo, "plancheck", "--files", "valid.md")
    assert valid.returncode == 0, valid.stdout


def test_fix_hook_rewrites_the_file(repo: Path) -> None:
    before = (repo / "messy.md").read_bytes()
    fixed = pre_commit(repo, "plancheck-fix", "--files", "messy.md")
    assert fixed.returncode == 1, fixed.stdout  # files were modified
    after = (repo / "messy.md").read_bytes()
    assert after != before and b"\r\n" not in after and not after.startswith(b"\xef\xbb\xbf")
    again = pre_commit(repo, "plancheck-fix", "--files", "messy.md")
    assert again.returncode == 0, again.stdout  # nothing left to fix


def test_a_readme_and_excluded_drafts_do_not_block_a_commit(repo: Path) -> None:
    done = pre_commit(repo, "plancheck", "--files", "README.md", "CHANGELOG.md", "valid.md")
    assert done.returncode == 0, done.stdout
    done = pre_commit(repo, "plancheck", "--files", "drafts/draft.md", "valid.md")
    assert done.returncode == 0, done.stdout  # `exclude` applies to the named draft
    done = pre_commit(repo, "plancheck-fix", "--files", "README.md", "messy.md")
    assert done.returncode == 1, done.stdout
    assert "Fixed messy.md" in done.stdout
    assert "Fixed README.md" not in done.stdout
    assert (repo / "README.md").read_text("utf-8").endswith("Text.  \n")  # not a plan: untouched
