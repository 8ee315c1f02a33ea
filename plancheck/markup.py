"""Editor HTML in plan text: which tags the platform's rich-text editor left, and how a
browser shows them.

The archive's answers were typed into a rich-text editor and exported as Markdown, so
some carry the editor's HTML (`<div>`, `<br>`, `<span style=...>`, Word's `<o:p>` and
tables), sometimes escaped once or several times (`&lt;div&gt;`, `&amp;lt;br&amp;gt;`).
A browser shows a block-level element as a line break and an inline element as nothing.
That is the one fact both the `html-residue` fix and the fix guard (`preserve`) rely on,
so it lives here, once.

Content-bearing tags (`<a href>`, `<img>`) are not editor residue: removing them would
lose a link or an image, so they are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Elements a browser lays out as blocks: removing one must leave a line break.
BLOCK = frozenset(
    [
        "div",
        "p",
        "br",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "center",
        "pre",
    ]
)
# Elements that only style the text inside them: removing one leaves nothing.
INLINE = frozenset(
    [
        "span",
        "b",
        "i",
        "u",
        "strong",
        "em",
        "font",
        "sub",
        "sup",
        "small",
        "big",
        "s",
        "strike",
        "del",
        "ins",
        "mark",
        "o:p",
        "abbr",
        "cite",
    ]
)
_NAMES = "|".join(sorted((re.escape(n) for n in BLOCK | INLINE), key=len, reverse=True))
# A tag's attributes may hold `>` inside quotes and may run over lines (Word's
# `data-ccp-props="{&quot;...` attributes do).
_ATTRIBUTES = r"(?:[^<>\"']|\"[^\"]*\"|'[^']*')*"
REAL = re.compile(rf"<(/?)({_NAMES})(?![\w:-])({_ATTRIBUTES})>", re.IGNORECASE)
# The same markup escaped once or more: `&lt;div&gt;`, `&amp;lt;/div&amp;gt;`.
_LT = r"&(?:amp;)*lt;"
_GT = r"&(?:amp;)*gt;"
ESCAPED = re.compile(
    rf"{_LT}(/?)({_NAMES})(?![\w:-])((?:(?!{_LT}|{_GT})[^<>])*?)/?{_GT}", re.IGNORECASE
)
# Any HTML tag, editor residue or not: entities inside one are part of the markup.
ANY_TAG = re.compile(rf"</?[A-Za-z][\w:-]*{_ATTRIBUTES}>|<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Markup:
    """One editor tag: ``start``/``end`` are offsets in the text searched."""

    start: int
    end: int
    name: str  # lower-case element name
    closing: bool
    escaped: bool

    @property
    def block(self) -> bool:
        return self.name in BLOCK


def find(text: str) -> list[Markup]:
    """The editor tags in ``text``, real and escaped, in order and not overlapping."""
    found = [
        Markup(m.start(), m.end(), m.group(2).lower(), m.group(1) == "/", False)
        for m in REAL.finditer(text)
    ]
    if "&" in text and "lt;" in text:
        found += [
            Markup(m.start(), m.end(), m.group(2).lower(), m.group(1) == "/", True)
            for m in ESCAPED.finditer(text)
        ]
        found.sort(key=lambda t: t.start)
        kept: list[Markup] = []
        for tag in found:  # an escaped tag inside a real tag's attribute belongs to it
            if not kept or tag.start >= kept[-1].end:
                kept.append(tag)
        found = kept
    return found


def tag_ranges(text: str) -> list[tuple[int, int]]:
    """Offsets of every HTML tag and comment in ``text``, and of escaped editor tags: the
    places where an entity is markup, not prose."""
    ranges = [(m.start(), m.end()) for m in ANY_TAG.finditer(text)] if "<" in text else []
    ranges += [(t.start, t.end) for t in find(text) if t.escaped]
    return sorted(ranges)


def as_shown(text: str) -> str:
    """``text`` with editor tags as a browser shows them: a block tag a line break, an
    inline tag nothing. Used on text whose entities are already decoded, where escaped
    markup has become real markup."""
    out = []
    last = 0
    for tag in find(text):
        out.append(text[last : tag.start])
        out.append("\n" if tag.block else "")
        last = tag.end
    out.append(text[last:])
    return "".join(out)
