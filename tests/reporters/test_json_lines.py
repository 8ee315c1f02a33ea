"""`json-lines`: the objects of `json`, one a line, streamed file by file."""

from __future__ import annotations

import json

from plancheck.reporters import REPORTERS
from tests.reporters.sample import FILES, ODD, ODD_DIAGNOSTICS, ODD_LINES, render


def test_round_trips_to_the_objects_of_json() -> None:
    out = render("json-lines")
    assert [json.loads(line) for line in out.splitlines()] == json.loads(render("json"))


def test_one_object_per_line_even_with_line_breaks_in_messages() -> None:
    out = render("json-lines")
    # str.splitlines() also breaks at U+2028, which a message in the sample holds
    assert len(out.splitlines()) == len(out.split("\n")) - 1 == 6
    assert "\\u2028" in out


def test_streams_each_file_and_adds_nothing_at_the_end() -> None:
    reporter = REPORTERS["json-lines"](False)
    first = reporter.document(ODD_DIAGNOSTICS, ODD_LINES, path=ODD)
    assert len(first.splitlines()) == len(ODD_DIAGNOSTICS)
    assert reporter.document([], (), path="plans/clean.md") == ""
    assert reporter.finish(ODD_DIAGNOSTICS, len(FILES)) == ""
