"""90% intervals for the figures a report states: each plan re-evaluated under draws of its inputs.

The report's figures (children within reach, beyond it, losing access; by mode and by group) rest on
estimates with known error: each area's count of children (ONS) and, when they are estimated, the
car and bus models' minutes. This module draws them (:mod:`hubplan.evaluate.uncertainty`: a mean-1
log-normal demand factor per area, a median-1 log-normal car factor per area applied to all its
trips, and a median-1 log-normal bus factor per area whose spread follows the trip's distance band)
and re-evaluates each scenario's bases (it does not re-solve them) under every draw. Every
scenario, and the baseline it is compared with, sees the same draws (common random numbers), so a
difference between two plans is not noise. An interval is the 5th to the 95th percentile of a figure
over the draws.

What is not drawn: walk minutes (no measured error), routed or imported minutes, the bases
themselves and the thresholds. A mode's figure whose interval is wider from the travel error alone
than from the demand error alone is flagged (:attr:`ModeIntervals.travel_dominated`), so a report
can say that its range comes mostly from the travel model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hubplan.data.assumptions import UncertaintySettings
from hubplan.data.workspace import Workspace
from hubplan.evaluate.breakdowns import area_breakdowns
from hubplan.evaluate.evaluation import Evaluation
from hubplan.evaluate.measure import drawn_figures
from hubplan.evaluate.metrics import nearest_base
from hubplan.evaluate.uncertainty import MinuteDraws
from hubplan.travel.matrix import TravelMatrix

TOTAL = "all"
"""The name and only label of the one group holding every area."""

RURAL = "rural"
"""The name and only label of a group holding every area not urban (rural towns and villages, and
areas with no class), as the report's sentences count them together."""


@dataclass(frozen=True, eq=False)
class Band:
    """The 5th and 95th percentiles of a figure over the draws.

    Parameters
    ----------
    low, high
        Arrays of the figure's shape (e.g. groups × thresholds), in the figure's unit.
    """

    low: np.ndarray
    high: np.ndarray

    def at(self, *index: int) -> tuple[float, float]:
        """Return ``(low, high)`` at one position, e.g. ``band.at(g, i)``."""
        return float(self.low[index]), float(self.high[index])


@dataclass(frozen=True, eq=False)
class ReachIntervals:
    """Intervals for one breakdown's groups, positioned as :class:`hubplan.evaluate.metrics.GroupReach`.

    Parameters
    ----------
    labels
        One label per group (as the evaluation's).
    families
        (groups,) children (or families) in each group.
    within
        (groups, thresholds) those whose nearest base is within each threshold.
    within_share
        (groups, thresholds) ``within`` as a share of the group (0 to 1; NaN for an empty group).
    beyond
        (groups, thresholds) those further than each threshold.
    lose
        (groups, thresholds) those within a threshold of the baseline's bases and not of the
        scenario's; ``None`` with no baseline.
    """

    labels: tuple[str, ...]
    families: Band
    within: Band
    within_share: Band
    beyond: Band
    lose: Band | None


@dataclass(frozen=True, eq=False)
class ModeIntervals:
    """Intervals for one mode.

    Parameters
    ----------
    mode
        ``"walk"``, ``"car"`` or ``"bus"``.
    drawn
        Whether this mode's minutes were drawn (estimated car or bus minutes) or held (only demand).
    total
        Every area as one group (label ``"all"``).
    groups
        Breakdown name to its groups' intervals; with rurality, also :data:`RURAL` (every area not
        urban, as one group).
    travel_dominated
        One flag per threshold: whether the share of all areas within it varies more under the
        travel error alone than under the demand error alone (its 90% interval is wider), so the
        interval is mostly the travel model's; all ``False`` when minutes are not drawn.
    """

    mode: str
    drawn: bool
    total: ReachIntervals
    groups: dict[str, ReachIntervals]
    travel_dominated: tuple[bool, ...] = ()


