"""`sarif`: SARIF 2.1.0 that validates, with every rule's help and the fixes."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from plancheck import __version__
from plancheck.rules import ALL_RULES
from tests.conftest import SHARED, absent
from tests.reporters.sample import ALL, FILES, render

SARIF_SCHEMA = SHARED / "formats" / "sarif-schema-2.1.0.json"


def sarif(files: Any = FILES) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render("sarif", files))
    return data


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason=absent("formats"))
@pytest.mark.parametrize("files", [FILES, []], ids=["findings", "clean"])
def test_validates_against_the_sarif_schema(files: Any) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(sarif(files))]
    assert errors == []


def test_driver_lists_every_rule_with_its_documentation() -> None:
    driver = sarif()["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("plancheck", __version__)
    assert [r["id"] for r in driver["rules"]] == [r.code for r in ALL_RULES]
    for descriptor, r in zip(driver["rules"], ALL_RULES, strict=True):
        assert descriptor["name"] == r.name
        assert descriptor["shortDescription"]["text"] == r.summary
        assert descriptor["fullDescription"]["text"] == r.doc
        assert descriptor["help"]["text"] == r.doc
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert (levels["PC104"], levels["PC103"], levels["PC603"]) == ("error", "warning", "note")


def test_results_point_at_their_rule_and_region() -> None:
    run = sarif()["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(ALL)
    for result, d in zip(results, ALL, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == d.code
        assert result["message"]["text"] == d.message
        location = result["locations"][0]["physicalLocation"]
        assert location["region"] == {
            "startLine": d.span.line,
            "startColumn": d.span.column,
            "endLine": d.span.end_line,
            "endColumn": d.span.end_column,
        }
    assert [r["level"] for r in results] == ["error", "error", "warning", "note", "note", "warning"]


def test_uris_are_relative_percent_encoded_with_forward_slashes() -> None:
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif()["runs"][0]["results"]
    ]
    assert uris[0] == "plans/my%20plan%2C%20draft%3A%20v2.md"
    assert uris[-1] == "plans/other.md"


def test_fixes_are_replacements() -> None:
    results = sarif()["runs"][0]["results"]
    assert "fixes" not in results[0]
    (fix,) = results[1]["fixes"]
    assert fix["description"]["text"] == "Rewrite as [[methods:Pilots]]"
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "plans/my%20plan%2C%20draft%3A%20v2.md"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 23},
            "insertedContent": {"text": "[[methods:Pilots]]"},
        }
    ]
    assert results[2]["fixes"][0]["properties"]["applicability"] == "unsafe"
    assert sum("fixes" in r for r in results) == sum(d.fix is not None for d in ALL)
