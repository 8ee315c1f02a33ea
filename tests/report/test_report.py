"""`plancheck report`: the files it writes, its numbers against `check --statistics`,
its cache, its errors, and what it does not make `check` import."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from plancheck.report.spreadsheet import COLUMNS
from tests.conftest import CORPUS, ROOT, SEEDS, needs_corpus
from tests.test_engine import imported_by, run

STATISTICS = re.compile(r"^\s*(\d+)\s+(PC\d{3})\s+\S+", re.MULTILINE)
TOTAL = re.compile(r"^(\d+) findings in (\d+) files?\.$", re.MULTILINE)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The seeds, valid and broken, and two hand-made documents."""
    folder = tmp_path / "archive"
    shutil.copytree(SEEDS, folder)
    seed = (SEEDS / "closing-report-2024.md").read_text(encoding="utf-8")
    hostile = seed.replace("[[country:Mongolia]]", "[[country:<script>alert(1)</script>]]")
    (folder / "hostile <b>name.md").write_text(hostile, encoding="utf-8")
    (folder / "empty.md").write_text("", encoding="utf-8")
    return folder


def statistics(folder: Path, cwd: Path) -> tuple[Counter[str], int, int]:
    # the report counts the findings no reader sees with the rest: a curator's picture
    _, out, _ = run("check", "--no-cache", "--statistics", "--invisible", str(folder), cwd=cwd)
    total = TOTAL.search(out)
    assert total is not None, out
    counts: Counter[str] = Counter()
    for n, code in STATISTICS.findall(out):  # a rule has a row per severity it reported
        counts[code] += int(n)
    return counts, int(total.group(1)), int(total.group(2))


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rule_table(page: str) -> Counter[str]:
    body = page[page.index('id="rule-table"') :]
    body = body[: body.index("</table>")]
    rows = re.findall(r"<tr><td>(PC\d{3})</td>.*?<td class=\"num\">(\d+)</td>", body)
    return Counter({code: int(n) for code, n in rows})


def agree(folder: Path, tmp_path: Path) -> None:
    """The report's numbers (page and CSV) are the ones `check --statistics --invisible`
    prints."""
    code, _, err = run(
        "report", "--no-cache", str(folder), "-o", "r.html", "--csv", "d.csv", cwd=tmp_path
    )
    assert code == 0, err
    by_rule, findings, files = statistics(folder, tmp_path)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert rule_table(page) == by_rule
    assert f"{findings} findings in {files} files" in page
    rows = csv_rows(tmp_path / "d.csv")
    assert len(rows) == files
    from_csv = Counter({c: sum(int(r[c]) for r in rows) for c in rows[0] if c.startswith("PC")})
    assert +from_csv == by_rule
    assert sum(int(r["errors"]) + int(r["warnings"]) for r in rows) <= findings


def test_report_numbers_agree_with_check_statistics(archive: Path, tmp_path: Path) -> None:
    agree(archive, tmp_path)


@needs_corpus
@pytest.mark.corpus
def test_report_numbers_agree_on_the_learning_plans(tmp_path: Path) -> None:
    agree(CORPUS / "learningplan", tmp_path)


def test_csv_has_one_row_per_document_and_the_issue_s_columns(
    archive: Path, tmp_path: Path
) -> None:
    code, _, _ = run("report", str(archive), "-o", "r.html", "--csv", "d.csv", cwd=tmp_path)
    assert code == 0
    rows = csv_rows(tmp_path / "d.csv")
    assert len(rows) == len(list(archive.rglob("*.md")))
    header = list(rows[0])
    assert tuple(header[: len(COLUMNS)]) == COLUMNS
    assert all(re.fullmatch(r"PC\d{3}", c) for c in header[len(COLUMNS) :])
    seed = next(r for r in rows if r["path"].endswith("archive/closing-report-2024.md"))
    assert (seed["template"], seed["year"], seed["country"], seed["errors"]) == (
        "closing-report-2024",
        "2024",
        "Mongolia",
        "0",
    )
    broken = next(r for r in rows if r["path"].endswith("broken/learningplan-design.md"))
    assert int(broken["errors"]) > 0
    assert sum(int(broken[c]) for c in header[len(COLUMNS) :]) >= int(broken["errors"])


