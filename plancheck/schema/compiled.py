"""A run's schemas: the folders' files, validated once and kept in compiled form.

A run's schemas and vocabularies are written, as the plain data the files validate to, to
a compiled file in the user's cache folder, keyed by the bytes of every schema and
vocabulary file the run reads and by plancheck's version: a later run with the same files
reads that one JSON file instead of parsing YAML and building pydantic models (most of the
start-up of a one-file check). An edited, added or removed file, or another plancheck,
makes a new key. The validation itself (:mod:`plancheck.schema.files`) is imported only
when a key has no compiled file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from plancheck import __version__
from plancheck.errors import SchemaError
from plancheck.schema.model import Schema, Vocabulary
from plancheck.sources import builtin_schema_dir

SCHEMA_SUFFIXES = (".yaml", ".yml")
VOCABULARY_FOLDER = "vocabularies"  # beside the schema files of a folder
COMPILED_KEPT = 16  # compiled files kept in the cache folder (projects, schema versions)
FORMAT = 5  # of the compiled data: raise it when what is kept changes (part of the key)


def schema_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SCHEMA_SUFFIXES and p.is_file())


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
    from plancheck.schema.files import vocabulary_file

    for path, data in inputs.vocabularies:
        vocabulary = vocabulary_file(_decode(path, data, "vocabulary"), path)
        vocabularies[vocabulary["id"]] = vocabulary
    for name, vocabulary in vocabularies.items():
        vocabularies[name] = {**vocabulary, **Vocabulary.of(vocabulary).compiled()}
    schemas: dict[str, Any] = {}
    from plancheck.schema.files import validate_schema

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
class Loaded:
    """A set of folders' vocabularies and schemas, by id."""

    vocabularies: dict[str, Vocabulary]
    schemas: dict[str, Schema]


_LOADED: dict[str, Loaded] = {}  # by key: one set of objects (and term indexes) a process


def load(folders: list[Path] | None) -> Loaded:
    """The built-in schemas and vocabularies and those of ``folders`` (a later one wins):
    read from the compiled file of their key, or validated and compiled; one set of
    objects (and term indexes) a process for each key."""
    inputs = _Inputs.of(list(folders or []))
    loaded = _LOADED.get(inputs.key)
    if loaded is None:
        data = _read_compiled(inputs.key)
        if data is None:
            data = _compile(inputs)
            _write_compiled(inputs.key, data)
        vocabularies = {k: Vocabulary.of(v) for k, v in data["vocabularies"].items()}
        schemas = {k: Schema.of(s, vocabularies) for k, s in data["schemas"].items()}
        loaded = _LOADED[inputs.key] = Loaded(vocabularies, schemas)
    return loaded
