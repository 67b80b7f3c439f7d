"""Who needs outreach: families farther than the threshold from every base by the mode they can use."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hubplan.data.workspace import Workspace
from hubplan.evaluate.metrics import nearest_base
from hubplan.travel.matrix import TravelMatrix


@dataclass(frozen=True, eq=False)
class Need:
    """Each area's families, split by car access, and those a base does not reach.

    Families without a car count by bus (which walks where that is quicker); families with a car by
    car. The split comes from the area's ``no_car_share`` (all with a car when it is not given).

    Parameters
    ----------
    threshold_minutes
        Farther than this from every base needs outreach.
    no_car, car
        (n_areas,) families without and with a car.
    base_no_car, base_car
        (n_areas,) of them within the threshold of a base.
    """

    threshold_minutes: float
    no_car: np.ndarray
    car: np.ndarray
    base_no_car: np.ndarray
    base_car: np.ndarray

    @property
    def needy_no_car(self) -> np.ndarray:
        """Families without a car beyond the threshold, per area."""
        out: np.ndarray = self.no_car - self.base_no_car
        return out

    @property
    def needy_car(self) -> np.ndarray:
        """Families with a car beyond the threshold, per area."""
        out: np.ndarray = self.car - self.base_car
        return out

    @property
    def needy(self) -> np.ndarray:
        """All families beyond the threshold, per area."""
        out: np.ndarray = self.needy_no_car + self.needy_car
        return out


def outreach_need(
    workspace: Workspace, travel: TravelMatrix, bases: np.ndarray, threshold_minutes: float
) -> Need:
    """Return which families a scenario's bases reach within the threshold and which need outreach.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices (``bus`` and ``car``).
    bases
        Positions of the bases.
    threshold_minutes
        Minutes.

    Returns
    -------
    Need
        Per area, by car access.
    """
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    share = np.nan_to_num(np.asarray(workspace.areas.no_car_share, dtype=np.float64), nan=0.0)
    no_car, car = families * share, families * (1 - share)
    by_bus = nearest_base(travel.minutes["bus"], bases)[0] <= threshold_minutes
    by_car = nearest_base(travel.minutes["car"], bases)[0] <= threshold_minutes
    return Need(threshold_minutes, no_car, car, np.where(by_bus, no_car, 0.0), np.where(by_car, car, 0.0))
