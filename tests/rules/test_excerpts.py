"""Findings on excerpts of real corpus documents (a few lines each, copied from
../shared/corpus): what the archive's authors and curators read.

Each excerpt keeps the document's own lines; the head (title and tags) is shared.
"""

from __future__ import annotations

import pytest

from plancheck import check_text
from plancheck.diagnostics import Applicability, Diagnostic, Severity
from plancheck.linter import RuleSet
from plancheck.schema import Schema
from tests.conftest import apply_fix, line_of

# learningplan/innovative_financing_for_development.md, lines 1-21
HEAD = """\
# Innovative financing for development

[[focal_point:juan.martin@undp.org]]

[[year:2023]]

[[type:learningplan]]

[[methods:Prototyping]]
[[country:Colombia]]
[[latlng:3.9094130488501677,-73.08384210425308]]
"""


def check(
    builtin: dict[str, Schema], body: str, rule: str, schema: str = "learningplan-design"
) -> tuple[str, list[Diagnostic]]:
    source = HEAD + body
    found = check_text(
        source, builtin, path="excerpt.md", schema_id=schema, rules=RuleSet.from_selectors([rule])
    )
    return source, found


def test_prompt_drift_says_where_the_no_break_space_is(builtin: dict[str, Schema]) -> None:
    # learningplan/clean_construction_system_application_in_gaziantep.md, line 42
    prompt = (
        "> Background:\u00a0What is the history of your challenge? What is causing or driving "
        "it? Who is involved? How does the current situation look like? What undesired "
        "effects does it produce?"
    )
    source, found = check(
        builtin,
        f"## Challenge statement\n\n{prompt}\n\nThe issues of transparency.\n",
        "prompt-drift",
    )
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "> Background"), 3)]
    assert "a no-break space (U+00A0) at column 14" in found[0].message


def test_prompt_drift_names_the_changed_word(builtin: dict[str, Schema]) -> None:
    # learningplan/a_participatory_approach_to_amplify_behavioral_awareness_on_waste_management.md:147
    body = "## Partners\n\n> Please state the name of the Parter:\n\nMunicipality of Aqaba\n"
    _, found = check(builtin, body, "prompt-drift")
    assert [d.message.split(";")[0] for d in found] == [
        "prompt differs from the template ('Parter:' for 'partner:')"
    ]


def test_heading_drift_says_case(builtin: dict[str, Schema]) -> None:
    # learningplan/innovative_financing_for_development.md, lines 22-26
    body = (
        "## título\n\n> Please provide a name for your action learning plan.\n\n"
        "Financiamiento innovador para la agenda de desarrollo\n"
    )
    _, found = check(builtin, body, "heading-drift")
    assert [d.message for d in found] == ["heading 'título' should be 'Título' (case)"]


def test_vocabulary_drift_names_the_misspelt_word(builtin: dict[str, Schema]) -> None:
    # solution/civil_status_registration_web_application.md: the platform's own misspelling
    source = HEAD.replace("[[methods:Prototyping]]", "[[sdgs:10. Reduced innequalities]]")
    found = check_text(
        source,
        builtin,
        path="excerpt.md",
        schema_id="learningplan-design",
        rules=RuleSet.from_selectors(["vocabulary-drift"]),
    )
    assert len(found) == 1
    assert "'innequalities' for 'inequalities'" in found[0].message


# learningplan/innovation_locale_et_obstacles_culturels___l__tude_de_cas_de_l_adoption_
# de_nouvelles_vari_t_s_de_d_.md, lines 45 and 92-94: End under a machine translation
AILETTE = """\
## Les partenaires

> Please indicate what partners you have actually worked with for this learning challenge.

## Ailette

> Please upload any further supporting evidence / documents / data you have produced on your frontier challenge that showcase your learnings.

"""


def test_a_section_under_a_wrong_heading_is_not_missing(builtin: dict[str, Schema]) -> None:
    _, found = check(builtin, AILETTE, "missing-section", schema="closing-report-2024")
    assert "End" not in " ".join(d.message for d in found)
    _, found = check(builtin, AILETTE, "unknown-section", schema="closing-report-2024")
    assert found == []


def test_a_wrong_heading_recognised_by_its_prompts_is_heading_drift(
    builtin: dict[str, Schema],
) -> None:
    source, found = check(builtin, AILETTE, "heading-drift", schema="closing-report-2024")
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "## Ailette"), 4)]
    # the document's other headings are French: the heading to restore is End's, in French
    assert (
        found[0].message == "heading 'Ailette' should be 'Fin' (its prompts are those of '## Fin')"
    )
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE
    assert "## Fin\n" in apply_fix(source, found[0])


