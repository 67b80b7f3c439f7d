"""Sweep one workspace's what-ifs on Dask: a plan per combination of settings, with Monte Carlo intervals.

A sweep point is one combination of a number of bases **or** a budget, a rule set, a travel
assumption (car and bus speeds) and an access threshold; the points are their cartesian product.
Each point is one task: solve the p-median under the point's rules with the optimiser's own engine
(:func:`hubplan.optimise.solve_instance`), measure the plan, then re-evaluate that plan (not
re-solve it) under draws of the inputs (:mod:`hubplan.evaluate.uncertainty`). Every point uses the
same draws (common random numbers), so differences between points are not noise. A point whose
rules cannot hold (a budget below the cheapest plan, a deprived-area maximum no site meets) is a
row with its error. The arrays a point needs are built once (:mod:`hubplan.scale.sweep_inputs`)
and scattered to the workers once, not pickled into every task.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from hubplan.errors import HubplanError, InfeasibleError
from hubplan.evaluate.measure import drawn_figures, nearest_minutes
from hubplan.evaluate.uncertainty import (
    CAR_MEDIAN_ABS_ERROR,
    DEMAND_CV,
    INTERVAL,
    BusError,
    MinuteDraws,
    draw_bus,
    draw_car_factors,
    draw_demand,
)
from hubplan.optimise.rules import Budget, Rules, check_rules
from hubplan.scale.engine import ProgressCallback, RunSummary, Task, run_tasks

TABLE = "sweep.parquet"
"""The file name of the sweep's table inside the output folder."""

KEY = "point"
"""The table's key column: the point's settings in words, unique in a sweep."""

SETTINGS = ("bases", "budget", "rules", "car_kph", "bus_kph", "threshold_minutes")
"""The columns that say which point a row is: bases asked (or opened under a budget; 0 when a
budget point failed), budget (£ a year; ``nan`` for a point that fixes the bases), the rule set
(``;``-joined ``NAME=VALUE`` texts, ``""`` for none), the car and bus speeds (km/h; ``nan`` where
the workspace's minutes for that mode are routed or imported) and the access threshold (minutes)."""

METRICS = (
    "within_car",
    "within_bus",
    "deprived_within_car",
    "deprived_within_bus",
    "losing_car",
    "losing_bus",
)
"""Per plan: shares of children within the threshold by car and bus (all, and the most deprived
fifth), and children who lose access by car and bus (within it with the baseline's bases, not with
the plan's)."""

MakeRules = Callable[[tuple[str, ...], "TravelInputs"], Rules]
"""Builds a rule set's :class:`~hubplan.optimise.rules.Rules` (without a count or budget) under
one travel assumption; raises :class:`~hubplan.errors.InfeasibleError` when it cannot hold."""


@dataclass(frozen=True, eq=False)
class SweepInputs:
    """The workspace's arrays that every point shares.

    Parameters
    ----------
    weights
        (n_areas,) children (or families) per area: what is measured and drawn.
    need_weights
        (n_areas,) the optimiser's weights (families times the need weight of their decile).
    deprived
        (n_areas,) True for areas in the most deprived fifth (deciles 1-2).
    site_ids
        Every site's id, in column order.
    site_cost
        (n_sites,) each site's cost as a base (£ a year).
    context
        A digest of what else the rules depend on (the workspace's sites, areas and settings).
    """

    weights: np.ndarray
    need_weights: np.ndarray
    deprived: np.ndarray
    site_ids: tuple[str, ...]
    site_cost: np.ndarray
    context: str = ""

    def digest(self) -> str:
        """Return a SHA-256 of every array and the context (hex)."""
        h = hashlib.sha256(self.context.encode())
        for array in (self.weights, self.need_weights, self.site_cost):
            h.update(np.ascontiguousarray(array, dtype=np.float64).tobytes())
        h.update(np.ascontiguousarray(self.deprived, dtype=bool).tobytes())
        h.update("\n".join(self.site_ids).encode())
        return h.hexdigest()


