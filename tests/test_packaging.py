"""A plain `pip install .` into a fresh virtual environment carries the built-in schemas
and the report's templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

pytestmark = [pytest.mark.slow]


def test_installed_package_has_the_builtin_schemas(tmp_path: Path) -> None:
    # Install from a copy, so nothing can be found through the source checkout.
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".venv", ".git", "*_cache", "__pycache__", "build", "dist"),
    )
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    if install.returncode != 0 and "Could not find a version" in install.stderr:
        pytest.skip("no package index reachable")
    assert install.returncode == 0, install.stderr
    shutil.rmtree(source)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    listed = subprocess.run(
        [str(env_dir / "bin" / "plancheck"), "schema", "list"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert listed.returncode == 0, listed.stderr
    for schema_id in (
        "learningplan-design",
        "closing-report-2022",
        "closing-report-2024",
        "experiment",
        "solution",
    ):
        assert schema_id in listed.stdout
    checked = subprocess.run(
        [str(python), "-m", "plancheck", "check", "--output-format", "concise", str(SEED)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The report's Jinja2 templates, styles and script travel inside the package.
    reported = subprocess.run(
        [str(python), "-m", "plancheck", "report", "-q", str(SEED), "-o", "report.html"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert reported.returncode == 0, reported.stdout + reported.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "table.sortable" in page
    # The public API works from the installed package, which says it is typed (PEP 561).
    api = subprocess.run(
        [
            str(python),
            "-c",
            "import pathlib, sys, plancheck; "
            "assert (pathlib.Path(plancheck.__file__).parent / 'py.typed').is_file(); "
            "found = plancheck.check_text(pathlib.Path(sys.argv[1]).read_text()); "
            "print(sum(not d.export for d in found))",  # the author's findings: none
            str(SEED),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert api.returncode == 0 and api.stdout == "0\n", api.stdout + api.stderr


def test_the_readmes_first_command_installs_and_checks_the_seeds(tmp_path: Path) -> None:
    """The README's first set-up command, verbatim, in a fresh copy of the checkout: it
    installs plancheck into a new .venv and exits 1 on the broken seeds, as it says."""
    from tests.test_docs import README, SETUP, blocks

    command = blocks(README, "sh")[0].strip()
    assert command == SETUP[0]
    source = tmp_path / "checkout"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".venv*", ".git", "*_cache", "__pycache__", "build", "dist"),
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        ["bash", "-c", command], cwd=source, capture_output=True, text=True, check=False, env=env
    )
    if "Could not find a version" in done.stderr:
        pytest.skip("no package index reachable")
    assert done.returncode == 1, done.stderr[-2000:]
    (found,) = [line for line in done.stdout.splitlines() if line.startswith("Found ")]
    assert found in " ".join(README.split())  # the summary the README quotes