@dataclass(frozen=True, eq=False)
class ScenarioIntervals:
    """A scenario's 90% intervals.

    Parameters
    ----------
    scenario
        The scenario's name.
    thresholds
        Minutes, as the evaluation's.
    modes
        Mode to its intervals.
    draws
        Draws behind each interval.
    seed
        The draws' seed.
    demand_cv
        Coefficient of variation of each area's demand factor.
    car_median_abs_error
        Median absolute relative error of the car factor (applied only to estimated car minutes).
    bus_median_abs_error
        Median absolute relative error of the bus factor by km band (applied only to estimated bus
        minutes); empty when bus minutes are not drawn.
    """

    scenario: str
    thresholds: tuple[float, ...]
    modes: dict[str, ModeIntervals]
    draws: int
    seed: int
    demand_cv: float
    car_median_abs_error: float
    bus_median_abs_error: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the intervals as plain JSON-ready data (NaN becomes ``None``).

        Returns
        -------
        dict
            ``draws``, ``seed``, ``demand_cv``, ``car_median_abs_error``, ``bus_median_abs_error``,
            ``quantiles`` and ``modes`` -> mode -> ``drawn``, ``travel_dominated`` (threshold -> flag)
            and the figures of :meth:`hubplan.evaluate.evaluation.Evaluation.to_dict`
            as ``[low, high]`` pairs: ``families``, ``within``, ``within_share``, ``beyond`` and
            ``lose_access`` (threshold -> pair), and ``by`` (breakdown -> group -> the same).
        """
        from hubplan.evaluate.uncertainty import INTERVAL

        keys = [f"{t:g}" for t in self.thresholds]

        def pair(band: Band, *index: int) -> list[float | None]:
            return [_num(x) for x in band.at(*index)]

        def reach(r: ReachIntervals, g: int) -> dict[str, Any]:
            out: dict[str, Any] = {
                "families": pair(r.families, g),
                "within": {k: pair(r.within, g, i) for i, k in enumerate(keys)},
                "within_share": {k: pair(r.within_share, g, i) for i, k in enumerate(keys)},
                "beyond": {k: pair(r.beyond, g, i) for i, k in enumerate(keys)},
            }
            if r.lose is not None:
                out["lose_access"] = {k: pair(r.lose, g, i) for i, k in enumerate(keys)}
            return out

        return {
            "draws": self.draws,
            "seed": self.seed,
            "demand_cv": self.demand_cv,
            "car_median_abs_error": self.car_median_abs_error,
            "bus_median_abs_error": dict(self.bus_median_abs_error),
            "quantiles": list(INTERVAL),
            "modes": {
                name: {
                    "drawn": m.drawn,
                    "travel_dominated": {k: bool(f) for k, f in zip(keys, m.travel_dominated, strict=False)},
                    **reach(m.total, 0),
                    "by": {
                        b: {label: reach(r, g) for g, label in enumerate(r.labels)}
                        for b, r in m.groups.items()
                    },
                }
                for name, m in self.modes.items()
            },
        }


def _num(x: float) -> float | None:
    return round(x, 4) if np.isfinite(x) else None


def resolved_errors(settings: UncertaintySettings) -> tuple[float, float]:
    """Return the demand CV and car error to draw with (the settings', whose defaults are documented).

    Parameters
    ----------
    settings
        The workspace's ``[uncertainty]`` settings.

    Returns
    -------
    tuple of float
        ``(demand_cv, car_median_abs_error)``, both as fractions (0.1 is 10%).
    """
    return float(settings.demand_cv), float(settings.car_median_abs_error)


def draw_factors(
    n_areas: int, draws: int, *, seed: int, demand_cv: float, car_median_abs_error: float
) -> tuple[np.ndarray, np.ndarray]:
    """Draw every area's demand and car factors, draw by draw, as a sweep draws them.

    Each draw takes the demand factors then the car factors from one generator seeded with ``seed``
    (:func:`hubplan.evaluate.uncertainty.draw_demand`,
    :func:`~hubplan.evaluate.uncertainty.draw_car_factors`),
    the order :func:`hubplan.scale.sweep.sweep_point` uses.

    Parameters
    ----------
    n_areas
        Areas.
    draws
        Draws.
    seed
        The generator's seed.
    demand_cv
        Coefficient of variation of the demand factors.
    car_median_abs_error
        Median absolute relative error of the car factors.

    Returns
    -------
    tuple of numpy.ndarray
        (draws, n_areas) demand factors (mean 1) and car factors (median 1).
    """
    from hubplan.evaluate.uncertainty import draw_car_factors, draw_demand

    rng = np.random.default_rng(seed)
    demand = np.empty((draws, n_areas))
    car = np.empty((draws, n_areas))
    ones = np.ones(n_areas)
    for d in range(draws):
        demand[d] = draw_demand(ones, rng, cv=demand_cv)
        car[d] = draw_car_factors(n_areas, rng, median_abs_error=car_median_abs_error)
    return demand, car


@dataclass(frozen=True, eq=False)
class InputDraws:
    """What the inputs could have been: the draws every interval of one analysis shares.

    Parameters
    ----------
    demand
        (draws, n_areas) mean-1 factors on each area's children.
    car
        (draws, n_areas) median-1 factors on each area's car minutes, or ``None`` when car minutes
        are not drawn (routed or imported, or no error).
    seed
        The generator's seed.
    demand_cv, car_median_abs_error
        The errors drawn with (fractions).
    bus
        The bus minutes' draws, or ``None`` when bus minutes are not drawn (routed or imported, or
        no error).
    bus_median_abs_error
        The bus error by km band drawn with (empty when not drawn).
    """

    demand: np.ndarray
    car: np.ndarray | None
    seed: int
    demand_cv: float
    car_median_abs_error: float
    bus: MinuteDraws | None = None
    bus_median_abs_error: dict[str, float] = field(default_factory=dict)

    def factors(self, mode: str) -> np.ndarray | MinuteDraws | None:
        """Return what a mode's minutes are drawn with: car factors, bus draws, or ``None`` (held)."""
        return self.car if mode == "car" else self.bus if mode == "bus" else None

    @property
    def count(self) -> int:
        """Draws."""
        return len(self.demand)


