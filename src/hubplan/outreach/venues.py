"""Choose outreach venues: the fewest that put every family in need within reach (a set-covering model)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from hubplan.data.workspace import Workspace
from hubplan.optimise.set_cover import solve_set_cover
from hubplan.outreach.need import Need
from hubplan.travel.matrix import TravelMatrix

BASE_KINDS = ("children_centre", "family_hub")
"""Kinds that are bases or closed bases; outreach goes to other buildings."""


@dataclass(frozen=True, eq=False)
class VenueChoice:
    """The chosen venues and where each area's families in need go.

    Parameters
    ----------
    venues
        Positions (among sites) of the chosen venues.
    venue_no_car, venue_car
        (n_areas,) the venue (site position) the area's families without / with a car go to
        (-1: none in reach, or none in need).
    out_of_reach
        Families in need with no venue within reach.
    """

    venues: np.ndarray
    venue_no_car: np.ndarray
    venue_car: np.ndarray
    out_of_reach: float

    def families_at(self, need: Need, venue: int) -> np.ndarray:
        """Return (n_areas,) families in need who go to ``venue``."""
        out: np.ndarray = np.where(self.venue_no_car == venue, need.needy_no_car, 0.0) + np.where(
            self.venue_car == venue, need.needy_car, 0.0
        )
        return out


def candidate_venues(workspace: Workspace) -> np.ndarray:
    """Return the positions of sites that can host outreach: the ``outreach`` flag, and not a centre.

    Parameters
    ----------
    workspace
        The workspace.

    Returns
    -------
    numpy.ndarray
        Site positions (libraries, schools, village halls, health centres, ...).
    """
    sites = workspace.sites
    ok = sites.outreach.astype(bool) & ~np.isin(sites.kind.astype(str), BASE_KINDS)
    return np.flatnonzero(ok).astype(np.int64)


def choose_venues(
    workspace: Workspace,
    travel: TravelMatrix,
    need: Need,
    staff_minutes: np.ndarray,
    *,
    venue_minutes: float,
) -> VenueChoice:
    """Choose the fewest venues so every family in need that any venue can reach has one within reach.

    Families travel to a venue as they would to a base: without a car by bus (or on foot), with a
    car by car; a venue reaches them within ``venue_minutes``. Among equally few venues, those
    nearer a base (less staff travel) are preferred. Families then go to their nearest chosen venue.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    need
        Who needs outreach.
    staff_minutes
        (n_sites,) car minutes from each site to its nearest base (the staff's journey).
    venue_minutes
        A venue's reach.

    Returns
    -------
    VenueChoice
        The venues and where each area's families go.
    """
    candidates = candidate_venues(workspace)
    n = len(need.no_car)
    # One demand per area and car access that has families in need.
    demands = [(i, "bus", need.needy_no_car) for i in np.flatnonzero(need.needy_no_car > 1e-9)]
    demands += [(i, "car", need.needy_car) for i in np.flatnonzero(need.needy_car > 1e-9)]
    venue_of = {"bus": np.full(n, -1, dtype=np.int64), "car": np.full(n, -1, dtype=np.int64)}
    if not demands or len(candidates) == 0:
        return VenueChoice(
            np.zeros(0, dtype=np.int64), venue_of["bus"], venue_of["car"], float(need.needy.sum())
        )
    minutes = np.vstack([travel.minutes[mode][i, candidates] for i, mode, _ in demands])
    reach = minutes <= venue_minutes
    coverable = np.asarray(reach.any(axis=1), dtype=bool)
    ok: list[bool] = [bool(c) for c in coverable.tolist()]
    out_of_reach = float(
        sum(families[i] for (i, _, families), good in zip(demands, ok, strict=True) if not good)
    )
    chosen = np.zeros(0, dtype=np.int64)
    if coverable.any():
        # Count venues first; a thousandth of a venue per hour of staff travel breaks ties.
        cost = 1.0 + 1e-3 * staff_minutes[candidates] / 60.0
        picked = solve_set_cover(sp.csr_array(reach[coverable]), cost)
        chosen = candidates[picked]
        nearest = picked[np.argmin(minutes[np.ix_(np.flatnonzero(coverable), picked)], axis=1)]
        reachable = [d for d, good in zip(demands, ok, strict=True) if good]
        for (i, mode, _), venue in zip(reachable, nearest, strict=True):
            venue_of[mode][i] = candidates[venue]
    return VenueChoice(np.sort(chosen), venue_of["bus"], venue_of["car"], out_of_reach)
