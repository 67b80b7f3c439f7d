"""Time the fast swap kernel alone: rl1304, each point's 200 nearest sites, p = 100 from 6 random plans.

Usage: python bench/swap_kernel.py LABEL (run it with PYTHONPATH at another checkout's src to compare).
Prints the first call (which compiles the kernels) and the median of the next five, the swaps made
and the objective reached; the objective and swaps must match between engines that only restructure.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from hubplan.optimise.large import Plan, local_search, nearest_instance
from hubplan.optimise.tsplib import floor_distances, read_tsplib_points
from hubplan.scale.machine import this_machine

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "tsplib-pmed" / "rl1304.tsp"


def main() -> None:
    points = read_tsplib_points(DATA)
    cost = floor_distances(points).astype(np.float64)
    inst = nearest_instance(cost, np.ones(len(points)), 200)
    n = cost.shape[1]
    times, moves, objective = [], 0, 0.0
    for seed in range(6):
        rng = np.random.default_rng(seed)
        is_open = np.zeros(n, dtype=np.bool_)
        is_open[rng.choice(n, 100, replace=False)] = True
        plan = Plan.of(inst, is_open)
        started = time.perf_counter()
        moves = local_search(inst, plan, np.ones(n, dtype=bool), np.ones(n, dtype=bool))
        times.append(time.perf_counter() - started)
        objective = float(plan.d1.sum())
    label = sys.argv[1] if len(sys.argv) > 1 else "this engine"
    print(f"{this_machine().describe()}")
    print("| engine | first call (compiles) | median of next 5 | swaps (last) | objective (last) |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| {label} | {times[0]:.2f} s | {np.median(times[1:]) * 1000:.1f} ms | {moves} | {objective:,.0f} |"
    )


if __name__ == "__main__":
    main()
