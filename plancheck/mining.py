"""Propose a vocabulary from the values a tag takes in a set of documents.

Values are grouped when they are the same term once case, spacing, punctuation, spelling
and plurals are folded, and groups whose folded texts are near misses of each other (the
same threshold that ``vocabulary-drift`` uses) are merged. The most frequent form of a
group is its canonical term and the others its aliases; groups seen fewer than
``min_count`` times are listed apart, for a maintainer to judge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from plancheck.vocabulary import (
    NEAR_SCREEN,
    TermIndex,
    clean_value,
    near_miss,
    spelling_key,
    spelling_words,
)


@dataclass(frozen=True, slots=True)
class Cluster:
    forms: tuple[tuple[str, int], ...]  # (form, occurrences), most frequent first

    @property
    def canonical(self) -> str:
        return self.forms[0][0]

    @property
    def count(self) -> int:
        return sum(n for _, n in self.forms)


def _closest(key: str, keys: list[str], texts: dict[str, str], known: set[str]) -> str | None:
    """The one form ``key`` is a typo of, the closest; None if none, or two are as close."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    text = texts[key]
    choices = {k: texts[k] for k in keys if k != key}
    found = sorted(
        (OSA.distance(text, other), k)
        for other, _score, k in process.extract(
            text, choices, scorer=fuzz.ratio, score_cutoff=NEAR_SCREEN, limit=None
        )
        if near_miss(text, other, known)
    )
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return found[0][1]


def cluster(values: Iterable[str]) -> list[Cluster]:
    """Group the values into clusters of variants, the most frequent first.

    Forms that fold to one spelling key are one group. Groups are then taken from the
    most frequent down, and each joins the group of the form it is closest to being a
    typo of (:func:`~plancheck.vocabulary.near_miss`) if that form is a group's canonical
    one, found earlier. A typo as close to two forms joins neither, and a rare typo
    between two terms cannot chain them together.
    """
    counts = Counter(clean_value(v) for v in values if v.strip())
    by_key: dict[str, list[str]] = {}
    for form in counts:
        by_key.setdefault(spelling_key(form), []).append(form)
    by_key.pop("", None)
    keys = sorted(by_key, key=lambda k: (-sum(counts[f] for f in by_key[k]), k))
    texts = {k: " ".join(spelling_words(by_key[k][0])) for k in keys}
    # A word is known when two forms use it; a form that differs from another by a known
    # word is another term, not a typo of it.
    words = Counter(w for k in keys for w in set(texts[k].split()))
    known = {w for w, n in words.items() if n > 1}
    groups: dict[str, list[str]] = {}  # canonical key -> forms, most frequent first
    for key in keys:
        head = _closest(key, keys, texts, known)
        if head in groups:
            groups[head].extend(by_key[key])
        else:
            groups[key] = list(by_key[key])
    clusters = [
        Cluster(tuple(sorted(((f, counts[f]) for f in forms), key=lambda x: (-x[1], x[0]))))
        for forms in groups.values()
    ]
    return sorted(clusters, key=lambda c: (-c.count, c.canonical.casefold()))


def _scalar(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def propose(
    tag: str,
    values: list[str],
    documents: int,
    *,
    min_count: int = 2,
    known: TermIndex | None = None,
) -> str:
    """A vocabulary file (YAML with the counts as comments) for the values of ``tag``."""
    clusters = cluster(values)
    kept = [c for c in clusters if c.count >= min_count]
    rare = [c for c in clusters if c.count < min_count]
    out = [
        f"# Proposed by `plancheck vocab mine --tag {tag}` from {documents:,} documents:",
        f"# {len(values):,} values, {sum(len(c.forms) for c in clusters):,} forms, "
        f"{len(kept):,} terms seen at least {min_count} times, {len(rare):,} apart (below).",
        "# Counts are occurrences. Review before use: variants are grouped by spelling and",
        "# near misses, which is a proposal, not a judgement.",
        f"id: {tag}",
        f"title: {tag}",
        "terms:" if kept else "terms: []",
    ]
    for c in kept:
        detail = " + ".join(f"{f} {n}" for f, n in c.forms) if len(c.forms) > 1 else ""
        note = f"  # {c.count}" + (f" = {detail}" if detail else "")
        if known is not None:
            hit = known.match(c.canonical)
            note += f"; known: {hit.canonical}" if hit else "; new"
        out.append(f"- term: {_scalar(c.canonical)}{note}")
        if len(c.forms) > 1:
            out.append("  aliases:")
            out += [f"  - {_scalar(f)}" for f, _ in c.forms[1:]]
    if rare:
        out.append(f"# Seen fewer than {min_count} times ({len(rare)}):")
        out += [f"#   {' | '.join(f for f, _ in c.forms)}" for c in rare]
    return "\n".join(out) + "\n"
