"""The rule table (plancheck.codes): one entry per rule, unique codes and names, every
check declared by an entry and every entry either checked or documented; each rule's
documentation in the same sections; the light modules import no rule."""

from __future__ import annotations

import subprocess
import sys

import pytest

from plancheck import codes
from plancheck.codes import FixAvailability, RuleInfo
from plancheck.rules import ALL_RULES, CHECKS, Rule
from plancheck.rules.docs import SECTIONS, all_problems, problems


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({r.code for r in codes.RULES}) == len(codes.RULES)
    assert len({r.name for r in codes.RULES}) == len(codes.RULES)
    for r in codes.RULES:
        assert len(r.code) == 5 and r.code.startswith("PC") and r.code[2:].isdigit(), r.code
        assert r.name == r.name.lower() and " " not in r.name, r.name
        assert r.summary and "\n" not in r.summary, r.name
    assert [r.code for r in codes.RULES] == sorted(r.code for r in codes.RULES)


def test_every_check_has_an_entry_and_every_entry_a_check_or_its_own_documentation() -> None:
    checked = {r.code: r for r in CHECKS}
    assert len(checked) == len(CHECKS)
    for check in CHECKS:
        assert check.info is codes.BY_CODE[check.code], check.name  # read from the table
    for entry in codes.RULES:
        # a rule without a check only names a diagnostic the core reports: its entry
        # documents it; a rule with a check is documented by its docstring alone
        assert (entry.code in checked) != bool(entry.body), entry.name
    assert [r.code for r in ALL_RULES] == [r.code for r in codes.RULES]
    assert {r.code for r in ALL_RULES if not isinstance(r, Rule)} == {
        "PC002",
        "PC003",
        "PC006",
        "PC007",
        "PC008",
    }


def test_the_core_reported_rules_are_entries() -> None:
    for entry in (
        codes.UNREADABLE_FILE,
        codes.INVALID_ENCODING,
        codes.UNUSED_SUPPRESSION,
        codes.FILE_TOO_LARGE,
        codes.INTERNAL_ERROR,
    ):
        assert codes.BY_CODE[entry.code] is entry
        assert isinstance(ALL_RULES[codes.RULES.index(entry)], RuleInfo)


def test_lookup_by_code_prefix_and_name() -> None:
    assert [r.code for r in codes.lookup("PC00")][:3] == ["PC001", "PC002", "PC003"]
    assert codes.lookup("internal-error") == [codes.INTERNAL_ERROR]
    assert codes.lookup("pc504") == [codes.BY_CODE["PC504"]]
    assert codes.lookup("nothing") == []


def test_fix_availability() -> None:
    assert {r.fix for r in codes.RULES} == set(FixAvailability)
    assert codes.BY_NAME["bom"].fix is FixAvailability.ALWAYS
    assert codes.BY_NAME["tag-order"].fix is FixAvailability.SOMETIMES
    assert codes.BY_NAME["unknown-tag"].fix is FixAvailability.NEVER
    assert [r.fixable for r in codes.RULES] == [r.fix != "never" for r in codes.RULES]


def test_every_rule_is_documented_in_the_same_sections() -> None:
    assert all_problems() == []


def test_the_documentation_check_finds_what_is_wrong() -> None:
    def doc(*headings: str) -> str:
        return "\n\n".join(f"## {h}\n\nText." for h in headings)

    never = RuleInfo("PC990", "x", codes.ERROR, FixAvailability.NEVER, "X.", body=doc(*SECTIONS))
    assert problems(never) == [
        "x: sections ['What it reports', 'Why it matters', 'Example', 'Fixed example', "
        "'Fix safety', 'Options'], expected ['What it reports', 'Why it matters', "
        "'Example', 'Fix safety', 'Options']"
    ]
    always = RuleInfo(
        "PC991",
        "y",
        codes.ERROR,
        FixAvailability.ALWAYS,
        "Y.",
        options=(codes.COORDINATE_TOLERANCE,),
        body=doc(*SECTIONS).replace("## Why it matters\n\nText.", "## Why it matters\n\n"),
    )
    assert problems(always) == [
        "y: section 'Why it matters' is empty",
        "y: the Options section does not name `tolerance-km`",
    ]


@pytest.mark.parametrize("module", ["plancheck.files", "plancheck.results", "plancheck.codes"])
def test_the_light_modules_load_no_rule(module: str) -> None:
    """The reader, the results and the rule table import no rule module (and so none of
    pydantic, the parser's Markdown library or the geometry)."""
    code = (
        f"import sys, {module}; "
        "print(sorted(m for m in sys.modules if m.startswith('plancheck.rules') "
        "or m.split('.')[0] in ('pydantic', 'markdown_it', 'shapely')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_plancheck_rules_lists_from_the_table_alone() -> None:
    code = (
        "import sys; from plancheck.cli import main; main(['rules']); "
        "print(sorted(m for m in sys.modules if m.startswith('plancheck.rules')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("[]")
    assert "PC607  tag-order            warning  [fix?] Tags out of" in done.stdout
    assert "PC605  bom                  warning  [fix] The file" in done.stdout
