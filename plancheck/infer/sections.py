"""Sections: which headings are one section, in what order, and how often.

Headings are compared once normalized (case, spacing, entities, quotes folded). A
localized heading (`Titre`, `Socios`) is recognised as an alias of a section without any
translation table, by what surrounds it:

1. by its prompts: the prompts under it are mostly those under the section (the forms
   kept their questions in English when a lab switched the headings' language);
2. for a heading without prompts (`Challenge classification`), by its position: the
   sections before and after it are most often the section's own neighbours.

Either way, a heading never joins a section it appears beside in the same documents.
Headings are taken from the most frequent down, so each section is named by its most
frequent heading. A rare near miss of that heading (a typo) is counted but not listed as
an alias: checking it reports heading-drift, which is what a typo deserves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from plancheck.document import Document, Section
from plancheck.infer.evidence import clean, consensus_order, in_docs, reaches, variants
from plancheck.vocabulary import normalize

PROMPT_OVERLAP = 0.5  # share of shared prompts that makes two headings one section
TOGETHER = 0.05  # two headings seen together in more documents than this are two sections
COMMON_PROMPT = 0.2  # a prompt under a heading in this share of its documents is its own
TYPO_SCORE = 80.0  # the heading-drift rule's cutoff: a near miss is a typo, not an alias
TYPO_SHARE = 0.05  # ... unless that many of the section's documents write it so
FLOOR_SHARE = 0.01  # a heading in fewer of the documents is not the template's


@dataclass
class _Heading:
    key: str
    forms: Counter[str] = field(default_factory=Counter)
    documents: set[int] = field(default_factory=set)
    prompts: Counter[str] = field(default_factory=Counter)  # documents per prompt key
    neighbours: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)

    def own_prompts(self) -> set[str]:
        n = len(self.documents)
        return {p for p, c in self.prompts.items() if c >= max(1, COMMON_PROMPT * n)}


@dataclass
class Slot:
    """One section of the template and the headings and instances that are it."""

    headings: list[_Heading]
    documents: set[int] = field(default_factory=set)
    instances: dict[int, list[Section]] = field(default_factory=dict)  # document -> sections

    def own_prompts(self) -> set[str]:
        return set().union(*(h.own_prompts() for h in self.headings))


@dataclass(frozen=True, slots=True)
class InferredSection:
    heading: str
    aliases: tuple[str, ...]
    required: bool
    repeatable: bool
    max_repeats: int | None
    notes: tuple[str, ...]
    slot: Slot


def _headings(documents: Sequence[Document]) -> dict[str, _Heading]:
    found: dict[str, _Heading] = {}
    for i, doc in enumerate(documents):
        keys = [normalize(s.heading) for s in doc.sections if s.heading.strip()]
        named = [s for s in doc.sections if s.heading.strip()]
        for j, (key, section) in enumerate(zip(keys, named, strict=True)):
            h = found.setdefault(key, _Heading(key))
            h.forms[clean(section.heading)] += 1
            if i not in h.documents:
                h.documents.add(i)
                h.prompts.update({normalize(p.text) for p in section.prompts if p.text})
            before = keys[j - 1] if j else None
            after = keys[j + 1] if j + 1 < len(keys) else None
            h.neighbours[before, after] += 1
    return found


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _apart(h: _Heading, slot: Slot) -> bool:
    together = len(h.documents & slot.documents)
    return together <= TOGETHER * min(len(h.documents), len(slot.documents))


def _neighbour_slots(h: _Heading, owner: dict[str, Slot]) -> Counter[tuple[int, int]]:
    out: Counter[tuple[int, int]] = Counter()
    for (before, after), n in h.neighbours.items():
        b = id(owner[before]) if before in owner else 0
        a = id(owner[after]) if after in owner else 0
        out[b, a] += n
    return out


def _by_prompts(h: _Heading, slots: list[Slot]) -> Slot | None:
    """The section whose prompts this heading's prompts mostly are."""
    mine = h.own_prompts()
    scored = [(_overlap(mine, s.own_prompts()), s) for s in slots if _apart(h, s)]
    scored = [(v, s) for v, s in scored if v >= PROMPT_OVERLAP]
    return max(scored, key=lambda x: x[0])[1] if scored else None


def _by_position(h: _Heading, slots: list[Slot], owner: dict[str, Slot]) -> Slot | None:
    """The section whose heading is most often between the same two sections."""
    place = _neighbour_slots(h, owner).most_common(1)
    if not place:
        return None
    for s in slots:
        if _apart(h, s) and any(
            _neighbour_slots(g, owner).most_common(1)[0][0] == place[0][0]
            for g in s.headings
            if g.neighbours
        ):
            return s
    return None


