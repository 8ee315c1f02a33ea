"""Findings that must be worth reading: what the archive's authors and curators do not
need to read is counted, not listed, or said once (excerpts of real corpus documents)."""

from __future__ import annotations

from plancheck import check_text, fix_text
from plancheck.diagnostics import Diagnostic, Severity
from plancheck.linter import RuleSet
from plancheck.schema import Schema
from tests.conftest import apply_fix, line_of
from tests.rules.test_excerpts import CHALLENGE, HEAD, SHARES, SOLUTION


def found(
    builtin: dict[str, Schema], source: str, rule: str, schema: str = "learningplan-design"
) -> list[Diagnostic]:
    rules = RuleSet.from_selectors([rule])
    return check_text(source, builtin, path="excerpt.md", schema_id=schema, rules=rules)


def group(prompt: str, answer: str = "") -> str:
    """One of the export's `<div class="group">` sub-forms, one prompt each."""
    return f'<div class="group">\n\n> {prompt}\n\n{answer}\n\n</div>\n\n'


# learningplan/closing_housing_gaps_with_3d_printing_solutions.md, lines 60-235: four
# partner slots; the third is "n/a" and "n/a", the fourth names a partner whose
# description is "n/a"
def partners(*slots: tuple[str, str]) -> str:
    body = "## Partners\n\n> Please indicate what partners you have actually worked with for "
    body += "this learning challenge.\n\n"
    for name, description in slots:
        body += group("Please state the name of the partner:", name)
        body += group("What sector does your partner belong to?")
        body += group("Please provide a brief description of the partnership.", description)
        body += group("Is this a new and unusual partner for UNDP?")
    return body


USED = ("Universidad Javeriana", "Academia has been researching on soil based constructions.")


def test_an_unused_partner_slot_is_not_a_placeholder(builtin: dict[str, Schema]) -> None:
    source = HEAD + partners(USED, ("n/a", "n/a"), ("\u00a0innovation ministry", "n/a"))
    lines = [d.span.line for d in found(builtin, source, "placeholder", "closing-report-2024")]
    # the named partner's "n/a" description is reported; the unused slot's are not
    third_description = source.index("n/a", source.index("innovation ministry"))
    assert lines == [source[:third_description].count("\n") + 1]


def test_when_no_slot_is_used_the_first_says_so(builtin: dict[str, Schema]) -> None:
    source = HEAD + partners(("", ""), ("", "")).replace(
        "learning challenge.\n", "learning challenge.\n\nWe worked with no partner yet.\n"
    )
    empty = found(builtin, source, "empty-answer", "closing-report-2024")
    first = [line_of(source, "> Please state the name"), line_of(source, "> Please provide")]
    assert [d.span.line for d in empty] == first


def test_a_section_left_blank_is_one_finding(builtin: dict[str, Schema]) -> None:
    source = HEAD + partners(("", ""), ("", ""))
    [d] = found(builtin, source, "empty-answer", "closing-report-2024")
    assert (d.span.line, d.severity) == (line_of(source, "## Partners"), Severity.WARNING)
    assert d.message == (
        "the section 'Partners' is blank: none of its 9 questions is answered (4 need an answer)"
    )


# experiment/a_chatbot_to_engage_bystanders_of_violence_agains_women.md, lines 19-43
OVERVIEW_2022 = """\
## Overview
**This section is to explain the basics of the activity**

> Name of the experimental activity

> Prepared by (Name of the experimenter)

> On date (Day/Month/Year)

> Current status of experimental activity

> What portfolio does this activity correspond to? If any

> What is the frontier challenge does this activity responds to?

> What is the learning question(from your action learning plan) is this activity related to?

> Please categorize the type that best identifies this experimental activity:

-\x20

> Which sector are you partnering with for this activity? Please select all that apply

-\x20

> Please list the names of partners mentioned in the previous question:
"""


def test_the_2022_forms_blank_overview_is_one_finding_of_the_exports(
    builtin: dict[str, Schema],
) -> None:
    source = HEAD.replace("learningplan", "experiment") + OVERVIEW_2022
    [d] = found(builtin, source, "empty-answer", "experiment")
    assert (d.span.line, d.severity, d.export) == (
        line_of(source, "## Overview"),
        Severity.INFO,
        True,
    )
    assert d.message == (
        "the section 'Overview' is blank: none of its 10 questions is answered (2 need an answer)"
    )


