"""What the three harnesses share: instrumented imports, the schemas, and turning the
fuzzer's bytes into the text plancheck would see.

Run a harness as a script (``python fuzz/fuzz_parser.py ...``); this module is imported
from the same folder.
"""

from __future__ import annotations

import atheris

# Coverage guidance needs the code under test instrumented: plancheck itself and the
# Markdown parser it drives. Everything else (pydantic, yaml, shapely) stays plain so
# that start-up and each run stay fast.
with atheris.instrument_imports(include=["plancheck", "markdown_it"]):
    from plancheck.files import Source, decode
    from plancheck.schema import load_schemas

SCHEMAS = load_schemas()
SCHEMA_IDS: list[str | None] = [None, *sorted(SCHEMAS)]


def text_of(data: bytes) -> str:
    """The document text for ``data``.

    The reader (`files.decode`) is fuzzed on every input. What it accepts is used as is;
    what it refuses (not UTF-8, NUL bytes, UTF-16) is decoded leniently instead, so that the
    parser and rules still see the text: an editor or the language server hands them text
    that never went through the reader.
    """
    got = decode(data, "fuzz.md")
    if isinstance(got, Source):
        return got.text
    return data.decode("utf-8", "replace")


def schema_choice(data: bytes) -> str | None:
    """Detection (None) or a forced schema, picked by the input's length so that the
    same bytes always take the same path (libFuzzer needs deterministic runs)."""
    return SCHEMA_IDS[len(data) % len(SCHEMA_IDS)]
