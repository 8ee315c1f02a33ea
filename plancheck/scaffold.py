"""`plancheck new`: a ready-to-fill document for a schema, in the archive's house format.

The scaffold is built as a :class:`~plancheck.export.PlanDocument` and written by the
renderer, so it has the same layout as every other document plancheck writes: the tag
block in the order the tag-order rule expects, every section and prompt of the schema, and
below each prompt an HTML comment saying what the answer must be. An HTML comment is not
an answer, so `plancheck check` reports each required answer as empty until it is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from plancheck.errors import ScaffoldError as ScaffoldError  # what find_country raises
from plancheck.export import PlanDocument, PromptModel, SectionModel, TagModel, TextModel
from plancheck.geo import reference_point
from plancheck.house import COUNTRY, FIRST_TAGS, LOCATION, after_location
from plancheck.placeholders import PLACEHOLDER_EMAIL, UNTITLED

if TYPE_CHECKING:
    from plancheck.schema import AnswerSpec, PromptSpec, Schema, SectionSpec, TagSpec, Vocabulary

Language = Literal["en", "fr", "es"]
LANGUAGES: dict[Language, str] = {"en": "English", "fr": "French", "es": "Spanish"}
LISTED_TERMS = 8  # a vocabulary this small is listed in the scaffold's tag comment


@dataclass(frozen=True, slots=True)
class Place:
    """A country as the archive names it, and its reference point (None when unknown)."""

    name: str
    code: str | None
    point: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class Options:
    title: str | None = None
    focal_point: str | None = None
    year: int | None = None
    place: Place | None = None
    lang: Language = "en"


@dataclass
class Scaffold:
    """The document, and notes for the author (printed on standard error)."""

    document: PlanDocument
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- countries


def find_country(value: str, vocabulary: Vocabulary) -> Place:
    """The country ``value`` names (a name, an alias, a region, or an ISO 3166-1 code),
    with its reference point; :class:`ScaffoldError` when none fits."""
    import pycountry

    from plancheck.countries import default_name

    by_name = {default_name(c): c.alpha_3 for c in pycountry.countries}
    by_name |= {t.term: t.code for t in vocabulary.terms if t.code}
    by_code = {code: name for name, code in by_name.items()}
    wanted = value.strip()
    if len(wanted) in (2, 3) and wanted.isalpha():
        iso = wanted.upper()
        found = pycountry.countries.get(alpha_2=iso) or pycountry.countries.get(alpha_3=iso)
        if found is not None:
            alpha_3 = str(found.alpha_3)
            return Place(
                by_code.get(alpha_3, default_name(found)), alpha_3, reference_point(alpha_3)
            )
    match = vocabulary.index.match(wanted, near=False)
    if match is None:
        near = vocabulary.index.near(wanted)
        hint = f"; did you mean {near.canonical!r}?" if near is not None else ""
        raise ScaffoldError(f"unknown country {value!r}{hint}")
    code = by_name.get(match.canonical)  # None for a place ISO 3166-1 lacks (Kosovo)
    return Place(match.canonical, code, reference_point(code) if code else None)


def format_point(point: tuple[float, float]) -> str:
    """`lat,lng` with no exponent and no trailing zeros (`9,-80`, `-13.5,34`)."""
    return ",".join(f"{v:.6f}".rstrip("0").rstrip(".") for v in point)


# --------------------------------------------------------------------------- comments


def _comment(lines: list[str]) -> str:
    """An HTML comment; `-->` inside the text would end it early, so it is broken up."""
    body = [line.replace("-->", "-- >") for line in lines]
    if len(body) == 1:
        return f"<!-- {body[0]} -->"
    return "\n".join([f"<!-- {body[0]}", *body[1:], "-->"])


def answer_comment(prompt: PromptSpec) -> str:
    """What the author must write below a prompt, from the schema's answer constraints."""
    answer: AnswerSpec = prompt.answer
    words = [w for w in answer.describe() if w != "required" and not w.startswith("options: ")]
    need = "required" if answer.required else "optional"
    if not prompt.required:
        need += "; the prompt itself may be deleted"
    first = f"Answer ({need})" + (": " + "; ".join(words) if words else "") + "."
    if not answer.options:
        return _comment([first])
    # The options go inside the comment: left outside, an untouched scaffold would tick
    # them all and pass every check.
    keep = "Keep the options that apply, each on a line of its own below this comment:"
    return _comment([first, keep, *(f"- {option}" for option in answer.options)])


