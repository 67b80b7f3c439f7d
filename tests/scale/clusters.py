"""A real Dask cluster on loopback, for the engine's tests: a ``dask scheduler`` and ``dask worker`` processes.

The scheduler runs in its own process, as on a real cluster, never inside the test process: a
scheduler, a cluster's client and the engine's client in one process once hung CI for an hour.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DASK = Path(sys.executable).parent / "dask"
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Cluster:
    address: str
    workers: dict[str, subprocess.Popen[bytes]]


def _wait_for(check, what: str, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise TimeoutError(f"waited {seconds:.0f} s for {what}")


def _die_with_parent() -> None:
    """Have the kernel kill this process when the test process dies, even by SIGKILL (Linux).

    Otherwise a test run killed hard (CI's time limit, a cancelled job) leaves the scheduler and
    workers running. Elsewhere nothing is done: the fixture's own clean-up still stops them.
    """
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


@contextmanager
def dask_cluster(folder: Path, names: tuple[str, ...]) -> Iterator[Cluster]:
    """Start a scheduler and one single-threaded worker per name (no nanny: SIGKILL really kills one).

    The workers can import the test modules (``tests.scale...``), so a task defined in a test runs.
    """
    from distributed import Client

    file = folder / "scheduler.json"
    logs = folder / "logs"
    logs.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    procs: list[subprocess.Popen[bytes]] = []

    def start(name: str, args: list[str]) -> subprocess.Popen[bytes]:
        with (logs / f"{name}.log").open("wb") as log:
            proc = subprocess.Popen(
                [str(DASK), *args],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=REPO,
                env=env,
                preexec_fn=_die_with_parent,  # noqa: PLW1509 - no threads run in the child before exec
            )
        procs.append(proc)
        return proc

    try:
        start(
            "scheduler",
            [
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(file),
            ],
        )
        _wait_for(lambda: file.exists() and file.stat().st_size > 0, "the scheduler file")
        address = json.loads(file.read_text())["address"]
        workers = {}
        for name in names:
            workers[name] = start(
                name,
                [
                    "worker",
                    address,
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--no-dashboard",
                    "--name",
                    name,
                    "--host",
                    "127.0.0.1",
                ],
            )
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(len(names), timeout=60)
        yield Cluster(address, workers)
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
