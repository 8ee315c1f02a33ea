"""Line a document up against its schema: which section and prompt is which.

Several rules need the same answer (missing-prompt, prompt-drift, empty-answer,
answer-constraint), so it is computed once per document and shared through the rule
context. A heading or prompt matches its template text in one of three ways:

* ``EXACT``: the same characters as the canonical text or one of its aliases;
* ``FOLDED``: equal once case, spacing, entities, no-break spaces and quotes are folded;
* ``NEAR``: a close fuzzy match (a typo, a changed word).

A section whose heading matches nothing (a machine translation such as "Ailette", or an
empty `## ` the export wrote) is recognised by its prompts instead (``PROMPTS``): it is
the template section most of whose prompts it carries. Without this, the section would
be reported missing and its author told to add a second one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from plancheck.document import Document, Prompt, Section
from plancheck.schema import PromptSpec, Schema, SectionSpec
from plancheck.vocabulary import closest, normalize

HEADING_CUTOFF = 80.0
PROMPT_CUTOFF = 85.0


class MatchKind(StrEnum):
    EXACT = "exact"
    FOLDED = "folded"
    NEAR = "near"
    PROMPTS = "prompts"  # the heading matches nothing; the prompts are the section's


@dataclass(frozen=True, slots=True)
class PromptMatch:
    prompt: Prompt
    spec: PromptSpec | None
    kind: MatchKind | None
    expected: str | None  # the template wording to restore when kind is not EXACT


@dataclass(frozen=True, slots=True)
class SectionMatch:
    section: Section
    spec: SectionSpec | None
    kind: MatchKind | None
    expected: str | None
    order: int | None  # the spec's index in the schema
    prompts: tuple[PromptMatch, ...]


def _match_text(
    text: str, forms_by_spec: Sequence[tuple[object, Sequence[str]]], cutoff: float
) -> tuple[object, MatchKind, str] | None:
    """Match ``text`` against each spec's forms (canonical first, then aliases)."""
    for spec, forms in forms_by_spec:
        if text in forms:
            return spec, MatchKind.EXACT, text
    key = normalize(text)
    folded: dict[str, tuple[object, str]] = {}
    for spec, forms in forms_by_spec:
        for form in forms:
            folded.setdefault(normalize(form), (spec, form))
    if key in folded:
        spec, form = folded[key]
        return spec, MatchKind.FOLDED, form
    if not key:
        return None
    near = closest(key, folded, cutoff=cutoff)
    if near is None:
        return None
    spec, form = folded[near[0]]
    return spec, MatchKind.NEAR, form


def _align_prompts(section: Section, spec: SectionSpec | None) -> tuple[PromptMatch, ...]:
    if spec is None or not spec.prompts:
        return tuple(PromptMatch(p, None, None, None) for p in section.prompts)
    forms = [(p, (p.text, *p.aliases)) for p in spec.prompts]
    out = []
    for prompt in section.prompts:
        found = _match_text(prompt.text, forms, PROMPT_CUTOFF) if prompt.text else None
        if found is None:
            out.append(PromptMatch(prompt, None, None, None))
        else:
            p_spec, kind, form = found
            assert isinstance(p_spec, PromptSpec)
            out.append(PromptMatch(prompt, p_spec, kind, form))
    return tuple(out)


def _by_prompts(section: Section, schema: Schema) -> SectionSpec | None:
    """The template section whose prompts ``section`` carries: the one matching most of
    its prompts, at least half of them (a pasted prompt or two does not rename a section)."""
    asked = [p for p in section.prompts if p.text.strip()]
    if not asked:
        return None
    best, most = None, 0
    for spec in schema.sections:
        if not spec.prompts:
            continue
        matched = sum(1 for pm in _align_prompts(section, spec) if pm.spec is not None)
        if matched > most:
            best, most = spec, matched
    return best if most * 2 >= len(asked) else None


def _language(found: Sequence[tuple[object, MatchKind, str]]) -> str:
    """The language most of the document's headings are written in (a key of the
    sections' translations), so that a heading restored in a French plan is French."""
    votes: dict[str, int] = {}
    for spec, _kind, form in found:
        assert isinstance(spec, SectionSpec)
        for lang, heading in spec.translations.items():
            if heading == form and heading != spec.heading:
                votes[lang] = votes.get(lang, 0) + 1
    return max(votes, key=lambda lang: votes[lang], default="en")


def align(document: Document, schema: Schema) -> tuple[SectionMatch, ...]:
    forms = [(s, (s.heading, *s.aliases)) for s in schema.sections]
    order = {id(s): i for i, s in enumerate(schema.sections)}
    by_heading = [
        _match_text(s.heading, forms, HEADING_CUTOFF) if s.heading else None
        for s in document.sections
    ]
    language = _language([f for f in by_heading if f is not None])
    result = []
    for section, found in zip(document.sections, by_heading, strict=True):
        if found is None:
            carried = _by_prompts(section, schema)
            if carried is not None:
                translated = carried.translations.items()
                heading = next((h for lang, h in translated if lang == language), carried.heading)
                found = (carried, MatchKind.PROMPTS, heading)
        if found is None:
            result.append(
                SectionMatch(section, None, None, None, None, _align_prompts(section, None))
            )
            continue
        spec, kind, form = found
        assert isinstance(spec, SectionSpec)
        result.append(
            SectionMatch(section, spec, kind, form, order[id(spec)], _align_prompts(section, spec))
        )
    return tuple(result)