# learningplan/financial_inclusion_and_gender.md, lines 72-80: Data and Methods under `## `
EMPTY = """\
##\x20

> Relating to your types of data, why did you chose these? What gaps in available data were these addressing?

We worked with a non-representative sample.

> Why was it necessary to apply the above innovation method on your frontier challenge? How did these help you to unpack the system?

We conducted a remote fieldwork to collect data.
## Partners
"""


def test_a_section_under_an_empty_heading_is_empty_heading_with_its_name(
    builtin: dict[str, Schema],
) -> None:
    _, missing = check(builtin, EMPTY, "missing-section", schema="closing-report-2022")
    assert "Data and Methods" not in " ".join(d.message for d in missing)
    source, found = check(builtin, EMPTY, "empty-heading", schema="closing-report-2022")
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "## "), 1)]
    assert found[0].message.endswith("its prompts are those of '## Data and Methods'")
    assert "\n## Data and Methods\n" in apply_fix(source, found[0])


def test_an_empty_heading_with_no_prompts_names_no_section(builtin: dict[str, Schema]) -> None:
    # learningplan/reflections_on_mapping_the_effect_of_decreased_water_levels.md:110-111
    _, found = check(builtin, "## \n****\n## End\n", "empty-heading", schema="closing-report-2022")
    assert [d.message for d in found] == ["the section heading is empty"]
    assert found[0].fix is None


CHALLENGE = (
    "> Challenge statement:\u00a0What is your challenge? (Please answer in specific terms: "
    '"Our challenge is that...\u201d.)'
)
TWEET = (
    "> Short \u201ctweet\u201d summary: We would like to tweet what you are working on, can you "
    "summarize your challenge in a maximum of 280 characters?"
)


def constraints(
    builtin: dict[str, Schema], body: str, schema: str = "learningplan-design"
) -> list[str]:
    return [d.message for d in check(builtin, body, "answer-constraint", schema=schema)[1]]


def test_starts_with_accepts_the_french_opening(builtin: dict[str, Schema]) -> None:
    # learningplan/d_ploiement_de_e_sant__au_tchad.md, line 35
    answer = "Notre défi est que les services de santé ne sont pas digitalisés"
    assert constraints(builtin, f"## Énoncé du défi\n\n{CHALLENGE}\n\n{answer}\n") == []
    # learningplan/recyclage_des_d_chets_plastics.md: the formula with another linking word
    other = "Notre défi est d'améliorer les conditions de vie"
    assert constraints(builtin, f"## Énoncé du défi\n\n{CHALLENGE}\n\n{other}\n") == []
    # learningplan/mobilite_des_innovations_interlab_pour_le_partage_de_connaissance_et_bonnes_pratique.md:44
    apart = (
        "Le Lab COTE D'IVOIRE collabore avec le Lab Mauritanie pour la duplication de la solution"
    )
    # asked for in the answer's language
    assert constraints(builtin, f"## Énoncé du défi\n\n{CHALLENGE}\n\n{apart}\n") == [
        "answer should start with 'Notre défi est que'; "
        'it starts "Le Lab COTE D\'IVOIRE collabore avec le\u2026"'
    ]
    # a Spanish answer (learningplan/..., shortened) is asked for the Spanish opening
    spanish = "Los jóvenes del país no encuentran empleo en el sector formal"
    assert constraints(builtin, f"## Challenge statement\n\n{CHALLENGE}\n\n{spanish}\n") == [
        "answer should start with 'Nuestro desafío es que'; "
        "it starts 'Los jóvenes del país no encuentran\u2026'"
    ]


def test_starts_with_ignores_a_leading_zero_width_space(builtin: dict[str, Schema]) -> None:
    # learningplan/the_eco_collective.md, line 43
    answer = "\u200bOur challenge is that the community-based recycling cooperatives in Zanzibar lack adequate training."
    assert constraints(builtin, f"## Challenge statement\n\n{CHALLENGE}\n\n{answer}\n") == []


def test_max_chars_counts_what_a_reader_sees(builtin: dict[str, Schema]) -> None:
    # learningplan/empowering_rural_resilience_through_nusantara_green_village_initiative.md:146
    # 287 characters in the source, 279 once each `&amp;` is the `&` a reader sees
    answer = (
        "UNDP Accelerator Lab Indonesia piloted sustainable agriculture &amp; waste management "
        "training in rural areas around the newly developed Nusantara Capital City -- bridging "
        "gaps in development, improving livelihoods &amp; fostering a greener, inclusive future "
        "for Indonesia's new capital."
    )
    assert len(answer) == 287
    assert constraints(builtin, f"## Challenge statement\n\n{TWEET}\n\n{answer}\n") == []
    longer = answer.replace("new capital", "new capital city, Nusantara")
    assert constraints(builtin, f"## Challenge statement\n\n{TWEET}\n\n{longer}\n") == [
        "answer has 295 characters; at most 280 allowed (15 over)"
    ]