def test_a_blank_section_of_another_form_is_the_authors_once(builtin: dict[str, Schema]) -> None:
    source = HEAD.replace("learningplan", "experiment") + OVERVIEW_2022.replace(
        "> Name of the experimental activity\n\n", ""
    )
    [d] = found(builtin, source, "empty-answer", "experiment")
    assert (d.severity, d.export) == (Severity.WARNING, False)
    assert "the section 'Overview' is blank: none of its 9 questions" in d.message


# experiment/integrating_gender__equality__social_inclusion_in_projects.md, lines 111-136
RESULTS = """\
## Results
**Only complete this section when presenting results**

> Was the original hypothesis (If.. then) proven or disproven?

NA

> Do you have observations about the methodology chosen for the experiment? What would you change?

NA

> From design to results, how long did this activity take? (Time in months)

NA
"""


def test_results_not_presented_yet_are_no_placeholders(builtin: dict[str, Schema]) -> None:
    source = HEAD.replace("learningplan", "experiment") + RESULTS
    assert found(builtin, source, "placeholder", "experiment") == []
    assert found(builtin, source, "empty-answer", "experiment") == []


def test_results_presented_need_their_answers(builtin: dict[str, Schema]) -> None:
    # one answer written: the results are presented, and a blank required answer is empty
    source = HEAD.replace("learningplan", "experiment") + RESULTS.replace(
        "NA\n\n> From design", "We would run it with a control group.\n\n> From design", 1
    ).replace("disproven?\n\nNA\n", "disproven?\n\n", 1)
    [d] = found(builtin, source, "empty-answer", "experiment")
    assert d.span.line == line_of(source, "> Was the original hypothesis")
    # "TBD" there is what is still to come, as results come in (it was reported before)
    pending = source.replace("disproven?\n\n", "disproven?\n\nTBD\n", 1)
    assert found(builtin, pending, "empty-answer", "experiment") == []
    assert found(builtin, pending, "placeholder", "experiment") == []


# learningplan/systemic_and_complex_mapping_of_the_green_economy_in_belarus.md, lines
# 119-138: a learning question, then an empty `## Learning questions` the export wrote
LEARNING = """\
## Learning questions

> Learning question: What is your learning question for this challenge? What do you need to know or understand to work on your challenge statement?

What are the main driving forces and obstacles for GE development in Belarus?

> To what stage(s) in the learning cycle does your learning question relate?

- Sense
- Explore

> Usage of methods: Relating to your choice above, how will you use your methods & tools for this learning question? What value do these add in answering your learning question?

System mapping \u2013 map issues related to Green Economy and Green Growth

> Existing data gaps: Relating to your choice above, what existing gaps in data or information do these new sources of data addressing? What value do these add in answering your learning question?

Green Growth in Belarus needs the grouping of indicators into one dashboard.
## Learning questions
## Learning questions
"""


def test_an_unused_copy_of_a_repeated_section_is_not_missing_prompts(
    builtin: dict[str, Schema],
) -> None:
    assert found(builtin, HEAD + LEARNING, "missing-prompt") == []


def test_a_section_with_none_of_its_prompts_is_one_finding(builtin: dict[str, Schema]) -> None:
    source = HEAD + "## Learning questions\n## Learning questions\n"
    [d] = found(builtin, source, "missing-prompt")
    assert d.span.line == 1 + HEAD.count("\n")  # the first copy's heading
    assert d.message.startswith(
        "the section has none of its 4 required prompts (the first: '> Learning question:"
    )


def test_the_challenge_formula_with_another_linking_word(builtin: dict[str, Schema]) -> None:
    def constraints(answer: str) -> list[str]:
        body = f"## Challenge statement\n\n{CHALLENGE}\n\n{answer}\n"
        return [d.message for d in found(builtin, HEAD + body, "answer-constraint")]

    # learningplan/open_innovations.md; learningplan/sudan_digital_inclusion.md
    assert constraints("Our challenge is to create an open innovation ecosystem.") == []
    assert constraints("Our main challenge is the stark digital access disparity.") == []
    # learningplan/ai_for_tourism__improved_data_and_insights_...md, line 42
    assert constraints("Malawi has an inadequate tourism information base.") == [
        "answer should start with 'Our challenge is that'; "
        "it starts 'Malawi has an inadequate tourism\u2026'"
    ]


