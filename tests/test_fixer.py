"""The fix engine: selection of edits, passes to a fixed point, line endings, writing."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from plancheck import fix_text
from plancheck.codes import ALWAYS, RuleInfo
from plancheck.diagnostics import Applicability, Edit, Finding, Fix, Severity
from plancheck.document import Span
from plancheck.files import write_atomic
from plancheck.linter import RuleSet
from plancheck.rules import ALL_RULES
from plancheck.rules.base import Context, rule
from tests.conftest import VALID, mini_schema

SCHEMAS = {"mini": mini_schema()}


def fix(source: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return fix_text(source, SCHEMAS, **kwargs)  # type: ignore[arg-type]


def test_nothing_to_fix_is_left_byte_identical() -> None:
    result = fix(VALID)
    assert result.source == VALID and not result.changed and result.converged
    assert result.passes == 0


def test_safe_fixes_only_by_default() -> None:
    source = VALID.replace("## Closing", "## closing").replace("old town.", "old town.<br>")
    safe = fix(source)
    assert "## Closing" in safe.source and "<br>" in safe.source
    assert [a.rule for a in safe.applied] == ["heading-drift"]
    both = fix(source, unsafe=True)
    assert both.source == VALID
    assert sorted(a.rule for a in both.applied) == ["heading-drift", "html-residue"]


# The engine tests' rules edit a line of layout (`~~`): edits to words would be refused by
# the guard (tests/test_fix_guard.py), which is not what these tests are about.
@rule(
    RuleInfo("PC997", "tilde-to-plus", Severity.WARNING, ALWAYS, "A test rule."), needs_schema=False
)
def tilde_to_plus(ctx: Context) -> Iterator[Finding]:
    """Rewrites the whole first line when it has a "~" (for the overlap test)."""
    first = ctx.document.lines[0]
    if "~" in first:
        span = Span(1, 1, 1, len(first) + 1)
        yield Finding(
            span, "~", Fix(Applicability.SAFE, "~", (Edit(span, first.replace("~", "+")),))
        )


@rule(RuleInfo("PC998", "bang", Severity.WARNING, ALWAYS, "A test rule."), needs_schema=False)
def bang(ctx: Context) -> Iterator[Finding]:
    """Appends "!" to the first line (for the overlap test)."""
    first = ctx.document.lines[0]
    if not first.endswith("!"):
        span = Span(1, len(first) + 1, 1, len(first) + 1)
        yield Finding(span, "!", Fix(Applicability.SAFE, "!", (Edit(span, "!"),)))


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    result = fix_text("~~\n", {}, rules=RuleSet((tilde_to_plus, bang)))
    assert result.source == "++!\n"
    assert [(a.rule, a.span.column) for a in result.applied] == [("tilde-to-plus", 1), ("bang", 3)]
    assert result.passes == 2


def test_fixes_that_do_not_overlap_share_a_pass() -> None:
    source = VALID.replace("[[methods:Pilots]]", "[[ methods : Pilots ]]  ")
    result = fix(source)
    assert result.source == VALID
    assert result.passes == 1
    assert sorted(a.rule for a in result.applied) == ["tag-syntax", "trailing-whitespace"]


def test_many_fixes_reach_a_fixed_point_and_fixing_again_changes_nothing() -> None:
    source = "\ufeff" + VALID.replace("## Closing", "## closing").replace(
        "[[year:2024]]", "[[ year:2024]]"
    ).replace("waste is not", "waste &amp; more is not").replace("\n", "\r\n").rstrip("\r\n")
    once = fix(source)
    assert once.converged
    assert fix(once.source).source == once.source
    assert once.source == VALID.replace("waste is not", "waste & more is not")


def test_line_ending_style_is_kept_when_line_endings_are_not_fixed() -> None:
    source = VALID.replace("## Closing", "## closing").replace("\n", "\r\n").rstrip("\r\n")
    rules = RuleSet.from_selectors(ignore=["line-endings"])
    result = fix(source, rules=rules)
    assert result.source == VALID.replace("\n", "\r\n")  # the added final newline is CRLF


def test_the_schema_of_the_first_pass_is_kept() -> None:
    assert fix(VALID).schema_id == "mini"


@rule(RuleInfo("PC999", "flip-flop", Severity.WARNING, ALWAYS, "A test rule."), needs_schema=False)
def flip_flop(ctx: Context) -> Iterator[Finding]:
    """A rule whose fix never settles (for the pass limit test)."""
    first = ctx.document.lines[0]
    other = "++" if first == "--" else "--"
    span = Span(1, 1, 1, len(first) + 1)
    yield Finding(span, "flip", Fix(Applicability.SAFE, "flip", (Edit(span, other),)))


def test_a_fix_that_never_settles_stops_at_the_pass_limit() -> None:
    result = fix_text("--\n", {}, rules=RuleSet((flip_flop,)), max_passes=5)
    assert not result.converged and result.passes == 5


def test_all_registered_fixes_are_declared_fixable() -> None:
    source = "\ufeff" + VALID.replace("## Closing", "## closing").replace(
        "[[year:2024]]", "[[ year:2024]]"
    )
    result = fix(source, unsafe=True)
    fixable = {r.name for r in ALL_RULES if r.fixable}
    assert {a.rule for a in result.applied} <= fixable


def test_write_atomic_creates_a_new_file_with_default_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    umask = os.umask(0o022)
    try:
        write_atomic(str(path), "text\n")
    finally:
        os.umask(umask)
    assert path.read_text(encoding="utf-8") == "text\n"
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["new.md"]


def test_write_atomic_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("old\n")
    path.chmod(0o640)
    write_atomic(str(path), "new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_interrupted_write_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.md"
    path.write_text("days of work\n")

    def broken_replace(src: str, dst: str) -> None:
        raise KeyboardInterrupt  # Ctrl-C between writing the copy and renaming it

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(path), "half")
    assert path.read_text() == "days of work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_failed_write_of_the_copy_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.md"
    path.write_text("days of work\n")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OSError):
        write_atomic(str(path), "new text\n")
    assert path.read_text() == "days of work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]
