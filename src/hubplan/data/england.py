"""The England tables: LSOAs, libraries, the council of each district, the family hubs programmes.

The tables are real open data (IoD 2019, ONS mid-year under-5 counts, RUC 2011, positions from live
residential postcodes, the Libraries Taskforce list, the DfE family hubs programmes):
``data/england/README.md`` says where each column comes from. They let :mod:`hubplan.data.init`
build a workspace for any English council. They are not in git: ``make data`` builds them into the
package from the shared data folder (:mod:`hubplan.data.shared_data`); without them every function
here raises :class:`~hubplan.data.shared_data.DataMissingError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Literal

import numpy as np
import pandas as pd

from hubplan.data.shared_data import DataMissingError, shared_data_folder
from hubplan.errors import InputError, Problem
from hubplan.suggest import closest

RURALITY_OF_RUC = {
    "A1": "urban",
    "B1": "urban",
    "C1": "urban",
    "C2": "urban",
    "D1": "rural_town",
    "D2": "rural_town",
    "E1": "rural_village",
    "E2": "rural_village",
}
"""RUC 2011 class to hubplan's three summary groups: the urban classes (A1-C2, settlements of 10,000
or more) are ``urban``; "rural town and fringe" (D1, D2) is ``rural_town``; "rural village and
dispersed" (E1, E2) is ``rural_village``. The sparse-setting variants join their group."""

UNDER5_YEARS = (2017, 2019)
"""The mid-years with ONS under-5 counts per LSOA in the table."""


@dataclass(frozen=True)
class Council:
    """An English council that can be planned for: an upper-tier council or a district.

    Parameters
    ----------
    code
        Its ONS code (E10... for a county, E06/E08/E09 for unitaries, metropolitan districts and
        London boroughs, E07 for a shire district).
    name
        Its name as ONS writes it.
    tier
        ``"upper"`` for a county or unitary (the tier that runs children's centres), ``"district"`` for
        a shire district inside a county.
    districts
        (code, name) of each 2019 local authority district it covers.
    geography
        Where the council has changed since the tables' 2019 geography: what is planned and under
        which code, in words ('' where nothing changed).
    """

    code: str
    name: str
    tier: Literal["upper", "district"]
    districts: tuple[tuple[str, str], ...]
    geography: str = ""

    @property
    def district_names(self) -> tuple[str, ...]:
        """The names of its districts, in code order."""
        return tuple(name for _, name in self.districts)


@dataclass(frozen=True)
class Reorganisation:
    """A council made after April 2019, whose area the tables (2019 geography) hold as 2019 districts.

    Parameters
    ----------
    code, name
        The new council's ONS code and name.
    since
        When it began, in words ("April 2023").
    districts
        The ONS codes of the 2019 districts its area was.
    replaced
        The code of the 2019 upper-tier council those districts were in.
    """

    code: str
    name: str
    since: str
    districts: tuple[str, ...]
    replaced: str


REORGANISATIONS = (
    Reorganisation(
        "E06000060",
        "Buckinghamshire",
        "April 2020",
        ("E07000004", "E07000005", "E07000006", "E07000007"),
        "E10000002",
    ),
    Reorganisation(
        "E06000061",
        "North Northamptonshire",
        "April 2021",
        ("E07000150", "E07000152", "E07000153", "E07000156"),
        "E10000021",
    ),
    Reorganisation(
        "E06000062",
        "West Northamptonshire",
        "April 2021",
        ("E07000151", "E07000154", "E07000155"),
        "E10000021",
    ),
    Reorganisation(
        "E06000063", "Cumberland", "April 2023", ("E07000026", "E07000028", "E07000029"), "E10000006"
    ),
    Reorganisation(
        "E06000064",
        "Westmorland and Furness",
        "April 2023",
        ("E07000027", "E07000030", "E07000031"),
        "E10000006",
    ),
    Reorganisation(
        "E06000065",
        "North Yorkshire",
        "April 2023",
        ("E07000163", "E07000164", "E07000165", "E07000166", "E07000167", "E07000168", "E07000169"),
        "E10000023",
    ),
    Reorganisation(
        "E06000066",
        "Somerset",
        "April 2023",
        ("E07000187", "E07000188", "E07000189", "E07000246"),
        "E10000027",
    ),
)
"""The English unitary councils made since the tables' April 2019 geography (ONS codes).

Buckinghamshire, North Yorkshire and Somerset cover exactly their 2019 county; Northamptonshire and
Cumbria were each split in two."""

