"""Line a document up against its schema: which section and prompt is which.

Several rules need the same answer (missing-prompt, prompt-drift, empty-answer,
answer-constraint), so it is computed once per document and shared through the rule
context. A heading or prompt matches its template text in one of three ways:

* ``EXACT``: the same characters as the canonical text or one of its aliases;
* ``FOLDED``: equal once case, spacing, entities, no-break spaces and quotes are folded;
* ``NEAR``: a close fuzzy match (a typo, a changed word).

A section whose heading matches nothing is recognised otherwise, so that it is not
reported missing (and its author told to add a second one):

* ``PROMPTS``: a heading like none of the template's (a machine translation such as
  "Ailette", a translation the schema does not list, or an empty `## ` the export wrote)
  over a section at least half of whose prompts are one template section's, which no
  other heading of the document took. The forms kept their questions in English when the
  headings were translated, so the prompts say which section it is where the heading
  cannot;
* ``POSITION``: such a heading over a section with no questions (its answers left blank,
  which the export drops), standing between two sections of the document where exactly
  one template section is missing.

The heading to restore is given in the language of the document's other headings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from plancheck.difference import ESCAPED_BREAK
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
    POSITION = "position"  # the heading matches nothing; where it stands says which


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
        if found is None and ESCAPED_BREAK in prompt.text:
            # the platform wrote a line break as a literal `\n` and glued the lead below
            # the prompt to it: the prompt is what comes before
            head = prompt.text.split(ESCAPED_BREAK, 1)[0]
            near = _match_text(head, forms, PROMPT_CUTOFF) if head.strip() else None
            found = (near[0], MatchKind.NEAR, near[2]) if near else None
        if found is None:
            out.append(PromptMatch(prompt, None, None, None))
        else:
            p_spec, kind, form = found
            assert isinstance(p_spec, PromptSpec)
            out.append(PromptMatch(prompt, p_spec, kind, form))
    return tuple(out)


def _by_prompts(
    section: Section, schema: Schema, taken: set[int]
) -> tuple[SectionSpec, tuple[PromptMatch, ...]] | None:
    """The template section whose prompts are at least half of ``section``'s (the one with
    most of them; a tie is no answer; a pasted prompt or two does not rename a section),
    unless a heading took it already and it may not repeat."""
    asked = [p for p in section.prompts if p.text.strip()]
    if not asked:
        return None
    best: list[tuple[int, SectionSpec, tuple[PromptMatch, ...]]] = []
    for spec in schema.sections:
        if not spec.prompts or (id(spec) in taken and not spec.repeatable):
            continue
        prompts = _align_prompts(section, spec)
        known = sum(pm.spec is not None for pm in prompts if pm.prompt.text.strip())
        if known * 2 >= len(asked):
            best.append((known, spec, prompts))
    best.sort(key=lambda b: -b[0])
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    return best[0][1], best[0][2]


def _in_language(spec: SectionSpec, language: str) -> str:
    return spec.translations.get(language, spec.heading)


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
    taken = {id(f[0]) for f in by_heading if f is not None}
    result = []
    for section, found in zip(document.sections, by_heading, strict=True):
        if found is None:
            carried = _by_prompts(section, schema, taken)
            if carried is None:
                result.append(
                    SectionMatch(section, None, None, None, None, _align_prompts(section, None))
                )
                continue
            placed, prompts = carried
            taken.add(id(placed))
            heading = _in_language(placed, language)
            kind = MatchKind.PROMPTS
            result.append(SectionMatch(section, placed, kind, heading, order[id(placed)], prompts))
            continue
        spec, kind, form = found
        assert isinstance(spec, SectionSpec)
        result.append(
            SectionMatch(section, spec, kind, form, order[id(spec)], _align_prompts(section, spec))
        )
    return _place_by_position(result, schema, language)


def _place_by_position(
    matches: list[SectionMatch], schema: Schema, language: str
) -> tuple[SectionMatch, ...]:
    """Give an unknown heading with no questions the one template section missing
    between the sections before and after it (both placed; an unknown last section is
    left unknown: nothing bounds it)."""
    taken = {id(m.spec) for m in matches if m.spec is not None}
    out = list(matches)
    for i, m in enumerate(matches):
        if m.spec is not None or not m.section.heading.strip():
            continue
        if any(p.text.strip() for p in m.section.prompts):
            continue  # questions none of one section's: not placed by where it stands
        before = [x.order for x in out[:i] if x.order is not None]
        after = [x.order for x in out[i + 1 :] if x.order is not None]
        if not before or not after:
            continue
        low, high = before[-1], after[0]
        between = [
            (k, spec)
            for k, spec in enumerate(schema.sections)
            if low < k < high and id(spec) not in taken
        ]
        if len(between) != 1:
            continue
        k, spec = between[0]
        taken.add(id(spec))
        heading = _in_language(spec, language)
        out[i] = SectionMatch(m.section, spec, MatchKind.POSITION, heading, k, m.prompts)
    return tuple(out)
