"""Schemas and vocabularies as rules read them: plain, immutable objects.

The fields are those of the files (see :mod:`plancheck.schema.files`, which validates
them); the objects are made from the files' plain data, validated or read back from the
compiled schemas (:mod:`plancheck.schema.compiled`), by each class's ``of``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any

from plancheck.vocabulary import normalize

if TYPE_CHECKING:
    from plancheck.vocabulary import TermIndex


class TagFormat(StrEnum):
    TEXT = "text"
    EMAIL = "email"
    YEAR = "year"
    INTEGER = "integer"
    COORDINATES = "coordinates"
    ONE_OF = "one-of"
    VOCABULARY = "vocabulary"
    URL = "url"  # a web link (the solution holder's consent form)


class Policy(StrEnum):
    """How strictly a tag's values are held to its vocabulary."""

    CLOSED = "closed"  # only vocabulary terms are valid
    OPEN = "open"  # any term is valid, but a near miss of a vocabulary term is drift
    FREE = "free"  # free text: only case, spacing and trailing punctuation are drift


@dataclass(frozen=True)
class TagSpec:
    """One ``[[key:value]]`` tag the template knows."""

    key: str
    required: bool = False
    multiple: bool = False
    repeat_values: bool = False
    format: TagFormat = TagFormat.TEXT
    values: list[str] | None = None
    vocabulary: str | None = None
    policy: Policy | None = None
    export_values: list[str] = field(default_factory=list)  # offered as one label
    description: str = ""

    def offered(self, value: str) -> bool:
        """Is ``value`` a label the platform offered as it is (``export_values``)?"""
        return value.strip() in self.export_values

    @property
    def effective_policy(self) -> Policy | None:
        if self.policy is None and self.format is TagFormat.VOCABULARY:
            return Policy.CLOSED
        return self.policy

    @classmethod
    def of(cls, data: dict[str, Any]) -> TagSpec:
        policy = data["policy"]
        return cls(
            **{
                **data,
                "format": TagFormat(data["format"]),
                "policy": Policy(policy) if policy else None,
            }
        )


@dataclass(frozen=True)
class Term:
    """One concept of a vocabulary: the name to use, and the other names seen for it."""

    term: str
    aliases: list[str] = field(default_factory=list)
    export_forms: list[str] = field(default_factory=list)  # the platform's own misspellings
    code: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Region:
    """A sub-national place that authors put in a country tag, and its country."""

    name: str
    country: str
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Vocabulary:
    """A controlled vocabulary for a tag: its terms, their aliases, and (for countries)
    the database the terms come from and the regions that map to a country."""

    id: str
    title: str
    description: str = ""
    source: str | None = None
    terms: list[Term] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    # from the compiled schemas: the index's tables and the country codes, built already
    _tables: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    _codes: dict[str, str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, data: dict[str, Any]) -> Vocabulary:
        return cls(
            **{
                **data,
                "terms": [Term(**t) for t in data["terms"]],
                "regions": [Region(**r) for r in data["regions"]],
            }
        )

    @cached_property
    def index(self) -> TermIndex:
        """The lookup tables, built on first use (or read from the compiled schemas) and
        kept with the vocabulary."""
        if self.source == "iso-3166-1":
            from plancheck.countries import CountryIndex, country_index

            if self._tables is not None:
                return CountryIndex.from_tables(self._tables)
            return country_index(self)
        from plancheck.vocabulary import Entry, TermIndex

        if self._tables is not None:
            return TermIndex.from_tables(self._tables)
        return TermIndex(
            (Entry(t.term, (*t.aliases, *t.export_forms)) for t in self.terms),
            ((n, r.country) for r in self.regions for n in (r.name, *r.aliases)),
        )

    @cached_property
    def export_forms(self) -> frozenset[str]:
        """Every form of a term that the platform itself offered."""
        return frozenset(f for t in self.terms for f in t.export_forms)

    @cached_property
    def codes(self) -> dict[str, str]:
        """For a country vocabulary: names -> ISO alpha-3 codes (pycountry's readable
        names and the terms the vocabulary renames); empty for others."""
        if self._codes is not None:
            return self._codes
        if self.source != "iso-3166-1":
            return {}
        from plancheck.countries import country_codes

        return country_codes(self)

    @cached_property
    def names(self) -> dict[str, str]:
        """ISO alpha-3 codes -> the name the archive uses (the reverse of :attr:`codes`)."""
        return {code: name for name, code in self.codes.items()}

    def compiled(self) -> dict[str, Any]:
        """What the compiled schemas keep besides the file's data: the index's tables and
        the country codes (none when the index cannot be built: that error is reported
        where the index is first used, as without compiling)."""
        try:
            return {"_tables": self.index.tables(), "_codes": self.codes or None}
        except ValueError:
            return {}


@dataclass(frozen=True)
class SharesSpec:
    """Sub-prompts (usually inside groups) whose numeric answers must add up to a total."""

    prompts: list[str]
    total: float = 100
    export_blank: bool = False  # the export never wrote the shares (see schema_files)


@dataclass(frozen=True)
class Chosen:
    """An option ticked under an earlier prompt of the same section."""

    prompt: str
    option: str


