"""Read sums of money as people write them: 5.2m, £800k, 5,200,000."""

from __future__ import annotations

import re

MAX_MONEY_PER_YEAR = 10_000_000_000.0
"""The largest sum of money a year any input may give (£10bn: more than a county council's budget).

One limit for files, settings and options: ``cost_per_year``, ``budget_per_year``, ``[outreach]``'s
budget and every amount option (``--budget``, ``--extra``, a frontier's ``--from``/``--to``/``--step``).
"""

THOUSANDS_DOT = re.compile(r"^\s*£?\s*(\d+)\.(\d{3})\s*$")
"""``205.000``: a European spreadsheet's 205,000, which ``float`` (and :func:`parse_money`) reads as 205."""

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


class AmountError(ValueError):
    """Text that is no amount a file or option may give, with what was expected instead.

    Parameters
    ----------
    expected
        What the amount should be, in words (the caller names where it came from).
    """

    def __init__(self, expected: str) -> None:
        self.expected = expected
        super().__init__(expected)


def thousands_dot_words(whole: str, part: str) -> str:
    """Say how to write ``whole.part`` (``205.000``) without a thousands dot.

    Parameters
    ----------
    whole, part
        The digits before and after the dot (``part`` is three digits).

    Returns
    -------
    str
        What was expected, in words, naming both readings.
    """
    pounds = int(whole + part)
    return (
        f"a sum in £ without a thousands dot: write {pounds} for £{pounds:,}, or {int(whole)} for "
        f"£{int(whole):,} (a dot and three digits is how a European spreadsheet writes thousands; "
        f"hubplan would read it as £{int(whole):,})"
    )


def read_amount(text: str) -> float:
    """Return £ a year from an amount given to a command, as a file's money column would take it.

    :func:`parse_money`, and then the rules every money column of a file keeps: no thousands dot
    (``180.000`` is refused, not read as £180) and at most :data:`MAX_MONEY_PER_YEAR`.

    Parameters
    ----------
    text
        The amount, e.g. ``"5.2m"``.

    Returns
    -------
    float
        Pounds.

    Raises
    ------
    AmountError
        When the text is no amount, is written with a thousands dot or is over £10bn.

    Examples
    --------
    >>> read_amount("180k")
    180000.0
    """
    dot = THOUSANDS_DOT.match(text)
    if dot:
        raise AmountError(thousands_dot_words(dot[1], dot[2]))
    try:
        pounds = parse_money(text)
    except ValueError:
        raise AmountError("an amount such as 5.2m, £800k or 10200000") from None
    if pounds > MAX_MONEY_PER_YEAR:
        raise AmountError(
            f"an amount of at most £{MAX_MONEY_PER_YEAR:,.0f} a year (£10bn, the limit on any cost or budget)"
        )
    return pounds