def test_everything_from_the_documents_is_escaped(archive: Path, tmp_path: Path) -> None:
    run("report", str(archive), "-o", "r.html", cwd=tmp_path)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>name" not in page
    assert html.escape("hostile <b>name.md", quote=False) in page


def test_the_page_is_self_contained(archive: Path, tmp_path: Path) -> None:
    run("report", str(archive), "-o", "r.html", cwd=tmp_path)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert page.count("<svg") >= 5  # rules, templates, years, template-years, map


def test_safe_fixable_count_is_what_a_fix_run_repairs(archive: Path, tmp_path: Path) -> None:
    run("report", "--no-cache", str(archive), "-o", "r.html", "--csv", "d.csv", cwd=tmp_path)
    fixable = sum(int(r["fixable"]) for r in csv_rows(tmp_path / "d.csv"))
    assert fixable > 0
    _, out, _ = run("fix", str(archive), cwd=tmp_path)
    fixed = re.search(r"Fixed (\d+) problems?", out)
    assert fixed is not None, out
    assert int(fixed.group(1)) == fixable


def test_the_cache_answers_report_and_check_alike(
    archive: Path, tmp_path: Path, counted: list[str]
) -> None:
    files = len(list(archive.rglob("*.md")))
    run("check", str(archive), cwd=tmp_path)
    assert len(counted) == files
    # check's entries hold no facts: report checks every file again, once.
    run("report", str(archive), "-o", "cold.html", "--csv", "cold.csv", cwd=tmp_path)
    assert len(counted) == 2 * files
    # Its entries hold the facts, and check reads them as its own.
    run("report", str(archive), "-o", "warm.html", "--csv", "warm.csv", cwd=tmp_path)
    run("check", str(archive), cwd=tmp_path)
    assert len(counted) == 2 * files
    assert (tmp_path / "cold.csv").read_text() == (tmp_path / "warm.csv").read_text()


def test_check_does_not_import_the_report_or_its_libraries(tmp_path: Path) -> None:
    seed = str(SEEDS / "closing-report-2024.md")
    found = imported_by(
        ["check", "--no-cache", seed],
        tmp_path,
        ("matplotlib", "jinja2", "plancheck.report.", "plancheck.facts"),
    )
    assert found == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-folder", "-o", "r.html"], "missing-folder"),
        (["ARCHIVE", "-o", "no/such/folder/r.html"], "cannot write no/such/folder/r.html"),
        (["ARCHIVE", "-o", "r.html", "--select", "PC999"], "no rule matches 'PC999'"),
    ],
    ids=["missing input", "unwritable output", "bad selector"],
)
def test_bad_input_is_a_clear_error(
    archive: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [str(archive) if a == "ARCHIVE" else a for a in args]
    code, _, err = run("report", *args, cwd=tmp_path)
    if "missing-folder" in args:
        # An input that is not there is reported like check reports it: as a finding.
        assert code == 0
        return
    assert code == 2
    assert err.startswith("plancheck: error: ") and message in err
    assert "Traceback" not in err


def test_output_is_required(tmp_path: Path) -> None:
    code, _, err = run("report", str(SEEDS), cwd=tmp_path)
    assert code == 2 and "-o" in err


def test_the_wheel_layout_carries_the_templates() -> None:
    folder = ROOT / "plancheck" / "report" / "templates"
    assert {p.name for p in folder.iterdir()} >= {"report.html.j2", "report.css", "sort.js"}


def test_a_progress_bar_on_a_terminal(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import plancheck.progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()

    class OnTerminal(plancheck.progress.Progress):
        def __init__(self, *, enabled: bool = True) -> None:
            super().__init__(enabled=enabled, stream=screen)

    monkeypatch.setattr(plancheck.progress, "THRESHOLD", 5)
    monkeypatch.setattr(plancheck.progress, "Progress", OnTerminal)
    files = len(list(archive.rglob("*.md")))
    run("report", str(archive), "-o", "r.html", cwd=tmp_path)
    assert "Checking" in screen.getvalue() and f"{files}/{files}" in screen.getvalue()
    screen.truncate(0)
    run("report", "-q", str(archive), "-o", "r.html", cwd=tmp_path)
    assert screen.getvalue().strip("\x00") == ""
