"""`--output-format json-lines`: one JSON object a line, the fields of `json`, streamed."""

from __future__ import annotations

import json
from collections.abc import Sequence

from plancheck.diagnostics import Diagnostic
from plancheck.reporters.json import to_json

# JSON leaves these raw inside strings, but Python's str.splitlines() and some editors break
# lines at them; escaped, each object stays on one line for every reader.
LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def line(d: Diagnostic) -> str:
    return json.dumps(to_json(d), ensure_ascii=False).translate(LINE_BREAKS) + "\n"


class JsonLinesReporter:
    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        return "".join(line(d) for d in diagnostics)

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        return ""
