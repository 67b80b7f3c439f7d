"""The report's section on outreach rounds: what the vehicles do, what they cost, whom they reach, a map."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from hubplan.analysis import Analysis
from hubplan.data.boundaries import read_boundaries
from hubplan.data.workspace import Workspace
from hubplan.outreach.circuit_costs import MODELLED
from hubplan.outreach.circuit_map import rounds_map
from hubplan.outreach.circuits import WEEKDAY_NAMES, clock
from hubplan.report import charts
from hubplan.report import format as fmt


def rounds_section(workspace: Workspace, analysis: Analysis) -> dict[str, Any] | None:
    """Format the analysis's rounds for the report: facts, cost, a map of all rounds, a table per vehicle.

    Rendering only: the rounds are planned in the analysis (:func:`hubplan.analysis.circuits.report_rounds`).

    Parameters
    ----------
    workspace
        The workspace (its title for scenarios, its district outlines for the map).
    analysis
        The analysis.

    Returns
    -------
    dict or None
        ``title``, ``lead``, ``facts`` (label, value rows), ``svg``, ``alt``, ``notes`` and
        ``vehicles`` (each with ``name``, ``depot`` and ``rows``); ``None`` without rounds.
    """
    rounds = analysis.rounds
    if rounds is None:
        return None
    plan, cost = rounds.plan, rounds.cost
    scenario = workspace.scenarios.get(rounds.scenario)
    title = scenario.title if scenario is not None else rounds.scenario
    people = rounds.people
    names = {s.id: s.name or s.id for s in rounds.stops}
    stops_unserved = len(rounds.stops) - len(rounds.served)
    settings = plan.settings
    facts = [
        ("stops proposed (one per neighbourhood with " + people + " beyond reach)", f"{len(rounds.stops):,}"),
        ("  called at", f"{len(rounds.served):,}"),
        ("  left out", f"{stops_unserved:,}"),
        (f"{people} beyond reach at the stops called at", fmt.families(rounds.families_served)),
        (f"{people} beyond reach at stops left out", fmt.families(rounds.families_unserved)),
        (f"route-days in a cycle of {plan.days} working days", f"{len(plan.routes):,}"),
        ("vehicles used", f"{cost.vehicles:,} of {sum(d.vehicles for d in rounds.depots):,}"),
        ("driving in a cycle", f"{plan.drive_minutes / 60:,.1f} hours"),
        ("longest day, depot to depot", f"{plan.longest_day_minutes:.0f} minutes"),
        ("cost a year (modelled)", fmt.money(cost.cost_per_year)),
        (f"  vehicles ({fmt.money(settings.vehicle_cost_per_year)} each)",
         fmt.money(cost.vehicles_cost_per_year)),
        (f"  staff ({cost.staff_hours_per_year:,.0f} hours, {settings.staff_per_vehicle} a vehicle)",
         fmt.money(cost.staff_cost_per_year)),
        (f"  mileage ({cost.km_per_year:,.0f} road km)", fmt.money(cost.km_cost_per_year)),
    ]  # fmt: skip
    outlines = read_boundaries(workspace.path)["district"]
    spec = rounds_map(
        plan.routes,
        rounds.stops,
        rounds.depots,
        title=f"{title}: every round of the cycle",
        outlines=outlines,
        numbered=False,
        width=520,
        height=420,
    )
    by_vehicle: dict[str, list[Any]] = defaultdict(list)
    for route in plan.routes:
        by_vehicle[route.vehicle].append(route)
    vehicles = [
        {
            "name": vehicle,
            "depot": routes[0].depot,
            "rows": [
                [
                    str(r.day),
                    WEEKDAY_NAMES[r.weekday],
                    f"{clock(r.start)}-{clock(r.end)}",
                    f"{r.drive_minutes:.0f}",
                    "; ".join(f"{clock(v.arrival)} {names.get(v.stop, v.stop)}" for v in r.visits),
                ]
                for r in sorted(routes, key=lambda r: r.day)
            ],
        }
        for vehicle, routes in sorted(by_vehicle.items())
    ]
    lead = (
        f"{title}: {_vehicles(settings.vehicles_per_base)} the neighbourhoods whose {people} are beyond "
        f"reach of every base, calling once every {plan.days} working days for "
        f"{settings.stop_minutes:g} minutes plus {settings.stop_minutes_per_family:g} "
        f"minute{'s' if settings.stop_minutes_per_family != 1 else ''} for each "
        f"{'family' if people == 'families' else 'child'} beyond reach there "
        f"(at most {settings.stop_max_minutes:g} minutes). The rounds are planned with OR-Tools' "
        f"routing solver on the car model's minutes; the cost is {MODELLED}."
    )
    notes = [*plan.notes]
    notes += [f"{names.get(u.stop, u.stop)}: {u.reason}" for u in plan.unserved[:20]]
    if len(plan.unserved) > 20:
        notes.append(f"{len(plan.unserved) - 20} more stops left out; hubplan circuits lists them all.")
    return {
        "title": title,
        "lead": lead,
        "facts": facts,
        "svg": charts.to_svg(spec),
        "alt": f"Map of the rounds of {title}: lines from each base (triangles) through its stops and back",
        "caption": "Lines join the calls in visiting order (not the roads driven); a colour a vehicle.",
        "notes": notes,
        "vehicles": vehicles,
        "command": f"hubplan circuits WORKSPACE {rounds.scenario} --days {plan.days} --out DIR",
    }


def _vehicles(n: int) -> str:
    """Say who tours: ``"a vehicle based at each base tours"`` or ``"2 vehicles based at each base tour"``."""
    return "a vehicle based at each base tours" if n == 1 else f"{n} vehicles based at each base tour"
