"""Reach: the share of an area's children the service saw in the year, by area and group, with intervals.

Reach is ``seen / children``: of the children under five (or families, the workspace's unit) living
in an area, those seen at least once in the year. It is computed by area and by deprivation decile
and quintile, rurality, district and band of travel minutes to the current network, each group with
a 95% Wilson score interval (Wilson 1927), which stays inside 0 to 1 and behaves where counts are
small, unlike the normal approximation. An area the usage table gives no row is no data, not 0%:
it counts as none seen in a group's totals (so a group's reach is then a floor), has no reach of
its own, gives its groups no interval and is left out of the slope on minutes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hubplan.data.assumptions import RURALITY_CLASSES
from hubplan.data.usage import Usage, load_usage
from hubplan.data.workspace import Workspace
from hubplan.evaluate.metrics import nearest_base
from hubplan.travel.matrix import TravelMatrix

Z_95 = 1.959963984540054
"""The standard normal quantile for a two-sided 95% interval."""

INTERVAL = "95% Wilson score interval"
"""How every reach interval is made, in words."""

GROUPINGS = ("deprivation_decile", "deprivation_quintile", "rurality", "district")
"""The groups reach is given for, in order."""


def wilson_interval(seen: float, children: float, *, z: float = Z_95) -> tuple[float, float] | None:
    """Return the Wilson score interval for a share ``seen / children``.

    With p = seen / children and n = children the interval is
    (p + z²/2n ± z √(p(1 - p)/n + z²/4n²)) / (1 + z²/n) (Wilson 1927).

    Parameters
    ----------
    seen
        Children seen (at most ``children``).
    children
        Children living there (more than 0).
    z
        The normal quantile (1.96 for 95%).

    Returns
    -------
    tuple of float or None
        (low, high) shares; ``None`` when there are no children or more seen than live there.

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(5, 10)]
    [0.2366, 0.7634]
    """
    if children <= 0 or seen > children + 1e-9 or seen < 0:
        return None
    p = seen / children
    z2n = z * z / children
    centre = (p + z2n / 2) / (1 + z2n)
    half = z * math.sqrt(p * (1 - p) / children + z2n / (4 * children)) / (1 + z2n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class ReachGroup:
    """Reach in one group of areas.

    Parameters
    ----------
    key
        The group's code ("1" for the most deprived decile, "rural_town", a district's name, "0-10").
    children
        Children (or families) living in the group's areas.
    registered, seen
        Of them, registered with the service, and seen in the year.
    areas
        How many areas the group has.
    without_row, areas_without_row
        Children (or families) in the group's areas that the usage table gives no row, and how
        many such areas: counted as none seen in ``seen``, but no data, not a measured 0.
    """

    key: str
    children: float
    registered: float
    seen: float
    areas: int
    without_row: float = 0.0
    areas_without_row: int = 0

    @property
    def no_data(self) -> bool:
        """Whether children live in the group but no area of it has a usage row."""
        return self.children > 0 and self.without_row >= self.children

    @property
    def reach(self) -> float | None:
        """``seen / children`` (``None`` with no children, or no usage row for any of its areas).

        Where only some areas have no row, they count as none seen: the reach is then a floor.
        """
        return self.seen / self.children if self.children > 0 and not self.no_data else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The reach's 95% Wilson score interval.

        ``None`` with no children, more seen than live there, or any area without a usage row (an
        interval would treat its unknown count as a measured 0).
        """
        if self.areas_without_row:
            return None
        return wilson_interval(self.seen, self.children)

    def to_dict(self) -> dict[str, Any]:
        """Return ``children``, ``seen`` and ``reach`` (the interface's three keys)."""
        return {"children": _num(self.children), "seen": _num(self.seen), "reach": self.reach}

    def detail(self) -> dict[str, Any]:
        """Return the rest: ``registered``, ``areas`` and the interval's ``low`` and ``high``."""
        low, high = self.interval or (None, None)
        return {
            "registered": _num(self.registered),
            "areas": self.areas,
            "low": low,
            "high": high,
            "areas_without_row": self.areas_without_row,
            "without_row": _num(self.without_row),
        }


