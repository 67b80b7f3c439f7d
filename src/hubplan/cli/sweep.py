"""The sweep command: a workspace's plans over a range of bases, each with Monte Carlo intervals, on Dask."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from hubplan.cli.common import Dir, app, err, handles_errors, load, out


def parse_bases(text: str, n_sites: int) -> list[int]:
    """Read ``--bases``: ``5:30:5`` (start, stop, step; both ends included), ``5,10,15`` or ``12``.

    Parameters
    ----------
    text
        The option's value.
    n_sites
        The candidates, for the message.

    Returns
    -------
    list of int
        Numbers of bases, sorted, without repeats.

    Raises
    ------
    typer.BadParameter
        For text that is neither, or numbers outside 1 to ``n_sites``.
    """
    try:
        if ":" in text:
            parts = [int(x) for x in text.split(":")]
            start, stop, step = (*parts, 1)[:3] if len(parts) == 2 else parts
            if len(parts) not in (2, 3) or step < 1:
                raise ValueError(text)
            values = list(range(start, stop + 1, step))
        else:
            values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise typer.BadParameter("expected START:STOP:STEP, a list like 5,10,15, or a number") from None
    bad = [v for v in values if not 1 <= v <= n_sites]
    if not values or bad:
        raise typer.BadParameter(f"expected numbers of bases from 1 to {n_sites} (the candidate sites)")
    return sorted(set(values))


def _interval(value: float, lo: float, hi: float, fmt: str) -> str:
    if math.isnan(value):
        return ""
    if math.isnan(lo):
        return format(value, fmt)
    return f"{value:{fmt}} ({lo:{fmt}}-{hi:{fmt}})"


@app.command()
@handles_errors
def sweep(
    directory: Dir,
    bases: Annotated[
        str | None,
        typer.Option(help="Bases to try: START:STOP:STEP (ends included), a list 5,10,15, or one number."),
    ] = None,
    draws: Annotated[int, typer.Option(help="Monte Carlo draws per point (0: none).")] = 200,
    demand_cv: Annotated[
        float, typer.Option(help="Coefficient of variation of each area's ONS count of children.")
    ] = 0.10,
    car_error: Annotated[
        float, typer.Option(help="Median absolute error of the estimated car minutes (0.08 = 8%).")
    ] = 0.08,
    mode: Annotated[
        str, typer.Option(help="The mode whose travel time the plans minimise: bus or car.")
    ] = "bus",
    threshold: Annotated[
        float | None, typer.Option(help="Minutes within reach (default: the workspace's 30, or its third).")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where sweep.parquet goes (default: DIR/sweep).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seeds the heuristic and the draws.")] = 0,
    scheduler: Annotated[
        str | None, typer.Option(help="An existing Dask scheduler, e.g. tcp://127.0.0.1:8786.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes of the local cluster (default: one per core).")
    ] = None,
) -> None:
    """Plan a workspace for each number of bases and give each figure a 90% interval (Monte Carlo)."""
    import pandas as pd
    from rich.table import Table

    from hubplan.scale.sweep import TABLE, SweepInputs, SweepOptions, run_sweep
    from hubplan.scale.uncertainty import INTERVAL
    from hubplan.travel import build_travel

    if mode not in ("bus", "car"):
        raise typer.BadParameter("expected bus or car", param_hint="--mode")
    if draws < 0:
        raise typer.BadParameter("expected 0 or more", param_hint="--draws")
    if demand_cv < 0 or not 0 <= car_error < 1:
        raise typer.BadParameter(
            "expected errors of 0 or more (car below 1)", param_hint="--demand-cv/--car-error"
        )
    ws = load(directory)
    thresholds = ws.assumptions.evaluation.thresholds_minutes
    t = (
        threshold
        if threshold is not None
        else (30.0 if 30.0 in thresholds else thresholds[len(thresholds) // 2])
    )
    if t <= 0:
        raise typer.BadParameter("expected minutes above 0", param_hint="--threshold")
    with err.status("travel minutes"):
        matrix = build_travel(ws)
    candidates = np.flatnonzero(~np.asarray(ws.sites.excluded, dtype=bool))
    baseline = ws.baseline
    base_positions = ws.base_indices(baseline) if baseline is not None else np.arange(len(ws.sites.ids))
    minutes = {m: np.asarray(matrix.minutes[m], dtype=np.float32) for m in ("car", "bus")}
    inputs = SweepInputs(
        minutes={m: np.asfortranarray(minutes[m][:, candidates]) for m in minutes},
        weights=np.asarray(ws.areas.families, dtype=np.float64),
        deprived=np.isin(np.asarray(ws.areas.deprivation_decile), (1, 2)),
        baseline_minutes={m: minutes[m][:, base_positions].min(axis=1).astype(np.float64) for m in minutes},
        site_ids=tuple(ws.sites.ids[i] for i in candidates),
    )
    n = len(candidates)
    wanted = (
        parse_bases(bases, n)
        if bases is not None
        else sorted({max(1, round(x)) for x in np.linspace(1, max(1, n // 2), num=min(8, n))})
    )
    options = SweepOptions(
        mode=mode,
        threshold_minutes=t,
        draws=draws,
        demand_cv=demand_cv,
        car_median_abs_error=car_error,
        seed=seed,
    )
    target = out_dir or (directory / "sweep")
    with err.status(f"{len(wanted)} plans x {draws} draws on Dask"):
        summary = run_sweep(target, inputs, options, wanted, scheduler=scheduler, n_workers=workers)
    table = pd.read_parquet(target / TABLE)
    unit = ws.areas.unit
    pct = f"{round((INTERVAL[1] - INTERVAL[0]) * 100)}%"
    shown = Table(
        title=f"{ws.assumptions.region.name or directory.name}: plans by bases, "
        f"{pct} intervals over {draws} draws"
    )
    for name in (
        "bases",
        f"within {t:g} min by car",
        f"within {t:g} min by bus",
        f"most deprived fifth within {t:g} min by bus",
        f"{unit} losing access by car",
        f"{unit} losing access by bus",
        "proven gap",
    ):
        shown.add_column(name, justify="right")
    for r in table.to_dict(orient="records"):
        if r["error"]:
            shown.add_row(str(r["bases"]), f"error: {r['error']}", *[""] * 5)
            continue
        shown.add_row(
            str(r["bases"]),
            *(
                _interval(r[k], r[f"{k}_lo"], r[f"{k}_hi"], ".1%")
                for k in ("within_car", "within_bus", "deprived_within_bus")
            ),
            *(_interval(r[k], r[f"{k}_lo"], r[f"{k}_hi"], ",.0f") for k in ("losing_car", "losing_bus")),
            f"{r['gap']:.2%}",
        )
    out.print(shown)
    out.print(
        f"[green]ok[/]: {summary.rows} plans in {target / TABLE} ({summary.submitted} solved now, "
        f"{summary.skipped} already done, {summary.failed} failed) in {summary.seconds:.1f} s"
    )
    out.print(
        f"  assumed errors: children's counts log-normal, CV {demand_cv:.0%} per area; car minutes "
        f"log-normal, median absolute error {car_error:.0%}, one factor per area; bus minutes as estimated. "
        f"Access is lost against the baseline ({baseline.name if baseline is not None else 'every site'})."
    )
    out.print(
        "  an estimate can fall outside its interval: where many areas sit just inside the threshold, "
        "errors push more of them out than in."
    )
