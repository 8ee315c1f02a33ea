"""`plancheck vocab`: mine, show and check controlled vocabularies.

Light to import: pycountry, rapidfuzz and the parser are
imported inside the commands that use them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from plancheck.cli.common import EXIT_OK, Failure, check_files, finish, schemas_from

if TYPE_CHECKING:
    from plancheck.schema import Vocabulary


@click.group()
def vocab() -> None:
    """Mine, show and check the controlled vocabularies of tags."""


def _vocabularies(schema_paths: tuple[Path, ...]) -> dict[str, Vocabulary]:
    from plancheck.errors import SchemaError
    from plancheck.schema import load_vocabularies

    try:
        return load_vocabularies(list(schema_paths))
    except SchemaError as exc:
        raise Failure(str(exc)) from None


@vocab.command("mine")
@click.argument("paths", nargs=-1, required=True)
@click.option("--tag", "key", required=True, metavar="KEY", help="The tag whose values to mine.")
@click.option(
    "--min-count",
    default=2,
    show_default=True,
    type=click.IntRange(min=1),
    help="Propose a term only if seen this often; rarer ones are listed apart.",
)
def vocab_mine(paths: tuple[str, ...], key: str, min_count: int) -> None:
    """Propose a vocabulary file for tag KEY from the documents in PATHS.

    Variants of a term (case, spacing, punctuation, spelling, plurals, near misses) are
    grouped with their counts; the most frequent form is the canonical term. Terms of the
    built-in vocabulary for KEY are marked as known.
    """
    from plancheck.files import Source, discover, read
    from plancheck.mining import propose
    from plancheck.parser import parse

    values: list[str] = []
    documents = 0
    for path in discover(paths):
        source = read(path)
        if not isinstance(source, Source):
            click.echo(f"{path}: {source.message}", err=True)
            continue
        documents += 1
        values += [t.value for t in parse(source.text, path).tags if t.key == key]
    known = _vocabularies(()).get(key)
    index = known.index if known is not None else None
    click.echo(propose(key, values, documents, min_count=min_count, known=index), nl=False)
    finish(EXIT_OK)


def _resolve(name: str, schema_paths: tuple[Path, ...]) -> tuple[Vocabulary, list[str]]:
    """The vocabulary named ``name`` (an id or a tag key) and where schemas use it."""
    schemas = schemas_from(schema_paths)
    vocabularies = _vocabularies(schema_paths)
    uses: list[str] = []
    by_tag: Vocabulary | None = None
    for sid, schema in sorted(schemas.items()):
        for tag in schema.tags:
            if tag.vocabulary in vocabularies and name in (tag.key, tag.vocabulary):
                by_tag = by_tag or vocabularies[tag.vocabulary]
                policy = tag.effective_policy
                uses.append(f"{sid} [[{tag.key}]] ({policy.value if policy else 'text'})")
    found = vocabularies.get(name) or by_tag
    if found is None:
        known = ", ".join(sorted(vocabularies))
        raise Failure(f"no vocabulary or tag {name!r}; vocabularies: {known}")
    return found, uses


@vocab.command("show")
@click.argument("key")
@click.option("--schema-path", "schema_paths", multiple=True, type=click.Path(path_type=Path))
def vocab_show(key: str, schema_paths: tuple[Path, ...]) -> None:
    """Print a vocabulary (by its id or a tag key): its terms and their aliases."""
    found, uses = _resolve(key, schema_paths)
    click.echo(f"{found.id}: {found.title}")
    if found.description:
        click.echo(found.description)
    if uses:
        click.echo("used by: " + "; ".join(uses))
    if found.source:
        from plancheck.countries import entries

        click.echo(f"\nTerms ({found.source}, named as in the archive):")
        for entry in sorted(entries(found), key=lambda e: e.canonical.casefold()):
            extra = f"  ({', '.join(entry.aliases)})" if entry.aliases else ""
            click.echo(f"  {entry.canonical}{extra}")
        click.echo("\nRegions:")
        for region in found.regions:
            extra = f" ({', '.join(region.aliases)})" if region.aliases else ""
            click.echo(f"  {region.name}{extra} -> {region.country}")
    else:
        click.echo(f"\nTerms ({len(found.terms)}):")
        for term in found.terms:
            forms = [*term.export_forms, *term.aliases]  # the platform's own first
            extra = f"  (aliases: {', '.join(forms)})" if forms else ""
            click.echo(f"  {term.term}{extra}")
    finish(EXIT_OK)


@vocab.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def vocab_check(files: tuple[Path, ...]) -> None:
    """Validate vocabulary files; print what is wrong, with file and line."""
    from plancheck.schema import load_vocabulary

    def describe(path: Path) -> str:
        found = load_vocabulary(path)
        # building the index checks a country vocabulary's codes and regions
        return f"{found.id}, {len(found.index.terms)} terms"

    check_files(files, describe)


@vocab.command("json-schema")
def vocab_json_schema() -> None:
    """Print the JSON Schema of vocabulary files (committed in schemas/)."""
    from plancheck.schema import Vocabulary, format_json_schema

    click.echo(format_json_schema(Vocabulary, "vocabulary"), nl=False)
    finish(EXIT_OK)
