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
import importlib
import json
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import psutil

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


@contextmanager
def local_cluster(workers: int) -> Iterator[tuple[str, psutil.Process | None]]:
    """A ``LocalCluster`` as ``hubplan sweep`` starts one: its scheduler runs in this process."""
    with connect(None, n_workers=workers) as client:
        yield client.scheduler.address, None


SPEEDUP_AT = (4, 16, 64)


def parse_bases(text: str) -> list[int]:
    """Read ``START:STOP`` (both ends included) or a list of numbers."""
    if ":" in text:
        start, stop = (int(x) for x in text.split(":"))
        return list(range(start, stop + 1))
    return [int(x) for x in text.split(",")]


@contextmanager
def separate_cluster(workers: int) -> Iterator[tuple[str, psutil.Process | None]]:
    """Start ``dask scheduler`` and ``dask worker`` as their own processes, as on a real cluster.

    Yields the scheduler's address and its process (to read its CPU apart from the client's).
    """
    from distributed import Client

    dask = str(Path(sys.executable).parent / "dask")
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "scheduler.json"
        procs = [
            subprocess.Popen(
                [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                 "--scheduler-file", str(file)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        ]  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while not (file.exists() and file.stat().st_size) and time.monotonic() < deadline:
                time.sleep(0.2)
            address = json.loads(file.read_text())["address"]
            procs.append(
                subprocess.Popen(
                    [dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                     "--no-dashboard"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            )  # fmt: skip
            with Client(address, timeout="60s") as client:
                client.wait_for_workers(workers, timeout=120)
                # Workers that have run hubplan before: the first import (seconds) is once per
                # worker's life, not per sweep; a LocalCluster's workers start with it imported.
                client.run(importlib.import_module, "hubplan.scale.sweep")
            yield address, psutil.Process(procs[0].pid)
        finally:
            for proc in reversed(procs):
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


def cpu_seconds(process: psutil.Process) -> float:
    """CPU seconds (user and system) a process has used."""
    times = process.cpu_times()
    return float(times.user + times.system)


def run_once(
    workspace: Path, bases: list[int], thresholds: list[float], draws: int, workers: int, *, separate: bool
) -> dict[str, Any]:
    """Run the sweep once on a fresh cluster of ``workers``; return its timings."""
    ws = load_workspace(workspace)
    prepared = time.perf_counter()
    matrix = build_travel(ws)
    spec = SweepSpec.from_workspace(ws, thresholds_minutes=thresholds, draws=draws)
    travels = [travel_inputs(ws, matrix)]
    inputs = sweep_inputs(ws)
    prepare = time.perf_counter() - prepared
    cluster = separate_cluster(workers) if separate else local_cluster(workers)
    with tempfile.TemporaryDirectory() as tmp, cluster as (address, scheduler):
        idle = cpu_seconds(scheduler) if scheduler else 0.0
        time.sleep(2.0)  # the scheduler's own upkeep (heartbeats, monitors), with nothing to do
        idle_rate = (cpu_seconds(scheduler) - idle) / 2.0 if scheduler else math.nan
        scheduler_cpu = cpu_seconds(scheduler) if scheduler else 0.0
        cpu, started = time.process_time(), time.perf_counter()
        summary = run_sweep(
            Path(tmp), inputs, spec.options(matrix.sources), travels=travels, bases=bases,
            thresholds_minutes=list(spec.thresholds_minutes),
            make_rules=rules_maker(ws, spec.mode, method=spec.method), scheduler=address,
        )  # fmt: skip
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu
        scheduler_cpu = cpu_seconds(scheduler) - scheduler_cpu if scheduler else math.nan
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
        "scheduler_cpu": scheduler_cpu,
        "scheduler_idle_rate": idle_rate,
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
    parser.add_argument("--local", action="store_true", help="a LocalCluster in this process, as the CLI")
    args = parser.parse_args()
    machine = this_machine()
    bases = parse_bases(args.bases)
    thresholds = [float(t) for t in args.thresholds.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ws"
        made = init_workspace(folder, args.council)
        runs = [
            run_once(folder, bases, thresholds, args.draws, int(n), separate=not args.local)
            for n in args.workers.split(",")
        ]
    name = f"{made.council.name} ({made.council.code})"
    points = len(bases) * len(thresholds)
    lines = ["# bench/sweep.py", ""]
    lines.append(
        f"A sweep of {name}: bases {args.bases} x thresholds {args.thresholds} = {points} points, "
        f"{args.draws} draws each, heuristic, seed 0; engine: {args.label}."
    )
    lines.append(f"Machine: {this_machine().describe()} (at the end; {machine.load[0]:.1f} at the start).")
    cluster = (
        "a LocalCluster in this process, as `hubplan sweep` starts one"
        if args.local
        else (
            "a scheduler and workers in their own processes (`dask scheduler`, `dask worker`), as a real cluster"
        )
    )
    lines += ["", f"## The client's time, per run ({cluster})", ""]
    head = ["workers", "points", "wall", "sum of point times", "longest point", "client serial", "per point",
            "serial share", *(f"Amdahl {n}" for n in SPEEDUP_AT), "process CPU share (outside)",
            "scheduler CPU per point", "share with the scheduler's", "Amdahl 16 with it"]  # fmt: skip
    lines += ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in runs:
        t = r["timings"]
        serial = t.serial if t else math.nan
        fraction = t.serial_fraction if t else math.nan
        # The scheduler's CPU in the run less its upkeep with nothing to do, over the same seconds.
        sched = r["scheduler_cpu"] - r["scheduler_idle_rate"] * r["wall"]
        both = (serial + sched) / (serial + sched + r["work"])
        lines.append(
            "| " + " | ".join([
                str(r["workers"]), str(r["points"]), f"{r['wall']:.1f} s", f"{r['work']:.1f} s",
                f"{r['longest']:.2f} s", f"{serial:.2f} s", f"{serial / r['points'] * 1000:.1f} ms",
                f"{fraction:.2%}", *(f"{amdahl_speedup(fraction, n):.1f}x" for n in SPEEDUP_AT),
                f"{r['outside_fraction']:.2%} ({amdahl_speedup(r['outside_fraction'], 16):.1f}x at 16)",
                f"{sched / r['points'] * 1000:.1f} ms", f"{both:.2%}", f"{amdahl_speedup(both, 16):.1f}x",
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
        "larger (it counts the I/O thread that fetches results and, with --local, the scheduler). "
        "Connecting to the cluster (with --local: starting it) and closing are fixed costs, once per "
        "run, listed in the breakdown and not in the share; so is preparing the workspace's arrays "
        + ", ".join(f"{r['prepare']:.2f} s" for r in runs)
        + ". The Amdahl speed-up is 1 / (s + (1 - s) / N); the longest point also bounds the wall "
        "time from below (a point is one task), and each worker's first point loads hubplan's "
        "compiled kernels. 'Outside' is this process's CPU over the whole call divided by itself "
        "plus the points' seconds: it needs no timing inside the engine, so older engines compare. "
        "With a separate scheduler, its CPU over the run, less what it burns idle (heartbeats, "
        "monitors: measured for 2 s before the run, "
        + ", ".join(f"{r['scheduler_idle_rate'] * 1000:.0f} ms/s" for r in runs)
        + "), is Dask's own serial work per point, shown apart and added in the last two columns; "
        "in a LocalCluster the scheduler, the nannies and their upkeep all count in the client's CPU.",
    ]
    text = "\n".join(lines) + "\n"
    if args.label == "this engine":
        RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
