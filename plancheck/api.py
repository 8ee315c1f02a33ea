"""Check or fix one text from Python: what an editor plug-in, a notebook or a script calls
(exported by :mod:`plancheck`, which documents it).

Each call is one file's work as `plancheck check` and `plancheck fix` do it, without
reading or writing files or configuration: the caller gives the text and, if it wants,
the schemas, the rules and the settings (the defaults are the built-in schemas, every
rule and the default settings).
"""

from __future__ import annotations

from plancheck.diagnostics import Diagnostic
from plancheck.fixer import MAX_PASSES, FixResult, fix
from plancheck.linter import RuleSet, context, lint
from plancheck.options import FileOptions
from plancheck.parser import parse
from plancheck.rules.base import Context
from plancheck.schema import Schema, load_schemas
from plancheck.settings import DEFAULT_SETTINGS, Settings

STDIN_PATH = "<stdin>"


def _first(
    text: str,
    schemas: dict[str, Schema] | None,
    path: str,
    schema_id: str | None,
    rules: RuleSet | None,
    settings: Settings | None,
) -> tuple[Context, FileOptions]:
    use = FileOptions(
        load_schemas() if schemas is None else schemas,
        schema_id,
        RuleSet() if rules is None else rules,
        settings or DEFAULT_SETTINGS,
    )
    return context(parse(text, path), use), use


def check_text(
    text: str,
    schemas: dict[str, Schema] | None = None,
    *,
    path: str = STDIN_PATH,
    schema_id: str | None = None,
    rules: RuleSet | None = None,
    settings: Settings | None = None,
) -> list[Diagnostic]:
    """What `plancheck check` reports for ``text``, sorted by position.

    ``schemas``: by id (default: the built-in ones, :func:`load_schemas`); ``schema_id``
    forces one instead of detecting it; ``path`` is what the diagnostics name; ``rules``
    selects rules and severities (``RuleSet.from_selectors(["PC1"])``); ``settings`` are
    those of a configuration file's ``[tool.plancheck]``.
    Raises :class:`KeyError` for a ``schema_id`` that is not among ``schemas``.
    """
    ctx, use = _first(text, schemas, path, schema_id, rules, settings)
    return lint(ctx, use.rules)


def fix_text(
    text: str,
    schemas: dict[str, Schema] | None = None,
    *,
    path: str = STDIN_PATH,
    schema_id: str | None = None,
    rules: RuleSet | None = None,
    settings: Settings | None = None,
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
) -> FixResult:
    """``text`` as `plancheck fix` leaves it (``unsafe``: `--unsafe-fixes`), with what
    was applied and what remains; the arguments are :func:`check_text`'s. The fixes are
    applied pass after pass until none is left, for at most ``max_passes`` passes
    (``converged`` says whether it settled); ``refused`` says why the text was left as it
    was when a fix would have changed its words."""
    ctx, use = _first(text, schemas, path, schema_id, rules, settings)
    return fix(ctx, use, unsafe=unsafe, max_passes=max_passes)
