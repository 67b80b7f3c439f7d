"""What every table of ``hubplan.toml`` shares: frozen models refusing unknown keys, nan, inf and guesses.

A ``true`` or a text such as ``"4.5"`` given for a number is refused, not read as 1.0 or 4.5.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

MAX_MINUTES = 1440.0
"""The most minutes any setting or option may give (a day)."""


def _admits_bool(annotation: Any) -> bool:
    """Whether a field's type takes ``true``/``false`` as such (a ``bool``, or a union holding one)."""
    if annotation is bool or annotation is Any:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        return any(_admits_bool(arg) for arg in typing.get_args(annotation))
    return False


_NUMBERS = (int, float)


def _numeric(annotation: Any) -> bool:
    """Whether a field's type takes only numbers (``float``, ``int``, optionally ``None``)."""
    if annotation in _NUMBERS:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(_numeric(a) for a in args)
    if typing.get_origin(annotation) is typing.Annotated:
        return _numeric(typing.get_args(annotation)[0])
    return False


def _no_text(annotation: Any, value: Any) -> Any:
    """Return ``value`` with every text where the type wants a number made into a :class:`_Text`."""
    if isinstance(value, str):
        return _Text(value) if _numeric(annotation) else value
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _no_text(options[0], value) if len(options) == 1 else value
    inner = typing.get_args(annotation)
    if origin in (tuple, list) and isinstance(value, list) and inner:
        return [_no_text(inner[0], v) for v in value]
    if origin is dict and isinstance(value, dict) and len(inner) == 2:
        return {k: _no_text(inner[1], v) for k, v in value.items()}
    return value


class Frozen(BaseModel):
    """A settings table: immutable, unknown keys refused, no nan or inf, no ``true`` or text for a number.

    Pydantic would read ``speed_kph = true`` as 1.0, ``workers = false`` as 0 and ``speed_kph = "4.5"``
    as 4.5; a setting that is a number refuses them instead, so a mistake in ``hubplan.toml`` is
    named, not guessed at.
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
            if field is None:
                continue
            if isinstance(value, bool) and not _admits_bool(field.annotation):
                out[name] = _Flag(value)  # no type takes it: the problem names the key and shows true
            else:
                out[name] = _no_text(field.annotation, value)
        return out


class _Flag:
    """A ``true``/``false`` given where a number (or text) belongs; shows as TOML writes it."""

    def __init__(self, value: bool) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "true" if self.value else "false"


class _Text:
    """Text given where a number belongs (``"4.5"``); shows as TOML writes it, quotes included."""

    def __init__(self, value: str) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f'"{self.value}" (a number in quotes: write it without them)'
