"""Plan the rounds of mobile outreach vehicles over a cycle of working days with OR-Tools' routing solver.

The model is a vehicle routing problem with time windows, several depots and several days
(Toth and Vigo 2014, ch. 5; Cordeau, Gendreau and Laporte 1997 for the periodic, multi-depot form):

- one routing "vehicle" per (real vehicle, day of the cycle), starting and ending at its depot;
- a time dimension whose transit from stop *i* to stop *j* is the minutes spent at *i* plus the
  driving minutes from *i* to *j*, with slack for waiting; every day starts no earlier than
  ``day_start``, ends no later than ``day_end`` and lasts at most ``max_day_minutes``, with a break
  of ``break_minutes`` starting between ``break_earliest`` and ``break_latest``;
- a stop visited *k* times a cycle becomes *k* copies, copy *j* allowed only on the *j*-th of *k*
  equal slices of the cycle; a fixed weekday or a time window restricts the days and arrival times;
- objective: total driving minutes plus ``route_day_cost_minutes`` for each route-day used, plus a
  penalty far above any route's cost for each visit left out (a disjunction), so a stop the days
  cannot fit comes back unserved rather than making the model infeasible.

First solution by parallel cheapest insertion, improved by guided local search (Voudouris and Tsang 1999)
within a time limit and a solution limit; one search worker, so with the solution limit reached the
same inputs give the same rounds. The solve runs in a separate interpreter
(:mod:`hubplan.outreach.circuit_worker`), because OR-Tools and highspy cannot share a process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hubplan.data.assumptions import Travel
from hubplan.data.circuit_settings import CircuitSettings
from hubplan.errors import InputError, Problem, SolverError

SCALE = 10
"""Solver time units per minute (the routing solver works in integers: tenths of a minute)."""

WEEKDAY_NAMES = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
"""Short weekday names (as settings write them) to full names."""


@dataclass(frozen=True)
class Stop:
    """A place a vehicle must call at.

    Parameters
    ----------
    id
        Unique identifier.
    lat, lon
        Position (degrees, WGS84).
    minutes
        Minutes the vehicle stays at each visit.
    visits
        Visits needed in each cycle.
    weekday
        A fixed weekday (``"Mon"`` … ``"Sun"``), or ``None`` for any working day.
    window_start, window_end
        When a visit may begin and must be over (minutes after midnight), or ``None``.
    name, community
        The stop's name (e.g. "The Green") and village or town, for timetables.
    """

    id: str
    lat: float
    lon: float
    minutes: float
    visits: int = 1
    weekday: str | None = None
    window_start: int | None = None
    window_end: int | None = None
    name: str = ""
    community: str = ""


@dataclass(frozen=True)
class Depot:
    """Where vehicles start and end each working day.

    Parameters
    ----------
    id
        Unique identifier.
    lat, lon
        Position (degrees, WGS84).
    vehicles
        Vehicles based there.
    """

    id: str
    lat: float
    lon: float
    vehicles: int


@dataclass(frozen=True)
class Visit:
    """One call at a stop: arrival and departure in minutes after midnight."""

    stop: str
    arrival: float
    departure: float


@dataclass(frozen=True)
class Route:
    """One vehicle's round on one day of the cycle.

    Parameters
    ----------
    vehicle, depot
        The vehicle's name (``depot-n``) and its depot's id.
    day
        Day of the cycle, from 1.
    weekday
        The day's weekday (short name).
    start, end
        Leaving and getting back to the depot (minutes after midnight).
    visits
        The calls in visiting order.
    drive_minutes
        Minutes driving, depot to depot.
    break_start
        When the break starts (minutes after midnight), or ``None`` when it falls outside the round.
    """

    vehicle: str
    depot: str
    day: int
    weekday: str
    start: float
    end: float
    visits: tuple[Visit, ...]
    drive_minutes: float
    break_start: float | None = None

    @property
    def stops(self) -> tuple[str, ...]:
        """The stop ids in visiting order."""
        return tuple(v.stop for v in self.visits)


@dataclass(frozen=True)
class Unserved:
    """A stop visit left out of the plan, and why."""

    stop: str
    reason: str


@dataclass(frozen=True)
class CircuitPlan:
    """The rounds of a cycle, what they leave unserved, and how the solver got there.

    Parameters
    ----------
    routes
        Every route-day used, by day then vehicle.
    unserved
        Each visit left out, with the reason.
    days
        Working days in the cycle.
    settings
        The working-day settings used.
    status
        The routing solver's status name.
    time_limit_seconds, solution_limit
        The search's limits.
    wall_seconds
        How long the search ran.
    solutions
        Solutions the search found (it stops at ``solution_limit``: then the plan is reproducible).
    notes
        What a reader should know about how the search ended.
    """

    routes: tuple[Route, ...]
    unserved: tuple[Unserved, ...]
    days: int
    settings: CircuitSettings
    status: str
    time_limit_seconds: float
    solution_limit: int
    wall_seconds: float = 0.0
    solutions: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def drive_minutes(self) -> float:
        """Total driving minutes over the cycle."""
        return float(sum(r.drive_minutes for r in self.routes))

    @property
    def longest_day_minutes(self) -> float:
        """The longest route-day, depot to depot (minutes, break included)."""
        return max((r.end - r.start for r in self.routes), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        """Return the plan as JSON-ready values (times as ``HH:MM``).

        Returns
        -------
        dict
            ``routes`` (vehicle, depot, day, weekday, stops, arrivals, departures, start, end,
            drive_minutes, break_start), ``unserved`` (stop ids), ``unserved_reasons``, and totals.
        """
        return {
            "days": self.days,
            "routes": [
                {
                    "vehicle": r.vehicle,
                    "depot": r.depot,
                    "day": r.day,
                    "weekday": r.weekday,
                    "stops": list(r.stops),
                    "arrivals": [clock(v.arrival) for v in r.visits],
                    "departures": [clock(v.departure) for v in r.visits],
                    "start": clock(r.start),
                    "end": clock(r.end),
                    "drive_minutes": round(r.drive_minutes, 1),
                    "break_start": None if r.break_start is None else clock(r.break_start),
                }
                for r in self.routes
            ],
            "unserved": [u.stop for u in self.unserved],
            "unserved_reasons": [{"stop": u.stop, "reason": u.reason} for u in self.unserved],
            "route_days": len(self.routes),
            "drive_minutes": round(self.drive_minutes, 1),
            "longest_day_minutes": round(self.longest_day_minutes, 1),
            "solver": {
                "status": self.status,
                "time_limit_seconds": self.time_limit_seconds,
                "solution_limit": self.solution_limit,
                "wall_seconds": round(self.wall_seconds, 2),
                "solutions": self.solutions,
            },
            "notes": list(self.notes),
        }


def clock(minutes: float) -> str:
    """Format minutes after midnight as ``HH:MM`` (rounded to the minute).

    Parameters
    ----------
    minutes
        Minutes after midnight.

    Returns
    -------
    str
        The time of day.
    """
    whole = round(minutes)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def circuit_minutes(stops: tuple[Stop, ...], depots: tuple[Depot, ...], *, travel: Travel) -> np.ndarray:
    """Estimate driving minutes between every depot and stop with the workspace's car model.

    Parameters
    ----------
    stops, depots
        The places; the matrix's order is depots first, then stops.
    travel
        The ``[travel]`` assumptions (the car table is used).

    Returns
    -------
    numpy.ndarray
        (D + S, D + S) float64 minutes; zero between places at the same position.
    """
    from hubplan.travel import estimate_minutes

    points = np.array([[d.lat, d.lon] for d in depots] + [[s.lat, s.lon] for s in stops], dtype=np.float64)
    minutes = np.asarray(estimate_minutes(points, points, "car", assumptions=travel), dtype=np.float64)
    same = (points[:, None, 0] == points[None, :, 0]) & (points[:, None, 1] == points[None, :, 1])
    minutes[same] = 0.0
    return minutes


def day_weekdays(days: int, settings: CircuitSettings) -> list[str]:
    """Return the weekday of each day of the cycle (day 1 first).

    Parameters
    ----------
    days
        Working days in the cycle.
    settings
        The working days.

    Returns
    -------
    list of str
        Short weekday names, cycling through ``settings.working_days``.
    """
    return [settings.working_days[d % len(settings.working_days)] for d in range(days)]


@dataclass(frozen=True)
class _Node:
    stop: int  # index into stops
    days: tuple[int, ...]  # allowed days, from 0


def _check_inputs(stops: tuple[Stop, ...], depots: tuple[Depot, ...], minutes: np.ndarray, days: int) -> None:
    problems: list[Problem] = []
    n = len(depots) + len(stops)
    if minutes.shape != (n, n):
        problems.append(
            Problem("minutes", None, None, f"a {n} x {n} matrix (depots then stops)", str(minutes.shape))
        )
    elif not np.all(np.isfinite(minutes)) or np.any(minutes < 0):
        problems.append(Problem("minutes", None, None, "finite minutes of 0 or more", "NaN or negative"))
    if days < 1:
        problems.append(Problem("days", None, None, "1 or more working days", str(days)))
    if sum(d.vehicles for d in depots) < 1:
        problems.append(Problem("depots", None, "vehicles", "at least one vehicle", "none"))
    if problems:
        raise InputError(problems, "the circuit problem is not well formed")


def _precheck(
    index: int, stop: Stop, depots: tuple[Depot, ...], minutes: np.ndarray, settings: CircuitSettings
) -> str | None:
    """Return why no vehicle-day could ever serve the stop, or ``None``."""
    if stop.weekday is not None and stop.weekday not in settings.working_days:
        return f"its weekday {stop.weekday} is not a working day ({', '.join(settings.working_days)})"
    start, end = settings.minutes_of(settings.day_start), settings.minutes_of(settings.day_end)
    best: tuple[float, str] | None = None
    for k, depot in enumerate(depots):
        if depot.vehicles < 1:
            continue
        out, back = minutes[k, len(depots) + index], minutes[len(depots) + index, k]
        needed = out + stop.minutes + back
        if best is None or needed < best[0]:
            best = (needed, depot.id)
        arrive = max(start + out, stop.window_start or 0)
        leave = arrive + stop.minutes
        window_ok = stop.window_end is None or leave <= stop.window_end
        if window_ok and leave + back <= end and needed <= settings.max_day_minutes:
            return None
    assert best is not None  # _check_inputs guarantees a vehicle
    limit = min(settings.max_day_minutes, end - start)
    if best[0] > limit:
        return (
            f"farther than a working day allows: from the nearest depot ({best[1]}) the drive there and "
            f"back plus {stop.minutes:g} minutes at the stop take {best[0]:.0f} minutes, more than the "
            f"{limit:g} minutes of a working day"
        )
    return (
        f"its time window ({clock(stop.window_start or start)}-{clock(stop.window_end or end)}) cannot "
        f"be reached from any depot within the working day ({settings.day_start}-{settings.day_end})"
    )


def _nodes(
    stops: tuple[Stop, ...],
    depots: tuple[Depot, ...],
    minutes: np.ndarray,
    days: int,
    settings: CircuitSettings,
) -> tuple[list[_Node], list[Unserved]]:
    weekdays = day_weekdays(days, settings)
    nodes: list[_Node] = []
    unserved: list[Unserved] = []
    for i, stop in enumerate(stops):
        reason = _precheck(i, stop, depots, minutes, settings)
        if reason is None and stop.visits > days:
            reason = f"it needs {stop.visits} visits but the cycle has {days} days"
        if reason is not None:
            unserved.extend(Unserved(stop.id, reason) for _ in range(stop.visits))
            continue
        for j in range(stop.visits):
            lo, hi = (j * days) // stop.visits, ((j + 1) * days) // stop.visits
            allowed = tuple(d for d in range(lo, hi) if stop.weekday is None or weekdays[d] == stop.weekday)
            if not allowed:
                which = f"visit {j + 1} of {stop.visits}"
                unserved.append(
                    Unserved(stop.id, f"{which} falls on days {lo + 1}-{hi}, none of them a {stop.weekday}")
                )
                continue
            nodes.append(_Node(i, allowed))
    return nodes, unserved


def plan_circuits(
    stops: tuple[Stop, ...],
    depots: tuple[Depot, ...],
    minutes: np.ndarray,
    *,
    days: int,
    settings: CircuitSettings,
    time_limit_seconds: float = 60.0,
    solution_limit: int = 100,
) -> CircuitPlan:
    """Plan which vehicle visits which stops on which day of the cycle, in what order.

    Parameters
    ----------
    stops, depots
        The places (ids unique, as the readers check).
    minutes
        (D + S, D + S) driving minutes, depots first then stops, e.g. from :func:`circuit_minutes`
        or a routed matrix.
    days
        Working days in the cycle (e.g. 20 for four weeks of five days).
    settings
        The working day (``[circuits]`` in ``hubplan.toml``).
    time_limit_seconds
        Most seconds the guided local search runs.
    solution_limit
        Most solutions the search visits; reached before the time limit, the result is reproducible.

    Returns
    -------
    CircuitPlan
        The rounds, and every visit left out with its reason.

    Raises
    ------
    InputError
        For a matrix of the wrong shape, no days or no vehicles.
    SolverError
        When the routing solver returns no solution at all.
    """
    minutes = np.asarray(minutes, dtype=np.float64)
    _check_inputs(stops, depots, minutes, days)
    if any(d.vehicles < 1 for d in depots):  # a depot with no vehicle is no node of the model
        keep = [k for k, d in enumerate(depots) if d.vehicles > 0]
        keep += list(range(len(depots), len(depots) + len(stops)))
        minutes, depots = minutes[np.ix_(keep, keep)], tuple(d for d in depots if d.vehicles > 0)
    nodes, unserved = _nodes(stops, depots, minutes, days, settings)
    weekdays = day_weekdays(days, settings)
    vehicles = [
        (k, n, d) for d in range(days) for k, depot in enumerate(depots) for n in range(depot.vehicles)
    ]
    n_depots = len(depots)
    # Routing node -> row of the minutes matrix: depots, then one node per stop visit.
    rows = np.array(list(range(n_depots)) + [n_depots + node.stop for node in nodes], dtype=np.int64)
    service = [0] * n_depots + [round(stops[node.stop].minutes * SCALE) for node in nodes]
    day_start = settings.minutes_of(settings.day_start) * SCALE
    day_end = settings.minutes_of(settings.day_end) * SCALE
    breaks = None
    if settings.break_minutes > 0:
        breaks = [
            settings.minutes_of(settings.break_earliest) * SCALE,
            settings.minutes_of(settings.break_latest) * SCALE,
            round(settings.break_minutes * SCALE),
        ]
    span_max = round(settings.max_day_minutes * SCALE)
    # Without time windows the break can go in any gap, so the solver plans days shorter by the
    # break (far faster than OR-Tools' break intervals) and the timetable puts the break in.
    timed = any(stops[node.stop].window_start is not None for node in nodes)
    solver_break, solver_end, solver_span = breaks, day_end, span_max
    if breaks is not None and not timed:
        solver_break, solver_end, solver_span = None, day_end - breaks[2], span_max - breaks[2]
    windows: list[list[int]] = [[day_start, solver_end]] * n_depots
    allowed: list[list[int] | None] = [None] * n_depots
    for n, node in enumerate(nodes, start=n_depots):
        stop = stops[node.stop]
        lo = max(day_start, (stop.window_start or 0) * SCALE)
        hi = solver_end - service[n]
        if stop.window_end is not None:
            hi = min(hi, stop.window_end * SCALE - service[n])
        windows.append([lo, hi])
        allowed.append([v for v, (_, _, d) in enumerate(vehicles) if d in node.days])
    payload = {
        "scale": SCALE,
        "starts": [v[0] for v in vehicles],
        "ends": [v[0] for v in vehicles],
        "drive": np.rint(minutes[np.ix_(rows, rows)] * SCALE).astype(np.int64).tolist(),
        "service": service,
        "windows": windows,
        "allowed": allowed,
        "day": [day_start, solver_end],
        "span_max": solver_span,
        "fixed_cost": round(settings.route_day_cost_minutes * SCALE),
        # Far above any plan's driving, so a visit is left out only when no day can take it.
        "penalty": 10_000_000 * SCALE,
        "break": solver_break,
        "timetable": {"day_end": day_end, "span_max": span_max, "break": breaks},
        "time_limit_ms": max(1, round(time_limit_seconds * 1000)),
        "solution_limit": solution_limit,
    }
    answer: dict[str, Any] = {"status": "ROUTING_SUCCESS", "wall_seconds": 0.0, "solutions": 0, "routes": []}
    if nodes:
        answer = _run_worker(payload)

    if answer["routes"] is None:
        msg = f"the routing solver found no plan (status {answer['status']}); try a longer time limit"
        raise SolverError(msg)

    routes: list[Route] = []
    served: set[int] = set()
    for item in answer["routes"]:
        k, n_vehicle, d = vehicles[item["vehicle"]]
        visits: list[Visit] = []
        previous, drive_total = k, 0.0
        for node, at in zip(item["nodes"], item["times"], strict=True):
            served.add(node)
            row = int(rows[node])
            drive_total += float(minutes[previous, row])
            arrival = at / SCALE
            visits.append(
                Visit(stops[nodes[node - n_depots].stop].id, arrival, arrival + service[node] / SCALE)
            )
            previous = row
        drive_total += float(minutes[previous, k])
        start, end = item["start"] / SCALE, item["end"] / SCALE
        brk = None if item["break_start"] is None else item["break_start"] / SCALE
        routes.append(
            Route(
                vehicle=f"{depots[k].id}-{n_vehicle + 1}",
                depot=depots[k].id,
                day=d + 1,
                weekday=weekdays[d],
                start=start,
                end=end,
                visits=tuple(visits),
                drive_minutes=drive_total,
                break_start=brk if brk is not None and start <= brk < end else None,
            )
        )
    for n, node in enumerate(nodes, start=n_depots):
        if n not in served:
            unserved.append(
                Unserved(
                    stops[node.stop].id,
                    "no vehicle-day of the cycle had room for it in the time the solver was given "
                    "(more vehicles, days or solver time may serve it)",
                )
            )
    routes.sort(key=lambda r: (r.day, r.vehicle))
    solutions = int(answer["solutions"])
    if not nodes or solutions >= solution_limit:
        note = (
            f"The search stopped at its solution limit ({solution_limit}): the same inputs give the "
            "same plan."
        )
    else:
        note = (
            f"The search stopped at its time limit ({time_limit_seconds:g} s) after {solutions} of "
            f"{solution_limit} solutions, so a rerun may differ: give it more time or a lower solution "
            "limit for a reproducible plan."
        )
    return CircuitPlan(
        routes=tuple(routes),
        unserved=tuple(unserved),
        days=days,
        settings=settings,
        status=str(answer["status"]),
        time_limit_seconds=time_limit_seconds,
        solution_limit=solution_limit,
        wall_seconds=float(answer["wall_seconds"]),
        solutions=solutions,
        notes=(note,),
    )


def _run_worker(payload: dict[str, Any]) -> dict[str, Any]:
    """Solve in a fresh interpreter (see :mod:`hubplan.outreach.circuit_worker` for why)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    worker = Path(__file__).with_name("circuit_worker.py")
    done = subprocess.run(
        [sys.executable, str(worker)],
        input=json.dumps(payload).encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        msg = f"the routing solver failed: {detail[-1] if detail else f'exit code {done.returncode}'}"
        raise SolverError(msg)
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer
