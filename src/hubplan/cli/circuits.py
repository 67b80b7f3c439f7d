"""The ``circuits`` command: plan the rounds of mobile outreach vehicles over a cycle of working days."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from hubplan.cli.common import app, finite, handles_errors, load, out, output_folder, print_json, travel_for
from hubplan.data.assumptions import DEFAULT_ASSUMPTIONS, Assumptions, load_assumptions
from hubplan.data.circuit_settings import MAX_CYCLE_DAYS
from hubplan.errors import HubplanError, InputError, Problem
from hubplan.outreach.circuits import Depot, Stop


def _from_tables(
    stops_csv: Path, scenario: str | None, depots: Path | None, settings: Path | None
) -> tuple[tuple[Stop, ...], tuple[Depot, ...], Assumptions]:
    from hubplan.outreach.circuit_input import read_depots, read_stops

    problems: list[Problem] = []
    if scenario is not None:
        problems.append(Problem("SCENARIO", None, None, "a scenario only after a workspace folder", scenario))
    if depots is None:
        problems.append(Problem("--depots", None, None, "a depots table (id, lat, lon, vehicles)", "none"))
    assumptions = DEFAULT_ASSUMPTIONS if settings is None else load_assumptions(settings)
    stops: tuple[Stop, ...] = ()
    depot_list: tuple[Depot, ...] = ()
    try:
        stops = read_stops(stops_csv)
    except InputError as exc:
        problems += exc.problems
    if depots is not None:
        try:
            depot_list = read_depots(depots)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems, f"the stops and depots have {len(problems)} problem(s)")
    return stops, depot_list, assumptions


def _from_scenario(
    directory: Path, scenario: str | None, settings: Path | None
) -> tuple[tuple[Stop, ...], tuple[Depot, ...], Assumptions]:
    from hubplan.outreach.circuit_scenario import scenario_stops

    if scenario is None:
        raise InputError(
            [Problem("SCENARIO", None, None, "a scenario's name after the workspace folder", "none")]
        )
    if settings is not None:
        raise InputError([Problem("--settings", None, None, "no --settings with a workspace", str(settings))])
    workspace = load(directory)
    stops, depot_list = scenario_stops(workspace, travel_for(workspace), workspace.scenario(scenario))
    if not stops:
        raise HubplanError(f"scenario {scenario!r} leaves no family beyond reach: no rounds to plan")
    return stops, depot_list, workspace.assumptions


@app.command()
@handles_errors
def circuits(
    stops_csv: Annotated[
        Path,
        typer.Argument(
            help="Stops: id, lat, lon, minutes; optional visits, weekday, window_start, window_end, "
            "name, community. Or a workspace folder, with SCENARIO."
        ),
    ],
    scenario: Annotated[
        str | None,
        typer.Argument(help="With a workspace folder: plan rounds for the families this scenario leaves."),
    ] = None,
    depots: Annotated[
        Path | None, typer.Option("--depots", help="Depots: id, lat, lon, vehicles (with a stops file).")
    ] = None,
    days: Annotated[
        int,
        typer.Option(help=f"Working days in the cycle, 1 to {MAX_CYCLE_DAYS} (20: four weeks of five days)."),
    ] = 20,
    settings: Annotated[
        Path | None,
        typer.Option(
            help="A hubplan.toml whose [circuits] and [travel.car] tables apply (default: defaults)."
        ),
    ] = None,
    time_limit: Annotated[
        float, typer.Option(parser=finite, help="Most seconds the solver searches.")
    ] = 60.0,
    solution_limit: Annotated[
        int, typer.Option(help="Most solutions the search visits (reached first: reproducible).")
    ] = 100,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Write plan.json, CSVs and printable HTML timetables to this folder."),
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="A citation for the stop data, printed on every timetable.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
) -> None:
    """Plan which vehicle visits which stop on which day, in what order, with the least driving.

    Give a stops table and --depots, or a workspace folder and a scenario: then each area with
    families beyond reach of the scenario's bases gets a stop, and each base its vehicles.
    """
    from hubplan.outreach.circuit_costs import circuit_km, rounds_cost
    from hubplan.outreach.circuit_output import (
        check_circuit_outputs_first,
        cost_sentence,
        write_circuit_outputs,
    )
    from hubplan.outreach.circuits import circuit_minutes, clock, plan_circuits

    if not 1 <= days <= MAX_CYCLE_DAYS:  # before anything is read: 100000 days ran for minutes unanswered
        expected = (
            f"1 to {MAX_CYCLE_DAYS} working days (the limit [circuits] cycle_days has: each day is one "
            "more route per vehicle to solve, and rounds that come round less than once a year are no "
            "timetable)"
        )
        raise InputError([Problem("--days", None, None, expected, str(days))])
    if out_dir is not None:
        output_folder(out_dir)
        check_circuit_outputs_first(out_dir)  # before the solving, not after it
    if stops_csv.is_dir():
        stops, depot_list, assumptions = _from_scenario(stops_csv, scenario, settings)
    else:
        stops, depot_list, assumptions = _from_tables(stops_csv, scenario, depots, settings)
    minutes = circuit_minutes(stops, depot_list, travel=assumptions.travel)
    plan = plan_circuits(
        stops,
        depot_list,
        minutes,
        days=days,
        settings=assumptions.circuits,
        time_limit_seconds=time_limit,
        solution_limit=solution_limit,
    )
    cost = rounds_cost(
        plan,
        stops,
        depot_list,
        circuit_km(stops, depot_list, travel=assumptions.travel),
        costs=assumptions.costs,
    )
    written = []
    if out_dir is not None:
        outlines: list[dict[str, Any]] = []
        if stops_csv.is_dir():
            from hubplan.data.boundaries import read_boundaries

            outlines = read_boundaries(stops_csv)["district"]
        written = write_circuit_outputs(
            plan, stops, out_dir, source=source, depots=depot_list, outlines=outlines, cost=cost
        )
    if as_json:
        document = plan.to_dict()
        document["cost"] = cost.to_dict()
        if source:
            document["source"] = source
        print_json(document)
        return
    table = Table(title=f"Rounds over a {days}-day cycle")
    for header in ("day", "weekday", "vehicle", "leaves", "back", "stops", "drive min"):
        table.add_column(header, justify="right" if header in ("day", "stops", "drive min") else "left")
    for route in plan.routes:
        table.add_row(
            str(route.day),
            route.weekday,
            route.vehicle,
            clock(route.start),
            clock(route.end),
            str(len(route.visits)),
            f"{route.drive_minutes:.0f}",
        )
    out.print(table)
    out.print(
        f"{len(plan.routes)} route-days, {plan.drive_minutes:,.0f} minutes driving, longest day "
        f"{plan.longest_day_minutes:.0f} minutes; solver: {plan.status} in {plan.wall_seconds:.1f} s"
    )
    out.print(cost_sentence(cost), markup=False)
    for note in plan.notes:
        out.print(note, markup=False)
    for item in plan.unserved:
        out.print(f"unserved {item.stop}: {item.reason}", markup=False)
    if source:
        out.print(f"Stop data: {source}", markup=False)
    for path in written:
        out.print(f"wrote {path}")
