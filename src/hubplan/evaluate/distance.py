"""Access as distance: straight-line km from each area to its nearest base, as the research measures it.

The IFS measures access to children's centres as living within 2.5 km of one, "pram-pushing
distance" (Carneiro et al. 2024; IFS 2025 synthesis; ``../shared/data/published_access_figures.csv``).
hubplan counts, beside its minutes, the children within ``[evaluation] access_km`` great-circle km of
a base, so its figures can be set beside the research's. Distance is measured in a straight line
from each area's position (its residential-postcode centroid for LSOAs) to the base, as the IFS
does from postcode centroids; routed road distance is not used here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hubplan.data.workspace import Workspace
from hubplan.evaluate.breakdowns import Breakdown
from hubplan.evaluate.metrics import GroupReach, group_reach
from hubplan.travel.geodesic import great_circle_matrix_km


@dataclass(frozen=True, eq=False)
class DistanceReach:
    """Who lives within ``access_km`` of a base, in a straight line.

    Parameters
    ----------
    access_km
        The distance that counts as access (km).
    nearest_km
        (n_areas,) great-circle km to the nearest base.
    nearest_site
        (n_areas,) position of that base among the sites.
    total
        Reach for everyone at the one threshold ``access_km`` (its ``mean_minutes`` and
        ``p90_minutes`` hold km here).
    groups
        Reach by breakdown, the same way.
    """

    access_km: float
    nearest_km: np.ndarray
    nearest_site: np.ndarray
    total: GroupReach
    groups: dict[str, GroupReach]


def nearest_km(workspace: Workspace, bases: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each area's great-circle km to its nearest base, and that base's site position.

    Parameters
    ----------
    workspace
        The workspace (area and site positions).
    bases
        Site positions of the bases (int).

    Returns
    -------
    tuple of numpy.ndarray
        (n_areas,) km (``inf`` without bases) and (n_areas,) site positions (-1 without bases).
    """
    bases = np.asarray(bases, dtype=np.int64)
    n = len(workspace.areas)
    if len(bases) == 0:
        return np.full(n, np.inf), np.full(n, -1, dtype=np.int64)
    origins = np.column_stack([workspace.areas.lat, workspace.areas.lon])
    sites = np.column_stack([workspace.sites.lat, workspace.sites.lon])[bases]
    km = great_circle_matrix_km(origins, sites)
    which = np.argmin(km, axis=1)
    return km[np.arange(n), which], bases[which]


def distance_reach(
    workspace: Workspace,
    bases: np.ndarray,
    *,
    breakdowns: list[Breakdown],
    baseline_bases: np.ndarray | None = None,
    access_km: float | None = None,
) -> DistanceReach:
    """Count those within ``access_km`` straight-line km of a base, in all and by group.

    Parameters
    ----------
    workspace
        The workspace.
    bases
        Site positions of the scenario's bases.
    breakdowns
        The groups to count by (:func:`hubplan.evaluate.breakdowns.area_breakdowns`).
    baseline_bases
        The baseline's bases, to count those who lose access (within before, not after).
    access_km
        The distance that counts (km); ``[evaluation] access_km`` when ``None``.

    Returns
    -------
    DistanceReach
        Nearest km and the counts.

    Examples
    --------
    Norfolk's 53 centres: 32,173 of its 47,149 children under five live within 2.5 km of one.

    >>> from hubplan.data import bundled_workspace_path, load_workspace
    >>> ws = load_workspace(bundled_workspace_path())
    >>> r = distance_reach(ws, ws.base_indices(ws.baseline), breakdowns=[])
    >>> r.access_km, int(r.total.within[0, 0]), int(r.total.families[0])
    (2.5, 32173, 47149)
    """
    km_limit = workspace.assumptions.evaluation.access_km if access_km is None else access_km
    thresholds = np.array([float(km_limit)])
    near, which = nearest_km(workspace, bases)
    before = nearest_km(workspace, baseline_bases)[0] if baseline_bases is not None else None
    families = np.asarray(workspace.areas.families, dtype=np.float64)[None, :]
    total = group_reach(near, families, ("all",), thresholds, baseline_minutes=before)
    groups = {
        b.name: group_reach(near, b.weights, b.labels, thresholds, baseline_minutes=before)
        for b in breakdowns
    }
    return DistanceReach(float(km_limit), near, which, total, groups)
