"""Read the submission times survey tools export, each known form by its own rule, never by guessing.

The forms read (every one as the tool writes it in its CSV export):

- ISO 8601, as SmartSurvey, Citizen Space and hubplan itself write it: ``2018-10-24T08:45``,
  ``2018-10-24 08:45:12``, ``2018-10-24``, with or without seconds, fractions and a zone (``Z``,
  ``+01:00``).
- Google Forms, year first: ``2019/01/14 10:32:11 AM GMT`` (12- or 24-hour, seconds optional, a zone
  of ``GMT``, ``UTC``, ``BST`` or ``GMT+1`` optional).
- A date with slashes, day first as UK exports (Microsoft Forms through Excel, Google Sheets, SmartSurvey)
  write it: ``14/01/2019 10:32``, ``14/01/19``, ``14/01/2019 10:32:11 AM``. A file whose dates only read
  month first (``1/14/2019``: a US-set Excel) more often than only day first is read month first
  (a tie, or no telling date, is read day first); dates that fit only the other order are refused,
  not guessed.

Nothing here asks pandas or dateutil to infer a format: each value matches one rule or is refused, so no
library warning reaches the terminal and ``01/02/2019`` never silently becomes 2 January in one file and
1 February in the next.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

EXPECTED = (
    "a date and time as a survey tool exports it: ISO 8601 (2018-10-24T08:45), Google Forms "
    "(2019/01/14 10:32:11 AM GMT) or day first (14/01/2019 10:32)"
)
"""What a submission time must look like, in words, for a problem's *expected*."""

_TIME = (
    r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})"  # 10:32
    r"(?::(?P<second>\d{2})(?:\.\d{1,6})?)?"  # :11 or :11.123
    r"(?:\s*(?P<half>[AaPp]\.?[Mm]\.?))?)?"  # AM, pm, p.m.
)
_ZONE = r"(?:\s+(?P<zone>GMT|UTC|BST)(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?)?"  # GMT, GMT+1, UTC-05:00
_YEAR_FIRST = re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})" + _TIME + _ZONE, re.I)
_SLASHED = re.compile(r"(?P<first>\d{1,2})/(?P<later>\d{1,2})/(?P<year>\d{4}|\d{2})" + _TIME + _ZONE, re.I)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_times(texts: Sequence[str], *, rows: Sequence[int] | None = None) -> list[datetime | str]:
    """Read each submission time by the rule of the form it is in; say what was expected where none fits.

    Slashed dates (``14/01/2019``) are read in one order for the whole file: day first, unless some
    dates only fit month first (a month over 12 would be needed otherwise) and none only fit day first.

    Parameters
    ----------
    texts
        The cells of one file's submission-time column, in row order (stripped).
    rows
        Each cell's row, as problems name it (default: the header is row 1 and no row is blank).

    Returns
    -------
    list
        For each cell its time (zone-aware where the cell gives a zone), or, where it cannot be read,
        what was expected there, in words (the cell itself is never quoted: it is the user's data).

    Examples
    --------
    >>> google, uk, iso, words = parse_times(
    ...     ["2019/01/14 10:32:11 PM GMT", "14/01/2019 22:05", "2018-10-24T08:45", "next Tuesday"]
    ... )
    >>> google.isoformat(), uk.isoformat(), iso.isoformat()
    ('2019-01-14T22:32:11+00:00', '2019-01-14T22:05:00', '2018-10-24T08:45:00')
    >>> words == EXPECTED
    True
    """
    slashed = [_SLASHED.fullmatch(t) for t in texts]
    day_only = [i for i, m in enumerate(slashed) if m and int(m["first"]) > 12 >= int(m["later"])]
    month_only = [i for i, m in enumerate(slashed) if m and int(m["later"]) > 12 >= int(m["first"])]
    day_first = len(day_only) >= len(month_only)  # the order most dates show; a tie (or none) is the UK's
    agreeing = day_only if day_first else month_only
    order = "day first" if day_first else "month first"
    numbers = list(rows) if rows is not None else [i + 2 for i in range(len(texts))]
    out: list[datetime | str] = []
    for text, match in zip(texts, slashed, strict=True):
        if match is not None:
            first, second = int(match["first"]), int(match["later"])
            day, month = (first, second) if day_first else (second, first)
            if day_only and month_only and month > 12:  # a mixed file is read in its majority's order
                example = numbers[agreeing[0]]
                out.append(
                    f"a date in the order most of the file's dates use ({order}: {len(agreeing)} "
                    f"row{'s' if len(agreeing) != 1 else ''} can only be read that way, e.g. row {example})"
                )
                continue
            year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
            out.append(_build(year, month, day, match))
        elif (google := _YEAR_FIRST.fullmatch(text)) is not None:
            out.append(_build(int(google["year"]), int(google["month"]), int(google["day"]), google))
        else:
            out.append(_iso(text))
    return out


def _iso(text: str) -> datetime | str:
    """Return an ISO 8601 time (``Z`` read as UTC), or what was expected."""
    if not _ISO_DATE.match(text):
        return EXPECTED
    text = re.sub(r"\s*UTC$", "+00:00", text, flags=re.IGNORECASE)  # "2018-10-24 08:45:12 UTC" (exports)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return EXPECTED


def _build(year: int, month: int, day: int, match: re.Match[str]) -> datetime | str:
    """Return the time a matched cell gives, or what was expected when it names no real time."""
    hour = int(match["hour"] or 0)
    half = (match["half"] or "").replace(".", "").upper()
    if half:
        if not 1 <= hour <= 12:
            return "a time that exists (an hour from 1 to 12 before AM or PM)"
        hour = hour % 12 + (12 if half == "PM" else 0)
    try:
        when = datetime(year, month, day, hour, int(match["minute"] or 0), int(match["second"] or 0))
    except ValueError:
        return "a date and time that exist (no 31 February, no hour 25)"
    zone = (match["zone"] or "").upper()
    if not zone:
        return when
    hours = 1 if zone == "BST" else 0
    if match["offset"]:
        sign = -1 if match["offset"].startswith("-") else 1
        digits = match["offset"][1:].replace(":", "")
        hh, mm = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        if int(hh) > 14 or int(mm) >= 60:
            return "a time zone within 14 hours of GMT"
        return when.replace(
            tzinfo=timezone(sign * timedelta(hours=int(hh), minutes=int(mm)) + timedelta(hours=hours))
        )
    return when.replace(tzinfo=timezone(timedelta(hours=hours)))