TABLES = {
    "lsoa2011": "england_lsoa2011.csv",
    "libraries": "england_libraries.csv",
    "lad2019_to_utla2019": "england_lad2019_to_utla2019.csv",
    "family_hubs_programmes": "family_hubs_programme_local_authorities.csv",
}
"""Each table's name in the package (``data/england/NAME.csv.gz``) to its file in the shared data folder."""


def _read(name: str, **kwargs: object) -> pd.DataFrame:
    """Read a table built into the package, else from ``HUBPLAN_SHARED_DATA``, else say what is missing."""
    packaged = resources.files("hubplan.data") / "england" / f"{name}.csv.gz"
    options: dict[str, object] = {"keep_default_na": False, "na_values": [""], **kwargs}
    if packaged.is_file():
        with resources.as_file(packaged) as file:
            return pd.read_csv(file, compression="gzip", **options)  # type: ignore[call-overload,no-any-return]
    folder = shared_data_folder()
    if folder is not None and (folder / TABLES[name]).is_file():
        return pd.read_csv(folder / TABLES[name], **options)  # type: ignore[call-overload,no-any-return]
    missing = [f"{packaged} (the package's copy)"]
    if folder is not None:
        missing.append(f"{folder / TABLES[name]} (named by HUBPLAN_SHARED_DATA)")
    raise DataMissingError(missing)


@cache
def lsoas() -> pd.DataFrame:
    """Return every English LSOA (2011) with its real columns, sorted by code.

    Returns
    -------
    pandas.DataFrame
        32,844 rows: ``lsoa11cd``, ``lsoa11nm``, ``lad_code``, ``lad_name``, ``lat``, ``lon``
        (degrees), ``imd_decile``, ``idaci_decile``, ``under5_2017``, ``under5_2019`` (children),
        ``ruc11_code`` and the rest described in the data README. Do not modify it (it is cached).
    """
    return _read("lsoa2011", dtype={"ruc11_code": str})


@cache
def libraries() -> pd.DataFrame:
    """Return every library in the Libraries Taskforce list (July 2016), open or closed.

    Returns
    -------
    pandas.DataFrame
        3,238 rows: ``library_id``, ``name``, ``authority``, ``authority_code``, ``postcode``, ``lat``,
        ``lon``, ``type``, ``closed`` (empty when open), ``lsoa11cd`` and more. Do not modify it.
    """
    return _read("libraries", dtype={"closed": str, "type": str, "notes": str, "address": str})


@cache
def district_councils() -> pd.DataFrame:
    """Return the 317 English districts of April 2019 with their upper-tier council.

    Returns
    -------
    pandas.DataFrame
        ``lad_code``, ``lad_name``, ``utla_code``, ``utla_name``.
    """
    return _read("lad2019_to_utla2019")


@cache
def family_hubs_programmes() -> pd.DataFrame:
    """Return the councils of the national family hubs programmes (DfE, 2022-23).

    Returns
    -------
    pandas.DataFrame
        87 rows: ``la_name_as_published``, ``utla2019_name``, ``utla2019_code`` (empty for North
        Northamptonshire, a 2021 council), ``programme`` (``FHSfL_75_2022``: the 75 councils of the
        Family Hubs and Start for Life programme, April 2022; or a Family Hubs Transformation Fund
        code), ``trailblazer_2023`` (``true`` for the 14 trailblazers of February 2023) and
        ``source`` (where the list was published). Do not modify it.
    """
    return _read("family_hubs_programmes", dtype=str)


def councils() -> list[Council]:
    """Return every council :func:`find_council` knows: 151 upper-tier councils, then the shire districts.

    Returns
    -------
    list of Council
        Upper-tier councils first (by code), then districts that are not themselves upper-tier.
    """
    table = district_councils()
    out: list[Council] = []
    for (code, name), rows in table.groupby(["utla_code", "utla_name"], sort=True):
        districts = tuple(zip(rows["lad_code"], rows["lad_name"], strict=True))
        out.append(Council(str(code), str(name), "upper", tuple((str(c), str(n)) for c, n in districts)))
    for lad_code, lad_name, utla_code in zip(
        table["lad_code"], table["lad_name"], table["utla_code"], strict=True
    ):
        if lad_code != utla_code:
            out.append(Council(str(lad_code), str(lad_name), "district", ((str(lad_code), str(lad_name)),)))
    return out


def upper_tier_councils() -> list[Council]:
    """Return the 151 English upper-tier councils (counties and unitaries) of April 2019, by code."""
    return [c for c in councils() if c.tier == "upper"]


def _key(text: str) -> str:
    """Write a council's name one way: lower case, "and" for "&", no "," or ".", "st" for "saint"."""
    words = text.lower().replace("&", " and ").replace(",", " ").replace(".", " ").split()
    return " ".join("st" if w == "saint" else w for w in words)


