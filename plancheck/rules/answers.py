"""Rules about the answers below the `> prompt` lines: given, not a placeholder, and
within what the prompt asks (length, items, opening, options, links, shares)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from plancheck import blanks, markup
from plancheck.align import PromptMatch, SectionMatch
from plancheck.answers import plain, stand_in, top_level_items, unknown, visible_length
from plancheck.diagnostics import Applicability, Edit, Finding, Fix
from plancheck.difference import quoted
from plancheck.document import Answer, BlockKind, Document, Span
from plancheck.placeholders import GUIDANCE, PLACEHOLDER_EMAIL, UNTITLED
from plancheck.rules.base import Context, rule
from plancheck.schema import AnswerSpec, Chosen, PromptSpec
from plancheck.vocabulary import normalize

# a file:/// path is a link too, if one nobody else can open: malformed-url says so
BARE_URL = re.compile(r"https?://\S+|www\.\S+\.\S+|file:/+\S+")
NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
OPENING = 400  # characters of an answer that hold its opening words, markup included
WORD = re.compile(r"\w+")
SENTENCE = re.compile(r"\n[ \t]*\n|(?<=[.!?])\s+")  # paragraph and sentence breaks
SUBJECT_WITHIN = 8  # words at the start of a sentence that may name the formula's subject
OPENING_QUOTES = "\"' \u201c\u201d\u2018\u2019\u00ab\u00bb"
QUOTED = 40  # characters of an answer a message quotes, to show what it is about
# The commonest short words of the languages a schema translates the opening into: enough
# to tell which one an answer is written in, to ask for the opening in that language.
FUNCTION_WORDS = {
    "en": {"the", "of", "and", "to", "in", "is", "that", "for", "with", "are", "our"},
    "fr": {"le", "la", "les", "des", "du", "et", "est", "que", "pour", "dans", "une", "au"},
    "es": {"el", "los", "las", "del", "y", "es", "que", "para", "en", "una", "por", "con"},
}


@rule("PC303")
def empty_answer(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A prompt whose answer the template requires, left empty. An answer is everything
    between the prompt and the next prompt, heading or group; HTML left over from the editor
    does not count as an answer. A required table of shares (Sense, Explore, Test, Grow)
    whose every share is blank is reported once, at the prompt that asks for the shares
    (the export's, at info, where the schema says the export never wrote them:
    `export_blank`, the 2022-23 closing reports); so is a blank answer to a prompt that
    asks for a link where the answer is required.

    A blank is reported once where it is one fact: a section whose every question is
    unanswered is one finding at its heading (the export's, at info, in a form version
    whose export wrote the section without its answers: the schema's `export_blank_with`,
    the 2022 experiments' Overview); a repeat of a group of prompts that was never used (a
    sixth partner slot after five named partners, blank or "n/a") is not reported, and
    when no repeat is used only the first is. A section the form asks for only in some
    documents (`conditional`: "Only complete this section when presenting results") and
    left blank or "N/A" is not reported either, nor a lone `-` where "N/A" answers the
    question (`none_is_answer`: "Did you experience any barriers...?").

    ## Why it matters

    A required question without an answer is a gap in the plan.

    ## Example

    `> Challenge statement: What is your challenge? ...` followed by nothing. Instead: the
    prompt followed by `Our challenge is that ...`.

    ## Fix safety

    No fix: the answer is the author's to write.

    ## Options

    None.
    """
    for sm in ctx.alignment:
        if blanks.left_out(sm):
            continue
        wanted = [pm for pm in sm.prompts if pm.spec is not None and pm.spec.answer.required]
        if sm.spec is not None and len(wanted) > 1 and blanks.blank_section(sm):
            yield _blank_section(sm, len(wanted))
            continue
        unused = ctx.unused_slots[id(sm)]
        for i, pm in enumerate(sm.prompts):
            if id(pm) in unused:
                continue
            if (
                pm.spec is not None
                and pm.spec.answer.required
                and pm.prompt.answer.is_empty
                and not blanks.quoted_answer(sm, i)
                and not _dash_for_none(pm, sm)
            ):
                yield Finding(pm.prompt.span, f"the answer to '> {pm.spec.text}' is empty")
            elif pm.spec is not None and pm.spec.required and _blank_shares(sm, pm.spec):
                shares = pm.spec.answer.shares
                assert shares is not None
                names = ", ".join(shares.prompts)
                message = f"the shares of {names} are all blank"
                yield Finding(pm.prompt.span, message, export=shares.export_blank)


def _dash_for_none(pm: PromptMatch, sm: SectionMatch) -> bool:
    """A lone `-` where "N/A" answers the question: "none", written as a dash."""
    assert pm.spec is not None
    written = any(b.kind is BlockKind.ITEM for b in pm.prompt.answer.blocks)
    return written and _none_answers(pm.spec.answer.none_is_answer, sm)


