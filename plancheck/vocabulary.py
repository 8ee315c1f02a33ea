"""Text normalization and near-miss matching of headings, prompts and terms.

The corpus spells the same template text many ways: no-break spaces, ``&amp;`` for
``&``, curly or straight quotes, doubled spaces, changed case. :func:`normalize` folds
all of these so that exact comparison works; :func:`closest` finds near misses (typos)
with rapidfuzz, imported only when an exact match has failed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, Self

_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u2013": "-",
        "\u2014": "-",
    }
)
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Fold entities, Unicode compatibility forms, quotes, dashes, spacing and case."""
    text = html.unescape(text)  # &amp; -> &, &nbsp; -> U+00A0
    text = unicodedata.normalize("NFKC", text)  # U+00A0 -> space, full-width forms
    text = text.translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


def closest(
    text: str, candidates: Iterable[str], *, cutoff: float = 80.0
) -> tuple[str, float] | None:
    """The candidate most similar to ``text`` (both normalized) at or above ``cutoff``."""
    from rapidfuzz import fuzz, process

    choices = list(candidates)
    if not choices:
        return None
    found = process.extractOne(normalize(text), choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return (found[0], float(found[1])) if found else None


# --- Controlled vocabularies: folding terms, and matching a tag value to a term ----------

_PUNCT = re.compile(r"[^\w]+|_")
_MARKS = re.compile(r"[\u0300-\u036f]")
# Per-word spelling folds, applied after the plural is dropped. Each maps both spellings
# to one key; what a fold does to words that are not variants does not matter, because it
# is applied to both sides of every comparison.
_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"(?<=\w{3})our(al|ed|ing|ite|able)?$", r"or\1"),  # behaviour, colour, labour
        (r"(?<=\w{2})is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1"),  # organise, visualisation
        (r"(?<=\w{2})ys(e|ed|es|ing)$", r"yz\1"),  # analyse
        (r"(?<=\w{2})en[cs](e)$", r"ens\1"),  # defence, licence
        (r"(?<=\w{2})tre$", "ter"),  # centre, metre
        (r"(?<=\w{2})tr(ed|ing)$", r"ter\1"),  # centred, centring
        (r"(?<=\w{4})ll(ing|ed|er)$", r"l\1"),  # modelling, counselling, travelled
        (r"(?<=\w{2})ogue$", "og"),  # dialogue, catalogue
        (r"(?<=\w{3})gramme$", "gram"),  # programme
    )
)


def _singular(word: str) -> str:
    if len(word) < 4 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def _spell(word: str) -> str:
    word = _singular(word)
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=16384)
def term_words(text: str) -> tuple[str, ...]:
    """The words of a term: :func:`normalize`, then without diacritics, ``&`` as "and",
    and split on punctuation, hyphens and spaces."""
    text = unicodedata.normalize("NFKD", normalize(text))
    text = _MARKS.sub("", text).replace("&", " and ")
    return tuple(w for w in _PUNCT.split(text) if w)


def term_key(text: str) -> str:
    """Equal for values that differ only in case, spacing, punctuation, hyphens or accents."""
    return "".join(term_words(text))


def spelling_words(text: str) -> tuple[str, ...]:
    return tuple(_spell(w) for w in term_words(text))


def spelling_key(text: str) -> str:
    """Also equal across British/American spellings (-our/-or, -ise/-ize, -ce/-se,
    -tre/-ter, -lling/-ling) and simple plurals."""
    return "".join(spelling_words(text))


_TRAILING = re.compile(r"(?:[\s,;:\\/|.]|(?<!\w)-)+$")
_LEADING = re.compile(r"^(?:[-•*·]\s+|\s+)")
_ABBREVIATION = re.compile(r"(?:\betc|\b\w\.\w)\.$", re.IGNORECASE)  # etc., U.S.


def clean_value(text: str) -> str:
    """A value without stray whitespace, leading bullets or trailing punctuation."""
    cleaned = _SPACE.sub(" ", text.replace("\u00a0", " ")).strip()
    cleaned = _LEADING.sub("", cleaned)
    if _ABBREVIATION.search(cleaned):
        return cleaned
    return _TRAILING.sub("", cleaned) or cleaned


