"""The seed documents: valid ones pass clean, broken ones show the rules, docs are true."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from plancheck import check_text
from plancheck.detect import detect
from plancheck.parser import parse
from plancheck.schema import Schema
from tests.conftest import ROOT, SEEDS

VALID_SEEDS = sorted(p for p in SEEDS.glob("*.md") if p.name != "learningplan-closing-2024.md")
BROKEN_SEEDS = sorted((SEEDS / "broken").glob("*.md"))
# Broken seeds are named after their schema, but for these two:
EXPECTED_SCHEMA = {"unknown-template": None, "formatting": "learningplan-design"}


def test_every_builtin_schema_has_a_valid_and_a_broken_seed(builtin: dict[str, Schema]) -> None:
    assert {p.stem for p in VALID_SEEDS} == set(builtin)
    assert {p.stem for p in BROKEN_SEEDS} == set(builtin) | set(EXPECTED_SCHEMA)


@pytest.mark.parametrize("path", VALID_SEEDS, ids=lambda p: p.stem)
def test_valid_seed_is_clean_and_detected(path, builtin: dict[str, Schema]) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    detection = detect(parse(text, str(path)), builtin)
    assert detection.schema is not None and detection.schema.id == path.stem
    assert check_text(text, builtin, path=str(path)) == []


@pytest.mark.parametrize("path", BROKEN_SEEDS, ids=lambda p: p.stem)
def test_broken_seed_is_detected_and_has_errors_or_warnings(
    path, builtin: dict[str, Schema]
) -> None:  # type: ignore[no-untyped-def]
    text = path.read_bytes().decode("utf-8")
    found = check_text(text, builtin, path=str(path))
    assert found
    detection = detect(parse(text, str(path)), builtin)
    expected = EXPECTED_SCHEMA.get(path.stem, path.stem)
    assert (detection.schema.id if detection.schema else None) == expected


def test_broken_seeds_show_every_document_rule() -> None:
    from plancheck.rules import ALL_RULES

    out = concise_run()
    shown = set(re.findall(r"\[([a-z-]+)\]", out))
    reader_or_whole_file = {
        "unreadable-file",
        "invalid-encoding",
        "empty-document",
        "missing-tag-block",
        "file-too-large",
        "internal-error",  # a bug of plancheck's, never of a seed
        "not-a-plan",  # every seed is a plan
    }
    assert {r.name for r in ALL_RULES} - reader_or_whole_file <= shown


def concise_run() -> str:
    done = subprocess.run(
        # --export, --invisible: the seeds show every finding, the export's and those no
        # reader sees too
        [
            sys.executable,
            "-m",
            "plancheck",
            "check",
            "--export",
            "--invisible",
            "--output-format",
            "concise",
            "seeds/broken/",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_the_run_quoted_in_docs_seeds_is_current() -> None:
    docs = (ROOT / "docs" / "seeds.md").read_text(encoding="utf-8")
    quoted = docs.split("The run, verbatim:\n\n```\n", 1)[1].split("```", 1)[0]
    assert quoted == concise_run()
