"""Whether a workspace's travel minutes fit in memory: checked before they are built, and by validate.

The minutes are one float32 matrix per mode, areas x sites (venues included): 100,000 areas and
10,000 sites need 3.73 GiB a mode, 11.2 GiB for walk, car and bus. The rule: the matrices must fit
in the memory available now (``MemAvailable`` in ``/proc/meminfo``, less where ``ulimit -v``
leaves the process less room; unknown, and not checked, where neither can be read); above half of
it a command may still run out, as evaluating and optimising make working copies, so ``validate`` warns.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from hubplan.errors import HubplanError
from hubplan.modes import MODES

BYTES_PER_MINUTE = 4
"""A float32 minute."""

GIB = 1 << 30
"""Bytes in a GiB."""


def matrix_bytes(n_areas: int, n_sites: int, *, n_modes: int = len(MODES)) -> int:
    """Return the bytes of the travel minutes: areas x sites x modes x 4.

    Parameters
    ----------
    n_areas, n_sites
        The workspace's areas and sites (venues included).
    n_modes
        How many modes are kept (walk, car and bus by default).

    Returns
    -------
    int
        Bytes.
    """
    return n_areas * n_sites * n_modes * BYTES_PER_MINUTE


def available_memory(
    meminfo: Path = Path("/proc/meminfo"), status: Path = Path("/proc/self/status")
) -> int | None:
    """Return the memory available to a new allocation, in bytes, or ``None`` where it is not known.

    The machine's available memory (``MemAvailable``), less where an address-space limit
    (``ulimit -v``) leaves this process less room.

    Parameters
    ----------
    meminfo
        Linux's memory report (its ``MemAvailable`` line, in kB).
    status
        This process's status (its ``VmSize`` line, in kB: the address space it uses now).

    Returns
    -------
    int or None
        Bytes.
    """
    available = _kib_line(meminfo, "MemAvailable:")
    with contextlib.suppress(ImportError, OSError, ValueError):
        import resource

        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
        if limit != resource.RLIM_INFINITY:
            room = max(0, limit - (_kib_line(status, "VmSize:") or 0))
            available = room if available is None else min(available, room)
    return available


def _kib_line(path: Path, label: str) -> int | None:
    """Return the bytes on the line of ``path`` that starts with ``label`` (given in kB), or ``None``."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in path.read_text(encoding="ascii").splitlines():
            if line.startswith(label):
                return int(line.split()[1]) * 1024
    return None


def _gib(n_bytes: float) -> str:
    return f"{n_bytes / GIB:,.1f} GiB"


def memory_message(n_areas: int, n_sites: int, *, available: int | None) -> tuple[str, bool] | None:
    """Word what the travel minutes need against what is available, or ``None`` when they fit easily.

    Parameters
    ----------
    n_areas, n_sites
        The workspace's areas and sites (venues included).
    available
        Bytes available (:func:`available_memory`); ``None`` when not known (nothing is said).

    Returns
    -------
    tuple of str and bool or None
        The message, and whether the minutes cannot fit at all (``True``) or only risk running out
        (``False``, above half of what is available).
    """
    if available is None:
        return None
    needed = matrix_bytes(n_areas, n_sites)
    if needed * 2 <= available:
        return None
    size = (
        f"{n_areas:,} areas x {n_sites:,} sites need {_gib(needed)} of travel minutes ({len(MODES)} modes, "
        f"{BYTES_PER_MINUTE} bytes a minute), and {_gib(available)} of memory is available"
    )
    fix = "use fewer sites (leave venues.csv out, or fewer venues), or plan a smaller region at a time"
    if needed > available:
        return f"{size}: they cannot fit; {fix}", True
    return f"{size}: evaluating and optimising need as much again, and may run out; {fix}", False


class NotEnoughMemoryError(HubplanError):
    """The travel minutes would not fit in the memory available."""


def check_matrix_memory(n_areas: int, n_sites: int, *, available: int | None = None) -> None:
    """Refuse to build travel minutes that cannot fit in memory, before any is allocated.

    Parameters
    ----------
    n_areas, n_sites
        The workspace's areas and sites (venues included).
    available
        Bytes available; default :func:`available_memory`.

    Raises
    ------
    NotEnoughMemoryError
        When the matrices need more than the memory available, saying how much and how to reduce it.
    """
    if available is None:
        available = available_memory()
    found = memory_message(n_areas, n_sites, available=available)
    if found is not None and found[1]:
        raise NotEnoughMemoryError(found[0])