@dataclass(frozen=True, eq=False)
class TravelInputs:
    """Minutes under one travel assumption.

    Parameters
    ----------
    car_kph, bus_kph
        The speeds the minutes were estimated with (km/h; ``nan`` for routed or imported minutes).
    minutes
        ``car`` and ``bus`` to (n_areas, n_sites) minutes.
    baseline_minutes
        ``car`` and ``bus`` to (n_areas,) minutes to the nearest of the baseline's bases (the sites
        open now), against which access is lost.
    """

    car_kph: float
    bus_kph: float
    minutes: dict[str, np.ndarray]
    baseline_minutes: dict[str, np.ndarray]

    def digest(self) -> str:
        """Return a SHA-256 of every array (hex)."""
        h = hashlib.sha256(f"{self.car_kph!r} {self.bus_kph!r}".encode())
        for mode in sorted(self.minutes):
            h.update(mode.encode())
            h.update(np.ascontiguousarray(self.minutes[mode], dtype=np.float32).tobytes())
        for mode in sorted(self.baseline_minutes):
            h.update(np.ascontiguousarray(self.baseline_minutes[mode], dtype=np.float64).tobytes())
        return h.hexdigest()


@dataclass(frozen=True)
class SweepOptions:
    """How each point is solved and drawn (the same for every point).

    Parameters
    ----------
    mode
        The mode whose weighted minutes the p-median minimises.
    draws
        Monte Carlo draws per point (0 for none).
    demand_cv
        Coefficient of variation of each area's children.
    car_median_abs_error
        Median absolute relative error of the car minutes.
    bus_band_minutes, bus_median_abs_error
        The bus error by band (:class:`hubplan.evaluate.uncertainty.BusError`): the bands' upper
        edges in minutes and each band's median absolute relative error; empty: bus not drawn.
    method
        ``"heuristic"`` or ``"exact"``.
    seed
        Seeds the heuristic and the draws.
    """

    mode: str = "bus"
    draws: int = 200
    demand_cv: float = DEMAND_CV
    car_median_abs_error: float = CAR_MEDIAN_ABS_ERROR
    bus_band_minutes: tuple[float, ...] = ()
    bus_median_abs_error: tuple[float, ...] = ()
    method: str = "heuristic"
    seed: int = 0


@dataclass(frozen=True)
class Point:
    """One sweep point's settings.

    Parameters
    ----------
    bases
        Exactly this many bases (``None`` when a budget decides).
    budget
        At most this a year on bases (£; ``None`` when the bases are fixed).
    rules
        ``NAME=VALUE`` rule texts, as ``hubplan optimise --rule`` takes them.
    car_kph, bus_kph
        The travel assumption's speeds (km/h; ``nan`` for routed or imported minutes).
    threshold_minutes
        Minutes that count as within reach.
    """

    bases: int | None
    budget: float | None
    rules: tuple[str, ...]
    car_kph: float
    bus_kph: float
    threshold_minutes: float

    @property
    def key(self) -> str:
        """Return the point in words, e.g. ``bases=5 rules=none car=78.2 bus=25 threshold=30``."""
        size = f"bases={self.bases}" if self.bases is not None else f"budget={self.budget:.10g}"
        return (
            f"{size} rules={rule_label(self.rules) or 'none'} car={self.car_kph:.10g} "
            f"bus={self.bus_kph:.10g} threshold={self.threshold_minutes:.10g}"
        )

    def columns(self) -> dict[str, Any]:
        """Return the row's setting columns (:data:`SETTINGS`) and its key."""
        return {
            KEY: self.key,
            "bases": int(self.bases or 0),
            "budget": math.nan if self.budget is None else float(self.budget),
            "rules": rule_label(self.rules),
            "car_kph": float(self.car_kph),
            "bus_kph": float(self.bus_kph),
            "threshold_minutes": float(self.threshold_minutes),
        }


def rule_label(rules: Sequence[str]) -> str:
    """Return a rule set as one text: its rules joined by ``;`` (``""`` for none)."""
    return ";".join(rules)


def _measure(
    near: dict[str, np.ndarray],
    base: dict[str, np.ndarray],
    weights: np.ndarray,
    t: float,
    *,
    demand: np.ndarray,
    draws: dict[str, np.ndarray | MinuteDraws | None],
) -> dict[str, np.ndarray]:
    """Return each metric of :data:`METRICS` under every draw (``demand`` rows), by the one kernel."""
    out: dict[str, np.ndarray] = {}
    for mode in ("car", "bus"):
        figures = drawn_figures(
            near[mode], base[mode], weights=weights, thresholds=np.array([t]), demand=demand, car=draws[mode]
        )
        out[f"within_{mode}"] = figures["within_share"][:, 0, 0]
        out[f"deprived_within_{mode}"] = figures["within_share"][:, 1, 0]
        out[f"losing_{mode}"] = figures["lose"][:, 0, 0]
    return out


