"""The groups evaluation reports: district, deprivation quintile, rurality and car access."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hubplan.data.assumptions import RURALITY_CLASSES
from hubplan.data.workspace import Areas

QUINTILE_LABELS = ("1 (most deprived)", "2", "3", "4", "5 (least deprived)")
"""Deprivation quintiles: deciles 1-2 are quintile 1, and so on."""


@dataclass(frozen=True, eq=False)
class Breakdown:
    """A way of splitting families into groups.

    Parameters
    ----------
    name
        ``"district"``, ``"deprivation_quintile"``, ``"rurality"`` or ``"car_access"``.
    labels
        One label per group.
    weights
        (groups, n_areas) families of each group in each area.
    """

    name: str
    labels: tuple[str, ...]
    weights: np.ndarray


def _by_code(name: str, values: np.ndarray, labels: tuple[str, ...], families: np.ndarray) -> Breakdown:
    weights = np.zeros((len(labels), len(values)))
    for g, label in enumerate(labels):
        weights[g] = np.where(values == label, families, 0.0)
    return Breakdown(name, labels, weights)


def area_breakdowns(areas: Areas, districts: tuple[str, ...] = ()) -> list[Breakdown]:
    """Return every breakdown the areas' columns allow.

    Parameters
    ----------
    areas
        The areas; a breakdown is left out when its column is empty for every area.
    districts
        The districts in the order to show them (default: sorted as found).

    Returns
    -------
    list of Breakdown
        District always; deprivation quintile, rurality and car access when given. Areas with no
        value for a column form an ``"not given"`` group.
    """
    families = np.asarray(areas.families, dtype=np.float64)
    found = tuple(sorted({str(d) for d in areas.district}))
    order = tuple(d for d in districts if d in found) + tuple(d for d in found if d not in districts)
    out = [_by_code("district", areas.district.astype(str), order, families)]

    decile = np.asarray(areas.deprivation_decile)
    if (decile > 0).any():
        quintile = np.where(decile > 0, (decile + 1) // 2, 0)
        labels = QUINTILE_LABELS + (("not given",) if (quintile == 0).any() else ())
        codes = np.array([QUINTILE_LABELS[q - 1] if q > 0 else "not given" for q in quintile], dtype=object)
        out.append(_by_code("deprivation_quintile", codes, labels, families))

    rurality = areas.rurality.astype(str)
    if (rurality != "").any():
        present = tuple(c for c in RURALITY_CLASSES if (rurality == c).any())
        labels = present + (("not given",) if (rurality == "").any() else ())
        out.append(_by_code("rurality", np.where(rurality == "", "not given", rurality), labels, families))

    share = np.asarray(areas.no_car_share, dtype=np.float64)
    if np.isfinite(share).any():
        share = np.where(np.isfinite(share), share, 0.0)
        out.append(
            Breakdown("car_access", ("no car", "car"), np.vstack([families * share, families * (1 - share)]))
        )
    return out
