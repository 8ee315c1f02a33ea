"""The inferred schema as data, and the function that infers it from documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from plancheck.document import Document
from plancheck.infer.clusters import Split, split
from plancheck.infer.constraints import Constraints, read_constraints
from plancheck.infer.prompts import InferredPrompt, infer_prompts, prompt_floor
from plancheck.infer.sections import InferredSection, infer_sections
from plancheck.infer.tags import TYPE, InferredTag, infer_tags

DEFAULT_MIN_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class SectionResult:
    section: InferredSection
    prompts: tuple[tuple[InferredPrompt, Constraints], ...]


@dataclass(frozen=True, slots=True)
class InferredSchema:
    id: str
    title: str
    type: str
    documents: int
    min_share: float
    tags: tuple[InferredTag, ...]
    sections: tuple[SectionResult, ...]
    split: Split | None
    notes: tuple[str, ...]


def _type(documents: Sequence[Document], schema_id: str) -> tuple[str, str]:
    values = Counter(t.value for d in documents for t in d.tags if t.key == TYPE and t.value)
    if not values:
        return schema_id, f"no [[{TYPE}:...]] tag: the type is the schema id"
    value, n = values.most_common(1)[0]
    return value, f"type {value!r} from {n:,} [[{TYPE}]] tags"


def infer(
    documents: Sequence[Document],
    schema_id: str,
    *,
    title: str | None = None,
    min_share: float = DEFAULT_MIN_SHARE,
    mine: bool = False,
) -> InferredSchema:
    """Infer the schema of ``documents`` (assumed to be one template). With one document,
    everything it has is required. ``mine`` proposes vocabularies for tags whose values
    recur without a built-in vocabulary (to be written beside the schema)."""
    if not documents:
        raise ValueError("no documents to infer a schema from")
    n = len(documents)
    floor = prompt_floor(n)
    sections = []
    found, left_out = infer_sections(documents, min_share, floor)
    for section in found:
        prompts = infer_prompts(section.slot, min_share, floor)
        sections.append(
            SectionResult(
                section,
                tuple(
                    (p, read_constraints(prompts, i, min_share, floor))
                    for i, p in enumerate(prompts)
                ),
            )
        )
    doc_type, why = _type(documents, schema_id)
    return InferredSchema(
        id=schema_id,
        title=title or f"{schema_id} (inferred from {n:,} documents)",
        type=doc_type,
        documents=n,
        min_share=min_share,
        tags=tuple(infer_tags(documents, min_share, mine=mine)),
        sections=tuple(sections),
        split=split(documents),
        notes=(why, *(f"left out, too rare: section {h}" for h in left_out)),
    )
