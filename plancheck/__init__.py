"""plancheck: an authoring and validation linter for UNDP Accelerator Labs plan documents."""

__version__ = "0.1.0"
