"""Schema and vocabulary files validated: YAML read safely, then pydantic models.

What a user hands in is checked here, strictly (unknown keys are errors), and a broken
file is reported with its path and, where YAML gives it, the line of the offending value.
The models are dumped to plain data, which :mod:`plancheck.schema.model` turns into the
objects rules read and :mod:`plancheck.schema.compiled` keeps in compiled form, so a check
whose schemas have not changed loads neither PyYAML nor pydantic. The models are also the
source of the JSON Schemas of the file formats (``schemas/*.schema.json``, written by
:mod:`plancheck.schema.json_schema`).

Over 400 lines because every model field carries the description that users read in the
JSON Schemas and their editors' completion: the models are the file format's reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from plancheck.errors import SchemaError
from plancheck.schema.model import Policy, TagFormat
from plancheck.vocabulary import normalize, spelling_key

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TagSpec(_Model):
    """One ``[[key:value]]`` tag the template knows."""

    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    required: bool = False
    multiple: bool = Field(False, description="May the tag appear more than once?")
    repeat_values: bool = Field(
        False,
        description="May the same value repeat (a country named for several locations)?",
    )
    format: TagFormat = TagFormat.TEXT
    values: list[str] | None = Field(None, description="The allowed values, for one-of.")
    vocabulary: str | None = Field(
        None,
        description="Vocabulary id, for vocabulary: the file vocabularies/<id>.yaml.",
    )
    policy: Policy | None = Field(
        None,
        description="closed: only vocabulary terms; open: other terms allowed, near misses "
        "of a term are drift; free: only case, spacing and trailing punctuation are drift. "
        "Default closed for format vocabulary.",
    )
    export_values: list[str] = Field(
        default_factory=list,
        description="Labels the platform offered, written so in documents of many "
        "countries and years: a list in one label (packed-tag) or a label with a stray "
        "mark (`green transition,`: vocabulary-drift) is the export's, not the author's.",
    )
    description: str = ""

    @model_validator(mode="after")
    def _format_arguments(self) -> TagSpec:
        if self.format is TagFormat.ONE_OF and not self.values:
            raise ValueError(f"tag {self.key!r}: format one-of needs a non-empty 'values' list")
        if self.format is TagFormat.VOCABULARY and not self.vocabulary:
            raise ValueError(f"tag {self.key!r}: format vocabulary needs 'vocabulary'")
        if self.vocabulary and self.format is not TagFormat.VOCABULARY:
            raise ValueError(f"tag {self.key!r}: 'vocabulary' needs format vocabulary")
        if self.policy in (Policy.CLOSED, Policy.OPEN) and not self.vocabulary:
            raise ValueError(f"tag {self.key!r}: policy {self.policy.value} needs a vocabulary")
        if self.policy is not None and self.format not in (TagFormat.TEXT, TagFormat.VOCABULARY):
            raise ValueError(f"tag {self.key!r}: a policy applies to text or vocabulary tags")
        return self


class Term(_Model):
    """One concept of a vocabulary: the name to use, and the other names seen for it."""

    term: Annotated[str, Field(min_length=1, description="The canonical form.")]
    aliases: list[str] = Field(
        default_factory=list,
        description="Misspellings, old names, other spellings and translations of the term; "
        "a value equal to one is drift with a safe fix to the canonical form.",
    )
    export_forms: list[str] = Field(
        default_factory=list,
        description="Spellings of the term that the platform itself offered as a choice "
        "(`10. Reduced innequalities`): aliases whose drift is the export's, not the author's.",
    )
    code: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = Field(
        None,
        description="For a country vocabulary: the ISO 3166-1 alpha-3 code whose names "
        "become aliases of this term.",
    )
    description: str = ""


class Region(_Model):
    """A sub-national place that authors put in a country tag, and its country."""

    name: str
    country: str = Field(description="The canonical name of the country it belongs to.")
    aliases: list[str] = Field(default_factory=list)


class Vocabulary(_Model):
    """A controlled vocabulary for a tag: its terms, their aliases, and (for countries)
    the database the terms come from and the regions that map to a country."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
    title: str
    description: str = ""
    source: Literal["iso-3166-1"] | None = Field(
        None,
        description="iso-3166-1: every country and territory of ISO 3166-1 (pycountry) is "
        "a term; 'terms' rename them (by code) or add aliases, 'regions' map places to them.",
    )
    terms: list[Term] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_term_per_form(self) -> Vocabulary:
        owner: dict[str, str] = {}
        for term in self.terms:
            for form in (term.term, *term.aliases, *term.export_forms):
                key = spelling_key(form)
                if not key:
                    raise ValueError(f"term {term.term!r}: {form!r} has no letters or digits")
                held = owner.setdefault(key, term.term)
                if held != term.term:
                    raise ValueError(
                        f"{form!r} (of {term.term!r}) is the same term as {held!r} once case, "
                        "spacing, punctuation, spelling and plurals are folded"
                    )
        codes = [t.code for t in self.terms if t.code]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"codes given twice: {', '.join(dupes)}")
        if self.source is None:
            names = {t.term for t in self.terms}
            for region in self.regions:
                if region.country not in names:
                    raise ValueError(f"region {region.name!r}: {region.country!r} is not a term")
        return self