# learningplan/tackling_flood_in_kampala_city_especially_the_high_density_neighbourhoodsslums.md,
# lines 30-50 (shortened): two numbered insights, the second with bullets under it
KAMPALA = """\
## Learnings on your challenge

> What are the top key insights you generated about your learning challenge during this Action Learning Plan? (Please list a maximum of 5 key insights)\u00a0

1. The community is critical in solving its problems.

2. Following the Kampala Drainage Master Plan by Kampala Capital City Authority (KCCA) using the Crowd Mapping to generate a baseline map with key drainage systems, was critical.

iv) Construction activities will include the following;-

- Installation of appropriate culverts to allow a smooth flow of water.

- Desilt the main drainage channel to allow for a smooth flow of water collected.

- Establish a green belt comprising trees, flowers and grass alongside the drainage.

- Conduct community sensitization sessions on the importance and ways of maintaining the drainage.
"""


def test_max_items_counts_the_top_level_items(builtin: dict[str, Schema]) -> None:
    assert constraints(builtin, KAMPALA, schema="closing-report-2024") == []
    six = KAMPALA + "".join(f"\n{n}. Another insight.\n" for n in range(3, 7))
    assert constraints(builtin, six, schema="closing-report-2024") == [
        "answer lists 6 items; at most 5 allowed"
    ]


# learningplan/lessons_learnt_from_the_managing_of_digital_family_card_initiative.md,
# lines 23-45 (shortened): three insights in prose, the second enumerating seven tasks
FAMILY_CARD = """\
## Learnings on your challenge

> What are the top key insights you generated about your learning challenge during this Action Learning Plan? (Please list a maximum of 5 key insights)\u00a0

To ensure the project's success, the project team set clear goals for the final product.

The implementation depended on productive teamwork. In particular, the team was successful in

1. performing the integration of the government agencies' databases;

2. ensuring the relevance and completeness of the data collected;

3. describing the business processes;

4. recording instances of difficult living situations;

5. developing a methodology for identifying families;

6. developing a scoring model to assess social risks;

7. ensuring the protection of personal data.

In addition, the success was also due to government support for the project.
"""


def test_max_items_leaves_a_list_set_inside_prose(builtin: dict[str, Schema]) -> None:
    assert constraints(builtin, FAMILY_CARD, schema="closing-report-2024") == []
    # the same list as the answer itself is counted
    listed = FAMILY_CARD.split("To ensure")[0] + "1." + FAMILY_CARD.split("\n1.", 1)[1]
    listed = listed.split("\nIn addition")[0] + "\n"
    assert constraints(builtin, listed, schema="closing-report-2024") == [
        "answer lists 7 items; at most 5 allowed"
    ]
    # insights numbered on across their paragraphs are one list
    # (learningplan/exploring_artificial_intelligence_in_the_orange_economy__closure.md:24-62)
    numbered = FAMILY_CARD.split("To ensure")[0] + "".join(
        f"{n}) Insight {n}\n\nWhat we saw, in a paragraph.\n\n" for n in range(1, 10)
    )
    assert constraints(builtin, numbered, schema="closing-report-2024") == [
        "answer lists 9 items; at most 5 allowed"
    ]


# learningplan/closing_form_2022___digital_government_transformation.md, lines 30-31
BLOG = """\
## Learnings on your challenge

> Please paste the link(s) to the blog(s) that articulate the learnings on your frontier challenge.
{answer}
"""


def test_a_placeholder_for_a_link_is_reported_as_a_placeholder(builtin: dict[str, Schema]) -> None:
    found = constraints(
        builtin, BLOG.format(answer="blog coming soon"), schema="closing-report-2022"
    )
    assert found == ["the answer is a placeholder ('blog coming soon'), not a link"]
    found = constraints(builtin, BLOG.format(answer="N/A"), schema="closing-report-2022")
    assert found == ["the answer is a placeholder ('N/A'), not a link"]
    # an answer that is not a placeholder, and has no link, is still told to give one
    named = "Digital Skills Assessment: The first building block of the Digital Nation"
    found = constraints(builtin, BLOG.format(answer=named), schema="closing-report-2022")
    assert found == [
        "answer should contain a link; it reads 'Digital Skills Assessment: The first\u2026'"
    ]


def test_a_blank_link_answer_is_an_empty_answer(builtin: dict[str, Schema]) -> None:
    source, found = check(
        builtin, BLOG.format(answer=""), "empty-answer", schema="closing-report-2022"
    )
    assert [d.span.line for d in found] == [line_of(source, "> Please paste the link(s)")]


