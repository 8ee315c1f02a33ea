"""What every command of the command line shares: exit statuses, the user-error
exception, ending a command with a status, the lazily loaded command groups, and loading
the schemas of ``--schema-path`` folders."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NoReturn

import click

if TYPE_CHECKING:
    from plancheck.schema import Schema

EXIT_OK = 0  # no finding at error severity
EXIT_FINDINGS = 1  # at least one error-severity finding
EXIT_ERROR = 2  # usage, I/O or schema error, or a file that could not be checked
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


class Failure(click.ClickException):
    """A user error: printed as `plancheck: error: ...`, exit status 2."""

    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"plancheck: error: {self.format_message()}", err=True)


def finish(status: int) -> NoReturn:
    """End a command with ``status``; click returns it from main() or exits with it."""
    click.get_current_context().exit(status)


def schemas_from(schema_paths: Sequence[Path]) -> dict[str, Schema]:
    from plancheck.errors import SchemaError
    from plancheck.schema import load_schemas

    try:
        return load_schemas(list(schema_paths))
    except SchemaError as exc:
        raise Failure(str(exc)) from None


class LazyGroup(click.Group):
    """A group whose larger commands are imported only when they run (or help lists
    them), so that `plancheck check` on one file does not pay for the language server."""

    # command name -> "module:attribute"
    lazy: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


def check_files(files: Sequence[Path], describe: Callable[[Path], str]) -> NoReturn:
    """Validate each data file with ``describe`` (which loads it and says what it is);
    print `path: ok (...)` or the problem, and exit 2 if any file is broken."""
    from plancheck.errors import SchemaError

    status = EXIT_OK
    for path in files:
        try:
            what = describe(path)
        except SchemaError as exc:
            click.echo(f"{exc}", err=True)
            status = EXIT_ERROR
        except ValueError as exc:
            click.echo(f"{path}: {exc}", err=True)
            status = EXIT_ERROR
        else:
            click.echo(f"{path}: ok ({what})")
    finish(status)