def input_draws(
    workspace: Workspace, travel: TravelMatrix, settings: UncertaintySettings | None = None
) -> InputDraws | None:
    """Draw the inputs once for a whole analysis (``[uncertainty]``, or ``settings``).

    Parameters
    ----------
    workspace
        The workspace (its areas and ``[uncertainty]``).
    travel
        Its travel matrices: car and bus minutes are drawn only when estimated
        (:func:`hubplan.evaluate.uncertainty.drawn_car_error`).
    settings
        Draws, seed and errors; the workspace's ``[uncertainty]`` when ``None``.

    Returns
    -------
    InputDraws or None
        ``None`` when ``draws`` is 0.
    """
    from hubplan.evaluate.uncertainty import BusError, draw_bus, drawn_car_error

    settings = settings or workspace.assumptions.uncertainty
    if settings.draws == 0:
        return None
    cv, error = resolved_errors(settings)
    demand, car = draw_factors(
        len(workspace.areas.ids), settings.draws, seed=settings.seed, demand_cv=cv, car_median_abs_error=error
    )
    bus = None
    if travel.sources.get("bus", "estimated") == "estimated":
        bus_error = BusError.of(workspace.assumptions.travel.bus, settings.bus_median_abs_error)
        bus = draw_bus(len(workspace.areas.ids), settings.draws, seed=settings.seed, error=bus_error)
    return InputDraws(
        demand=demand,
        car=car if drawn_car_error(travel.sources, error) > 0 else None,
        seed=settings.seed,
        demand_cv=cv,
        car_median_abs_error=error,
        bus=bus,
        bus_median_abs_error=dict(settings.bus_median_abs_error) if bus is not None else {},
    )


