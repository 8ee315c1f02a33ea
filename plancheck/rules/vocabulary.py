"""Rules about tag values and the controlled vocabularies of their tags.

Each tag of a schema may name a vocabulary (``schemas/vocabularies/<id>.yaml``) and a
policy: ``closed`` (only its terms), ``open`` (other terms allowed, near misses of a term
are drift) or ``free`` (free text, only case, spacing and trailing punctuation are
drift). The matching is in :mod:`plancheck.vocabulary`; the indexes are built once per
vocabulary and cache what they matched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from plancheck.diagnostics import Applicability, Edit, Finding, Fix
from plancheck.difference import describe, quoted, spacing_only
from plancheck.document import Tag
from plancheck.rules.base import Context, rule
from plancheck.rules.tags import PARAGRAPH_WORDS, delete_line, packed_values
from plancheck.schema import Policy, Vocabulary
from plancheck.vocabulary import Level, TermMatch, clean_value


def _tags(ctx: Context) -> Iterator[tuple[Tag, Policy, Vocabulary | None]]:
    """The document's tags that have a policy, with their vocabulary (empty values are
    invalid-tag-value's)."""
    assert ctx.schema is not None
    policies = ctx.schema.policies
    for tag in ctx.document.tags:
        found = policies.get(tag.key)
        if found is not None and tag.value.strip():
            yield tag, *found


def _match(tag: Tag, policy: Policy, vocabulary: Vocabulary | None) -> TermMatch | None:
    if vocabulary is None:
        return None
    free = policy is Policy.FREE
    return vocabulary.index.match(tag.value, near=not free, spelling=not free)


def _why(tag: Tag, found: TermMatch, export: bool) -> str:
    what = describe(tag.value, found.canonical, tag.value_span.column)
    if export:
        return f"the platform's own spelling: {what}"
    if found.level is Level.ALIAS:
        if not {w.casefold() for w in tag.value.split()} & {
            w.casefold() for w in found.canonical.split()
        }:
            # another name altogether (a translation): pairing its words says nothing
            return "a known alias, another name for the term"
        return f"a known alias: {what}"
    if found.level is Level.FOLDED:
        return what
    if found.level is Level.SPELLING:
        return f"another spelling or a plural: {what}"
    return f"a near miss, {found.score:.0f}% similar: {what}"


def _drift(
    ctx: Context, tag: Tag, found: TermMatch, vocabulary: Vocabulary, given: dict[str, Tag]
) -> Finding:
    canonical = found.canonical
    export = tag.value in vocabulary.export_forms
    if found.level is Level.REGION:
        message = (
            f"[[{tag.key}]]: {tag.value!r} is a region of {canonical}, not a country; "
            f"use {canonical!r}"
        )
    else:
        message = (
            f"[[{tag.key}]]: {tag.value!r} should be {canonical!r} "
            f"({_why(tag, found, export)}; vocabulary {vocabulary.id})"
        )
    safe = Applicability.SAFE if found.level.safe else Applicability.UNSAFE
    fix = Fix(safe, f"Replace with {canonical!r}", (Edit(tag.value_span, canonical),))
    term = given.get(f"{tag.key}:{canonical}")
    spec = ctx.schema.tag(tag.key) if ctx.schema is not None else None
    if term is not None and spec is not None and spec.repeat_values:
        # a tag that may repeat its value (the country of another location, which its
        # latlng needs) is replaced all the same; the reader learns the term is there
        message += f"; [[{tag.key}:{canonical}]] is on line {term.span.line} too"
    elif term is not None:  # the term is there already: a replacement would repeat it
        message += f"; [[{tag.key}:{canonical}]] is already on line {term.span.line}"
        fix = Fix(safe, "Remove this tag", (delete_line(ctx.document, tag.span.line),))
    invisible = spacing_only(tag.value, canonical)
    return Finding(
        tag.value_span, message, fix, subject=tag.key, export=export, invisible=invisible
    )