def _blank_section(sm: SectionMatch, required: int) -> Finding:
    """One finding for a section whose every question is unanswered; the export's when the
    form version is one whose export wrote the section without its answers."""
    assert sm.spec is not None
    forms = {normalize(t) for t in sm.spec.export_blank_with}
    export = any(normalize(pm.prompt.text) in forms for pm in sm.prompts)
    heading = sm.section.heading.strip() or sm.spec.heading
    message = (
        f"the section '{heading}' is blank: none of its {len(sm.prompts)} questions is "
        f"answered ({required} need an answer)"
    )
    return Finding(sm.section.span, message, export=export)


def _blank_shares(sm: SectionMatch, spec: PromptSpec) -> bool:
    """Are the share prompts below ``spec`` there, and every one of them unanswered?"""
    if spec.answer.shares is None:
        return False
    wanted = {normalize(n) for n in spec.answer.shares.prompts}
    shares = [pm for pm in sm.prompts if normalize(pm.prompt.text) in wanted]
    return bool(shares) and all(pm.prompt.answer.is_empty for pm in shares)


def _has_link(answer: Answer) -> bool:
    """A link, or an address written out: in the text, or inside the editor's HTML
    (`<div><font>https://...</font></div>`), where a reader sees it as well."""
    if answer.links or BARE_URL.search(answer.text):
        return True
    shown = (markup.ANY_TAG.sub(" ", b.text) for b in answer.blocks if b.kind is BlockKind.HTML)
    return any(BARE_URL.search(text) for text in shown)


def _answer_span(pm: PromptMatch) -> Span:
    """Where the answer's text is: a comment above it (the scaffold's guidance, an editor
    leftover) is not the answer an author is told to change."""
    blocks = [b for b in pm.prompt.answer.blocks if b.kind is not BlockKind.HTML]
    if not blocks:
        return pm.prompt.answer.span or pm.prompt.span
    first, last = blocks[0].span, blocks[-1].span
    return Span(first.line, first.column, last.end_line, last.end_column)


def _shares_total(sm: SectionMatch, names: list[str]) -> tuple[float, int] | None:
    wanted = {normalize(n) for n in names}
    total, found = 0.0, 0
    for pm in sm.prompts:
        if normalize(pm.prompt.text) in wanted and not pm.prompt.answer.is_empty:
            number = NUMBER.search(pm.prompt.answer.text)
            if number:
                total += float(number.group().replace(",", "."))
                found += 1
    return (total, found) if found else None


def _starts_well(text: str, spec: AnswerSpec) -> bool:
    openings = [
        spec.starts_with or "",
        *(o for t in spec.starts_with_translations.values() for o in t),
    ]
    start = _folded(plain(text[:OPENING])).lstrip(OPENING_QUOTES)
    if any(start.startswith(_folded(o)) for o in openings):
        return True
    subjects = {w[1] for w in (WORD.findall(_folded(o)) for o in openings) if len(w) > 1}
    sentences = (_folded(plain(s[:OPENING])) for s in SENTENCE.split(text))
    return any(_names(WORD.findall(s)[:SUBJECT_WITHIN], subjects) for s in sentences)


def _in_language(text: str, spec: AnswerSpec) -> str:
    """The opening the schema asks for, in the language the answer is written in: a French
    answer is asked for "Notre défi est que", not the English formula."""
    assert spec.starts_with is not None
    words = WORD.findall(plain(text[:OPENING]).lower())
    counts = {lang: sum(w in common for w in words) for lang, common in FUNCTION_WORDS.items()}
    lang = max(counts, key=lambda k: counts[k])
    translated = spec.starts_with_translations.get(lang)
    return (
        translated[0]
        if lang != "en" and translated and counts[lang] > counts["en"]
        else spec.starts_with
    )


def _quoted(text: str) -> str:
    """The answer's opening as a reader sees it, to show what the finding is about."""
    seen = plain(text)
    if len(seen) <= QUOTED:
        return quoted(seen)
    cut = seen[: QUOTED + 1].rsplit(" ", 1)[0] if " " in seen[:QUOTED] else seen[:QUOTED]
    return quoted(cut.rstrip(" ,;:") + "\u2026")  # whole words: a cut word reads as a typo


def _names(words: list[str], subjects: set[str]) -> bool:
    """Does a sentence open by naming the formula's subject ("Our *challenge* is that")?
    "Our challenge is to ...", "The main challenges are ...", "Le principal challenge
    est ...", after a sentence of background or not, state the challenge as the form
    asks; a background that never names it, or names it only deep into a sentence, does
    not."""
    return any(word.startswith(subject) for word in words for subject in subjects)


