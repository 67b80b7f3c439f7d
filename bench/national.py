"""Every English council on Dask, the single national problem, and a projection for Monte Carlo at scale.

On the real England tables shipped with hubplan:

1. all 151 upper-tier councils (one base per 2,000 children under five, heuristic) on a local Dask
   cluster of 1 and of 2 worker processes: wall time, speed-up, the task times, peak memory per worker,
   and the client's serial time per council with the speed-up it allows by Amdahl's law (measured by
   the engine, hubplan.scale.engine.RunTimings: it does not depend on how busy the machine's cores are);
2. the single national problem: every English LSOA x every open library, car minutes kept within a
   cut-off (a sparse matrix), p = one base per 2,000 children: time, proven gap, peak memory;
3. a projection for 151 councils x 1,000 Monte Carlo draws on N workers, from the measured time of
   a solve and of a draw per council.

Prints a table and writes bench/results/national.md.

Usage: python bench/national.py [--councils CODE,...] [--workers 1,2] [--cutoff 60]
       [--skip-national] [--draws 100]
"""

from __future__ import annotations

import argparse
import math
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from hubplan.data.england import libraries, lsoas, upper_tier_councils
from hubplan.optimise import solve_pmedian
from hubplan.optimise.rules import Rules
from hubplan.scale.councils import build_council_problem
from hubplan.scale.engine import connect
from hubplan.scale.machine import this_machine
from hubplan.scale.national import run_national
from hubplan.scale.sweep import Point, SweepInputs, SweepOptions, TravelInputs, sweep_point
from hubplan.scale.tasks import DEFAULT_CHILDREN_PER_BASE, NationalOptions
from hubplan.travel import estimate_minutes

RESULTS = Path(__file__).parent / "results" / "national.md"


