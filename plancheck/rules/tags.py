"""Rules about the `[[key:value]]` tag block.

Over 400 lines because each rule's user documentation (the sections every rule has)
is its check's docstring, here beside the code it describes.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from plancheck.diagnostics import Applicability, Edit, Finding, Fix
from plancheck.difference import spacing_only
from plancheck.document import Answer, Document, MalformedTag, Span, Tag
from plancheck.house import COUNTRY, locations
from plancheck.rules.base import Context, rule
from plancheck.schema import TagFormat, TagSpec
from plancheck.tagvalues import malformed_values
from plancheck.vocabulary import closest, normalize

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
YEAR = re.compile(r"\d{4}")
INTEGER = re.compile(r"[+-]?\d+")
BARE_LINK = re.compile(r"(?i)(?<![\w(/])(?:https?:/{0,2}|file:/{1,3})[^\s<>()\[\]]+")
PACK_SEPARATOR = re.compile(r"\s*[,;]\s*|(?<=\w)\.\s+")
CONJUNCTION = re.compile(r"(?i)(?:^|\s)(?:and|or|&|y|et|e|o|ou)(?:\s|$)")
PARAGRAPH_WORDS = 20  # a tag value this long is text pasted into the tag, not a value
FIRST_YEAR = 2000  # the archive starts in 2019; older years are typos


def delete_line(doc: Document, line: int) -> Edit:
    """An edit removing line ``line`` (1-based) and its line break."""
    lines = doc.lines
    if line < len(lines):
        return Edit(Span(line, 1, line + 1, 1), "")
    prev = lines[line - 2] if line >= 2 else ""
    return Edit(Span(max(line - 1, 1), len(prev) + 1, line, len(lines[line - 1]) + 1), "")


@rule("PC101")
def missing_tag(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A tag the template requires that is absent. Each schema lists its required tags (for
    learning plans: focal_point, year, type, country and latlng); the finding points at the
    tag block. A location is a `[[country:...]]` tag followed by its `[[latlng:...]]`; in a
    document that has both (several locations repeat the pair), a country without
    coordinates after it, or coordinates without a country before them, is reported at that
    tag; a document with neither is one finding (it has no location).

    ## Why it matters

    The archive is counted and mapped by its tags: a plan without its year, type or
    location is missing from those counts.

    ## Example

    A tag block without `[[year:...]]`; `[[country:Panama]]` `[[country:Chile]]`
    `[[latlng:-33.4,-70.6]]` (Panama has no coordinates). Instead: `[[year:2024]]` after
    `[[focal_point:...]]`; each country followed by its latlng.

    ## Fix safety

    No fix: only the author knows the values.

    ## Options

    None.
    """
    doc, schema = ctx.document, ctx.schema
    assert schema is not None
    if doc.tag_block is None:
        return  # missing-tag-block says it once
    present = {t.key for t in doc.tags} | {b.key for b in doc.malformed_tags if b.key}
    missing = [s.key for s in schema.tags if s.required and s.key not in present]
    # a country and its coordinates are one location: one finding says it is missing
    place = [k for k in missing if k == COUNTRY or k in schema.coordinate_keys]
    if len(place) > 1:
        tags = " and ".join(f"[[{k}:...]]" for k in place)
        message = f"the document has no location: required tags {tags} are missing"
        yield Finding(doc.tag_block, message, subject=COUNTRY)
    for key in missing:
        if len(place) == 1 or key not in place:
            yield Finding(doc.tag_block, f"required tag [[{key}:...]] is missing", subject=key)
    yield from _unpaired(ctx, present)


def _unpaired(ctx: Context, present: set[str]) -> Iterator[Finding]:
    """Countries without coordinates and coordinates without a country, when the document
    has both keys (a key absent altogether is the required check's)."""
    assert ctx.schema is not None
    keys = ctx.schema.coordinate_keys & present
    if COUNTRY not in present or not keys:
        return
    for found in locations(ctx.document, keys):
        if found.point is None and found.country is not None:
            message = f"{found.country.raw} has no [[{min(keys)}:...]] after it"
            yield Finding(found.country.span, message, subject=min(keys))
        elif found.country is None and found.point is not None:
            message = f"{found.point.raw} has no [[{COUNTRY}:...]] before it"
            yield Finding(found.point.span, message, subject=COUNTRY)


def _format_problem(spec: TagSpec, value: str) -> str | None:
    if not value.strip():
        return "the value is empty"
    if spec.format is TagFormat.EMAIL and not EMAIL.fullmatch(value):
        return f"{value!r} is not an e-mail address"
    if spec.format is TagFormat.YEAR:
        last = datetime.date.today().year + 1
        if not YEAR.fullmatch(value) or not FIRST_YEAR <= int(value) <= last:
            return f"{value!r} is not a year from {FIRST_YEAR} to {last}"
    if spec.format is TagFormat.INTEGER and not INTEGER.fullmatch(value):
        return f"{value!r} is not a whole number"
    if spec.format is TagFormat.ONE_OF:
        allowed = spec.values or []
        if normalize(value) not in {normalize(v) for v in allowed}:
            return f"{value!r} is not one of: {', '.join(allowed)}"
    return None