class Level(StrEnum):
    """How a value matched a term, from the closest to the loosest."""

    EXACT = "exact"  # the canonical form itself
    ALIAS = "alias"  # a listed alias (misspelling, old name, translation)
    FOLDED = "folded"  # only case, spacing, punctuation, hyphens or accents differ
    SPELLING = "spelling"  # British/American spelling or a simple plural
    REGION = "region"  # a region of a country, for country vocabularies
    NEAR = "near"  # a fuzzy near miss (a typo)

    @property
    def safe(self) -> bool:
        """Can the canonical term replace the value without changing what it means?"""
        return self not in (Level.REGION, Level.NEAR)


@dataclass(frozen=True, slots=True)
class TermMatch:
    canonical: str
    level: Level
    score: float = 100.0
    via: str | None = None  # the alias or region name that matched


@dataclass(frozen=True, slots=True)
class Entry:
    """A term to index: its canonical form and the other forms that mean it."""

    canonical: str
    aliases: tuple[str, ...] = ()


NEAR_SCREEN = 75.0  # rapidfuzz ratio a candidate needs before it is looked at closely
SUGGEST_CUTOFF = 65.0


def allowed_edits(text: str) -> int:
    """How many typing slips (OSA edits) a near miss of ``text`` may have: none below 5
    letters, 1 up to 8, 2 up to 19, 3 beyond."""
    n = len(text.replace(" ", ""))
    return 0 if n < 5 else 1 if n <= 8 else 2 if n < 20 else 3


def near_miss(value: str, term: str, known_words: Collection[str]) -> bool:
    """Is ``value`` a typo of ``term``? Both are spelling-folded texts (words separated by
    spaces). A few edits are allowed, and none of them may turn a word into another word
    the vocabulary knows: "quantitative data" is not a typo of "qualitative data"."""
    from rapidfuzz.distance import OSA

    limit = allowed_edits(min(value, term, key=len))
    if limit == 0 or OSA.distance(value, term, score_cutoff=limit) > limit:
        return False
    own = set(term.split())
    return not any(w in known_words for w in value.split() if w not in own)


