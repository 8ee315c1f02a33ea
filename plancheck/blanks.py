"""Blank answers that are one fact, not many: a section left blank whole, a repeat of a
section or of a group of prompts that was never used.

The platform's forms repeat a sub-form for each item ("your top 5 partners": name,
sector, description, five times; one `## Learning questions` section per question), and
the export writes every slot, used or not. An unused slot is no omission: one blank
partner after four named ones says nothing an author should act on, and a plan with no
learning question at all is one fact, not one finding per prompt of every slot. The
rules about answers (empty-answer, placeholder, answer-constraint, missing-prompt) ask
this module which prompts and sections to leave to one finding, or to none: a section the
form asks for only in some documents ("Only complete this section when presenting
results") and that is left blank or "N/A" is no omission either.
"""

from __future__ import annotations

from collections.abc import Sequence

from plancheck.align import PromptMatch, SectionMatch
from plancheck.answers import unknown


def unanswered(pm: PromptMatch) -> bool:
    """Blank, or only "N/A", "TBD", "-": nothing written in the slot."""
    answer = pm.prompt.answer
    return answer.is_empty or unknown(answer) is not None


def _slots(sm: SectionMatch) -> list[list[PromptMatch]]:
    """The section's repeats of a group of prompts: each starts where the first prompt
    that comes more than once comes again, and holds the repeating prompts that follow
    (a prompt that comes once, such as a closing question, is no slot's). [] when no
    prompt repeats."""
    seen: dict[int, int] = {}
    for pm in sm.prompts:
        if pm.spec is not None:
            seen[id(pm.spec)] = seen.get(id(pm.spec), 0) + 1
    repeating = {key for key, count in seen.items() if count > 1}
    head = next((pm.spec for pm in sm.prompts if id(pm.spec) in repeating), None)
    if head is None:
        return []
    slots: list[list[PromptMatch]] = []
    open_slot = False
    for pm in sm.prompts:
        if pm.spec is head:
            slots.append([])
            open_slot = True
        elif pm.spec is not None and id(pm.spec) not in repeating:
            open_slot = False
        if open_slot:
            slots[-1].append(pm)
    return slots


def unused_slots(sm: SectionMatch) -> set[int]:
    """ids of the prompt matches in unused repeats: every repeat whose prompts are all
    unanswered, but the first when no repeat is used (that one says the thing is missing)."""
    slots = _slots(sm)
    blank = [all(unanswered(pm) for pm in slot) for slot in slots]
    if all(blank):
        blank = blank[:1] and [False, *blank[1:]]
    return {id(pm) for slot, empty in zip(slots, blank, strict=True) if empty for pm in slot}


def quoted_answer(sm: SectionMatch, index: int) -> bool:
    """Is the answer to the prompt at ``index`` written as `> ` lines of its own? Some
    authors quote their answers (`> Behavioral insights: We are looking to ...`, five key
    insights as five `> ` lines): lines that are no prompt of the template and read as
    statements, not questions, right below the prompt."""
    quoted = []
    for pm in sm.prompts[index + 1 :]:
        if pm.spec is not None:
            break
        quoted.append(pm.prompt.text.rstrip())
    return bool(quoted) and all(q and q[-1] not in "?:" for q in quoted)


def left_out(sm: SectionMatch) -> bool:
    """A section the form asks for only in some documents (`conditional` in the schema:
    "Only complete this section when presenting results") with nothing written in it."""
    return sm.spec is not None and sm.spec.conditional and all(unanswered(p) for p in sm.prompts)


def blank_section(sm: SectionMatch) -> bool:
    """Is every prompt of the section there with no answer (two prompts at least)?"""
    return len(sm.prompts) > 1 and all(pm.prompt.answer.is_empty for pm in sm.prompts)


def _holds_nothing(sm: SectionMatch) -> bool:
    section = sm.section
    return section.lead is None and section.intro.is_empty and not section.groups


def empty_repeats(alignment: Sequence[SectionMatch]) -> set[int]:
    """ids of the section matches that repeat a section with nothing under their heading
    (no prompt, no text), when an earlier or later copy of the section holds prompts."""
    by_spec: dict[int, list[SectionMatch]] = {}
    for sm in alignment:
        if sm.spec is not None:
            by_spec.setdefault(id(sm.spec), []).append(sm)
    empty: set[int] = set()
    for copies in by_spec.values():
        if len(copies) < 2:
            continue
        bare = [sm for sm in copies if not sm.prompts and _holds_nothing(sm)]
        if len(bare) < len(copies):  # a copy that holds something: the bare ones are unused
            empty |= {id(sm) for sm in bare}
        else:  # every copy bare: the first says what is missing
            empty |= {id(sm) for sm in bare[1:]}
    return empty