def _words(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _in_2019(council: Council, by_code: dict[str, Council]) -> Council:
    """Return the council with a note where it has changed since the tables' 2019 geography."""
    codes = {code for code, _ in council.districts}
    later = [r for r in REORGANISATIONS if codes & set(r.districts)]
    if not later:
        return council
    lead = "the England tables are 2019 geography"
    if council.tier == "district":
        r = later[0]
        county = by_code[r.replaced]
        note = (
            f"{lead}: {council.name} ({council.code}) is planned as the district it was in 2019, in "
            f"{county.name} ({county.code}); since {r.since} it is part of the unitary council {r.name} "
            f"({r.code})"
        )
    elif len(later) == 1 and set(later[0].districts) == codes:
        r = later[0]
        note = (
            f"{lead}: {council.name} is planned under its 2019 code {council.code} (the county and its "
            f"{len(codes)} districts); since {r.since} the unitary council {r.name} ({r.code}) covers the "
            "same area"
        )
    else:
        parts = _words([f"{r.name} ({r.code})" for r in later])
        note = (
            f"{lead}: {council.name} ({council.code}) is planned as it was in 2019; since {later[0].since} "
            f"its area is {len(later)} councils, {parts} (give one of them to plan it alone)"
        )
    return replace(council, geography=note)


def _reorganised(r: Reorganisation, by_code: dict[str, Council]) -> Council:
    """Return a council made since 2019 as its 2019 districts, saying so."""
    county = by_code[r.replaced]
    districts = tuple((code, name) for code, name in county.districts if code in r.districts)
    if len(districts) == len(county.districts):  # the same area as the 2019 county: plan that
        return _in_2019(county, by_code)
    names = _words([name for _, name in districts])
    note = (
        f"the England tables are 2019 geography: {r.name} ({r.code}, since {r.since}) is planned as its "
        f"2019 districts {names}, then in {county.name} ({county.code})"
    )
    return Council(r.code, r.name, "upper", districts, note)


def find_council(query: str) -> Council:
    """Find an English council by name or ONS code, forgiving case, commas, full stops and "&".

    The tables are 2019 geography. A council made since (:data:`REORGANISATIONS`: Cumberland,
    Westmorland and Furness, North and West Northamptonshire, and the new codes of Buckinghamshire,
    North Yorkshire and Somerset) is planned as its 2019 districts, and any council whose area has
    changed since carries a note saying what is planned under which code (:attr:`Council.geography`).

    Parameters
    ----------
    query
        A name ("Kent", "Mid Suffolk", "bristol city of", "St Helens") or code ("E10000020",
        "E07000203", "E06000063"). Where a name is both an upper-tier council and a district (a
        unitary), the council is returned.

    Returns
    -------
    Council
        The match.

    Raises
    ------
    InputError
        When nothing matches; the message gives the closest names, a name holding what was typed
        ("Kingston upon Hull, City of" for "Hull") first.
    """
    known = councils()
    by_code = {c.code: c for c in known if c.tier == "upper"}
    wanted = _key(query)
    for council in known:
        if wanted in (_key(council.code), _key(council.name)):
            return _in_2019(council, by_code)
    for r in REORGANISATIONS:
        if wanted in (_key(r.code), _key(r.name)):
            return _reorganised(r, by_code)
    # "Bristol" for "Bristol, City of", "Herefordshire" for "Herefordshire, County of".
    starts = [c for c in known if _key(c.name).startswith(wanted + " ") and len(wanted) >= 4]
    if len(starts) == 1:
        return _in_2019(starts[0], by_code)
    names = sorted({c.name for c in known} | {r.name for r in REORGANISATIONS})
    holding = [n for n in names if wanted and f" {wanted} " in f" {_key(n)} "]  # "Hull": a whole word
    close = [*holding[:3], *(n for n in closest(query, names, n=3, cutoff=0.6) if n not in holding)][:3]
    close += [n for n in names if wanted and wanted in _key(n) and n not in close][: 3 - len(close)]
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    expected = f"the name or ONS code of an English council or district (2019 geography){hint}"
    raise InputError([Problem("--area", None, None, expected, repr(query))], "no such council")


def modelled_no_car_share(imd_decile: np.ndarray, rurality: np.ndarray) -> np.ndarray:
    """Model each area's share of households without a car from its deprivation and rurality.

    There is no offline source of car availability per LSOA (Census 2011 table KS404EW is not in
    the bundled data), so this is a stated model, labelled as such wherever it is shown:
    ``5% + 32% x need^1.6``, plus 7 points in urban areas, kept within 2%-60%, where need is 1.0 in
    IMD decile 1 and 0.1 in decile 10. Nationally about a quarter of households have no car, far
    more in deprived towns, few in villages.

    Parameters
    ----------
    imd_decile
        IMD 2019 decile per area (1 = most deprived).
    rurality
        ``urban``, ``rural_town`` or ``rural_village`` per area.

    Returns
    -------
    numpy.ndarray
        Share (0-1) per area, rounded to 3 places.
    """
    need = (11 - np.asarray(imd_decile, dtype=np.float64)) / 10
    urban = np.asarray(rurality) == "urban"
    share = 0.05 + 0.32 * need**1.6 + np.where(urban, 0.07, 0.0)
    return np.asarray(np.clip(share, 0.02, 0.6).round(3))


def area_rows(council: Council, *, year: int = 2019) -> pd.DataFrame:
    """Return a council's LSOAs as the rows of a workspace's ``areas.csv``.

    Parameters
    ----------
    council
        From :func:`find_council`.
    year
        The mid-year of the ONS under-5 counts, 2017 or 2019.

    Returns
    -------
    pandas.DataFrame
        ``id`` (LSOA code), ``name``, ``lat``, ``lon``, ``district``, ``children`` (ONS children aged
        0-4), ``deprivation_decile`` (IMD 2019), ``idaci_decile`` (IDACI 2019), ``rurality`` (from RUC
        2011 by :data:`RURALITY_OF_RUC`), ``ruc11`` (the RUC 2011 code) and ``no_car_share``
        (modelled by :func:`modelled_no_car_share`), sorted by LSOA code.

    Raises
    ------
    ValueError
        For a year with no counts.
    """
    if year not in UNDER5_YEARS:
        msg = f"year: expected one of {', '.join(map(str, UNDER5_YEARS))}; got {year}"
        raise ValueError(msg)
    table = lsoas()
    codes = [code for code, _ in council.districts]
    mine = table[table["lad_code"].isin(codes)]
    rurality = mine["ruc11_code"].map(RURALITY_OF_RUC).to_numpy()
    return pd.DataFrame(
        {
            "id": mine["lsoa11cd"].to_numpy(),
            "name": mine["lsoa11nm"].to_numpy(),
            "lat": mine["lat"].to_numpy(),
            "lon": mine["lon"].to_numpy(),
            "district": mine["lad_name"].to_numpy(),
            "children": mine[f"under5_{year}"].to_numpy(),
            "deprivation_decile": mine["imd_decile"].to_numpy(),
            "idaci_decile": mine["idaci_decile"].to_numpy(),
            "rurality": rurality,
            "ruc11": mine["ruc11_code"].to_numpy(),
            "no_car_share": modelled_no_car_share(mine["imd_decile"].to_numpy(), rurality),
        }
    )


def open_libraries(council: Council) -> pd.DataFrame:
    """Return the open libraries standing in a council's LSOAs (July 2016 list).

    Parameters
    ----------
    council
        From :func:`find_council`.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`libraries` not marked closed, with a ``district`` column (the district
        of the LSOA holding the library's postcode), sorted by name.
    """
    table = lsoas()
    codes = [code for code, _ in council.districts]
    district_of = table.loc[table["lad_code"].isin(codes)].set_index("lsoa11cd")["lad_name"]
    libs = libraries()
    libs = libs[libs["closed"].isna() & libs["lsoa11cd"].isin(district_of.index)]
    libs = libs.assign(district=libs["lsoa11cd"].map(district_of).to_numpy())
    return libs.sort_values(["name", "library_id"], kind="stable").reset_index(drop=True)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def library_site_ids(names: Iterable[str]) -> list[str]:
    """Return the ids ``hubplan init`` gives libraries in ``sites.csv``: ``lib-`` and the name, made unique.

    Parameters
    ----------
    names
        The libraries' names, in the order of :func:`open_libraries`.

    Returns
    -------
    list of str
        ``lib-wymondham`` for "Wymondham Library"; a second library of one name gets ``-2``.

    Examples
    --------
    >>> library_site_ids(["Diss Library", "St. Ives Library", "Diss Library"])
    ['lib-diss', 'lib-st-ives', 'lib-diss-2']
    """
    seen: dict[str, int] = {}
    out = []
    for name in names:
        key = "lib-" + _slug(str(name).removesuffix(" Library"))
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return out


def area_site_ids(codes: Iterable[str]) -> list[str]:
    """Return the ids ``hubplan init`` gives areas' positions as candidate sites: ``area-`` and the code.

    Parameters
    ----------
    codes
        LSOA codes.

    Returns
    -------
    list of str
        ``area-e01019077`` for E01019077.
    """
    return ["area-" + str(code).lower() for code in codes]
