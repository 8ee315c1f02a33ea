"""What a document is, beside what is wrong with it: the facts `plancheck report` shows.

Collected in the worker right after the rules ran, from the same rule context (the
detection and the alignment are not computed twice), and only when the run asks for
them (:attr:`plancheck.results.Job.facts`), so `check` pays nothing for them. The value
itself, :class:`plancheck.results.Facts`, is small and plain so the cache can store it.

Completeness is kept as one character per item of the template's checklist
(:func:`checklist`): its required sections, then its prompts whose answer is required,
in schema order; ``1`` when the section is there or the prompt is there with a
non-empty answer. The cache
fingerprint covers the schema files, so positions cannot drift from their labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plancheck.diagnostics import Diagnostic
from plancheck.results import Facts, Term
from plancheck.rules.base import Context
from plancheck.schema import PromptSpec, Schema

# The rules whose findings are about one tag value: the report lists those values.
TERM_RULES = frozenset({"PC401", "PC402", "PC403"})
COUNTRY = "country"


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a template's checklist: a required section, or a prompt whose
    answer is required."""

    section: str  # the section's canonical heading
    prompt: str | None  # None for the section itself

    @property
    def label(self) -> str:
        return self.section if self.prompt is None else f"{self.section} \u203a {self.prompt}"


def checklist(schema: Schema) -> list[Item]:
    """The required sections, then the prompts whose answer is required, of ``schema``
    in its order. A prompt without a required answer is often the heading of a group
    of sub-questions: its own answer is empty by design, so it is no item."""
    sections = [Item(s.heading, None) for s in schema.sections if s.required]
    prompts = [Item(s.heading, p.text) for s in schema.sections for p in s.prompts if _asked(p)]
    return sections + prompts


def _asked(prompt: PromptSpec) -> bool:
    return prompt.answer.required


def _filled(ctx: Context, schema: Schema) -> str:
    present: set[int] = set()  # id() of the SectionSpecs found
    answered: set[int] = set()  # id() of the PromptSpecs found with an answer
    for sm in ctx.alignment:
        if sm.spec is not None:
            present.add(id(sm.spec))
        for pm in sm.prompts:
            if pm.spec is not None and not pm.prompt.answer.is_empty:
                answered.add(id(pm.spec))
    bits = [id(s) in present for s in schema.sections if s.required]
    bits += [id(p) in answered for s in schema.sections for p in s.prompts if _asked(p)]
    return "".join("1" if b else "0" for b in bits)


def _countries(ctx: Context) -> tuple[tuple[str, str | None], ...]:
    """Each country tag's value as the vocabulary names it, with its ISO alpha-3 code
    (None for a value that names no country)."""
    tags = [t for t in ctx.document.tags if t.key == COUNTRY]
    if not tags:
        return ()
    # The coordinates rules resolve countries the same way; reuse their tables.
    from plancheck.rules.coordinates import _codes, _country_vocabulary

    vocabulary = _country_vocabulary(ctx) if ctx.schema is not None else None
    if vocabulary is None:
        from plancheck.schema import builtin_vocabularies

        vocabulary = builtin_vocabularies().get(COUNTRY)
    out: list[tuple[str, str | None]] = []
    for tag in tags:
        found = vocabulary.index.match(tag.value) if vocabulary else None
        if found is None or vocabulary is None:
            out.append((tag.value.strip(), None))
            continue
        out.append((found.canonical, _codes(vocabulary)[0].get(found.canonical)))
    return tuple(dict.fromkeys(out))


def _terms(ctx: Context, diagnostics: Sequence[Diagnostic]) -> tuple[Term, ...]:
    """Each finding about a tag value: its rule, the tag, the value and what the fix
    would write instead ('' when there is no fix)."""
    by_line = {t.span.line: t for t in ctx.document.tags}
    out = []
    for d in diagnostics:
        tag = by_line.get(d.span.line) if d.code in TERM_RULES else None
        if tag is not None:
            instead = d.fix.edits[0].content if d.fix is not None and d.fix.edits else ""
            out.append((d.code, tag.key, tag.value, instead))
    return tuple(out)


def collect(ctx: Context, diagnostics: Sequence[Diagnostic]) -> Facts:
    schema = ctx.schema
    year = ctx.document.first_tag("year")
    return Facts(
        template=schema.id if schema is not None else None,
        year=year.value.strip() if year is not None else None,
        countries=_countries(ctx),
        filled=_filled(ctx, schema) if schema is not None else "",
        terms=_terms(ctx, diagnostics),
    )
