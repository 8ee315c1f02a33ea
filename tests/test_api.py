"""The public API: `plancheck.check_text` and `fix_text` and the names an editor or a
script needs, exported lazily so that `import plancheck` stays cheap."""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path

import pytest

import plancheck
from plancheck import (
    Diagnostic,
    FixResult,
    RuleSet,
    SchemaError,
    Severity,
    check_text,
    fix_text,
    load_schemas,
)
from tests.conftest import SEEDS

SEED = (SEEDS / "learningplan-design.md").read_text(encoding="utf-8")
# The seed with one defect: a heading that drifted from the template's ("Partners").
DRIFTED = SEED.replace("## Partners", "## partners", 1)


def test_check_text_finds_the_defect() -> None:
    found = check_text(DRIFTED, path="plan.md")
    assert [(d.rule, d.code, d.span.line) for d in found] == [("heading-drift", "PC206", 57)]
    (drift,) = found
    assert isinstance(drift, Diagnostic) and drift.severity is Severity.WARNING
    assert drift.path == "plan.md" and drift.fix is not None
    assert check_text(SEED) == []


def test_fix_text_fixes_it() -> None:
    result = fix_text(DRIFTED)
    assert isinstance(result, FixResult)
    assert result.source == SEED and result.changed and result.converged
    assert result.counts() == {"heading-drift": 1} and result.remaining == []
    assert result.schema_id == "learningplan-design" and result.refused is None


def test_the_arguments_are_the_checks() -> None:
    schemas = load_schemas()
    ignored = RuleSet.from_selectors(ignore=["heading-drift"])
    assert check_text(DRIFTED, schemas, rules=ignored) == []
    assert not fix_text(DRIFTED, schemas, rules=ignored).changed
    forced = check_text(DRIFTED, schemas, schema_id="experiment")
    assert "heading-drift" not in {d.rule for d in forced} and forced
    with pytest.raises(KeyError):
        check_text(SEED, schemas, schema_id="no-such-schema")
    assert issubclass(SchemaError, plancheck.InputError)


def test_the_api_is_typed() -> None:
    hints = typing.get_type_hints(check_text)
    assert hints["return"] == list[Diagnostic] and hints["text"] is str
    assert typing.get_type_hints(fix_text)["return"] is FixResult
    # PEP 561: the package says it is typed (tests/test_packaging.py: and the wheel has it)
    assert Path(plancheck.__path__[0], "py.typed").is_file()


def test_every_exported_name_resolves() -> None:
    for name in plancheck.__all__:
        assert getattr(plancheck, name) is not None, name
    assert set(plancheck.__all__) == {"__version__", *plancheck._LAZY}
    assert set(plancheck.__all__) <= set(dir(plancheck))
    with pytest.raises(AttributeError, match="no attribute 'lint'"):
        _ = plancheck.lint  # type: ignore[attr-defined]


def test_importing_the_package_loads_none_of_it() -> None:
    """The command line imports the package first: the API must cost nothing until used."""
    code = (
        "import sys, plancheck; "
        "print(sorted(m for m in sys.modules if m.startswith('plancheck'))); "
        "plancheck.Severity; "
        "print('plancheck.rules' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["['plancheck']", "False"]
