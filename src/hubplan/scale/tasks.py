"""One task per council: build its problem, choose its bases under a rule, measure access; return a row.

A task is a pure function of a council code and :class:`NationalOptions`: it shares no state with
other tasks, so Dask can run it on any worker, and run it again if a worker dies. It never raises:
a council that fails becomes a row whose ``error`` says why.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import time
from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np

from hubplan.data.england import find_council
from hubplan.errors import InfeasibleError
from hubplan.evaluate.measure import nearest_minutes, share_within
from hubplan.evaluate.within_area import within_area
from hubplan.optimise import solve_pmedian
from hubplan.scale.councils import MOST_DEPRIVED_DECILES, CouncilProblem, build_council_problem
from hubplan.scale.councils import england_tables_digest as _digest

RuleKind = Literal["bases_per", "bases", "budget_share"]

DEFAULT_CHILDREN_PER_BASE = 2000
"""The default rule: one base per 2,000 children under five (rounded up, at least one)."""

ROW_COLUMNS = (
    "code",
    "name",
    "areas",
    "children",
    "candidates",
    "candidate_kind",
    "bases",
    "mode",
    "threshold_minutes",
    "mean_minutes",
    "share_within_car",
    "share_within_bus",
    "deprived_share_within_car",
    "deprived_share_within_bus",
    "objective",
    "lower_bound",
    "gap",
    "seconds",
    "solve_seconds",
    "centre_lat",
    "centre_lon",
    "open_sites",
    "zero_minute_share",
    "caution",
    "worker",
    "fingerprint",
    "error",
)
"""The columns of a council's row, in the order ``national.parquet`` stores them."""

ROW_FORMAT = 2
"""What a row's columns mean; raised when one changes (2: ``open_sites`` holds the site ids of
``hubplan init``'s ``sites.csv``, ``lib-...`` or ``area-...``, no longer the library list's numbers;
``zero_minute_share`` and ``caution`` say where travel inside an area is the journey)."""


@dataclass(frozen=True)
class BaseRule:
    """How many bases a council gets.

    Parameters
    ----------
    kind
        ``"bases_per"``: one base per ``value`` children under five (rounded up, at least 1, at most
        every candidate); ``"bases"``: exactly ``value`` bases (a council with fewer candidates fails);
        ``"budget_share"``: the share ``value`` (0-1) of the cost of keeping every candidate, which
        with every candidate costing the same modelled £75,000 a year is that share of the candidates
        (rounded down, at least 1).
    value
        Children, bases or a share, as ``kind`` says.
    """

    kind: RuleKind = "bases_per"
    value: float = DEFAULT_CHILDREN_PER_BASE

    def bases(self, children: float, candidates: int) -> int:
        """Return the number of bases for a council.

        Parameters
        ----------
        children
            Children under five in the council.
        candidates
            Its candidate sites.

        Returns
        -------
        int
            Bases to open, between 1 and ``candidates``.

        Raises
        ------
        InfeasibleError
            When a fixed number of bases exceeds the candidates.
        """
        if self.kind == "bases_per":
            wanted = max(1, math.ceil(children / self.value))
            return min(wanted, candidates)
        if self.kind == "bases":
            wanted = int(self.value)
            if wanted > candidates:
                msg = f"bases: {wanted} asked but the council has only {candidates} candidate sites"
                raise InfeasibleError(msg)
            return wanted
        return min(candidates, max(1, math.floor(self.value * candidates + 1e-9)))

    def describe(self) -> str:
        """Say the rule in words, e.g. ``one base per 2,000 children under five``."""
        if self.kind == "bases_per":
            return f"one base per {self.value:,.0f} children under five"
        if self.kind == "bases":
            return f"{int(self.value)} bases in every council"
        return f"{self.value:.0%} of the cost of keeping every candidate"


@dataclass(frozen=True)
class NationalOptions:
    """What every council's task is asked to do.

    Parameters
    ----------
    rule
        How many bases.
    method
        ``"heuristic"`` (fast, with a proven gap) or ``"exact"`` (HiGHS).
    mode
        The mode whose children-weighted minutes the p-median minimises: ``"bus"`` or ``"car"``.
    threshold_minutes
        Minutes that count as within reach.
    year
        The mid-year of the ONS under-5 counts (2017 or 2019).
    seed
        Seeds the heuristic.
    """

    rule: BaseRule = BaseRule()
    method: Literal["heuristic", "exact"] = "heuristic"
    mode: Literal["bus", "car"] = "bus"
    threshold_minutes: float = 30.0
    year: int = 2019
    seed: int = 0


