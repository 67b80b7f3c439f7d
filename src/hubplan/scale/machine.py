"""Say what machine a measurement ran on: cores, memory, CPU model and how busy it was."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Machine:
    """The machine a benchmark ran on, as the operating system reports it.

    Parameters
    ----------
    cores
        Logical cores in the machine.
    usable_cores
        Cores this process may run on (its CPU affinity; fewer in a container or under ``taskset``).
    memory_gb
        Physical memory (GB, 10^9 bytes; ``nan`` where the system does not say).
    cpu
        The CPU model (``/proc/cpuinfo``'s model name, else what :mod:`platform` says).
    load
        The 1-, 5- and 15-minute load averages (runnable processes; above ``cores``, work waits).
    system
        Operating system, machine architecture and Python version.
    """

    cores: int
    usable_cores: int
    memory_gb: float
    cpu: str
    load: tuple[float, float, float]
    system: str

    def describe(self) -> str:
        """Say the machine in one line, e.g. ``2 cores (2 usable), 8.3 GB, Intel Xeon ..., load 1.1``."""
        load = ", ".join(f"{x:.1f}" for x in self.load)
        return (
            f"{self.cores} cores ({self.usable_cores} usable), {self.memory_gb:.1f} GB memory, "
            f"{self.cpu}; load average {load} (1, 5, 15 min); {self.system}"
        )


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown CPU"


def _memory_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    except (ValueError, OSError, AttributeError):  # pragma: no cover - not POSIX
        return float("nan")


def this_machine() -> Machine:
    """Return the machine this process runs on, now (the load is the current one).

    Returns
    -------
    Machine
        Cores, usable cores, memory, CPU model, load averages and system.
    """
    cores = os.cpu_count() or 1
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = cores
    try:
        load = os.getloadavg()
    except OSError:  # pragma: no cover - not available
        load = (float("nan"),) * 3
    return Machine(
        cores=cores,
        usable_cores=usable,
        memory_gb=_memory_gb(),
        cpu=_cpu_model(),
        load=(float(load[0]), float(load[1]), float(load[2])),
        system=f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
    )
