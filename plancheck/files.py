"""Finding plan files and reading them as text, with a diagnostic for what cannot be read."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from plancheck.diagnostics import Diagnostic
from plancheck.document import Span
from plancheck.rules.base import Rule
from plancheck.rules.document import invalid_encoding, unreadable_file

SUFFIXES = (".md", ".markdown")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    """A file's text. A UTF-8 byte order mark stays in it as U+FEFF: the `bom` rule
    reports it, and a fixed file keeps it unless that rule's fix removes it."""

    path: str
    text: str


START = Span(1, 1, 1, 1)


def _problem(rule: Rule, path: str, message: str, span: Span = START) -> Diagnostic:
    return Diagnostic(path, span, rule.code, rule.name, rule.severity, message)


def discover(
    paths: Sequence[str], excluded: Callable[[str], bool] = lambda path: False
) -> Iterator[str]:
    """Files named on the command line, and the Markdown files below named folders.

    Folders are walked without following links (no loops), skipping hidden folders
    such as `.git` and what ``excluded`` says, in a stable order. A path that does not
    exist is yielded as is, so that reading it reports the problem.
    """
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and not excluded(os.path.join(root, d))
                )
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if name.endswith(SUFFIXES) and not excluded(full):
                        yield full
        else:
            yield path


def decode(data: bytes, path: str) -> Source | Diagnostic:
    """UTF-8 text of ``data``, or an invalid-encoding diagnostic saying where it fails."""
    if data.startswith(UTF16_BOMS):
        return _problem(invalid_encoding, path, "the file is UTF-16; plancheck reads UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        message = f"not UTF-8: byte 0x{data[exc.start]:02X} at offset {offset}"
        return _problem(invalid_encoding, path, message, Span(line, column, line, column + 1))
    if "\x00" in text:
        return _problem(invalid_encoding, path, "the file holds NUL bytes: binary, not text")
    return Source(path, text)


def read(path: str, stdin: bytes | None = None) -> Source | Diagnostic:
    if path == STDIN:
        return decode(stdin or b"", path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except IsADirectoryError:
        return _problem(unreadable_file, path, "is a directory")
    except FileNotFoundError:
        return _problem(unreadable_file, path, "no such file or directory")
    except OSError as exc:
        return _problem(unreadable_file, path, f"cannot read: {exc.strerror or exc}")
    return decode(data, path)
