"""Where a run's inputs come from: the command line's options, configuration files and
schema folders, found and read without validating them (no pydantic), so that a run
answered from the cache can tell whether they changed without paying for loading them."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG_NAMES = (".plancheck.toml", "pyproject.toml")


@dataclass(frozen=True)
class Options:
    """The command line's say."""

    schema_id: str | None = None
    schema_paths: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: Path | None = None
    isolated: bool = False


class InputError(Exception):
    """Something the user gave (configuration, schema, option) that cannot be used: the
    run stops with its message and status 2."""


class ConfigError(InputError):
    """A configuration file that cannot be used; ``str()`` names the file."""


def read_table(path: Path, raw: bytes | None = None) -> dict[str, Any] | None:
    """The plancheck table of a configuration file (of ``raw``, its bytes, when the
    caller has read them already); None for a pyproject.toml without `[tool.plancheck]`."""
    try:
        data = tomllib.loads((path.read_bytes() if raw is None else raw).decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("plancheck") if isinstance(tool, dict) else None
        return table if isinstance(table, dict) else None
    return data


def folder_of(path: str) -> Path:
    """The absolute folder of a file. realpath, not Path.resolve(): a link loop met while
    walking a folder must be reported by the reader, not raise here (resolve() raises
    RuntimeError on one)."""
    return Path(os.path.realpath(path)).parent


def nearest_config(folder: Path) -> Path | None:
    """The nearest configuration file at or above ``folder``: in one folder
    `.plancheck.toml` wins over `pyproject.toml`, which counts only with a
    `[tool.plancheck]` table."""
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and read_table(candidate) is not None:
                return candidate
    return None


def builtin_schema_dir() -> Path:
    """Where the built-in schemas are: inside the installed package, else the checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_schemas"
    return packaged if packaged.is_dir() else here.parent / "schemas"
