"""Fuzz the reader and the Markdown parser: any bytes must decode to a Source or a
diagnostic, and any text must parse to a Document whose positions are inside it."""

from __future__ import annotations

import sys

import atheris
from common import text_of

with atheris.instrument_imports(include=["plancheck"]):
    from plancheck.parser import parse


def test_one_input(data: bytes) -> None:
    text = text_of(data)
    document = parse(text, "fuzz.md")
    count = len(document.lines)
    for tag in document.tags:
        if not 1 <= tag.span.line <= max(count, 1):
            raise AssertionError(f"tag outside the document: {tag.span} of {count} lines")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
