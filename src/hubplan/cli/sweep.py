"""The sweep command: a workspace's plans over bases or budgets x rules x travel assumptions, on Dask."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer

from hubplan.cli.common import (
    Dir,
    app,
    err,
    finite,
    handles_errors,
    load,
    out,
    output_folder,
    print_notes,
    travel_for,
)
from hubplan.data.assumptions import CAR_MODEL_MEDIAN_ABS_ERROR
from hubplan.data.money import MAX_MONEY_PER_YEAR, THOUSANDS_DOT, AmountError, parse_money, read_amount
from hubplan.errors import ParameterError
from hubplan.evaluate.evaluation import data_notes
from hubplan.modes import Mode
from hubplan.optimise.rules import REGISTRY

RANGE_HELP = "START:STOP:STEP (both ends included) or a list"

MIN_BUDGET = 1_000.0
"""The smallest budget above 0 a sweep accepts (£ a year): a smaller one is a slip, e.g. ``4,5m``."""

_THOUSANDS = re.compile(r"^\s*£?\s*\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*[km]?\s*$", re.IGNORECASE)
"""One amount written with thousands separators, e.g. ``4,000,000`` or ``£4,500k``."""

_THOUSANDS_GROUP = re.compile(r"^\d{3}(?:\.\d+)?$")
"""A list item that is a group of three digits: a thousands separator's tail, not a budget."""


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
        raise typer.BadParameter(
            "expected START:STOP:STEP, a list like 5,10,15, or a number", param_hint="--bases"
        ) from None
    bad = [v for v in values if not 1 <= v <= n_sites]
    if not values or bad:
        raise typer.BadParameter(
            f"expected numbers of bases from 1 to {n_sites} (the candidate sites)", param_hint="--bases"
        )
    return sorted(set(values))


def _amount(text: str) -> float:
    """Read one amount of money: ``5.2m``, ``£800k``, ``5200000`` or ``2e6`` (pounds).

    By the rules of every money column and option (:func:`hubplan.data.money.read_amount`): no
    thousands dot (``1.500``), at most £10bn a year; ``2e6`` is read as a number first.
    """
    if THOUSANDS_DOT.match(text):
        return read_amount(text)  # raises, saying how to write it
    try:
        value = float(text)
    except ValueError:
        value = parse_money(text)
    if not math.isfinite(value) or value < 0:
        raise ValueError(text)
    if value > MAX_MONEY_PER_YEAR:
        return read_amount(f"{value:.0f}")  # raises, naming the limit
    return value


def parse_budgets(text: str) -> list[float]:
    """Read ``--budgets``: ``2e6:6e6:0.5e6`` or ``4m:6m:0.5m`` (both ends included), or ``4m,5.2m``.

    Parameters
    ----------
    text
        The option's value; each amount as ``5.2m``, ``£800k``, ``5200000`` or ``2e6`` (no
        thousands separators: the comma separates amounts).

    Returns
    -------
    list of float
        Budgets (£ a year), sorted, without repeats.

    Raises
    ------
    typer.BadParameter
        For text that is neither, a range that is empty, an amount below 0 or from 0 to £1,000
        exclusive, or an amount written with thousands separators inside a list.
    """
    from hubplan.optimise.frontier import budget_steps

    hint = (
        "expected START:STOP:STEP or a list of amounts, e.g. 2e6:6e6:0.5e6, 4m:6m:0.5m or 4m,5.2m "
        "(an amount as 4m, 4000000 or 4,000,000; 0 or at least £1,000)"
    )
    try:
        if ":" in text:
            parts = [_amount(x.strip()) for x in text.split(":")]
            if len(parts) != 3:
                raise ValueError(text)
            values = [float(round(v, 2)) for v in budget_steps(*parts)]
        elif _THOUSANDS.match(text):
            values = [_amount(text.strip())]  # one amount written 4,000,000, not £4, £0 and £0
        else:
            items = [x.strip() for x in text.split(",") if x.strip()]
            if any(_THOUSANDS_GROUP.match(x) for x in items[1:]):
                raise ValueError(text)  # 4,000,000,5m: thousands separators mixed into a list
            values = [_amount(x) for x in items]
        if any(0 < v < MIN_BUDGET for v in values):
            raise ValueError(text)  # 4,5m: a decimal comma read as £4 and £5m
    except AmountError as error:
        raise typer.BadParameter(f"expected {error}; got {text!r}", param_hint="--budgets") from None
    except ValueError:
        raise typer.BadParameter(f"{hint}; got {text!r}", param_hint="--budgets") from None
    if not values:
        raise typer.BadParameter(f"{hint}; got {text!r}", param_hint="--budgets")
    return sorted(set(values))


