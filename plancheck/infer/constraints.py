"""Answer constraints read from a prompt's own words, checked against the answers.

The forms state rules they never enforced. Each is read from the wording, and the
answers say how often it was broken (evidence for the comment, not a reason to drop it):

* "a maximum of 280 characters" -> ``max_chars: 280``;
* "a maximum of 5 key insights" -> ``max_items: 5``; "the top 5 key insights" too, when
  the prompt's own answer holds them (the "top 5 partners" are answered in the groups
  below the prompt, which is left blank);
* "Please answer in specific terms: 'Our challenge is that...'" -> ``starts_with``;
* "paste any link(s)", "add any supporting links" -> ``must_contain_link``;
* "make sure that your answers add up to 100%" -> ``shares`` of the grouped prompts
  that follow it;
* "Please select all that apply" -> ``options``: the `- option` items seen under it.
  A prompt whose answers are, in most documents, items from a short recurring list is a
  checklist or a radio list too, even where its words do not say so.

Every answer constraint is ``required`` when at least ``min_share`` of the documents
that have the prompt answer it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from plancheck.document import Answer
from plancheck.infer.evidence import consensus_order, one_line, reaches
from plancheck.infer.prompts import InferredPrompt
from plancheck.mining import cluster
from plancheck.rules.answers import BARE_URL, OPENING_QUOTES
from plancheck.vocabulary import clean_value, normalize

MAX_CHARS = re.compile(
    r"(?:maximum of|at most|no more than|up to|max\.?)\s+(\d+)\s+characters", re.IGNORECASE
)
MAX_ITEMS = re.compile(r"maximum of (\d+) (?!characters|words)([a-z][a-z -]*[a-z])", re.IGNORECASE)
TOP_ITEMS = re.compile(r"\btop (\d+) (?!characters|words)([a-z][a-z -]*[a-z])", re.IGNORECASE)
# a quoted opening that trails off: "Our challenge is that..."
_QUOTE = "\"'\u201c\u201d\u2018\u2019"
STARTS_WITH = re.compile(rf"[{_QUOTE}]\s*([^{_QUOTE}]{{3,80}}?)\s*(?:\.{{3}}|\u2026)")
# a verb, then "link" within three words ("paste the link(s)", "add any supporting
# links"); "add text, a link, or a picture" offers a link among other things
LINK = re.compile(
    r"\b(?:paste|add|upload|provide|share|include|insert)\s+(?:[\w-]+\s+){0,3}links?\b",
    re.IGNORECASE,
)
SHARES = re.compile(r"\b(?:add|adds|sum|sums) up to (\d+)\s*%|\bsum to (\d+)\b", re.IGNORECASE)
CHECKLIST = re.compile(
    r"select all that apply|check all that apply|select (?:one|all)\b|tick all", re.IGNORECASE
)
ANSWERED_SHARE = 0.5  # answers given under "top 5 ...", for it to mean max_items
OPTIONS_MAX = 15  # a checklist longer than this is not a fixed list
CHECKLIST_SHARE = 0.6  # answers made of items only, for a list without the words
OPTION_ANSWERS = 5  # answers needed before items alone make a checklist


@dataclass
class Constraints:
    answer: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _documents_answering(prompt: InferredPrompt) -> list[Answer]:
    return [a for a in prompt.stats.answers if not a.is_empty]


def _options(answers: list[Answer], floor: int) -> tuple[list[str], Counter[str], int, int] | None:
    """The items that recur under a prompt: (options in order, answers ticking each,
    items ticked, items ticked that are options). Items are grouped as `vocab mine`
    groups tag values (case, spelling and typos folded), the most frequent form named."""
    texts = [item.text for a in answers for item in a.items if normalize(item.text)]
    if not texts:
        return None
    name = {form: c.canonical for c in cluster(texts) for form, _ in c.forms}
    positions: list[dict[str, int]] = []
    seen: Counter[str] = Counter()
    total = 0
    for answer in answers:
        order: dict[str, int] = {}
        for item in answer.items:
            option = name.get(clean_value(item.text))
            if option is not None:
                total += option not in order
                order.setdefault(option, len(order))
        seen.update(order.keys())
        positions.append(order)
    kept = [k for k, n in seen.items() if n >= floor]
    if not kept:
        return None
    ordered = consensus_order(positions, kept)
    return ordered, Counter({k: seen[k] for k in ordered}), total, sum(seen[k] for k in kept)


def _checklist(
    prompt: InferredPrompt, answers: list[Answer], floor: int, min_share: float
) -> Constraints | None:
    worded = CHECKLIST.search(prompt.text)
    found = _options(answers, floor)
    if found is None:
        return None
    names, counts, total, covered = found
    only_items = sum(bool(a.items) and len(a.items) == len(a.blocks) for a in answers)
    if not worded and not (
        len(answers) >= OPTION_ANSWERS
        and len(names) <= OPTIONS_MAX
        and only_items >= CHECKLIST_SHARE * len(answers)
        and reaches(covered, total, min_share)
    ):
        return None
    if len(names) > OPTIONS_MAX * 2:
        return None
    why = f"from the words {worded.group()!r}" if worded else "the answers are items of a list"
    shown = ", ".join(f"{n!r} {c}" for n, c in counts.most_common(8))
    note = f"options: {why}; {len(names)} items seen in {floor}+ documents ({shown})"
    rare = total - covered
    if rare:
        note += f"; {rare} ticked items are rarer"
    return Constraints({"options": names}, [note])


def _max_chars(text: str, answers: list[Answer]) -> Constraints | None:
    if not (m := MAX_CHARS.search(text)):
        return None
    limit = int(m.group(1))
    longer = sum(len(a.text) > limit for a in answers)
    return Constraints(
        {"max_chars": limit}, [f"max_chars: from {m.group()!r}; {longer:,} answers are longer"]
    )


def _max_items(text: str, answers: list[Answer], own: bool) -> Constraints | None:
    """From "a maximum of N ..."; from "the top N ..." when the prompt's ``own`` answer
    holds them (the "top 5 partners" are the groups below a blank answer)."""
    items = MAX_ITEMS.search(text) or TOP_ITEMS.search(text)
    if not items or (items.re is TOP_ITEMS and not own):
        return None
    limit = int(items.group(1))
    lists = sum(len(a.items) > 1 for a in answers)
    over = sum(len(a.items) > limit for a in answers)
    note = f"max_items: from {items.group()!r}; {lists:,} answers are lists, {over:,} longer"
    return Constraints({"max_items": limit}, [note])


def _starts_with(text: str, answers: list[Answer]) -> Constraints | None:
    if not (m := STARTS_WITH.search(text)):
        return None
    start = m.group(1).strip()
    begun = sum(_begins(a.text, start) for a in answers)
    return Constraints(
        {"starts_with": start}, [f"starts_with: from the words; {begun:,} answers start so"]
    )


def _link(text: str, answers: list[Answer]) -> Constraints | None:
    if not (m := LINK.search(text)):
        return None
    linked = sum(bool(a.links) or bool(BARE_URL.search(a.text)) for a in answers)
    words = one_line(m.group(), 40)
    return Constraints(
        {"must_contain_link": True},
        [f"must_contain_link: from {words!r}; {linked:,} answers have one"],
    )


def _shares(prompts: Sequence[InferredPrompt], index: int) -> Constraints | None:
    """ "Make sure your answers add up to 100%": the grouped prompts right after it."""
    if not (m := SHARES.search(prompts[index].text)):
        return None
    parts = [p.text for p in prompts[index + 1 :]][: _grouped_run(prompts, index)]
    if not parts:
        return None
    total = int(m.group(1) or m.group(2))
    return Constraints(
        {"shares": {"prompts": parts, "total": total}},
        [f"shares: from {m.group()!r}, over the {len(parts)} prompts after it"],
    )


def read_constraints(
    prompts: Sequence[InferredPrompt], index: int, min_share: float, floor: int
) -> Constraints:
    """The answer constraints of ``prompts[index]`` (its followers give the shares)."""
    prompt = prompts[index]
    answers = _documents_answering(prompt)
    given = len(prompt.stats.answers)
    out = Constraints(notes=[f"answered {len(answers):,} of {given:,} times"])
    if reaches(len(answers), given, min_share):
        out.answer["required"] = True
    own = len(answers) >= ANSWERED_SHARE * given
    for found in (
        _max_chars(prompt.text, answers),
        _max_items(prompt.text, answers, own),
        _starts_with(prompt.text, answers),
        _link(prompt.text, answers),
        _shares(prompts, index),
        _checklist(prompt, answers, floor, min_share),
    ):
        if found is not None:
            out.answer.update(found.answer)
            out.notes += found.notes
    return out


def _begins(text: str, start: str) -> bool:
    """As answer-constraint reads starts_with: quotes and case ignored."""
    return normalize(text).lstrip(OPENING_QUOTES).startswith(normalize(start))


def _grouped_run(prompts: Sequence[InferredPrompt], index: int) -> int:
    """How many prompts right after ``index`` sit in groups: the shares' sub-prompts."""
    n = 0
    for prompt in prompts[index + 1 :]:
        if not prompt.grouped:
            break
        n += 1
    return n
