"""Read an answer as its reader does: the text they see, the items they count, and
whether it says anything at all.

The constraints the prompts state ("a maximum of 280 characters", "a maximum of 5 key
insights", "Our challenge is that...", "paste the link(s)") are about what a reader
sees, not about the Markdown source: `&amp;` is one character, a sub-bullet is part of
the insight above it, and "N/A" is not an answer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from plancheck.document import Answer, Block, BlockKind

TAG = re.compile(r"<[^<>\n]*>")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s[^)]*)?\)")
EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
SPACES = re.compile(r"\s+")
# Unicode's format characters (category Cf) that the archive has: zero-width spaces and
# joiners, direction marks, word joiners, the BOM, the soft hyphen.
FORMAT_CHARS = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
LONGEST = 300  # characters: an answer longer than this holds more than a place
ORDINAL = re.compile(r"\s*(\d{1,9})[.)]")

# Whole answers that hold a place instead of answering ("N/A", "TBD", "blog coming soon",
# "Pas encore de blog"): seen in the corpus under the blog-link and other prompts.
# "None" and "No" answer some questions ("Any barriers?"), so they are placeholders only
# where the prompt asks for a thing (a link).
_UNKNOWN = (
    r"n\.?\s?/?\s?a\.?|tbd|tbc|to be (?:determined|confirmed|defined|updated|added)"
    r"|-+|\.+|\?+"
)
_NONE = r"none|nil|null|nothing|no|non|ras|rien|ninguno|ninguna|aucun"
_LATER = (
    r"coming|comign|soon|yet|not (?:available|applicable|published)|to be "
    r"(?:published|developed|written|released|finali[sz]ed|shared|posted|uploaded)"
    r"|in (?:the )?(?:process|progress|development|preparation)|under (?:development|review)"
    r"|pending|upcoming|forthcoming|being (?:written|drafted|finali[sz]ed|developed|prepared)"
    r"|pas encore|en cours|bient[oô]t|pr[oó]ximamente|a[uú]n no|todav[ií]a no|en proceso"
)
UNKNOWN = re.compile(rf"(?:{_UNKNOWN})[\s.!]*", re.IGNORECASE)
NOTHING = re.compile(rf"(?:{_UNKNOWN}|{_NONE})[\s.!]*", re.IGNORECASE)
LATER = re.compile(rf"\b(?:{_LATER})\b", re.IGNORECASE)
# "N/A - internal experiment.", "None: the work stopped": the same, with a short reason
NOTHING_BECAUSE = re.compile(
    rf"(?:{_UNKNOWN}|{_NONE})\s*(?:[-\u2013\u2014]\s+|[:;,(]\s*)\w", re.IGNORECASE
)
SHORT = 20  # words: a longer answer that mentions "soon" is an explanation, not a placeholder


def plain(text: str) -> str:
    """``text`` as it reads: entities decoded, HTML tags and zero-width characters gone,
    links shown as their text, emphasis markers dropped, spacing folded."""
    text = html.unescape(TAG.sub(" ", text))
    text = LINK.sub(r"\1", text)
    text = EMPHASIS.sub("", text)
    text = FORMAT_CHARS.sub("", text)
    return SPACES.sub(" ", text).strip()


def visible_length(answer: Answer) -> int:
    """The characters a reader sees, paragraphs joined by one space."""
    return len(plain(" ".join(b.text for b in answer.blocks if b.kind is not BlockKind.HTML)))


def top_level_items(answer: Answer, lines: Sequence[str]) -> int:
    """The items a reader counts: of a numbered answer, the longest run of numbers
    (a list that starts again at 1 is another list, such as hypotheses quoted before
    the findings), and bullets under the numbers are sub-points; of a bulleted answer,
    the bullets that are not indented under another. A list with prose before and after
    it is an enumeration inside that prose ("the team was successful in 1. ... 7. ...",
    then the next insight), not the answer's items."""
    items = _listed(answer, lines)
    numbered = [b for b in items if b.ordered]
    if numbered:
        longest = run = 0
        for item in numbered:
            number = _number(item, lines)
            run = 1 if number is None or number <= 1 else run + 1
            longest = max(longest, run)
        return longest
    return sum(1 for b in items if not _indented(b, lines)) or len(items)


def _listed(answer: Answer, lines: Sequence[str]) -> list[Block]:
    """The answer's items, less those of lists set inside its prose: a run of items with a
    paragraph before and after it, unless the numbers go on after the paragraph (insights
    numbered 1 to 6, each with a paragraph of its own, are one list)."""
    runs: list[list[Block]] = [[]]
    prose: list[bool] = [False]  # before each run: is there a paragraph?
    for block in answer.blocks:
        if block.kind is BlockKind.ITEM:
            runs[-1].append(block)
        elif block.kind is BlockKind.PARAGRAPH and block.text.strip():
            if runs[-1]:
                runs.append([])
                prose.append(True)
            else:
                prose[-1] = True
    items = [b for run in runs for b in run]
    kept: list[Block] = []
    start = 0
    for i, run in enumerate(runs):
        end = start + len(run)
        # prose after a run started the next one: every run but the last has prose after it
        inside = prose[i] and i < len(runs) - 1
        if (
            not inside
            or _numbered_on(items[:start], run, lines)
            or _numbered_on(run, items[end:], lines)
        ):
            kept += run
        start = end
    return kept


def _numbered_on(first: list[Block], then: list[Block], lines: Sequence[str]) -> bool:
    """Do the numbers of ``then`` go on from those of ``first`` (`3.` after `2.`)?"""
    last = next((b for b in reversed(first) if b.ordered), None)
    following = next((b for b in then if b.ordered), None)
    if last is None or following is None:
        return False
    number = _number(last, lines)
    return number is not None and _number(following, lines) == number + 1


def _number(item: Block, lines: Sequence[str]) -> int | None:
    found = ORDINAL.match(lines[item.span.line - 1])
    return int(found.group(1)) if found else None


def _indented(item: Block, lines: Sequence[str]) -> bool:
    line = lines[item.span.line - 1]
    return line[:1].isspace()


def stand_in(answer: Answer) -> str | None:
    """The answer's text when the whole answer says the thing asked for is not there:
    "N/A", "TBD", "none", or a short note that it is still to come ("blog coming soon")."""
    text = _text(answer)
    if not text or NOTHING.fullmatch(text):
        return text or None
    if len(text.split()) <= SHORT and (LATER.search(text) or _because(text)):
        return text
    return None


def _because(text: str) -> bool:
    found = NOTHING_BECAUSE.match(text)
    return found is not None and not found.group().startswith("-")  # "- item" is a list


def unknown(answer: Answer) -> str | None:
    """The answer's text when it is only "N/A", "TBD", "-" or the like: no answer at all,
    whatever the question (unlike "None" or "No", which answer some)."""
    text = _text(answer)
    return text if text and UNKNOWN.fullmatch(text) else None


def _text(answer: Answer) -> str:
    if answer.links:
        return ""
    raw = answer.text
    return "" if len(raw) > LONGEST else plain(raw)
