"""The command line's root: the `plancheck` group and how a run ends.

``main(argv) -> int`` is what tests call; :func:`entry_point` is the console script and
the only place that exits the process. The commands live in modules of their own; all
but `check` and `fix` (the commands a hook or CI job runs on every commit) are imported
only when they run or help lists them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import ClassVar

import click

from plancheck import __version__
from plancheck.cli.check import check
from plancheck.cli.common import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, Failure, LazyGroup
from plancheck.cli.fix import fix


class RootGroup(LazyGroup):
    """`plancheck`: its larger commands load only when they run, so that `plancheck
    check` on one file does not pay for the language server."""

    lazy: ClassVar[dict[str, str]] = {
        "schema": "plancheck.cli.schema:schema",
        "rules": "plancheck.cli.rules:rules_command",
        "rule": "plancheck.cli.rules:rule_command",
        "vocab": "plancheck.cli.vocab:vocab",
        "lsp": "plancheck.lsp.command:lsp",
        "new": "plancheck.cli.authoring:new",
        "parse": "plancheck.cli.authoring:parse_command",
        "render": "plancheck.cli.authoring:render_command",
        "report": "plancheck.report.command:report",
    }


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plancheck")
def cli() -> None:
    """plancheck: lint UNDP Accelerator Labs plan documents against their templates."""


cli.add_command(check)
cli.add_command(fix)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI in-process and return its exit status (never raises SystemExit)."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            # Workers finish the file they are on; nothing is left half-written.
            click.echo("plancheck: interrupted", err=True)
            return EXIT_INTERRUPTED
        click.echo("plancheck: aborted", err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR if isinstance(exc, Failure) or exc.exit_code != 0 else EXIT_OK
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    return int(result) if isinstance(result, int) else EXIT_OK


def entry_point() -> None:
    sys.exit(main())
