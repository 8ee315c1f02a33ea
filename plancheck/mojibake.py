"""Mojibake: UTF-8 text that was decoded in another encoding on its way into the archive
(`Bogot√°` for `Bogotá`). ftfy tells it from real text and repairs it; the `mojibake`
rule reports what it repairs, and the fix guard (:mod:`plancheck.preserve`) reads words
repaired, so that the rule's fix is not taken for damage.
"""

from __future__ import annotations

import re

# Characters that UTF-8 text decoded as Mac Roman, Latin-1 or Windows-1252 is made of
# (`√°` for `á`, `Ã©` for `é`, `¬†` for a no-break space): a line without
# any of them cannot be mojibake, and ftfy is not asked about it.
HINT = re.compile(
    "[\u221a\u00ac\u2020\u0192\u201a][^\\s]|[\u00c3\u00c2\u00c5\u00d0\u00d1][\u0080-\u00bf]|\u00e2\u20ac"
)


def repair_line(line: str) -> str:
    """``line`` with its mojibake repaired (itself when it has none)."""
    if not HINT.search(line):
        return line
    import ftfy  # only for the few lines with a hint: ftfy takes a while to import

    repaired, steps = ftfy.fix_encoding_and_explain(line)
    return repaired if steps else line


def repair(text: str) -> str:
    """:func:`repair_line` on every line of ``text``."""
    if not HINT.search(text):
        return text
    return "\n".join(repair_line(line) for line in text.split("\n"))