@rule("PC401")
def vocabulary_drift(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A tag value that is a variant of a vocabulary term: it equals a term's listed alias (a
    misspelling, an old name, a translation), differs from the term only in case, spacing,
    punctuation, hyphens or accents, is another spelling of it (British/American -our/-or,
    -ise/-ize, -ce/-se, -tre/-ter, a plural), or is a near miss of it: a typo of one term,
    found by rapidfuzz (one slip for values of 5 to 8 letters, two up to 19, three beyond;
    none of them turning a word into another word of the vocabulary, so `quantitative data`
    is not a typo of `qualitative data`; a typo as close to two terms is no near miss of
    either). For the country tag, a region (`England`, `Republika Srpska`,
    `Kurdistan Region`) drifts to its country. For a `free` tag such as `thematic_areas`,
    only stray whitespace and trailing punctuation are drift; the export's where the
    schema lists the value as a label the platform offered (the tag's `export_values`:
    `green transition,` in documents of four countries). A value the platform itself
    offered as a choice (a term's `export_forms`, such as `10. Reduced innequalities`, or
    the gender labels `Male` and `Female` it wrote until 2024) is the export's: reported at
    info, counted apart. A value that differs from its term only in spacing
    (`community  involment`) reads the same to everyone but someone counting values: info
    too, listed with `plancheck check --invisible`. The message names the canonical term,
    why the value is a variant of it and what differs (case, a no-break space and its
    column, `'innequalities' for 'inequalities'`). A value the document gives several times
    (the export wrote `[[country:Trinidad]]` three times) is one finding, at its first tag,
    whose fix replaces every copy. Where the document has the term's own tag already
    (`[[datasources:survey]]` beside `[[datasources:surveys]]`), the message says so and
    the fix removes the variant instead of repeating the term (a tag that may repeat its
    value, the country of each of several locations, is replaced as usual: its `latlng`
    needs it; the message says the term is there too).

    ## Why it matters

    One concept should have one name, or nobody can count the archive: `Solutions Mapping`,
    `solution mapping` and `solutions mapping` are one method.

    ## Example

    `[[methods:solution mapping]]`, `[[sdgs:10. Reduced innequalities]]`, `[[gender:Male]]`,
    `[[country:England]]`, `[[thematic_areas:green transition,]]`.

    ## Fixed example

    `[[methods:Solutions Mapping]]`, `[[sdgs:10. Reduced inequalities]]`, `[[gender:male]]`,
    `[[country:United Kingdom]]`, `[[thematic_areas:green transition]]`.

    ## Fix safety

    The fix replaces the value with the canonical term: safe when only case, spacing,
    punctuation, spelling or a known alias differ, unsafe when the match is a near miss (a
    typo might be another word) or a region (the tag loses the place).

    ## Options

    None.
    """
    yield from _once(_drifts(ctx))


def _once(found: Iterator[tuple[Tag, Finding]]) -> Iterator[Finding]:
    """One finding for a value the document gives several times (the export wrote
    `[[country:Trinidad]]` three times): at its first tag, fixing every copy."""
    copies: dict[tuple[str, str], list[tuple[Tag, Finding]]] = {}
    for tag, finding in found:
        copies.setdefault((tag.key, tag.value), []).append((tag, finding))
    for group in copies.values():
        tag, first = group[0]
        if len(group) == 1 or first.fix is None:
            yield first
            continue
        edits = tuple(e for _, f in group if f.fix is not None for e in f.fix.edits)
        lines = ", ".join(str(t.span.line) for t, _ in group[1:])
        where = f"line {lines}" if len(group) == 2 else f"lines {lines}"
        message = f"{first.message}; the same tag again on {where}"
        yield replace(first, message=message, fix=replace(first.fix, edits=edits))


def _drifts(ctx: Context) -> Iterator[tuple[Tag, Finding]]:
    assert ctx.schema is not None
    given = {f"{t.key}:{t.value}": t for t in reversed(ctx.document.tags)}  # first of each
    for tag, policy, vocabulary in _tags(ctx):
        found = _match(tag, policy, vocabulary)
        if found is not None and vocabulary is not None:
            if found.level is not Level.EXACT:
                yield tag, _drift(ctx, tag, found, vocabulary, given)
            continue
        if policy is Policy.CLOSED:
            continue  # unknown-term or unknown-country
        cleaned = clean_value(tag.value)
        if cleaned != tag.value and not _packed(ctx, tag):
            fix = Fix(
                Applicability.SAFE, f"Replace with {cleaned!r}", (Edit(tag.value_span, cleaned),)
            )
            spec = ctx.schema.tag(tag.key)
            offered = spec is not None and spec.offered(tag.value)
            why = "the platform's own label" if offered else "stray whitespace or punctuation"
            message = f"[[{tag.key}]]: {quoted(tag.value)} should be {cleaned!r} ({why})"
            invisible = spacing_only(tag.value, cleaned)
            yield (
                tag,
                Finding(
                    tag.value_span,
                    message,
                    fix,
                    subject=tag.key,
                    export=offered,
                    invisible=invisible,
                ),
            )


def _packed(ctx: Context, tag: Tag) -> bool:
    """Is the value several values in one tag, or a paragraph? Then packed-tag reports it,
    and its fix (one tag per value) comes before any clean-up of the whole."""
    assert ctx.schema is not None
    spec = ctx.schema.tag(tag.key)
    if spec is None or not spec.multiple:
        return False
    return len(tag.value.split()) >= PARAGRAPH_WORDS or packed_values(tag.value) is not None


def _unknown(ctx: Context, countries: bool) -> Iterator[tuple[Tag, Vocabulary, list[str]]]:
    for tag, policy, vocabulary in _tags(ctx):
        if policy is not Policy.CLOSED or vocabulary is None:
            continue
        if (vocabulary.source is not None) is countries and _match(tag, policy, vocabulary) is None:
            yield tag, vocabulary, vocabulary.index.suggest(tag.value)


def _hint(suggestions: list[str]) -> str:
    if not suggestions:
        return ""
    return "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"


@rule("PC402")
def unknown_term(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A tag with a closed vocabulary whose value is not one of its terms. Variants of a term
    (case, spelling, aliases, near misses) are vocabulary-drift instead; this rule reports
    values that are nothing close. The message lists up to three terms that are moderately
    close, if any. `plancheck vocab show KEY` prints the vocabulary.

    ## Why it matters

    The SDGs, a solution's gender and the experiment metadata (status, type, cost, sample
    size, control group, ...) are fixed lists on the platform: a value outside them is lost
    to every count.

    ## Example

    `[[sdgs:18. Space exploration]]`, `[[experiment_status:Paused]]`. Instead:
    `[[sdgs:9. Industry, innovation and infrastructure]]`,
    `[[experiment_status:Implementation Stage]]`.

    ## Fix safety

    No fix: nothing close says which term was meant.

    ## Options

    None.
    """
    for tag, vocabulary, suggestions in _unknown(ctx, countries=False):
        message = (
            f"[[{tag.key}]]: {tag.value!r} is not a term of the {vocabulary.id} vocabulary"
            + _hint(suggestions)
        )
        yield Finding(tag.value_span, message, subject=tag.key)


@rule("PC403")
def unknown_country(ctx: Context) -> Iterator[Finding]:
    """## What it reports

    A country tag that names no country, territory or known region. Countries are ISO
    3166-1 (through pycountry), named as the archive names them (`Turkey`, `Cape Verde`,
    `East Timor`, `Ivory Coast`; ISO's own names are aliases). A misspelt country is
    vocabulary-drift, and so is a region the vocabulary or ISO 3166-2 places in one country;
    this rule reports what is none of these, with up to three close country names.

    ## Why it matters

    A plan whose country is unknown is missing from every count and map by country, and its
    coordinates cannot be checked.

    ## Example

    `[[country:Atlantis]]`, `[[country:Balkans]]`. Instead: `[[country:Serbia]]`.

    ## Fix safety

    No fix: nothing close says which country was meant.

    ## Options

    None.
    """
    for tag, _vocabulary, suggestions in _unknown(ctx, countries=True):
        message = f"[[{tag.key}]]: {tag.value!r} is not a country or territory" + _hint(suggestions)
        yield Finding(tag.value_span, message, subject=tag.key)
