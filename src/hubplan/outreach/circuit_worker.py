"""Solve one circuit routing model with OR-Tools in a process of its own (JSON on stdin, JSON on stdout).

OR-Tools' wheel and highspy's each ship a ``libhighs.so.1`` of a different HiGHS version; a process
can load only one library of that name, so whichever loads second fails. hubplan imports highspy
wherever it optimises, so the routing solver runs here, in a fresh interpreter started on this file
by path (which imports no hubplan module, and so never loads highspy).

The payload (every time in solver units, integers):

- ``starts``, ``ends``: each routing vehicle's depot node;
- ``drive``: the driving matrix (node by node); ``service``: each node's minutes at the stop;
- ``windows``: each node's ``[earliest, latest]`` start of service;
- ``allowed``: for each node, the vehicles that may visit it (``null`` for depots);
- ``day``: ``[start, end]``; ``span_max``; ``fixed_cost``; ``penalty``;
- ``break``: ``[earliest, latest, duration]`` or ``null`` (the solver's break intervals);
- ``timetable``: the real ``day_end``, ``span_max`` and ``break`` the retimed timetable keeps (the
  solver's day may be shorter by the break, which the timetable then puts in);
- ``time_limit_ms``, ``solution_limit``.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any


def solve(payload: dict[str, Any]) -> dict[str, Any]:
    """Build and solve the routing model the payload describes.

    Parameters
    ----------
    payload
        The model, as the module docstring lists (times in solver units).

    Returns
    -------
    dict
        ``status`` (the routing status name), ``wall_seconds``, ``solutions`` found, and ``routes``:
        for each used vehicle, its ``vehicle`` index, visited ``nodes`` in order, their ``times``
        (start of service, retimed by :func:`compact` where it can),
        ``start``, ``end`` and ``break_start`` (``null`` when no break); or ``routes`` null when the
        solver found no solution.
    """
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    starts: list[int] = payload["starts"]
    ends: list[int] = payload["ends"]
    drive: list[list[int]] = payload["drive"]
    service: list[int] = payload["service"]
    n_vehicles = len(starts)
    manager = pywrapcp.RoutingIndexManager(len(drive), n_vehicles, starts, ends)
    model = pywrapcp.RoutingModel(manager)

    def arc(i: int, j: int) -> int:
        return int(drive[manager.IndexToNode(i)][manager.IndexToNode(j)])

    def transit(i: int, j: int) -> int:
        a = manager.IndexToNode(i)
        return int(service[a] + drive[a][manager.IndexToNode(j)])

    model.SetArcCostEvaluatorOfAllVehicles(model.RegisterTransitCallback(arc))
    model.SetFixedCostOfAllVehicles(payload["fixed_cost"])
    horizon = 24 * 60 * payload["scale"]
    model.AddDimension(model.RegisterTransitCallback(transit), horizon, horizon, False, "time")
    time_dim = model.GetDimensionOrDie("time")
    day_start, day_end = payload["day"]
    depots = set(starts) | set(ends)
    for node, (lo, hi) in enumerate(payload["windows"]):
        if node in depots:
            continue
        index = manager.NodeToIndex(node)
        model.AddDisjunction([index], payload["penalty"])
        time_dim.CumulVar(index).SetRange(lo, hi)
        allowed = payload["allowed"][node]
        if len(allowed) < n_vehicles:
            model.VehicleVar(index).SetValues([-1, *allowed])
    solver = model.solver()
    breaks = payload["break"]
    # Minutes spent at each routing index (not node: starts and ends have indices of their own).
    visit_transits = [service[manager.IndexToNode(i)] for i in range(model.Size())]
    visit_transits += [0] * n_vehicles  # the ends
    for v in range(n_vehicles):
        time_dim.CumulVar(model.Start(v)).SetRange(day_start, day_end)
        time_dim.CumulVar(model.End(v)).SetRange(day_start, day_end)
        time_dim.SetSpanUpperBoundForVehicle(payload["span_max"], v)
        if breaks is not None:
            earliest, latest, duration = breaks
            interval = solver.FixedDurationIntervalVar(earliest, latest, duration, False, f"break {v}")
            time_dim.SetBreakIntervalsOfVehicle([interval], v, visit_transits)
    # Reported times as early as the order allows: leave at the day's start, call, get back.
    for v in range(n_vehicles):
        model.AddVariableMinimizedByFinalizer(time_dim.CumulVar(model.Start(v)))
    for node in range(len(drive)):
        if node not in depots:
            model.AddVariableMinimizedByFinalizer(time_dim.CumulVar(manager.NodeToIndex(node)))
    for v in range(n_vehicles):
        model.AddVariableMinimizedByFinalizer(time_dim.CumulVar(model.End(v)))

    params = pywrapcp.DefaultRoutingSearchParameters()
    # Parallel cheapest insertion: on Norfolk's 1,269 stops its first solution alone drives less than
    # the cheapest arc's after 2 minutes of guided local search (bench/results/circuits.md).
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    if payload["solution_limit"] > 1:
        params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(payload["time_limit_ms"])
    params.solution_limit = payload["solution_limit"]
    found = [0]

    def count() -> None:
        found[0] += 1

    model.AddAtSolutionCallback(count)
    began = time.perf_counter()
    solution = model.SolveWithParameters(params)
    wall = time.perf_counter() - began
    status = routing_enums_pb2.RoutingSearchStatus.Value.Name(model.status())
    if solution is None:
        return {"status": status, "wall_seconds": wall, "solutions": found[0], "routes": None}
    break_starts: dict[str, int] = {}
    intervals = solution.IntervalVarContainer()
    for e in range(intervals.Size()):
        element = intervals.Element(e)
        if element.PerformedValue():
            break_starts[element.Var().Name()] = element.StartValue()
    routes = []
    for v in range(n_vehicles):
        if not model.IsVehicleUsed(solution, v):
            continue
        nodes, times = [], []
        index = solution.Value(model.NextVar(model.Start(v)))
        while not model.IsEnd(index):
            nodes.append(manager.IndexToNode(index))
            times.append(solution.Value(time_dim.CumulVar(index)))
            index = solution.Value(model.NextVar(index))
        found_route = {
            "vehicle": v,
            "nodes": nodes,
            "times": times,
            "start": solution.Value(time_dim.CumulVar(model.Start(v))),
            "end": solution.Value(time_dim.CumulVar(model.End(v))),
            "break_start": break_starts.get(f"break {v}"),
        }
        routes.append(compact(found_route, starts[v], payload) or found_route)
    return {"status": status, "wall_seconds": wall, "solutions": found[0], "routes": routes}


def compact(route: dict[str, Any], depot: int, payload: dict[str, Any]) -> dict[str, Any] | None:
    """Retime a route as early as its order allows, the break at the first gap after it may start.

    The solver's times are feasible but may hold waits anywhere; a timetable should not. Leaving at
    the solver's start, each call begins on arrival (or when its window opens); the break is taken at
    the first gap once it may start, or at its earliest when the next call would end past its
    latest start. Returns ``None`` when these times break a rule (then the solver's times stand).
    """
    drive, service, windows = payload["drive"], payload["service"], payload["windows"]
    timetable = payload["timetable"]
    now, where, taken = route["start"], depot, timetable["break"] is None
    earliest, latest, duration = timetable["break"] or (0, 0, 0)
    # Days the solver planned shorter by the break may end that much later once it is in.
    slack = timetable["day_end"] - payload["day"][1]
    brk = None
    times = []
    for node in route["nodes"]:
        lo, hi = windows[node]
        if not taken and earliest <= now <= latest:
            brk, now, taken = now, now + duration, True
        elif not taken and now < earliest and max(now + drive[where][node], lo) + service[node] > latest:
            brk, now, taken = earliest, earliest + duration, True
        arrival = max(now + drive[where][node], lo)
        if arrival > hi + slack:
            return None
        times.append(arrival)
        now, where = arrival + service[node], node
    end = now + drive[where][depot]
    if not taken and end > latest:
        return None  # the break would have to fall inside a call
    if end > timetable["day_end"] or end - route["start"] > timetable["span_max"]:
        return None
    return {**route, "times": times, "end": end, "break_start": brk}


def main() -> None:
    """Read a payload from stdin, solve it, write the answer to stdout."""
    payload = json.load(sys.stdin)
    json.dump(solve(payload), sys.stdout)


if __name__ == "__main__":
    # Run by path: drop this folder from the path so its modules cannot shadow a library's.
    sys.path.pop(0)
    main()