def scenario_intervals(
    workspace: Workspace,
    travel: TravelMatrix,
    evaluations: Sequence[Evaluation],
    *,
    settings: UncertaintySettings | None = None,
    draws: InputDraws | None = None,
) -> dict[str, ScenarioIntervals]:
    """Re-evaluate each scenario's bases under draws of demand, car and bus minutes; return 90% intervals.

    For draw ``d`` with demand factors ``f`` and car factors ``c`` (one per area), an area's children
    are ``families * f`` and its minutes to its nearest base are ``nearest * c`` by car (when the
    car minutes are estimated); by bus (when estimated) ``nearest * exp(z * sigma)`` with ``z`` the
    area's draw and ``sigma`` the band of that trip; walk minutes are held. The baseline's minutes
    take the same factors (the bus one by its own trip's band). The figures of
    :func:`hubplan.evaluate.metrics.group_reach` are recomputed from these, and each interval is
    their 5th to 95th percentile over the draws (``numpy.quantile``, linear).

    Parameters
    ----------
    workspace
        The workspace (its areas, breakdowns and, unless ``settings`` is given, ``[uncertainty]``).
    travel
        Its travel matrices (the baseline's minutes are taken from them).
    evaluations
        The scenarios' evaluations.
    settings
        Draws, seed and errors; the workspace's ``[uncertainty]`` when ``None``.
    draws
        The draws, when the caller has made them (:func:`input_draws`); made from ``settings``
        otherwise.

    Returns
    -------
    dict
        Scenario name to its intervals; empty when ``draws`` is 0.
    """
    from hubplan.evaluate.uncertainty import INTERVAL

    draws = draws or input_draws(workspace, travel, settings)
    if draws is None or not evaluations:
        return {}
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    breakdowns = area_breakdowns(workspace.areas, workspace.assumptions.region.districts)
    blocks = [(TOTAL, (TOTAL,), families[None, :])] + [(b.name, b.labels, b.weights) for b in breakdowns]
    rurality = next((b for b in breakdowns if b.name == "rurality"), None)
    if rurality is not None:
        rural = [label != "urban" for label in rurality.labels]
        blocks.append((RURAL, (RURAL,), rurality.weights[np.array(rural)].sum(axis=0, keepdims=True)))
    weights = np.vstack([w for _, _, w in blocks])
    spans = np.cumsum([0] + [len(labels) for _, labels, _ in blocks])
    quantiles = np.asarray(INTERVAL)

    baseline_minutes: dict[tuple[str, str], np.ndarray] = {}

    def before(name: str, mode: str) -> np.ndarray:
        if (name, mode) not in baseline_minutes:
            known = next((ev for ev in evaluations if ev.scenario.name == name), None)
            if known is not None:
                minutes = known.modes[mode].nearest_minutes
            else:
                scenario = workspace.scenario(name)
                minutes = nearest_base(travel.minutes[mode], workspace.base_indices(scenario))[0]
            baseline_minutes[name, mode] = minutes
        return baseline_minutes[name, mode]

    out = {}
    for ev in evaluations:
        thresholds = np.asarray(ev.thresholds, dtype=np.float64)
        modes = {}
        for mode, m in ev.modes.items():
            car = draws.factors(mode)
            base = before(ev.baseline, mode) if ev.baseline else None
            figures = drawn_figures(
                m.nearest_minutes,
                base,
                weights=weights,
                thresholds=thresholds,
                demand=draws.demand,
                car=car,
            )
            dominated = _travel_dominated(
                m.nearest_minutes, families, thresholds, demand=draws.demand, travel=car, quantiles=quantiles
            )
            bands = {k: _band(v, quantiles) for k, v in figures.items()}
            reach = [
                ReachIntervals(
                    labels=labels,
                    families=Band(bands["families"].low[a:b], bands["families"].high[a:b]),
                    within=Band(bands["within"].low[a:b], bands["within"].high[a:b]),
                    within_share=Band(bands["within_share"].low[a:b], bands["within_share"].high[a:b]),
                    beyond=Band(bands["beyond"].low[a:b], bands["beyond"].high[a:b]),
                    lose=Band(bands["lose"].low[a:b], bands["lose"].high[a:b]) if "lose" in bands else None,
                )
                for (_, labels, _), a, b in zip(blocks, spans[:-1], spans[1:], strict=True)
            ]
            groups = {name: r for (name, _, _), r in zip(blocks[1:], reach[1:], strict=True)}
            modes[mode] = ModeIntervals(
                mode=mode, drawn=car is not None, total=reach[0], groups=groups, travel_dominated=dominated
            )
        out[ev.scenario.name] = ScenarioIntervals(
            scenario=ev.scenario.name,
            thresholds=ev.thresholds,
            modes=modes,
            draws=draws.count,
            seed=draws.seed,
            demand_cv=draws.demand_cv,
            car_median_abs_error=draws.car_median_abs_error,
            bus_median_abs_error=dict(draws.bus_median_abs_error),
        )
    return out


