"""The issue's bars for `schema infer`, on the corpus (skipped without it).

benchmarks/infer_eval.py infers each learning-plan and experiment template from 70% of
the corpus documents detected as it and checks the other 30% with the inferred schemas
instead of the built-in ones. The figures are in docs/schema-infer.md.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from tests.conftest import CORPUS, ROOT, needs_corpus

pytestmark = [needs_corpus, pytest.mark.corpus]

ISSUE_TEMPLATES = (
    "learningplan-design",
    "closing-report-2022",
    "closing-report-2024",
    "experiment",
)


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "infer_eval", ROOT / "benchmarks" / "infer_eval.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    evaluation = _benchmark()
    return {r.template: r for r in evaluation.evaluate(CORPUS, ISSUE_TEMPLATES)}


@pytest.mark.parametrize("template", ISSUE_TEMPLATES)
def test_detection_agrees_on_the_held_out_documents(results: dict, template: str) -> None:  # type: ignore[type-arg]
    result = results[template]
    assert result.held >= 40
    assert result.detection >= 0.95, f"{result.agreed} of {result.held}"


NOT_MET = "the built-in schema departs from the --min-share 0.9 rule the issue gives: "


@pytest.mark.parametrize(
    "template",
    [
        "learningplan-design",
        "closing-report-2022",
        pytest.param(
            "closing-report-2024",
            marks=pytest.mark.xfail(
                raises=AssertionError,
                strict=True,
                reason=NOT_MET + "its Data and Methods prompts are required, but only 75% and "
                "77% of the documents have them (the inferred ones are optional)",
            ),
        ),
        pytest.param(
            "experiment",
            marks=pytest.mark.xfail(
                raises=AssertionError,
                strict=True,
                reason=NOT_MET + "its classification and metadata tags (sdgs, total_cost, "
                "control_group, ...) are optional there, in 99% of the documents (required when "
                "inferred); and one held-out document's Spanish headings occur in no training "
                "document",
            ),
        ),
    ],
)
def test_structural_findings_agree(results: dict, template: str) -> None:  # type: ignore[type-arg]
    result = results[template]
    assert result.builtin_findings > 0
    assert result.f1 >= 0.9, f"precision {result.precision:.3f}, recall {result.recall:.3f}"


@pytest.mark.parametrize("template", ISSUE_TEMPLATES)
def test_the_named_constraints_are_found_where_the_built_in_schema_has_them(
    results: dict,
    template: str,  # type: ignore[type-arg]
) -> None:
    result = results[template]
    assert result.constraints, "the built-in schema has constraints to find"
    assert result.misses == []


def test_every_named_kind_of_constraint_is_measured(results: dict) -> None:  # type: ignore[type-arg]
    kinds = {k for r in results.values() for k in r.constraints}
    assert kinds == {
        "max_chars",
        "max_items",
        "starts_with",
        "must_contain_link",
        "shares",
        "options",
    }
