"""The report's section on outreach rounds: what the vehicles do, what they cost, whom they reach, a map."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from hubplan.analysis import Analysis
from hubplan.report import charts
from hubplan.report import format as fmt


def rounds_section(analysis: Analysis) -> dict[str, Any] | None:
    """Format the analysis's rounds for the report: facts, cost, a map of all rounds, a table per vehicle.

    Rendering only: the rounds are planned in the analysis (:func:`hubplan.analysis.circuits.report_rounds`).

    Parameters
    ----------
    analysis
        The analysis: its rounds and their view (each vehicle-day in words, the map).

    Returns
    -------
    dict or None
        ``title``, ``lead``, ``facts`` (label, value rows), ``svg``, ``alt``, ``notes`` and
        ``vehicles`` (each with ``name``, ``depot`` and ``rows``); ``None`` without rounds.
    """
    shown = analysis.rounds_view
    if shown is None:
        return None
    rounds, title = shown.rounds, shown.title
    plan, cost = rounds.plan, rounds.cost
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
    vehicles = [
        {
            "name": vehicle,
            "depot": days[0].depot,
            "rows": [
                [str(d.day), d.weekday, f"{d.start}-{d.end}", f"{d.drive_minutes:.0f}",
                 "; ".join(f"{arrival} {name}" for arrival, name in d.calls)]
                for d in days
            ],
        }
        for vehicle, days in ((v, list(g)) for v, g in groupby(shown.days, key=lambda d: d.vehicle))
    ]  # fmt: skip
    lead = (
        f"{title}: {_vehicles(settings.vehicles_per_base)} the neighbourhoods whose {people} are beyond "
        f"reach of every base, calling once every {plan.days} working days for "
        f"{settings.stop_minutes:g} minutes plus {settings.stop_minutes_per_family:g} "
        f"minute{'s' if settings.stop_minutes_per_family != 1 else ''} for each "
        f"{'family' if people == 'families' else 'child'} beyond reach there "
        f"(at most {settings.stop_max_minutes:g} minutes). The rounds are planned with OR-Tools' "
        f"routing solver on the car model's minutes; the cost is {shown.cost_basis}."
    )
    notes = [*plan.notes]
    notes += [f"{names.get(u.stop, u.stop)}: {u.reason}" for u in plan.unserved[:20]]
    if len(plan.unserved) > 20:
        notes.append(f"{len(plan.unserved) - 20} more stops left out; hubplan circuits lists them all.")
    return {
        "title": title,
        "lead": lead,
        "facts": facts,
        "svg": charts.to_svg(shown.map),
        "alt": f"Map of the rounds of {title}: lines from each base (triangles) through its stops and back",
        "caption": "Lines join the calls in visiting order (not the roads driven); a colour a vehicle. "
        "The tables below list each vehicle's calls, day by day, in the same order.",
        "notes": notes,
        "vehicles": vehicles,
        "command": f"hubplan circuits WORKSPACE {rounds.scenario} --days {plan.days} --out DIR",
    }


def _vehicles(n: int) -> str:
    """Say who tours: ``"a vehicle based at each base tours"`` or ``"2 vehicles based at each base tour"``."""
    return "a vehicle based at each base tours" if n == 1 else f"{n} vehicles based at each base tour"
