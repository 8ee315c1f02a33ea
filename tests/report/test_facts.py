"""The per-document facts a run collects for `plancheck report`."""

from __future__ import annotations

from pathlib import Path

from plancheck.checker import run_one
from plancheck.facts import checklist
from plancheck.options import Resolver
from plancheck.results import Facts, Job
from plancheck.schema import load_schemas
from plancheck.sources import Options
from tests.conftest import SEEDS


def facts_of(path: Path) -> Facts:
    result = run_one(str(path), Resolver(Options(isolated=True)), Job(facts=True))
    assert result.facts is not None
    return result.facts


def test_check_collects_no_facts() -> None:
    result = run_one(str(SEEDS / "experiment.md"), Resolver(Options(isolated=True)), Job())
    assert result.facts is None


def test_a_complete_seed() -> None:
    facts = facts_of(SEEDS / "closing-report-2024.md")
    assert facts.template == "closing-report-2024"
    assert facts.year == "2024"
    assert facts.countries == (("Mongolia", "MNG"),)
    items = checklist(load_schemas([])["closing-report-2024"])
    assert len(facts.filled) == len(items)
    assert set(facts.filled) == {"1"}
    assert facts.terms == ()


def test_an_empty_answer_and_a_missing_section_are_zeros(tmp_path: Path) -> None:
    text = (SEEDS / "closing-report-2024.md").read_text(encoding="utf-8")
    schema = load_schemas([])["closing-report-2024"]
    items = checklist(schema)
    # Drop the last section (End) and empty the first required answer's text.
    last = text.rindex("\n## ")
    first_prompt = next(i for i in items if i.prompt is not None)
    start = text.index(f"> {first_prompt.prompt}") + len(f"> {first_prompt.prompt}\n")
    end = text.index("\n> ", start)
    broken = text[:start] + "\n" + text[end:last] + "\n"
    plan = tmp_path / "plan.md"
    plan.write_text(broken, encoding="utf-8")
    facts = facts_of(plan)
    assert facts.template == "closing-report-2024"
    off = {items[i].label for i, bit in enumerate(facts.filled) if bit == "0"}
    assert off == {schema.sections[-1].heading, first_prompt.label}


def test_drifted_and_unknown_values_are_kept_with_their_tag(tmp_path: Path) -> None:
    text = (SEEDS / "closing-report-2024.md").read_text(encoding="utf-8")
    plan = tmp_path / "plan.md"
    plan.write_text(text.replace("[[country:Mongolia]]", "[[country:Atlantis]]"), encoding="utf-8")
    facts = facts_of(plan)
    assert ("PC403", "country", "Atlantis", "") in facts.terms
    assert facts.countries == (("Atlantis", None),)
    plan.write_text(text.replace("[[country:Mongolia]]", "[[country:mongolia]]"), encoding="utf-8")
    assert facts_of(plan).terms == (("PC401", "country", "mongolia", "Mongolia"),)


def test_facts_survive_the_cache_format() -> None:
    facts = facts_of(SEEDS / "broken" / "learningplan-design.md")
    assert Facts.from_data(facts.to_data()) == facts
