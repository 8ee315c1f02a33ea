"""The documentation: the README and the site in docs/ say what plancheck does. The site
builds strictly (a broken link or a page left out fails), the per-rule pages come from the
rules' docstrings, and the commands the pages show are run here where they can be."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plancheck.config import load_config
from plancheck.rules import ALL_RULES
from tests.conftest import ROOT, SEEDS

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
SETUP = [
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && plancheck check seeds/",
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest",
]


def blocks(text: str, language: str) -> list[str]:
    """The fenced code blocks of ``language`` in a Markdown text."""
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def plancheck(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plancheck", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def summary(out: str) -> list[str]:
    """The summary lines a check ends with."""
    lines = out.rstrip("\n").splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith(("Found", "All checks")))
    return lines[start:]


# --- the README ----------------------------------------------------------------------------


def test_the_readme_is_short_and_starts_with_the_two_set_up_commands() -> None:
    assert len(README.splitlines()) <= 250
    assert blocks(README, "sh")[:2] == [command + "\n" for command in SETUP]
    assert README.index("```sh") < README.index("\n## ")  # before any section


def test_the_readme_and_the_pages_link_only_to_files_that_exist() -> None:
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://", "#", "mailto:")):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            generated = page.parent == DOCS and target.startswith("rules/")
            assert generated or path.exists(), f"{page.name}: {target}"


def test_the_seeds_counts_the_readme_and_getting_started_give_are_a_real_run(
    tmp_path: Path,
) -> None:
    # `plancheck check seeds/` from a checkout: the seeds copied, so that no cache or
    # configuration of the working copy plays a part
    shutil.copytree(SEEDS, tmp_path / "seeds")
    done = plancheck("check", "--no-cache", "seeds/", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    found = summary(done.stdout)
    assert found[0] in " ".join(README.split())
    started = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    assert "\n".join(found) + "\n" in blocks(started, "text")
    seeds = " ".join((DOCS / "seeds.md").read_text(encoding="utf-8").split())
    assert f"`{found[0]}`, exit status 1" in seeds


def test_the_original_seed_has_the_findings_the_docs_say() -> None:
    done = plancheck(
        "check",
        "--no-cache",
        "--statistics",
        "--output-format",
        "json",
        str(SEEDS / "learningplan-closing-2024.md"),
    )
    import json

    assert json.loads(done.stdout) == []  # nothing for the author to act on
    every = plancheck(
        "check",
        "--no-cache",
        "--export",
        "--statistics",
        "--output-format",
        "json",
        str(SEEDS / "learningplan-closing-2024.md"),
    )
    rows = {(r["name"], r["severity"]): r["count"] for r in json.loads(every.stdout)}
    assert rows == {
        ("trailing-whitespace", "info"): 22,
        ("prompt-drift", "info"): 1,
        ("html-entity", "info"): 1,
    }
    text = " ".join(README.split())
    assert "24 of those are in `seeds/learningplan-closing-2024.md`" in text
    assert "(22 trailing-whitespace, a prompt-drift and an html-entity, listed with" in text


def test_the_five_minute_tour_runs(tmp_path: Path) -> None:
    """Each line of the tour, in a copy of the checkout's seeds, with the exit status its
    comment gives (0 when it gives none)."""
    tour = README.split("## A five-minute tour", 1)[1]
    commands = [line for line in blocks(tour, "sh")[0].splitlines() if line.strip()]
    assert len(commands) >= 8
    shutil.copytree(SEEDS, tmp_path / "seeds")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    for line in commands:
        command, _, comment = line.partition("#")
        expected = re.search(r"\(exit (\d)\)", comment)
        words = shlex.split(command)
        if words[0] == "plancheck":
            words = [sys.executable, "-m", "plancheck", *words[1:]]
        done = subprocess.run(
            words, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == (int(expected.group(1)) if expected else 0), (
            line,
            done.stdout[-500:],
            done.stderr[-500:],
        )
    # what the comments claim
    fixed = (tmp_path / "tour" / "messy.md").read_bytes()
    assert b"\r\n" not in fixed and not fixed.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("page", ["README.md", "docs/configuration.md", "docs/integrations.md"])
def test_every_configuration_example_is_valid(page: str, tmp_path: Path) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    examples = blocks(text, "toml") + [
        block.replace("  ", "", 1) for block in re.findall(r"  ```toml\n(.*?)  ```", text, re.S)
    ]
    assert examples
    for n, example in enumerate(examples):
        name = "pyproject.toml" if example.startswith("[tool.plancheck]") else ".plancheck.toml"
        path = tmp_path / str(n) / name
        path.parent.mkdir()
        path.write_text(example, encoding="utf-8")
        load_config(path)  # raises ConfigError if a key or a value is wrong


def test_the_github_workflow_installs_from_the_repository() -> None:
    page = (DOCS / "github-actions.md").read_text(encoding="utf-8")
    (workflow,) = blocks(page, "yaml")
    installs = [line.strip() for line in workflow.splitlines() if "pip install" in line]
    assert installs == [
        '- run: pip install "plancheck @ git+${{ vars.PLANCHECK_REPO }}@${{ vars.PLANCHECK_REV }}"'
    ]
    assert "plancheck==" not in page


# --- the site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build --strict` into a temporary folder: a warning (a broken link, a page
    left out of the navigation) fails it."""
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_the_site_builds_strictly_with_every_page(site: Path) -> None:
    for page in DOCS.glob("*.md"):
        built = site / ("index.html" if page.stem == "index" else f"{page.stem}/index.html")
        assert built.is_file(), page.name
    assert not (site / "hooks").exists()


def test_every_rule_has_a_page_made_from_its_docstring(site: Path) -> None:
    from plancheck.rules.docs import page

    home = (site / "index.html").read_text(encoding="utf-8")
    for rule in ALL_RULES:
        html = (site / "rules" / rule.name / "index.html").read_text(encoding="utf-8")
        assert f"{rule.name} ({rule.code})" in html
        text = re.sub(r"<[^>]+>", "", html)
        for word in re.findall(r"[A-Za-z]{4,}", rule.doc)[:8]:  # the docstring is there
            assert word in text, (rule.name, word)
        assert f'href="rules/{rule.name}/"' in home  # in the navigation
        assert page(rule).startswith(f"# {rule.name} ({rule.code})")


def test_the_site_needs_no_network(site: Path) -> None:
    """No web fonts or scripts from elsewhere: the pages read offline as they built."""
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text, html
        assert not re.search(r"<script[^>]+src=\"https?://", text), html
