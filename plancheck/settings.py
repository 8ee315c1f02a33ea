"""The settings a check of one file reads, and their defaults: the reader's size limit and
the rules' option values.

A plain value, apart from :mod:`plancheck.config` (which reads and validates configuration
files): a run without a configuration file uses the defaults without loading pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from plancheck.codes import RuleInfo, RuleOption

# 10 MiB: the largest plan in the archive is 46 KB, so a file this big is not a plan
# (an export, a log, a binary renamed .md), and reading it whole would cost memory and time.
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024

Value = TypeVar("Value", float, int, str, bool)


@dataclass(frozen=True, slots=True)
class Settings:
    """Settings rules and the reader read through ``Context.settings`` (validated, when
    they come from a file, by :mod:`plancheck.config`)."""

    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # larger files are file-too-large, unread
    # rule code -> option name -> value, for the options a configuration sets; a rule's
    # option not given here has its declared default
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def option(self, rule: RuleInfo, option: RuleOption[Value]) -> Value:
        """The value of ``rule``'s ``option``: the configuration's, else its default."""
        value: Value = self.rule_options.get(rule.code, {}).get(option.name, option.default)
        return value


DEFAULT_SETTINGS = Settings()
