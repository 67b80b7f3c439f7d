"""Plan Norfolk's 1,269 real mobile-library stops and compare with the council's own 101 rounds.

Stop data: Norfolk County Council mobile library timetable 2019, extracted by Libraries Hacked
(LibrariesHacked/mobilelibraries-data); licence not stated.

Both plans use the same stops, the same depots (the mean position of each of the 7 vehicles' stops),
the same travel model (the workspace's estimated car minutes) and the same stop minutes (departure -
arrival in the real timetable). The council's rounds are its 101 routes driven in their real order
(by arrival time) from their vehicle's depot. Ours come from ``plan_circuits`` on a 20-day (4-week)
cycle with 7 vehicles.

    .venv/bin/python bench/circuits.py [--time-limit 120] [--data PATH]
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.data.assumptions import Travel
from hubplan.data.circuit_settings import CircuitSettings
from hubplan.data.shared_data import shared_data_folder
from hubplan.outreach.circuit_output import NORFOLK_MOBILE_SOURCE
from hubplan.outreach.circuits import Depot, Stop, circuit_minutes, plan_circuits

# The real stops stay in the shared data folder ($HUBPLAN_SHARED_DATA, else ../shared/data).
DATA = (
    shared_data_folder() or Path(__file__).resolve().parents[2] / "shared" / "data"
) / "norfolk_mobile_library_stops.csv"
RESULTS = Path(__file__).resolve().parent / "results" / "circuits.md"


def markdown(rows: list[dict]) -> str:
    header = list(rows[0])
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    out += ["| " + " | ".join(str(r[h]) for h in header) + " |" for r in rows]
    return "\n".join(out)


def load(path: Path) -> tuple[pd.DataFrame, tuple[Stop, ...], tuple[Depot, ...]]:
    frame = pd.read_csv(path, dtype={"arrival": str, "departure": str})

    def clock(col: pd.Series) -> np.ndarray:
        parts = col.str.split(":", expand=True).astype(int)
        return (parts[0] * 60 + parts[1]).to_numpy()

    frame["arrive"] = clock(frame["arrival"])
    frame["leave"] = clock(frame["departure"])
    frame["minutes"] = frame["leave"] - frame["arrive"]
    frame["id"] = [f"r{i}" for i in range(len(frame))]
    stops = tuple(
        Stop(row.id, row.lat, row.lon, float(row.minutes), name=row.stop_name, community=row.community)
        for row in frame.itertuples()
    )
    centres = frame.groupby("vehicle")[["lat", "lon"]].mean()
    depots = tuple(Depot(str(v), float(r.lat), float(r.lon), 1) for v, r in centres.iterrows())
    return frame, stops, depots


def council_rounds(frame: pd.DataFrame, depots: tuple[Depot, ...], minutes: np.ndarray) -> pd.DataFrame:
    """Drive each real route in its real order from its vehicle's depot (same travel model)."""
    depot_row = {d.id: k for k, d in enumerate(depots)}
    rows = []
    for route, group in frame.sort_values(["route", "arrive"]).groupby("route"):
        k = depot_row[str(group["vehicle"].iloc[0])]
        path = [k, *(len(depots) + int(i[1:]) for i in group["id"]), k]
        drive = float(sum(minutes[a, b] for a, b in itertools.pairwise(path)))
        out_leg, back_leg = minutes[path[0], path[1]], minutes[path[-2], path[-1]]
        # The day as the real timetable runs it, plus the model's legs out from and back to the depot.
        span = float(group["leave"].max() - group["arrive"].min() + out_leg + back_leg)
        # The day as the model would drive it: driving plus minutes at stops, no waiting.
        work = drive + float(group["minutes"].sum())
        rows.append({"route": route, "drive": drive, "span": span, "work": work, "stops": len(group)})
    return pd.DataFrame(rows)


def solve(stops, depots, minutes, settings, *, time_limit, solution_limit):
    began = time.perf_counter()
    plan = plan_circuits(
        stops,
        depots,
        minutes,
        days=20,
        settings=settings,
        time_limit_seconds=time_limit,
        solution_limit=solution_limit,
    )
    return plan, time.perf_counter() - began