def test_crlf_and_a_lone_cr_in_text_are_invisible(builtin: dict[str, Schema]) -> None:
    # solution/ambitious_building_codes.md, line 36: pasted text with CRLF endings
    crlf = SOLUTION + "Buildings must resist hurricanes.\r\nThe code says how.\r\n"
    [d] = found(builtin, crlf, "line-endings", "solution")
    assert (d.severity, d.invisible, d.message) == (
        Severity.INFO,
        True,
        "CRLF line endings on 2 lines",
    )
    lone = SOLUTION + "Buildings must resist hurricanes.\rThe code says how.\n"
    [d] = found(builtin, lone, "line-endings", "solution")
    assert (d.severity, d.invisible, d.message) == (
        Severity.INFO,
        True,
        "CR line endings on a line",
    )


def test_a_doubled_space_in_a_value_is_invisible(builtin: dict[str, Schema]) -> None:
    # solution/lutte_contre_le_covid19_a_travers_les_reseaux_sociaux_au_niger.md, line 17
    source = SOLUTION.replace(
        "[[thematic_areas:agrotech]]", "[[thematic_areas:community  involment]]"
    )
    [d] = found(builtin, source, "vocabulary-drift", "solution")
    assert (d.severity, d.invisible, d.fix is not None) == (Severity.INFO, True, True)
    # a full stop is visible: still a warning (solution/..., [[thematic_areas:Energy Independence.]])
    source = SOLUTION.replace(
        "[[thematic_areas:agrotech]]", "[[thematic_areas:Energy Independence.]]"
    )
    [d] = found(builtin, source, "vocabulary-drift", "solution")
    assert (d.severity, d.invisible) == (Severity.WARNING, False)


def test_the_platforms_capitalized_gender_label_is_the_exports(
    builtin: dict[str, Schema],
) -> None:
    # solution/limonene_water_filter.md, line 17 (a 2023 solution)
    source = SOLUTION.replace("[[thematic_areas:agrotech]]\n", "[[gender:Female]]\n")
    [d] = found(builtin, source, "vocabulary-drift", "solution")
    assert (d.severity, d.export, d.fix is not None) == (Severity.INFO, True, True)


def test_a_br_that_closes_a_paragraph_is_invisible(builtin: dict[str, Schema]) -> None:
    # solution/barcoding_to_catalogue_biodiversity_in_gal_pagos.md, line 25
    closing = SOLUTION + "\nDNA barcoding of the islands' species.<br>\n\nNext paragraph.\n"
    [d] = found(builtin, closing, "html-residue", "solution")
    assert (d.severity, d.invisible) == (Severity.INFO, True)
    inside = SOLUTION + "\nDNA barcoding<br>of the islands' species.\n"
    [d] = found(builtin, inside, "html-residue", "solution")
    assert (d.severity, d.invisible) == (Severity.WARNING, False)


def test_the_shares_the_export_never_wrote_are_the_exports(builtin: dict[str, Schema]) -> None:
    # learningplan/challenge.md, lines 32-70: the 268 corpus reports with the question
    # have 1,072 share prompts and not one answer (`export_blank` in the schema)
    [d] = found(builtin, HEAD + SHARES, "empty-answer", "closing-report-2022")
    assert (d.severity, d.export) == (Severity.INFO, True)
    assert d.message == "the shares of Sense, Explore, Test, Grow are all blank"


def test_the_challenge_named_in_another_wording(builtin: dict[str, Schema]) -> None:
    def constraints(answer: str) -> list[str]:
        body = f"## Challenge statement\n\n{CHALLENGE}\n\n{answer}\n"
        return [d.message for d in found(builtin, HEAD + body, "answer-constraint")]

    # learningplan/greening_timor_leste.md:37, exploring_tackling_food_waste_in_the_kingdom_
    # of_saudi_arabia.md:42, acces_a_la_justice_droit_humain_et_digitalisation.md:56
    assert constraints("Our main challenges are lack of integration of the sectors.") == []
    assert constraints("The challenge is that food waste ranks the highest.") == []
    assert constraints("Le principal challenge est d\u2019apporter un appui au tribunal.") == []
    # developing_sustainable_innovations_to_solve_urban_problems.md:45: the formula one
    # paragraph down, after the background
    two = "Ghana's cities grow fast.\n\nOur challenge is that most of the MMDAs lack data."
    assert constraints(two) == []
    # a background that never names the challenge
    assert constraints("Over the past decade, waste in the capital doubled.") == [
        "answer should start with 'Our challenge is that'; "
        "it starts 'Over the past decade, waste in the\u2026'"
    ]


