"""Sweep one workspace's what-ifs on Dask: a plan per number of bases, each with Monte Carlo intervals.

Each sweep point is one task: solve the p-median for ``p`` bases on the estimates, then re-evaluate
that plan (not re-solve it) under draws of the inputs (:mod:`hubplan.scale.uncertainty`). Every
point uses the same draws (common random numbers), so differences between points are not noise.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hubplan.optimise import solve_pmedian
from hubplan.scale.engine import ProgressCallback, RunSummary, Task, run_tasks
from hubplan.scale.uncertainty import (
    CAR_MEDIAN_ABS_ERROR,
    DEMAND_CV,
    INTERVAL,
    draw_car_factors,
    draw_demand,
)

TABLE = "sweep.parquet"
"""The file name of the sweep's table inside the output folder."""

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


@dataclass(frozen=True, eq=False)
class SweepInputs:
    """One workspace's arrays, as a sweep needs them.

    Parameters
    ----------
    minutes
        ``car`` and ``bus`` to (n_areas, n_candidates) minutes to the sites that may be bases.
    weights
        (n_areas,) children (or families) per area.
    deprived
        (n_areas,) True for areas in the most deprived fifth (deciles 1-2).
    baseline_minutes
        ``car`` and ``bus`` to (n_areas,) minutes to the nearest of the baseline's bases (the sites
        open now), against which access is lost.
    site_ids
        The candidates' ids, in column order.
    """

    minutes: dict[str, np.ndarray]
    weights: np.ndarray
    deprived: np.ndarray
    baseline_minutes: dict[str, np.ndarray]
    site_ids: tuple[str, ...]

    def digest(self) -> str:
        """Return a SHA-256 of every array (hex)."""
        h = hashlib.sha256()
        for mode in sorted(self.minutes):
            h.update(mode.encode())
            h.update(np.ascontiguousarray(self.minutes[mode], dtype=np.float32).tobytes())
        for mode in sorted(self.baseline_minutes):
            h.update(np.ascontiguousarray(self.baseline_minutes[mode], dtype=np.float64).tobytes())
        for array in (self.weights, self.deprived):
            h.update(np.ascontiguousarray(array).tobytes())
        h.update("\n".join(self.site_ids).encode())
        return h.hexdigest()


@dataclass(frozen=True)
class SweepOptions:
    """How each point is solved and drawn.

    Parameters
    ----------
    mode
        The mode whose weighted minutes the p-median minimises.
    threshold_minutes
        Minutes that count as within reach.
    draws
        Monte Carlo draws per point (0 for none).
    demand_cv
        Coefficient of variation of each area's children.
    car_median_abs_error
        Median absolute relative error of the car minutes.
    method
        ``"heuristic"`` or ``"exact"``.
    seed
        Seeds the heuristic and the draws.
    """

    mode: str = "bus"
    threshold_minutes: float = 30.0
    draws: int = 200
    demand_cv: float = DEMAND_CV
    car_median_abs_error: float = CAR_MEDIAN_ABS_ERROR
    method: str = "heuristic"
    seed: int = 0


def _measure(
    near: dict[str, np.ndarray], base: dict[str, np.ndarray], w: np.ndarray, deprived: np.ndarray, t: float
) -> dict[str, float]:
    total = float(w.sum())
    total_deprived = float(w[deprived].sum())
    out: dict[str, float] = {}
    for mode in ("car", "bus"):
        within = near[mode] <= t
        out[f"within_{mode}"] = float(w[within].sum() / total) if total > 0 else math.nan
        out[f"deprived_within_{mode}"] = (
            float(w[within & deprived].sum() / total_deprived) if total_deprived > 0 else math.nan
        )
        out[f"losing_{mode}"] = float(w[(base[mode] <= t) & ~within].sum())
    return out


