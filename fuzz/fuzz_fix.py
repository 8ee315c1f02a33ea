"""Fuzz the fixer: fixing any text must not raise, and a fix that settled must be a fixed
point (fixing its output again changes nothing)."""

from __future__ import annotations

import sys

import atheris
from common import SCHEMAS, schema_choice, text_of

with atheris.instrument_imports(include=["plancheck"]):
    from plancheck import fix_text


def test_one_input(data: bytes) -> None:
    text = text_of(data)
    unsafe = bool(data[:1]) and data[0] & 1 == 1
    schema_id = schema_choice(data)
    once = fix_text(text, SCHEMAS, schema_id=schema_id, unsafe=unsafe)
    if not once.converged:
        return  # the pass limit was reached: the CLI reports it; nothing to compare
    again = fix_text(once.source, SCHEMAS, schema_id=once.schema_id, unsafe=unsafe)
    if again.changed:
        rules = sorted(again.counts())
        raise AssertionError(f"fixing the fixed text changed it again: {rules}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