@dataclass(frozen=True, eq=False)
class UsageReach:
    """Who the service sees against who lives there: by area, by group, and by travel minutes.

    Parameters
    ----------
    people
        What is counted: ``"children"`` or ``"families"`` (the workspace's unit).
    children, registered, seen
        (n_areas,) per area.
    total
        Every area together.
    groups
        Grouping (:data:`GROUPINGS`) to its groups, in order.
    most_deprived
        The most deprived fifth of areas (deprivation deciles 1 and 2); ``None`` when no decile is given.
    by_minutes
        Groups of areas by the access mode's minutes to the nearest base of ``minutes_scenario``
        (keys ``"0-10"``, ..., ``"45+"``, from the workspace's thresholds); empty without a baseline.
    minutes_mode, minutes_scenario
        Which minutes: the access mode, to the current network (the baseline scenario).
    slope_per_10_minutes
        The children-weighted least-squares slope of an area's reach on its minutes, in reach per 10
        minutes (negative: far areas use the service less); ``None`` without a baseline.
    area_minutes
        (n_areas,) those minutes (empty without a baseline).
    period, modelled, placed_by, file
        The usage's period(s) ('' when the file gives none), whether its counts are modelled, how rows
        were placed, its file.
    area_ids
        The areas' ids, in order.
    has_row
        (n_areas,) whether the usage gives the area a row (empty: every area has one).
    warnings
        Rows whose counts look wrong, kept as given (each naming its rows).
    notes
        What else a reader should know.
    """

    people: str
    children: np.ndarray
    registered: np.ndarray
    seen: np.ndarray
    total: ReachGroup
    groups: Mapping[str, tuple[ReachGroup, ...]]
    most_deprived: ReachGroup | None
    by_minutes: tuple[ReachGroup, ...]
    minutes_mode: str
    minutes_scenario: str | None
    slope_per_10_minutes: float | None
    area_minutes: np.ndarray
    period: str
    modelled: bool
    placed_by: str
    file: str
    area_ids: tuple[str, ...] = ()
    has_row: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def interval_name(self) -> str:
        """What the reach intervals are, in words (:data:`INTERVAL`)."""
        return INTERVAL

    @property
    def reach(self) -> np.ndarray:
        """(n_areas,) seen / children (NaN where an area has no children or no usage row)."""
        out: np.ndarray = np.divide(
            self.seen, self.children, out=np.full(len(self.seen), np.nan), where=self.children > 0
        )
        out[~self._rows()] = np.nan
        return out

    def most_not_seen(self, count: int = 10) -> np.ndarray:
        """Return the positions of the ``count`` areas with the most children not seen (children - seen).

        Parameters
        ----------
        count
            How many areas.

        Returns
        -------
        numpy.ndarray
            Area positions, most not seen first (ties in area order); areas without a usage row
            are left out (their count is unknown).
        """
        gap = np.maximum(self.children - self.seen, 0.0)
        gap[~self._rows()] = 0.0  # no row: not known to be unseen
        order = np.argsort(-gap, kind="stable")
        out: np.ndarray = order[: min(count, int((gap > 0).sum()))]
        return out

    @property
    def most_deprived_not_seen(self) -> float | None:
        """The share of the most deprived fifth's children not seen in the year (1 - its reach)."""
        if self.most_deprived is None or self.most_deprived.reach is None:
            return None
        return max(0.0, 1.0 - self.most_deprived.reach)

    def to_dict(self) -> dict[str, Any]:
        """Return the reach as JSON-ready data (what ``hubplan reach --json`` prints).

        Returns
        -------
        dict
            ``groups`` (grouping to key to ``{"children", "seen", "reach"}``), ``details`` (the same
            keys to ``registered``, ``areas`` and the interval's ``low``/``high``), ``total``,
            ``most_deprived_fifth``, ``by_minutes``, ``areas`` and the provenance (``unit``,
            ``period``, ``modelled``, ``placed_by``, ``interval``, ``warnings``, ``notes``).
        """
        not_seen = self.most_deprived_not_seen
        band = self.most_deprived.interval if self.most_deprived is not None else None
        return {
            "unit": self.people,
            "file": self.file,
            "period": self.period,
            "modelled": self.modelled,
            "placed_by": self.placed_by,
            "interval": INTERVAL,
            "total": self.total.to_dict() | self.total.detail(),
            "groups": {name: {g.key: g.to_dict() for g in gs} for name, gs in self.groups.items()},
            "details": {name: {g.key: g.detail() for g in gs} for name, gs in self.groups.items()},
            "most_deprived_fifth": None
            if self.most_deprived is None
            else self.most_deprived.to_dict()
            | {
                "not_seen_share": not_seen,
                "not_seen_low": None if band is None else 1 - band[1],
                "not_seen_high": None if band is None else 1 - band[0],
            },
            "by_minutes": {
                "mode": self.minutes_mode,
                "scenario": self.minutes_scenario,
                "bands": [{"band": g.key} | g.to_dict() | g.detail() for g in self.by_minutes],
                "slope_per_10_minutes": self.slope_per_10_minutes,
            },
            "areas": [
                {
                    "id": i,
                    "children": _num(c),
                    "registered": _num(r),
                    "seen": _num(s),
                    "reach": _or_none(x),
                    "has_row": bool(h),
                }
                for i, c, r, s, x, h in zip(
                    self.area_ids,
                    self.children,
                    self.registered,
                    self.seen,
                    self.reach,
                    self._rows(),
                    strict=True,
                )
            ],
            "warnings": list(self.warnings),
            "notes": list(self.notes),
        }

    def _rows(self) -> np.ndarray:
        """(n_areas,) whether each area has a usage row (all, when not recorded)."""
        return self.has_row if len(self.has_row) else np.ones(len(self.children), dtype=bool)


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(float(value), 6)


