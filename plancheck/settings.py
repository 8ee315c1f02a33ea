"""The settings rules may read, and their defaults.

A plain value, apart from :mod:`plancheck.config`: a run without a configuration file
uses the defaults without loading pydantic, which validates configuration files only.
"""

from __future__ import annotations

from dataclasses import dataclass

# 10 MiB: the largest plan in the archive is 46 KB, so a file this big is not a plan
# (an export, a log, a binary renamed .md), and reading it whole would cost memory and time.
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """Settings rules may read through ``Context.settings`` (validated, when they come
    from a file, by :class:`plancheck.config.FileConfig`)."""

    coordinate_tolerance_km: float = 50.0  # how far (km) a point may lie outside its country
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # larger files are file-too-large, unread


DEFAULT_SETTINGS = Settings()
