"""How the lines of a tag value broken over several lines are read: as separate values, or
as one value wrapped mid-phrase.

Stray line breaks (often lone CRs from a pasted list) split a tag such as
`[[thematic_areas:Digital Agriculture` / `Precision Farming]]`. Each line is usually a
value of its own, a list written one term per line; joining them would make one value of
several. Only a line that cannot end a phrase (it ends with a preposition, an article, a
conjunction, a hyphen or a comma-less connector such as `&`) is continued by the next:
`Education on` / `heat-related illnesses` is one value.

The `tag-syntax` fix and the fix guard read the lines the same way, from here.
"""

from __future__ import annotations

import re

# Words after which an English, French or Spanish phrase goes on: a value does not end on one.
CONTINUING = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "without",
        "via",
        "à",
        "au",
        "aux",
        "avec",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "la",
        "le",
        "les",
        "ou",
        "par",
        "pour",
        "sur",
        "un",
        "une",
        "al",
        "con",
        "del",
        "el",
        "en",
        "las",
        "los",
        "para",
        "por",
        "sin",
        "su",
        "un",
        "una",
        "y",
        "o",
        "e",
    ]
)
_LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")
# The key and separator before a malformed value, the brackets after it.
KEY_PART = re.compile(r"^\[*\s*[^:=\]]*?[:=]\s*")
CLOSING = re.compile(r"\s*\]*$")
LIST_MARKER = re.compile(r"(?:[-+*\u2022\u25aa\u25cf]|\d{1,3}[.)])\s+")


def continues(line: str) -> bool:
    """True if ``line`` stops mid-phrase, so the next line carries on the same value."""
    text = line.rstrip()
    if not text:
        return False
    if text.endswith(("-", "&", "/", "+")) and not LIST_MARKER.fullmatch(text + " "):
        return True
    m = _LAST_WORD.search(text)
    return m is not None and m.group(1).lower() in CONTINUING and text[-1].isalpha()


def values(lines: list[str]) -> list[str]:
    """The values the lines of a broken tag value hold, in order: list markers dropped,
    a line that stops mid-phrase joined to the next with a space, empty lines dropped."""
    found: list[str] = []
    joining = False
    for raw in lines:
        line = raw.strip()
        marker = LIST_MARKER.match(line)
        if marker:
            line = line[marker.end() :].strip()
            joining = False  # a list marker starts a new value whatever came before
        if not line:
            continue
        if joining and found:
            found[-1] = f"{found[-1]} {line}"
        else:
            found.append(line)
        joining = continues(line)
    return found


def malformed_values(raw: str) -> list[str]:
    """The values a malformed tag (its lines as the parser read them) holds: one for a tag
    on one line, and :func:`values` of the lines of a tag broken over several."""
    lines = raw.split("\n")
    lines[0] = KEY_PART.sub("", lines[0], count=1)
    lines[-1] = CLOSING.sub("", lines[-1], count=1)
    return [lines[0].strip()] if len(lines) == 1 else values(lines)
