"""`gitlab`: a Code Quality report whose fingerprints are unique and survive edits above."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from tests.reporters.sample import ALL, FILES, ODD, render, shifted


def report(files: Any = FILES) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(render("gitlab", files))
    return data


def test_one_issue_per_finding_with_the_fields_gitlab_reads() -> None:
    issues = report()
    assert len(issues) == len(ALL)
    for issue, d in zip(issues, ALL, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == d.code
        assert d.message in issue["description"]
        assert issue["location"]["path"] == d.path
        assert issue["location"]["positions"]["begin"] == {
            "line": d.span.line,
            "column": d.span.column,
        }
    assert issues[0]["location"]["path"] == ODD


def test_severities_map_to_gitlab_levels() -> None:
    levels = {"info", "minor", "major", "critical", "blocker"}
    severities = [issue["severity"] for issue in report()]
    assert set(severities) <= levels
    assert severities == ["major", "major", "minor", "info", "info", "minor"]


def test_fingerprints_are_unique_even_for_identical_findings() -> None:
    fingerprints = [issue["fingerprint"] for issue in report()]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(len(f) == 64 for f in fingerprints)


def test_fingerprints_do_not_move_with_the_line_number() -> None:
    before = [issue["fingerprint"] for issue in report()]
    after = report(shifted(FILES, 3))
    assert after[0]["location"]["positions"]["begin"]["line"] == 4
    assert [issue["fingerprint"] for issue in after] == before


def test_fingerprints_change_with_the_path() -> None:
    renamed = [("elsewhere/" + p, lines, ds) for p, lines, ds in FILES]
    renamed = [(p, lines, [replace(d, path=p) for d in ds]) for p, lines, ds in renamed]
    before = {issue["fingerprint"] for issue in report()}
    assert before.isdisjoint(issue["fingerprint"] for issue in report(renamed))


def test_clean_run_is_an_empty_array() -> None:
    assert json.loads(render("gitlab", [("plans/clean.md", ("# Clean",), [])])) == []
