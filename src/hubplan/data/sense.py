"""Checks across rows that no single cell shows: ids that look alike, a site twice, no demand, far-off places.

Each function appends :class:`~hubplan.errors.Problem` s naming the file, row and column, as the cell
checks do, so ``validate`` and every command that loads a workspace refuse the same things.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from hubplan.data.assumptions import Region
from hubplan.data.characters import INVISIBLE_CATEGORIES, describe_character, hidden_character
from hubplan.data.columns import MAX_PROBLEMS_PER_COLUMN, is_whole
from hubplan.data.read_table import RawTable, shown
from hubplan.errors import Problem
from hubplan.files import starts_as_formula

__all__ = [
    "CHILDREN_FACTOR",
    "ENGLAND_BOX",
    "ENGLAND_REACH_KM",
    "check_area_codes",
    "check_children_counts",
    "check_demand",
    "check_flags",
    "check_ids",
    "check_positions",
    "check_schedule_times",
    "check_sites_once",
    "hidden_character",  # from hubplan.data.characters: the one check, also for the web and consult
    "identity_key",
    "number_key",
    "site_key",
    "skeleton",
]

ENGLAND_BOX = (49.8, 55.85, -6.5, 1.8)
"""(min_lat, max_lat, min_lon, max_lon): a box around England, Scilly to Berwick, Land's End to Lowestoft."""

ENGLAND_REACH_KM = 25.0
"""How far (km) a place may be from the nearest English LSOA's centroid and still count as in England:
rural LSOAs are large (Kielder is 16 km from the nearest centroid), while Swansea (45 km), Anglesey (79 km)
and the Isle of Man (70 km) are well beyond."""

