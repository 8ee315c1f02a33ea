"""The parser on the seed document and on the constructs the corpus really has."""

from __future__ import annotations

from plancheck.document import BlockKind, Span
from plancheck.parser import parse
from tests.conftest import SEED


def seed():  # type: ignore[no-untyped-def]
    return parse(SEED.read_text(encoding="utf-8"), str(SEED))


def test_seed_title_and_tags() -> None:
    doc = seed()
    assert doc.title is not None
    assert doc.title.text == "Grounding portfolio approaches at a territorial level"
    assert doc.title.span == Span(1, 3, 1, 56)
    assert [t.key for t in doc.tags[:3]] == ["focal_point", "year", "type"]
    assert len(doc.tags) == 14 and not doc.malformed_tags
    latlng = doc.tags[-1]
    assert (latlng.key, latlng.value) == ("latlng", "8.51455696645501,-80.12129495069988")
    assert latlng.span == Span(19, 1, 19, 47)
    assert latlng.value_span == Span(19, 10, 19, 45)
    assert doc.tag_block == Span(3, 1, 19, 47)


def test_seed_sections_leads_and_prompts() -> None:
    doc = seed()
    assert [s.heading for s in doc.sections] == [
        "Learnings on your challenge",
        "Data and Methods",
        "Partners",
        "End",
    ]
    first = doc.sections[0]
    assert first.span.line == 20 and first.text_span == Span(20, 4, 20, 31)
    assert first.lead == "****" and first.lead_span == Span(21, 1, 21, 5)
    assert len(first.prompts) == 4
    insights = first.prompts[0]
    assert insights.text.startswith("What are the top key insights")
    assert insights.span.line == 23 and insights.text_span.column == 3
    assert len(insights.answer.blocks) == 10
    assert insights.answer.blocks[0].span.line == 25


def test_seed_checklist_answer_items() -> None:
    handover = seed().sections[0].prompts[1]
    items = handover.answer.items
    assert [i.text for i in items] == [
        "Our work has led to significant changes in our UNDP Country Office programming",
        "Our work has not yet scaled",
    ]
    assert [i.span.line for i in items] == [47, 48]


def test_seed_lazy_continuation_line_is_the_answer_not_the_prompt() -> None:
    links = seed().sections[0].prompts[3]
    assert links.text.endswith("learnings on your frontier challenge.")
    assert links.answer.blocks[0].span.line == 55
    assert [lnk.url for lnk in links.answer.links] == [
        "https://www.undp.org/es/panama/publicaciones/indh-panama-2024"
    ]


def test_seed_groups() -> None:
    partners = seed().sections[2]
    assert len(partners.groups) == 4 and all(g.closed for g in partners.groups)
    assert partners.groups[0].span.line == 84
    assert [p.group for p in partners.prompts] == [None, 0, 1, 2, 3]
    assert partners.prompts[2].answer.is_empty


def test_images_are_links_of_the_answer() -> None:
    end = seed().sections[3]
    image = end.prompts[-1].answer.links[0]
    assert image.image and image.url.endswith(".png")
    assert image.span.line == 142


def test_malformed_tags_keep_a_reading() -> None:
    doc = parse("# T\n\n[[ methods : Pilots ]]\n[[year=2024]]\n[[sdgs:1. No poverty]\n")
    assert [(b.key, b.value) for b in doc.malformed_tags] == [
        ("methods", "Pilots"),
        ("year", "2024"),
        ("sdgs", "1. No poverty"),
    ]
    assert doc.malformed_tags[0].span == Span(3, 1, 3, 23)


def test_unclosed_group_is_marked() -> None:
    doc = parse('# T\n\n[[year:2024]]\n## S\n\n<div class="group">\n\n> Q\n\nA\n')
    assert doc.sections[0].groups[0].closed is False
    assert doc.sections[0].prompts[0].group == 0


def test_setext_underline_does_not_make_a_section() -> None:
    doc = parse("# T\n\n[[year:2024]]\n## S\n\n> Q\n\nAnswer\n---\n")
    assert [s.heading for s in doc.sections] == ["S"]
    assert doc.sections[0].prompts[0].answer.blocks[0].kind is BlockKind.PARAGRAPH


def test_crlf_and_cr_lines_count_like_markdown_it() -> None:
    for newline in ("\r\n", "\r"):
        doc = parse(newline.join(["# T", "", "[[year:2024]]", "## S", "", "> Q", ""]))
        assert doc.sections[0].span.line == 4
        assert doc.sections[0].prompts[0].span.line == 6


def test_any_text_parses() -> None:
    for text in ("", "\x00", "> ", "## ", "[[", '<div class="group">', "\u2028x\u2029"):
        parse(text)


def test_heading_right_after_a_closing_div_is_a_section() -> None:
    source = '# T\n\n[[year:2024]]\n## A\n\n<div class="group">\n\n> Q\n\nAnswer\n\n</div>\n## B\n\n> R\n'
    doc = parse(source)
    assert [(s.heading, s.span.line) for s in doc.sections] == [("A", 4), ("B", 13)]
    assert doc.sections[0].groups[0].closed
    assert doc.sections[1].prompts[0].span.line == 15


def test_prompt_right_after_an_opening_div_is_in_the_group() -> None:
    source = '# T\n\n[[year:2024]]\n## A\n\n<div class="group">\n> Q\n\nAnswer\n\n</div>\n'
    section = parse(source).sections[0]
    assert [(p.text, p.span.line, p.group) for p in section.prompts] == [("Q", 7, 0)]
    assert section.prompts[0].answer.text == "Answer"


def test_answer_text_after_editor_html_is_kept() -> None:
    source = "# T\n\n[[year:2024]]\n## A\n\n> Q\n\n<div><br></div>\nThe answer.\n"
    answer = parse(source).sections[0].prompts[0].answer
    assert [(b.kind, b.text, b.span.line) for b in answer.blocks] == [
        (BlockKind.HTML, "<div><br></div>", 8),
        (BlockKind.PARAGRAPH, "The answer.", 9),
    ]


def test_bom_is_a_character_of_line_one() -> None:
    doc = parse("\ufeff# Title\n\n[[year:2024]]\n")
    assert doc.title is not None and doc.title.text == "Title"
    assert doc.title.span.column == 4  # after the BOM, `#` and the space
    assert doc.source.startswith("\ufeff")


def test_a_comment_between_tags_keeps_the_tag_block() -> None:
    doc = parse("# T\n\n[[year:2024]]\n\n<!-- note -->\n[[type:learningplan]]\n## S\n")
    assert [t.key for t in doc.tags] == ["year", "type"]
