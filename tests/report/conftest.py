"""Fixtures the report's tests share with the engine's."""

from tests.test_engine import counted  # noqa: F401 (a fixture: the files actually checked)