class SharesSpec(_Model):
    """Sub-prompts (usually inside groups) whose numeric answers must add up to a total."""

    prompts: list[str]
    total: float = 100
    export_blank: bool = Field(
        False,
        description="The platform's export never wrote the shares: a blank table is the "
        "export's loss, not the author's.",
    )


class Chosen(_Model):
    """An option ticked under an earlier prompt of the same section."""

    prompt: str = Field(description="The earlier prompt, as the template writes it.")
    option: str = Field(description="The option ticked under it.")


class AnswerSpec(_Model):
    """Constraints on the answer to a prompt, as the prompt itself states them."""

    required: bool = Field(False, description="An empty answer is an empty-answer finding.")
    max_chars: Annotated[int, Field(gt=0)] | None = None
    max_items: Annotated[int, Field(gt=0)] | None = Field(
        None, description="The most list items (bulleted or numbered) the answer may have."
    )
    starts_with: str | None = Field(
        None, description="Text the answer must begin with (case, quotes and spacing ignored)."
    )
    starts_with_translations: dict[Literal["fr", "es"], list[str]] = Field(
        default_factory=dict,
        description="The same opening in other languages, by language code: an answer "
        "written in French or Spanish may begin with one of these instead.",
    )
    pattern: str | None = Field(None, description="A regular expression the answer must match.")
    options: list[str] | None = Field(
        None, description="Checklist: the only `- option` items the answer may tick."
    )
    option_aliases: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Other spellings of an option that the platform itself offered in some "
        "years, by option: an item ticked with one of them is that option.",
    )
    shares: SharesSpec | None = None
    must_contain_link: bool = False
    none_is_answer: bool | Chosen = Field(
        False,
        description="'N/A' or 'none' answers the question, so it is no placeholder: true "
        "where the question asks whether there were any (barriers met), or the earlier "
        "choice after which there is nothing to detail (the handover's details after 'Our "
        "work has not yet scaled').",
    )

    @model_validator(mode="after")
    def _pattern_compiles(self) -> AnswerSpec:
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"pattern {self.pattern!r} is not a valid regex: {exc}") from exc
        return self

    @model_validator(mode="after")
    def _aliases_of_options(self) -> AnswerSpec:
        unknown = [o for o in self.option_aliases if o not in (self.options or [])]
        if unknown:
            raise ValueError("option_aliases of options not listed: " + ", ".join(unknown))
        if self.starts_with_translations and not self.starts_with:
            raise ValueError("starts_with_translations needs starts_with")
        return self


class PromptSpec(_Model):
    text: str = Field(description="The canonical prompt text, as the template writes it.")
    aliases: list[str] = Field(
        default_factory=list, description="Other wordings of the same prompt (older forms)."
    )
    export_forms: list[str] = Field(
        default_factory=list,
        description="How the platform's own template misspelt the prompt in some years "
        "(`Please state the name of the Parter:`): drift, but the export's, not the author's.",
    )
    required: bool = True
    answer: AnswerSpec = Field(default_factory=AnswerSpec)


