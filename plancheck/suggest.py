"""The nearest of known names to a mistyped one, for error messages ("did you mean")."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``word`` (ignoring case), or None when none is close."""
    by_lower = {name.lower(): name for name in known}
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[found[0]] if found else None


def unknown(what: str, word: str, known: Iterable[str]) -> str:
    """`unknown key 'selct', did you mean 'select'?` (or without the question)."""
    near = nearest(word, known)
    return f"{what} {word!r}" + (f", did you mean {near!r}?" if near else "")
