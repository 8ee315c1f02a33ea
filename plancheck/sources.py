"""Where a run's inputs come from: the command line's options, configuration files and
schema folders, found and read without validating them (no pydantic), so that a run
answered from the cache can tell whether they changed without paying for loading them."""

from __future__ import annotations

import codecs
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plancheck.errors import ConfigError as ConfigError  # re-exported for config.py

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


# Byte order marks of the encodings an editor may save a file in (UTF-32's first: the
# UTF-16 mark begins them).
_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _text(path: Path, raw: bytes) -> str:
    """The file's text; a file in any encoding but UTF-8 gets one hint, to re-save it.
    UTF-16 and UTF-32 text without a mark decodes as UTF-8 (its NUL bytes are valid),
    so the NULs are what give it away; a UTF-8 mark is dropped, as TOML has no use for it."""
    hint = "invalid TOML: not UTF-8 ({}); re-save the file as UTF-8"
    named = next((name for mark, name in _MARKS if raw.startswith(mark)), None)
    if named is None and b"\x00" in raw:
        named = "NUL bytes: UTF-16 or UTF-32"
    if named is not None:
        raise ConfigError(f"{path}: " + hint.format(named))
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        what = f"byte 0x{raw[exc.start]:02x} on line {line}"
        raise ConfigError(f"{path}: " + hint.format(what)) from None


def read_table(path: Path, raw: bytes | None = None) -> dict[str, Any] | None:
    """The plancheck table of a configuration file (of ``raw``, its bytes, when the
    caller has read them already); None for a pyproject.toml without `[tool.plancheck]`."""
    try:
        data = tomllib.loads(_text(path, path.read_bytes() if raw is None else raw))
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
