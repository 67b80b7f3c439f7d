"""The single national p-median solved by the exact method: proven gap, time and peak memory.

On the real England tables shipped with hubplan: every English LSOA (32,844; weight: children under
five, 2019) x every open library (2,986), car minutes kept within a cut-off (a sparse matrix; the same
problem as ``bench/national.py``), p = one base per 2,000 children (1,650). Solved through
``hubplan.optimise.solve_pmedian(method="exact")``: the large-instance path (each area's nearest
sites, swaps, Benders decomposition on HiGHS; ``hubplan.optimise.large_solve``). Prints a table and
writes bench/results/national_exact.md.

Usage: python bench/national_exact.py [--cutoff 60] [--time-limit 540] [--heuristic-limit 120]
"""

from __future__ import annotations

import argparse
import math
import resource
import time
from pathlib import Path

import numpy as np

from hubplan.optimise import solve_pmedian
from hubplan.scale.machine import this_machine
from hubplan.scale.tasks import DEFAULT_CHILDREN_PER_BASE
from national import national_matrix  # bench/, run as a script beside it

RESULTS = Path(__file__).parent / "results" / "national_exact.md"


def peak_rss_gb() -> float:
    """This process's peak resident memory (GB); ru_maxrss is in KB on Linux."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cutoff", type=float, default=60.0)
    parser.add_argument("--time-limit", type=float, default=540.0, help="seconds for the exact solve")
    parser.add_argument("--heuristic-limit", type=float, default=120.0, help="seconds for the heuristic")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    before = this_machine()
    started = time.perf_counter()
    cost, weights = national_matrix(args.cutoff)
    built = time.perf_counter() - started
    p = math.ceil(weights.sum() / DEFAULT_CHILDREN_PER_BASE)
    runs = []
    for method, limit in (("heuristic", args.heuristic_limit), ("exact", args.time_limit)):
        cpu = time.process_time()
        solution = solve_pmedian(cost, weights, p, method=method, time_limit=limit, seed=0)
        runs.append((method, limit, solution, time.process_time() - cpu))
        print(
            method,
            solution.objective,
            solution.lower_bound,
            solution.status,
            f"{solution.gap:.5%}",
            flush=True,
        )
    after = this_machine()
    lines = [
        "# bench/national_exact.py",
        "",
        f"The single national p-median on the real England tables shipped with hubplan: "
        f"{cost.shape[0]:,} LSOAs (weight: children under five, 2019) x {cost.shape[1]:,} open libraries, "
        f"car minutes within {args.cutoff:g} (sparse: {cost.nnz:,} pairs, {cost.nnz / np.prod(cost.shape):.1%}), "
        f"p = {p:,} (one base per {DEFAULT_CHILDREN_PER_BASE:,} children). Matrix built in {built:.1f} s. "
        f"Machine at the start: {before.describe()}; at the end: load {after.load[0]:.1f}. "
        "The machine is shared with other engineers' jobs (the run was `nice -n 10`): wall times are "
        "inflated; CPU seconds are the process's, all threads.",
        "",
        "| method | time limit | objective (children x minutes) | proven lower bound | proven gap | status | wall s | CPU s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *(
            f"| {m} | {lim:g} s | {s.objective:,.1f} | {s.lower_bound:,.1f} | {s.gap:.5%} | {s.status} | "
            f"{s.seconds:.1f} | {c:.1f} |"
            for m, lim, s, c in runs
        ),
        "",
        f"Peak memory (the process, resident): {peak_rss_gb():.2f} GB.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)


if __name__ == "__main__":
    main()