def parse_numbers(text: str, *, what: str, most: float, option: str | None = None) -> list[float]:
    """Read a list of positive numbers such as ``60,78.2``.

    Parameters
    ----------
    text
        The option's value.
    what
        What the numbers are, with their unit, for the message (e.g. ``"speeds in km/h"``).
    most
        The largest value allowed.
    option
        The option's name for the message (e.g. ``"--car-speed"``).

    Returns
    -------
    list of float
        The numbers, in the order given, without repeats.

    Raises
    ------
    typer.BadParameter
        For text that is not a list of numbers above 0 and at most ``most``.
    """
    hint = f"expected a list of {what} above 0 and at most {most:g}, e.g. 20,30,45"
    try:
        values = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise typer.BadParameter(f"{hint}; got {text!r}", param_hint=option) from None
    if not values or any(not 0 < v <= most for v in values):
        raise typer.BadParameter(f"{hint}; got {text!r}", param_hint=option)
    return list(dict.fromkeys(values))


def parse_rule_sets(rule: list[str], rule_set: list[str]) -> list[tuple[str, ...]]:
    """Return the rule axis: the ``--rule`` options as one set, then each ``--rule-set``.

    Parameters
    ----------
    rule
        ``--rule`` values (``NAME=VALUE``), which together make one rule set.
    rule_set
        ``--rule-set`` values, each a set of rules joined by ``;`` (``none`` for no rules).

    Returns
    -------
    list of tuple of str
        Rule sets, without repeats; ``[()]`` (no rules) when neither option is given.

    Raises
    ------
    typer.BadParameter
        For an unknown rule, a value its parser refuses, or rules joined by something other than ``;``.
    """
    from hubplan.scale.sweep_inputs import check_rule_sets

    sets: list[tuple[str, ...]] = [tuple(r.strip() for r in rule)] if rule else []
    for text in rule_set:
        parts = tuple(t.strip() for t in text.split(";") if t.strip())
        joined = next((p for p in parts if p.count("=") > 1), None)
        if joined is not None:  # district-min=1,deprived-max=45: two rules joined by a comma
            msg = f"expected rules joined by ';', e.g. 'district-min=1;deprived-max=45'; got {joined!r}"
            raise typer.BadParameter(msg, param_hint="--rule-set")
        sets.append(() if parts in ((), ("none",)) else parts)
    sets = list(dict.fromkeys(sets)) or [()]
    try:
        check_rule_sets(sets)
    except ParameterError as exc:
        raise typer.BadParameter(exc.detail(), param_hint="--rule/--rule-set") from None
    return sets


def _share(value: float, lo: float, hi: float) -> str:
    """Show a share and, below it, its interval in per cent: ``45.5%`` then ``(41.2-49.8)``."""
    if math.isnan(value):
        return ""
    if math.isnan(lo):
        return f"{value:.1%}"
    return f"{value:.1%}\n({lo * 100:.1f}-{hi * 100:.1f})"


def _count(value: float, lo: float, hi: float) -> str:
    """Show a count and, below it, its interval: ``6,077`` then ``(5,812-6,390)``."""
    if math.isnan(value):
        return ""
    if math.isnan(lo):
        return f"{value:,.0f}"
    return f"{value:,.0f}\n({lo:,.0f}-{hi:,.0f})"


def _money(value: float) -> str:
    """Show pounds a year as ``£5.2m``, ``£750k`` or, below £1,000, ``£4``."""
    if math.isnan(value):
        return ""
    if value < 1e3:
        return f"£{value:,.0f}"
    return f"£{value / 1e6:,.2f}m" if value >= 1e6 else f"£{value / 1e3:,.0f}k"


