"""What applies to each file: command-line options over its configuration over defaults,
resolved once per configuration file (the files themselves are read by
:mod:`plancheck.config`, the command line's options are :class:`plancheck.sources.Options`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plancheck.errors import ConfigError, SchemaError, SelectorError, UnknownSchema
from plancheck.linter import RuleSet
from plancheck.schema import Schema, load_schemas
from plancheck.settings import DEFAULT_SETTINGS, Settings
from plancheck.sources import Options, folder_of, nearest_config

if TYPE_CHECKING:
    from plancheck.config import Config


def _load_config(path: Path) -> Config:
    # pydantic (which validates configuration files) is loaded only when there is one.
    from plancheck.config import load_config

    return load_config(path)


@dataclass(frozen=True)
class FileOptions:
    """Everything a check of one file needs."""

    schemas: dict[str, Schema]
    schema_id: str | None
    rules: RuleSet
    settings: Settings


class Resolver:
    """Resolves options per file, caching the work per configuration file."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._forced = _load_config(options.config) if options.config else None
        self._base: dict[Path | None, FileOptions] = {}
        self._configs: dict[Path, Config | None] = {}

    def config_for(self, path: str) -> Config | None:
        if self.options.isolated:
            return None
        if self._forced is not None:
            return self._forced
        folder = Path.cwd() if path == "-" else folder_of(path)
        if folder not in self._configs:
            found = nearest_config(folder)
            self._configs[folder] = _load_config(found) if found is not None else None
        return self._configs[folder]

    def excluded(self, path: str) -> bool:
        """Whether a file or folder met while walking folders is excluded."""
        config = self.config_for(path)
        return bool(
            config and config.data.exclude and config.matches(config.data.exclude, Path(path))
        )

    def _for_config(self, config: Config | None) -> FileOptions:
        key = config.path if config else None
        if key in self._base:
            return self._base[key]
        data = config.data if config else None
        folders = [config.root / p for p in data.schema_paths] if config and data else []
        schemas = load_schemas([*folders, *self.options.schema_paths])
        if self.options.schema_id is not None and self.options.schema_id not in schemas:
            known = ", ".join(sorted(schemas))
            raise UnknownSchema(f"unknown schema {self.options.schema_id!r}; known: {known}")
        # --select replaces the file's select and extend-select; --ignore adds to ignore.
        select: list[str] = list(self.options.select)
        if not select and data is not None and data.select is not None:
            select = [*data.select, *data.extend_select]
        ignore = [*(data.ignore if data else []), *self.options.ignore]
        try:
            rules = RuleSet.from_selectors(select, ignore, severity=data.severity if data else {})
        except SelectorError as exc:
            raise ConfigError(f"{config.path if config else 'command line'}: {exc}") from None
        settings = data.settings() if data is not None else DEFAULT_SETTINGS
        base = FileOptions(schemas, self.options.schema_id, rules, settings)
        self._base[key] = base
        return base

    def for_path(self, path: str) -> FileOptions:
        config = self.config_for(path)
        base = self._for_config(config)
        if config is None or path == "-":
            return base
        target = Path(path)
        schema_id = base.schema_id
        if schema_id is None:
            for pattern in config.matches(config.data.schemas, target):
                schema_id = config.data.schemas[pattern]
            if schema_id is not None and schema_id not in base.schemas:
                raise SchemaError(config.path or "", f"schemas: unknown schema id {schema_id!r}")
        ignores = [
            rule
            for pattern in config.matches(config.data.per_file_ignores, target)
            for rule in config.data.per_file_ignores[pattern]
        ]
        try:
            rules = base.rules.without(ignores) if ignores else base.rules
        except SelectorError as exc:
            raise ConfigError(f"{config.path}: per-file-ignores: {exc}") from None
        return FileOptions(base.schemas, schema_id, rules, base.settings)