def test_an_option_spelt_as_the_platform_once_did_is_that_option(
    builtin: dict[str, Schema],
) -> None:
    # experiment/guarnibot__a_chatbot_for_emergency_assistance.md, lines 58-60
    body = (
        "## Overview\n\n> Please categorize the type that best identifies this experimental activity:\n\n"
        "- Pre Experimental (Trial and erros, prototype, a/b testing)\n"
    )
    assert constraints(builtin, body, schema="experiment") == []
    wrong = body.replace("Pre Experimental (Trial and erros", "Post Experimental (Trial and erros")
    assert len(constraints(builtin, wrong, schema="experiment")) == 1


# What the platform's export wrote, not the author: info, and marked as the export's.


def lint_all(
    builtin: dict[str, Schema], body: str, schema: str = "learningplan-design"
) -> list[Diagnostic]:
    return check_text(HEAD + body, builtin, path="excerpt.md", schema_id=schema)


def test_the_templates_own_no_break_space_is_the_exports(builtin: dict[str, Schema]) -> None:
    # learningplan/clean_construction_system_application_in_gaziantep.md, line 42
    prompt = (
        "> Background:\u00a0What is the history of your challenge? What is causing or driving "
        "it? Who is involved? How does the current situation look like? What undesired "
        "effects does it produce?"
    )
    found = [
        d
        for d in lint_all(builtin, f"## Challenge statement\n\n{prompt}\n\nThe issues.\n")
        if d.rule == "prompt-drift"
    ]
    assert [(d.severity, d.export) for d in found] == [(Severity.INFO, True)]
    # a prompt the author changed is the author's
    typed = prompt.replace("\u00a0", " ").replace("history", "story")
    found = [
        d
        for d in lint_all(builtin, f"## Challenge statement\n\n{typed}\n\nThe issues.\n")
        if d.rule == "prompt-drift"
    ]
    assert [(d.severity, d.export) for d in found] == [(Severity.WARNING, False)]


def test_the_templates_own_typo_is_the_exports_with_a_safe_fix(builtin: dict[str, Schema]) -> None:
    # learningplan/a_participatory_approach_to_amplify_behavioral_awareness_on_waste_management.md:147
    body = "## Partners\n\n> Please state the name of the Parter:\n\nMunicipality of Aqaba\n"
    found = [d for d in lint_all(builtin, body) if d.rule == "prompt-drift"]
    assert [(d.severity, d.export) for d in found] == [(Severity.INFO, True)]
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.SAFE


def test_trailing_space_of_an_empty_prompt_line_is_the_exports(builtin: dict[str, Schema]) -> None:
    # learningplan/future_of_works_in_uzbekistan.md, lines 133-135 (the `> ` line of a group)
    body = "## Learning questions\n\n> \n\nClimate change - The economy of Uzbekistan is very dependent on agriculture. \n"
    found = [d for d in lint_all(builtin, body) if d.rule == "trailing-whitespace"]
    source = HEAD + body
    assert [(d.span.line, d.export) for d in found] == [
        (line_of(source, "> "), True),
        (line_of(source, "Climate change"), False),  # the author's own space
    ]


def test_an_empty_export_heading_is_info(builtin: dict[str, Schema]) -> None:
    # experiment/metropolitan_observatory.md, lines 35-37
    body = "## \n****\n## Design\n"
    found = [d for d in lint_all(builtin, body, schema="experiment") if d.rule == "empty-heading"]
    assert [(d.severity, d.export) for d in found] == [(Severity.INFO, True)]


def test_a_misspelt_choice_the_platform_offered_is_the_exports(builtin: dict[str, Schema]) -> None:
    # solution/civil_status_registration_web_application.md
    source = HEAD.replace("[[methods:Prototyping]]", "[[sdgs:10. Reduced innequalities]]")
    found = [
        d
        for d in check_text(source, builtin, path="x.md", schema_id="learningplan-design")
        if d.rule == "vocabulary-drift"
    ]
    assert [(d.severity, d.export) for d in found] == [(Severity.INFO, True)]
    assert "the platform's own spelling" in found[0].message
    # an author's slip (in 2 documents): the author's
    typed = HEAD.replace("[[methods:Prototyping]]", "[[datasources:engagement with loca youth]]")
    found = [
        d
        for d in check_text(typed, builtin, path="x.md", schema_id="learningplan-design")
        if d.rule == "vocabulary-drift"
    ]
    assert [(d.severity, d.export) for d in found] == [(Severity.WARNING, False)]


def test_the_platforms_fiji_centroid_is_the_exports(builtin: dict[str, Schema]) -> None:
    # solution/practicing_trash_mulching_in_gardens.md, lines 14-15
    source = HEAD.replace(
        "[[country:Colombia]]\n[[latlng:3.9094130488501677,-73.08384210425308]]",
        "[[country:Fiji]]\n[[latlng:-17.44756195212767,163.40786559316325]]",
    )
    found = [
        d
        for d in check_text(source, builtin, path="x.md", schema_id="learningplan-design")
        if d.rule == "coordinates-outside-country"
    ]
    assert [(d.severity, d.export) for d in found] == [(Severity.INFO, True)]
    assert found[0].message.endswith("(the platform's wrong centroid of Fiji)")


