"""`plancheck schema infer`: the click command (registered lazily under `schema`)."""

from __future__ import annotations

from pathlib import Path

import click

from plancheck.cli.common import EXIT_OK, Failure, finish
from plancheck.infer.model import DEFAULT_MIN_SHARE

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


@click.command("infer")
@click.argument("paths", nargs=-1, required=True)
@click.option("--id", "schema_id", required=True, metavar="ID", help="The new schema's id.")
@click.option("--title", metavar="TEXT", help="Its title [default: from the id].")
@click.option(
    "--min-share",
    default=DEFAULT_MIN_SHARE,
    show_default=True,
    type=click.FloatRange(0, 1, min_open=True),
    help="Share of the documents a tag, section or prompt needs to be required.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema here (and mined vocabularies in vocabularies/ beside it) "
    "instead of standard output.",
)
def infer_command(
    paths: tuple[str, ...], schema_id: str, title: str | None, min_share: float, output: Path | None
) -> None:
    """Infer a schema from the documents in PATHS (one template): tags, sections,
    prompts and answer constraints, with the counts behind each as YAML comments."""
    import re

    from plancheck.errors import InputError
    from plancheck.infer.collect import collect
    from plancheck.infer.model import infer
    from plancheck.infer.writer import render, write

    if not re.fullmatch(ID_PATTERN, schema_id):
        raise Failure(f"--id {schema_id!r}: use lower-case letters, digits and hyphens")
    try:
        found = collect(paths)
    except InputError as exc:
        raise Failure(str(exc)) from None
    for skipped in found.skipped:
        click.echo(f"plancheck: warning: skipped {skipped}", err=True)
    inferred = infer(
        found.documents, schema_id, title=title, min_share=min_share, mine=output is not None
    )
    try:
        text = render(inferred)
    except InputError as exc:  # the writer's own check failed: a bug, said plainly
        raise Failure(f"the inferred schema does not load ({exc}); please report it") from None
    if inferred.split is not None:
        click.echo(f"plancheck: warning: {inferred.split.summary}", err=True)
    if output is None:
        click.echo(text, nl=False)
        finish(EXIT_OK)
    try:
        for line in write(inferred, text, output):
            click.echo(f"plancheck: {line}", err=True)
    except OSError as exc:
        raise Failure(f"cannot write {output}: {exc.strerror or exc}") from None
    finish(EXIT_OK)
