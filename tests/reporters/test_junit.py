"""`junit`: one test suite, one test case per file checked; errors fail a file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.reporters.sample import CLEAN, FILES, ODD, OTHER, render


def parse(files: object = FILES) -> ET.Element:
    return ET.fromstring(render("junit", files))  # type: ignore[arg-type]


def test_parses_with_one_suite_and_one_case_per_file() -> None:
    root = parse()
    (suite,) = root.iter("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [ODD, OTHER, CLEAN]
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    assert (root.get("tests"), root.get("failures")) == ("3", "1")


def test_a_file_with_errors_fails_and_lists_them() -> None:
    odd = parse().find("testsuite/testcase[@name='plans/my plan, draft: v2.md']")
    assert odd is not None
    failure = odd.find("failure")
    assert failure is not None and failure.get("message") == "2 errors"
    text = failure.text or ""
    assert "plans/my plan, draft: v2.md:3:1: PC104 [tag-syntax] error:" in text
    assert "is 100% wrong:\nsecond line" in text
    assert "PC603" not in text  # infos and warnings do not fail a file...
    out = odd.findtext("system-out") or ""
    assert "'<b>more</b> | less' & co" in out  # ...they are listed apart, escaped on the way
    assert "\\x0b" in out  # a character XML cannot hold at all is written out


def test_warnings_only_and_clean_files_pass() -> None:
    cases = {c.get("name"): c for c in parse().iter("testcase")}
    assert cases[OTHER].find("failure") is None
    assert "PC206 [heading-drift] warning" in (cases[OTHER].findtext("system-out") or "")
    assert list(cases[CLEAN]) == []


def test_clean_run_is_an_empty_passing_suite() -> None:
    suite = parse([]).find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("0", "0")
