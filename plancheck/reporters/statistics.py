"""`--statistics`: how many findings of each rule (and, for tag rules, of each tag)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from plancheck.diagnostics import Diagnostic


class StatisticsReporter:
    def document(
        self, diagnostics: list[Diagnostic], lines: Sequence[str], *, path: str | None = None
    ) -> str:
        return ""

    def finish(self, diagnostics: list[Diagnostic], files: int) -> str:
        by_rule = Counter((d.code, d.rule) for d in diagnostics)
        by_subject = Counter((d.code, d.subject) for d in diagnostics if d.subject)
        fixable = {d.code for d in diagnostics if d.fix}
        width = len(f"{max(by_rule.values(), default=0)}")
        out = []
        for (code, rule), n in sorted(by_rule.items(), key=lambda x: (-x[1], x[0])):
            mark = " [*]" if code in fixable else ""
            out.append(f"{n:>{width}}  {code}  {rule}{mark}")
            subjects = [(s, m) for (c, s), m in by_subject.items() if c == code]
            for subject, m in sorted(subjects, key=lambda x: (-x[1], x[0] or "")):
                out.append(f"{'':>{width}}    {m:>{width}}  {subject}")
        noun = "file" if files == 1 else "files"
        out.append(f"{len(diagnostics)} findings in {files} {noun}.")
        return "\n".join(out) + "\n"
