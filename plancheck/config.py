"""Configuration files: `[tool.plancheck]` in pyproject.toml or a `.plancheck.toml`, read
and validated (their keys, and each rule's options under `[tool.plancheck.rules.<name>]`).

Each checked file uses the nearest configuration file found by walking up from its folder
(in one folder `.plancheck.toml` wins over `pyproject.toml`, and a pyproject.toml without
a `[tool.plancheck]` table does not count). `--config FILE` uses one file for every path,
`--isolated` none. Command-line options win over the file, the file over the defaults.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from plancheck import codes
from plancheck.codes import COORDINATE_TOLERANCE, OptionError
from plancheck.diagnostics import Severity
from plancheck.settings import DEFAULT_SETTINGS, Settings
from plancheck.sources import ConfigError, nearest_config, read_table

# The top-level key that was PC504's option before rules had options of their own.
DEPRECATED_TOLERANCE = "coordinate-tolerance-km"
TOLERANCE_RULE = codes.BY_CODE["PC504"]


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
        alias=DEPRECATED_TOLERANCE,
        description="Deprecated: `tolerance-km` under `[rules.coordinates-outside-country]`.",
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Rule name -> its options (each rule's page lists them).",
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
        """The Settings this file gives: its values over the defaults. Call it on a
        configuration whose rule options :func:`rule_option_problems` found sound."""
        given: dict[str, Any] = {}
        if self.max_file_size is not None:
            given["max_file_size"] = self.max_file_size
        options = {
            codes.BY_NAME[name].code: {
                key: _declared(name, key).validate(value) for key, value in table.items()
            }
            for name, table in self.rules.items()
            if table
        }
        if self.coordinate_tolerance_km is not None:
            # the rule's own key wins over the deprecated one
            tolerance = options.setdefault(TOLERANCE_RULE.code, {})
            tolerance.setdefault(COORDINATE_TOLERANCE.name, self.coordinate_tolerance_km)
        if options:
            given["rule_options"] = options
        return replace(DEFAULT_SETTINGS, **given) if given else DEFAULT_SETTINGS


def _declared(rule: str, option: str) -> codes.RuleOption[Any]:
    found = codes.BY_NAME[rule].option(option)
    assert found is not None
    return found


def rule_option_problems(data: FileConfig) -> list[str]:
    """What is wrong with the `rules` table: a name that is no rule's, an option the rule
    does not declare, a value of the wrong type (each with its rule and option)."""
    from plancheck.suggest import unknown  # difflib, only when a configuration is wrong

    out = []
    for name, table in data.rules.items():
        rule = codes.BY_NAME.get(name)
        if rule is None:
            by_code = codes.BY_CODE.get(name.upper())
            hint = f" (write its name, {by_code.name!r})" if by_code else ""
            out.append(unknown("rules: no rule named", name, codes.BY_NAME) + hint)
            continue
        for key, value in table.items():
            option = rule.option(key)
            if option is None:
                declared = [o.name for o in rule.options]
                what = f"rules.{name}: unknown option"
                problem = unknown(what, key, declared)
                known = ", ".join(declared) if declared else "none"
                out.append(f"{problem} (the rule's options: {known})")
                continue
            try:
                option.validate(value)
            except OptionError as exc:
                out.append(f"rules.{name}.{key}: {exc}")
    return out


_warned = False


def _warn_deprecated(path: Path) -> None:
    """Say once per run (per process) that the old key has a new home."""
    global _warned
    if _warned:
        return
    _warned = True
    where = (
        "[tool.plancheck.rules.coordinates-outside-country]"
        if path.name == "pyproject.toml"
        else "[rules.coordinates-outside-country]"
    )
    sys.stderr.write(
        f"plancheck: warning: {path}: `{DEPRECATED_TOLERANCE}` is deprecated; write "
        f"`{COORDINATE_TOLERANCE.name} = ...` under {where} instead\n"
    )


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
    section = "[tool.plancheck] " if path.name == "pyproject.toml" else ""
    try:
        data = FileConfig.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {section}" + "; ".join(_problems(exc))) from None
    problems = rule_option_problems(data)
    if problems:
        raise ConfigError(f"{path}: {section}" + "; ".join(problems))
    if data.coordinate_tolerance_km is not None:
        _warn_deprecated(path)
    return Config(path, path.parent.resolve(), data)


def find_config(folder: Path) -> Config | None:
    """The nearest configuration at or above ``folder``; callers cache it for a run
    (a language server's run is long, so the cache must not outlive it)."""
    path = nearest_config(folder)
    return load_config(path) if path is not None else None
