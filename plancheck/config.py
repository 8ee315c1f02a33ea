"""Configuration: `[tool.plancheck]` in pyproject.toml or a `.plancheck.toml`.

Each checked file uses the nearest configuration file found by walking up from its folder
(in one folder `.plancheck.toml` wins over `pyproject.toml`, and a pyproject.toml without
a `[tool.plancheck]` table does not count). `--config FILE` uses one file for every path,
`--isolated` none. Command-line options win over the file, the file over the defaults.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from plancheck.diagnostics import Severity
from plancheck.settings import DEFAULT_MAX_FILE_SIZE as DEFAULT_MAX_FILE_SIZE
from plancheck.settings import DEFAULT_SETTINGS, Settings
from plancheck.sources import ConfigError as ConfigError  # re-exported: callers know it here
from plancheck.sources import nearest_config, read_table


class FileConfig(BaseModel):
    """The keys of `[tool.plancheck]` / `.plancheck.toml` (all optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    select: list[str] | None = Field(
        None, description="Rules to use (codes, code prefixes or names); default: all."
    )
    extend_select: list[str] = Field(
        default_factory=list, alias="extend-select", description="Rules added to select."
    )
    ignore: list[str] = Field(default_factory=list, description="Rules left out.")
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Severity per rule (code or name): error, warning, info."
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="Globs (relative to this file's folder) of files and folders to skip "
        "when walking folders.",
    )
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        alias="per-file-ignores",
        description="Glob -> rules left out for the files it matches.",
    )
    schemas: dict[str, str] = Field(
        default_factory=dict, description="Glob -> schema id to use for the files it matches."
    )
    schema_paths: list[str] = Field(
        default_factory=list,
        alias="schema-paths",
        description="Extra folders of schema files (and their vocabularies/), relative to "
        "this file's folder.",
    )
    coordinate_tolerance_km: float | None = Field(
        None,
        ge=0,
        alias="coordinate-tolerance-km",
        description="How far (km) a point may lie outside its country's boundary (default 50).",
    )
    max_file_size: int | None = Field(
        None,
        gt=0,
        strict=True,
        alias="max-file-size",
        description="Files larger than this many bytes are reported as file-too-large "
        "instead of being read and parsed (default 10 MiB).",
    )

    def settings(self) -> Settings:
        """The Settings this file gives: its values over the defaults."""
        given = {
            name: value
            for name in ("coordinate_tolerance_km", "max_file_size")
            if (value := getattr(self, name)) is not None
        }
        return replace(DEFAULT_SETTINGS, **given) if given else DEFAULT_SETTINGS


@dataclass(frozen=True)
class Config:
    """A loaded configuration and the folder its relative paths and globs start from."""

    path: Path | None
    root: Path
    data: FileConfig = field(default_factory=FileConfig)

    def matches(self, patterns: list[str] | dict[str, Any], path: Path) -> list[str]:
        """The patterns (globs) that match ``path``, relative to the root."""
        try:
            # realpath, not Path.resolve(): a link loop found while walking a folder must
            # not raise here (resolve() raises RuntimeError on one; realpath leaves it be).
            real = Path(os.path.realpath(path))
            relative = PurePosixPath(real.relative_to(self.root).as_posix())
        except ValueError:
            relative = PurePosixPath(path.as_posix())
        found = []
        for pattern in patterns:
            if fnmatch.fnmatch(str(relative), pattern) or any(
                fnmatch.fnmatch(str(parent), pattern.rstrip("/"))
                for parent in relative.parents
                if str(parent) != "."
            ):
                found.append(pattern)
        return found


def _keys() -> list[str]:
    """The keys a configuration may have, as users write them (with hyphens)."""
    return [field.alias or name for name, field in FileConfig.model_fields.items()]


def _problems(exc: ValidationError) -> list[str]:
    """Every problem pydantic found, an unknown key with the nearest known one."""
    from plancheck.suggest import unknown  # difflib, only when a configuration is wrong

    out = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden" and len(err["loc"]) == 1:
            out.append(unknown("unknown key", where, _keys()))
        else:
            out.append(f"{where}: {err['msg']}")
    return out


def load_config(path: Path) -> Config:
    """Load one configuration file; raise :class:`ConfigError` naming it and every
    problem in it."""
    table = read_table(path)
    if table is None:
        if path.name == "pyproject.toml":
            raise ConfigError(f"{path}: has no [tool.plancheck] table")
        table = {}
    if path.name != "pyproject.toml" and isinstance(table.get("tool"), dict):
        # The pyproject.toml table copied whole: say where its keys go instead of
        # calling `tool` an unknown key.
        raise ConfigError(
            f"{path}: [tool.plancheck] is the table of pyproject.toml; in {path.name} the "
            "keys go at the top level (remove the [tool.plancheck] line)"
        )
    try:
        data = FileConfig.model_validate(table)
    except ValidationError as exc:
        section = "[tool.plancheck] " if path.name == "pyproject.toml" else ""
        raise ConfigError(f"{path}: {section}" + "; ".join(_problems(exc))) from None
    return Config(path, path.parent.resolve(), data)


def find_config(folder: Path) -> Config | None:
    """The nearest configuration at or above ``folder``; callers cache it for a run
    (a language server's run is long, so the cache must not outlive it)."""
    path = nearest_config(folder)
    return load_config(path) if path is not None else None
