"""The run engine: worker processes, isolation of failures, the result cache, progress,
and Ctrl-C."""

from __future__ import annotations

import ast
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import plancheck.checker
import plancheck.linter
import plancheck.runner
from plancheck import fix_text
from plancheck.cli import cli
from plancheck.codes import NEVER, RuleInfo
from plancheck.diagnostics import Finding, Severity
from plancheck.progress import Progress
from plancheck.rules.base import Context, Rule
from plancheck.schema import load_schemas
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]
BROKEN = sorted((ROOT / "seeds" / "broken").glob("*.md"))
TRIGGER = "<!-- boom -->"


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(previous)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Enough broken documents to make a run use worker processes."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for copy in range(6):
        for seed in BROKEN:
            shutil.copyfile(seed, folder / f"{copy:02}-{seed.name}")
    assert len(list(folder.iterdir())) >= plancheck.runner.MIN_FILES_FOR_POOL
    return folder


def test_workers_report_the_same_as_one_process(archive: Path) -> None:
    one = run("check", "--no-cache", "--jobs", "1", str(archive))
    two = run("check", "--no-cache", "--jobs", "2", str(archive))
    assert one[0] == two[0] == 1
    assert one[1] == two[1]
    assert one[1].count(str(archive)) > len(BROKEN)


def test_jobs_must_be_positive(archive: Path) -> None:
    code, _, err = run("check", "--jobs", "0", str(archive))
    assert code == 2
    assert "--jobs" in err


def _explode(ctx: Context) -> Iterator[Finding]:
    """Fails on documents holding the trigger comment, like a rule with a bug would."""
    if TRIGGER in ctx.document.source:
        raise ValueError("a bug in a rule")
    return iter(())


