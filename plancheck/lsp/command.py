"""The `plancheck lsp` command. pygls is imported only when the server starts, so the
other commands never load it."""

from __future__ import annotations

import logging

import click


@click.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over standard input and output (the only transport; accepted because "
    "some clients pass it).",
)
@click.option(
    "--log-level",
    type=click.Choice(["debug", "info", "warning", "error"]),
    default="warning",
    show_default=True,
    help="What the server logs to standard error (editors show it in their LSP log).",
)
def lsp(stdio: bool, log_level: str) -> None:
    """Run the language server for editors (LSP over standard input and output).

    Diagnostics as you type, quick fixes and "fix all safe problems", completion of
    vocabulary terms, section headings and prompts, and hover on prompts and tags.
    Set-up for VS Code and Neovim: docs/editors.md.
    """
    from plancheck.lsp.server import serve

    logging.basicConfig(level=log_level.upper(), format="%(name)s: %(levelname)s: %(message)s")
    serve()
