"""The prompts of a section: which, in what order, and their canonical text.

Prompt lines are grouped by their normalized text (no-break spaces, entities, quotes,
spacing and case folded), and a near miss of a more frequent prompt (a template typo,
"our partner" for "your partner") joins it, unless the two are seen together in the
same section, which makes them two questions ("what academic partners" and "what
private sector partners"). The canonical text is the most frequent form once entities
and no-break spaces are cleaned out; a near miss written by many documents is kept as
an alias, a rare one only counted. A prompt is required when at least ``min_share`` of
the documents that have its section have it, unless its words make it optional ("If
applicable, ...", "Bonus question:", "(optional)").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from plancheck.align import PROMPT_CUTOFF
from plancheck.document import Answer
from plancheck.infer.evidence import clean, consensus_order, in_docs, reaches, variants
from plancheck.infer.sections import Slot
from plancheck.vocabulary import normalize

OPTIONAL = re.compile(r"\bif applicable\b|^bonus question\b|\(optional\)", re.IGNORECASE)
TOGETHER = 0.05  # two texts seen in one section in more documents than this: two prompts
FLOOR_SHARE = 0.01  # a prompt in fewer of a section's documents is a one-off, left out
ALIAS_SHARE = 0.05  # a near miss written by this share of the documents is an alias


@dataclass
class PromptStats:
    """What was seen of one prompt across the documents."""

    key: str
    forms: Counter[str] = field(default_factory=Counter)  # raw text -> occurrences
    documents: set[int] = field(default_factory=set)
    occurrences: int = 0
    in_group: int = 0
    most_in_one: int = 0  # the most times one section instance has it
    answers: list[Answer] = field(default_factory=list)
    merged: list[PromptStats] = field(default_factory=list)  # near misses folded in

    def absorb(self, other: PromptStats) -> None:
        self.merged.append(other)
        self.forms.update(other.forms)
        self.documents |= other.documents
        self.occurrences += other.occurrences
        self.in_group += other.in_group
        self.most_in_one = max(self.most_in_one, other.most_in_one)
        self.answers += other.answers


@dataclass(frozen=True, slots=True)
class InferredPrompt:
    text: str
    aliases: tuple[str, ...]
    required: bool
    grouped: bool  # inside a repeated `<div class="group">` in most documents
    notes: tuple[str, ...]
    stats: PromptStats


def _gather(slot: Slot) -> tuple[dict[str, PromptStats], list[dict[str, int]]]:
    stats: dict[str, PromptStats] = {}
    positions: list[dict[str, int]] = []
    for doc, sections in slot.instances.items():
        order: dict[str, int] = {}
        for section in sections:
            counts: Counter[str] = Counter()
            for prompt in section.prompts:
                if not prompt.text.strip():
                    continue  # an empty `> ` inside a group holds no question
                key = normalize(prompt.text)
                s = stats.setdefault(key, PromptStats(key))
                s.forms[prompt.text] += 1
                s.documents.add(doc)
                s.occurrences += 1
                s.in_group += prompt.group is not None
                s.answers.append(prompt.answer)
                counts[key] += 1
                order.setdefault(key, len(order))
            for key, n in counts.items():
                stats[key].most_in_one = max(stats[key].most_in_one, n)
        positions.append(order)
    return stats, positions


def _together(a: PromptStats, b: PromptStats) -> bool:
    shared = len(a.documents & b.documents)
    return shared > TOGETHER * min(len(a.documents), len(b.documents))


def _merge_near_misses(stats: dict[str, PromptStats]) -> dict[str, str]:
    """Fold near misses into the more frequent prompt they are a variant of; key -> its
    head's key."""
    from rapidfuzz import fuzz, process

    heads: dict[str, PromptStats] = {}
    owner: dict[str, str] = {}
    for s in sorted(stats.values(), key=lambda s: (-len(s.documents), s.key)):
        found = process.extract(
            s.key, list(heads), scorer=fuzz.ratio, score_cutoff=PROMPT_CUTOFF, limit=3
        )
        head = next((heads[k] for k, _, _ in found if not _together(heads[k], s)), None)
        if head is None or len(s.documents) > len(head.documents):
            heads[s.key] = s
            owner[s.key] = s.key
        else:
            head.absorb(s)
            owner[s.key] = head.key
    return owner


def _canonical(s: PromptStats) -> tuple[str, tuple[str, ...]]:
    """The most frequent cleaned form of the head, and the near misses many write."""
    own = Counter({clean(f): 0 for f in s.forms})
    for form, n in s.forms.items():
        if normalize(form) == s.key:
            own[clean(form)] += n
    text = own.most_common(1)[0][0]
    aliases = []
    for other in s.merged:
        if len(other.documents) >= max(2, ALIAS_SHARE * len(s.documents)):
            forms = Counter({clean(f): n for f, n in other.forms.items()})
            aliases.append(forms.most_common(1)[0][0])
    return text, tuple(dict.fromkeys(a for a in aliases if normalize(a) != s.key))


def infer_prompts(slot: Slot, min_share: float, min_documents: int) -> list[InferredPrompt]:
    """The prompts of one section, in the order most documents agree on; prompts seen
    in fewer than ``min_documents`` documents, or 1% of the section's, are left out
    (one-off questions)."""
    stats, positions = _gather(slot)
    owner = _merge_near_misses(stats)
    heads = {k: stats[k] for k in set(owner.values())}
    floor = max(min_documents, round(FLOOR_SHARE * len(slot.documents)))
    heads = {k: s for k, s in heads.items() if len(s.documents) >= floor}
    head_positions = [
        {owner[k]: i for k, i in sorted(doc.items(), key=lambda x: -x[1]) if owner[k] in heads}
        for doc in positions
    ]
    present = len(slot.documents)
    out = []
    for key in consensus_order(head_positions, heads):
        s = heads[key]
        text, aliases = _canonical(s)
        optional = OPTIONAL.search(text)
        grouped = s.in_group * 2 > s.occurrences
        notes = _notes(s, present, grouped)
        if optional:
            notes.append(f"optional: its words say {optional.group()!r}")
        out.append(
            InferredPrompt(
                text=text,
                aliases=aliases,
                required=reaches(len(s.documents), present, min_share) and not optional,
                grouped=grouped,
                notes=tuple(notes),
                stats=s,
            )
        )
    return out


def prompt_floor(documents: int) -> int:
    """How many documents a prompt must be seen in to be part of the template."""
    return 1 if documents < 20 else 2


def _notes(s: PromptStats, present: int, grouped: bool) -> list[str]:
    """The evidence: how many documents, the forms written, groups and repeats."""
    notes = [f"{in_docs(len(s.documents), present)} with this section"]
    if len(s.forms) > 1:
        cleaned = {clean(f) for f in s.forms}
        notes.append(
            f"written {len(s.forms)} ways ({len(cleaned)} once cleaned): {variants(s.forms)}"
        )
    if grouped:
        notes.append(f'in a repeated group (<div class="group">), up to {s.most_in_one} times')
    elif s.most_in_one > 1:
        notes.append(f"repeated up to {s.most_in_one} times in one section")
    return notes