def _travel_dominated(
    nearest: np.ndarray,
    families: np.ndarray,
    thresholds: np.ndarray,
    *,
    demand: np.ndarray,
    travel: np.ndarray | MinuteDraws | None,
    quantiles: np.ndarray,
) -> tuple[bool, ...]:
    """Whether, at each threshold, the share within varies more under travel error than demand error."""
    if travel is None:
        return (False,) * len(thresholds)
    weights = families[None, :]
    kwargs = {"weights": weights, "thresholds": thresholds}
    demand_only = _band(
        drawn_figures(nearest, None, demand=demand, car=None, **kwargs)["within_share"], quantiles
    )
    travel_only = _band(
        drawn_figures(nearest, None, demand=np.ones_like(demand), car=travel, **kwargs)["within_share"],
        quantiles,
    )
    width_demand = demand_only.high[0] - demand_only.low[0]
    width_travel = travel_only.high[0] - travel_only.low[0]
    return tuple(bool(t > d) for t, d in zip(width_travel, width_demand, strict=True))


def share_within_interval(
    nearest: np.ndarray,
    families: np.ndarray,
    minutes: float,
    *,
    demand: np.ndarray,
    car: np.ndarray | MinuteDraws | None,
) -> tuple[float, float]:
    """Return the 90% interval of the share of families within ``minutes`` of a plan's bases.

    Parameters
    ----------
    nearest
        (n_areas,) minutes from each area to its nearest base.
    families
        (n_areas,) children (or families) per area, as estimated.
    minutes
        The threshold, minutes.
    demand, car
        (draws, n_areas) factors from :func:`draw_factors`; ``car`` is the mode's minute draws
        (:meth:`InputDraws.factors`: car factors or bus draws), ``None`` when they are held.

    Returns
    -------
    tuple of float
        The share's 5th and 95th percentiles over the draws (fractions).
    """
    from hubplan.evaluate.uncertainty import INTERVAL

    figures = drawn_figures(
        np.asarray(nearest, dtype=np.float64),
        None,
        weights=np.asarray(families, dtype=np.float64)[None, :],
        thresholds=np.array([float(minutes)]),
        demand=demand,
        car=car,
    )
    return _band(figures["within_share"], np.asarray(INTERVAL)).at(0, 0)


def _band(values: np.ndarray, quantiles: np.ndarray) -> Band:
    with np.errstate(invalid="ignore"):  # an empty group's share is NaN in every draw, and stays NaN
        low, high = np.quantile(values, quantiles, axis=0)
    return Band(low, high)
