"""Schemas and vocabularies as rules read them, loaded once and kept in compiled form.

A schema is data (YAML in ``schemas/``): adding a template version needs no code. The
files are validated by the pydantic models of :mod:`plancheck.schema_files` (strict, a
broken file named with its line); what they hold becomes the plain, immutable objects
here. A run's schemas and vocabularies are also written, as that plain data, to a compiled
file in the user's cache folder, keyed by the bytes of every schema and vocabulary file
the run reads and by plancheck's version: a later run with the same files reads that one
JSON file instead of parsing YAML and building pydantic models (most of the start-up of a
one-file check). An edited, added or removed file, or another plancheck, makes a new key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plancheck import __version__
from plancheck.errors import SchemaError
from plancheck.sources import builtin_schema_dir
from plancheck.vocabulary import normalize

if TYPE_CHECKING:
    from pydantic import BaseModel

    from plancheck.vocabulary import TermIndex

SCHEMA_SUFFIXES = (".yaml", ".yml")
VOCABULARY_FOLDER = "vocabularies"
COMPILED_KEPT = 16  # compiled files kept in the cache folder (projects, schema versions)
FORMAT = 3  # of the compiled data: raise it when what is kept changes (part of the key)


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


# --- what rules read (the fields are those of the files: see schema_files) ----------


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
    description: str = ""

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

    @classmethod
    def of(cls, data: dict[str, Any]) -> AnswerSpec:
        shares = data["shares"]
        return cls(**{**data, "shares": SharesSpec(**shares) if shares else None})

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


# --- reading one file (validated each time: for `schema check`, tests, the editor) ----


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(path, f"cannot read {what}: {exc}") from None


def parse_schema(
    text: str,
    path: Path | str = "<schema>",
    vocabularies: Mapping[str, Vocabulary] | None = None,
) -> Schema:
    """Validate schema text and resolve its vocabularies (the built-in ones by default);
    raise :class:`SchemaError` naming the file and line."""
    from plancheck.schema_files import validate_schema

    known: dict[str, Vocabulary] = {}

    def names() -> Mapping[str, Vocabulary]:
        known.update(builtin_vocabularies() if vocabularies is None else vocabularies)
        return known

    data = validate_schema(text, path, names)
    return Schema.of(data, known)


def load_schema(path: Path, vocabularies: Mapping[str, Vocabulary] | None = None) -> Schema:
    """A schema file; its vocabularies are the built-in ones and those of a
    ``vocabularies/`` folder next to it, unless ``vocabularies`` is given."""
    text = _read(path, "schema")
    if vocabularies is None and (path.parent / VOCABULARY_FOLDER).is_dir():
        vocabularies = load_vocabularies([path.parent])
    return parse_schema(text, path, vocabularies)


def parse_vocabulary(text: str, path: Path | str = "<vocabulary>") -> Vocabulary:
    """Validate vocabulary text; raise :class:`SchemaError` naming the file and line."""
    from plancheck.schema_files import validate_vocabulary

    return Vocabulary.of(validate_vocabulary(text, path))


def load_vocabulary(path: Path) -> Vocabulary:
    return Vocabulary.of(_vocabulary_data(path, _read(path, "vocabulary")))


def _vocabulary_data(path: Path, text: str) -> dict[str, Any]:
    from plancheck.schema_files import validate_vocabulary

    data = validate_vocabulary(text, path)
    if data["id"] != path.stem:
        raise SchemaError(path, f"id {data['id']!r} must be the file name {path.stem!r}", 1)
    return data


def schema_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SCHEMA_SUFFIXES and p.is_file())


# --- a run's schemas: the folders' files, compiled once ----------------------------------


@dataclass(frozen=True)
class _Inputs:
    """The files a set of schema folders amounts to, in the order they are loaded (a
    later one wins), with their bytes."""

    vocabularies: tuple[tuple[Path, bytes], ...]
    schemas: tuple[tuple[Path, bytes], ...]

    @classmethod
    def of(cls, folders: list[Path]) -> _Inputs:
        everything = [builtin_schema_dir(), *folders]
        vocabulary_folders = [f / VOCABULARY_FOLDER for f in everything]
        return cls(
            tuple(_contents(f) for folder in vocabulary_folders for f in _files_in(folder)),
            tuple(_contents(f) for folder in everything for f in schema_files(folder)),
        )

    @cached_property
    def key(self) -> str:
        digest = hashlib.sha256(f"plancheck {__version__} compiled {FORMAT}\0".encode())
        for kind, files in (("vocabulary", self.vocabularies), ("schema", self.schemas)):
            for path, data in files:
                # the path too: error messages and the file-name rule of vocabularies use it
                digest.update(f"{kind}\0{path}\0{len(data)}\0".encode("utf-8", "surrogatepass"))
                digest.update(data)
        return digest.hexdigest()


def _files_in(folder: Path) -> list[Path]:
    return schema_files(folder) if folder.is_dir() else []


def _contents(path: Path) -> tuple[Path, bytes]:
    try:
        return path, path.read_bytes()
    except OSError as exc:
        what = "vocabulary" if path.parent.name == VOCABULARY_FOLDER else "schema"
        raise SchemaError(path, f"cannot read {what}: {exc}") from None


def _compile(inputs: _Inputs) -> dict[str, Any]:
    """Validate every file (pydantic): the plain data of the vocabularies by id and of
    the schemas by id, a later file winning, as the files were before compiling."""
    vocabularies: dict[str, Any] = {}
    for path, data in inputs.vocabularies:
        vocabulary = _vocabulary_data(path, _decode(path, data, "vocabulary"))
        vocabularies[vocabulary["id"]] = vocabulary
    for name, vocabulary in vocabularies.items():
        vocabularies[name] = {**vocabulary, **Vocabulary.of(vocabulary).compiled()}
    schemas: dict[str, Any] = {}
    from plancheck.schema_files import validate_schema

    for path, data in inputs.schemas:
        schema = validate_schema(_decode(path, data, "schema"), path, lambda: vocabularies)
        schemas[schema["id"]] = schema
    return {"vocabularies": vocabularies, "schemas": schemas}


def _decode(path: Path, data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemaError(path, f"cannot read {what}: {exc}") from None


def compiled_folder() -> Path:
    """Where compiled schemas are kept: ``$PLANCHECK_SCHEMA_CACHE``, else plancheck's
    folder in the user's cache folder (``$XDG_CACHE_HOME``, ``~/.cache``)."""
    given = os.environ.get("PLANCHECK_SCHEMA_CACHE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "plancheck"


def _read_compiled(key: str) -> dict[str, Any] | None:
    """The compiled data of ``key``, or None (absent, unreadable, or not what it says)."""
    try:
        text = (compiled_folder() / f"schemas-{key}.json").read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return data


def _write_compiled(key: str, data: dict[str, Any]) -> None:
    """Keep the compiled data for the next run; a folder that cannot be written is no
    error (the next run validates the files again)."""
    import tempfile  # only when compiling

    folder = compiled_folder()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".schemas-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({**data, "key": key}, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, folder / f"schemas-{key}.json")
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        _prune(folder)


def _prune(folder: Path) -> None:
    """Remove all but the newest compiled files (one a project and schema version)."""
    kept = sorted(folder.glob("schemas-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[COMPILED_KEPT:]:
        with contextlib.suppress(OSError):
            old.unlink()


@dataclass(frozen=True)
class _Loaded:
    vocabularies: dict[str, Vocabulary]
    schemas: dict[str, Schema]


_LOADED: dict[str, _Loaded] = {}  # by key: one set of objects (and term indexes) a process


def _load(folders: list[Path] | None) -> _Loaded:
    inputs = _Inputs.of(list(folders or []))
    loaded = _LOADED.get(inputs.key)
    if loaded is None:
        data = _read_compiled(inputs.key)
        if data is None:
            data = _compile(inputs)
            _write_compiled(inputs.key, data)
        vocabularies = {k: Vocabulary.of(v) for k, v in data["vocabularies"].items()}
        schemas = {k: Schema.of(s, vocabularies) for k, s in data["schemas"].items()}
        loaded = _LOADED[inputs.key] = _Loaded(vocabularies, schemas)
    return loaded


def builtin_vocabularies() -> dict[str, Vocabulary]:
    """The built-in vocabularies by id (loaded once; their indexes are built on use)."""
    return dict(_load([]).vocabularies)


def load_vocabularies(folders: list[Path] | None = None) -> dict[str, Vocabulary]:
    """The built-in vocabularies and those in ``<folder>/vocabularies/``; a later one wins."""
    return dict(_load(folders).vocabularies)


def load_schemas(folders: list[Path] | None = None) -> dict[str, Schema]:
    """All schemas of the built-in folder and ``folders``, by id; a later one wins."""
    return dict(_load(folders).schemas)


def format_json_schema(model: type[Any] = Schema, name: str = "schema") -> str:
    """The JSON Schema of schema files, for editors (committed as schemas/schema.schema.json);
    of vocabulary files with ``Vocabulary, "vocabulary"``; of another pydantic model."""
    from plancheck.schema_files import MODELS, json_schema

    chosen: type[BaseModel] = MODELS[name] if model in (Schema, Vocabulary) else model
    return json_schema(chosen)
