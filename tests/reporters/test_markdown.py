"""`markdown`: a summary for a pull request or $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import pytest

from plancheck.reporters import markdown
from tests.reporters.sample import CLEAN, CLEAN_LINES, FILES, render


def tables(out: str) -> list[list[str]]:
    """Each table's rows, as lines (Markdown ends lines at LF and CR only, not at U+2028)."""
    found: list[list[str]] = []
    previous = ""
    for line in out.split("\n"):
        if line.startswith("|"):
            if not previous.startswith("|"):
                found.append([])
            found[-1].append(line)
        previous = line
    return found


def columns(row: str) -> int:
    return len(row.replace("\\|", "").strip("|").split("|"))


def test_counts_per_rule_and_per_file_then_the_findings() -> None:
    out = render("markdown")
    assert out.startswith("## plancheck\n\n❌ Found 6 problems (2 errors, 2 warnings, 2 infos)")
    by_rule, by_file, findings = tables(out)
    assert by_rule[0] == "| code | rule | severity | findings | fixable |"
    assert "| PC603 | trailing-whitespace | info | 2 | yes |" in by_rule
    assert "| PC201 | missing-title | error | 1 |  |" in by_rule
    assert by_file[0] == "| file | errors | warnings | infos |"
    assert "| plans/my plan, draft: v2.md | 2 | 1 | 2 |" in by_file
    assert "| plans/other.md | 0 | 1 | 0 |" in by_file
    assert len(findings) == 2 + 6
    assert out.endswith(
        "\n\n[*] 4 fixable with `plancheck fix`.\n\n1 more fixable with --unsafe-fixes.\n"
    )


def test_messages_keep_the_table_intact() -> None:
    findings = tables(render("markdown"))[2]
    assert all(columns(row) == 6 for row in findings)
    assert "wrong:<br>second line<br>third" in findings[2]
    assert "'\\<b\\>more\\</b\\> \\| less' \\& co" in findings[5]


def test_a_clear_line_when_all_checks_pass() -> None:
    out = render("markdown", [(CLEAN, CLEAN_LINES, [])])
    assert out == "## plancheck\n\n✅ All checks passed (1 file).\n"


def test_long_lists_are_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "MAX_ROWS", 2)
    out = render("markdown", FILES)
    assert "… and 4 more findings." in out
    assert len(tables(out)[2]) == 2 + 2
