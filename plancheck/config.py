"""Run settings that rules read, and (with the configuration files) where they come from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Settings rules may read through ``Context.settings``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    coordinate_tolerance_km: float = Field(
        50.0,
        ge=0,
        alias="coordinate-tolerance-km",
        description="How far (km) a point may lie outside its country's boundary.",
    )


DEFAULT_SETTINGS = Settings()