def _tag_hint(spec: TagSpec, schema: Schema) -> str:
    """`[[key:...]]`, what the tag is for, and its values when they are few."""
    text = f"[[{spec.key}:...]]" + (f" {spec.description}" if spec.description else "")
    vocabulary = schema.vocabulary(spec.key)
    terms = [t.term for t in vocabulary.terms] if vocabulary and not vocabulary.source else []
    if spec.values:
        text += " One of: " + "; ".join(spec.values) + "."
    elif terms and len(terms) <= LISTED_TERMS:
        text += " One of: " + "; ".join(terms) + "."
    elif terms:
        text += f" Terms: see `plancheck vocab show {spec.key}`."
    return text


def tags_comment(schema: Schema) -> str | None:
    """The optional tags, and where in the block they go."""
    later = set(after_location([t.key for t in schema.tags]))
    optional = [t for t in schema.tags if not t.required and t.key not in (*FIRST_TAGS, *LOCATION)]
    before = [t for t in optional if t.key not in later]
    after = [t for t in optional if t.key in later]
    lines: list[str] = []
    if before:
        lines.append("Optional tags, one per line, sorted by key, above [[country:...]]:")
        lines += [_tag_hint(t, schema) for t in before]
    if after:
        lines.append("Optional tags, sorted by key, below [[latlng:...]]:")
        lines += [_tag_hint(t, schema) for t in after]
    country = schema.tag(COUNTRY)
    if country is not None and country.multiple:
        lines.append("For each further location, repeat the [[country:...]] [[latlng:...]] pair.")
    return _comment(lines) if lines else None


def _section_note(section: SectionSpec) -> str | None:
    notes = []
    if not section.required:
        notes.append("This section is optional: delete it if it does not apply.")
    if section.repeatable:
        most = f" (at most {section.max_repeats} times)" if section.max_repeats else ""
        notes.append(f"Repeat this section, heading and prompts, as often as needed{most}.")
    return _comment([" ".join(notes)]) if notes else None


# --------------------------------------------------------------------------- the scaffold


def _tags(schema: Schema, options: Options, notes: list[str]) -> list[TagModel]:
    """The required tags (and the location, which every template asks for), in the
    archive's order: focal_point, year, type, then country and latlng."""
    values: dict[str, str] = {
        "focal_point": options.focal_point or PLACEHOLDER_EMAIL,
        "year": str(options.year or datetime.date.today().year),
        "type": schema.type,
    }
    if options.focal_point is None:
        notes.append(f"[[focal_point]] is a placeholder ({PLACEHOLDER_EMAIL}): write yours")
    place = options.place
    if place is not None:
        values["country"] = place.name
        if place.point is not None:
            values["latlng"] = format_point(place.point)
        else:
            notes.append(f"no reference coordinates for {place.name}: fill in [[latlng:lat,lng]]")
    elif schema.tag("country") is not None:
        notes.append("no --country: fill in [[country:...]] and [[latlng:...]]")
    wanted = [*FIRST_TAGS, *LOCATION]
    specs = [t for t in schema.tags if t.key in wanted and (t.required or t.key in LOCATION)]
    specs.sort(key=lambda t: wanted.index(t.key))
    return [TagModel(key=t.key, value=values.get(t.key, "")) for t in specs]


def _heading(section: SectionSpec, lang: Language) -> str | None:
    """The heading in ``lang``, or None when the schema has none in it."""
    if lang == "en":
        return section.heading
    return section.translations.get(lang)


def _section(section: SectionSpec, heading: str) -> SectionModel:
    content: list[PromptModel | TextModel] = []
    note = _section_note(section)
    if note:
        content.append(TextModel(markdown=note))
    content += [PromptModel(text=p.text, answer=answer_comment(p)) for p in section.prompts]
    return SectionModel(heading=heading, content=list(content))


def scaffold(schema: Schema, options: Options) -> Scaffold:
    """The ready-to-fill document for ``schema``."""
    notes: list[str] = []
    tags = _tags(schema, options, notes)
    sections = []
    untranslated = []
    for spec in schema.sections:
        heading = _heading(spec, options.lang)
        if heading is None:
            untranslated.append(spec.heading)
        sections.append(_section(spec, heading or spec.heading))
    if untranslated:
        language = LANGUAGES[options.lang]
        notes.append(
            f"schema {schema.id} has no {language} heading for "
            + ", ".join(repr(h) for h in untranslated)
            + ": written in English"
        )
    title = options.title or f"{UNTITLED}{schema.title[:1].lower()}{schema.title[1:]}"
    if options.title is None:
        notes.append("no --title: the title is a placeholder")
    document = PlanDocument(
        detected_schema=schema.id,
        title=title,
        tags=tags,
        text_after_tags=tags_comment(schema) or "",
        sections=sections,
    )
    return Scaffold(document, notes)


def languages(schema: Schema) -> list[Language]:
    """The languages every heading of ``schema`` is available in."""
    found: list[Language] = ["en"]
    others: tuple[Language, ...] = ("fr", "es")
    for lang in others:
        if all(lang in s.translations for s in schema.sections):
            found.append(lang)
    return found
