"""A warning when the documents do not look like one template.

Each document is described by its tag keys, headings and prompts (normalized). Up to
five seeds are picked, the most typical document first, then each time the document
least like all the seeds so far (while one is unlike them). Each document then goes to
the group whose profile (how often each feature occurs there) it shares most with, and
the profiles are recomputed a few times. Groups whose profiles are much alike are merged
(one template whose documents differ), and a group of too few documents is dissolved into
the others; if two or more groups remain, they are most likely different templates, and
the warning gives their sizes and what sets each apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from plancheck.document import Document
from plancheck.infer.evidence import one_line
from plancheck.vocabulary import normalize

ROUNDS = 6
MAX_GROUPS = 5
SMALLEST = 0.03  # a group smaller than this share of the documents is not a template
SIMILAR = 0.6  # profiles (or a document and the seeds) sharing more are one template
SAMPLE = 200  # documents compared to find the most typical one

Features = frozenset[str]


@dataclass(frozen=True, slots=True)
class Split:
    sizes: tuple[int, ...]  # documents per group, largest first
    similarity: float  # how alike the two most alike groups are
    marks: tuple[tuple[str, ...], ...]  # what sets each group apart

    @property
    def summary(self) -> str:
        counts = [f"{n:,}" for n in self.sizes]
        listed = ", ".join(counts[:-1]) + f" and {counts[-1]}"
        return (
            f"these documents look like {len(self.sizes)} templates ({listed} documents; "
            f"their tags, headings and prompts are at most {self.similarity:.0%} alike)"
        )

    def warning(self) -> list[str]:
        lines = [
            f"WARNING: {self.summary}.",
            "Infer each group apart (`plancheck parse FILE` names the template of a file).",
        ]
        for n, (size, marks) in enumerate(zip(self.sizes, self.marks, strict=True), start=1):
            lines.append(f"Group {n} ({size:,} documents): " + "; ".join(marks))
        return lines


def _features(doc: Document) -> Features:
    tags = {f"[[{t.key}]]" for t in doc.tags}  # a form without sections has its tags
    headings = {"## " + normalize(s.heading) for s in doc.sections if s.heading.strip()}
    prompts = {"> " + normalize(p.text) for s in doc.sections for p in s.prompts if p.text}
    return frozenset(tags | headings | prompts)


def _jaccard(a: Features, b: Features) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _profile(group: list[Features]) -> dict[str, float]:
    counts: Counter[str] = Counter(f for doc in group for f in doc)
    return {f: n / len(group) for f, n in counts.items()}


def _fit(doc: Features, profile: dict[str, float]) -> float:
    """A soft Jaccard: the document against how often each feature occurs in a group."""
    inside = sum(profile.get(f, 0.0) for f in doc)
    union = len(doc) + sum(profile.values()) - inside
    return inside / union if union else 0.0


def _alike(p: dict[str, float], q: dict[str, float]) -> float:
    keys = p.keys() | q.keys()
    top = sum(max(p.get(k, 0.0), q.get(k, 0.0)) for k in keys)
    return sum(min(p.get(k, 0.0), q.get(k, 0.0)) for k in keys) / top if top else 1.0


def _marks(p: dict[str, float], others: list[dict[str, float]]) -> tuple[str, ...]:
    def elsewhere(f: str) -> float:
        return max((q.get(f, 0.0) for q in others), default=0.0)

    apart = sorted(
        (f for f, v in p.items() if v >= 0.5 and elsewhere(f) <= 0.1),
        key=lambda f: (not f.startswith("##"), f.startswith("[["), -p[f], f),
    )
    return tuple(one_line(f, 70) for f in apart[:3]) or ("no tag, heading or prompt of its own",)


def _seeds(docs: list[Features]) -> list[int]:
    sample = docs[:: max(1, len(docs) // SAMPLE)]
    seeds = [max(range(len(docs)), key=lambda i: sum(_jaccard(docs[i], s) for s in sample))]
    # candidates have a fair outline: an empty document is unlike everything
    fair = sorted(len(d) for d in docs)[len(docs) // 2] / 2
    outlined = [i for i in range(len(docs)) if len(docs[i]) >= fair] or list(range(len(docs)))
    while len(seeds) < MAX_GROUPS:

        def nearest(i: int) -> float:
            return max(_jaccard(docs[i], docs[s]) for s in seeds)

        unlike = min(outlined, key=nearest)
        if nearest(unlike) > SIMILAR:
            break
        seeds.append(unlike)
    return seeds


def _merge(groups: list[list[Features]]) -> list[list[Features]]:
    """Merge the two most alike groups while any two are more than SIMILAR alike."""
    while len(groups) > 1:
        profiles = [_profile(g) for g in groups]
        pairs = [
            (_alike(profiles[a], profiles[b]), a, b)
            for a in range(len(groups))
            for b in range(a + 1, len(groups))
        ]
        alike, a, b = max(pairs)
        if alike <= SIMILAR:
            break
        groups[a] += groups.pop(b)
    return groups


def split(documents: Sequence[Document]) -> Split | None:
    """The groups of documents when they look like several templates, else None."""
    docs = [_features(d) for d in documents]
    if len(docs) < 4:
        return None
    profiles = [_profile([docs[s]]) for s in _seeds(docs)]
    groups: list[list[Features]] = [docs]
    for _ in range(ROUNDS):
        groups = [[] for _ in profiles]
        for doc in docs:
            fits = [_fit(doc, p) for p in profiles]
            groups[fits.index(max(fits))].append(doc)
        groups = [g for g in groups if g]
        profiles = [_profile(g) for g in groups]
    groups = _merge(groups)
    floor = max(2, SMALLEST * len(docs))
    kept = [g for g in groups if len(g) >= floor]
    if len(kept) < 2:
        return None
    # the documents of a group too small to count join the group they fit best
    profiles = [_profile(g) for g in kept]
    for doc in (d for g in groups if len(g) < floor for d in g):
        fits = [_fit(doc, p) for p in profiles]
        kept[fits.index(max(fits))].append(doc)
    kept.sort(key=len, reverse=True)
    profiles = [_profile(g) for g in kept]
    similarity = max(
        _alike(profiles[a], profiles[b]) for a in range(len(kept)) for b in range(a + 1, len(kept))
    )
    marks = tuple(
        _marks(p, [q for j, q in enumerate(profiles) if j != i]) for i, p in enumerate(profiles)
    )
    return Split(tuple(len(g) for g in kept), similarity, marks)
