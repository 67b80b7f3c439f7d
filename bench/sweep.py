"""How far a sweep scales: the client's serial time per point, its serial share, and the speed-up it allows.

A sweep of one real council's workspace (by default Kent, E10000016: 902 LSOAs, 99 libraries;
bases 1 to 94 at thresholds of 20 and 30 minutes = 188 points, 200 draws each), run on a local Dask
cluster started here, as `hubplan sweep` runs it. The engine times what the client does
(hubplan.scale.engine.RunTimings): reading old rows, scattering the shared arrays, submitting,
taking rows, writing batches, progress, the final table, and the CPU of the client process (its
threads and the local scheduler, which runs in this process). The serial share is those seconds
over themselves plus the sum of the points' own seconds on the workers; Amdahl's law turns it into
the speed-up N workers would give. The serial share is what this bench is for: it does not depend
on how many cores the machine lends the workers, which on a shared machine is noisy.

Prints a table and writes bench/results/sweep.md.

Usage: python bench/sweep.py [--council E10000016] [--bases 1:94] [--thresholds 20,30]
       [--draws 200] [--workers 2] [--label NAME]
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

from hubplan.data import load_workspace
from hubplan.data.init import init_workspace
from hubplan.scale.engine import connect
from hubplan.scale.machine import this_machine
from hubplan.scale.sweep import TABLE, run_sweep
from hubplan.scale.sweep_inputs import rules_maker, sweep_inputs, travel_inputs
from hubplan.scale.sweep_spec import SweepSpec
from hubplan.scale.timings import amdahl_speedup
from hubplan.travel import build_travel

RESULTS = Path(__file__).parent / "results" / "sweep.md"
SPEEDUP_AT = (4, 16, 64)


def parse_bases(text: str) -> list[int]:
    """Read ``START:STOP`` (both ends included) or a list of numbers."""
    if ":" in text:
        start, stop = (int(x) for x in text.split(":"))
        return list(range(start, stop + 1))
    return [int(x) for x in text.split(",")]


def run_once(
    workspace: Path, bases: list[int], thresholds: list[float], draws: int, workers: int
) -> dict[str, Any]:
    """Run the sweep once on a fresh local cluster of ``workers``; return its timings."""
    ws = load_workspace(workspace)
    prepared = time.perf_counter()
    matrix = build_travel(ws)
    spec = SweepSpec.from_workspace(ws, thresholds_minutes=thresholds, draws=draws)
    travels = [travel_inputs(ws, matrix)]
    inputs = sweep_inputs(ws)
    prepare = time.perf_counter() - prepared
    with tempfile.TemporaryDirectory() as tmp, connect(None, n_workers=workers) as client:
        address = client.scheduler.address
        cpu, started = time.process_time(), time.perf_counter()
        summary = run_sweep(
            Path(tmp), inputs, spec.options(matrix.sources), travels=travels, bases=bases,
            thresholds_minutes=list(spec.thresholds_minutes),
            make_rules=rules_maker(ws, spec.mode, method=spec.method), scheduler=address,
        )  # fmt: skip
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu
        table = pd.read_parquet(Path(tmp) / TABLE)
    timings = getattr(summary, "timings", None)  # absent on engines before RunTimings
    work = float(table["seconds"].sum())
    # Measured from outside the engine too: this process's CPU over the whole run_sweep call (the
    # client, its I/O thread and the local scheduler), so engines without RunTimings compare.
    outside = cpu / (cpu + work)
    return {
        "workers": workers,
        "points": summary.rows,
        "failed": summary.failed,
        "wall": wall,
        "prepare": prepare,
        "work": work,
        "draw_work": float(table["draw_seconds"].sum()),
        "longest": float(table["seconds"].max()),
        "process_cpu": cpu,
        "outside_fraction": outside,
        "timings": timings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--council", default="E10000016")
    parser.add_argument("--bases", default="1:94")
    parser.add_argument("--thresholds", default="20,30")
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--workers", default="2")
    parser.add_argument("--label", default="this engine")
    args = parser.parse_args()
    machine = this_machine()
    bases = parse_bases(args.bases)
    thresholds = [float(t) for t in args.thresholds.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ws"
        made = init_workspace(folder, args.council)
        runs = [run_once(folder, bases, thresholds, args.draws, int(n)) for n in args.workers.split(",")]
    name = f"{made.council.name} ({made.council.code})"
    points = len(bases) * len(thresholds)
    lines = ["# bench/sweep.py", ""]
    lines.append(
        f"A sweep of {name}: bases {args.bases} x thresholds {args.thresholds} = {points} points, "
        f"{args.draws} draws each, heuristic, seed 0; engine: {args.label}."
    )
    lines.append(f"Machine: {this_machine().describe()} (at the end; {machine.load[0]:.1f} at the start).")
    lines += ["", "## The client's time, per run", ""]
    head = ["workers", "points", "wall", "sum of point times", "longest point", "client serial", "per point",
            "serial share", *(f"Amdahl {n}" for n in SPEEDUP_AT), "process CPU share (outside)"]  # fmt: skip
    lines += ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in runs:
        t = r["timings"]
        serial = t.serial if t else math.nan
        fraction = t.serial_fraction if t else math.nan
        lines.append(
            "| " + " | ".join([
                str(r["workers"]), str(r["points"]), f"{r['wall']:.1f} s", f"{r['work']:.1f} s",
                f"{r['longest']:.2f} s", f"{serial:.2f} s", f"{serial / r['points'] * 1000:.1f} ms",
                f"{fraction:.2%}", *(f"{amdahl_speedup(fraction, n):.1f}x" for n in SPEEDUP_AT),
                f"{r['outside_fraction']:.2%} ({amdahl_speedup(r['outside_fraction'], 16):.1f}x at 16)",
            ]) + " |"
        )  # fmt: skip
    for r in runs:
        t = r["timings"]
        if t is None:
            continue
        lines += ["", f"### Breakdown on {r['workers']} worker(s), seconds", ""]
        parts = t.breakdown()
        lines += ["| " + " | ".join(parts) + " |", "|" + " --- |" * len(parts)]
        lines.append(
            "| " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in parts.values()) + " |"
        )
    lines += [
        "",
        "Serial: reading old rows, scattering, submitting, taking rows, writing batches, progress and "
        "the final table on the client's main thread, or the client process's CPU over the run if "
        "larger (it counts the I/O thread that fetches results and the local scheduler). Connecting "
        "to the cluster (here: starting it) and closing it are fixed costs, once per run, listed in "
        "the breakdown and not in the share; so is preparing the workspace's arrays "
        + ", ".join(f"{r['prepare']:.2f} s" for r in runs)
        + ". The Amdahl speed-up is 1 / (s + (1 - s) / N); the longest point also bounds the wall "
        "time from below (a point is one task), and each worker's first point loads hubplan's "
        "compiled kernels. 'Outside' is this process's CPU over the whole call divided by itself "
        "plus the points' seconds: it needs no timing inside the engine, so older engines compare.",
    ]
    text = "\n".join(lines) + "\n"
    if args.label == "this engine":
        RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