def test_a_link_over_lines_in_the_exports_markup_is_one_finding(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/advancing_an_inclusive_and_circular_economy_in_belarus_through_regional_
    # development_and_inclusion.md, lines 29-31: text and address run over two lines
    link = (
        "[https://www.undp.org/belarus/stories/story-one<div><br></div><div>https://www.undp.org/ru/\n"
        "https://www-undp-org.translate.goog/ru/belarus/\n"
        "](https://www.undp.org/belarus/stories/story-one<div><br></div><div>https://www.undp.org/ru/\n"
        "https://www-undp-org.translate.goog/ru/belarus/\n)"
    )
    source = SOLUTION + "\n" + link + "\n"
    [d] = found(builtin, source, "html-residue", "solution")
    assert d.message.endswith(" in a link") and d.span.line == line_of(source, "[https://")


def test_a_cr_inside_a_tag_is_left_to_tag_syntax(builtin: dict[str, Schema]) -> None:
    # solution/sustainable_conflict_management_solution.md, line 12
    source = SOLUTION.replace(
        "[[thematic_areas:agrotech]]", "[[thematic_areas:Confilict Management\r Intergration]]"
    )
    assert found(builtin, source, "line-endings", "solution") == []
    [d] = found(builtin, source, "tag-syntax", "solution")
    assert d.severity is Severity.ERROR


def test_a_space_before_the_brackets_is_invisible(builtin: dict[str, Schema]) -> None:
    # solution/al_barakeh_wheat.md, line 22
    consent = "[[consent:https://www.instagram.com/albarakehwheat/?hl=en ]]"
    source = SOLUTION.replace(
        "[[consent:https://www.undp.org/es/ecuador/publicaciones/minga-de-innovacion]]", consent
    )
    [d] = found(builtin, source, "tag-syntax", "solution")
    assert (d.severity, d.invisible, d.fix is not None) == (Severity.INFO, True, True)
    spaced = SOLUTION.replace("[[thematic_areas:agrotech]]", "[[ thematic_areas : agrotech ]]")
    [d] = found(builtin, spaced, "tag-syntax", "solution")
    assert (d.severity, d.invisible) == (Severity.ERROR, False)


def test_na_under_an_optional_link_prompt_is_an_answer(builtin: dict[str, Schema]) -> None:
    # experiment/leveraging_community_data_for_effective_merl.md, lines 102-104
    body = (
        "## Results\n**Only complete this section when presenting results**\n\n"
        "> Was the original hypothesis (If.. then) proven or disproven?\n\nProven.\n\n"
        "> Please add any supporting links that describe the planning, implementation, "
        "results of learning of this activity? For example a tweet, a blog, or a report.\n\n"
        "N/A\n"
    )
    source = HEAD.replace("learningplan", "experiment") + body
    assert found(builtin, source, "answer-constraint", "experiment") == []
    # the same with its reason (line 138 of the same document)
    reason = source.replace("\nN/A\n", "\nN/A- internal experiment.\n")
    assert found(builtin, reason, "answer-constraint", "experiment") == []
    # a text where the link should be is still reported
    titled = source.replace("\nN/A\n", "\nOur blog on community data\n")
    [d] = found(builtin, titled, "answer-constraint", "experiment")
    assert d.message == "answer should contain a link; it reads 'Our blog on community data'"


def test_an_answer_written_as_quoted_lines_is_no_empty_answer(builtin: dict[str, Schema]) -> None:
    # learningplan/economic_recovery__informality___financial_inclusion.md, lines 230-232
    usage = (
        "> Usage of methods: Relating to your choice above, how will you use your methods & "
        "tools for this learning question? What value do these add in answering your "
        "learning question?\n\n"
    )
    quoted = "> Behavioral insights: We are looking to identify the constraints and motivations.\n"
    body = f"## Learning questions\n\n{usage}{quoted}"
    assert found(builtin, HEAD + body, "empty-answer") == []
    # a prompt of another form below it is no answer: the answer is empty
    other = "> What sector does your partner belong to?\n"
    [d] = found(builtin, HEAD + f"## Learning questions\n\n{usage}{other}", "empty-answer")
    assert d.message.startswith("the answer to '> Usage of methods")


def test_the_challenge_named_after_a_sentence_of_background(builtin: dict[str, Schema]) -> None:
    body = (
        f"## Challenge statement\n\n{CHALLENGE}\n\n"
        # learningplan/developing_sustainable_innovations_to_solve_urban_problems.md:45
        "Cities in Ghana grow fast. Our challenge is that most of the MMDAs lack data.\n"
    )
    assert found(builtin, HEAD + body, "answer-constraint") == []


def test_a_term_the_platform_offered_twice_is_the_exports(builtin: dict[str, Schema]) -> None:
    # 86 documents carry both [[datasources:in depth interviews]] and in-depth interviews
    source = HEAD.replace("[[methods:Prototyping]]", "[[datasources:in depth interviews]]")
    [d] = found(builtin, source, "vocabulary-drift")
    assert (d.severity, d.export) == (Severity.INFO, True)


def test_two_labels_the_platform_offered_side_by_side_are_the_exports(
    builtin: dict[str, Schema],
) -> None:
    # solution/crintin___outdoors_household_dividers.md: both labels, ticked together
    both = "[[thematic_areas:community  involment]]\n[[thematic_areas:community involment]]"
    source = SOLUTION.replace("[[thematic_areas:agrotech]]", both)
    [d] = found(builtin, source, "duplicate-tag", "solution")
    assert (d.severity, d.export) == (Severity.INFO, True)
    # the same value written twice is the author's repeat
    twice = "[[thematic_areas:agrotech]]\n[[thematic_areas:agrotech]]"
    source = SOLUTION.replace("[[thematic_areas:agrotech]]", twice)
    [d] = found(builtin, source, "duplicate-tag", "solution")
    assert (d.severity, d.export) == (Severity.WARNING, False)


def test_a_missing_prompt_goes_below_the_answer_in_the_exports_groups(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/indigenous_community_intelligence_for_the_climate_crisis_in_bolivia_s_
    # amazon_biome.md, lines 64-92: the answer is inside groups of empty `> ` lines
    qualitative = (
        "> Qualitative evidence: What weak signals have you recently spotted that characterizes "
        "its urgency? Please provide qualitative information that better exemplifies the "
        "importance and urgency of this frontier challenge. You can add text, a link, or a "
        "picture.\n\n"
    )
    body = (
        f"## Challenge statement\n\n{qualitative}"
        '<div class="group">\n\n> \n\nIndigenous people are clear about what is at stake.\n\n'
        "</div>\n\n## Challenge classification\n"
    )
    source = HEAD + body
    after = [
        d.span.line
        for d in found(builtin, source, "missing-prompt")
        if "Value proposition" in d.message and "tweet" in d.message
    ]
    # both go there, one finding (one place to add them)
    assert after == [line_of(source, "</div>") + 1]


def test_prompts_missing_at_one_place_are_one_finding(builtin: dict[str, Schema]) -> None:
    # learningplan/explore_the_potential_of_the_integration_of_gis_to_...md, line 61: the
    # partner section holds its lead prompt and none of the slot's four
    body = (
        "## Partners\n\n> Who are your top 5 partners for this challenge? Please submit from "
        "MOST to LEAST important and state Name, Sector and a brief description of the "
        "(intended) collaboration.\n\nThe municipality.\n"
    )
    source = HEAD + body
    [d] = found(builtin, source, "missing-prompt")
    assert d.span.line == line_of(source, "The municipality.") + 1
    assert d.message == (
        "4 required prompts are missing here, from '> Please state the name of the partner:' "
        "to '> Is this a new and unusual partner for UNDP?'"
    )


def test_a_passage_pasted_from_word_is_one_html_residue(builtin: dict[str, Schema]) -> None:
    # learningplan/youth_unemployment.md, lines 45-65: Word's markup on every line
    passage = (
        '<p class="MsoNormal"><span lang="EN-US">Youth unemployment is high.<o:p></o:p></span></p>\n'
        '<p class="MsoNormal"><span lang="EN-US">Informal work is common.<o:p></o:p></span></p>\n'
    )
    source = SOLUTION + "\n" + passage
    [d] = found(builtin, source, "html-residue", "solution")
    assert d.span.line == line_of(source, "Youth unemployment")
    assert d.message.endswith("and on 1 more line of the passage")
    assert d.fix is not None and len(d.fix.edits) >= 2  # the fix removes it from both lines


def test_a_document_of_tags_only_is_one_missing_section(builtin: dict[str, Schema]) -> None:
    # learningplan/facilitating_community_ownership_of_development_initiatives.md: tags only
    [d] = found(builtin, HEAD, "missing-section")
    assert d.message.startswith("the document has no sections: the template requires '## ")
    # at the end of the document, where the sections belong
    last = HEAD.splitlines()[-1]
    assert (d.span.line, d.span.column) == (len(HEAD.splitlines()), len(last) + 1)


def test_a_variant_beside_its_term_is_removed_not_repeated(builtin: dict[str, Schema]) -> None:
    # learningplan/*.md with both [[datasources:surveys]] and [[datasources:survey]]
    both = "[[datasources:surveys]]\n[[datasources:survey]]"
    source = HEAD.replace("[[methods:Prototyping]]", both)
    [d] = found(builtin, source, "vocabulary-drift")
    assert d.message.endswith("; [[datasources:surveys]] is already on line 9")
    fixed = apply_fix(source, d)
    assert "[[datasources:survey]]" not in fixed and fixed.count("[[datasources:surveys]]") == 1


def test_a_region_beside_its_country_keeps_its_location(builtin: dict[str, Schema]) -> None:
    # solution/barcoding_to_catalogue_biodiversity_in_gal_pagos.md, lines 12-15: two
    # locations, the first named by its region; removing it would orphan its latlng
    two = (
        "[[country:Galápagos Province]]\n[[latlng:-0.5517547317759504,-90.90579360690853]]\n"
        "[[country:Ecuador]]\n[[latlng:-1.4534591942689437,-78.39463619576759]]"
    )
    source = SOLUTION.replace(
        "[[country:Ecuador]]\n[[latlng:-1.4534591942689437,-78.39463619576759]]", two
    )
    [d] = found(builtin, source, "vocabulary-drift", "solution")
    assert "[[country:Ecuador]]\n[[latlng:-0.55" in apply_fix(source, d)


def test_a_closing_br_is_its_own_finding_whatever_its_neighbours(
    builtin: dict[str, Schema],
) -> None:
    # found by hypothesis: the safe fix of `&nbsp;` joined the `<div>` to the markup two
    # lines up, and the `<br>` that had shared its line's finding became one of its own
    source = SOLUTION + "\n&lt;b&gt;\n\n&nbsp;<div>0<br>\n"
    before = found(builtin, source, "html-residue", "solution")
    assert [(d.span.line, d.invisible) for d in before] == [
        (line_of(source, "&lt;b&gt;"), False),
        (line_of(source, "<div>0<br>"), True),
    ]
    fixed = fix_text(source, builtin, schema_id="solution").source
    assert len(found(builtin, fixed, "html-residue", "solution")) == len(before)


PACKED = "[[thematic_areas:agriculture, cooperativism]]"  # in SOLUTION


def test_a_list_the_platform_offered_as_one_label_is_the_exports(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/hack_the_blue.md, line 15: the label of 16 documents from 13 countries
    offered = "[[thematic_areas:community  involment, youth, employment]]"
    source = SOLUTION.replace(PACKED, offered)
    [d] = found(builtin, source, "packed-tag", "solution")
    assert (d.severity, d.export) == (Severity.INFO, True)
    assert d.fix is not None  # still fixable: one tag per value
    # the fixture's own list is one of them too
    [d] = found(builtin, SOLUTION, "packed-tag", "solution")
    assert d.export
    # a list of the author's own is the author's
    own = "[[thematic_areas:community involvement, youth]]"
    [d] = found(builtin, SOLUTION.replace(PACKED, own), "packed-tag", "solution")
    assert (d.severity, d.export) == (Severity.WARNING, False)


def test_a_line_break_the_export_wrote_as_backslash_n_is_the_exports(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/what_can_we_learn_about_the_citizen_centered_financial_municipalities_in_north_macedonia.md,
    # lines 120-160 (the design form's partner slot)
    body = "## Partners\n\n> Who are your top 5 partners for this challenge? Please submit from "
    body += "MOST to LEAST important and state Name, Sector and a brief description of the "
    body += "(intended) collaboration.\n\n"
    body += group("Please state the name of the partner:", "Municipality of Strumica")
    body += group("What sector does our partner belong to?", "- Public Sector")
    body += group("Please provide a brief description of the collaboration.", "A positive deviant.")
    body += group("Is this a new and unusual partner for UNDP?\\n")
    source = HEAD + body
    [d] = found(builtin, source, "prompt-drift")
    assert (d.span.line, d.severity, d.export) == (
        line_of(source, "unusual partner for UNDP?\\n"),
        Severity.INFO,
        True,
    )
    assert "> Is this a new and unusual partner for UNDP?\n" in apply_fix(source, d)
    # a word the author added is the author's drift
    typed = body.replace("UNDP?\\n", "UNDP Serbia?")
    [d] = found(builtin, HEAD + typed, "prompt-drift")
    assert (d.severity, d.export) == (Severity.WARNING, False)


def test_a_prompt_glued_to_its_lead_by_an_escaped_break_is_that_prompt(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/what_can_we_learn_about_the_citizen_centered_financial_municipalities_in_north_macedonia.md:35
    glued = (
        "> Challenge type: If you are working on multiple challenges, please indicate if this is "
        'your "big bet" or "exploratory" challenge. \\n\\nPlease note: we ask you to only submit '
        "a maximum of 3 challenges - 1x Big Bet, 2x Exploratory. Each challenge must be "
        "submitted individually.\\n"
    )
    body = f"## Challenge statement\n\n{glued}\n\n- Big bet\n\n{CHALLENGE}\n\nOur challenge is that x.\n"
    source = HEAD + body
    missing = [d.message for d in found(builtin, source, "missing-prompt")]
    assert not any("Challenge type" in m for m in missing), missing
    [d] = [d for d in found(builtin, source, "prompt-drift") if not d.export]
    assert d.span.line == line_of(source, "> Challenge type")
    assert "extra words" in d.message


def test_a_label_the_platform_offered_with_a_stray_mark_is_the_exports(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/...: [[thematic_areas:green transition,]] in 5 documents of 4 countries
    source = SOLUTION.replace("[[thematic_areas:agrotech]]", "[[thematic_areas:green transition,]]")
    [d] = found(builtin, source, "vocabulary-drift", "solution")
    assert (d.severity, d.export) == (Severity.INFO, True)
    assert d.message.endswith("should be 'green transition' (the platform's own label)")
    assert "[[thematic_areas:green transition]]" in apply_fix(source, d)
    # a stray mark of the author's own is the author's
    own = SOLUTION.replace("[[thematic_areas:agrotech]]", "[[thematic_areas:green renovation.]]")
    [d] = found(builtin, own, "vocabulary-drift", "solution")
    assert (d.severity, d.export) == (Severity.WARNING, False)
    # a backslash the platform left is shown once
    slash = SOLUTION.replace(
        "[[thematic_areas:agrotech]]", "[[thematic_areas:transparency and accountability\\]]"
    )
    [d] = found(builtin, slash, "vocabulary-drift", "solution")
    assert d.message.startswith("[[thematic_areas]]: 'transparency and accountability\\' should")
    assert d.export


def test_a_region_beside_its_country_says_the_country_is_there(
    builtin: dict[str, Schema],
) -> None:
    # solution/monitoring_the_health_status_of_persons_in_self_isolation.md, lines 14-17
    pairs = (
        "[[country:Serbia]]\n[[latlng:43.7693593077423,21.069123152341756]]\n"
        "[[country:Vojvodina]]\n[[latlng:45.39869880251812,20.062020298271154]]"
    )
    source = SOLUTION.replace(
        "[[country:Ecuador]]\n[[latlng:-1.4534591942689437,-78.39463619576759]]", pairs
    )
    [d] = found(builtin, source, "vocabulary-drift", "solution")
    assert d.message == (
        "[[country]]: 'Vojvodina' is a region of Serbia, not a country; use 'Serbia'; "
        f"[[country:Serbia]] is on line {line_of(source, '[[country:Serbia]]')} too"
    )
    # replaced, not removed: the second location's latlng needs its country
    assert "[[country:Serbia]]\n[[latlng:45.39" in apply_fix(source, d)


def test_a_paragraph_in_a_tag_is_packed_tags_alone(builtin: dict[str, Schema]) -> None:
    # learningplan/q3_2024__resilience_and_sustainable_development.md, line 9: 91 words
    # ending in a full stop (shortened)
    words = " ".join(["data on youth employment and skills"] * 5) + "."
    source = SOLUTION.replace(PACKED, f"[[thematic_areas:{words}]]")
    assert found(builtin, source, "vocabulary-drift", "solution") == []
    [d] = found(builtin, source, "packed-tag", "solution")
    assert "holds a paragraph" in d.message


def test_another_forms_sections_are_one_unknown_section(builtin: dict[str, Schema]) -> None:
    # learningplan/future_of_works_in_uzbekistan.md, lines 27 and 400: a closing report's
    # sections inside a design plan
    body = (
        "## Learnings on your challenge\n\n> What are the top 5 key insights?\n\nThree.\n\n"
        "## Partners\n\n## End\n"
    )
    source = HEAD + body
    [d] = found(builtin, source, "unknown-section")
    assert (d.span.line, d.message) == (
        line_of(source, "## Learnings"),
        "'Learnings on your challenge' is not a section of schema learningplan-design; "
        f"nor is 'End' (line {line_of(source, '## End')})",
    )
    # one is one
    [d] = found(builtin, HEAD + "## Partners\n\n## End\n", "unknown-section")
    assert d.message == "'End' is not a section of schema learningplan-design"


def test_mojibake_inside_a_malformed_tag_is_tag_syntaxs(builtin: dict[str, Schema]) -> None:
    # solution/agriculture_course_platform_by_coursera.md, line 14: a tag broken over two
    # lines by a CR, "¬†" (a no-break space, garbled) before it
    broken = "[[thematic_areas:\u00ac\u2020 \r E-learning]]"
    source = SOLUTION.replace("[[thematic_areas:agrotech]]", broken)
    assert found(builtin, source, "mojibake", "solution") == []
    assert [d.rule for d in found(builtin, source, "tag-syntax", "solution")] == ["tag-syntax"]
    # in a well-formed tag it is mojibake's
    whole = SOLUTION.replace(
        "[[thematic_areas:agrotech]]", "[[thematic_areas:farmers\u201a\u00c4\u00f4 markets]]"
    )
    [d] = found(builtin, whole, "mojibake", "solution")
    assert d.message == "mojibake '\u201a\u00c4\u00f4': the text reads '\u2019'"


def test_labels_of_the_platforms_list_in_many_countries_are_the_exports(
    builtin: dict[str, Schema],
) -> None:
    # [[datasources:survey]] in 49 documents of 32 countries, [[methods:solution mapping]]
    # in 12 of 10: labels of the platform's shared list, picked by each author
    for tag, term in (
        ("[[datasources:survey]]", "surveys"),
        ("[[methods:solution mapping]]", "Solutions Mapping"),
    ):
        source = HEAD.replace("[[methods:Prototyping]]", tag)
        [d] = found(builtin, source, "vocabulary-drift")
        assert (d.severity, d.export) == (Severity.INFO, True), tag
        assert f"should be '{term}' (the platform's own spelling" in d.message
        assert f":{term}]]" in apply_fix(source, d)


def test_an_alias_in_other_words_is_not_paired_word_by_word(builtin: dict[str, Schema]) -> None:
    # learningplan/_c_mo_incorporar_de_manera_permanenterecurrente_...md, line 12
    source = HEAD.replace("[[methods:Prototyping]]", "[[datasources:inteligencia colectiva]]")
    [d] = found(builtin, source, "vocabulary-drift")
    assert d.message == (
        "[[datasources]]: 'inteligencia colectiva' should be 'collective intelligence' "
        "(a known alias, another name for the term; vocabulary datasources)"
    )
    # a discipline is not the approach: no alias (learningplan/..., 2 documents)
    other = HEAD.replace("[[methods:Prototyping]]", "[[datasources:behavioral science]]")
    assert found(builtin, other, "vocabulary-drift") == []
