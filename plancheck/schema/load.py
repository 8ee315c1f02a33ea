"""Loading schemas and vocabularies: one file (validated each time: for `schema check`,
tests, the editor), or a run's whole set (compiled once, :mod:`plancheck.schema.compiled`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from plancheck.errors import SchemaError
from plancheck.schema.compiled import VOCABULARY_FOLDER, load
from plancheck.schema.model import Schema, Vocabulary

# --- a run's schemas ----------------------------------------------------------------------


def builtin_vocabularies() -> dict[str, Vocabulary]:
    """The built-in vocabularies by id (loaded once; their indexes are built on use)."""
    return dict(load([]).vocabularies)


def load_vocabularies(folders: list[Path] | None = None) -> dict[str, Vocabulary]:
    """The built-in vocabularies and those in ``<folder>/vocabularies/``; a later one wins."""
    return dict(load(folders).vocabularies)


def load_schemas(folders: list[Path] | None = None) -> dict[str, Schema]:
    """All schemas of the built-in folder and ``folders``, by id; a later one wins."""
    return dict(load(folders).schemas)


# --- one file -----------------------------------------------------------------------------


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
    from plancheck.schema.files import validate_schema

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
    from plancheck.schema.files import validate_vocabulary

    return Vocabulary.of(validate_vocabulary(text, path))


def load_vocabulary(path: Path) -> Vocabulary:
    from plancheck.schema.files import vocabulary_file

    return Vocabulary.of(vocabulary_file(_read(path, "vocabulary"), path))
