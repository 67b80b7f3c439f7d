"""What every table of ``hubplan.toml`` shares: frozen models that refuse unknown keys, nan, inf, bools."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

MAX_MONEY = 10_000_000_000.0
"""The largest sum of money any setting may give (£10bn)."""


def _admits_bool(annotation: Any) -> bool:
    """Whether a field's type takes ``true``/``false`` as such (a ``bool``, or a union holding one)."""
    if annotation is bool or annotation is Any:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        return any(_admits_bool(arg) for arg in typing.get_args(annotation))
    return False


class Frozen(BaseModel):
    """A settings table: immutable, unknown keys refused, no nan or inf, and no ``true`` for a number.

    Pydantic would read ``speed_kph = true`` as 1.0 and ``workers = false`` as 0; a setting that is
    not a flag refuses ``true`` and ``false`` instead.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _no_bool_for_numbers(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for name, value in data.items():
            field = cls.model_fields.get(str(name))
            if isinstance(value, bool) and field is not None and not _admits_bool(field.annotation):
                out[name] = _Flag(value)  # no type takes it: the problem names the key and shows true
        return out


class _Flag:
    """A ``true``/``false`` given where a number (or text) belongs; shows as TOML writes it."""

    def __init__(self, value: bool) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "true" if self.value else "false"
