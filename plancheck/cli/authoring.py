"""`plancheck new`, `parse` and `render`: write a new document, read one as data, write
data back as a document.

Light to import: the parser, pydantic models, pycountry and
the geometry are imported inside the commands that use them.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from plancheck.cli.common import EXIT_OK, Failure, finish, schemas_from

if TYPE_CHECKING:
    from plancheck.export import PlanDocument
    from plancheck.schema import Schema

_SCHEMA_PATH = click.option(
    "--schema-path",
    "schema_paths",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Extra folder of schema files (repeatable); an id there overrides a built-in.",
)
_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)


def _note(message: str) -> None:
    click.echo(f"plancheck: note: {message}", err=True)


def _write(path: Path | None, text: str) -> None:
    """Print ``text``, or write it to ``path`` so that a reader sees the old file or the
    whole new one, never half of it."""
    if path is None:
        click.echo(text, nl=False)
        return
    from plancheck.files import write_atomic

    try:
        write_atomic(str(path), text)
    except OSError as exc:
        raise Failure(f"cannot write {path}: {exc.strerror or exc}") from None


def _schema(schemas: dict[str, Schema], schema_id: str) -> Schema:
    found = schemas.get(schema_id)
    if found is None:
        raise Failure(f"unknown schema {schema_id!r}; known: {', '.join(sorted(schemas))}")
    return found


# --------------------------------------------------------------------------- new


@click.command("new")
@click.option("--schema", "schema_id", metavar="ID", help="The schema to scaffold (see --list).")
@click.option("--list", "show_list", is_flag=True, help="List the schemas and their languages.")
@click.option("--title", help="The document's title.")
@click.option("--country", help="Country name or ISO code; fills in country and latlng.")
@click.option(
    "--year",
    type=click.IntRange(2000, datetime.date.today().year + 1),
    help="The year tag [default: this year].",
)
@click.option("--focal-point", metavar="EMAIL", help="The focal point's e-mail address.")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr", "es"]),
    default="en",
    show_default=True,
    help="Language of the section headings (prompts stay in English, as in the archive).",
)
@click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")
@_OUTPUT
@_SCHEMA_PATH
def new(
    schema_id: str | None,
    show_list: bool,
    title: str | None,
    country: str | None,
    year: int | None,
    focal_point: str | None,
    lang: str,
    force: bool,
    output: Path | None,
    schema_paths: tuple[Path, ...],
) -> None:
    """Write a ready-to-fill document for a schema: the tag block, every section and
    prompt, and under each prompt a comment saying what the answer must be.

    Then fill it in and run `plancheck check` on it: until every required answer is
    written, check reports them as empty-answer.
    """
    from plancheck import scaffold as sc

    schemas = schemas_from(schema_paths)
    if show_list:
        for sid, found in sorted(schemas.items()):
            langs = ",".join(sc.languages(found))
            click.echo(f"{sid:24} type={found.type:14} headings={langs:9} {found.title}")
        finish(EXIT_OK)
    if schema_id is None:
        raise Failure("name a schema with --schema ID (plancheck new --list shows them)")
    schema = _schema(schemas, schema_id)
    for name, value in (("--title", title), ("--focal-point", focal_point)):
        if value is not None and (not value.strip() or "\n" in value or "\r" in value):
            raise Failure(f"{name} must be one line of text")
    if focal_point is not None and "]" in focal_point:
        raise Failure("--focal-point must be an e-mail address")
    place = None
    if country is not None:
        from plancheck.schema import builtin_vocabularies

        vocabulary = schema.vocabulary("country") or builtin_vocabularies().get("country")
        if vocabulary is None:
            raise Failure("no country vocabulary to look --country up in")
        try:
            place = sc.find_country(country, vocabulary)
        except sc.ScaffoldError as exc:
            raise Failure(str(exc)) from None
    if output is not None and output.exists() and not force:
        raise Failure(f"{output} exists; pass --force to overwrite it")
    language: sc.Language = "fr" if lang == "fr" else "es" if lang == "es" else "en"
    options = sc.Options(title, focal_point, year, place, language)
    made = sc.scaffold(schema, options)
    for note in made.notes:
        _note(note)
    from plancheck.render import render

    _write(output, render(made.document))
    finish(EXIT_OK)


# --------------------------------------------------------------------------- parse


@click.command("parse")
@click.argument("file", required=False)
@click.option(
    "--output-format",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="json: the document as data, valid against schemas/document.schema.json.",
)
@click.option(
    "--schema", "schema_id", metavar="ID", help="Record this schema instead of detecting one."
)
@click.option(
    "--json-schema", "show_json_schema", is_flag=True, help="Print the JSON Schema of the output."
)
@_OUTPUT
@_SCHEMA_PATH
def parse_command(
    file: str | None,
    output_format: str,
    schema_id: str | None,
    show_json_schema: bool,
    output: Path | None,
    schema_paths: tuple[Path, ...],
) -> None:
    """Print a plan document (FILE, or - for standard input) as structured data: title,
    tags, sections, prompts with their answers as Markdown, groups, and the schema
    detected for it. `plancheck render` turns the JSON back into a document."""
    from plancheck.export import PlanDocument

    if show_json_schema:
        from plancheck.schema import format_json_schema

        _write(output, format_json_schema(PlanDocument, "document"))
        finish(EXIT_OK)
    if file is None:
        raise Failure("name a FILE to parse (or - for standard input)")
    from plancheck.detect import detect
    from plancheck.export import build
    from plancheck.files import Source, read
    from plancheck.parser import parse

    source = read(file, sys.stdin.buffer.read() if file == "-" else None)
    if not isinstance(source, Source):
        raise Failure(f"{file}: {source.message}")
    schemas = schemas_from(schema_paths)
    if schema_id is not None:
        _schema(schemas, schema_id)
    document = parse(source.text, file)
    detection = detect(document, schemas, schema_id)
    model = build(document, detection.schema.id if detection.schema else None)
    _write(output, model.model_dump_json(indent=2) + "\n")
    finish(EXIT_OK)


# --------------------------------------------------------------------------- render


def _load_json(file: str) -> PlanDocument:
    """The JSON of ``file`` (- for standard input) as a document; Failure if it is not."""
    from pydantic import ValidationError

    from plancheck.export import PlanDocument

    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise Failure(f"{file}: cannot read: {exc.strerror or exc}") from None
    try:
        return PlanDocument.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        if first["type"] == "json_invalid":
            reason = str(first["msg"]).removeprefix("Invalid JSON: ")
            raise Failure(f"{file}: not valid JSON: {reason}") from None
        # a union names the member it tried (`tags.0.TagModel.key`): say where, not how
        loc = [str(p) for p in first["loc"] if not str(p).endswith("Model")]
        where = ".".join(loc) or "the document"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise Failure(
            f"{file}: not a plancheck document (schemas/document.schema.json): "
            f"{where}: {first['msg']}{more}"
        ) from None


def _reads_back(model: PlanDocument, text: str) -> str | None:
    """None if ``text`` parses to ``model`` again, else where it first differs: text fields
    that hold a prompt line or a heading make a different document."""
    from plancheck.export import build
    from plancheck.parser import parse

    again = build(parse(text), model.detected_schema)
    if again == model:
        return None
    for field in ("title", "text_before_tags", "tags", "text_after_tags"):
        if getattr(again, field) != getattr(model, field):
            return field
    for index, section in enumerate(model.sections):
        if index >= len(again.sections) or again.sections[index] != section:
            return f"section {index + 1} ({section.heading!r})"
    return f"section {len(model.sections) + 1}"


@click.command("render")
@click.argument("file")
@_OUTPUT
def render_command(file: str, output: Path | None) -> None:
    """Write the document that `plancheck parse` JSON (FILE, or - for standard input)
    describes, as Markdown in the archive's house format."""
    from plancheck.render import render

    model = _load_json(file)
    text = render(model)
    differs = _reads_back(model, text)
    if differs is not None:
        click.echo(
            f"plancheck: warning: {file}: the written document does not read back the same "
            f"from {differs} on (a text field holds a prompt, heading or group line?)",
            err=True,
        )
    _write(output, text)
    finish(EXIT_OK)