@dataclass(frozen=True)
class AnswerSpec:
    """Constraints on the answer to a prompt, as the prompt itself states them."""

    required: bool = False
    max_chars: int | None = None
    max_items: int | None = None
    starts_with: str | None = None
    # the same opening in other languages, by language code
    starts_with_translations: dict[str, list[str]] = field(default_factory=dict)
    pattern: str | None = None
    options: list[str] | None = None
    # other spellings of an option the platform offered, by option
    option_aliases: dict[str, list[str]] = field(default_factory=dict)
    shares: SharesSpec | None = None
    must_contain_link: bool = False
    # "N/A" answers it: always (True), or after the earlier choice (see schema_files)
    none_is_answer: bool | Chosen = False

    @classmethod
    def of(cls, data: dict[str, Any]) -> AnswerSpec:
        shares = data["shares"]
        after = data.get("none_is_answer", False)
        return cls(
            **{
                **data,
                "shares": SharesSpec(**shares) if shares else None,
                "none_is_answer": Chosen(**after) if isinstance(after, dict) else after,
            }
        )

    def describe(self) -> list[str]:
        """The constraints in words, for messages and scaffolds."""
        words = []
        if self.required:
            words.append("required")
        if self.max_chars:
            words.append(f"at most {self.max_chars} characters")
        if self.max_items:
            words.append(f"at most {self.max_items} items")
        if self.starts_with:
            words.append(f"starts with {self.starts_with!r}")
        if self.pattern:
            words.append(f"matches /{self.pattern}/")
        if self.options:
            words.append("options: " + ", ".join(self.options))
        if self.shares:
            words.append(
                f"shares of {', '.join(self.shares.prompts)} add up to {self.shares.total:g}"
            )
        if self.must_contain_link:
            words.append("contains a link")
        return words


@dataclass(frozen=True)
class PromptSpec:
    text: str
    aliases: list[str] = field(default_factory=list)
    export_forms: list[str] = field(default_factory=list)  # the platform's own misspellings
    required: bool = True
    answer: AnswerSpec = field(default_factory=AnswerSpec)

    @classmethod
    def of(cls, data: dict[str, Any]) -> PromptSpec:
        return cls(**{**data, "answer": AnswerSpec.of(data["answer"])})

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(normalize(t) for t in (self.text, *self.aliases))


@dataclass(frozen=True)
class SectionSpec:
    heading: str
    aliases: list[str] = field(default_factory=list)
    required: bool = True
    repeatable: bool = False
    max_repeats: int | None = None
    prompts: list[PromptSpec] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)  # "fr", "es" -> heading
    conditional: bool = False  # answered only in some documents (see schema_files)
    # prompts of a form version whose export left this section's answers out
    export_blank_with: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, data: dict[str, Any]) -> SectionSpec:
        return cls(**{**data, "prompts": [PromptSpec.of(p) for p in data["prompts"]]})

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(normalize(t) for t in (self.heading, *self.aliases))


@dataclass(frozen=True)
class Schema:
    """A template: the tags, sections and prompts a document of this kind must have."""

    id: str
    title: str
    type: str  # the value of the document's [[type:...]] tag
    description: str = ""
    tags: list[TagSpec] = field(default_factory=list)
    sections: list[SectionSpec] = field(default_factory=list)
    allow_unknown_tags: bool = False
    allow_unknown_sections: bool = False
    default: bool = False  # for documents of this type whose structure fits no template
    # tag key -> its vocabulary, resolved when the schema was loaded
    _vocabularies: dict[str, Vocabulary] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, data: dict[str, Any], vocabularies: Mapping[str, Vocabulary]) -> Schema:
        tags = [TagSpec.of(t) for t in data["tags"]]
        return cls(
            **{
                **data,
                "tags": tags,
                "sections": [SectionSpec.of(s) for s in data["sections"]],
                "_vocabularies": {t.key: vocabularies[t.vocabulary] for t in tags if t.vocabulary},
            }
        )

    def vocabulary(self, key: str) -> Vocabulary | None:
        """The vocabulary of tag ``key``, resolved when the schema was loaded."""
        return self._vocabularies.get(key)

    @cached_property
    def coordinate_keys(self) -> frozenset[str]:
        """The tags that hold a location's coordinates (`latlng`)."""
        return frozenset(t.key for t in self.tags if t.format is TagFormat.COORDINATES)

    @cached_property
    def policies(self) -> dict[str, tuple[Policy, Vocabulary | None]]:
        """The tags that have a policy: key -> (policy, vocabulary), for the rules."""
        return {
            t.key: (t.effective_policy, self.vocabulary(t.key))
            for t in self.tags
            if t.effective_policy is not None
        }

    def tag(self, key: str) -> TagSpec | None:
        return self._tags_by_key.get(key)

    @cached_property
    def _tags_by_key(self) -> dict[str, TagSpec]:
        return {t.key: t for t in self.tags}

    @cached_property
    def prompt_keys(self) -> frozenset[str]:
        """Every normalized prompt text and alias of the template (for detection)."""
        return frozenset().union(*(p.keys for s in self.sections for p in s.prompts))

    def section_for(self, heading: str) -> SectionSpec | None:
        """The section whose heading or alias matches ``heading`` after normalization."""
        return self._sections_by_key.get(normalize(heading))

    @cached_property
    def _sections_by_key(self) -> dict[str, SectionSpec]:
        return {k: s for s in self.sections for k in s.keys}
