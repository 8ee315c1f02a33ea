"""Property tests (hypothesis) for what `test_fix_properties.py` leaves out: any bytes
through the reader, every position a finding or a fix gives lies inside the document, and
fixing the real seed documents of every template (not only the four generated there)
after hostile lines are spliced into them.

Bounded for CI: a few dozen examples each, no deadline (the machine may be loaded).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck import check_text, fix_text
from plancheck.diagnostics import Diagnostic
from plancheck.document import split_lines
from plancheck.files import Source, decode, read
from plancheck.linter import RuleSet
from plancheck.schema import load_schemas
from tests.conftest import SEEDS
from tests.fixcheck import answer_words

SCHEMAS = load_schemas()
SEED_TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.md"))}
SCHEMA_IDS = [None, *sorted(SCHEMAS)]
QUICK = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Lines a hostile author, editor or export puts in a plan.
HOSTILE_LINES = [
    "<!--",
    "<!-- plancheck-disable",
    "<!-- plancheck-disable-next-line heading-drift -->",
    "<!-- plancheck-enable -->",
    '<div class="group">',
    "</div>",
    "<div><br></div>",
    "```",
    "    indented code",
    "> ",
    ">",
    "## ",
    "#",
    "[[",
    "[[year:]]",
    "[[ type : learningplan ]]",
    "[[latlng:0,0]]",
    "- ",
    "1.",
    "****",
    "&amp;&nbsp;&#0;&#x110000;",
    "\u00a0",
    "\ufeff",
    "\u2028",
    "\x00",
    "\r",
]


def positions_are_inside(text: str, found: list[Diagnostic]) -> None:
    """Every finding's span and every fix edit starts and ends inside ``text`` (1-based,
    end exclusive, so the end column may be one past the last character)."""
    lines = split_lines(text)
    for d in found:
        spans = [d.span, *(e.span for e in (d.fix.edits if d.fix else ()))]
        for span in spans:
            for line, column in ((span.line, span.column), (span.end_line, span.end_column)):
                assert 1 <= line <= len(lines), (d, len(lines))
                assert 1 <= column <= len(lines[line - 1]) + 1, (d, lines[line - 1])
            assert (span.line, span.column) <= (span.end_line, span.end_column), d


# --- the reader -------------------------------------------------------------------------


@QUICK
@given(st.binary(max_size=300))
def test_any_bytes_decode_to_text_or_one_diagnostic(data: bytes) -> None:
    got = decode(data, "a.md")
    if isinstance(got, Source):
        assert got.text.encode("utf-8") == data and "\x00" not in got.text
        return
    assert got.rule == "invalid-encoding" and got.code == "PC003"
    lines = split_lines(data.decode("utf-8", "replace"))
    assert 1 <= got.span.line <= len(lines)
    assert 1 <= got.span.column <= len(lines[got.span.line - 1]) + 1


@QUICK
@given(st.binary(max_size=64), st.integers(min_value=1, max_value=80))
def test_standard_input_is_refused_exactly_above_the_limit(data: bytes, limit: int) -> None:
    got = read("-", data, max_size=limit)
    too_large = isinstance(got, Diagnostic) and got.rule == "file-too-large"
    assert too_large == (len(data) > limit)


# --- positions --------------------------------------------------------------------------


@QUICK
@given(
    st.text(
        alphabet=st.sampled_from(list("#>[]:=-*`<>!/ abcé\n\r\t\u00a0\ufeff\x00&;")),
        max_size=200,
    ),
    st.sampled_from(SCHEMA_IDS),
)
def test_findings_and_fixes_point_inside_any_text(text: str, schema_id: str | None) -> None:
    found = check_text(text, SCHEMAS, schema_id=schema_id)
    positions_are_inside(text, found)


def test_regression_missing_tag_block_after_a_title_on_the_last_line() -> None:
    """Found by the property above: the finding pointed at the line after the title,
    which does not exist when the title ends the file without a line break."""
    # a title alone is not a plan: checked as one, as every file is without not-a-plan
    as_plan = RuleSet.from_selectors(ignore=["not-a-plan"])
    found = check_text("# Title", SCHEMAS, rules=as_plan)
    found = [d for d in found if d.rule == "missing-tag-block"]
    assert [(d.span.line, d.span.column) for d in found] == [(1, 1)]
    positions_are_inside("# Title", check_text("#", SCHEMAS))


@st.composite
def spliced_seeds(draw: st.DrawFn) -> tuple[str, str]:
    """A real seed with a few hostile lines (or any text) inserted between its lines."""
    name = draw(st.sampled_from(sorted(SEED_TEXTS)))
    lines = SEED_TEXTS[name].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines)))
        piece = draw(st.one_of(st.sampled_from(HOSTILE_LINES), st.text(max_size=20)))
        lines.insert(at, piece)
    return name, "\n".join(lines)


@SLOW
@given(spliced_seeds())
def test_findings_and_fixes_point_inside_spliced_seeds(case: tuple[str, str]) -> None:
    _, text = case
    positions_are_inside(text, check_text(text, SCHEMAS))


# --- fixing -----------------------------------------------------------------------------


@SLOW
@given(spliced_seeds(), st.booleans())
def test_fix_is_idempotent_on_every_template(case: tuple[str, str], unsafe: bool) -> None:
    _, text = case
    once = fix_text(text, SCHEMAS, unsafe=unsafe)
    if not once.converged:
        return  # the pass limit: `plancheck fix` reports it (exit 2); nothing to compare
    again = fix_text(once.source, SCHEMAS, schema_id=once.schema_id, unsafe=unsafe)
    assert not again.changed, again.counts()
    assert again.source == once.source


@SLOW
@given(spliced_seeds())
def test_safe_fixes_keep_every_answer_word(case: tuple[str, str]) -> None:
    _, text = case
    fixed = fix_text(text, SCHEMAS)
    assert answer_words(fixed.source) == answer_words(text)
