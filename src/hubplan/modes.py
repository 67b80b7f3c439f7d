"""The travel modes hubplan measures: one closed set, shared by every stage (settings, travel, optimiser)."""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """A way of travelling to a site; its value is how files, settings and options spell it.

    A ``Mode`` is a ``str``: ``Mode.BUS == "bus"``, and settings read from ``hubplan.toml`` or given on
    the command line as text become modes without any change to how they are written.

    Examples
    --------
    >>> Mode("bus") is Mode.BUS, Mode.CAR == "car", [str(m) for m in Mode]
    (True, True, ['walk', 'car', 'bus'])
    """

    WALK = "walk"
    CAR = "car"
    BUS = "bus"


MODES: tuple[str, ...] = tuple(m.value for m in Mode)
"""The modes hubplan measures as plain text, in the order tables show them (for messages and files)."""
