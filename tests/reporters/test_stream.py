"""Streamed JSON formats: written file by file, the same text as the whole report dumped
at once."""

from __future__ import annotations

import json
from typing import Any

import pytest

from plancheck.reporters.gitlab import GitlabReporter
from plancheck.reporters.json import to_json
from plancheck.reporters.sarif import report
from plancheck.reporters.stream import JsonArray
from tests.reporters.sample import ALL, FILES, render


@pytest.mark.parametrize(
    "values",
    [[], [1], [{"a": [1, {"b": "x\ny", "é": []}]}, "two", None], [[], {}, [[1]]]],
    ids=["empty", "one", "nested", "empty-containers"],
)
def test_an_array_written_element_by_element_is_dumped_json(values: list[Any]) -> None:
    array = JsonArray()
    text = "".join(array.item(v) for v in values) + array.close()
    assert text == json.dumps(values, indent=2, ensure_ascii=False)


def test_a_nested_array_keeps_the_indentation_of_its_depth() -> None:
    array = JsonArray(depth=2)
    inner = "".join(array.item(v) for v in ({"k": 1}, [2])) + array.close()
    whole = json.dumps({"a": {"b": [{"k": 1}, [2]]}}, indent=2)
    assert f'"b": {inner}' in whole


def test_json_streams_each_file_and_equals_the_whole_dump() -> None:
    assert json.loads(render("json")) == [to_json(d) for d in ALL]
    assert (
        render("json") == json.dumps([to_json(d) for d in ALL], indent=2, ensure_ascii=False) + "\n"
    )
    assert render("json", []) == "[]\n"


def test_sarif_streams_its_results_and_equals_the_whole_log() -> None:
    assert render("sarif") == json.dumps(report(ALL), indent=2, ensure_ascii=False) + "\n"
    assert render("sarif", []) == json.dumps(report([]), indent=2, ensure_ascii=False) + "\n"


def test_gitlab_writes_each_file_as_it_comes() -> None:
    reporter = GitlabReporter()
    path, lines, diagnostics = FILES[0]
    first = reporter.document(diagnostics, lines, path=path)
    assert first.startswith("[\n  {") and len(json.loads(first + "\n]")) == len(diagnostics)
    assert json.loads(first + reporter.finish(diagnostics, 1)) == json.loads(
        render("gitlab", FILES[:1])
    )
