"""The registry and the protocol every format follows; the rules as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from plancheck.cli import cli
from plancheck.reporters import REPORTERS, relative_path, statistics_reporter
from plancheck.rules import ALL_RULES
from plancheck.rules.docs import as_json
from tests.reporters.sample import FILES

FORMATS = [
    "full",
    "concise",
    "json",
    "json-lines",
    "github",
    "gitlab",
    "sarif",
    "junit",
    "markdown",
]


def test_the_registry_has_every_format_and_the_cli_offers_them() -> None:
    assert list(REPORTERS) == FORMATS
    check = cli.commands["check"]
    (option,) = [p for p in check.params if p.name == "output_format"]
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == FORMATS


@pytest.mark.parametrize("name", FORMATS)
def test_document_takes_the_path_by_keyword_and_old_calls_still_work(name: str) -> None:
    for make in (REPORTERS[name], statistics_reporter):
        reporter = make(False)
        path, lines, diagnostics = FILES[0]
        assert isinstance(reporter.document(diagnostics, lines, path=path), str)
        assert isinstance(reporter.document([], ("# x",)), str)
        assert isinstance(reporter.finish(diagnostics, 2), str)


def test_relative_path_uses_forward_slashes_and_drops_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert relative_path("./plans/a b.md") == "plans/a b.md"
    assert relative_path(str(tmp_path / "plans" / "a.md")) == "plans/a.md"
    assert relative_path("/elsewhere/a.md") == "/elsewhere/a.md"


def test_rules_as_json() -> None:
    data = as_json()
    assert [d["code"] for d in data] == [r.code for r in ALL_RULES]
    assert all(
        list(d) == ["code", "name", "severity", "fixable", "fix", "summary", "doc"] for d in data
    )
    tag_syntax = next(d for d in data if d["code"] == "PC104")
    assert tag_syntax["name"] == "tag-syntax"
    assert (tag_syntax["severity"], tag_syntax["fixable"]) == ("error", True)
    assert tag_syntax["doc"].startswith(tag_syntax["summary"])
    json.dumps(data)  # serializable as is
