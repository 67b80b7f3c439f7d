"""Build one council's planning problem in memory from the England tables: areas, candidates, minutes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from hubplan.data.assumptions import Travel
from hubplan.data.england import Council, area_rows, area_site_ids, library_site_ids, open_libraries
from hubplan.travel.estimate import estimate_minutes

MOST_DEPRIVED_DECILES = (1, 2)
"""IMD 2019 deciles that make up the most deprived fifth of England's areas."""


@dataclass(frozen=True, eq=False)
class CouncilProblem:
    """One council's areas, candidate sites and travel minutes, as plain arrays.

    Parameters
    ----------
    code, name
        The council's ONS code and name.
    area_ids
        (n,) LSOA codes.
    area_points
        (n, 2) latitude, longitude of each area (degrees).
    children
        (n,) ONS children aged 0-4 per area.
    deprivation_decile
        (n,) IMD 2019 decile per area (1 = most deprived).
    rurality
        (n,) ``urban``, ``rural_town`` or ``rural_village``.
    site_ids
        (m,) candidate ids as ``hubplan init`` writes them in ``sites.csv``: ``lib-...`` for its open
        libraries, ``area-...`` (the LSOA code) where it has none.
    site_points
        (m, 2) latitude, longitude of each candidate (degrees).
    site_kind
        ``"library"`` when the candidates are the council's open libraries, ``"area"`` when they are
        its areas' positions (it has none).
    minutes
        Mode (``car``, ``bus``) to (n, m) float32 estimated minutes.
    """

    code: str
    name: str
    area_ids: np.ndarray
    area_points: np.ndarray
    children: np.ndarray
    deprivation_decile: np.ndarray
    rurality: np.ndarray
    site_ids: np.ndarray
    site_points: np.ndarray
    site_kind: str
    minutes: dict[str, np.ndarray]

    @property
    def n_areas(self) -> int:
        """How many areas (LSOAs)."""
        return len(self.area_ids)

    @property
    def n_sites(self) -> int:
        """How many candidate sites."""
        return len(self.site_ids)

    @property
    def centre(self) -> tuple[float, float]:
        """The children-weighted centre (latitude, longitude in degrees); the plain mean if none."""
        weights = self.children if self.children.sum() > 0 else np.ones(self.n_areas)
        lat, lon = np.average(self.area_points, axis=0, weights=weights)
        return float(lat), float(lon)


def build_council_problem(
    council: Council, *, year: int = 2019, travel: Travel | None = None
) -> CouncilProblem:
    """Build a council's problem from the England tables, as ``hubplan init`` would build its workspace.

    Areas are its LSOAs, weighted by the ONS estimate of children under five; candidates are its open
    libraries, or its areas' positions when it has none. Car and bus minutes are estimated from
    great-circle distances (:func:`hubplan.travel.estimate_minutes`), bus minutes scaled by each
    area's rurality (:func:`hubplan.travel.bus_rurality_factors`).

    Parameters
    ----------
    council
        From :func:`hubplan.data.england.find_council`.
    year
        The mid-year of the under-5 counts, 2017 or 2019.
    travel
        Speeds and waits; ``hubplan.toml``'s defaults when ``None``.

    Returns
    -------
    CouncilProblem
        The council's arrays.

    Raises
    ------
    ValueError
        For a year with no counts, or a council with no areas in the tables.
    """
    areas = area_rows(council, year=year)
    if areas.empty:
        msg = f"council {council.code}: expected LSOAs in the England tables; found none"
        raise ValueError(msg)
    libs = open_libraries(council)
    area_points = areas[["lat", "lon"]].to_numpy(dtype=np.float64)
    if len(libs):
        site_ids = np.asarray(library_site_ids(libs["name"]), dtype=str)  # as init's sites.csv has them
        site_points = libs[["lat", "lon"]].to_numpy(dtype=np.float64)
        kind = "library"
    else:
        site_ids = np.asarray(area_site_ids(areas["id"]), dtype=str)
        site_points = area_points
        kind = "area"
    assumptions = travel or Travel()
    rurality = areas["rurality"].astype(str).to_numpy()
    minutes = {
        "car": estimate_minutes(area_points, site_points, "car", assumptions=assumptions),
        "bus": estimate_minutes(
            area_points,
            site_points,
            "bus",
            assumptions=assumptions,
            origin_rurality=rurality,
        ),
    }
    return CouncilProblem(
        code=council.code,
        name=council.name,
        area_ids=areas["id"].astype(str).to_numpy(),
        area_points=area_points,
        children=areas["children"].to_numpy(dtype=np.float64),
        deprivation_decile=areas["deprivation_decile"].to_numpy(dtype=np.int64),
        rurality=rurality,
        site_ids=site_ids,
        site_points=site_points,
        site_kind=kind,
        minutes=minutes,
    )


@cache
def england_tables_digest() -> str:
    """Return a SHA-256 of the England tables shipped with hubplan (so a fingerprint follows the data).

    Returns
    -------
    str
        64 hex digits over the bytes of every table in ``hubplan/data/england``.
    """
    digest = hashlib.sha256()
    folder = resources.files("hubplan.data") / "england"
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".csv.gz")):
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()
