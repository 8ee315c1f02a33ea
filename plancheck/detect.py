"""Which schema fits a document: by its type tag, then its headings and prompts.

Templates of one type share headings (the two closing-report versions have the same four
sections) and many prompts (the experiment forms), so the score weighs three shares:
the template's required sections the document has, the template's required prompts it
has, and the document's prompts the template knows. The last one keeps a template with
many optional prompts from winning documents of a leaner form, and optional sections or
prompts never count against a template.
"""

from __future__ import annotations

from dataclasses import dataclass

from plancheck.document import Document
from plancheck.schema import Schema
from plancheck.vocabulary import normalize

FIT = 0.3  # below this share of a template's headings and prompts, it does not fit


@dataclass(frozen=True, slots=True)
class Detection:
    schema: Schema | None
    forced: bool = False
    candidates: tuple[tuple[str, float], ...] = ()  # (schema id, score), best first


def _share(found: int, total: int) -> list[float]:
    return [found / total] if total else []


def outline(document: Document) -> tuple[frozenset[str], frozenset[str]]:
    """The document's normalized headings and prompts: what detection compares."""
    headings = frozenset(normalize(s.heading) for s in document.sections)
    prompts = frozenset(normalize(p.text) for s in document.sections for p in s.prompts if p.text)
    return headings, prompts


def score(headings: frozenset[str], prompts: frozenset[str], schema: Schema) -> float:
    """How well a document's outline fits the schema's structure, 0 to 1."""
    if not schema.sections:
        return 0.0
    required_sections = [s for s in schema.sections if s.required]
    required_prompts = [p for s in schema.sections for p in s.prompts if p.required]
    parts = (
        _share(sum(bool(s.keys & headings) for s in required_sections), len(required_sections))
        + _share(sum(bool(p.keys & prompts) for p in required_prompts), len(required_prompts))
        + _share(len(prompts & schema.prompt_keys), len(prompts))
    )
    return sum(parts) / len(parts) if parts else 0.0


def detect(document: Document, schemas: dict[str, Schema], forced: str | None = None) -> Detection:
    if forced is not None:
        return Detection(schemas[forced], forced=True)
    type_tag = document.first_tag("type")
    doc_type = type_tag.value if type_tag else None
    headings, prompts = outline(document)
    ranked = sorted(
        ((score(headings, prompts, s), s) for s in schemas.values()),
        key=lambda x: x[0],
        reverse=True,
    )
    candidates = tuple((s.id, round(v, 2)) for v, s in ranked if v > 0)
    known_types = {s.type for s in schemas.values()}
    # An unknown type value is more likely a typo than a new template: let the structure
    # decide, and invalid-tag-value report the type.
    same_type = [(v, s) for v, s in ranked if doc_type not in known_types or s.type == doc_type]
    if same_type and same_type[0][0] >= FIT:
        return Detection(same_type[0][1], candidates=candidates)
    if doc_type in known_types:
        typed = [s for _, s in ranked if s.type == doc_type]
        fallback = [s for s in typed if s.default] or (typed if len(typed) == 1 else [])
        if fallback:
            return Detection(fallback[0], candidates=candidates)
    return Detection(None, candidates=candidates)
