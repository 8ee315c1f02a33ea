"""The errors plancheck raises on purpose, in one place (the standard library only, so any
module may import them without loading anything else).

:class:`InputError` and its subclasses are the user's: something given to a run
(configuration, schema, option, selector) that cannot be used. The command line turns
them into their message and exit status 2, and the language server into a message to the
editor, without a traceback. Anything else that escapes is a bug in plancheck.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class InputError(Exception):
    """Something the user gave (configuration, schema, option) that cannot be used: the
    run stops with its message and status 2."""


class ConfigError(InputError):
    """A configuration file that cannot be used; ``str()`` names the file."""


class SchemaError(InputError):
    """A schema file that cannot be loaded; ``str()`` is the message shown to users."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class SelectorError(InputError, ValueError):
    """A --select or --ignore entry that names no rule."""


class UnknownSchema(InputError, ValueError):
    """A schema id (``--schema``) that no loaded schema has."""


class NoDocuments(InputError):
    """Nothing readable to infer a schema from."""


class ScaffoldError(ValueError):
    """An option the scaffold cannot use (an unknown country); the message is for users.

    Not an :class:`InputError`: those are what a whole run is given (configuration,
    schemas, selectors), which a command catches wholesale and answers with status 2.
    A scaffold's options are the arguments of one function call, of use to scripts as
    much as to `plancheck new`, so this is a plain ``ValueError`` of that call; `new`
    catches it where it calls :func:`plancheck.scaffold.find_country` and says it in its
    own words.
    """