class SectionSpec(_Model):
    heading: str
    aliases: list[str] = Field(
        default_factory=list, description="Localized or older headings of the same section."
    )
    required: bool = True
    repeatable: bool = False
    max_repeats: Annotated[int, Field(gt=0)] | None = None
    prompts: list[PromptSpec] = Field(default_factory=list)
    conditional: bool = Field(
        False,
        description="The form asks for the section only in some documents (its lead reads "
        "'Only complete this section when presenting results'): its answers are required "
        "once one of them is written.",
    )
    export_blank_with: list[str] = Field(
        default_factory=list,
        description="Prompts of a form version whose export wrote this section without "
        "its answers: a document with one of them and a blank section is the export's loss.",
    )
    translations: dict[Literal["fr", "es"], str] = Field(
        default_factory=dict,
        description="The heading in other languages, by language code, for `plancheck new "
        "--lang`; each must also be listed in aliases, so that documents using it match.",
    )

    @model_validator(mode="after")
    def _translations_are_aliases(self) -> SectionSpec:
        # align and detect match headings by `heading` and `aliases` only: a translation
        # missing there would make every scaffold in that language drift.
        missing = [t for t in self.translations.values() if t not in self.aliases]
        if missing:
            raise ValueError(
                f"section {self.heading!r}: translations not listed in aliases: "
                + ", ".join(missing)
            )
        return self

    @model_validator(mode="after")
    def _choices_named(self) -> SectionSpec:
        # a condition naming no prompt of the section, or no option of it, never holds
        options = {p.text: p.answer.options or [] for p in self.prompts}
        for prompt in self.prompts:
            after = prompt.answer.none_is_answer
            if isinstance(after, Chosen) and after.option not in options.get(after.prompt, []):
                raise ValueError(
                    f"prompt {prompt.text!r}: none_is_answer names no option "
                    f"{after.option!r} of a prompt {after.prompt!r} in this section"
                )
        return self


class Schema(_Model):
    """A template: the tags, sections and prompts a document of this kind must have."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: str
    type: str = Field(description="The value of the document's [[type:...]] tag.")
    description: str = ""
    tags: list[TagSpec] = Field(default_factory=list)
    sections: list[SectionSpec] = Field(default_factory=list)
    allow_unknown_tags: bool = False
    allow_unknown_sections: bool = False
    default: bool = Field(
        False,
        description="Use for documents of this type whose structure fits no template.",
    )

    @model_validator(mode="after")
    def _unique_names(self) -> Schema:
        keys = [t.key for t in self.tags]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"tags declared twice: {', '.join(dupes)}")
        headings = [normalize(s.heading) for s in self.sections]
        if len(set(headings)) != len(headings):
            raise ValueError("two sections share a heading")
        return self


def _line_of(node: yaml.Node, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the YAML node that a pydantic error location points at."""
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
            if child is None:
                # an unknown key: point at the key itself
                key = next((k for k, _ in node.value if k.value == part), None)
                return key.start_mark.line + 1 if key is not None else node.start_mark.line + 1
            node = child
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
    return node.start_mark.line + 1


def _validation_message(exc: ValidationError) -> tuple[str, tuple[int | str, ...]]:
    err = exc.errors(include_url=False)[0]
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    where = ".".join(str(p) for p in loc)
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    text = err["msg"].removeprefix("Value error, ")
    return (f"{where}: {text}{more}" if where else f"{text}{more}"), loc


