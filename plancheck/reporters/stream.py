"""A JSON array written an element at a time, laid out as ``json.dumps(..., indent=2)``
lays out the whole array.

The JSON formats print each file's findings as the file is done instead of building one
object of the whole run at the end: a report of the corpus (35,000 findings) built whole
held hundreds of megabytes of dictionaries and string pieces; streamed, it holds one
file's. The text is the same, byte for byte, as dumping the whole array.
"""

from __future__ import annotations

import json
from typing import Any


class JsonArray:
    """The elements of an array nested ``depth`` levels deep (0: the document itself)."""

    def __init__(self, depth: int = 0) -> None:
        self.indent = "  " * (depth + 1)
        self.count = 0

    def item(self, value: Any) -> str:
        """The text of one more element: the opening bracket before the first."""
        text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + self.indent)
        lead = "[" if self.count == 0 else ","
        self.count += 1
        return f"{lead}\n{self.indent}{text}"

    def close(self) -> str:
        """The end of the array (the whole of it when it is empty)."""
        return "[]" if self.count == 0 else "\n" + self.indent[2:] + "]"