def _folded(text: str) -> str:
    """Case, spacing, quotes and accents folded: `notre defi` opens like `Notre défi`."""
    decomposed = unicodedata.normalize("NFKD", normalize(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _option(text: str, spec: AnswerSpec) -> bool:
    allowed = {normalize(o) for o in spec.options or []}
    allowed |= {normalize(a) for aliases in spec.option_aliases.values() for a in aliases}
    return normalize(plain(text)) in allowed


def _text_violations(pm: PromptMatch, spec: AnswerSpec, lines: Sequence[str]) -> Iterator[Finding]:
    answer = pm.prompt.answer
    span = _answer_span(pm)
    text = answer.text
    if spec.must_contain_link and not _has_link(answer):
        held = stand_in(answer)
        if held is not None:
            # where an answer is optional, "N/A" answers it: there is no link to give
            if spec.required:
                yield Finding(span, f"the answer is a placeholder ({held!r}), not a link")
            return  # a placeholder breaks every other constraint too; once is enough
        yield Finding(span, f"answer should contain a link; it reads {_quoted(text)}")
    if unknown(answer) is not None:
        return  # "N/A" is no answer: placeholder reports it where one is required
    seen = visible_length(answer) if spec.max_chars is not None else 0
    if spec.max_chars is not None and seen > spec.max_chars:
        over = seen - spec.max_chars
        yield Finding(
            span, f"answer has {seen} characters; at most {spec.max_chars} allowed ({over} over)"
        )
    counted = top_level_items(answer, lines) if spec.max_items is not None else 0
    if spec.max_items is not None and counted > spec.max_items:
        yield Finding(span, f"answer lists {counted} items; at most {spec.max_items} allowed")
    if spec.starts_with is not None and not _starts_well(text, spec):
        asked = _in_language(text, spec)
        yield Finding(span, f"answer should start with '{asked}'; it starts {_quoted(text)}")
    if spec.pattern is not None and not re.search(spec.pattern, text):
        yield Finding(span, f"answer does not match /{spec.pattern}/")
    if spec.options is not None:
        for item in answer.items:
            if not _option(item.text, spec):
                yield Finding(
                    item.span,
                    f"'{item.text}' is not an option; choose from: {', '.join(spec.options)}",
                )


@rule("PC304")
def answer_constraint(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    An answer that breaks a constraint its prompt states; the message says which. The schema
    records them: `max_chars` ("summarize your challenge in a maximum of 280 characters";
    the characters a reader sees: `&amp;` is one, link targets and HTML tags none),
    `max_items` ("a maximum of 5 key insights"; the top-level items: sub-bullets belong to
    their item, a numbered list that starts again at 1 is another list, and a list set
    inside prose, with a paragraph before and after it, enumerates within an insight),
    `starts_with` ("Our challenge is that..."; or a translation the schema lists, "Notre
    défi est que..."; case, quotes, accents and zero-width characters ignored; a sentence
    whose first eight words name the formula's subject, its second word, states the
    challenge as asked, after background or not: "Our challenge is to ...", "The main
    challenges are ...", "Le principal challenge est ..."; the message asks for the opening
    in the answer's language and quotes how the answer starts), `pattern`, `options` (the
    fixed list of a checklist, and the other spellings the platform itself offered),
    `shares` (Sense/Explore/Test/Grow adding up to 100%) and `must_contain_link` ("Please
    paste the link(s) to the blog(s)"; an answer such as "N/A" or "blog coming soon" is
    reported as a placeholder where the answer is required, and is no finding where it is
    optional: there is no link to give). Empty answers are left to empty-answer, and answers
    that are only "N/A" or "TBD" to placeholder.

    ## Why it matters

    The prompts state rules the form never enforced; answers that break them are harder to
    compare across the archive.

    ## Example

    A 300-character tweet summary; `- Scale` under the learning-cycle checklist. Instead:
    280 characters or fewer; `- Explore`.

    ## Fix safety

    No fix: shortening or rewording an answer is the author's call.

    ## Options

    None.
    """
    for sm in ctx.alignment:
        if blanks.left_out(sm):
            continue
        unused = ctx.unused_slots[id(sm)]
        for pm in sm.prompts:
            spec: PromptSpec | None = pm.spec
            if spec is None or id(pm) in unused:
                continue
            if not pm.prompt.answer.is_empty:
                yield from _text_violations(pm, spec.answer, ctx.document.lines)
            shares = spec.answer.shares
            # The shares are answered in the sub-prompts below this one, not in its answer.
            summed = _shares_total(sm, shares.prompts) if shares else None
            if shares and summed and abs(summed[0] - shares.total) > 0.01:
                yield Finding(
                    pm.prompt.span,
                    f"shares of {', '.join(shares.prompts)} add up to {summed[0]:g}, "
                    f"not {shares.total:g}",
                )


@rule("PC305", needs_schema=False)
def placeholder(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Text that holds a place for an answer that was never written. What `plancheck new`
    writes for the author to replace and is still there: the placeholder e-mail
    `focal.point@undp.org`, an `Untitled ...` title, and the guidance comments
    (`<!-- Answer (required) ... -->` above an answer that is now written, and
    `<!-- Optional tags ... -->` in a document that has answers). And an answer the template
    requires that is only "N/A", "TBD", "-" or the like (where the prompt asks for a link,
    answer-constraint says so instead).
    Not reported in an unused repeat of a group of prompts, nor in a `conditional` section
    (the experiments' Results, "Only complete this section when presenting results"),
    which is filled as results come in: "TBD" there is what is still to come. Nor where
    "N/A" answers the question (`none_is_answer` in the schema): "Did you experience any
    barriers or bottlenecks...?", or the handover's details after "Our work has not yet
    scaled" was ticked.

    ## Why it matters

    It looks answered but says nothing.

    ## Example

    `[[focal_point:focal.point@undp.org]]`; `N/A` under a required prompt; a
    `<!-- Answer (required). -->` line left above the answer.

    ## Fixed example

    The guidance comment removed (the focal point's address and the answer are the
    author's to write).

    ## Fix safety

    Safe, for a guidance comment only: the fix removes the comment. The other findings have
    no fix.

    ## Options

    None.
    """
    doc = ctx.document
    email = doc.first_tag("focal_point")
    if email is not None and email.value.strip() == PLACEHOLDER_EMAIL:
        yield Finding(email.value_span, f"[[focal_point]] is the placeholder {PLACEHOLDER_EMAIL}")
    if doc.title is not None and doc.title.text.startswith(UNTITLED):
        yield Finding(doc.title.span, f"the title is the placeholder {doc.title.text!r}")
    yield from _guidance(ctx)
    for sm in ctx.alignment:
        # a section filled as results come in: "TBD" there is what is still to come
        if sm.spec is not None and sm.spec.conditional:
            continue
        unused = ctx.unused_slots[id(sm)]
        for pm in sm.prompts:
            spec = pm.spec
            if spec is None or not spec.answer.required or spec.answer.must_contain_link:
                continue
            if id(pm) in unused or _none_answers(spec.answer.none_is_answer, sm):
                continue
            held = unknown(pm.prompt.answer)
            if held is not None:
                yield Finding(_answer_span(pm), f"the answer is the placeholder {held!r}")


def _none_answers(when: bool | Chosen, sm: SectionMatch) -> bool:
    """Does "N/A" answer the question here: always, or after the earlier choice?"""
    if not isinstance(when, Chosen):
        return when
    chosen = normalize(when.option)
    return any(
        pm.spec is not None
        and pm.spec.text == when.prompt
        and any(normalize(plain(item.text)) == chosen for item in pm.prompt.answer.items)
        for pm in sm.prompts
    )


def _guidance(ctx: Context) -> Iterator[Finding]:
    doc = ctx.document
    if "<!--" not in doc.source:
        return
    # Left behind: a comment above an answer that is written, and the tags comment of a
    # document that has answers. In a fresh scaffold they are the author's instructions.
    answers = [p.answer for s in doc.sections for p in s.prompts]
    spans = [
        b.span
        for answer in answers
        if not answer.is_empty
        for b in answer.blocks
        if b.kind is BlockKind.HTML and GUIDANCE.match(b.text)
    ]
    if any(not a.is_empty for a in answers):
        spans += _tags_comment(doc)
    for span in sorted(spans):
        # the comment's lines and their line breaks go; the blank lines around stay
        end = Span(span.end_line + 1, 1, span.end_line + 1, 1)
        if span.end_line >= len(doc.lines):
            end = Span(span.end_line, span.end_column, span.end_line, span.end_column)
        edit = Edit(Span(span.line, 1, end.line, end.column), "")
        fix = Fix(Applicability.SAFE, "Remove the guidance comment", (edit,))
        yield Finding(span, "the guidance comment of `plancheck new` is still here", fix)


def _tags_comment(doc: Document) -> list[Span]:
    """The scaffold's comment on optional tags, between the tag block and the first
    section (the document model keeps no blocks there)."""
    if doc.tag_block is None:
        return []
    first = doc.tag_block.end_line + 1
    last = doc.sections[0].span.line - 1 if doc.sections else len(doc.lines)
    for n in range(first, last + 1):
        if GUIDANCE.match(doc.lines[n - 1]):
            close = next((m for m in range(n, last + 1) if "-->" in doc.lines[m - 1]), n)
            return [Span(n, 1, close, len(doc.lines[close - 1]) + 1)]
    return []
