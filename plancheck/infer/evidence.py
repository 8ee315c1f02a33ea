"""Small helpers the inference modules share: shares, counts in words, consensus order."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

_SPACES = re.compile(r"[\s\u00a0]+")
_LINE_BREAKS = re.compile(r"[ \t\r\n\v\f\u2028\u2029\x85]+")


def clean(text: str) -> str:
    """Template text as it should be written: entities decoded, no-break spaces and runs
    of spaces made one space. Quotes and case are kept (they are the author's)."""
    return _SPACES.sub(" ", html.unescape(text)).strip()


def in_docs(count: int, total: int) -> str:
    """``in 655 of 661 documents`` (``in all 12 documents`` when every one has it)."""
    if total == 1:
        return "in the document" if count else "not in the document"
    if count == total:
        return f"in all {total:,} documents"
    return f"in {count:,} of {total:,} documents"


def reaches(count: int, total: int, share: float) -> bool:
    """Whether ``count`` of ``total`` is at least ``share`` (a tiny tolerance for
    floating point: 9 of 10 reaches 0.9)."""
    return total > 0 and count / total >= share - 1e-9


def variants(forms: Counter[str], limit: int = 4) -> str:
    """``'a' 600, 'b' 12, and 3 more`` for a comment, in full: the forms may differ
    only in a no-break space or an entity at the end (repr shows ``\\xa0``)."""
    ranked = forms.most_common()
    shown = ", ".join(f"{one_line(f, 1000)!r} {n}" for f, n in ranked[:limit])
    more = len(ranked) - limit
    return shown + (f", and {more} more" if more > 0 else "")


def one_line(text: str, width: int = 90) -> str:
    """Text safe in a YAML comment: one line, cut to ``width`` characters."""
    flat = _LINE_BREAKS.sub(" ", text).strip()  # no-break spaces stay visible to repr
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def consensus_order(positions: Sequence[Mapping[K, int]], keys: Iterable[K]) -> list[K]:
    """The order of ``keys`` that most documents agree on.

    ``positions`` has one mapping per document, key -> its index there. Keys are placed
    from the most frequent down, each where it agrees with the most documents about the
    keys already placed (a key seen after A and before B in most documents goes between
    them). A key that meets none of those goes by its mean index.
    """
    keys = list(keys)
    before: Counter[tuple[K, K]] = Counter()
    total: Counter[K] = Counter()
    seen: Counter[K] = Counter()
    for doc in positions:
        present = [k for k in keys if k in doc]
        for k in present:
            total[k] += doc[k]
            seen[k] += 1
        for a in present:
            for b in present:
                if doc[a] < doc[b]:
                    before[a, b] += 1

    def mean(k: K) -> float:
        return total[k] / seen[k] if seen[k] else float("inf")

    placed: list[K] = []
    for key in sorted(keys, key=lambda k: (-seen[k], mean(k), str(k))):
        scores = [
            sum(before[p, key] for p in placed[:i]) + sum(before[key, p] for p in placed[i:])
            for i in range(len(placed) + 1)
        ]
        best = max(scores)
        spots = [i for i, s in enumerate(scores) if s == best]
        # among equally good places, the one its mean index points at
        by_mean = sum(mean(p) <= mean(key) for p in placed)
        placed.insert(min(spots, key=lambda i: abs(i - by_mean)), key)
    return placed