def sweep_point(p: int, inputs: SweepInputs, options: SweepOptions, fingerprint: str) -> dict[str, Any]:
    """Solve for ``p`` bases, measure the plan, and draw its 90% intervals; return the point's row.

    Parameters
    ----------
    p
        Bases.
    inputs
        The workspace's arrays.
    options
        Mode, threshold, draws, error assumptions, method, seed.
    fingerprint
        Stored in the row.

    Returns
    -------
    dict
        ``bases``, ``objective``, ``gap``, ``open_sites``, each metric of :data:`METRICS` with its
        ``_lo`` and ``_hi`` (the 5th and 95th percentiles over the draws; ``nan`` without draws),
        ``seconds`` (all of it), ``draw_seconds`` (the draws alone), ``worker``, ``fingerprint`` and
        ``error`` (empty unless the point failed).
    """
    started = time.perf_counter()
    row: dict[str, Any] = {"bases": int(p), "fingerprint": fingerprint, "error": ""}
    row.update({k: math.nan for m in METRICS for k in (m, f"{m}_lo", f"{m}_hi")})
    row.update(objective=math.nan, gap=math.nan, open_sites="", draw_seconds=math.nan)
    try:
        w = np.asarray(inputs.weights, dtype=np.float64)
        solution = solve_pmedian(inputs.minutes[options.mode], w, p, method=options.method, seed=options.seed)
        plan = np.asarray(solution.open, dtype=np.int64)
        near = {m: inputs.minutes[m][:, plan].min(axis=1).astype(np.float64) for m in ("car", "bus")}
        base = {m: np.asarray(inputs.baseline_minutes[m], dtype=np.float64) for m in ("car", "bus")}
        row.update(objective=float(solution.objective), gap=float(solution.gap))
        row["open_sites"] = ";".join(inputs.site_ids[i] for i in plan.tolist())
        row.update(_measure(near, base, w, inputs.deprived, options.threshold_minutes))
        drawing = time.perf_counter()
        rng = np.random.default_rng(options.seed)
        drawn: dict[str, list[float]] = {m: [] for m in METRICS}
        for _ in range(options.draws):
            wd = draw_demand(w, rng, cv=options.demand_cv)
            factor = draw_car_factors(len(w), rng, median_abs_error=options.car_median_abs_error)
            # One factor per area scales its minutes to every site, so its nearest site stays nearest.
            near_d = {"car": near["car"] * factor, "bus": near["bus"]}
            base_d = {"car": base["car"] * factor, "bus": base["bus"]}
            for key, value in _measure(
                near_d, base_d, wd, inputs.deprived, options.threshold_minutes
            ).items():
                drawn[key].append(value)
        if options.draws:
            for key, values in drawn.items():
                lo, hi = (
                    np.nanquantile(np.asarray(values), INTERVAL)
                    if not np.all(np.isnan(values))
                    else (math.nan,) * 2
                )
                row[f"{key}_lo"], row[f"{key}_hi"] = float(lo), float(hi)
        row["draw_seconds"] = time.perf_counter() - drawing
    except Exception as exc:  # a failed point is a row, not a crashed sweep
        row["error"] = f"{type(exc).__name__}: {exc}"
    row["seconds"] = time.perf_counter() - started
    row["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    return row


def _error_row(task: Task, message: str) -> dict[str, Any]:
    p, _inputs, _options, fingerprint = task.args
    row: dict[str, Any] = {"bases": int(p), "fingerprint": fingerprint, "error": message}
    row.update({k: math.nan for m in METRICS for k in (m, f"{m}_lo", f"{m}_hi")})
    row.update(
        objective=math.nan, gap=math.nan, open_sites="", draw_seconds=math.nan, seconds=math.nan, worker=""
    )
    return row


def run_sweep(
    out_dir: Path,
    inputs: SweepInputs,
    options: SweepOptions,
    bases: Sequence[int],
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    progress: ProgressCallback | None = None,
) -> RunSummary:
    """Run a sweep point per number of bases on Dask and write ``out_dir/sweep.parquet``.

    Parameters
    ----------
    out_dir
        The output folder.
    inputs
        The workspace's arrays.
    options
        How each point is solved and drawn.
    bases
        The numbers of bases to try, each between 1 and the sites.
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
        For a number of bases outside 1 to the number of sites.
    """
    n_sites = inputs.minutes[options.mode].shape[1]
    bad = [p for p in bases if not 1 <= p <= n_sites]
    if bad:
        msg = f"bases: expected numbers from 1 to {n_sites} (the sites); got {bad[0]}"
        raise ValueError(msg)
    digest = inputs.digest()
    tasks = []
    for p in sorted(set(bases)):
        text = json.dumps({"p": p, "inputs": digest, "options": asdict(options)}, sort_keys=True)
        fp = hashlib.sha256(text.encode()).hexdigest()[:16]
        tasks.append(Task(str(p), fp, sweep_point, (p, inputs, options, fp)))
    return run_tasks(
        tasks,
        out_dir / TABLE,
        error_row=_error_row,
        key_column="bases",
        scheduler=scheduler,
        n_workers=n_workers,
        progress=progress,
    )