BOOM = Rule(RuleInfo("PC999", "explode", Severity.ERROR, NEVER, "Explodes."), _explode, False)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_that_raises_is_an_internal_error_for_that_file_only(
    archive: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setattr(plancheck.linter, "ALL_RULES", (*plancheck.linter.ALL_RULES, BOOM))
    victim = sorted(archive.iterdir())[3]
    victim.write_text(victim.read_text(encoding="utf-8") + TRIGGER + "\n", encoding="utf-8")
    code, out, _ = run(
        "check", "--no-cache", "--output-format", "concise", "--jobs", jobs, str(archive)
    )
    assert code == 2
    failures = [line for line in out.splitlines() if "internal-error" in line]
    assert failures == [
        f"{victim}:1:1: PC008 [internal-error] rule explode (PC999) failed: "
        "ValueError: a bug in a rule; please report it"
    ]
    # The victim's other findings and every other file are still reported.
    assert sum(1 for line in out.splitlines() if line.startswith(f"{victim}:")) > 1
    checked = {line.split(":", 1)[0] for line in out.splitlines() if ": PC" in line}
    assert len(checked) == len(list(archive.iterdir()))


def test_internal_error_is_reported_even_when_ignored(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plancheck.linter, "ALL_RULES", (*plancheck.linter.ALL_RULES, BOOM))
    victim = sorted(archive.iterdir())[0]
    victim.write_text(TRIGGER + "\n" + victim.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run("check", "--no-cache", "--ignore", "PC008", str(victim))
    assert code == 2
    assert "PC008 [internal-error] rule explode (PC999)" in out


def test_a_failing_parse_is_an_internal_error(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import plancheck.checker

    real = plancheck.checker.parse

    def parse(text: str, path: str) -> object:
        if TRIGGER in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, path)

    monkeypatch.setattr(plancheck.checker, "parse", parse)
    victim = sorted(archive.iterdir())[1]
    victim.write_text(TRIGGER, encoding="utf-8")
    code, out, _ = run("check", "--no-cache", "--output-format", "concise", str(archive))
    assert code == 2
    [line] = [line for line in out.splitlines() if "PC008" in line]
    assert line.startswith(f"{victim}:1:1: PC008 [internal-error] plancheck failed on this file")
    assert "RecursionError: maximum recursion depth exceeded" in line


def test_fix_reports_an_internal_error_and_fixes_the_other_files(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plancheck.linter, "ALL_RULES", (*plancheck.linter.ALL_RULES, BOOM))
    victim, other = sorted(archive.glob("*formatting.md"))[:2]
    victim.write_text(victim.read_text(encoding="utf-8") + TRIGGER + "\n", encoding="utf-8")
    before = other.read_text(encoding="utf-8")
    code, _, err = run("fix", "--jobs", "2", str(archive))
    assert code == 2
    assert f"{victim}:1:1: PC008 [internal-error] rule explode (PC999) failed" in err
    assert other.read_text(encoding="utf-8") != before, "the other files are fixed"


def test_a_folder_without_documents_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a plan\n", encoding="utf-8")
    for command in ("check", "fix"):
        code, _, err = run(command, str(tmp_path))
        assert code == 0
        assert f"plancheck: warning: no Markdown files (*.md, *.markdown) in {tmp_path}" in err


# --- the cache -------------------------------------------------------------------


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually checked (not answered from the cache)."""
    seen: list[str] = []
    real = plancheck.checker.run_one

    def run_one(path: str, *args: object) -> object:
        seen.append(Path(path).name)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(plancheck.checker, "run_one", run_one)
    return seen


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    for seed in BROKEN[:3]:
        shutil.copyfile(seed, folder / seed.name)
    return folder


def test_second_run_answers_from_the_cache_with_the_same_report(
    project: Path, counted: list[str]
) -> None:
    first = run("check", "--jobs", "1", ".", cwd=project)
    assert len(counted) == 3
    assert (project / ".plancheck_cache" / ".gitignore").is_file()
    second = run("check", "--jobs", "1", ".", cwd=project)
    assert len(counted) == 3, "nothing is checked again"
    assert second == first


@pytest.mark.parametrize("output_format", ["full", "concise", "gitlab", "sarif"])
def test_a_warm_run_reports_what_a_cold_run_does(
    project: Path, counted: list[str], output_format: str
) -> None:
    cold = run("check", "--no-cache", "--output-format", output_format, ".", cwd=project)
    run("check", ".", cwd=project)
    assert len(counted) == 6
    warm = run("check", "--output-format", output_format, ".", cwd=project)
    assert len(counted) == 6
    assert warm == cold


def test_a_changed_file_is_checked_again(project: Path, counted: list[str]) -> None:
    run("check", ".", cwd=project)
    changed = sorted(project.glob("*.md"))[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    run("check", ".", cwd=project)
    assert counted[3:] == [changed.name]


def test_a_changed_configuration_checks_everything_again(project: Path, counted: list[str]) -> None:
    run("check", ".", cwd=project)
    (project / ".plancheck.toml").write_text('ignore = ["PC603"]\n', encoding="utf-8")
    _, out, _ = run("check", ".", cwd=project)
    assert len(counted) == 6
    assert "PC603" not in out
    run("check", "--select", "PC2", ".", cwd=project)
    assert len(counted) == 9, "command-line rules are part of the key"


def test_no_cache_and_cache_dir(project: Path, tmp_path: Path, counted: list[str]) -> None:
    run("check", "--no-cache", ".", cwd=project)
    run("check", "--no-cache", ".", cwd=project)
    assert len(counted) == 6
    assert not (project / ".plancheck_cache").exists()
    elsewhere = tmp_path / "cache"
    run("check", "--cache-dir", str(elsewhere), ".", cwd=project)
    run("check", "--cache-dir", str(elsewhere), ".", cwd=project)
    assert len(counted) == 9
    assert list(elsewhere.glob("*/*.json"))


def test_cache_sits_beside_the_nearest_configuration(project: Path) -> None:
    (project / ".plancheck.toml").write_text("", encoding="utf-8")
    inner = project / "inner"
    inner.mkdir()
    shutil.copyfile(BROKEN[0], inner / "plan.md")
    run("check", "plan.md", cwd=inner)
    assert (project / ".plancheck_cache").is_dir()
    assert not (inner / ".plancheck_cache").exists()


def test_a_damaged_cache_is_ignored(project: Path, counted: list[str]) -> None:
    first = run("check", ".", cwd=project)
    buckets = sorted(project.glob(".plancheck_cache/*/*.json"))
    assert buckets
    for bucket in buckets:
        bucket.write_text('{"format": 2, "entries": {"x": [', encoding="utf-8")
    assert run("check", ".", cwd=project) == first
    assert len(counted) == 6
    for bucket in buckets:
        assert '"entries"' in bucket.read_text(encoding="utf-8"), "rewritten whole"
    run("check", ".", cwd=project)
    assert len(counted) == 6


def test_a_cache_entry_for_other_bytes_is_a_miss(project: Path, counted: list[str]) -> None:
    run("check", ".", cwd=project)
    plan = sorted(project.glob("*.md"))[0]
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("a", "b", 1), encoding="utf-8")  # same size, other bytes
    assert plan.stat().st_size == len(text.encode("utf-8"))
    run("check", ".", cwd=project)
    assert counted[3:] == [plan.name]


def test_a_changed_schema_folder_checks_everything_again(
    project: Path, tmp_path: Path, counted: list[str]
) -> None:
    extra = tmp_path / "schemas"
    extra.mkdir()
    run("check", "--schema-path", str(extra), ".", cwd=project)
    run("check", "--schema-path", str(extra), ".", cwd=project)
    assert len(counted) == 3
    (extra / "notes.txt").write_text("a new file in a schema folder\n", encoding="utf-8")
    run("check", "--schema-path", str(extra), ".", cwd=project)
    assert len(counted) == 6


def imported_by(args: list[str], cwd: Path, roots: tuple[str, ...]) -> list[str]:
    """The modules under ``roots`` that `plancheck ARGS` imports, in a fresh interpreter."""
    script = (
        "import sys\n"
        "from plancheck.cli import main\n"
        f"main({args!r})\n"
        f"print(sorted(m for m in sys.modules if m.startswith({roots!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, check=True
    )
    return list(ast.literal_eval(done.stdout.splitlines()[-1]))


def test_a_warm_run_of_named_files_loads_no_schema_or_rule(project: Path) -> None:
    """What makes a cached run of one file start fast: nothing heavy is imported."""
    plan = sorted(project.glob("*.md"))[0]
    run("check", plan.name, cwd=project)
    heavy = ("pydantic", "markdown_it", "yaml", "plancheck.rules", "plancheck.schema")
    assert imported_by(["check", plan.name], project, heavy) == []


def test_fix_does_not_use_the_cache(project: Path, counted: list[str]) -> None:
    run("check", ".", cwd=project)
    code, _, _ = run("check", "--fix", ".", cwd=project)
    assert len(counted) == 6
    assert code in (0, 1)


def test_unreadable_files_are_not_cached(project: Path, counted: list[str]) -> None:
    (project / "binary.md").write_bytes(b"\x00\x01\x02")
    run("check", ".", cwd=project)
    run("check", ".", cwd=project)
    assert counted.count("binary.md") == 2


def test_a_cold_run_imports_only_what_the_document_needs(tmp_path: Path) -> None:
    """Geometry, validation, country data, the worker pool, the language server and
    unused output formats stay unimported."""
    seed = (ROOT / "seeds" / "learningplan-design.md").read_text(encoding="utf-8")
    plan = tmp_path / "plan.md"
    plan.write_text(
        "".join(line for line in seed.splitlines(keepends=True) if "[[latlng:" not in line),
        encoding="utf-8",
    )
    lazy = (
        *("shapely", "numpy", "countryinfo", "pygls", "lsprotocol", "difflib", "plancheck.lsp"),
        # validation of schema and configuration files, once the schemas are compiled
        *("pydantic", "yaml", "plancheck.schema.files", "plancheck.config"),
        # country data comes compiled with the schemas; one file needs no worker pool
        *("pycountry", "multiprocessing", "concurrent"),
    )
    imported_by(["check", "--no-cache", "plan.md"], tmp_path, lazy)  # compiles the schemas
    found = imported_by(["check", "--no-cache", "plan.md"], tmp_path, lazy)
    assert found == [], "imported although the document does not need them"
    reporters = imported_by(["check", "--no-cache", "plan.md"], tmp_path, ("plancheck.reporters",))
    assert reporters == ["plancheck.reporters", "plancheck.reporters.text"]


# --- progress --------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_for_long_runs() -> None:
    stream = Terminal()
    progress = Progress(stream=stream)
    progress.start(300)
    assert list(progress.track(range(300))) == list(range(300))
    shown = stream.getvalue()
    assert "Checking" in shown and "300/300" in shown
    assert shown.endswith("\r\033[K")


@pytest.mark.parametrize(
    ("stream", "enabled", "total"),
    [(Terminal(), True, 150), (io.StringIO(), True, 300), (Terminal(), False, 300)],
    ids=["short run", "not a terminal", "quiet"],
)
def test_no_progress_bar(stream: io.StringIO, enabled: bool, total: int) -> None:
    progress = Progress(enabled=enabled, stream=stream)
    progress.start(total)
    assert list(progress.track(range(total))) == list(range(total))
    assert stream.getvalue() == ""


# --- Ctrl-C ----------------------------------------------------------------------


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_leaves_every_file_whole(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    originals = {}
    for copy in range(120):
        for seed in BROKEN:
            target = folder / f"{copy:03}-{seed.name}"
            shutil.copyfile(seed, target)
            originals[target] = target.read_text(encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "plancheck", "fix", "--jobs", "2", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # interrupt once it is writing files
        if any(p.read_text(encoding="utf-8") != text for p, text in list(originals.items())[:20]):
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "plancheck: interrupted" in err
    assert "Traceback" not in err
    schemas = load_schemas()
    fixed = untouched = 0
    for path, text in originals.items():
        now = path.read_text(encoding="utf-8")
        if now == text:
            untouched += 1
        else:
            assert now == fix_text(text, schemas, path=str(path)).source, path
            fixed += 1
    assert fixed and untouched, "the run was interrupted part way"
    assert not [p for p in folder.iterdir() if p.suffix == ".tmp"]


def test_standard_input_is_read_only_up_to_the_size_limit(tmp_path: Path) -> None:
    """An endless stream on standard input is not read to its end."""
    (tmp_path / ".plancheck.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    with open("/dev/zero", "rb") as endless:
        done = subprocess.run(
            [sys.executable, "-m", "plancheck", "check", "--output-format", "concise", "-"],
            stdin=endless,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert "PC007 [file-too-large] the file is larger than the limit of 1,000 bytes" in done.stdout


def test_a_fixed_files_result_holds_each_fact_once(tmp_path: Path) -> None:
    """What remains and the lines of a fixed file are read from its fix, not kept beside
    it: a result pickled back from a worker carries each text once (as read, as fixed)."""
    import pickle

    from plancheck.document import split_lines
    from plancheck.options import Resolver
    from plancheck.results import Job
    from plancheck.sources import Options

    broken = (SEEDS / "broken" / "learningplan-design.md").read_text(encoding="utf-8")
    path = tmp_path / "plan.md"
    path.write_text(broken, encoding="utf-8")
    resolver = Resolver(Options(isolated=True))
    result = plancheck.checker.run_one(str(path), resolver, Job(fix=True, write=False))
    assert result.fixed is not None and result.fixed.changed and result.original == broken
    assert result.diagnostics == result.fixed.remaining and result.found == []
    assert result.lines == tuple(split_lines(result.fixed.source))
    title = broken.splitlines()[0].encode("utf-8")  # a line no fix changes
    assert title in result.fixed.source.encode("utf-8")
    assert pickle.dumps(result).count(title) == 2
    # A check keeps its findings and, when there are some to show, the text's lines.
    checked = plancheck.checker.run_one(str(path), resolver, Job())
    assert checked.diagnostics is checked.found and checked.found
    assert checked.lines == checked.checked_lines == tuple(split_lines(broken))
