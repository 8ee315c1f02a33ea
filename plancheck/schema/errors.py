"""The error of a schema or vocabulary file that cannot be loaded."""

from __future__ import annotations

from pathlib import Path

from plancheck.sources import InputError


class SchemaError(InputError):
    """A schema file that cannot be loaded; ``str()`` is the message shown to users."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")
