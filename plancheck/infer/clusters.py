"""A warning when the documents do not look like one template.

Each document is described by its headings and prompts (normalized). The documents are
split in two around the two most different ones and the split is refined a few times,
each document going to the group whose profile (how often each heading and prompt occurs
there) it shares most with. If both groups are large enough and their profiles have
little in common, the documents are most likely two templates, and the warning names
what sets each apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from plancheck.document import Document
from plancheck.infer.evidence import one_line
from plancheck.vocabulary import normalize

ROUNDS = 6
SMALLEST = 0.05  # a group smaller than this share of the documents is not a template
SIMILAR = 0.6  # profiles sharing more than this are one template
SAMPLE = 200  # documents compared to find the most typical one


@dataclass(frozen=True, slots=True)
class Split:
    sizes: tuple[int, int]
    similarity: float
    marks: tuple[tuple[str, ...], tuple[str, ...]]  # what sets each group apart

    @property
    def summary(self) -> str:
        a, b = self.sizes
        return (
            f"these documents look like two templates ({a:,} and {b:,} documents; "
            f"their headings and prompts are {self.similarity:.0%} alike)"
        )

    def warning(self) -> list[str]:
        lines = [
            f"WARNING: {self.summary}.",
            "Infer each group apart (`plancheck parse FILE` names the template of a file).",
        ]
        for n, (size, marks) in enumerate(zip(self.sizes, self.marks, strict=True), start=1):
            lines.append(f"Group {n} ({size:,} documents): " + "; ".join(marks))
        return lines


def _features(doc: Document) -> frozenset[str]:
    headings = {"## " + normalize(s.heading) for s in doc.sections if s.heading.strip()}
    prompts = {"> " + normalize(p.text) for s in doc.sections for p in s.prompts if p.text}
    return frozenset(headings | prompts)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _profile(group: list[frozenset[str]]) -> dict[str, float]:
    counts: Counter[str] = Counter(f for doc in group for f in doc)
    return {f: n / len(group) for f, n in counts.items()}


def _fit(doc: frozenset[str], profile: dict[str, float]) -> float:
    """A soft Jaccard: the document against how often each feature occurs in a group."""
    inside = sum(profile.get(f, 0.0) for f in doc)
    union = len(doc) + sum(profile.values()) - inside
    return inside / union if union else 0.0


def _alike(p: dict[str, float], q: dict[str, float]) -> float:
    keys = p.keys() | q.keys()
    top = sum(max(p.get(k, 0.0), q.get(k, 0.0)) for k in keys)
    return sum(min(p.get(k, 0.0), q.get(k, 0.0)) for k in keys) / top if top else 1.0


def _marks(p: dict[str, float], q: dict[str, float]) -> tuple[str, ...]:
    apart = sorted(
        (f for f, v in p.items() if v >= 0.5 and q.get(f, 0.0) <= 0.1),
        key=lambda f: (not f.startswith("##"), -p[f], f),
    )
    return tuple(one_line(f, 70) for f in apart[:3]) or ("no heading or prompt of its own",)


def split(documents: Sequence[Document]) -> Split | None:
    """Two groups of documents when they look like two templates, else None."""
    docs = [_features(d) for d in documents]
    if len(docs) < 4:
        return None
    sample = docs[:: max(1, len(docs) // SAMPLE)]
    typical = max(range(len(docs)), key=lambda i: sum(_jaccard(docs[i], s) for s in sample))
    # the most different of the documents with a fair outline (not an empty one)
    fair = sorted(len(d) for d in docs)[len(docs) // 2] / 2
    outlined = [i for i in range(len(docs)) if len(docs[i]) >= fair] or list(range(len(docs)))
    other = min(outlined, key=lambda i: _jaccard(docs[i], docs[typical]))
    profiles = (_profile([docs[typical]]), _profile([docs[other]]))
    groups: tuple[list[frozenset[str]], list[frozenset[str]]] = ([], [])
    for _ in range(ROUNDS):
        groups = ([], [])
        for doc in docs:
            groups[_fit(doc, profiles[1]) > _fit(doc, profiles[0])].append(doc)
        if not groups[0] or not groups[1]:
            return None
        profiles = (_profile(groups[0]), _profile(groups[1]))
    smallest = min(len(g) for g in groups)
    similarity = _alike(*profiles)
    if smallest < max(2, SMALLEST * len(docs)) or similarity > SIMILAR:
        return None
    marks = (_marks(profiles[0], profiles[1]), _marks(profiles[1], profiles[0]))
    return Split((len(groups[0]), len(groups[1])), similarity, marks)
