"""HTML rules: html-entity and html-residue. Each: a failing case, a passing case and the
fixed text; the residue cases are excerpts of real documents."""

from __future__ import annotations

import pytest

from plancheck.diagnostics import Applicability
from tests.conftest import VALID, apply_fix, line_of, lint_text, problems

ANSWER = "Our challenge is that waste is not collected in the old town."


def only(source: str, rule: str):  # type: ignore[no-untyped-def]
    found = lint_text(source, select=(rule,))
    assert len(found) == 1, found
    return found[0]


def test_html_entity_in_an_answer_is_fixed_to_its_character() -> None:
    source = VALID.replace("waste is not", "waste &amp; litter are not")
    d = only(source, "html-entity")
    line = line_of(source, "&amp;")
    assert (d.span.line, d.span.column, d.span.end_column) == (line, 29, 34)
    assert d.message == "HTML entity &amp; stands for '&'"
    assert d.fix is not None and d.fix.applicability is Applicability.SAFE
    assert apply_fix(source, d) == VALID.replace("waste is not", "waste & litter are not")


def test_html_entity_nbsp_and_numeric() -> None:
    source = VALID.replace("old town.", "old&nbsp;town&#39;s.")
    found = lint_text(source, select=("html-entity",))
    assert [d.message for d in found] == [
        "HTML entity &nbsp; stands for a no-break space",
        'HTML entity &#39; stands for "\'"',
    ]


def test_html_entity_leaves_markup_escapes_and_drifting_prompts() -> None:
    source = VALID.replace("waste is not", "&lt;b&gt; &#42; &amp;copy; is not")
    assert problems(source, "html-entity") == []
    drifting = VALID.replace("key insights & lessons", "key insights &amp; lessons")
    assert problems(drifting, "html-entity") == []  # prompt-drift restores the prompt
    assert problems(drifting, "prompt-drift") != []


def test_html_entity_quiet_without_entities() -> None:
    assert problems(VALID, "html-entity") == []


def test_html_residue_line_is_removed() -> None:
    source = VALID.replace(ANSWER + "\n", ANSWER + "\n<div><br></div>\n")
    d = only(source, "html-residue")
    assert (d.span.line, d.span.column) == (line_of(source, "<div><br>"), 1)
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    assert apply_fix(source, d) == VALID


def test_html_residue_inline_keeps_the_text() -> None:
    source = VALID.replace("waste is not collected", "waste is not <span>collected</span>")
    d = only(source, "html-residue")
    assert (d.span.line, d.span.column) == (line_of(source, "<span>"), 36)
    assert apply_fix(source, d) == VALID


def test_html_residue_leaves_groups_alone() -> None:
    assert problems(VALID, "html-residue") == []  # VALID has two groups


def test_html_entity_trailing_nbsp_is_removed_unless_it_keeps_a_marker_text() -> None:
    source = VALID.replace("old town.", "old town.&nbsp;")
    d = only(source, "html-entity")
    assert d.message == "HTML entity &nbsp; at the end of the line"
    assert apply_fix(source, d) == VALID
    marker = VALID.replace("2. Collection times", "2.&nbsp;\n3. Collection times")
    assert problems(marker, "html-entity") == []


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        # learningplan/collective_intelligence_for_cliamte_action.md
        (
            "Local maritime community<div>Government<div>Donors</div></div>",
            "Local maritime community\nGovernment\nDonors",
        ),
        # learningplan/exploring_the_potential_of_clean_briquette.md: two URLs
        (
            "https://www.undp.org/a-green-jobs<div>https://www.undp.org/fr/b</div>",
            "https://www.undp.org/a-green-jobs\nhttps://www.undp.org/fr/b",
        ),
        ("CO<sub>2</sub> and <b>methane</b>", "CO2 and methane"),
        ("first line<br>second line", "first line\nsecond line"),
        (
            "Partners:<ul><li>Government</li><li>Donors</li></ul>",
            "Partners:\n- Government\n- Donors",
        ),
        ("Steps:<ol><li>Map</li><li>Test</li></ol>", "Steps:\n1. Map\n2. Test"),
        # escaped once and twice (experiment/r_ver_l_avenir*.md, solutions)
        ("one&lt;div&gt;two&lt;/div&gt;", "one\ntwo"),
        ("one&amp;lt;br&amp;gt;two", "one\ntwo"),
        # Word table cells
        ("<table><tr><td>Alpha</td><td>Beta</td></tr></table>", "Alpha\nBeta"),
        # a line break that would start a heading keeps a space instead
        ("Total<br># of people", "Total # of people"),
    ],
)
def test_html_residue_shows_the_words_as_a_browser_did(answer: str, expected: str) -> None:
    source = VALID.replace(ANSWER, answer)
    found = lint_text(source, select=("html-residue",))
    assert found and all(d.span.line == line_of(source, answer) for d in found)
    for d in reversed(found):
        assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
        source = apply_fix(source, d)
    assert VALID.replace(ANSWER, expected) == source
    assert problems(source, "html-residue") == []