class TermIndex:
    """Lookup tables of a vocabulary, built once: exact forms, folded keys, spelling keys,
    and the spelling-folded texts that rapidfuzz compares near misses against."""

    def __init__(self, entries: Iterable[Entry], regions: Iterable[tuple[str, str]] = ()) -> None:
        self.canonical: dict[str, str] = {}  # exact form -> canonical
        self._folded: dict[str, tuple[str, bool]] = {}  # key -> (canonical, is an alias)
        self._spelled: dict[str, tuple[str, bool]] = {}
        self._fuzzy: dict[str, str] = {}  # spelling-folded text -> canonical
        self._words: set[str] = set()  # every word of every form, spelling-folded
        self._regions: dict[str, tuple[str, str]] = {}  # key -> (region, country)
        self._cache: dict[tuple[str, bool, bool], TermMatch | None] = {}
        self.terms: list[str] = []
        for entry in entries:
            self.terms.append(entry.canonical)
            for form in (entry.canonical, *entry.aliases):
                is_alias = form != entry.canonical
                self.canonical.setdefault(form, entry.canonical)
                _claim(self._folded, term_key(form), (entry.canonical, is_alias))
                _claim(self._spelled, spelling_key(form), (entry.canonical, is_alias))
                words = spelling_words(form)
                self._fuzzy.setdefault(" ".join(words), entry.canonical)
                self._words.update(words)
        for region, country in regions:
            self._regions.setdefault(spelling_key(region), (region, country))

    def tables(self) -> dict[str, Any]:
        """The lookup tables as plain data, kept with the compiled schemas (building them
        folds every form of every term, a good part of a one-file check otherwise)."""
        return {
            "terms": self.terms,
            "canonical": self.canonical,
            "folded": self._folded,
            "spelled": self._spelled,
            "fuzzy": self._fuzzy,
            "words": sorted(self._words),
            "regions": self._regions,
        }

    @classmethod
    def from_tables(cls, data: dict[str, Any]) -> Self:
        """The index whose :meth:`tables` gave ``data``."""
        index = cls.__new__(cls)
        index.terms = list(data["terms"])
        index.canonical = dict(data["canonical"])
        index._folded = {k: (v[0], v[1]) for k, v in data["folded"].items()}
        index._spelled = {k: (v[0], v[1]) for k, v in data["spelled"].items()}
        index._fuzzy = dict(data["fuzzy"])
        index._words = set(data["words"])
        index._regions = {k: (v[0], v[1]) for k, v in data["regions"].items()}
        index._cache = {}
        return index

    def match(self, value: str, *, near: bool = True, spelling: bool = True) -> TermMatch | None:
        """The term ``value`` stands for, or None; cached per value."""
        key = (value, near, spelling)
        if key not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = self._match(value, near=near, spelling=spelling)
        return self._cache[key]

    def _match(self, value: str, *, near: bool, spelling: bool) -> TermMatch | None:
        found = self.canonical.get(value)
        if found is not None:
            return TermMatch(found, Level.EXACT if found == value else Level.ALIAS, via=value)
        for table, level, use in (
            (self._folded, Level.FOLDED, True),
            (self._spelled, Level.SPELLING, spelling),
        ):
            hit = table.get(term_key(value) if level is Level.FOLDED else spelling_key(value))
            if use and hit is not None and hit[0]:
                canonical, is_alias = hit
                return TermMatch(canonical, Level.ALIAS if is_alias else level)
        region = self.region(value) if spelling else None
        if region is not None or not near:
            return region
        return self.near(value)

    def region(self, value: str) -> TermMatch | None:
        hit = self._regions.get(spelling_key(value))
        return TermMatch(hit[1], Level.REGION, via=hit[0]) if hit else None

    def near(self, value: str) -> TermMatch | None:
        """The term ``value`` is a typo of (see :func:`near_miss`); None when it is as
        close to two terms ("quanlitative" is one slip from "qualitative" and from
        "quantitative")."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        text = " ".join(spelling_words(value))
        if not text:
            return None
        found = sorted(
            (OSA.distance(text, form), -score, form)
            for form, score, _ in process.extract(
                text, list(self._fuzzy), scorer=fuzz.ratio, score_cutoff=NEAR_SCREEN, limit=5
            )
            if near_miss(text, form, self._words)
        )
        if not found:
            return None
        edits, negative, form = found[0]
        rivals = {self._fuzzy[f] for e, _, f in found if e == edits}
        if len(rivals) > 1:
            return None
        return TermMatch(self._fuzzy[form], Level.NEAR, score=-negative)

    def suggest(self, value: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` terms moderately close to ``value``: first those that contain
        all its words ("Peace" for "16. Peace, justice and strong institutions"), then
        those at least 65% similar, best first."""
        from rapidfuzz import fuzz, process

        text = " ".join(spelling_words(value))
        words = set(text.split())
        scored = process.extract(text, list(self._fuzzy), scorer=fuzz.ratio, limit=None)
        ranked = sorted(
            ((not words <= set(form.split()), -score, form) for form, score, _ in scored),
        )
        out: list[str] = []
        for not_subset, negative, form in ranked:
            if not_subset and -negative < SUGGEST_CUTOFF:
                break
            if self._fuzzy[form] not in out:
                out.append(self._fuzzy[form])
        return out[:limit]


def _claim(table: dict[str, tuple[str, bool]], key: str, value: tuple[str, bool]) -> None:
    """Index ``key``; a key two different terms fold to belongs to neither."""
    if not key:
        return
    held = table.get(key)
    if held is None:
        table[key] = value
    elif held[0] != value[0]:
        table[key] = ("", False)  # ambiguous
    elif held[1] and not value[1]:
        table[key] = value  # the canonical form wins over an alias of the same term
