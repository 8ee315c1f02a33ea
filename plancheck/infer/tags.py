"""Tags: every key seen, whether it is required and may repeat, and its value format.

A key is required when at least ``min_share`` of the documents carry it, ``multiple``
when some document gives it twice with different values, ``repeat_values`` when some
document repeats a value (a country named for two locations). The format is the first
of these that at least ``min_share`` of the values fit: an e-mail, a year, coordinates,
a whole number; the built-in vocabulary of that key, when most values are its terms
(closed when ``min_share`` are, open otherwise); a handful of values that recur (one-of);
a controlled vocabulary mined from the values the way ``vocab mine`` does it, written
beside the schema; else free text. Keys are listed in the archive's order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from plancheck.document import Document
from plancheck.geo import CANONICAL as COORDINATES
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


def _format(
    key: str, values: list[str], clusters: list[Cluster], documents: int, min_share: float
) -> tuple[TagFormat, dict[str, object], str]:
    """The format, its arguments and why, for the values of ``key``."""
    for fmt, pattern in (
        (TagFormat.EMAIL, EMAIL),
        (TagFormat.YEAR, YEAR),
        (TagFormat.COORDINATES, COORDINATES),
        (TagFormat.INTEGER, INTEGER),
    ):
        share = _share_of(values, pattern)
        if reaches(round(share * len(values)), len(values), min_share):
            return fmt, {}, f"{share:.0%} of the values are {fmt.value} values"
    known = builtin_vocabularies().get(key)
    if known is not None:
        matched = sum(known.index.match(v) is not None for v in values)
        if matched / len(values) >= 0.5:
            closed = reaches(matched, len(values), min_share)
            policy = Policy.CLOSED if closed else Policy.OPEN
            why = f"{matched:,} of {len(values):,} values are terms of the built-in vocabulary"
            return TagFormat.VOCABULARY, {"vocabulary": key, "policy": policy}, why
    recurring = all(c.count >= 2 for c in clusters) or documents == 1
    if key == TYPE or (len(clusters) <= ONE_OF_MAX and recurring and documents > 1):
        names = tuple(c.canonical for c in clusters)
        return TagFormat.ONE_OF, {"values": names}, f"{len(clusters)} distinct values"
    url = _share_of(values, URL)
    if reaches(round(url * len(values)), len(values), min_share):
        return TagFormat.TEXT, {}, f"{url:.0%} of the values are URLs (no URL format: text)"
    return TagFormat.TEXT, {}, f"{len(clusters):,} distinct values"


def _controlled(values: list[str], clusters: list[Cluster], min_share: float) -> bool:
    """Values that keep coming back as a few terms: a vocabulary, not free text."""
    if len(values) < MINED_MIN_VALUES or len(clusters) > MINED_MAX:
        return False
    recurring = sum(c.count for c in clusters if c.count >= 2)
    return len(clusters) * 3 <= len(values) and reaches(recurring, len(values), min_share)


def infer_tags(
    documents: Sequence[Document], min_share: float, *, mine: bool = False
) -> list[InferredTag]:
    """The tags of the documents, in the archive's order. With ``mine``, a tag whose
    values form an unknown controlled vocabulary gets one (in ``InferredTag.mined``)."""
    stats: dict[str, _KeyStats] = {}
    positions: list[dict[str, int]] = []
    for doc in documents:
        order: dict[str, int] = {}
        per_doc: dict[str, list[str]] = {}
        for i, tag in enumerate(doc.tags):
            order.setdefault(tag.key, i)
            per_doc.setdefault(tag.key, []).append(tag.value)
        positions.append(order)
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
        fmt, arguments, why = _format(key, values, clusters, n, min_share)
        notes = [f"{in_docs(s.documents, n)}; {why}"]
        if s.repeated:
            notes.append(f"different values given twice in {s.repeated:,}")
        if s.same_value:
            notes.append(f"one value given twice in {s.same_value:,}")
        mined = None
        if fmt is TagFormat.TEXT and _controlled(values, clusters, min_share):
            if mine:
                fmt, arguments = TagFormat.VOCABULARY, {"vocabulary": key, "policy": Policy.OPEN}
                mined = propose(key, values, s.documents)
                notes.append(f"a vocabulary of {len(clusters)} terms, mined into vocabularies/")
            else:
                notes.append(f"{len(clusters)} recurring terms: `vocab mine --tag {key}`")
        policy = arguments.get("policy")
        multiple = s.repeated > 0
        if fmt is TagFormat.TEXT and multiple:
            policy = Policy.FREE  # several values of free text: only whitespace drift
        if fmt is TagFormat.TEXT and clusters:
            notes.append("most frequent: " + one_line(clusters[0].canonical, 60))
        out.append(
            InferredTag(
                key=key,
                required=reaches(s.documents, n, min_share),
                multiple=multiple,
                repeat_values=s.same_value > 0,
                format=fmt,
                values=tuple(arguments.get("values", ())),  # type: ignore[arg-type]
                vocabulary=arguments.get("vocabulary"),  # type: ignore[arg-type]
                policy=policy,  # type: ignore[arg-type]
                notes=tuple(notes),
                mined=mined,
            )
        )
    return out
