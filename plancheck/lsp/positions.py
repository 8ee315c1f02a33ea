"""plancheck positions (1-based, in characters) <-> LSP positions (0-based, in code units).

LSP counts columns in the code units of the encoding negotiated at initialization
(UTF-16 unless the client offers another), and breaks lines at ``\\n``, ``\\r\\n`` and
``\\r`` only: exactly the lines plancheck's parser counts (:func:`split_lines`), and not
those of ``str.splitlines``, which also breaks at U+2028, form feeds and more.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from plancheck.document import Span

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """The length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    # Characters outside the Basic Multilingual Plane take two UTF-16 units.
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def to_position(
    lines: Sequence[str], line: int, column: int, encoding: str = UTF16
) -> types.Position:
    """The LSP position of 1-based ``line`` and ``column``; a place past the end of a line
    or of the document is clamped to it (a "missing" finding may point one line beyond)."""
    if not lines:
        return types.Position(line=0, character=0)
    if line > len(lines):
        last = len(lines) - 1
        return types.Position(line=last, character=units(lines[last], encoding))
    text = lines[max(line, 1) - 1]
    return types.Position(
        line=max(line, 1) - 1, character=units(text[: max(column, 1) - 1], encoding)
    )


def to_range(lines: Sequence[str], span: Span, encoding: str = UTF16) -> types.Range:
    return types.Range(
        start=to_position(lines, span.line, span.column, encoding),
        end=to_position(lines, span.end_line, span.end_column, encoding),
    )


def from_position(
    lines: Sequence[str], position: types.Position, encoding: str = UTF16
) -> tuple[int, int]:
    """The 1-based line and column of an LSP position; a position inside a character
    (half of a surrogate pair) counts as after it, a position past the end is clamped."""
    if not lines:
        return 1, 1
    if position.line >= len(lines):
        return len(lines), len(lines[-1]) + 1
    text = lines[position.line]
    counted = 0
    for index, char in enumerate(text):
        if counted >= position.character:
            return position.line + 1, index + 1
        counted += units(char, encoding)
    return position.line + 1, len(text) + 1
