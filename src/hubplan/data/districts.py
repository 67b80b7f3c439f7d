"""``[region].districts`` against the tables: look-alike spellings, and names no table uses.

A district typed into ``hubplan.toml`` by hand often differs from the tables' by a character that
looks the same: a curly apostrophe for a straight one, an en dash for a hyphen, a non-breaking or
doubled space. Each table row would then be blamed; :func:`look_alike_districts` says it once, on
``hubplan.toml``, naming the character. :func:`check_districts_used` refuses a listed district that
no area or site names (a slip, or another council's list).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Sequence

import numpy as np

from hubplan.data.read_table import shown
from hubplan.errors import Problem

SETTINGS_FILE = "hubplan.toml"
"""The file ``[region].districts`` is in."""

KEY = "region.districts"
"""The setting's dotted key, as other ``hubplan.toml`` problems name theirs."""

_SAME = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
     "\u2013": "-", "\u2014": "-"}
)  # fmt: skip


def district_key(name: str) -> str:
    """Return ``name`` with look-alike characters made the same, for comparing spellings.

    Parameters
    ----------
    name
        A district's name as written.

    Returns
    -------
    str
        NFKC-normalised; curly and reversed single quotes and the prime as ``'``, curly double quotes
        as ``"``, en and em dashes as ``-``; runs of spaces as one, none at either end.

    Examples
    --------
    >>> district_key("King\u2019s Lynn  and West\u00a0Norfolk") == "King's Lynn and West Norfolk"
    True
    """
    return " ".join(unicodedata.normalize("NFKC", name).translate(_SAME).split())


def _character(ch: str) -> str:
    name = unicodedata.name(ch, "") or "a character with no name"
    return f"{ch} (U+{ord(ch):04X} {name})" if not ch.isspace() else f"a space (U+{ord(ch):04X} {name})"


def _difference(ours: str, theirs: str, where: str) -> str:
    """Say the first place ``ours`` (hubplan.toml's) and ``theirs`` (the table's, at ``where``) differ."""
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        mine = ", ".join(_character(c) for c in dict.fromkeys(ours[i1:i2]))
        other = ", ".join(_character(c) for c in dict.fromkeys(theirs[j1:j2]))
        if not other:
            return f"with {mine} that {where} does not have"
        if not mine:
            return f"without the {other} that {where} has"
        return f"with {mine} where {where} has {other}"
    return f"written as {where} has it"  # pragma: no cover - only called on different strings


def look_alike_districts(
    cells: np.ndarray, listed: Sequence[str], file: str, rows: np.ndarray, problems: list[Problem]
) -> np.ndarray:
    """Say once, on ``hubplan.toml``, each listed district a table spells with look-alike characters.

    Parameters
    ----------
    cells
        District cells not in ``listed`` as written.
    listed
        ``[region].districts``.
    file
        The table's file name, for the message.
    rows
        Each cell's row as a spreadsheet shows it.
    problems
        Where to append a problem, unless one for the same listed name is already there.

    Returns
    -------
    numpy.ndarray
        True for each cell that matches a listed name by :func:`district_key` (reported here, not
        to be blamed on its row).
    """
    keys = {district_key(name): name for name in listed}
    alike = np.zeros(len(cells), dtype=bool)
    for i, cell in enumerate(cells):
        name = keys.get(district_key(str(cell)))
        if name is None:
            continue
        alike[i] = True
        start = shown(name)
        if any(p.file == SETTINGS_FILE and p.column == KEY and p.found.startswith(start) for p in problems):
            continue
        expected = "district names written with the same characters as the tables' district column"
        found = f"{start} {_difference(name, str(cell), f'{file} (row {int(rows[i])})')}"
        problems.append(Problem(SETTINGS_FILE, None, KEY, expected, found))
    return alike


USED_DISTRICTS = "districts that areas.csv or sites.csv names (or leave the key out to allow any)"
"""What ``[region].districts`` is expected to hold, as its problems say."""


def check_districts_used(listed: Sequence[str], named: Sequence[np.ndarray], problems: list[Problem]) -> None:
    """Refuse a ``[region].districts`` name that no area or site names.

    Parameters
    ----------
    listed
        ``[region].districts``.
    named
        The district columns of ``areas.csv``, ``sites.csv`` and ``venues.csv``. Sites count: ``hubplan
        init`` lists the district of a site over the border (a real destination) beside the council's.
    problems
        Where to append one problem for each name unused (a look-alike spelling counts as used: it
        has its own problem).
    """
    if not listed:
        return
    used = {district_key(str(d)) for column in named for d in column}
    for name in listed:
        if district_key(name) not in used:
            expected = USED_DISTRICTS
            problems.append(Problem(SETTINGS_FILE, None, KEY, expected, shown(name)))


def misspelt_districts(
    listed: Sequence[str], named: Sequence[np.ndarray], problems: list[Problem]
) -> tuple[str, ...]:
    """Say once, on ``hubplan.toml``, each listed district that no table names but one spells alike.

    ``"Norwhich"`` in ``[region].districts`` would otherwise blame every row of the tables that names
    Norwich; it is named once, with the tables' spelling, and the tables are checked against that.

    Parameters
    ----------
    listed
        ``[region].districts``.
    named
        The raw district cells of ``areas.csv``, ``sites.csv`` and ``venues.csv``.
    problems
        Where to append one problem for each misspelt name.

    Returns
    -------
    tuple of str
        ``listed`` with each misspelt name replaced by the tables' spelling.
    """
    if not listed:
        return tuple(listed)
    counts = Counter(str(cell) for column in named for cell in column)
    used = {district_key(c) for c in counts}
    keys = {district_key(name) for name in listed}
    unlisted = [c for c in counts if c.strip() and district_key(c) not in keys]
    out = []
    for name in listed:
        close = [] if district_key(name) in used else difflib.get_close_matches(name, unlisted, 1, 0.8)
        if not close:
            out.append(name)
            continue
        rows = counts[close[0]]
        found = (
            f"{shown(name)}, which no row names: did you mean {shown(close[0])} "
            f"({rows:,} row{'s' if rows != 1 else ''} of the tables name it)?"
        )
        problems.append(Problem(SETTINGS_FILE, None, KEY, USED_DISTRICTS, found))
        out.append(close[0])
    return tuple(out)
