"""Load the web map like a busy evening: 200 people at once toggling sites, on SQLite and on PostgreSQL.

A real server (``hubplan serve`` in its own process, on loopback) and an async client (httpx): each
simulated user loads the workspace, then toggles a random site and evaluates the plan ``--rounds``
times, and saves one plan with the edit token (a write to the store). Prints the latency percentiles
(p50/p95/p99) and errors per request kind and backend, and writes bench/results/load.md.

PostgreSQL: a throwaway server started here from Debian's binaries (as ``nobody`` under root), unless
``--postgres-url`` names one.

Usage: python bench/load.py [--users 200] [--rounds 5] [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import httpx
import numpy as np

from hubplan.data import load_workspace, write_bundled_workspace

RESULTS = Path(__file__).parent / "results" / "load.md"
TOKEN = "bench-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres() -> Iterator[str]:
    """Start a throwaway PostgreSQL server; yield its URL."""
    binaries = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="hubplan-load-pg-"))
    as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
    if as_user:
        folder.chmod(0o755)
        shutil.chown(folder, "nobody")
    port = free_port()
    data = str(folder / "data")
    subprocess.run([*as_user, str(binaries / "initdb"), "-D", data, "-U", "hubplan", "--auth=trust"],
                   check=True, capture_output=True)  # fmt: skip
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300"
    subprocess.run([*as_user, str(binaries / "pg_ctl"), "-D", data, "-o", options, "-l", str(folder / "log"),
                    "-w", "start"], check=True, capture_output=True)  # fmt: skip
    try:
        yield f"postgresql://hubplan@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_user, str(binaries / "pg_ctl"), "-D", data, "-m", "fast", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def server(folder: Path, store_url: str | None) -> Iterator[str]:
    """Run ``hubplan serve`` (no rate limit) in its own process; yield its address."""
    port = free_port()
    env = {**os.environ, "HUBPLAN_EDIT_TOKEN": TOKEN}
    env.pop("HUBPLAN_STORE_URL", None)
    if store_url:
        env["HUBPLAN_STORE_URL"] = store_url
    hubplan = str(Path(sys.executable).with_name("hubplan"))
    process = subprocess.Popen([hubplan, "serve", str(folder), "--port", str(port), "--rate-limit", ""], env=env,
                               stdout=subprocess.DEVNULL)  # fmt: skip
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{address}/api/me", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("hubplan serve did not start")
            time.sleep(0.2)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=30)


async def user(  # noqa: PLR0917
    client: httpx.AsyncClient,
    n: int,
    bases: list[str],
    rounds: int,
    times: dict[str, list[float]],
    errors: dict[str, int],
) -> None:
    """One person: load the map, toggle sites and see the figures, save a plan."""
    rng = random.Random(n)
    kept = set(bases)

    async def call(kind: str, method: str, path: str, **kwargs: object) -> None:
        start = time.perf_counter()
        try:
            response = await client.request(method, path, **kwargs)  # type: ignore[arg-type]
            problem = f"HTTP {response.status_code}" if response.status_code >= 400 else ""
        except httpx.HTTPError as exc:
            problem = f"{exc.__class__.__name__}: {exc}"
        times[kind].append(time.perf_counter() - start)
        if problem:
            errors[kind] += 1
            print(f"error: {kind}: {problem}", file=sys.stderr)

    await call("GET /api/workspace", "GET", "/api/workspace")
    for _ in range(rounds):
        site = rng.choice(bases)
        if site in kept and len(kept) > 1:
            kept.discard(site)
        else:
            kept.add(site)
        await call("POST /api/evaluate", "POST", "/api/evaluate", json={"bases": sorted(kept)})
    await call("POST /api/scenarios", "POST", "/api/scenarios",
               json={"name": f"load-{n}", "bases": sorted(kept)}, headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip


async def load(
    address: str, users: int, rounds: int, bases: list[str]
) -> tuple[dict[str, list[float]], dict[str, int], float]:
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=address, limits=limits, timeout=600) as client:
        start = time.perf_counter()
        await asyncio.gather(*(user(client, n, bases, rounds, times, errors) for n in range(users)))
        wall = time.perf_counter() - start
    return times, errors, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default="")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            folder = write_bundled_workspace(Path(tmp) / backend)
            bases = list(load_workspace(folder).scenario("baseline-53").bases)
            own = backend == "postgresql" and not args.postgres_url
            database = postgres() if own else nullcontext(args.postgres_url)
            with database as url, server(folder, url if backend == "postgresql" else None) as address:
                times, errors, wall = asyncio.run(load(address, args.users, args.rounds, bases))
            for kind in sorted(times):
                ms = np.array(times[kind]) * 1000
                rows.append((backend, kind, len(ms), *np.percentile(ms, [50, 95, 99]), errors[kind], wall))
    header = "| store | request | requests | p50 ms | p95 ms | p99 ms | errors | wall s (all users) |"
    lines = [header, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    lines += [
        f"| {b} | {k} | {n} | {p50:.0f} | {p95:.0f} | {p99:.0f} | {e} | {w:.1f} |"
        for b, k, n, p50, p95, p99, e, w in rows
    ]
    table = "\n".join(lines)
    print(table)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        "# Load: concurrent users toggling sites on the web map\n\n"
        f"`python bench/load.py --users {args.users} --rounds {args.rounds}`: {args.users} users at once against "
        "one `hubplan serve` process on loopback (httpx AsyncClient). Each user loads the workspace, toggles a "
        f"random site and evaluates {args.rounds} times, then saves one plan with the edit token. Latency is "
        "per request, from send to the end of the answer, so it includes waiting for the server's threads.\n\n"
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}.\n\n{table}\n"
    )


if __name__ == "__main__":
    main()