def _empty_row(point: Point, fingerprint: str, error: str) -> dict[str, Any]:
    row: dict[str, Any] = point.columns()
    row.update({k: math.nan for m in METRICS for k in (m, f"{m}_lo", f"{m}_hi")})
    row.update(
        objective=math.nan,
        gap=math.nan,
        cost_per_year=math.nan,
        open_sites="",
        draw_seconds=math.nan,
        seconds=math.nan,
        worker="",
        fingerprint=fingerprint,
        error=error,
    )
    return row


@lru_cache(maxsize=4)
def _draws(
    n_areas: int, draws: int, seed: int, demand_cv: float, car_median_abs_error: float
) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    ones = np.ones(n_areas)
    demand = np.empty((draws, n_areas))
    car = np.empty((draws, n_areas))
    for d in range(draws):
        demand[d] = draw_demand(ones, rng, cv=demand_cv)
        car[d] = draw_car_factors(n_areas, rng, median_abs_error=car_median_abs_error)
    demand.flags.writeable = False
    car.flags.writeable = False
    return demand, car


def point_draws(n_areas: int, options: SweepOptions) -> tuple[np.ndarray, np.ndarray]:
    """Return every draw's demand and car factors for a sweep: the same at every point.

    One generator seeded with ``options.seed`` gives, draw after draw, the demand factors then the
    car factors (:func:`~hubplan.evaluate.uncertainty.draw_demand`,
    :func:`~hubplan.evaluate.uncertainty.draw_car_factors`). They are made on the worker that runs a
    point and kept there for the next point (the last four sets per process), so a sweep sends no
    draws over the network and makes them once per worker, not once per point.

    Parameters
    ----------
    n_areas
        Areas.
    options
        The draws, seed and errors.

    Returns
    -------
    tuple of numpy.ndarray
        (draws, n_areas) mean-1 demand factors and median-1 car factors, read-only.
    """
    return _draws(
        n_areas, options.draws, options.seed, float(options.demand_cv), float(options.car_median_abs_error)
    )


