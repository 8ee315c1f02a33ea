"""Tags: every key seen, whether it is required and may repeat, and its value format.

A key is required when at least ``min_share`` of the documents carry it, ``multiple``
when some document gives it twice with different values, ``repeat_values`` when some
document repeats a value (a country named for two locations). A list of choices
(``multiple``: methods, data sources, SDGs, an experiment's quality checks) is optional
whatever its share: the export writes a list with nothing ticked as no tag line at all,
and every such list of the archive is left empty by some documents, so that a form
demanded a tick cannot be read from the documents (the comment gives the share, for the
author to decide). A key repeated in step with another (every document gives as many
``country`` as ``latlng`` tags: one per location) is a repeated record, not a list of
choices, and its share decides. The format is the first
of these that at least ``min_share`` of the values fit: an e-mail, a year, coordinates,
a whole number; the built-in vocabulary of that key, when most values are its terms or
their variants (closed when all are, open when the documents show other terms); a
handful of values that recur (one-of); a controlled vocabulary mined from the values the
way ``vocab mine`` does it, written beside the schema; else free text. Keys are listed in
the archive's order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from plancheck.coords import CANONICAL as COORDINATES
from plancheck.document import Document
from plancheck.infer.evidence import consensus_order, in_docs, one_line, reaches
from plancheck.mining import Cluster, cluster, propose
from plancheck.rules.tags import EMAIL, INTEGER, YEAR
from plancheck.schema import Policy, TagFormat, builtin_vocabularies

URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
TYPE = "type"  # the key whose value names the schema's document type
ONE_OF_MAX = 5  # "a handful" of distinct values
MINED_MAX = 60  # more terms than this is free text, not a vocabulary
MINED_MIN_VALUES = 10  # too few values to tell a vocabulary from free text


@dataclass(frozen=True, slots=True)
class InferredTag:
    key: str
    required: bool
    multiple: bool
    repeat_values: bool
    format: TagFormat
    values: tuple[str, ...] = ()
    vocabulary: str | None = None
    policy: Policy | None = None
    notes: tuple[str, ...] = ()
    mined: str | None = None  # a vocabulary file to write beside the schema


@dataclass
class _KeyStats:
    documents: int = 0
    repeated: int = 0  # documents giving the key twice with different values
    same_value: int = 0  # documents giving one value twice
    values: list[str] | None = None


def _share_of(values: list[str], pattern: re.Pattern[str]) -> float:
    return sum(bool(pattern.fullmatch(v.strip())) for v in values) / len(values)


@dataclass(frozen=True, slots=True)
class _Format:
    format: TagFormat
    why: str
    values: tuple[str, ...] = ()
    vocabulary: str | None = None
    policy: Policy | None = None


LABELS = {
    TagFormat.EMAIL: "e-mail addresses",
    TagFormat.YEAR: "years",
    TagFormat.COORDINATES: "coordinates",
    TagFormat.INTEGER: "whole numbers",
}


def _count(values: list[str], pattern: re.Pattern[str]) -> int:
    return sum(bool(pattern.fullmatch(v.strip())) for v in values)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _format(
    key: str, values: list[str], clusters: list[Cluster], documents: int, min_share: float
) -> _Format:
    """The format of the values of ``key``, and why."""
    n = len(values)
    if not clusters:
        return _Format(TagFormat.TEXT, "every value is empty")
    for fmt, pattern in (
        (TagFormat.EMAIL, EMAIL),
        (TagFormat.YEAR, YEAR),
        (TagFormat.COORDINATES, COORDINATES),
        (TagFormat.INTEGER, INTEGER),
    ):
        matched = _count(values, pattern)
        if reaches(matched, n, min_share):
            return _Format(fmt, f"{matched:,} of {_plural(n, 'value')} are {LABELS[fmt]}")
    known = builtin_vocabularies().get(key)
    if known is not None:
        matched = sum(known.index.match(v) is not None for v in values)
        if matched * 2 >= n:
            # a value no term matches shows the platform took new terms: open
            closed = matched == n
            return _Format(
                TagFormat.VOCABULARY,
                f"{matched:,} of {_plural(n, 'value')} are terms of the built-in vocabulary",
                vocabulary=key,
                policy=Policy.CLOSED if closed else Policy.OPEN,
            )
    recurring = all(c.count >= 2 for c in clusters)
    if key == TYPE or (len(clusters) <= ONE_OF_MAX and recurring and documents > 1):
        names = tuple(c.canonical for c in clusters)
        return _Format(TagFormat.ONE_OF, _plural(len(clusters), "distinct value"), names)
    urls = _count(values, URL)
    if reaches(urls, n, min_share):
        return _Format(TagFormat.TEXT, f"{urls:,} of {_plural(n, 'value')} are URLs (text)")
    return _Format(TagFormat.TEXT, _plural(len(clusters), "distinct value"))


def _controlled(values: list[str], clusters: list[Cluster], min_share: float) -> bool:
    """Values that keep coming back as a few terms: a vocabulary, not free text."""
    if len(values) < MINED_MIN_VALUES or len(clusters) > MINED_MAX:
        return False
    recurring = sum(c.count for c in clusters if c.count >= 2)
    return len(clusters) * 3 <= len(values) and reaches(recurring, len(values), min_share)


def _in_step(key: str, counts: list[dict[str, int]]) -> str | None:
    """Another key every document gives exactly as many times as ``key`` (the two are
    one repeated record: a location's country and coordinates)."""
    others = {k for c in counts for k in c} - {key}
    for other in sorted(others):
        if all(c.get(key, 0) == c.get(other, 0) for c in counts):
            return other
    return None


def infer_tags(
    documents: Sequence[Document], min_share: float, *, mine: bool = False
) -> list[InferredTag]:
    """The tags of the documents, in the archive's order. With ``mine``, a tag whose
    values form an unknown controlled vocabulary gets one (in ``InferredTag.mined``)."""
    stats: dict[str, _KeyStats] = {}
    positions: list[dict[str, int]] = []
    counts: list[dict[str, int]] = []  # per document: key -> how many times given
    for doc in documents:
        order: dict[str, int] = {}
        per_doc: dict[str, list[str]] = {}
        for i, tag in enumerate(doc.tags):
            order.setdefault(tag.key, i)
            per_doc.setdefault(tag.key, []).append(tag.value)
        positions.append(order)
        counts.append({k: len(v) for k, v in per_doc.items()})
        for key, given in per_doc.items():
            s = stats.setdefault(key, _KeyStats(values=[]))
            s.documents += 1
            s.repeated += len({v.strip() for v in given}) > 1
            s.same_value += len(given) > len(set(given))
            assert s.values is not None
            s.values += given
    n = len(documents)
    out = []
    for key in consensus_order(positions, stats):
        s = stats[key]
        assert s.values is not None
        values = [v for v in s.values if v.strip()] or s.values
        clusters = cluster(values)
        found = _format(key, values, clusters, n, min_share)
        notes = [f"{in_docs(s.documents, n)}; {found.why}"]
        if s.repeated:
            notes.append(f"different values given twice in {s.repeated:,}")
        if s.same_value:
            notes.append(f"one value given twice in {s.same_value:,}")
        mined = None
        if found.format is TagFormat.TEXT and _controlled(values, clusters, min_share):
            if mine:
                found = _Format(TagFormat.VOCABULARY, found.why, (), key, Policy.OPEN)
                mined = propose(key, values, s.documents)
                notes.append(f"a vocabulary of {len(clusters)} terms, mined into vocabularies/")
            else:
                notes.append(f"{len(clusters)} recurring terms: `vocab mine --tag {key}`")
        multiple = s.repeated > 0
        required = reaches(s.documents, n, min_share)
        partner = _in_step(key, counts) if multiple else None
        if partner is not None:
            notes.append(f"repeated in step with [[{partner}]] in every document: a record")
        elif multiple and required and n > 1:
            required = False
            empty = n - s.documents
            notes.append(
                "optional: a list of choices, which the export writes as no tag line when"
                " nothing is ticked"
                + (f" (no line in {empty:,})" if empty else "; required if the form demands a tick")
            )
        policy = found.policy
        if found.format is TagFormat.TEXT:
            if multiple:
                policy = Policy.FREE  # several values of free text: only whitespace drift
            if clusters:
                notes.append("most frequent: " + one_line(clusters[0].canonical, 60))
        out.append(
            InferredTag(
                key=key,
                required=required,
                multiple=multiple,
                repeat_values=s.same_value > 0,
                format=found.format,
                values=found.values,
                vocabulary=found.vocabulary,
                policy=policy,
                notes=tuple(notes),
                mined=mined,
            )
        )
    return out