RULES_HELP = (
    "A rule for every point, repeatable (together they make one rule set), as for optimise: "
    + ", ".join(REGISTRY[name].usage for name in sorted(REGISTRY))
    + "."
)


@app.command()
@handles_errors
def sweep(
    directory: Dir,
    bases: Annotated[
        str | None,
        typer.Option(help=f"Bases to try: {RANGE_HELP} (5,10,15), or one number."),
    ] = None,
    budgets: Annotated[
        str | None,
        typer.Option(
            help=f"Or budgets to try (£ a year on bases): {RANGE_HELP}, e.g. 2e6:6e6:0.5e6, 4m:6m:0.5m "
            "or 4m,5.2m; each point keeps the best bases costing at most the budget."
        ),
    ] = None,
    rule: Annotated[list[str] | None, typer.Option("--rule", help=RULES_HELP)] = None,
    rule_set: Annotated[
        list[str] | None,
        typer.Option(
            "--rule-set",
            help="One more value on the rule axis, repeatable: rules joined by ';' "
            "(e.g. 'district-min=1;deprived-max=45'), or none for no rules.",
        ),
    ] = None,
    car_speed: Annotated[
        str | None,
        typer.Option(
            help="Car speeds to try, km/h, e.g. 60,78.2 (re-estimates car minutes; default: the workspace's)."
        ),
    ] = None,
    bus_speed: Annotated[
        str | None,
        typer.Option(
            help=(
                "Bus speeds to try, km/h, e.g. 7,10: the fitted bus model's distance term as great-circle "
                "km per hour over 10 km, about 8 by default (scales its minutes per km; default: the "
                "workspace's)."
            )
        ),
    ] = None,
    threshold: Annotated[
        str | None,
        typer.Option(
            help="Minutes within reach, or a list to try, e.g. 20,30,45 "
            "(default: the workspace's access threshold, [evaluation] access_minutes)."
        ),
    ] = None,
    draws: Annotated[
        int | None,
        typer.Option(help="Monte Carlo draws per point (0: none; default: [uncertainty] draws, 200)."),
    ] = None,
    demand_cv: Annotated[
        float | None,
        typer.Option(
            parser=finite,
            help="Coefficient of variation of each area's ONS count of children "
            "(default: [uncertainty] demand_cv, 10%).",
        ),
    ] = None,
    car_error: Annotated[
        float | None,
        typer.Option(
            parser=finite,
            help="Median absolute error of the estimated car minutes (default: [uncertainty] "
            f"car_median_abs_error, else the car model's, measured on held-out LSOAs: "
            f"{CAR_MODEL_MEDIAN_ABS_ERROR:.1%}).",
        ),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            help="The mode whose travel time the plans minimise: bus or car "
            "(default: the workspace's [evaluation] access_mode)."
        ),
    ] = None,
    method: Annotated[
        str | None,
        typer.Option(help="heuristic (fast, with a proven gap; the default) or exact (HiGHS)."),
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where sweep.parquet goes (default: DIR/sweep).")
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(help="Seeds the heuristic and the draws (default: [uncertainty] seed, 0)."),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="An existing Dask scheduler, e.g. tcp://127.0.0.1:8786.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes of the local cluster (default: one per core).")
    ] = None,
) -> None:
    """Plan a workspace at every combination of bases (or budgets), rules and travel assumptions.

    Each point is solved as `hubplan optimise` would; each figure gets a 90% Monte Carlo interval.
    """
    import pandas as pd

    from hubplan.data.assumptions import MAX_MODE_KPH
    from hubplan.data.settings_base import MAX_MINUTES
    from hubplan.scale.sweep import TABLE, run_sweep
    from hubplan.scale.sweep_inputs import rules_maker, sweep_inputs, travel_inputs
    from hubplan.scale.sweep_spec import SweepSpec

    if mode is not None and mode not in (Mode.BUS, Mode.CAR):
        raise typer.BadParameter("expected bus or car", param_hint="--mode")
    if method is not None and method not in ("heuristic", "exact"):
        raise typer.BadParameter("expected heuristic or exact", param_hint="--method")
    if draws is not None and draws < 0:
        raise typer.BadParameter("expected 0 or more", param_hint="--draws")
    if (demand_cv is not None and demand_cv < 0) or (car_error is not None and not 0 <= car_error < 1):
        raise typer.BadParameter(
            "expected errors of 0 or more (car below 1)", param_hint="--demand-cv/--car-error"
        )
    if bases is not None and budgets is not None:
        raise typer.BadParameter("give --bases or --budgets, not both", param_hint="--bases/--budgets")
    if out_dir is not None:
        output_folder(out_dir)
    budget_values = parse_budgets(budgets) if budgets is not None else []
    rule_sets = parse_rule_sets(rule or [], rule_set or [])
    car_kph = (
        parse_numbers(car_speed, what="speeds in km/h", most=MAX_MODE_KPH["car"], option="--car-speed")
        if car_speed
        else []
    )
    bus_kph = (
        parse_numbers(bus_speed, what="speeds in km/h", most=MAX_MODE_KPH["bus"], option="--bus-speed")
        if bus_speed
        else []
    )
    wanted_t = (
        parse_numbers(threshold, what="minutes", most=MAX_MINUTES, option="--threshold") if threshold else []
    )
    ws = load(directory)
    # Defaults < the workspace's hubplan.toml < these options, as every other command.
    spec = SweepSpec.from_workspace(
        ws, mode=mode, method=method, thresholds_minutes=wanted_t, draws=draws, seed=seed,
        demand_cv=demand_cv, car_error=car_error,
    )  # fmt: skip
    t_axis = list(spec.thresholds_minutes)
    draws = spec.draws
    n = int((~np.asarray(ws.sites.excluded, dtype=bool)).sum())
    wanted = (
        parse_bases(bases, n)
        if bases is not None
        else []
        if budget_values
        else sorted({max(1, round(x)) for x in np.linspace(1, max(1, n // 2), num=min(8, n))})
    )
    matrix = travel_for(ws)
    car_axis: list[float | None] = [*car_kph] or [None]  # None: the workspace's own minutes
    bus_axis: list[float | None] = [*bus_kph] or [None]
    with err.status("minutes for each travel assumption"):
        travels = [
            travel_inputs(ws, matrix, car_kph=c, bus_kph=b) for c, b in itertools.product(car_axis, bus_axis)
        ]
    options = spec.options(matrix.sources)
    bus_drawn = bool(options.bus_median_abs_error)
    target = out_dir or (directory / "sweep")
    n_points = max(len(wanted), len(budget_values)) * len(rule_sets) * len(travels) * len(t_axis)
    with err.status(f"{n_points} plans x {draws} draws on Dask"):
        summary = run_sweep(
            target, sweep_inputs(ws), options, travels=travels, bases=wanted, budgets=budget_values,
            rule_sets=rule_sets, thresholds_minutes=t_axis,
            make_rules=rules_maker(ws, spec.mode, method=spec.method),
            scheduler=scheduler, n_workers=workers,
        )  # fmt: skip
    table = pd.read_parquet(target / TABLE)
    swept = {
        "budget": bool(budget_values),
        "rules": rule_sets != [()],
        "car_kph": bool(car_kph),
        "bus_kph": bool(bus_kph),
        "threshold_minutes": len(t_axis) > 1,
    }
    _print_table(table, ws, directory, swept=swept, rule_sets=rule_sets, t_axis=t_axis, draws=draws)
    out.print(
        f"[green]ok[/]: {summary.rows} plans in {target / TABLE} ({summary.submitted} solved now, "
        f"{summary.skipped} already done, {summary.failed} failed) in {summary.seconds:.1f} s"
    )
    err.print(f"  {summary.timings.describe()}", markup=False)
    baseline = ws.baseline
    car_source = matrix.sources.get(Mode.CAR, "estimated")
    car_text = (
        f"car minutes log-normal, median absolute error {options.car_median_abs_error:.1%}, "
        "one factor per area"
        if car_source == "estimated"
        else f"car minutes {car_source}, not drawn"
    )
    bus_text = (
        "bus minutes log-normal by km band ("
        + ", ".join(f"{k} {v:.1%}" for k, v in ws.assumptions.uncertainty.bus_median_abs_error.items())
        + "), one draw per area"
        if bus_drawn
        else f"bus minutes {matrix.sources.get('bus', 'estimated')}, not drawn"
    )
    out.print(
        f"  plans minimise {ws.areas.people}'s minutes by {spec.mode}. "
        f"Assumed errors: {ws.areas.people}'s counts log-normal, CV {spec.demand_cv:.0%} per area; "
        f"{car_text}; "
        f"{bus_text}. "
        f"Access is lost against the baseline ({baseline.name if baseline is not None else 'every site'})."
    )
    out.print(
        "  an estimate can fall outside its interval: where many areas sit just inside the threshold, "
        "errors push more of them out than in."
    )
    print_notes(data_notes(ws, matrix))  # evaluate's: how the minutes were made, what data is modelled


def _print_table(
    table: Any,
    ws: Any,
    directory: Path,
    *,
    swept: dict[str, bool],
    rule_sets: list[tuple[str, ...]],
    t_axis: list[float],
    draws: int,
) -> None:
    """Print one line per point: its swept settings, then each figure with its interval; errors below."""
    from rich import box
    from rich.table import Table

    from hubplan.evaluate.uncertainty import INTERVAL
    from hubplan.scale.sweep import rule_label

    order = {rule_label(r): i for i, r in enumerate(rule_sets)}
    table = table.assign(_rules=table["rules"].map(order)).sort_values(
        ["budget", "bases", "_rules", "car_kph", "bus_kph", "threshold_minutes"]
        if swept["budget"]
        else ["bases", "_rules", "car_kph", "bus_kph", "threshold_minutes"],
        kind="stable",
    )
    t = f"{t_axis[0]:g} min" if len(t_axis) == 1 else "threshold"
    people = ws.areas.people
    pct = f"{round((INTERVAL[1] - INTERVAL[0]) * 100)}%"
    shown = Table(
        title=f"{ws.assumptions.region.name or directory.name}: plans by "
        f"{'budget' if swept['budget'] else 'bases'}, {people} within {t} and losing access, "
        f"{pct} intervals over {draws} draws",
        box=box.SIMPLE_HEAD,
    )
    settings: list[tuple[str, Any]] = []
    if swept["budget"]:
        settings.append(("budget", lambda r: _money(r["budget"])))
    settings.append(("bases", lambda r: str(int(r["bases"])) if r["bases"] else ""))
    if swept["budget"]:
        settings.append(("cost", lambda r: _money(r["cost_per_year"])))
    if swept["rules"]:
        settings.append(("rules", lambda r: r["rules"] or "none"))
    if swept["car_kph"]:
        settings.append(("car km/h", lambda r: f"{r['car_kph']:g}"))
    if swept["bus_kph"]:
        settings.append(("bus km/h", lambda r: f"{r['bus_kph']:g}"))
    if swept["threshold_minutes"]:
        settings.append(("minutes", lambda r: f"{r['threshold_minutes']:g}"))
    figures = (
        "within, car",
        "within, bus",
        "deprived fifth within, bus",
        "losing, car",
        "losing, bus",
        "gap",
    )
    for name in (*(s[0] for s in settings), *figures):
        shown.add_column(
            name, justify="right", overflow="fold", min_width=11 if name in figures[:5] else None
        )
    failed: list[str] = []
    for r in table.to_dict(orient="records"):
        cells = [show(r) for _, show in settings]
        if r["error"]:
            failed.append(f"  {r['point']}: {r['error']}")
            shown.add_row(*cells, "failed (below)", *[""] * (len(figures) - 1))
            continue
        shown.add_row(
            *cells,
            *(
                _share(r[k], r[f"{k}_lo"], r[f"{k}_hi"])
                for k in ("within_car", "within_bus", "deprived_within_bus")
            ),
            *(_count(r[k], r[f"{k}_lo"], r[f"{k}_hi"]) for k in ("losing_car", "losing_bus")),
            f"{r['gap']:.2%}",
        )
    out.print(shown)
    if failed:
        out.print("[bold red]points that failed[/]:")
        for line in failed:
            out.print(line, markup=False)
