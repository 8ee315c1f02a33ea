"""Code actions: a quick fix for each fixable finding under the cursor, and "fix all
safe problems" (also as ``source.fixAll.plancheck``, which editors can run on save).

A quick fix is the finding's own edits. Fix-all runs the fixer to its fixed point, as
`plancheck fix` does, and sends the difference as one edit of the changed region.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from lsprotocol import types

from plancheck.diagnostics import Applicability, Diagnostic
from plancheck.fixer import dominant_newline, line_starts
from plancheck.lsp.analysis import Analysis
from plancheck.lsp.diagnostics import to_lsp
from plancheck.lsp.positions import UTF16, to_position, to_range

FIX_ALL = "source.fixAll.plancheck"
QUICK_FIX = types.CodeActionKind.QuickFix
KINDS = [QUICK_FIX, FIX_ALL]
FIX_ALL_TITLE = "Fix all safe problems (plancheck)"


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Is ``kind`` asked for? Kinds are hierarchical: ``source`` asks for
    ``source.fixAll.plancheck`` too."""
    return only is None or any(kind == o or kind.startswith(f"{o}.") for o in only)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def quick_fix(d: Diagnostic, analysis: Analysis, encoding: str = UTF16) -> types.CodeAction:
    assert d.fix is not None
    # What a fix inserts keeps the file's line endings, unless it converts them (as the
    # fixer does).
    newline = "\n" if d.rule == "line-endings" else dominant_newline(analysis.text)
    edits = [
        types.TextEdit(
            range=to_range(analysis.lines, e.span, encoding),
            new_text=e.content.replace("\n", newline),
        )
        for e in d.fix.edits
    ]
    safe = d.fix.applicability is Applicability.SAFE
    return types.CodeAction(
        title=d.fix.message if safe else f"{d.fix.message} (unsafe)",
        kind=QUICK_FIX,
        diagnostics=[to_lsp(d, analysis.lines, encoding)],
        edit=types.WorkspaceEdit(changes={analysis.uri: edits}),
        is_preferred=safe,
    )


def changed_region(old: str, new: str) -> tuple[int, int, str]:
    """The smallest ``(start, end, text)`` with ``old[:start] + text + old[end:] == new``,
    widened so that neither end falls between the ``\\r`` and ``\\n`` of a line break
    (an LSP position cannot point there)."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < limit - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
        start -= 1
    end = len(old) - tail
    if 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        end += 1
        tail -= 1
    return start, end, new[start : len(new) - tail]


def _position(
    starts: list[int], lines: Sequence[str], offset: int, encoding: str
) -> types.Position:
    line = bisect.bisect_right(starts, offset)  # 1-based: the line holding ``offset``
    return to_position(lines, line, offset - starts[line - 1] + 1, encoding)


def fix_all_edit(analysis: Analysis, encoding: str = UTF16) -> types.TextEdit | None:
    """Every safe fix, to a fixed point, as one edit; None when nothing would change."""
    if analysis.safely_fixed == analysis.text:
        return None
    start, end, text = changed_region(analysis.text, analysis.safely_fixed)
    starts = line_starts(analysis.text)
    return types.TextEdit(
        range=types.Range(
            start=_position(starts, analysis.lines, start, encoding),
            end=_position(starts, analysis.lines, end, encoding),
        ),
        new_text=text,
    )


def code_actions(
    analysis: Analysis,
    where: types.Range,
    only: Sequence[str] | None,
    encoding: str = UTF16,
) -> list[types.CodeAction]:
    """The actions for the range the client asks about."""
    found = analysis.diagnostics
    here = [
        d
        for d in found
        if d.fix is not None and _overlaps(to_range(analysis.lines, d.span, encoding), where)
    ]
    actions: list[types.CodeAction] = []
    if wanted(QUICK_FIX, only):
        actions += [quick_fix(d, analysis, encoding) for d in here]
    # Fix-all is offered next to the quick fixes when one is safe, and as a source
    # action whenever any finding of the document has a safe fix.
    safe = [d for d in found if d.fix is not None and d.fix.applicability is Applicability.SAFE]
    kinds = [FIX_ALL] if safe and wanted(FIX_ALL, only) else []
    if wanted(QUICK_FIX, only) and any(d in safe for d in here):
        kinds.insert(0, QUICK_FIX)
    edit = fix_all_edit(analysis, encoding) if kinds else None
    if edit is not None:
        actions += [
            types.CodeAction(
                title=FIX_ALL_TITLE,
                kind=kind,
                edit=types.WorkspaceEdit(changes={analysis.uri: [edit]}),
            )
            for kind in kinds
        ]
    return actions