def test_a_severity_the_configuration_sets_holds_for_export_findings(
    builtin: dict[str, Schema],
) -> None:
    body = "## Partners\n\n> Please state the name of the Parter:\n\nMunicipality of Aqaba\n"
    rules = RuleSet.from_selectors(["prompt-drift"], severity={"prompt-drift": Severity.ERROR})
    found = check_text(
        HEAD + body, builtin, path="x.md", schema_id="learningplan-design", rules=rules
    )
    assert [(d.severity, d.export) for d in found] == [(Severity.ERROR, True)]


def test_the_summary_counts_the_exports_findings(builtin: dict[str, Schema]) -> None:
    from plancheck.reporters.text import summary

    body = "## Partners\n\n> Please state the name of the Parter:\n\nMunicipality of Aqaba \n"
    found = lint_all(builtin, body)
    text = summary(found, 1)
    exported = sum(1 for d in found if d.export)
    assert exported == 1 and len(found) > exported
    assert (
        f"\n{exported} of them come from the platform's export, not the author (reported as info).\n"
        in text
    )


# New rules, on excerpts of the archive.

# solution/destiladora_artesanal_de_plantas_medicinales.md, lines 1-17
SOLUTION = """\
# Destiladora artesanal de plantas medicinales

[[focal_point:paulina.jimenez@undp.org]]

[[year:2023]]

[[type:solution]]

[[sdgs:11. Sustainable cities and communities]]
[[thematic_areas:agrotech]]
[[thematic_areas:agriculture, cooperativism]]
[[country:Ecuador]]
[[latlng:-1.4534591942689437,-78.39463619576759]]
[[consent:https://www.undp.org/es/ecuador/publicaciones/minga-de-innovacion]]
"""


def solution_findings(builtin: dict[str, Schema], source: str, rule: str) -> list[Diagnostic]:
    rules = RuleSet.from_selectors([rule])
    return check_text(source, builtin, path="solution.md", schema_id="solution", rules=rules)


def test_packed_tag_splits_a_list_into_tags(builtin: dict[str, Schema]) -> None:
    found = solution_findings(builtin, SOLUTION, "packed-tag")
    line = line_of(SOLUTION, "agriculture, cooperativism")
    assert [(d.span.line, d.span.column) for d in found] == [(line, 18)]
    assert found[0].message == (
        "[[thematic_areas]] packs 2 values ('agriculture', 'cooperativism'); write one tag per value"
    )
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE
    fixed = apply_fix(SOLUTION, found[0])
    assert "[[thematic_areas:agriculture]]\n[[thematic_areas:cooperativism]]\n" in fixed


def test_packed_tag_leaves_one_value_that_reads_like_a_list(builtin: dict[str, Schema]) -> None:
    # datasources and thematic_areas values of the archive that are one value each
    for value in (
        "[[thematic_areas:micro, small, medium enterprises]]",
        "[[thematic_areas:free, prior and informed consent]]",
        "[[thematic_areas:environmental, social, and corporate governance (esg)]]",
        "[[sdgs:9. Industry, innovation and infrastructure]]",
    ):
        source = SOLUTION.replace("[[thematic_areas:agriculture, cooperativism]]", value)
        assert solution_findings(builtin, source, "packed-tag") == [], value


def test_packed_tag_reports_a_paragraph_in_a_tag(builtin: dict[str, Schema]) -> None:
    # learningplan/..., a datasources tag of 91 words (shortened to 26)
    paragraph = (
        "[[thematic_areas:as previously mentioned, this challenge leverages three key "
        "methodologies: life trajectories approach, collective intelligence, and futures "
        "design. these methods collectively enable the gathering of novel datasets]]"
    )
    source = SOLUTION.replace("[[thematic_areas:agriculture, cooperativism]]", paragraph)
    found = solution_findings(builtin, source, "packed-tag")
    assert [d.message for d in found] == [
        "[[thematic_areas]] holds a paragraph (26 words), not a value"
    ]
    assert found[0].fix is None


def test_malformed_url_in_the_platforms_consent_link(builtin: dict[str, Schema]) -> None:
    # solution/coral_restoration_eco_tourism.md, line 13
    url = "https:/acclabplatforms.blob.core.windows.net/consent/uploads/f9547c14-bb5f-40e3-af83-5644a11c46e6/39f742b6ba97059f2e25b32d1c0afe00.pdf"
    source = SOLUTION.replace(
        "[[consent:https://www.undp.org/es/ecuador/publicaciones/minga-de-innovacion]]",
        f"[[consent:{url}]]",
    )
    found = solution_findings(builtin, source, "malformed-url")
    assert [(d.span.line, d.span.column, d.severity, d.export) for d in found] == [
        (line_of(source, "[[consent:"), 11, Severity.INFO, True)
    ]
    assert found[0].message.endswith("is not a working link: one slash after 'https:'")
    assert f"[[consent:{url.replace('https:/', 'https://')}]]" in apply_fix(source, found[0])
    assert solution_findings(builtin, SOLUTION, "malformed-url") == []