def _place(h: _Heading, slots: list[Slot], owner: dict[str, Slot], by_prompts: bool) -> None:
    best = _by_prompts(h, slots) if by_prompts else _by_position(h, slots, owner)
    if best is None:
        best = Slot([])
        slots.append(best)
    best.headings.append(h)
    best.documents |= h.documents
    owner[h.key] = best


def _is_typo(h: _Heading, slot: Slot, localized: set[int]) -> bool:
    """A rare near miss of the section's heading, in documents whose other headings
    are the canonical ones."""
    from rapidfuzz import fuzz

    head = slot.headings[0]
    return (
        h is not head
        and fuzz.ratio(h.key, head.key) >= TYPO_SCORE
        and len(h.documents) < TYPO_SHARE * len(slot.documents)
        and len(h.documents & localized) * 2 <= len(h.documents)
    )


def _localized(documents: Sequence[Document], owner: dict[str, Slot], h: _Heading) -> set[int]:
    """The documents of ``h`` that write another section's heading other than its
    canonical one (a document in another language)."""
    out = set()
    for i in h.documents:
        for section in documents[i].sections:
            key = normalize(section.heading)
            if key and key != h.key and owner[key].headings[0].key != key:
                out.add(i)
                break
    return out


def infer_sections(
    documents: Sequence[Document], min_share: float, min_documents: int = 1
) -> tuple[list[InferredSection], list[str]]:
    """The sections of the documents, in the order most documents agree on, and the
    headings left out: seen in fewer than ``min_documents`` documents or 1% of them
    (a one-off heading, or a document of another template among these)."""
    headings = _headings(documents)
    ranked = sorted(headings.values(), key=lambda h: (-len(h.documents), h.key))
    slots: list[Slot] = []
    owner: dict[str, Slot] = {}
    for h in ranked:
        if h.own_prompts():
            _place(h, slots, owner, by_prompts=True)
    for h in ranked:
        if h.key not in owner:
            _place(h, slots, owner, by_prompts=False)
    for slot in slots:  # the most frequent heading names the section
        slot.headings.sort(key=lambda h: (-len(h.documents), h.key))
    positions: list[dict[int, int]] = []
    for i, doc in enumerate(documents):
        order: dict[int, int] = {}
        for j, section in enumerate(s for s in doc.sections if s.heading.strip()):
            slot = owner[normalize(section.heading)]
            slot.instances.setdefault(i, []).append(section)
            order.setdefault(id(slot), j)
        positions.append(order)
    floor = max(min_documents, round(FLOOR_SHARE * len(documents)))
    by_id = {id(s): s for s in slots if len(s.documents) >= floor}
    ordered = [by_id[k] for k in consensus_order(positions, by_id)]
    localized = {h.key: _localized(documents, owner, h) for s in slots for h in s.headings[1:]}
    left_out = [
        f"{s.headings[0].forms.most_common(1)[0][0]!r} {in_docs(len(s.documents), len(documents))}"
        for s in slots
        if id(s) not in by_id
    ]
    return [_section(slot, len(documents), min_share, localized) for slot in ordered], left_out


def _section(
    slot: Slot, total: int, min_share: float, localized: dict[str, set[int]]
) -> InferredSection:
    present = len(slot.documents)
    repeats = Counter(len(v) for v in slot.instances.values())
    repeated = sum(n for times, n in repeats.items() if times > 1)
    # One document with a section twice is a slip; a section the form repeats is
    # repeated in many (or in the only document there is).
    repeatable = repeated > 0 and (repeated >= 0.01 * present or total == 1)
    head = slot.headings[0]
    aliases = []
    notes = [in_docs(present, total)]
    forms = Counter({f: n for h in slot.headings for f, n in h.forms.items()})
    canonical = head.forms.most_common(1)[0][0]
    for h in slot.headings[1:]:
        form = h.forms.most_common(1)[0][0]
        kind = "a typo" if _is_typo(h, slot, localized[h.key]) else "alias"
        if kind == "alias":
            aliases.append(form)
        notes.append(f"{form!r} ({kind}) {in_docs(len(h.documents), present)} of the section")
    if len(forms) > 1:
        notes.append(f"written {len(forms)} ways: {variants(forms)}")
    if repeatable:
        notes.append(f"repeated in {repeated:,} documents, at most {max(repeats)} times")
    return InferredSection(
        heading=canonical,
        aliases=tuple(aliases),
        required=reaches(present, total, min_share),
        repeatable=repeatable,
        max_repeats=max(repeats) if repeatable else None,
        notes=tuple(notes),
        slot=slot,
    )
