"""What every table of ``hubplan.toml`` shares: frozen models that refuse unknown keys, nan and inf."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

MAX_MONEY = 10_000_000_000.0
"""The largest sum of money any setting may give (£10bn)."""


class Frozen(BaseModel):
    """A settings table: immutable, unknown keys refused, and no nan or inf in any number."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