@rule("PC102")
def invalid_tag_value(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A tag's value that does not have the format the schema gives it: `email` (focal_point),
    `year` (four digits, 2000 to next year), `integer`, `one-of` (a fixed list, such as the
    document type). An empty value is always invalid. The form of `coordinates` values is
    malformed-coordinates' (PC501).

    ## Why it matters

    Tools that read the archive parse these values; one they cannot parse drops the
    document from what they count.

    ## Example

    `[[year:20234]]`, `[[focal_point:jane.doe]]`, `[[type:learning plan]]`. Instead:
    `[[year:2023]]`, `[[focal_point:jane.doe@undp.org]]`, `[[type:learningplan]]`.

    ## Fix safety

    No fix: the right value cannot be told from the wrong one.

    ## Options

    None.
    """
    assert ctx.schema is not None
    for tag in ctx.document.tags:
        spec = ctx.schema.tag(tag.key)
        if spec is None:
            continue
        problem = _format_problem(spec, tag.value)
        if problem:
            yield Finding(tag.value_span, f"[[{tag.key}]]: {problem}", subject=tag.key)


@rule("PC103")
def duplicate_tag(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A tag that is repeated: a single-valued tag given twice, or the same key and value
    twice. Multi-valued tags (methods, sdgs, ...) may repeat with different values. Tags
    whose schema allows repeated values (`country`, for several locations in one country)
    are exempt. Two values written apart only in spacing (`community  involment` beside
    `community involment`, in all 27 corpus documents where a value repeats) are two labels
    the platform offered side by side: the export's, at info, counted apart.

    ## Why it matters

    The same key and value twice is a copy-paste slip, and a single-valued tag given twice
    leaves readers to guess which value holds.

    ## Example

    `[[methods:Pilots]]` twice; `[[year:2023]]` and `[[year:2024]]`.

    ## Fixed example

    `[[methods:Pilots]]` once (`[[methods:Pilots]]` and `[[methods:Prototyping]]` are
    fine); `[[year:2023]]` alone.

    ## Fix safety

    The fix removes the repeated line: safe when the value is the same, unsafe when a
    single-valued tag repeats with another value (the fix keeps the first).

    ## Options

    None.
    """
    assert ctx.schema is not None
    seen: dict[str, Tag] = {}
    seen_values: dict[tuple[str, str], Tag] = {}
    for tag in ctx.document.tags:
        spec = ctx.schema.tag(tag.key)
        value_key = (tag.key, normalize(tag.value))
        if spec is not None and not spec.multiple and tag.key in seen:
            first = seen[tag.key]
            same = normalize(first.value) == normalize(tag.value)
            fix = Fix(
                Applicability.SAFE if same else Applicability.UNSAFE,
                "Remove the repeated tag",
                (delete_line(ctx.document, tag.span.line),),
            )
            yield Finding(
                tag.span,
                f"[[{tag.key}]] is single-valued and already given on line {first.span.line}",
                fix,
                subject=tag.key,
            )
        elif value_key in seen_values and not (spec is not None and spec.repeat_values):
            fix = Fix(
                Applicability.SAFE,
                "Remove the repeated tag",
                (delete_line(ctx.document, tag.span.line),),
            )
            # written apart only in spacing: two labels the platform offered side by side
            # (`community  involment` beside `community involment`), not an author's repeat
            offered = spacing_only(tag.value, seen_values[value_key].value)
            message = f"[[{tag.key}:{tag.value}]] is given twice"
            yield Finding(tag.span, message, fix, subject=tag.key, export=offered)
        seen.setdefault(tag.key, tag)
        seen_values.setdefault(value_key, tag)


@rule("PC104", needs_schema=False)
def tag_syntax(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A line of the tag block that is not a well-formed `[[key:value]]` tag. Seen in
    practice: a missing bracket (`[[methods:X]`), spaces around key, colon or value
    (`[[ methods : X ]]`), `=` instead of `:`, and a value broken over several lines (often
    by stray CRs between the terms of a pasted list).

    A space between the value and the brackets is all that is wrong with some tags
    (`[[consent:https://... ]]`): no reader sees it, so that finding is info, counted in
    the summary and listed with `plancheck check --invisible`.

    ## Why it matters

    A malformed tag is invisible to every tool that reads the archive.

    ## Example

    `[[ methods : Pilots ]]`; `[[thematic_areas:Data Analysis` /
    `Technology in Agriculture]]`.

    ## Fixed example

    `[[methods:Pilots]]`; `[[thematic_areas:Data Analysis]]` /
    `[[thematic_areas:Technology in Agriculture]]`.

    ## Fix safety

    The fix rewrites the canonical `[[key:value]]`. Safe when only spaces around the key,
    the colon or the value change; unsafe otherwise (brackets, separator). A value broken
    over lines becomes one tag per line, in the tag's place and order (unsafe), since each
    line is usually a value of its own; a line that stops mid-phrase (`Education on`) is
    joined to the next with a space (unsafe). A fix never puts the words of two values into
    one. A line without a key or a value has no fix.

    ## Options

    None.
    """
    for bad in ctx.document.malformed_tags:
        message = f"malformed tag {bad.raw!r}: {bad.reason}"
        yield Finding(bad.span, message, _rewrite(bad), invisible=_padded_value(bad))


def _padded_value(bad: MalformedTag) -> bool:
    """Is a space next to the value, inside the brackets, all that is wrong
    (`[[consent:https://... ]]`)? No reader sees it, and the safe fix removes it."""
    if not (bad.key and bad.value) or "\n" in bad.raw:
        return False
    head = f"[[{bad.key}:"
    if not (bad.raw.startswith(head) and bad.raw.endswith("]]")):
        return False
    inside = bad.raw[len(head) : -2]
    return inside != bad.value and inside.strip() == bad.value


def _rewrite(bad: MalformedTag) -> Fix | None:
    if not (bad.key and bad.value):
        return None
    if "\n" in bad.raw:
        values = malformed_values(bad.raw)
        if not values:
            return None
        lines = "\n".join(f"[[{bad.key}:{value}]]" for value in values)
        what = "one tag per value" if len(values) > 1 else "one line"
        return Fix(Applicability.UNSAFE, f"Rewrite as {what}", (Edit(bad.span, lines),))
    canonical = f"[[{bad.key}:{bad.value}]]"
    spaces_only = re.sub(r"\s+", "", bad.raw) == re.sub(r"\s+", "", canonical)
    applicability = Applicability.SAFE if spaces_only else Applicability.UNSAFE
    return Fix(applicability, f"Rewrite as {canonical}", (Edit(bad.span, canonical),))


@rule("PC105")
def unknown_tag(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A tag key that the schema does not declare. The message suggests the nearest declared
    key.

    ## Why it matters

    Usually a misspelt key (`[[method:...]]` for `[[methods:...]]`), which hides the value
    from everything that reads the real key.

    ## Example

    `[[method:Pilots]]`. Instead: `[[methods:Pilots]]`.

    ## Fix safety

    No fix: a near key may still be the wrong one.

    ## Options

    None.
    """
    schema = ctx.schema
    assert schema is not None
    if schema.allow_unknown_tags:
        return
    keys = [t.key for t in schema.tags]
    for tag in ctx.document.tags:
        if schema.tag(tag.key) is None:
            near = closest(tag.key, keys, cutoff=70)
            hint = f"; did you mean [[{near[0]}:...]]?" if near else ""
            message = f"[[{tag.key}]] is not a tag of schema {schema.id}{hint}"
            yield Finding(tag.span, message, subject=tag.key)


def _links(ctx: Context) -> Iterator[tuple[str, Span, str]]:
    """(url, span, where) of every link the schema says is a link: URL-valued tags, and the
    links in answers to prompts that ask for links."""
    assert ctx.schema is not None
    for tag in ctx.document.tags:
        spec = ctx.schema.tag(tag.key)
        if spec is not None and spec.format is TagFormat.URL and tag.value.strip():
            yield tag.value, tag.value_span, f"[[{tag.key}]]"
    for sm in ctx.alignment:
        for pm in sm.prompts:
            if pm.spec is not None and pm.spec.answer.must_contain_link:
                yield from _answer_links(ctx.document, pm.prompt.answer)


def _answer_links(doc: Document, answer: Answer) -> Iterator[tuple[str, Span, str]]:
    """The answer's Markdown links, and the bare addresses in its text (pasted without
    Markdown, as most blog links in the archive are)."""
    seen = set()
    for link in answer.links:
        seen.add((link.span.line, link.span.column))
        yield link.url, link.span, "the link"
    for block in answer.blocks:
        for n in range(block.span.line, block.span.end_line + 1):
            for m in BARE_LINK.finditer(doc.lines[n - 1]):
                if (n, m.start() + 1) not in seen:
                    yield m.group(), Span(n, m.start() + 1, n, m.end() + 1), "the link"


@rule("PC106")
def malformed_url(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A URL-valued tag, or a link in an answer that asks for links, that is not a well-formed
    web address. Checked: tags of format `url` (`consent`), and the links in answers to
    prompts with `must_contain_link`. Seen in the archive: one slash after the scheme
    (`https:/acclabplatforms...`, in 174 solutions' consent links, written so by the
    platform: reported at info as the export's), no colon after the scheme (`https//...`),
    a file on the author's computer (`file:///C:/Users/...`), no host name.

    ## Why it matters

    A link that does not open: the consent form or blog it points to cannot be reached.

    ## Example

    `[[consent:https:/acclabplatforms.blob.core.windows.net/consent/uploads/x.pdf]]`,
    `[[consent:file:///C:/Users/Usuario/Downloads/consent.pdf]]`.

    ## Fixed example

    `[[consent:https://acclabplatforms.blob.core.windows.net/consent/uploads/x.pdf]]`.

    ## Fix safety

    Safe, and offered only when the address meant is certain (a missing slash or colon); a
    file on the author's computer has no fix.

    ## Options

    None.
    """
    from plancheck.urls import broken

    for url, span, where in _links(ctx):
        found = broken(url)
        if found is None:
            continue
        fix = None
        exact = span.line == span.end_line and span.end_column - span.column == len(url)
        if found.repaired is not None and exact:
            edit = Edit(span, found.repaired)
            fix = Fix(Applicability.SAFE, f"Rewrite as {found.repaired}", (edit,))
        shown = url if len(url) <= 60 else url[:57] + "..."
        message = f"{where} {shown!r} is not a working link: {found.problem}"
        subject = where.strip("[]") if where.startswith("[[") else None
        yield Finding(span, message, fix, subject=subject, export=found.platform)


def packed_values(value: str) -> list[str] | None:
    """The values packed into ``value``, when it is a list rather than one value: parts
    split at commas, semicolons or full stops, none opening with a conjunction ("free, prior and
    informed consent" is one value), and not a series of single words qualifying the
    last part ("micro, small, medium enterprises")."""
    if " ," in value:
        return None  # a stray comma (`covid-19 , response`), not a list
    parts = [p.strip() for p in PACK_SEPARATOR.split(value)]
    if len(parts) < 2 or not all(parts):
        return None  # a trailing comma is vocabulary-drift's
    if any(CONJUNCTION.match(p) for p in parts) or CONJUNCTION.search(parts[-1]):
        return None
    if all(len(p.split()) == 1 for p in parts[:-1]) and len(parts[-1].split()) > 1:
        return None
    return parts


@rule("PC107")
def packed_tag(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    Several values packed into one tag of a multi-valued key: a list in one tag
    (`community involment, youth, employment`), or a pasted paragraph (a datasources tag of
    90 words). Values that are a term of the tag's vocabulary
    (`9. Industry, innovation and infrastructure`) and phrases that only read like a list
    (`free, prior and informed consent`) are left alone. A list the platform offered as one
    label (`export_values` of the tag in the schema: `community  involment, youth,
    employment`, in 16 documents of 13 countries) is the export's, at info, counted apart.

    ## Why it matters

    The house format is one tag per value (`[[thematic_areas:youth]]`
    `[[thematic_areas:employment]]`): a packed tag is one unknown value to everything that
    counts the archive.

    ## Example

    `[[thematic_areas:agriculture, cooperativism]]`.

    ## Fixed example

    `[[thematic_areas:agriculture]]` and `[[thematic_areas:cooperativism]]`.

    ## Fix safety

    Unsafe, for a list: one tag per value, in place (the split may cut a value that has a
    comma of its own). A paragraph has no fix.

    ## Options

    None.
    """
    assert ctx.schema is not None
    for tag in ctx.document.tags:
        spec = ctx.schema.tag(tag.key)
        if spec is None or not spec.multiple or spec.format is TagFormat.COORDINATES:
            continue
        words = len(tag.value.split())
        parts = packed_values(tag.value) if words < PARAGRAPH_WORDS else None
        if words < PARAGRAPH_WORDS and parts is None:
            continue  # one value (most tags): no need to ask the vocabulary
        vocabulary = ctx.schema.vocabulary(tag.key)
        if vocabulary is not None and vocabulary.index.match(tag.value) is not None:
            continue
        if words >= PARAGRAPH_WORDS:
            message = f"[[{tag.key}]] holds a paragraph ({words} words), not a value"
            yield Finding(tag.value_span, message, subject=tag.key)
            continue
        if parts is None:
            continue
        lines = "\n".join(f"[[{tag.key}:{p}]]" for p in parts)
        fix = Fix(Applicability.UNSAFE, "Write one tag per value", (Edit(tag.span, lines),))
        shown = ", ".join(repr(p) for p in parts)
        message = f"[[{tag.key}]] packs {len(parts)} values ({shown}); write one tag per value"
        offered = spec.offered(tag.value)  # picked from the platform's list
        yield Finding(tag.value_span, message, fix, subject=tag.key, export=offered)
