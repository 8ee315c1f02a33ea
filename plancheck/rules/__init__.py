"""The rule registry: every rule plancheck has, in code order.

Adding a rule: write its check in the family module with ``@rule(...)`` and a docstring,
then list it here.
"""

from __future__ import annotations

from plancheck.rules import (
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

ALL_RULES: tuple[Rule, ...] = (
    document.unknown_schema,
    document.unreadable_file,
    document.invalid_encoding,
    document.empty_document,
    document.missing_tag_block,
    document.unused_suppression,
    document.file_too_large,
    document.internal_error,
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
    prompts.empty_answer,
    prompts.answer_constraint,
    prompts.placeholder,
    html.html_entity,
    html.html_residue,
    format.trailing_whitespace,
    format.line_endings,
    format.bom,
    format.final_newline,
    format.tag_order,
    format.mojibake,
    vocabulary.vocabulary_drift,
    vocabulary.unknown_term,
    vocabulary.unknown_country,
    coordinates.malformed_coordinates,
    coordinates.coordinates_out_of_range,
    coordinates.null_island,
    coordinates.coordinates_outside_country,
    coordinates.swapped_coordinates,
)

BY_CODE = {r.code: r for r in ALL_RULES}
BY_NAME = {r.name: r for r in ALL_RULES}


def lookup(selector: str) -> list[Rule]:
    """Rules a selector names: a code (`PC101`), a code prefix (`PC1`, `PC`), a name."""
    if selector in BY_NAME:
        return [BY_NAME[selector]]
    upper = selector.upper()
    return [r for r in ALL_RULES if r.code.startswith(upper)] if upper.startswith("PC") else []


__all__ = ["ALL_RULES", "BY_CODE", "BY_NAME", "Context", "Rule", "lookup", "rule"]