def sweep_point(  # noqa: PLR0917 - Dask passes a task's arguments by position
    point: Point,
    inputs: SweepInputs,
    travel: TravelInputs,
    rules: Rules | str,
    options: SweepOptions,
    fingerprint: str,
) -> dict[str, Any]:
    """Solve one point, measure its plan, and draw its 90% intervals; return the point's row.

    Parameters
    ----------
    point
        The point's settings.
    inputs
        The workspace's arrays.
    travel
        The minutes under the point's travel assumption.
    rules
        The point's rule set without a count or budget, or the message saying why it cannot hold.
    options
        Mode, draws, error assumptions, method, seed.
    fingerprint
        Stored in the row.

    Returns
    -------
    dict
        The setting columns (:data:`SETTINGS`) and the key; ``objective`` (need-weighted minutes),
        ``gap``, ``cost_per_year`` (£), ``open_sites`` (ids joined by ``;``), each metric of
        :data:`METRICS` with its ``_lo`` and ``_hi`` (the 5th and 95th percentiles over the draws;
        ``nan`` without draws), ``seconds`` (all of it), ``draw_seconds`` (the draws alone),
        ``worker``, ``fingerprint`` and ``error`` (empty unless the point failed).
    """
    from hubplan.optimise import build_instance, solve_instance

    started = time.perf_counter()
    row = _empty_row(point, fingerprint, "")
    try:
        if isinstance(rules, str):
            raise InfeasibleError(rules)
        if point.bases is not None:
            point_rules = rules.with_count(point.bases)
        else:
            point_rules = rules.plus(Budget(float(point.budget or 0.0), inputs.site_cost))
            _check_budget(point_rules, inputs.site_cost)
        w = np.asarray(inputs.weights, dtype=np.float64)
        instance = build_instance(travel.minutes[options.mode], inputs.need_weights)
        solution = solve_instance(instance, point_rules, method=options.method, seed=options.seed)
        plan = np.asarray(solution.open, dtype=np.int64)
        near = {m: nearest_minutes(travel.minutes[m], plan) for m in ("car", "bus")}
        base = {m: np.asarray(travel.baseline_minutes[m], dtype=np.float64) for m in ("car", "bus")}
        row.update(objective=float(solution.objective), gap=float(solution.gap))
        row["cost_per_year"] = float(np.asarray(inputs.site_cost, dtype=np.float64)[plan].sum())
        row["open_sites"] = ";".join(inputs.site_ids[i] for i in plan.tolist())
        if point.bases is None:
            row["bases"] = len(plan)
        t = point.threshold_minutes
        groups = np.vstack([w, w * np.asarray(inputs.deprived, dtype=np.float64)])  # all; most deprived fifth
        held: dict[str, np.ndarray | MinuteDraws | None] = {"car": None, "bus": None}
        point_figures = _measure(near, base, groups, t, demand=np.ones((1, len(w))), draws=held)
        row.update({key: float(value[0]) for key, value in point_figures.items()})
        drawing = time.perf_counter()
        if options.draws:
            # Seeded alike at every point: each point sees the same draws (common random numbers), made
            # here on the worker, once per worker process (point_draws), not on the client. One factor
            # per area scales its minutes to every site, so its nearest site stays nearest; the bus
            # factor's spread follows each trip's distance band.
            demand, car = point_draws(len(w), options)
            bus = None
            if options.bus_median_abs_error:
                error = BusError(options.bus_band_minutes, options.bus_median_abs_error)
                bus = draw_bus(len(w), options.draws, seed=options.seed, error=error)
            drawn = _measure(near, base, groups, t, demand=demand, draws={"car": car, "bus": bus})
            for key, values in drawn.items():
                lo, hi = np.nanquantile(values, INTERVAL) if not np.all(np.isnan(values)) else (math.nan,) * 2
                row[f"{key}_lo"], row[f"{key}_hi"] = float(lo), float(hi)
        row["draw_seconds"] = time.perf_counter() - drawing
    except HubplanError as exc:  # rules that cannot hold, bad input: a row; a bug propagates
        row["error"] = f"{type(exc).__name__}: {exc}"
    row["seconds"] = time.perf_counter() - started
    row["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    return row


def _check_budget(rules: Rules, site_cost: np.ndarray) -> None:
    """Raise when a budget buys no base: the rules' own conflicts first, then the cheapest site's cost."""
    cost = np.asarray(site_cost, dtype=np.float64)
    check_rules(rules, len(cost))
    allowed = cost[~rules.view(len(cost)).excluded]
    budget = float(rules.budget or 0.0)
    if not allowed.size:
        msg = "the rules leave no site that may be a base"
        raise InfeasibleError(msg)
    if float(allowed.min()) > budget + 1e-6:
        msg = (
            f"budget £{budget:,.0f} a year buys no base: the cheapest site that may be one costs "
            f"£{float(allowed.min()):,.0f}"
        )
        raise InfeasibleError(msg)


def _error_row(task: Task, message: str) -> dict[str, Any]:
    point, *_rest, fingerprint = task.args
    return _empty_row(point, fingerprint, message)


def no_rules(texts: tuple[str, ...], travel: TravelInputs) -> Rules:
    """Return no rules; refuse a rule set (the default ``make_rules`` when none is given).

    Parameters
    ----------
    texts
        The rule set (must be empty).
    travel
        Unused.

    Returns
    -------
    Rules
        No rules.

    Raises
    ------
    ValueError
        For a rule set that is not empty.
    """
    del travel
    if texts:
        msg = "rule_sets: expected a make_rules to build rules from their texts"
        raise ValueError(msg)
    return Rules()


def sweep_points(
    *,
    bases: Sequence[int] = (),
    budgets: Sequence[float] = (),
    rule_sets: Sequence[tuple[str, ...]] = ((),),
    travels: Sequence[TravelInputs] = (),
    thresholds_minutes: Sequence[float] = (30.0,),
) -> list[tuple[Point, int]]:
    """Return the cartesian product of the axes as points, each with its travel's position.

    Parameters
    ----------
    bases, budgets
        Numbers of bases, or budgets (£ a year): exactly one of them not empty.
    rule_sets
        Rule sets (each a tuple of ``NAME=VALUE`` texts; ``()`` for none).
    travels
        Travel assumptions.
    thresholds_minutes
        Access thresholds.

    Returns
    -------
    list of (Point, int)
        In order: size, rule set, travel, threshold.

    Raises
    ------
    ValueError
        When both or neither of ``bases`` and ``budgets`` are given, or an axis is empty or repeats.
    """
    if bool(bases) == bool(budgets):
        msg = "bases, budgets: expected exactly one of them; got " + ("both" if bases else "neither")
        raise ValueError(msg)
    sizes: list[tuple[int | None, float | None]] = (
        [(int(p), None) for p in bases] if bases else [(None, float(b)) for b in budgets]
    )
    axes: dict[str, Sequence[Any]] = {
        "bases" if bases else "budgets": sizes,
        "rule_sets": rule_sets,
        "travels": travels,
        "thresholds_minutes": thresholds_minutes,
    }
    for name, values in axes.items():
        if not values:
            msg = f"{name}: expected at least one value; got none"
            raise ValueError(msg)
    points = [
        (Point(p, b, tuple(rules), travels[k].car_kph, travels[k].bus_kph, float(t)), k)
        for (p, b), rules, k, t in itertools.product(
            sizes, rule_sets, range(len(travels)), thresholds_minutes
        )
    ]
    keys = [point.key for point, _ in points]
    if len(set(keys)) != len(keys):
        repeated = next(k for k in keys if keys.count(k) > 1)
        msg = f"sweep: expected each point once; got {repeated!r} twice (a value repeated on an axis)"
        raise ValueError(msg)
    return points


def run_sweep(
    out_dir: Path,
    inputs: SweepInputs,
    options: SweepOptions,
    *,
    travels: Sequence[TravelInputs],
    bases: Sequence[int] = (),
    budgets: Sequence[float] = (),
    rule_sets: Sequence[tuple[str, ...]] = ((),),
    thresholds_minutes: Sequence[float] = (30.0,),
    make_rules: MakeRules = no_rules,
    scheduler: str | None = None,
    n_workers: int | None = None,
    progress: ProgressCallback | None = None,
) -> RunSummary:
    """Run a task per sweep point on Dask and write ``out_dir/sweep.parquet``.

    Parameters
    ----------
    out_dir
        The output folder.
    inputs
        The workspace's arrays.
    options
        How each point is solved and drawn.
    travels
        The travel assumptions (at least one).
    bases, budgets
        The numbers of bases, or the budgets (£ a year), to try: exactly one of them.
    rule_sets
        The rule sets to try, each a tuple of ``NAME=VALUE`` texts (``()``: no rules).
    thresholds_minutes
        The access thresholds to try (minutes).
    make_rules
        Builds a rule set's rules under a travel assumption, here, once per pair (so a rule that
        depends on the minutes, such as ``deprived-max``, follows the speeds); a pair whose rules
        cannot hold (:class:`~hubplan.errors.InfeasibleError`) gives error rows.
    scheduler
        An existing Dask scheduler's address; a local cluster when ``None``.
    n_workers
        A local cluster's worker processes; one per core when ``None``.
    progress
        Called as the run goes.

    Returns
    -------
    RunSummary
        What the run did.

    Raises
    ------
    ValueError
        For a number of bases outside 1 to the number of sites, a budget below 0, a threshold not
        above 0, or axes :func:`sweep_points` refuses.
    """
    n_sites = len(inputs.site_ids)
    bad = [p for p in bases if not 1 <= p <= n_sites]
    if bad:
        msg = f"bases: expected numbers from 1 to {n_sites} (the sites); got {bad[0]}"
        raise ValueError(msg)
    if any(not b >= 0 for b in budgets):
        msg = "budgets: expected amounts of 0 or more (£ a year)"
        raise ValueError(msg)
    if any(not t > 0 for t in thresholds_minutes):
        msg = "thresholds_minutes: expected minutes above 0"
        raise ValueError(msg)
    points = sweep_points(
        bases=bases,
        budgets=budgets,
        rule_sets=rule_sets,
        travels=travels,
        thresholds_minutes=thresholds_minutes,
    )
    built: dict[tuple[tuple[str, ...], int], Rules | str] = {}
    for rules in dict.fromkeys(tuple(r) for r in rule_sets):
        for k, travel in enumerate(travels):
            try:
                built[rules, k] = make_rules(rules, travel)
            except InfeasibleError as exc:  # every point with these rules and speeds is an error row
                built[rules, k] = str(exc)
    from hubplan import __version__

    digest = inputs.digest()
    travel_digests = [t.digest() for t in travels]
    tasks = []
    for point, k in points:
        text = json.dumps(
            {
                "point": asdict(point),
                "inputs": digest,
                "travel": travel_digests[k],
                "options": asdict(options),
                "hubplan": __version__,
            },
            sort_keys=True,
        )
        fp = hashlib.sha256(text.encode()).hexdigest()[:16]
        args = (point, inputs, travels[k], built[point.rules, k], options, fp)
        tasks.append(Task(point.key, fp, sweep_point, args))
    return run_tasks(
        tasks,
        out_dir / TABLE,
        error_row=_error_row,
        key_column=KEY,
        scheduler=scheduler,
        n_workers=n_workers,
        progress=progress,
        scatter=True,
    )
