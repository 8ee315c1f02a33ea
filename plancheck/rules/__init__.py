"""The rule registry: every rule plancheck has, in code order, with its check when it has
one.

A rule's facts (code, name, severity, fix availability, options) are its entry in
:mod:`plancheck.codes`. Adding a rule with a check: add its entry there, write its check in
the family module with ``@rule("PCnnn")`` and a docstring in the sections
:mod:`plancheck.rules.docs` asks for, then list it in ``CHECKS`` here.
"""

from __future__ import annotations

from plancheck import codes
from plancheck.codes import RuleInfo
from plancheck.rules import (
    answers,
    coordinates,
    document,
    format,
    html,
    prompts,
    structure,
    tags,
    vocabulary,
)
from plancheck.rules.base import Context, Rule, rule

# The rules that run a check over a document, in code order.
CHECKS: tuple[Rule, ...] = (
    document.unknown_schema,
    document.empty_document,
    document.missing_tag_block,
    document.not_a_plan,
    tags.missing_tag,
    tags.invalid_tag_value,
    tags.duplicate_tag,
    tags.tag_syntax,
    tags.unknown_tag,
    tags.malformed_url,
    tags.packed_tag,
    structure.missing_title,
    structure.empty_heading,
    structure.missing_section,
    structure.unknown_section,
    structure.section_order,
    structure.heading_drift,
    prompts.missing_prompt,
    prompts.prompt_drift,
    answers.empty_answer,
    answers.answer_constraint,
    answers.placeholder,
    vocabulary.vocabulary_drift,
    vocabulary.unknown_term,
    vocabulary.unknown_country,
    coordinates.malformed_coordinates,
    coordinates.coordinates_out_of_range,
    coordinates.null_island,
    coordinates.coordinates_outside_country,
    coordinates.swapped_coordinates,
    html.html_entity,
    html.html_residue,
    format.trailing_whitespace,
    format.line_endings,
    format.bom,
    format.final_newline,
    format.tag_order,
    format.mojibake,
)

_CHECK = {r.code: r for r in CHECKS}

# Every rule in the table's order: its check, or, for a diagnostic the core reports itself
# (unreadable-file, internal-error, ...), its table entry.
ALL_RULES: tuple[Rule | RuleInfo, ...] = tuple(_CHECK.get(e.code, e) for e in codes.RULES)

BY_CODE = {r.code: r for r in ALL_RULES}
BY_NAME = {r.name: r for r in ALL_RULES}


def lookup(selector: str) -> list[Rule | RuleInfo]:
    """Rules a selector names: a code (`PC101`), a code prefix (`PC1`, `PC`), a name."""
    return [BY_CODE[e.code] for e in codes.lookup(selector)]


__all__ = [
    "ALL_RULES",
    "BY_CODE",
    "BY_NAME",
    "CHECKS",
    "Context",
    "Rule",
    "lookup",
    "rule",
]