# What a schema or vocabulary file may amount to once its YAML aliases are expanded. The
# largest built-in file has a few thousand nodes; a "billion laughs" file (aliases of
# aliases) is a few lines that expand to billions, which validation would then walk.
MAX_EXPANDED_NODES = 1_000_000
MAX_EXPANDED_CHARS = 50_000_000


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _expanded_size(root: yaml.Node) -> tuple[int, int] | None:
    """Nodes and scalar characters of the document with its aliases expanded, or None
    when an alias refers to a node that contains it. An alias is the very node it names,
    so each node is measured once: the size of a bomb is computed without expanding it.
    Iterative, since nesting may be deeper than Python's recursion limit."""
    sizes: dict[int, tuple[int, int]] = {}
    ancestors: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            parts = [sizes[id(child)] for child in _children(node)]
            own = len(node.value) if isinstance(node, yaml.ScalarNode) else 0
            sizes[key] = (1 + sum(n for n, _ in parts), own + sum(c for _, c in parts))
            ancestors.discard(key)
        elif key not in sizes:
            if key in ancestors:
                return None
            ancestors.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def _compose(text: str, path: Path | str, what: str) -> tuple[yaml.Node, dict[str, Any]]:
    try:
        # compose() builds nodes without constructing Python objects: it never runs
        # code, and it keeps the marks we need for line numbers.
        node = yaml.compose(text, Loader=_LOADER)
        size = _expanded_size(node) if node is not None else (0, 0)
        if size is None:
            raise SchemaError(path, "invalid YAML: an alias refers to a node that contains it")
        if size[0] > MAX_EXPANDED_NODES or size[1] > MAX_EXPANDED_CHARS:
            raise SchemaError(
                path,
                f"invalid YAML: its aliases expand it to {size[0]:,} values and {size[1]:,} "
                f"characters, above the limits of {MAX_EXPANDED_NODES:,} and "
                f"{MAX_EXPANDED_CHARS:,} (aliases of aliases?)",
            )
        data: Any = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise SchemaError(
            path, f"invalid YAML: {problem}", mark.line + 1 if mark else None
        ) from None
    except RecursionError:  # the pure-Python loader on deep nesting (the C one has a limit)
        raise SchemaError(path, "invalid YAML: nested too deeply") from None
    if not isinstance(data, dict) or node is None:
        raise SchemaError(path, f"a {what} must be a YAML mapping", 1)
    return node, data


def validate_schema(
    text: str, path: Path | str, vocabularies: Callable[[], Collection[str]]
) -> dict[str, Any]:
    """The schema in ``text`` as plain data; ``vocabularies`` gives the ids its tags may
    name (asked only when a tag names one). Raise :class:`SchemaError` naming the file and
    line."""
    node, data = _compose(text, path, "schema")
    try:
        schema = Schema.model_validate(data)
    except ValidationError as exc:
        message, loc = _validation_message(exc)
        raise SchemaError(path, message, _line_of(node, loc)) from None
    wanted = [(i, t.vocabulary) for i, t in enumerate(schema.tags) if t.vocabulary]
    if wanted:
        known = vocabularies()
        for i, name in wanted:
            if name not in known:
                names = ", ".join(sorted(known)) or "none"
                raise SchemaError(
                    path,
                    f"tags.{i}.vocabulary: no vocabulary {name!r} "
                    f"(vocabularies/{name}.yaml); known: {names}",
                    _line_of(node, ("tags", i, "vocabulary")),
                )
    return schema.model_dump(mode="json")


def validate_vocabulary(text: str, path: Path | str) -> dict[str, Any]:
    """The vocabulary in ``text`` as plain data; raise :class:`SchemaError` naming the
    file and line."""
    node, data = _compose(text, path, "vocabulary")
    try:
        return Vocabulary.model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        message, loc = _validation_message(exc)
        raise SchemaError(path, message, _line_of(node, loc)) from None


def vocabulary_file(text: str, path: Path) -> dict[str, Any]:
    """A vocabulary file's data: valid, and its id the file's name."""
    data = validate_vocabulary(text, path)
    if data["id"] != path.stem:
        raise SchemaError(path, f"id {data['id']!r} must be the file name {path.stem!r}", 1)
    return data


# the file formats by name, for their JSON Schemas
MODELS: dict[str, type[BaseModel]] = {"schema": Schema, "vocabulary": Vocabulary}