def subset(stops, depots, minutes, n, seed=0):
    rng = np.random.default_rng(seed)
    keep = np.sort(rng.choice(len(stops), size=n, replace=False))
    rows = np.concatenate([np.arange(len(depots)), len(depots) + keep])
    return tuple(stops[i] for i in keep), minutes[np.ix_(rows, rows)]


def compare(frame, stops, depots, minutes, settings, *, limit, label):
    """Solve the full instance and compare it with the council's rounds under the same minutes."""
    council = council_rounds(frame, depots, minutes)
    plan, _ = solve(stops, depots, minutes, settings, time_limit=limit, solution_limit=1_000_000)
    ours_legs = sum(len(r.visits) + 1 for r in plan.routes)
    council_legs = int((council["stops"] + 1).sum())
    rows = [
        {
            "plan": f"council's {len(council)} rounds (real order), {label}",
            "route-days": len(council),
            "driving minutes": round(float(council["drive"].sum())),
            "legs": council_legs,
            "longest day (min)": round(float(council["span"].max())),
            "days over 8 h": int((council["span"] > 480).sum()),
            "unserved": 0,
        },
        {
            "plan": f"hubplan circuits ({limit:g} s), {label}",
            "route-days": len(plan.routes),
            "driving minutes": round(plan.drive_minutes),
            "legs": ours_legs,
            "longest day (min)": round(plan.longest_day_minutes),
            "days over 8 h": sum(1 for r in plan.routes if r.end - r.start > 480 + 1e-6),
            "unserved": len(plan.unserved),
        },
    ]
    ratio = plan.drive_minutes / float(council["drive"].sum())
    targets = {
        "no more route-days than 101": len(plan.routes) <= len(council),
        "at least 10% less driving": ratio <= 0.9,
        "no day over 8 hours": plan.longest_day_minutes <= 480 + 1e-6,
        "every stop visited": not plan.unserved,
    }
    print(rows, ratio, flush=True)
    return rows, ratio, targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds for the full instance")
    parser.add_argument("--small-limit", type=float, default=30.0, help="seconds for the 100/300 subsets")
    args = parser.parse_args()

    frame, stops, depots = load(args.data)
    settings = CircuitSettings()  # the [circuits] defaults: 09:00-17:00, 30-minute break, 8 hours
    travel = Travel()
    minutes = circuit_minutes(stops, depots, travel=travel)
    access = travel.car.access_minutes
    per_km = f"{travel.car.circuity / travel.car.speed_kph * 60:.2f}"
    # The same model without its fixed door-to-door minutes (calibrated on car trips that include
    # parking and walking), which a van moving from stop to stop does not spend on each leg.
    van = Travel(car=travel.car.model_copy(update={"access_minutes": 0.0}))
    van_minutes = circuit_minutes(stops, depots, travel=van)

    timing = []
    for n in (100, 300):
        sub, sub_minutes = subset(stops, depots, minutes, n)
        first, first_s = solve(
            sub, depots, sub_minutes, settings, time_limit=args.small_limit, solution_limit=1
        )
        plan, wall = solve(
            sub, depots, sub_minutes, settings, time_limit=args.small_limit, solution_limit=1_000_000
        )
        timing.append(
            {
                "stops": n,
                "first solution s": round(first_s, 2),
                "first drive min": round(first.drive_minutes),
                "search limit s": args.small_limit,
                "search s": round(wall, 1),
                "final drive min": round(plan.drive_minutes),
                "route-days": len(plan.routes),
                "unserved": len(plan.unserved),
            }
        )
        print(timing[-1], flush=True)
    first, first_s = solve(stops, depots, minutes, settings, time_limit=args.time_limit, solution_limit=1)
    rows, ratio, targets = compare(
        frame,
        stops,
        depots,
        minutes,
        settings,
        limit=args.time_limit,
        label=f"car model ({access:g} min a leg + {per_km} min a km)",
    )
    timing.append(
        {
            "stops": len(stops),
            "first solution s": round(first_s, 2),
            "first drive min": round(first.drive_minutes),
            "search limit s": args.time_limit,
            "search s": "(the comparison's run)",
            "final drive min": rows[1]["driving minutes"],
            "route-days": rows[1]["route-days"],
            "unserved": rows[1]["unserved"],
        }
    )
    van_rows, van_ratio, van_targets = compare(
        frame,
        stops,
        depots,
        van_minutes,
        settings,
        limit=args.time_limit,
        label=f"no fixed minutes a leg ({per_km} min a km)",
    )

    lines = ["# Mobile outreach circuits against Norfolk's real mobile-library rounds\n"]
    lines.append(f"Stop data: {NORFOLK_MOBILE_SOURCE}.\n")
    lines.append(
        f"{len(stops):,} stops, {frame['vehicle'].nunique()} vehicles, {frame['route'].nunique()} real routes on a "
        "4-weekly cycle (20 working days). Depots at the mean position of each vehicle's stops; stop "
        "minutes = departure - arrival in the real timetable; the council's rounds are its routes driven "
        "in their real order (by arrival) from their vehicle's depot. Both plans use the same minutes. "
        "Our working day is the `[circuits]` defaults: leave from 09:00, back by 17:00, a 30-minute "
        "break starting 11:30-14:00, at most 480 minutes depot to depot. Solver: OR-Tools routing, "
        "parallel-cheapest-insertion first solution, then guided local search for the time limit, 140 routing "
        f"vehicles (7 vehicles x 20 days); time limit {args.time_limit:g} s for the full instance, "
        f"{args.small_limit:g} s for the subsets, on a shared 2-core machine.\n"
    )
    lines.append(
        "The council's longest day is its real timetable's first arrival to last departure plus the "
        "model's legs from and back to the depot; ours is the planned day, depot to depot.\n"
    )
    lines.append(f"## With the workspace's car model ({access:g} minutes a leg + {per_km} minutes a km)\n")
    lines.append(markdown(rows) + "\n")
    lines.append(f"Driving ratio (ours / council's): **{ratio:.3f}** ({(1 - ratio) * 100:.1f}% less).\n")
    lines.append("| target | met |\n| --- | --- |")
    lines.extend(f"| {k} | {'yes' if v else 'no'} |" for k, v in targets.items())
    fixed_ours, fixed_council = access * rows[1]["legs"], access * rows[0]["legs"]
    lines.append(
        f"\nEvery stop needs a leg in, so {access:g} minutes x legs is driving no order can save: "
        f"{fixed_council:,.0f} of the council's and {fixed_ours:,.0f} of ours. The distance part is "
        f"{rows[0]['driving minutes'] - fixed_council:,.0f} against "
        f"{rows[1]['driving minutes'] - fixed_ours:,.0f} minutes "
        f"(ratio {(rows[1]['driving minutes'] - fixed_ours) / (rows[0]['driving minutes'] - fixed_council):.3f}).\n"
    )
    lines.append(f"## Without the fixed minutes a leg ({per_km} minutes a km)\n")
    lines.append(markdown(van_rows) + "\n")
    lines.append(
        f"Driving ratio (ours / council's): **{van_ratio:.3f}** ({(1 - van_ratio) * 100:.1f}% less).\n"
    )
    lines.append("| target | met |\n| --- | --- |")
    lines.extend(f"| {k} | {'yes' if v else 'no'} |" for k, v in van_targets.items())
    lines.append("\n## Solver time as the stops grow (car model)\n")
    lines.append(
        "Random subsets (seed 0) of the stops, same 7 depots and 20 days. 'first solution' is the "
        "parallel-cheapest-insertion construction alone (its time is the cost that grows with the stops); the search "
        "then runs guided local search until its time limit.\n"
    )
    lines.append(markdown(timing) + "\n")
    lines.append(
        "The time limit covers the construction too: on the full instance the first solution takes "
        "most of it (its time varies with the load of the shared machine), so the search has little "
        "time left. Both full runs stop at the time limit, so a rerun may differ slightly.\n"
    )
    lines.append(
        f"The car model's {access:g} fixed minutes a leg (a family's trip: a child into a car seat, parking) "
        "are the same whatever the order, since every stop needs one leg in; the distance part is what the "
        "order decides. A van moving from stop to stop may not spend them on every leg, which the second "
        "comparison shows.\n"
    )
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
