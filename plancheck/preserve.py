"""What a fix must keep: the author's words, their order, and where one ends and the next
begins.

A :class:`Reading` is a document as a reader sees it in a browser: the prose (answers and
all text that is not the title, a heading, a prompt or a tag) rendered from Markdown,
entities decoded, block-level HTML a break and inline HTML nothing (escaped editor HTML
included, see :mod:`plancheck.markup`), then cut into words at whitespace. Comparing the
reading of a document before and after fixing tells whether a fix glued two words,
split one, lost, added or moved one. Headings, prompts and tag values are read apart,
because their rules' fixes may change them, each in its own way:

* a heading or a prompt keeps its words or becomes one of the schema's texts;
* no tag value ends up holding words that were in two different values before.

:func:`broken` is the guarantee `plancheck fix` checks before it writes a file.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from plancheck import markup, mojibake, tagvalues
from plancheck.document import Document

# Characters a browser does not show: they neither make nor break a word.
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
WORDLIKE = re.compile(r"[^\W_]")
Words = tuple[str, ...]


@cache
def _markdown() -> MarkdownIt:
    # As the parser reads it: no setext headings (see plancheck.parser).
    return MarkdownIt("commonmark").disable("lheading")


class _Text(HTMLParser):
    """HTML to the text a browser shows: block elements a line break, inline ones nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in markup.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.handle_starttag(tag, [])

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def shown(markdown: str) -> str:
    """The text a browser shows for ``markdown``, escaped editor HTML read as markup."""
    parser = _Text()
    parser.feed(_markdown().render(markdown))
    parser.close()
    text = "".join(parser.parts)
    for _ in range(8):  # escaped once per round: `&amp;lt;` takes two
        unescaped = markup.as_shown(text)
        if "&" in unescaped:
            unescaped = html.unescape(unescaped)
        if unescaped == text:
            break
        text = unescaped
    return text


def words(text: str) -> Words:
    """The words of ``text``: what whitespace separates, with at least one letter or digit
    (a rule of underscores or a lone dash is layout, not a word). Mojibake is read
    repaired (`B√∂ll` is `Böll`): its rule's fix restores the word the author wrote."""
    text = INVISIBLE.sub("", mojibake.repair(text))
    return tuple(w for w in text.split() if WORDLIKE.search(w))


@dataclass(frozen=True, slots=True)
class Reading:
    prose: Words
    title: Words
    headings: tuple[Words, ...]
    prompts: tuple[Words, ...]
    values: tuple[Words, ...]  # one entry per tag value, in file order


def _regions(document: Document) -> Iterable[str]:
    """The runs of prose lines, each as Markdown text."""
    taken = document.structural_lines()
    run: list[str] = []
    for n, line in enumerate(document.lines, start=1):
        if n in taken:
            if run:
                yield "\n".join(run)
            run = []
        else:
            run.append(line)
    if run:
        yield "\n".join(run)


def read(document: Document) -> Reading:
    prose = tuple(w for region in _regions(document) for w in words(shown(region)))
    tags = [(t.span.line, [t.value]) for t in document.tags]
    tags += [(m.span.line, tagvalues.malformed_values(m.raw)) for m in document.malformed_tags]
    values = tuple(
        words(html.unescape(v)) for _, found in sorted(tags, key=lambda p: p[0]) for v in found
    )
    return Reading(
        prose=prose,
        title=words(document.title.text) if document.title else (),
        headings=tuple(words(shown(s.heading)) for s in document.sections),
        prompts=tuple(words(shown(p.text)) for s in document.sections for p in s.prompts),
        values=values,
    )


def _first_difference(before: Words, after: Words) -> str:
    n = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), None)
    if n is None:
        n = min(len(before), len(after))
    was = " ".join(before[max(0, n - 3) : n + 3]) or "(nothing)"
    now = " ".join(after[max(0, n - 3) : n + 3]) or "(nothing)"
    return f"{was!r} became {now!r}"


def _merged(before: Sequence[Words], after: Sequence[Words]) -> str | None:
    """A value after the fix that holds all the words of two different values before
    (and was not itself one of them): two values joined into one."""
    olds = [Counter(w.casefold() for w in value) for value in before if value]
    known = set(map(frozenset, (c.items() for c in olds)))
    for value in after:
        new = Counter(w.casefold() for w in value)
        if frozenset(new.items()) in known:
            continue  # a value as it was (or as another one was)
        inside = [old for old in olds if old <= new]
        for i, a in enumerate(inside):
            if any(a + b <= new for b in inside[i + 1 :]):
                return f"tag value {' '.join(value)!r} joins the words of two values"
    return None


def broken(before: Reading, after: Reading, allowed: frozenset[Words] = frozenset()) -> str | None:
    """What the change from ``before`` to ``after`` breaks, or None if it keeps the
    guarantee. ``allowed``: the texts (as words) a heading or prompt may be set to, the
    schema's headings and prompts."""
    if before.prose != after.prose:
        return f"the author's text changed: {_first_difference(before.prose, after.prose)}"
    if before.title != after.title:
        return "the title changed"
    for what, old, new in (
        ("heading", before.headings, after.headings),
        ("prompt", before.prompts, after.prompts),
    ):
        if len(old) != len(new):
            return f"the number of {what}s changed from {len(old)} to {len(new)}"
        for a, b in zip(old, new, strict=True):
            if a != b and b not in allowed:
                return f"a {what} changed: {_first_difference(a, b)}"
    return _merged(before.values, after.values)


@cache
def allowed_texts(texts: tuple[str, ...]) -> frozenset[Words]:
    """The schema's headings and prompts as words, for :func:`broken` (kept: every file
    fixed against the same schema asks for the same ones)."""
    return frozenset(words(shown(t)) for t in texts)
