"""Read the documents a schema is inferred from: every Markdown file below the paths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plancheck.document import Document
from plancheck.errors import NoDocuments
from plancheck.files import Source, discover, read
from plancheck.parser import parse


@dataclass(frozen=True, slots=True)
class Collection:
    documents: tuple[Document, ...]
    skipped: tuple[str, ...]  # `path: why` for each file that could not be read


def collect(paths: Sequence[str]) -> Collection:
    """Parse every readable file; a file that cannot be read is skipped and said why,
    and nothing readable at all is an error."""
    documents: list[Document] = []
    skipped: list[str] = []
    for path in discover(paths):
        source = read(path)
        if isinstance(source, Source):
            documents.append(parse(source.text, path))
        else:
            skipped.append(f"{path}: {source.message}")
    if not documents:
        why = f" ({'; '.join(skipped[:3])})" if skipped else ""
        raise NoDocuments(f"no readable Markdown documents in {', '.join(paths)}{why}")
    return Collection(tuple(documents), tuple(skipped))
