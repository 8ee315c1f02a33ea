"""Fuzz a whole check: parse, detect the schema (or force one), run every rule, apply
suppression comments. Any exception is a crash."""

from __future__ import annotations

import sys

import atheris
from common import SCHEMAS, schema_choice, text_of

with atheris.instrument_imports(include=["plancheck"]):
    from plancheck import check_text


def test_one_input(data: bytes) -> None:
    for d in check_text(text_of(data), SCHEMAS, path="fuzz.md", schema_id=schema_choice(data)):
        if d.span.line < 1 or d.span.column < 1:
            raise AssertionError(f"position not 1-based: {d}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