def _or_none(value: float) -> float | None:
    return None if not np.isfinite(value) else float(value)


def _group(
    key: str,
    mask: np.ndarray,
    *,
    children: np.ndarray,
    registered: np.ndarray,
    seen: np.ndarray,
    has_row: np.ndarray,
) -> ReachGroup:
    missing = mask & ~has_row & (children > 0)
    return ReachGroup(
        key=key,
        children=float(children[mask].sum()),
        registered=float(registered[mask].sum()),
        seen=float(seen[mask].sum()),
        areas=int(mask.sum()),
        without_row=float(children[missing].sum()),
        areas_without_row=int(missing.sum()),
    )


def reach_of_usage(workspace: Workspace, usage: Usage, travel: TravelMatrix | None = None) -> UsageReach:
    """Compute reach (seen / children) by area, group and travel minutes.

    Parameters
    ----------
    workspace
        The workspace: its areas' children (the demand), deciles, rurality and districts; its
        baseline scenario (the current network) for the minutes.
    usage
        Checked usage (:func:`hubplan.data.usage.read_usage`).
    travel
        Its travel matrices; without them (or without a baseline) reach is not split by minutes.

    Returns
    -------
    UsageReach
        Reach by area, deprivation decile and quintile, rurality, district and band of minutes,
        each group with its 95% Wilson score interval.
    """
    areas = workspace.areas
    children = np.asarray(areas.families, dtype=np.float64)
    registered, seen = usage.registered_by_area, usage.seen_by_area
    has_row = usage.has_row
    notes = list(usage.notes)

    def group(key: str, mask: np.ndarray) -> ReachGroup:
        return _group(key, mask, children=children, registered=registered, seen=seen, has_row=has_row)

    decile = np.asarray(areas.deprivation_decile)
    groups: dict[str, tuple[ReachGroup, ...]] = {}
    most_deprived = None
    if (decile > 0).any():
        groups["deprivation_decile"] = tuple(group(str(d), decile == d) for d in range(1, 11))
        quintile = np.where(decile > 0, (decile + 1) // 2, 0)
        groups["deprivation_quintile"] = tuple(group(str(q), quintile == q) for q in range(1, 6))
        most_deprived = group("1", quintile == 1)
        if (decile == 0).any():
            notes.append(
                f"{int((decile == 0).sum())} areas have no deprivation decile and are in no decile group"
            )
    rurality = areas.rurality.astype(str)
    if (rurality != "").any():
        groups["rurality"] = tuple(group(c, rurality == c) for c in RURALITY_CLASSES if (rurality == c).any())
    district = areas.district.astype(str)
    found = sorted(set(district.tolist()))
    order = [d for d in workspace.assumptions.region.districts if d in found] + [
        d for d in found if d not in workspace.assumptions.region.districts
    ]
    groups["district"] = tuple(group(d, district == d) for d in order)

    baseline = workspace.baseline
    mode = workspace.assumptions.evaluation.access_mode
    by_minutes: tuple[ReachGroup, ...] = ()
    slope = None
    minutes = np.zeros(0)
    if travel is not None and baseline is not None and baseline.bases:
        minutes = nearest_base(travel.minutes[mode], workspace.base_indices(baseline))[0]
        edges = sorted(workspace.assumptions.evaluation.thresholds_minutes)
        band = np.searchsorted(edges, minutes, side="left")
        keys = [
            f"0-{edges[0]:g}",
            *(f"{a:g}-{b:g}" for a, b in itertools.pairwise(edges)),
            f"{edges[-1]:g}+",
        ]
        by_minutes = tuple(group(k, band == b) for b, k in enumerate(keys))
        slope = _slope(  # an area without a usage row has no reach to fit: weight 0
            minutes,
            np.divide(seen, children, out=np.zeros_like(seen), where=children > 0),
            np.where(has_row, children, 0.0),
        )
    elif baseline is None:
        notes.append("no current network ([evaluation] baseline): reach is not shown against travel time")
    warnings = tuple(str(w) for w in usage.warnings)
    return UsageReach(
        people=areas.people,
        children=children,
        registered=registered,
        seen=seen,
        total=group("all", np.ones(len(children), dtype=bool)),
        groups=groups,
        most_deprived=most_deprived,
        by_minutes=by_minutes,
        minutes_mode=mode,
        minutes_scenario=baseline.name if baseline is not None else None,
        slope_per_10_minutes=slope,
        area_minutes=minutes,
        period=", ".join(p for p in usage.periods if p),
        modelled=usage.is_modelled,
        placed_by=usage.placed_by,
        file=usage.file,
        warnings=warnings,
        notes=tuple(notes),
        area_ids=areas.ids,
        has_row=has_row,
    )


def workspace_reach(workspace: Workspace, travel: TravelMatrix | None = None) -> UsageReach | None:
    """Return the reach of the workspace's own usage (``usage.csv``), or ``None`` when it has none.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices (for reach against travel time).

    Returns
    -------
    UsageReach or None
        As :func:`reach_of_usage`.
    """
    usage = load_usage(workspace)
    return None if usage is None else reach_of_usage(workspace, usage, travel)


def _slope(minutes: np.ndarray, reach: np.ndarray, weights: np.ndarray) -> float | None:
    """Return the weighted least-squares slope of reach on minutes, per 10 minutes."""
    ok = np.isfinite(minutes) & (weights > 0)
    if ok.sum() < 2:
        return None
    x, y, w = minutes[ok], reach[ok], weights[ok]
    mx, my = np.average(x, weights=w), np.average(y, weights=w)
    var = float(np.sum(w * (x - mx) ** 2))
    if var <= 0:
        return None
    return 10.0 * float(np.sum(w * (x - mx) * (y - my))) / var