def test_malformed_url_a_file_on_the_authors_computer(builtin: dict[str, Schema]) -> None:
    # solution: [[consent:file:///C:/Users/Usuario/Downloads/...]]
    source = SOLUTION.replace(
        "[[consent:https://www.undp.org/es/ecuador/publicaciones/minga-de-innovacion]]",
        "[[consent:file:///C:/Users/Usuario/Downloads/sustainability-14-09577.pdf]]",
    )
    found = solution_findings(builtin, source, "malformed-url")
    assert [(d.severity, d.export, d.fix) for d in found] == [(Severity.WARNING, False, None)]
    assert "a file on the author's computer" in found[0].message


def test_malformed_url_in_a_blog_link_answer(builtin: dict[str, Schema]) -> None:
    # learningplan/closing_form___mapping_responses_and_popular_solutions_to_an_energy_crisis_.md:42-43
    body = (
        "## Learnings on your challenge\n\n"
        "> Please paste the link(s) to the blog(s) that articulate the learnings on your frontier challenge.\n"
        "file:///Users/lantana.elhassan/Library/CloudStorage/OneDrive-UnitedNationsDevelopmentProgramme/Attachments/Energy%20Access.pdf\n"
    )
    source, found = check(builtin, body, "malformed-url", schema="closing-report-2022")
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "file:///"), 1)]


def test_mojibake_is_repaired_by_ftfy(builtin: dict[str, Schema]) -> None:
    # solution/the_c40_cities_finance_facility.md, line 66 (shortened)
    line = "The CFF is funded by the Agence Fran√ßaise de D√©veloppement (AFD), and USAID."
    source = SOLUTION + f"## \n\n{line}\n"
    found = solution_findings(builtin, source, "mojibake")
    assert [(d.span.line, d.span.column, d.span.end_column) for d in found] == [
        (line_of(source, "CFF"), 37, 50)
    ]
    assert found[0].message == "mojibake '√ßaise de D√©': the text reads 'çaise de Dé'"
    assert found[0].fix is not None and found[0].fix.applicability is Applicability.UNSAFE
    assert "Agence Française de Développement (AFD)" in apply_fix(source, found[0])


def test_mojibake_leaves_a_tick_mark_alone(builtin: dict[str, Schema]) -> None:
    # a solution's list of actions ticked with `√.`
    source = SOLUTION + "## \n\n√. Acquisition of 2 tractors\n√. Provide seed for the farmers\n"
    assert solution_findings(builtin, source, "mojibake") == []


def test_placeholder_na_as_a_required_answer(builtin: dict[str, Schema]) -> None:
    # experiment/citizens_feedback_platform.md:130-134
    body = (
        "## Learning\n\n"
        "> What do you know now about the action plan learning question that you did not "
        "know before? What were your main learnings during this experiment?\n\n"
        "NA\n"
    )
    source, found = check(builtin, body, "placeholder", schema="experiment")
    assert [(d.span.line, d.span.column, d.message) for d in found] == [
        (line_of(source, "NA"), 1, "the answer is the placeholder 'NA'")
    ]
    answered = body.replace("\nNA\n", "\nCitizens report more when the form is short.\n")
    assert check(builtin, answered, "placeholder", schema="experiment")[1] == []


BARRIERS = (
    "## Learnings on your challenge\n\n"
    "> Did you experience any barriers or bottlenecks when impacting the system, working on "
    "your frontier challenge respectively?\n\n"
    "{answer}\n"
)