_PUNCTUATION = re.compile(r"[\W_]+")
"""What two names of one site may differ by: apostrophes, dashes, dots, spaces."""
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def identity_key(text: str) -> str:
    r"""Return the key two ids are compared by: NFKC, case-folded, invisible characters and spaces removed.

    Parameters
    ----------
    text
        An id as written.

    Returns
    -------
    str
        The key; two ids with the same key are the same id to a reader.

    Examples
    --------
    >>> identity_key("CC-Dereham\u200b") == identity_key("cc-dereham")
    True
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    invisible = INVISIBLE_CATEGORIES
    return "".join(ch for ch in folded if unicodedata.category(ch) not in invisible and not ch.isspace())


_WHOLE_NUMBER = re.compile(r"0*(\d+)(?:\.0+)?")


def number_key(text: str) -> str:
    """Return :func:`identity_key`, with an id that is a whole number written as that number.

    A spreadsheet shows ``007``, ``7`` and ``7.0`` alike, and writes them so in its exports: to a
    reader they are one id.

    Parameters
    ----------
    text
        An id as written.

    Returns
    -------
    str
        The key.

    Examples
    --------
    >>> number_key("007") == number_key("7.0") == number_key(" 7")
    True
    """
    key = identity_key(text)
    whole = _WHOLE_NUMBER.fullmatch(key)
    return whole[1] if whole else key


_LOOK_ALIKE = str.maketrans(
    "аеорсухіјѕкмнтвԁԛԝοαυνρικτχεηλ",  # Cyrillic, then Greek (after case-folding)
    "aeopcyxijskmhtbdqwoauvpiktxenl",
)
"""Letters that look like a Latin letter, as a reader sees them (after Unicode's confusables)."""


def skeleton(text: str) -> str:
    """Return how an id looks: :func:`identity_key` with look-alike Cyrillic and Greek letters made Latin.

    Parameters
    ----------
    text
        An id as written.

    Returns
    -------
    str
        The skeleton; two ids with the same skeleton look the same to a reader. Accents and other
        combining marks are dropped (``ȯ`` is ``o``), small capitals read as letters (``ʟ`` is ``l``).

    Examples
    --------
    >>> skeleton("сс-dereham") == skeleton("cc-dereham")  # the first two letters are Cyrillic
    True
    """
    bare = unicodedata.normalize("NFKD", identity_key(text))
    return "".join(_latin_look(ch) for ch in bare if unicodedata.category(ch) != "Mn").translate(_LOOK_ALIKE)


_SMALL_LETTER = re.compile(
    r"LATIN (?:LETTER SMALL CAPITAL|SUBSCRIPT SMALL LETTER|SMALL LETTER DOTLESS) ([A-Z])"
)


@functools.cache
def _confusables() -> dict[str, str]:
    """Return each non-ASCII character that Unicode's confusables table gives as an ASCII letter or digit.

    The table is Unicode's (UTS #39 ``confusables.txt``) as the ``confusable_homoglyphs`` package ships
    it. Only non-ASCII characters are mapped (to a letter where their group has one, else a digit), so
    ``l`` and ``1`` or ``O`` and ``0`` stay different ids.
    """
    source = resources.files("confusable_homoglyphs") / "confusables.json"
    table = json.loads(source.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for ch, group in table.items():
        if len(ch) != 1 or ch.isascii():
            continue
        plain = sorted(
            (g["c"] for g in group if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalnum()),
            key=lambda c: (not c.isalpha(), c),
        )
        if plain:
            out[ch] = plain[0]
    return out


def _latin_look(ch: str) -> str:
    """Return the ASCII character a look-alike reads as (confusables, small capitals), else ``ch``."""
    if ch.isascii():
        return ch
    if (mapped := _confusables().get(ch)) is not None:
        return mapped.lower()
    small = _SMALL_LETTER.fullmatch(unicodedata.name(ch, ""))
    return small[1].lower() if small else ch


def _scripts(text: str) -> set[str]:
    found = set()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            found |= {s for s in _SCRIPTS if name.startswith(s)}
    return found


def check_ids(tables: Sequence[tuple[RawTable, np.ndarray]], problems: list[Problem]) -> None:
    """Append a problem for each id that a reader could not tell from another, or that hides characters.

    Exact repeats are reported elsewhere; here: ids equal after :func:`identity_key` (``CC-1`` and
    ``cc-1``, or one with a zero-width space), ids holding invisible or control characters (a line
    break, a zero-width space), and ids mixing Latin with Cyrillic or Greek letters (a Cyrillic
    "с" in ``сс-dereham`` looks like a Latin "c"), and ids that look the same as another once look-alike
    letters are read as Latin ones (:func:`skeleton`): an all-Cyrillic ``сс`` beside ``cc``, a dotted
    ``ȯ`` or a small-capital ``ʟ``; ids that are the same whole number (``007``, ``7``, ``7.0``); and
    ids that start as a spreadsheet formula does (``=HYPERLINK(...)``, ``+cmd|...``), which every CSV
    output would carry.

    Parameters
    ----------
    tables
        Each table with its converted ``id`` column.
    problems
        Where to append what is wrong.
    """
    first: dict[str, tuple[str, str, int]] = {}
    numbers: dict[str, tuple[str, str, int]] = {}
    looks: dict[str, tuple[str, str, int]] = {}
    for table, ids in tables:
        for value, row in zip(ids, table.rows, strict=True):
            text = str(value)
            if not text:
                continue
            hidden = hidden_character(text)
            if starts_as_formula(text):
                expected = "an id that does not start with =, +, - or @ (a spreadsheet runs such a cell)"
                problems.append(Problem(table.file, int(row), "id", expected, shown(text)))
            elif hidden:
                found = f"{shown(text)}, which holds {hidden}"
                problems.append(
                    Problem(table.file, int(row), "id", "an id of visible characters only", found)
                )
            elif len(_scripts(text)) > 1:
                letters = " and ".join(sorted(_scripts(text))).lower()
                found = f"{shown(text)}, which mixes {letters} letters that look alike"
                problems.append(Problem(table.file, int(row), "id", "an id in one alphabet", found))
            key = identity_key(text)
            if key in first and first[key][1] != text:
                file, other, other_row = first[key]
                expected = (
                    f"an id that differs from {shown(other)} ({file} row {other_row}) in more than case"
                )
                problems.append(
                    Problem(table.file, int(row), "id", expected + " or hidden characters", shown(text))
                )
            elif (number := number_key(text)) in numbers and numbers[number][1] != text:
                file, other, other_row = numbers[number]
                expected = f"an id that is not the same number as {shown(other)} ({file} row {other_row})"
                found = f"{shown(text)}, which a spreadsheet shows as {number}"
                problems.append(Problem(table.file, int(row), "id", expected, found))
            elif (look := skeleton(text)) in looks and identity_key(looks[look][1]) != key:
                file, other, other_row = looks[look]
                expected = f"an id that does not look like {shown(other)} ({file} row {other_row})"
                found = f"{shown(text)}, the same but for look-alike letters"
                problems.append(Problem(table.file, int(row), "id", expected, found))
            first.setdefault(key, (table.file, text, int(row)))
            numbers.setdefault(number_key(text), (table.file, text, int(row)))
            looks.setdefault(skeleton(text), (table.file, text, int(row)))


def site_key(name: str, lat: float, lon: float) -> tuple[str, int, int] | None:
    """Return what makes two rows the same building: the name as one key, and a cell of about 55 m.

    Parameters
    ----------
    name
        The site's name ("Childrens" and "Children's", case and spacing, count as one).
    lat, lon
        Its position (degrees).

    Returns
    -------
    tuple or None
        The key, or ``None`` for a row with no name or no position.
    """
    key = _PUNCTUATION.sub("", identity_key(name))
    if not key or not np.isfinite(lat) or not np.isfinite(lon):
        return None
    return key, round(lat * 2000), round(lon * 1200)


def check_sites_once(
    tables: Sequence[tuple[RawTable, dict[str, np.ndarray]]], problems: list[Problem]
) -> None:
    """Append a problem for a site listed twice: the same name at the same place (within about 50 m).

    Parameters
    ----------
    tables
        Each sites or venues table with its converted columns.
    problems
        Where to append what is wrong.
    """
    seen: dict[tuple[str, int, int], tuple[str, str, int]] = {}
    for table, cols in tables:
        for i, row in enumerate(table.rows):
            key = site_key(str(cols["name"][i]), float(cols["lat"][i]), float(cols["lon"][i]))
            if key is None:
                continue
            if key in seen:
                file, other, other_row = seen[key]
                expected = (
                    f"each site once (the same name and place as {shown(other)}, {file} row {other_row})"
                )
                problems.append(Problem(table.file, int(row), "id", expected, shown(str(cols["id"][i]))))
            else:
                seen[key] = (table.file, str(cols["id"][i]), int(row))


def check_flags(table: RawTable, cols: dict[str, np.ndarray], problems: list[Problem]) -> None:
    """Append a problem for each site both required (must stay a base) and excluded (cannot be one).

    Parameters
    ----------
    table
        A sites or venues table.
    cols
        Its converted columns.
    problems
        Where to append what is wrong.
    """
    for i in np.flatnonzero(cols["required"] & cols["excluded"]):
        expected = "a site either required or excluded as a base, not both"
        problems.append(Problem(table.file, int(table.rows[i]), "excluded", expected, "both true"))


def check_demand(table: RawTable, cols: dict[str, np.ndarray], problems: list[Problem], *, noun: str) -> None:
    """Append a problem when no area has any demand (every ``families`` or ``children`` cell 0).

    Parameters
    ----------
    table
        The areas table.
    cols
        Its converted columns.
    problems
        Where to append what is wrong.
    noun
        The demand column's name as the file has it.
    """
    families = cols["families"]
    if len(families) and np.all(np.nan_to_num(families) == 0):
        expected = f"{noun} above 0 in at least one area (every plan would serve no one)"
        problems.append(Problem(table.file, None, noun, expected, f"0 in all {len(families):,} areas"))
    if noun == "children":  # a head count; families may be a modelled estimate, so fractions are fine
        # 12.000000000000002 is a spreadsheet's rounding of 12, not part of a child.
        split = np.flatnonzero(~is_whole(families))  # relative: 1e-320 is no child, nor 0
        for i in split[:MAX_PROBLEMS_PER_COLUMN]:
            expected = "a whole number of children (a count of children under five)"
            problems.append(Problem(table.file, int(table.rows[i]), noun, expected, f"{families[i]:.10g}"))
        if len(split) > MAX_PROBLEMS_PER_COLUMN:
            more = f"{len(split) - MAX_PROBLEMS_PER_COLUMN:,} more rows with part of a child"
            problems.append(Problem(table.file, None, noun, "whole numbers of children", more))


_LOWER_ONS_CODE = re.compile(r"[ensw]\d{8}")


def check_area_codes(table: RawTable, ids: np.ndarray, problems: list[Problem]) -> None:
    """Append a problem for each area id that is an ONS code in lower case or in look-alike characters.

    ``e01026419`` and ``Ｅ01026419`` (a full-width E, as an East Asian input method types it) are
    both named here, on the areas table, rather than as unknown ids in the tables that refer to them.

    ONS codes (LSOA, MSOA, ward, district) begin with a capital letter; every other table and
    hubplan's England data write them so, and would not find the area.

    Parameters
    ----------
    table
        The areas table.
    ids
        Its ``id`` column.
    problems
        Where to append what is wrong.
    """
    for value, row in zip(ids, table.rows, strict=True):
        text = str(value)
        plain = unicodedata.normalize("NFKC", text)
        if plain != text and _LOWER_ONS_CODE.fullmatch(plain.lower()):
            odd = next(ch for ch in text if not ch.isascii())
            expected = f"an ONS code in plain letters and digits ({plain.upper()})"
            problems.append(
                Problem(table.file, int(row), "id", expected, f"{shown(text)} with {describe_character(odd)}")
            )
        elif _LOWER_ONS_CODE.fullmatch(text):
            expected = f"an ONS code with its capital letter ({text.upper()})"
            problems.append(Problem(table.file, int(row), "id", expected, shown(text)))


_CLOCK = re.compile(r"(?<![\d:.])(\d{1,2}):(\d{2})(?![\d:])")


def check_schedule_times(table: RawTable, cols: dict[str, np.ndarray], problems: list[Problem]) -> None:
    """Append a problem for each ``schedule`` that gives a time of day no clock shows (``25:00``).

    The schedule is words ("Fridays 10:00-12:00, term time"); only its times are checked: hours 0
    to 24, minutes 0 to 59, and nothing after 24:00.

    Parameters
    ----------
    table
        A sites or venues table.
    cols
        Its converted columns.
    problems
        Where to append what is wrong.
    """
    if "schedule" not in cols:
        return
    for text, row in zip(cols["schedule"], table.rows, strict=True):
        for m in _CLOCK.finditer(str(text)):
            hour, minute = int(m[1]), int(m[2])
            if hour > 24 or minute > 59 or (hour == 24 and minute > 0):
                expected = "times of day from 00:00 to 24:00"
                problems.append(Problem(table.file, int(row), "schedule", expected, shown(m[0])))
                break


CHILDREN_FACTOR = 5.0
"""How many times the ONS count of under-fives an LSOA's ``children`` may be before it is a slip
(``12e3`` for 120): the Norfolk workspace's counts are 0.5 to 1.7 times ONS's other mid-year."""


def check_children_counts(table: RawTable, cols: dict[str, np.ndarray], problems: list[Problem]) -> None:
    """Append a problem for an LSOA whose ``children`` are far more than ONS counts live there.

    Where an area's id is a 2011 LSOA code, its children are compared with the larger of the ONS
    mid-2017 and mid-2019 under-5 counts (bundled, :func:`hubplan.data.england.lsoas`); more than
    :data:`CHILDREN_FACTOR` times that is refused. Other ids are not compared.

    Parameters
    ----------
    table
        The areas table.
    cols
        Its converted columns (``id`` and ``families``, the children).
    problems
        Where to append what is wrong.
    """
    ids = [str(i) for i in cols["id"]]
    if not any(i.startswith("E01") for i in ids):
        return
    from hubplan.data.england import lsoas

    counts = lsoas().set_index("lsoa11cd")[["under5_2017", "under5_2019"]].max(axis=1)
    children = cols["families"]
    shown_so_far = 0
    for i, code in enumerate(ids):
        ons = counts.get(code)
        if ons is None or not np.isfinite(children[i]) or children[i] <= CHILDREN_FACTOR * ons:
            continue
        if shown_so_far < MAX_PROBLEMS_PER_COLUMN:
            expected = (
                f"at most {CHILDREN_FACTOR:g} times the {int(ons):,} under-fives ONS counts in {code} "
                "(a typing slip?)"
            )
            problems.append(
                Problem(table.file, int(table.rows[i]), "children", expected, f"{children[i]:,.10g}")
            )
        shown_so_far += 1


def check_positions(
    table: RawTable, cols: dict[str, np.ndarray], region: Region, problems: list[Problem]
) -> None:
    """Append a problem for each position outside England, when the region sets no bounds.

    With ``[region].bounds`` the cell checks already hold every position inside them. Without, a
    position must lie in :data:`ENGLAND_BOX` and within :data:`ENGLAND_REACH_KM` of an English
    LSOA's centroid (the England table shipped with hubplan): 0,0, latitude and longitude swapped,
    13.1 typed for 1.1 (Germany), Edinburgh or Swansea are refused.

    Parameters
    ----------
    table
        A sites, venues or areas table.
    cols
        Its converted columns (``lat``, ``lon``).
    region
        The workspace's region.
    problems
        Where to append what is wrong.
    """
    if region.bounds is not None:
        return
    lat, lon = cols["lat"], cols["lon"]
    known = np.isfinite(lat) & np.isfinite(lon)
    lo_lat, hi_lat, lo_lon, hi_lon = ENGLAND_BOX
    far = known & ((lat < lo_lat) | (lat > hi_lat) | (lon < lo_lon) | (lon > hi_lon))
    near = np.flatnonzero(known & ~far)
    if len(near):
        distance = _km_to_england(lat[near], lon[near])
        far[near[distance > ENGLAND_REACH_KM]] = True
    expected = (
        "a position in England (or set [region].bounds in hubplan.toml to plan somewhere else; "
        "check latitude and longitude are not swapped)"
    )
    for i in np.flatnonzero(far)[:20]:
        found = f"{lat[i]:g}, {lon[i]:g}"
        problems.append(Problem(table.file, int(table.rows[i]), "lat", expected, found))


def _km_to_england(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    try:
        tree, scale = _england_tree()
    except OSError:  # a clone without the England tables built: the box alone
        return np.zeros(len(lat))
    distance, _ = tree.query(np.c_[lat, lon * scale])
    return np.asarray(distance) * 111.2


@cache
def _england_tree() -> tuple[Any, float]:
    from scipy.spatial import cKDTree

    from hubplan.data.england import lsoas

    table = lsoas()
    scale = float(np.cos(np.radians(53.0)))  # km per degree of longitude over km per degree of latitude
    return cKDTree(np.c_[table["lat"].to_numpy(), table["lon"].to_numpy() * scale]), scale
