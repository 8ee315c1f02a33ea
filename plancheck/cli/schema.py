"""`plancheck schema`: list, show and check schemas (`schema infer` is
:mod:`plancheck.infer.command`, loaded when it runs)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import click

from plancheck.cli.common import EXIT_OK, Failure, LazyGroup, check_files, finish, schemas_from


class SchemaGroup(LazyGroup):
    """`schema`: its inference (rapidfuzz, the miner, the parser) loads only when it runs."""

    lazy: ClassVar[dict[str, str]] = {"infer": "plancheck.infer.command:infer_command"}


@click.group(cls=SchemaGroup)
def schema() -> None:
    """List, show, check and infer schemas."""


@schema.command("list")
@click.option("--schema-path", "schema_paths", multiple=True, type=click.Path(path_type=Path))
def schema_list(schema_paths: tuple[Path, ...]) -> None:
    """List the available schemas."""
    for sid, s in sorted(schemas_from(schema_paths).items()):
        click.echo(f"{sid:24} type={s.type:14} {s.title}")
    finish(EXIT_OK)


@schema.command("show")
@click.argument("schema_id")
@click.option("--schema-path", "schema_paths", multiple=True, type=click.Path(path_type=Path))
def schema_show(schema_id: str, schema_paths: tuple[Path, ...]) -> None:
    """Show a schema's tags, sections, prompts and answer constraints."""
    schemas = schemas_from(schema_paths)
    s = schemas.get(schema_id)
    if s is None:
        raise Failure(f"unknown schema {schema_id!r}; known: {', '.join(sorted(schemas))}")
    click.echo(f"{s.id}: {s.title} (type {s.type})")
    if s.description:
        click.echo(s.description)
    click.echo("\nTags:")
    for t in s.tags:
        words = ", ".join(f for f, on in (("required", t.required), ("multiple", t.multiple)) if on)
        click.echo(f"  [[{t.key}]] {t.format.value}{f' ({words})' if words else ''}")
    click.echo("\nSections:")
    for sec in s.sections:
        extra = sec.aliases
        flags = [
            f for f, on in (("optional", not sec.required), ("repeatable", sec.repeatable)) if on
        ]
        click.echo(f"  ## {sec.heading}" + (f"  [{', '.join(flags)}]" if flags else ""))
        if extra:
            click.echo(f"     aliases: {', '.join(extra)}")
        for p in sec.prompts:
            marker = "" if p.required else " (optional)"
            click.echo(f"     > {p.text}{marker}")
            constraints = p.answer.describe()
            if constraints:
                click.echo(f"       answer: {'; '.join(constraints)}")
    finish(EXIT_OK)


@schema.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def schema_check(files: tuple[Path, ...]) -> None:
    """Validate schema files; print what is wrong, with file and line."""
    from plancheck.schema import load_schema

    check_files(files, lambda path: f"{load_schema(path).id}")


@schema.command("json-schema")
def schema_json_schema() -> None:
    """Print the JSON Schema of the schema file format (committed in schemas/)."""
    from plancheck.schema import format_json_schema

    click.echo(format_json_schema(), nl=False)
    finish(EXIT_OK)
