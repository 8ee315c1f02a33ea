"""plancheck: an authoring and validation linter for UNDP Accelerator Labs plan documents.

The command line (`plancheck check`, `fix`, ...) is the main way in; this package is the
way in for Python (an editor plug-in, a notebook, a script)::

    import plancheck

    for d in plancheck.check_text(text, path="plan.md"):
        print(d.span.line, d.code, d.rule, d.severity, d.message)

    result = plancheck.fix_text(text)  # safe fixes; unsafe=True for all
    fixed, left = result.source, result.remaining

What it exports (``__all__``):

- :func:`check_text` (text -> sorted list of :class:`Diagnostic`) and :func:`fix_text`
  (text -> :class:`FixResult`): one file's check or fix as the command line does it,
  with the built-in schemas, every rule and the default settings unless given others.
- :func:`load_schemas` (the built-in schemas, and those of given folders, by id) and
  :class:`Schema`; :class:`RuleSet` (``RuleSet.from_selectors(select, ignore)``, as
  `--select` and `--ignore`) and :class:`Settings`.
- The values a result is made of: :class:`Diagnostic`, :class:`Severity`,
  :class:`Span`, :class:`Fix`, :class:`Edit`, :class:`Applicability`.
- The errors raised for unusable input: :class:`InputError` and its kinds
  :class:`SchemaError` and :class:`SelectorError`.
- ``__version__``.

Importing the package loads none of this: each name is imported on first use (module
``__getattr__``), so that the command line, which imports the package first, starts fast.
Anything not listed here is internal and may change between versions.
"""

__version__ = "0.1.0"

# name -> the module that defines it, imported when the name is first asked for.
_LAZY = {
    "check_text": "plancheck.api",
    "fix_text": "plancheck.api",
    "FixResult": "plancheck.fixer",
    "load_schemas": "plancheck.schema",
    "Schema": "plancheck.schema",
    "RuleSet": "plancheck.linter",
    "Settings": "plancheck.settings",
    "Diagnostic": "plancheck.diagnostics",
    "Severity": "plancheck.diagnostics",
    "Fix": "plancheck.diagnostics",
    "Edit": "plancheck.diagnostics",
    "Applicability": "plancheck.diagnostics",
    "Span": "plancheck.document",
    "InputError": "plancheck.errors",
    "SchemaError": "plancheck.errors",
    "SelectorError": "plancheck.errors",
}

__all__ = [
    "Applicability",
    "Diagnostic",
    "Edit",
    "Fix",
    "FixResult",
    "InputError",
    "RuleSet",
    "Schema",
    "SchemaError",
    "SelectorError",
    "Settings",
    "Severity",
    "Span",
    "__version__",
    "check_text",
    "fix_text",
    "load_schemas",
]

# typing.TYPE_CHECKING without importing typing (it costs more than the rest of this
# module); type checkers take any constant of this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:  # what type checkers and editors see; at run time, __getattr__ below
    from plancheck.api import check_text, fix_text
    from plancheck.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
    from plancheck.document import Span
    from plancheck.errors import InputError, SchemaError, SelectorError
    from plancheck.fixer import FixResult
    from plancheck.linter import RuleSet
    from plancheck.schema import Schema, load_schemas
    from plancheck.settings import Settings


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'plancheck' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value  # asked once: later uses are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
