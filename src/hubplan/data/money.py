"""Read sums of money as people write them: 5.2m, £800k, 5,200,000."""

from __future__ import annotations

import re

# Commas only as thousands separators (10,200,000): "1,3m" is a typo or a decimal comma, not £13m.
_MONEY = re.compile(
    r"^\s*£?\s*(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>[mk]|bn)?\s*$", re.IGNORECASE
)
_UNITS = {"": 1.0, "k": 1e3, "m": 1e6, "bn": 1e9}


def parse_money(text: str) -> float:
    """Return pounds from text such as ``5.2m``, ``£800k``, ``10,200,000`` or ``0.25m``.

    Parameters
    ----------
    text
        The amount.

    Returns
    -------
    float
        Pounds.

    Raises
    ------
    ValueError
        When the text is not an amount of money.

    Examples
    --------
    >>> parse_money("£5.2m"), parse_money("800k"), parse_money("10,200,000")
    (5200000.0, 800000.0, 10200000.0)
    """
    match = _MONEY.match(text)
    if not match:
        msg = f"expected an amount such as 5.2m, £800k or 10200000; got {text!r}"
        raise ValueError(msg)
    number = float(match["number"].replace(",", ""))
    return number * _UNITS[(match["unit"] or "").lower()]
