"""Shared helpers: a small test schema, a valid document for it, and lint shortcuts.

Rule tests break one thing in :data:`VALID` and assert which rule fires where, in the
manner of yamllint's ``check(source, problem=(line, column))``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from plancheck import check_text
from plancheck.diagnostics import Diagnostic
from plancheck.linter import RuleSet
from plancheck.schema import Schema, load_schemas, parse_schema

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "learningplan-closing-2024.md"
# The project's shared folder (the real archive, format references): beside the checkout by
# default, anywhere else when PLANCHECK_SHARED names it (a checkout in another place).
# Property tests explore new random examples on a developer's machine; in CI (CI=true)
# they run a fixed, derandomized set, so that a run's verdict depends on the commit alone.
# A failure found locally is fixed and kept as a regression test, not left to chance.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

SHARED = Path(os.environ.get("PLANCHECK_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"


def absent(part: str) -> str:
    """The skip reason for a test that reads ``part`` of the shared folder: what is
    missing and how to give it."""
    return (
        f"{SHARED / part} is absent: put the project's shared folder beside the checkout "
        "(../shared) or set PLANCHECK_SHARED to its path"
    )


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=absent("corpus"))

MINI_SCHEMA = """\
id: mini
title: Mini plan
type: miniplan
tags:
  - {key: focal_point, format: email, required: true}
  - {key: year, format: year, required: true}
  - {key: type, format: one-of, values: [miniplan], required: true}
  - {key: methods, multiple: true}
  - {key: sample_size, format: integer}
  - {key: country, required: true, multiple: true, repeat_values: true}
  - {key: latlng, format: coordinates, required: true, multiple: true}
sections:
  - heading: Challenge statement
    aliases: [Énoncé du défi]
    prompts:
      - text: 'Challenge statement: What is your challenge? (Please answer in specific terms: "Our challenge is that...".)'
        answer: {required: true, starts_with: Our challenge is that}
      - text: "Short “tweet” summary: can you summarize your challenge in a maximum of 280 characters?"
        answer: {max_chars: 280}
  - heading: Learning questions
    repeatable: true
    max_repeats: 2
    prompts:
      - text: To what stage(s) in the learning cycle does your learning question relate?
        answer: {options: [Sense, Explore, Test, Grow]}
      - text: Please list a maximum of 3 key insights & lessons
        answer: {max_items: 3}
  - heading: Learnings
    prompts:
      - text: How much of your time did you dedicate to each stage? Please make sure that your answers adds up to 100%.
        answer: {shares: {prompts: [Sense, Explore, Test, Grow]}}
      - {text: Sense, required: false}
      - {text: Explore, required: false}
      - {text: Test, required: false}
      - {text: Grow, required: false}
      - text: Please paste the link(s) to the blog(s)
        answer: {must_contain_link: true}
      - text: What is your hypothesis?
        required: false
        answer: {pattern: "(?i)^if .* then "}
  - heading: Closing
    required: false
"""

VALID = """\
# Mini plan for tests

[[focal_point:jane.doe@undp.org]]

[[year:2024]]

[[type:miniplan]]

[[methods:Pilots]]
[[country:Panama]]
[[latlng:8.5,-80.1]]
## Challenge statement
****

> Challenge statement: What is your challenge? (Please answer in specific terms: "Our challenge is that...".)

Our challenge is that waste is not collected in the old town.

> Short “tweet” summary: can you summarize your challenge in a maximum of 280 characters?

Waste piles up in the old town; we test what makes collection work.
## Learning questions

> To what stage(s) in the learning cycle does your learning question relate?

- Explore
- Test

> Please list a maximum of 3 key insights & lessons

1. Residents sort waste when bins are close.
2. Collection times matter more than fines.
## Learnings

> How much of your time did you dedicate to each stage? Please make sure that your answers adds up to 100%.


<div class="group">

> Sense

40

</div>

<div class="group">

> Explore

60

</div>

> Please paste the link(s) to the blog(s)

[Our blog](https://example.org/blog)
## Closing
"""


def mini_schema() -> Schema:
    return parse_schema(MINI_SCHEMA, "mini.yaml")


def lint_text(
    source: str,
    *,
    schemas: dict[str, Schema] | None = None,
    schema_id: str | None = None,
    select: tuple[str, ...] = (),
) -> list[Diagnostic]:
    schemas = schemas if schemas is not None else {"mini": mini_schema()}
    rules = RuleSet.from_selectors(select)
    return check_text(source, schemas, path="test.md", schema_id=schema_id, rules=rules)


def problems(source: str, rule: str, **kwargs: object) -> list[tuple[int, int]]:
    """(line, column) of each finding of ``rule`` in ``source``."""
    return [(d.span.line, d.span.column) for d in lint_text(source, select=(rule,), **kwargs)]  # type: ignore[arg-type]


def line_of(source: str, needle: str) -> int:
    """1-based number of the first line containing ``needle``."""
    for n, line in enumerate(source.split("\n"), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in source")


def apply_fix(source: str, diagnostic: Diagnostic) -> str:
    """Apply one diagnostic's edits (1-based, end-exclusive) to ``source``."""
    from plancheck.fixer import apply_edits, line_starts, to_offset

    assert diagnostic.fix is not None
    starts = line_starts(source)
    edits = [
        (
            to_offset(starts, e.span.line, e.span.column),
            to_offset(starts, e.span.end_line, e.span.end_column),
            e.content,
        )
        for e in diagnostic.fix.edits
    ]
    return apply_edits(source, edits)


@pytest.fixture(scope="session")
def builtin() -> dict[str, Schema]:
    return load_schemas()
