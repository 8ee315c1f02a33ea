"""Calls go one way: the command line calls the runner, the runner the checker, the checker
the linter and the fixer, and they the rules; no module imports one above it (not even
inside a function or for type checking only)."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "plancheck"

# module -> the modules above it, which it must not import
ABOVE = {
    "plancheck.runner": {"plancheck.cli"},
    "plancheck.checker": {"plancheck.runner", "plancheck.cli", "plancheck.api"},
    "plancheck.fixer": {"plancheck.checker", "plancheck.runner", "plancheck.cli", "plancheck.api"},
    "plancheck.linter": {
        "plancheck.fixer",
        "plancheck.checker",
        "plancheck.runner",
        "plancheck.cli",
        "plancheck.api",
        "plancheck.options",  # which imports the linter for its rule sets
    },
    "plancheck.lsp.analysis": {"plancheck.checker", "plancheck.runner", "plancheck.cli"},
}


def imported(module: str) -> set[str]:
    """Every plancheck module ``module`` imports, wherever the import statement is."""
    path = PACKAGE.joinpath(*module.split(".")[1:]).with_suffix(".py")
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {n for n in names if n.startswith("plancheck")}


@pytest.mark.parametrize("module", sorted(ABOVE))
def test_no_module_imports_one_above_it(module: str) -> None:
    assert imported(module) & ABOVE[module] == set()


def test_the_errors_import_nothing_of_plancheck() -> None:
    assert imported("plancheck.errors") == set()
