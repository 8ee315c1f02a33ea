"""Time the coordinate rules (PC5) in-process, apart from reading and parsing.

    python benchmarks/coordinates.py ../shared/corpus/learningplan

Parses every document once, then lints them all with the PC5 rules only: the first pass
pays for reading the compact atlas (plancheck/data/atlas.json) and building each country's
shapes, the second shows the steady cost (parsing and placements are cached per value).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from plancheck.detect import detect
from plancheck.parser import parse
from plancheck.rules import Context
from plancheck.rules.coordinates import (
    coordinates_out_of_range,
    coordinates_outside_country,
    malformed_coordinates,
    null_island,
    swapped_coordinates,
)
from plancheck.schema import load_schemas

RULES = (
    malformed_coordinates,
    coordinates_out_of_range,
    null_island,
    coordinates_outside_country,
    swapped_coordinates,
)


def main(folder: str) -> None:
    schemas = load_schemas()
    paths = sorted(Path(folder).rglob("*.md"))
    contexts = []
    for path in paths:
        doc = parse(path.read_text(encoding="utf-8", errors="replace"), str(path))
        ctx = Context(doc, detect(doc, schemas))
        if ctx.schema is not None:
            contexts.append(ctx)
    for label in ("first pass (the atlas, shapes)", "second pass"):
        start = time.perf_counter()
        found = sum(1 for ctx in contexts for r in RULES for _ in r.check(ctx))
        took = time.perf_counter() - start
        print(f"{label}: {len(contexts)} documents, {found} findings, {took:.3f} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/learningplan")