def test_html_residue_keeps_attributes_that_run_over_lines_out_of_the_text() -> None:
    # experiment Word paste: a <span> whose data attribute holds a line break
    answer = 'Objective:<span data-ccp-props="{&quot;201341983&quot;:0,\n&quot;335551550&quot;:6}"> the aim</span>'
    source = VALID.replace(ANSWER, answer)
    found = lint_text(source, select=("html-residue",))
    # one finding for the passage, at the line where its markup starts, naming the other
    assert [
        (d.span.line, d.message.endswith("and on 1 more line of the passage")) for d in found
    ] == [(17, True)]
    fixed = source
    for d in reversed(found):
        assert d.fix is not None
        fixed = apply_fix(fixed, d)
    assert fixed == VALID.replace(ANSWER, "Objective: the aim")
    assert problems(source, "html-entity") == []  # the &quot; are the attribute's


def test_html_residue_unwraps_an_export_link_with_markup_in_text_and_address() -> None:
    # learningplan/1_.md: the export's link to two blogs
    link = "[https://a.org/x<div><br></div><div>https://b.org/y<br></div>](https://a.org/x<div><br></div><div>https://b.org/y<br></div>)"
    source = VALID.replace(ANSWER, link)
    found = lint_text(source, select=("html-residue",))
    assert [d.message.endswith("in a link") for d in found] == [True]
    from plancheck import fix_text
    from tests.conftest import mini_schema

    result = fix_text(source, {"mini": mini_schema()}, unsafe=True)
    assert result.refused is None
    assert VALID.replace(ANSWER, "https://a.org/x\nhttps://b.org/y") == result.source


def test_html_residue_offers_no_fix_that_would_change_the_words() -> None:
    # markup inside a link whose address differs from its text: unwrapping would lose it
    link = "[see<br>this](https://c.org/a<br>b)"
    source = VALID.replace(ANSWER, link)
    found = lint_text(source, select=("html-residue",))
    assert found and all(d.fix is None for d in found)


def test_html_entity_leaves_entities_inside_tags_and_escaped_markup() -> None:
    # All 426 `&quot;` of the corpus sit in style attributes of pasted Word HTML.
    answer = '<span style="font-family: &quot;Segoe UI&quot;">Text</span> and &amp;lt;div&amp;gt;'
    assert problems(VALID.replace(ANSWER, answer), "html-entity") == []
    assert problems(VALID.replace(ANSWER, answer + " R&amp;D"), "html-entity") != []


def test_html_entity_a_no_break_space_before_a_visible_entity_is_not_trailing() -> None:
    # found by hypothesis through the fix guard: `&nbsp;` was taken for trailing because
    # only entities followed it, and removing it glued the word to the `'` of `&#39;`
    source = VALID.replace("old town.", "old town.&nbsp;&#39;")
    found = lint_text(source, select=("html-entity",))
    assert [d.message for d in found] == [
        "HTML entity &nbsp; stands for a no-break space",
        'HTML entity &#39; stands for "\'"',
    ]


def test_html_entity_offers_no_fix_that_changes_how_markdown_reads_the_line() -> None:
    # found by hypothesis through the fix guard: `*&nbsp;a*b` is emphasis, while `*`
    # followed by a no-break space is not, so the character would show a `*`
    source = VALID.replace("old town.", "old *&nbsp;town*s.")
    (d,) = lint_text(source, select=("html-entity",))
    assert d.message == "HTML entity &nbsp; stands for a no-break space"
    assert d.fix is None