def peak_rss_gb() -> float:
    """This process's peak resident memory (GB); ru_maxrss is in KB on Linux."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def councils_on(n_workers: int, codes: list[str] | None) -> dict[str, Any]:
    options = NationalOptions()
    starting = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, connect(None, n_workers=n_workers) as client:
        cluster_start = time.perf_counter() - starting
        address = client.scheduler.address
        started = time.perf_counter()
        summary = run_national(Path(tmp), options, codes=codes, scheduler=address)
        wall = time.perf_counter() - started
        memory = client.run(peak_rss_gb)
        table = pd.read_parquet(Path(tmp) / "national.parquet")
    return {
        "workers": n_workers,
        "timings": summary.timings,
        "cluster_start": cluster_start,
        "councils": summary.rows,
        "failed": summary.failed,
        "wall": wall,
        "task_sum": float(table["seconds"].sum()),
        "task_max": float(table["seconds"].max()),
        "slowest": str(table.loc[table["seconds"].idxmax(), "name"]),
        "memory_max": max(memory.values()),
        "table": table,
    }


def national_matrix(cutoff: float) -> tuple[sp.csr_array, np.ndarray]:
    """Return the car minutes within ``cutoff`` (LSOAs x open libraries, sparse) and the children."""
    areas = lsoas()
    libs = libraries()
    libs = libs[libs["closed"].isna() & libs["lat"].notna()]
    a = areas[["lat", "lon"]].to_numpy(np.float64)
    s = libs[["lat", "lon"]].to_numpy(np.float64)
    rows, cols, vals = [], [], []
    for start in range(0, len(s), 256):
        block = estimate_minutes(a, s[start : start + 256], "car")
        i, j = np.nonzero(block <= cutoff)
        rows.append(i)
        cols.append(j + start)
        vals.append(block[i, j])
    cost = sp.csr_array(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(len(a), len(s))
    )
    return cost, areas["under5_2019"].to_numpy(np.float64)


def national_problem(cutoff: float) -> dict[str, float]:
    started = time.perf_counter()
    cost, weights = national_matrix(cutoff)
    built = time.perf_counter() - started
    p = math.ceil(weights.sum() / DEFAULT_CHILDREN_PER_BASE)
    started = time.perf_counter()
    solution = solve_pmedian(cost, weights, p, method="heuristic", seed=0)
    solved = time.perf_counter() - started
    no_site = int((np.diff(cost.indptr) == 0).sum())
    return {
        "areas": cost.shape[0],
        "sites": cost.shape[1],
        "pairs": cost.nnz,
        "no_site": no_site,
        "p": p,
        "build": built,
        "solve": solved,
        "objective": solution.objective,
        "lower_bound": solution.lower_bound,
        "gap": solution.gap,
        "mean_minutes": solution.objective / weights.sum(),
        "memory": peak_rss_gb(),
    }


def draw_times(codes: list[str], draws: int) -> pd.DataFrame:
    """Per council: seconds for the solve alone and for each Monte Carlo draw (re-evaluation)."""
    from hubplan.data.england import find_council

    out = []
    for code in codes:
        problem = build_council_problem(find_council(code))
        p = min(problem.n_sites, max(1, math.ceil(problem.children.sum() / DEFAULT_CHILDREN_PER_BASE)))
        inputs = SweepInputs(
            weights=problem.children,
            need_weights=problem.children,
            deprived=np.isin(problem.deprivation_decile, (1, 2)),
            site_ids=tuple(str(s) for s in problem.site_ids),
            site_cost=np.zeros(problem.n_sites),
        )
        travel = TravelInputs(
            car_kph=math.nan,
            bus_kph=math.nan,
            minutes={m: problem.minutes[m] for m in ("car", "bus")},
            baseline_minutes={m: problem.minutes[m].min(axis=1).astype(np.float64) for m in ("car", "bus")},
        )
        point = Point(p, None, (), math.nan, math.nan, 30.0)
        row = sweep_point(point, inputs, travel, Rules(), SweepOptions(draws=draws), "")
        out.append(
            {
                "code": code,
                "areas": problem.n_areas,
                "solve": row["seconds"] - row["draw_seconds"],
                "per_draw": row["draw_seconds"] / draws,
            }
        )
    return pd.DataFrame(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", default="", help="codes, comma-separated (default: all 151)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--cutoff", type=float, default=60.0)
    parser.add_argument("--draws", type=int, default=100)
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()
    codes = [c for c in args.councils.split(",") if c] or None
    machine = this_machine()
    every = [c.code for c in upper_tier_councils()]

    runs = [councils_on(int(n), codes) for n in args.workers.split(",")]
    national = None if args.skip_national else national_problem(args.cutoff)

    # Draw times on a spread of councils, by size: the smallest, the median, the largest by LSOAs.
    sizes = runs[0]["table"].set_index("code")["areas"].sort_values()
    sample = list(
        dict.fromkeys(
            [
                sizes.index[0],
                sizes.index[len(sizes) // 4],
                sizes.index[len(sizes) // 2],
                sizes.index[3 * len(sizes) // 4],
                sizes.index[-1],
            ]
        )
    )
    timing = draw_times(sample, args.draws)
    # Solves: every council's measured task time on 1 worker. Draws: seconds = a + b x areas, fitted on
    # the sample and applied to every council.
    all_areas = sizes.to_numpy(np.float64)
    draw_fit = np.polyfit(timing["areas"], timing["per_draw"], 1)
    solve_total = float(runs[0]["table"]["seconds"].sum())
    draw_total = float(np.clip(np.polyval(draw_fit, all_areas), 0, None).sum()) * 1000
    resolve_total = solve_total * 1000

    lines = ["# bench/national.py", ""]
    lines.append(
        f"Real England tables shipped with hubplan; one base per {DEFAULT_CHILDREN_PER_BASE:,} children under five, "
        f"heuristic (seed 0), plans minimise children's bus minutes. Machine at the start: {machine.describe()}; "
        f"at the end: load average {this_machine().load[0]:.1f}. Wall times depend on what else the "
        "machine's cores are doing; the serial share does not."
    )
    subset = (
        f"{len(codes)} councils ({', '.join(codes)})" if codes else f"all {len(every)} upper-tier councils"
    )
    lines += ["", f"## Councils on a local Dask cluster: {subset}", ""]
    lines += [
        "| workers | councils | failed | wall time | sum of task times | slowest task | peak memory per worker "
        "| speed-up | client serial (per council) | serial share | Amdahl 16 workers |",
        "|" + " --- |" * 11,
    ]
    for r in runs:
        lines.append(
            f"| {r['workers']} | {r['councils']} | {r['failed']} | {r['wall']:.1f} s | {r['task_sum']:.1f} s | "
            f"{r['task_max']:.1f} s ({r['slowest']}) | {r['memory_max']:.2f} GB | {runs[0]['wall'] / r['wall']:.2f}x | "
            f"{r['timings'].serial:.2f} s ({r['timings'].serial_per_task * 1000:.1f} ms) | "
            f"{r['timings'].serial_fraction:.2%} | {r['timings'].speedup(16):.1f}x |"
        )
    lines += [
        "",
        "Client serial: what the client did besides waiting (reading old rows, submitting, taking rows, "
        "writing batches, progress, the final table), or its process's CPU over the run if larger (that "
        "counts the I/O thread fetching results and the local scheduler, which runs in the same process). "
        "Starting the local cluster happens once per run and is not in it: "
        + "; ".join(f"{r['workers']} worker(s) {r['cluster_start']:.1f} s" for r in runs)
        + ". Serial share = serial / (serial + sum of task times); Amdahl: 1 / (s + (1 - s) / N).",
    ]
    if national:
        lines += [
            "",
            f"## The single national problem (car minutes within {args.cutoff:g}, sparse)",
            "",
            "| measure | value |",
            "| --- | --- |",
        ]
        lines += [
            f"| areas x sites | {national['areas']:,} x {national['sites']:,} open libraries |",
            f"| pairs within cut-off | {national['pairs']:,} ({national['pairs'] / (national['areas'] * national['sites']):.1%}) |",
            f"| areas with no library in reach | {national['no_site']:,} |",
            f"| p (bases) | {national['p']:,} |",
            f"| build matrix | {national['build']:.1f} s |",
            f"| heuristic (incl. bound) | {national['solve']:.1f} s |",
            f"| objective (children x minutes) | {national['objective']:,.0f} |",
            f"| proven lower bound | {national['lower_bound']:,.0f} |",
            f"| proven gap | {national['gap']:.3%} |",
            f"| mean minutes by car to the nearest base | {national['mean_minutes']:.1f} |",
            f"| peak memory (process) | {national['memory']:.2f} GB |",
        ]
    lines += [
        "",
        "## Projection: 151 councils x 1,000 Monte Carlo draws",
        "",
        f"Draws timed on {len(timing)} councils spread by size ({args.draws} draws each; a draw re-evaluates "
        "the plan under drawn children and car minutes), fitted as seconds = a + b x areas and summed over "
        "every council; solves are every council's measured task time on 1 worker (build, solve, measure).",
        "",
        "| council | areas | solve | one draw |",
        "| --- | --- | --- | --- |",
    ]
    for r in timing.to_dict(orient="records"):
        lines.append(f"| {r['code']} | {r['areas']} | {r['solve']:.2f} s | {r['per_draw'] * 1000:.2f} ms |")
    lines += [
        "",
        "| workers | re-evaluate each draw: 151 solves + 151,000 draws | re-solve each draw: 151,000 solves |",
        "| --- | --- | --- |",
    ]
    for n in (1, 2, 8, 32, 151):
        lines.append(
            f"| {n} | {(solve_total + draw_total) / n / 60:.1f} min | {resolve_total / n / 3600:.1f} h |"
        )
    lines += [
        "",
        f"Work in all: solves {solve_total:.0f} s, 151,000 draws {draw_total:.0f} s, 151,000 re-solves "
        f"{resolve_total / 3600:.1f} h. The projection assumes perfect spreading (the tasks are independent), "
        "which holds while there are more tasks than workers; with 151 workers the slowest council bounds "
        "the re-evaluation run. Re-solve times are an upper bound: they include building each council's "
        "problem, which a draw would not repeat. The speed-up from 1 to 2 workers depends on what else "
        f"the machine's {machine.usable_cores} cores are doing: the load average was "
        f"{this_machine().load[0]:.1f} at the end of this run.",
    ]
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
