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
from collections.abc import Iterable
from functools import lru_cache

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
