"""Say in words how a text differs from the one it should be.

Drift messages (a prompt, a heading, a tag value) used to print the expected text only;
when the difference is a no-break space or a quote, the two look identical and the
reader cannot see what to change. :func:`describe` names each difference: invisible
characters with their code point and column, entities, case, quotes, spacing, and the
words changed, missing or added.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from plancheck.vocabulary import normalize

if TYPE_CHECKING:
    import difflib

ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "`": "'"})
ESCAPED_BREAK = "\\n"  # a line break the platform wrote in some prompts as backslash and n
SHOWN_WORDS = 6  # words listed in "missing words: ..." before the list is cut


# What _invisible accepts, as one pattern, so that a text is scanned once, in C: the
# Unicode spaces but the plain one and the line break (Zs, and the controls \s holds), the
# format characters the archive has (zero-width spaces and joiners, marks, BOM, soft
# hyphen), and the other controls.
INVISIBLE = re.compile(
    r"[^\S \n]|[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0e-\x1f\x7f-\x9f]"
)


def _invisible(char: str) -> bool:
    """Spacing other than the plain space, and format characters (zero-width, BOM)."""
    return char != " " and unicodedata.category(char) in ("Zs", "Cf", "Cc") and char != "\n"


def _name(char: str) -> str:
    name = unicodedata.name(char, "").lower() or "a control character"
    article = "an" if name[0] in "aeiou" else "a"
    return f"{article} {name} (U+{ord(char):04X})"


def _columns(found: list[int]) -> str:
    if len(found) == 1:
        return f"at column {found[0]}"
    shown = ", ".join(str(c) for c in found[:SHOWN_WORDS])
    return f"at columns {shown}{', ...' if len(found) > SHOWN_WORDS else ''}"


def _invisibles(text: str, column: int) -> tuple[list[str], str]:
    """Describe the invisible characters of ``text`` (first at ``column``), and the text
    with them made plain (spaces become spaces, zero-width characters go)."""
    where: dict[str, list[int]] = {}
    for m in INVISIBLE.finditer(text):
        if _invisible(m.group()):
            where.setdefault(m.group(), []).append(column + m.start())
    if not where:
        return [], text
    parts = []
    for char, cols in where.items():
        what = _name(char)
        if len(cols) > 1:
            what = f"{len(cols)} x {what.split(' ', 1)[1]}"
        parts.append(f"{what} {_columns(cols)}")
    plain = INVISIBLE.sub(lambda m: _plain(m.group()), text)
    return parts, plain


def _plain(char: str) -> str:
    if not _invisible(char):
        return char
    return " " if unicodedata.category(char) == "Zs" else ""


def _entities(text: str) -> tuple[list[str], str]:
    found = [m.group() for m in ENTITY.finditer(text) if html.unescape(m.group()) != m.group()]
    parts = []
    for entity in dict.fromkeys(found):
        char = html.unescape(entity)
        parts.append(f"{entity!r} for {_name(char) if _invisible(char) else repr(char)}")
    if not found:
        return parts, text
    plain = ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return parts, INVISIBLE.sub(lambda m: " " if _invisible(m.group()) else m.group(), plain)


def _words(actual: str, expected: str) -> list[str]:
    import difflib  # only for a drift that changes words: most runs never need it

    a, e = actual.split(), expected.split()
    parts: list[str] = []
    case = quotes = punctuation = False
    missing: list[str] = []
    extra: list[str] = []
    for op, i1, i2, j1, j2 in _pairwise(difflib.SequenceMatcher(None, a, e, autojunk=False)):
        if op == "equal":
            continue
        was, now = " ".join(a[i1:i2]), " ".join(e[j1:j2])
        if op == "delete":
            extra += a[i1:i2]
        elif op == "insert":
            missing += e[j1:j2]
        elif was.lower() == now.lower():
            case = True
        elif was.translate(QUOTES) == now.translate(QUOTES):
            quotes = True
        elif was.translate(QUOTES).lower() == now.translate(QUOTES).lower():
            case = quotes = True
        elif _letters(was).casefold() == _letters(now).casefold():
            punctuation = True
            case = case or _letters(was) != _letters(now)
        else:
            parts.append(f"{_shown(was)} for {_shown(now)}")
    if case:
        parts.insert(0, "case")
    if quotes:
        parts.append("quotes")
    if punctuation:
        parts.append("punctuation")
    if missing:
        parts.append("missing words: " + _cut(missing))
    if extra:
        parts.append("extra words: " + _cut(extra))
    if not parts and actual != expected and " ".join(a) == " ".join(e):
        parts.append("spacing")
    return parts


def _pairwise(matcher: difflib.SequenceMatcher[str]) -> Iterator[tuple[str, int, int, int, int]]:
    """The matcher's opcodes, a replacement of as many words by as many split word by
    word, so that 'solution mapping' for 'Solutions Mapping' reads as two differences."""
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1 > 1:
            for k in range(i2 - i1):
                yield op, i1 + k, i1 + k + 1, j1 + k, j1 + k + 1
        else:
            yield op, i1, i2, j1, j2


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _cut(words: list[str]) -> str:
    shown = " ".join(words[:SHOWN_WORDS])
    return shown + (" ..." if len(words) > SHOWN_WORDS else "")


def encoding_only(actual: str, expected: str) -> bool:
    """Do the texts differ only in how the export encoded them: no-break and zero-width
    spaces, entities, a line break written as a literal `\\n`, spaces at the ends? (The
    template's own text, as exported.)"""
    _, plain = _invisibles(actual, 1)
    _, plain = _entities(plain)
    plain = plain.replace(ESCAPED_BREAK, " ")
    return " ".join(plain.split()) == " ".join(expected.split())


def describe(actual: str, expected: str, column: int = 1) -> str:
    """How ``actual`` (whose first character is at ``column``) differs from ``expected``:
    a list such as "a no-break space (U+00A0) at column 34", "'&amp;' for '&'", "case",
    "'Parter' for 'Partner'", "missing words: ...". Empty when they are equal."""
    if actual == expected:
        return ""
    parts, plain = _invisibles(actual, column)
    found, plain = _entities(plain)
    parts += found
    if plain != expected:
        if plain.strip() == expected.strip() and not parts:
            parts.append("spaces at the start or end")
        elif normalize(plain) == normalize(expected) and plain.split() == expected.split():
            parts.append("spacing")
        else:
            parts += _words(plain, expected)
    return "; ".join(dict.fromkeys(parts)) or "spacing"


def quoted(text: str) -> str:
    """A value in quotes as ``repr`` writes it (a tab as `\\t`), but a backslash the author
    typed shown once, not doubled."""
    return repr(text).replace("\\\\", "\\")


def _shown(text: str) -> str:
    """A word as written, in quotes (not ``repr``: a backslash the author typed is one
    backslash in the message)."""
    return f'"{text}"' if "'" in text and '"' not in text else f"'{text}'"


def spacing_only(a: str, b: str) -> bool:
    """Do the two differ only in where and how many spaces there are (`community  involment`)?
    A browser shows one space for several, so only someone counting values sees it."""
    return a != b and a.split() == b.split()