def test_na_answers_a_question_that_asks_whether_there_were_any(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/le_plan_d_action_concernant_l_utilisation_des_big_data_n_a_pu__tre_exp_rime_.md:32-34:
    # "N/A" to "Did you experience any barriers...?" says there were none
    body = BARRIERS.format(answer="N/A")
    assert check(builtin, body, "placeholder", schema="closing-report-2022")[1] == []
    # a blank answer is still no answer
    blank = BARRIERS.format(answer="")
    assert check(builtin, blank, "empty-answer", schema="closing-report-2022")[1] != []


def test_a_dash_answers_a_question_that_asks_whether_there_were_any(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/bangkok_and_all_the_parts_of_thailand_still_lack_of_proper_accessibility_fo_.md:20-22
    body = BARRIERS.format(answer="-")
    assert check(builtin, body, "empty-answer", schema="closing-report-2022")[1] == []
    # a dash under a question that asks for text is no answer
    other = body.replace(
        "Did you experience any barriers or bottlenecks when impacting the system, working on "
        "your frontier challenge respectively?",
        "Please paste the link(s) to the blog(s) that articulate the learnings on your "
        "frontier challenge.",
    )
    source, found = check(builtin, other, "empty-answer", schema="closing-report-2022")
    assert [d.span.line for d in found] == [line_of(source, "> Please paste the link")]


def test_a_file_path_for_a_link_is_malformed_urls_alone(builtin: dict[str, Schema]) -> None:
    # learningplan/closing_form___mapping_responses_and_popular_solutions_to_an_energy_crisis_.md:42-43
    path = "file:///Users/lantana.elhassan/Library/CloudStorage/OneDrive-UNDP/blog.docx"
    body = BLOG.format(answer=path)
    assert constraints(builtin, body, schema="closing-report-2022") == []
    source, found = check(builtin, body, "malformed-url", schema="closing-report-2022")
    assert [d.span.line for d in found] == [line_of(source, "file:///")]


# learningplan/fow___phase_3___activation.md, lines 31-37
HANDOVER = """\
## Learnings on your challenge

> Considering the outcomes of this learning challenge, which of the following best describe the handover process? (Please select all that apply)

- {chosen}

> Can you provide more detail on your handover process?

N/A
"""


def test_na_details_a_handover_only_where_nothing_was_handed_over(
    builtin: dict[str, Schema],
) -> None:
    none = HANDOVER.format(chosen="Our work has not yet scaled")
    assert check(builtin, none, "placeholder", schema="closing-report-2024")[1] == []
    scaled = HANDOVER.format(
        chosen="Our work has led to significant changes in our UNDP Country Office programming"
    )
    source, found = check(builtin, scaled, "placeholder", schema="closing-report-2024")
    assert [(d.span.line, d.message) for d in found] == [
        (line_of(source, "N/A"), "the answer is the placeholder 'N/A'")
    ]


def test_a_condition_on_no_option_of_the_section_is_a_schema_error() -> None:
    from pydantic import ValidationError

    from plancheck.schema.files import SectionSpec as SectionFile

    prompts = [
        {"text": "Did it scale?", "answer": {"options": ["Yes", "No"]}},
        {
            "text": "Details?",
            "answer": {"none_is_answer": {"prompt": "Did it scale?", "option": "Never"}},
        },
    ]
    with pytest.raises(ValidationError, match="none_is_answer names no option 'Never'"):
        SectionFile(heading="Handover", prompts=prompts)
    prompts[1]["answer"] = {"none_is_answer": {"prompt": "Did it scale?", "option": "No"}}
    assert SectionFile(heading="Handover", prompts=prompts).prompts[1].answer.none_is_answer


def test_a_guidance_comment_left_above_a_written_answer(builtin: dict[str, Schema]) -> None:
    # what `plancheck new --schema closing-report-2022` writes, with the answer written
    body = (
        "## Learnings on your challenge\n\n"
        "> Did you experience any barriers or bottlenecks when impacting the system, working on your frontier challenge respectively?\n\n"
        "<!-- Answer (required). -->\n"
        "The ministry changed twice during the year.\n"
    )
    source, found = check(builtin, body, "placeholder", schema="closing-report-2022")
    assert [(d.span.line, d.message) for d in found] == [
        (line_of(source, "<!-- Answer"), "the guidance comment of `plancheck new` is still here")
    ]
    assert apply_fix(source, found[0]) == source.replace("<!-- Answer (required). -->\n", "")
    unanswered = body.replace("The ministry changed twice during the year.\n", "")
    assert check(builtin, unanswered, "placeholder", schema="closing-report-2022")[1] == []


def test_an_answer_finding_points_at_the_answer_not_the_comment(builtin: dict[str, Schema]) -> None:
    body = f"## Challenge statement\n\n{TWEET}\n\n<!-- Answer (required): at most 280 characters. -->\n{'x' * 290}\n"
    source, found = check(builtin, body, "answer-constraint")
    assert [(d.span.line, d.span.column) for d in found] == [(line_of(source, "x" * 290), 1)]


# learningplan/financial_inclusion_and_gender.md, lines 31-61: the shares, all blank
SHARES = """\
## Learnings on your challenge

> For this frontier challenge, how much of your time did you dedicate to the stages in the learning cycle? Please make sure that your answers adds up to 100%.


<div class="group">


> Sense


</div>

<div class="group">


> Explore


</div>

<div class="group">


> Test


</div>

<div class="group">


> Grow


</div>
"""


def test_a_blank_table_of_shares_is_one_empty_answer(builtin: dict[str, Schema]) -> None:
    source, found = check(builtin, SHARES, "empty-answer", schema="closing-report-2022")
    assert [(d.span.line, d.message) for d in found] == [
        (
            line_of(source, "> For this frontier"),
            "the shares of Sense, Explore, Test, Grow are all blank",
        )
    ]
    filled = SHARES.replace("> Sense\n", "> Sense\n\n40\n").replace(
        "> Explore\n", "> Explore\n\n60\n"
    )
    assert check(builtin, filled, "empty-answer", schema="closing-report-2022")[1] == []


def test_trailing_space_of_the_forms_own_lines_in_a_solution_is_the_exports(
    builtin: dict[str, Schema],
) -> None:
    # solution/... (covIDJEA 2020), line 24, and experiment/...: the `- ` of no choice ticked
    body = "\n> Link to covIDJEA 2020 solution \n\n-\x20\n\nThe CFF is funded by the FAO. \n"
    source = SOLUTION + body
    found = [
        d
        for d in check_text(source, builtin, path="s.md", schema_id="solution")
        if d.rule == "trailing-whitespace"
    ]
    assert [(d.span.line, d.export) for d in found] == [
        (line_of(source, "> Link"), True),
        (line_of(source, "-\x20"), True),
        (line_of(source, "The CFF"), False),
    ]


def test_a_choice_the_platform_offered_in_another_case_is_the_exports(
    builtin: dict[str, Schema],
) -> None:
    # experiment/registro__nico_de_trabajadores__rut_.md, line 28
    value = "[[experiment_type:Pre experimental (trial and error, prototype, a/b testing)]]"
    source = HEAD.replace("[[methods:Prototyping]]", value)
    found = [
        d
        for d in check_text(source, builtin, path="x.md", schema_id="experiment")
        if d.rule == "vocabulary-drift"
    ]
    assert [(d.severity, d.export) for d in found] == [(Severity.INFO, True)]


def test_a_packed_value_is_packed_tags_not_also_vocabulary_drifts(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/hack_the_blue.md, line 15
    source = SOLUTION.replace(
        "[[thematic_areas:agriculture, cooperativism]]",
        "[[thematic_areas:community  involment, youth, employment]]",
    )
    found = [
        d.rule
        for d in check_text(source, builtin, path="s.md", schema_id="solution")
        if d.span.line == 11
    ]
    assert found == ["packed-tag"]


def test_mojibake_of_a_curly_quote(builtin: dict[str, Schema]) -> None:
    # solution/air___ink.md, line 37 (shortened)
    line = (
        "within 45 minutes of driving, they\u201a\u00c4\u00f4ll have one fluid ounce (30 ml) of ink"
    )
    source = SOLUTION + f"## \n\n{line}\n"
    found = solution_findings(builtin, source, "mojibake")
    assert [(d.span.column, d.message) for d in found] == [
        (35, "mojibake '\u201a\u00c4\u00f4': the text reads '\u2019'")
    ]
    assert "they\u2019ll have" in apply_fix(source, found[0])


# learningplan/enhancing_samoa_s_birth_registration_system.md, lines 30-35 (shortened)
BLOG_IN_EDITOR_HTML = """\
## Learnings on your challenge
****

> Please paste the link(s) to the blog(s) that articulate the learnings on your frontier challenge.
<div><br></div><div><font face="Noto Sans">https://undp.sharepoint.com/:b:/r/teams/WSM/report.pdf</font></div>
"""


def test_an_answer_inside_editor_html_is_not_empty_and_has_its_link(
    builtin: dict[str, Schema],
) -> None:
    for rule in ("empty-answer", "answer-constraint"):
        _, found = check(builtin, BLOG_IN_EDITOR_HTML, rule, "closing-report-2022")
        assert [d for d in found if "blog" in d.message or "link" in d.message] == [], found
    blank = BLOG_IN_EDITOR_HTML.replace(
        '<div><font face="Noto Sans">https://undp.sharepoint.com/:b:/r/teams/WSM/report.pdf</font></div>',
        "<div><br></div>",
    )
    _, found = check(builtin, blank, "empty-answer", "closing-report-2022")
    assert any("blog" in d.message for d in found), found


def test_an_empty_heading_with_a_trailing_space_is_named_not_glued(
    builtin: dict[str, Schema],
) -> None:
    # learningplan/everyday_heroes__civic_networks*.md: `## ` with its trailing space, fixed
    # together with trailing-whitespace, once gave `##Data and Methods` (prose, not a
    # heading), which the fix guard refused
    from plancheck import fix_text

    source = HEAD + EMPTY.replace("## \n", "##  \n", 1)
    assert "\n##  \n" in source
    result = fix_text(source, builtin, schema_id="closing-report-2022", unsafe=True)
    assert result.refused is None
    assert "\n## Data and Methods\n" in result.source
