"""A weekly timetable: venue, weekday, slot, base and worker, with nobody in two places at once."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
"""The days sessions run."""

SLOTS = ("10-12", "14-16", "18-20")
"""The two-hour slots of a day (as Norfolk's drop-ins ran)."""

GAP_MINUTES = 120.0
"""Minutes between the end of one slot and the start of the next."""


@dataclass(frozen=True)
class Session:
    """One weekly session.

    Parameters
    ----------
    venue
        The venue's site id.
    weekday
        ``Mon`` to ``Fri``.
    slot
        ``10-12``, ``14-16`` or ``18-20``.
    base
        The site id of the base the worker comes from.
    staff
        The worker's id (one worker, one place at a time).
    """

    venue: str
    weekday: str
    slot: str
    base: str
    staff: str


@dataclass
class _Worker:
    name: str
    base: int
    hours: float = 0.0
    busy: dict[tuple[int, int], int] = field(default_factory=dict)  # (day, slot) -> venue position


def build_timetable(
    requests: list[tuple[int, int, int, float]],
    site_ids: tuple[str, ...],
    minutes_between: np.ndarray,
    *,
    hours_per_week: float,
) -> list[Session]:
    """Place every requested session in a weekday slot and give it a worker from its base.

    Each request is ``(venue, base, sessions a week, staff hours a session)`` in site positions. A
    venue's sessions go on different days where possible. A worker takes a slot only if free then,
    if the journey from the venue of their previous slot that day, and to that of their next, fits
    in the two hours between slots, and if their week stays within ``hours_per_week``. When no
    worker fits, the base gets another.

    Parameters
    ----------
    requests
        What to place.
    site_ids
        Site ids by position.
    minutes_between
        (n_sites, n_sites) car minutes between sites.
    hours_per_week
        The most a worker gives outreach in a week.

    Returns
    -------
    list of Session
        Sorted by base, worker, day and slot.
    """
    workers: dict[int, list[_Worker]] = {}
    sessions: list[Session] = []
    for venue, base, count, hours in sorted(requests, key=lambda r: (-r[2], r[0])):
        used_days: set[int] = set()
        for _ in range(count):
            placed = False
            team = workers.setdefault(base, [])
            for k in range(len(team) + 1):
                if k == len(team):
                    team.append(_Worker(f"{site_ids[base]}-w{k + 1}", base))
                worker = team[k]
                if worker.hours + hours > hours_per_week + 1e-9:
                    continue
                slot = _free_slot(worker, venue, used_days, minutes_between)
                if slot is None:
                    continue
                worker.busy[slot] = venue
                worker.hours += hours
                used_days.add(slot[0])
                sessions.append(
                    Session(site_ids[venue], WEEKDAYS[slot[0]], SLOTS[slot[1]], site_ids[base], worker.name)
                )
                placed = True
                break
            if not placed:  # a new worker always has room unless one session exceeds a week
                msg = (
                    f"a session at {site_ids[venue]} needs {hours:.1f} staff hours, more than a worker's week"
                )
                raise ValueError(msg)
    order = {d: i for i, d in enumerate(WEEKDAYS)}
    return sorted(sessions, key=lambda s: (s.base, s.staff, order[s.weekday], s.slot))


def _free_slot(
    worker: _Worker, venue: int, used_days: set[int], minutes_between: np.ndarray
) -> tuple[int, int] | None:
    best = None
    for day in sorted(range(len(WEEKDAYS)), key=lambda d: (d in used_days, d)):
        for slot in range(len(SLOTS)):
            if (day, slot) in worker.busy:
                continue
            before = worker.busy.get((day, slot - 1))
            after = worker.busy.get((day, slot + 1))
            if before is not None and minutes_between[before, venue] > GAP_MINUTES:
                continue
            if after is not None and minutes_between[venue, after] > GAP_MINUTES:
                continue
            best = (day, slot)
            break
        if best is not None:
            return best
    return None


def double_bookings(sessions: list[Session]) -> list[tuple[str, str, str]]:
    """Return every (worker, weekday, slot) that appears more than once: empty for a valid timetable.

    Parameters
    ----------
    sessions
        A timetable.

    Returns
    -------
    list of tuple
        The clashes.
    """
    seen: set[tuple[str, str, str]] = set()
    clashes = []
    for s in sessions:
        key = (s.staff, s.weekday, s.slot)
        if key in seen:
            clashes.append(key)
        seen.add(key)
    return clashes