def fingerprint(code: str, options: NationalOptions) -> str:
    """Return the fingerprint of a council's task: the same inputs and options give the same one.

    Parameters
    ----------
    code
        The council's ONS code.
    options
        The task's options.

    Returns
    -------
    str
        16 hex digits of a SHA-256 over the code, the options, the England tables, hubplan's version
        and :data:`ROW_FORMAT` (so a row written before a column changed meaning is made again).
    """
    from hubplan import __version__

    text = json.dumps(
        {
            "code": code,
            "options": asdict(options),
            "data": _digest(),
            "hubplan": __version__,
            "row_format": ROW_FORMAT,
        },
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def empty_row(code: str, name: str, options: NationalOptions) -> dict[str, Any]:
    """Return a row with every column, unmeasured (``nan``, ``""`` or 0), for ``code``.

    Parameters
    ----------
    code, name
        The council.
    options
        The task's options.

    Returns
    -------
    dict
        Column to value, in :data:`ROW_COLUMNS` order.
    """
    row: dict[str, Any] = dict.fromkeys(ROW_COLUMNS, math.nan)
    row.update(
        code=code,
        name=name,
        areas=0,
        candidates=0,
        bases=0,
        candidate_kind="",
        mode=options.mode,
        threshold_minutes=options.threshold_minutes,
        open_sites="",
        caution="",
        worker="",
        fingerprint=fingerprint(code, options),
        error="",
    )
    return row


def plan_council(problem: CouncilProblem, options: NationalOptions) -> dict[str, Any]:
    """Choose a council's bases and measure access; the measured columns of its row.

    Parameters
    ----------
    problem
        The council's arrays.
    options
        The rule, method, mode and threshold.

    Returns
    -------
    dict
        ``bases``, ``objective`` (children x minutes), ``lower_bound``, ``gap``, ``mean_minutes``
        (children-weighted, by ``options.mode``), the shares within the threshold by car and bus for
        all children and for the most deprived fifth (IMD deciles 1-2; ``nan`` where it has none),
        ``open_sites`` (the bases' site ids as ``hubplan init`` writes them in ``sites.csv``, joined by
        ``;``), ``zero_minute_share`` (children whose nearest base shows as 0 minutes: at their own
        area's point), ``caution`` (the :mod:`hubplan.evaluate.within_area` caution where travel
        inside areas dominates, else '') and ``solve_seconds``.

    Raises
    ------
    InfeasibleError
        When the rule asks for more bases than there are candidates.
    """
    weights = problem.children
    p = options.rule.bases(float(weights.sum()), problem.n_sites)
    started = time.perf_counter()
    solution = solve_pmedian(
        problem.minutes[options.mode], weights, p, method=options.method, seed=options.seed
    )
    solve_seconds = time.perf_counter() - started
    open_sites = np.asarray(solution.open, dtype=np.int64)
    deprived = np.isin(problem.deprivation_decile, MOST_DEPRIVED_DECILES)
    row: dict[str, Any] = {
        "bases": p,
        "objective": float(solution.objective),
        "lower_bound": float(solution.lower_bound),
        "gap": float(solution.gap),
        "solve_seconds": solve_seconds,
        "open_sites": ";".join(str(s) for s in problem.site_ids[open_sites]),
    }
    total = float(weights.sum())
    row["mean_minutes"] = float(solution.objective) / total if total > 0 else math.nan
    nearest = {}
    for mode in ("car", "bus"):
        near = nearest[mode] = nearest_minutes(problem.minutes[mode], open_sites)
        row[f"share_within_{mode}"] = share_within(near, weights, options.threshold_minutes)
        row[f"deprived_share_within_{mode}"] = share_within(
            near[deprived], weights[deprived], options.threshold_minutes
        )
    inside = within_area(nearest, weights)  # Scilly: one area over five islands, every child "0 min"
    row["zero_minute_share"] = inside.share
    row["caution"] = (inside.sentence("children", whole="the council") or "") if inside.dominates else ""
    return row


def solve_council(code: str, options: NationalOptions) -> dict[str, Any]:
    """Plan one council end to end and return its row; a failure is a row with ``error`` set.

    Parameters
    ----------
    code
        The council's ONS code.
    options
        The task's options.

    Returns
    -------
    dict
        One row of ``national.parquet``: every column in :data:`ROW_COLUMNS`.
    """
    started = time.perf_counter()
    row = empty_row(code, code, options)
    try:
        council = find_council(code)
        row["name"] = council.name
        problem = build_council_problem(council, year=options.year)
        lat, lon = problem.centre
        row.update(
            areas=problem.n_areas,
            children=float(problem.children.sum()),
            candidates=problem.n_sites,
            candidate_kind=problem.site_kind,
            centre_lat=lat,
            centre_lon=lon,
        )
        row.update(plan_council(problem, options))
    except Exception as exc:  # a failed council is a row, not a crashed run
        row["error"] = f"{type(exc).__name__}: {exc}"
    row["seconds"] = time.perf_counter() - started
    row["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    return row
