"""Benders decomposition of the p-median on HiGHS, after Duran-Mateluna, Ales and Elloumi (EJOR 2023).

The master problem keeps the sites ``y_j`` and one variable ``theta_i`` per area (its weighted cost)::

    min sum_i theta_i   s.t.   sum_j y_j = p,   y_j in {0, 1},   Benders cuts.

**The cut.** Let area ``i`` have listed costs ``d_ij`` and far cost ``F_i`` (paid when none of its
listed sites is open). For any level ``D`` (one of its costs, or ``F_i``)::

    theta_i >= D - sum_{j : d_ij < D} (D - d_ij) y_j.

Valid: if the nearest open site costs ``d* < D``, the right side is at most ``D - (D - d*) = d*``
(the other terms are not negative); if ``d* >= D`` (or none is open, ``d* = F_i >= D``) it is at
most ``D <= d*``. Seen as a function of ``D`` the right side is concave, with slope
``1 - sum_{j : d_ij < D} y_j``: at a point ``y`` (fractional or not) it is largest at the first
level ``D`` whose sites at cost ``<= D`` carry a total ``y`` of at least 1 (``F_i`` when none
does). That is each area's separation: sort its costs once, take the running sum of ``y``. At an
integral ``y`` the most violated cut is tight: ``theta_i`` equals the area's cost.

**Phase 1** solves the LP relaxation by adding, round by round, each area's most violated cut;
sites whose LP reduced cost proves they cannot be open (or closed) in a plan better than the
incumbent are then fixed, and probing fixes closed more: the LP re-solved with one site open, for
as many sites as :data:`PROBE_SHARE` of the time allows. A later call on the same instance can go
on from the master (:attr:`BendersResult.master`): its cuts and fixings stay valid for any better
incumbent. **Phase 2** solves the master as a MIP with the cuts found, warm-started
with the incumbent; HiGHS has no lazy-constraint callback, so the MIP's plan is checked, its
violated cuts added and the MIP solved again until the plan it returns violates none. When every
plan's cost is a whole number (floor distances, whole weights), Phase 2 does not close the gap: a
row ``sum theta <= incumbent - 1`` asks HiGHS only whether a better plan exists, so it prunes every
node whose bound reaches the incumbent, and an infeasible master proves the incumbent optimal.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from hubplan.optimise.highs import quiet_highs
from hubplan.optimise.instance import Instance
from hubplan.optimise.solution import Status

_INF = highspy.kHighsInf
#: Share of the time left after Phase 1 that probing (:meth:`Master.probe`) may take: on u1432
#: (p = 50, the exact pipeline's second call, from the optimum) it fixed 349 more sites in 35 s and
#: Phase 2 then proved the optimum in about 95 s; without probing Phase 2 took 208 s.
PROBE_SHARE = 0.15
_log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class BendersResult:
    """What a Benders solve found.

    Attributes
    ----------
    is_open
        The best plan found (open mask).
    objective
        Its weighted cost in the instance.
    bound
        A proven lower bound of the instance's optimum (same units as ``objective``).
    status
        ``OPTIMAL`` when the plan meets the bound, else ``TIME_LIMIT``.
    lp_bound
        The Phase 1 (LP relaxation) bound.
    cuts
        Cuts added in all.
    fixed
        Sites fixed after Phase 1 in this call (by reduced costs and by probing).
    master
        The master problem, cuts and fixings kept: pass it to a later :func:`benders` call on the
        same instance (with a plan at least as good) to go on from it.
    """

    is_open: np.ndarray
    objective: float
    bound: float
    status: Status
    lp_bound: float
    cuts: int
    fixed: int
    master: Master | None = None


class _Separator:
    """Each area's costs sorted once; finds each area's most violated cut at a point ``y``."""

    def __init__(self, inst: Instance) -> None:
        n = inst.n_areas
        self.n, self.m = n, inst.n_sites
        self.ptr = inst.row_ptr
        self.rows = np.repeat(np.arange(n), np.diff(inst.row_ptr))
        order = np.lexsort((inst.row_cost, self.rows))
        self.site = inst.row_site[order]
        self.cost = inst.row_cost[order]
        self.far = inst.far

    def floor(self) -> np.ndarray:
        """Each area's least possible cost (its cheapest listed cost, or far): ``theta``'s lower bound."""
        first = np.full(self.n, np.inf)
        np.minimum.at(first, self.rows, self.cost)
        floor: np.ndarray = np.minimum(first, self.far)
        return floor

    def levels(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return each area's best level ``D`` at ``y`` and the cut's right side there (its value)."""
        yy = np.clip(y, 0.0, 1.0)[self.site]
        cum = np.cumsum(yy)
        base = np.r_[0.0, cum][self.ptr[:-1]]
        pos = np.searchsorted(cum, base + 1.0 - 1e-9, side="left")
        reached = pos < self.ptr[1:]
        level = np.where(reached, self.cost[np.minimum(pos, len(self.cost) - 1)], np.inf)
        level = np.minimum(level, self.far)
        contrib = np.maximum(level[self.rows] - self.cost, 0.0) * yy
        value = level - np.bincount(self.rows, weights=contrib, minlength=self.n)
        return level, value

    def cuts(
        self, areas: np.ndarray, level: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Return the cuts of ``areas`` at ``level`` as CSR rows over ``(y, theta)``.

        Returns lower sides, row starts, column indices and values.
        """
        local = np.full(self.n, -1)
        local[areas] = np.arange(len(areas))
        take = (local[self.rows] >= 0) & (self.cost < level[self.rows])
        e = np.flatnonzero(take)
        r = local[self.rows[e]]
        data = np.r_[np.ones(len(areas)), level[self.rows[e]] - self.cost[e]]
        rows = np.r_[np.arange(len(areas)), r]
        cols = np.r_[self.m + areas, self.site[e]]
        mat = sp.csr_array((data, (rows, cols)), shape=(len(areas), self.m + self.n))
        mat.sum_duplicates()
        mat.sort_indices()
        return level[areas], mat.indptr.astype(np.int32), mat.indices.astype(np.int32), mat.data


def _add_cuts(highs: highspy.Highs, sep: _Separator, y: np.ndarray, theta: np.ndarray) -> int:
    """Add each area's most violated cut at ``(y, theta)``; return how many were violated."""
    level, value = sep.levels(y)
    areas = np.flatnonzero(value > theta + 1e-6 * np.maximum(1.0, np.abs(value)))
    if len(areas):
        lower, start, index, coef = sep.cuts(areas, level)
        highs.addRows(len(areas), lower, np.full(len(areas), _INF), len(index), start[:-1], index, coef)
    return len(areas)


def _lp_time_limit(highs: highspy.Highs, deadline: float, least: float) -> None:
    """Let HiGHS's next LP solve run until ``deadline`` (``perf_counter`` seconds), at least ``least`` s.

    HiGHS checks an LP's ``time_limit`` against its run clock, which adds up every run of the model
    (``getRunTime``), not against this run's time: a limit of the seconds left stops an LP at once
    when earlier runs took longer. (Its MIP solver times each run on its own.)
    """
    left = max(least, deadline - time.perf_counter())
    highs.setOptionValue("time_limit", float(highs.getRunTime()) + left)


class Master:
    """The Benders master on HiGHS: ``y`` (sites) and ``theta`` (areas), ``sum y = p`` and the cuts found.

    One model serves a whole solve: Phase 1 (:meth:`solve_lp`), reduced-cost fixing (:meth:`fix`)
    and Phase 2 (:meth:`search`). Every cut is valid for every plan, so the same model also serves
    restricted problems (kernel search, :mod:`hubplan.optimise.kernel_search`): :meth:`restrict`
    closes the sites outside a kernel and reopens them later without losing a cut.
    """

    def __init__(
        self,
        inst: Instance,
        p: int,
        start: np.ndarray,
        *,
        fixed_open: np.ndarray | None = None,
        fixed_closed: np.ndarray | None = None,
    ) -> None:
        self.inst, self.p = inst, p
        self.m, self.n = inst.n_sites, inst.n_areas
        self.sep = _Separator(inst)
        m, n = self.m, self.n
        self.lower_y = np.zeros(m)
        self.upper_y = np.ones(m)
        if fixed_open is not None:
            self.lower_y[fixed_open] = 1.0
        if fixed_closed is not None:
            self.upper_y[fixed_closed] = 0.0
        self.highs = highs = quiet_highs()
        highs.setOptionValue("random_seed", 0)
        highs.addCols(m + n, np.r_[np.zeros(m), np.ones(n)], np.r_[self.lower_y, self.sep.floor()],
                      np.r_[self.upper_y, np.full(n, _INF)], 0, np.zeros(0, np.int32), np.zeros(0, np.int32),
                      np.zeros(0))  # fmt: skip
        highs.addRow(float(p), float(p), m, np.arange(m, dtype=np.int32), np.ones(m))
        self.cuts = _add_cuts(highs, self.sep, start.astype(float), np.full(n, -np.inf))
        self.integer = False
        self.cutoff_row = -1
        #: The cut (:func:`cut_of`) that the fixings so far assumed: they hold for every plan costing
        #: at most it, hence for every plan at most a lower one.
        self.fixed_for = np.inf
        #: The best plan a solve on this master ended with (:meth:`keep`) and its cost.
        self.best_open: np.ndarray | None = None
        self.best = np.inf

    def keep(self, best_open: np.ndarray, best: float) -> None:
        """Keep the plan ``best_open`` (cost ``best``) if it is the best one so far."""
        if best < self.best:
            self.best_open, self.best = best_open.copy(), float(best)

    def impose(self, fixed_open: np.ndarray | None, fixed_closed: np.ndarray | None) -> None:
        """Fix open the sites in ``fixed_open``, closed those in ``fixed_closed`` (masks, or None)."""
        if fixed_open is not None:
            self.lower_y[fixed_open] = 1.0
        if fixed_closed is not None:
            self.upper_y[fixed_closed] = 0.0
        if fixed_open is not None or fixed_closed is not None:
            idx = np.arange(self.m, dtype=np.int32)
            self.highs.changeColsBounds(self.m, idx, self.lower_y, self.upper_y)

    def reuse(self, start: np.ndarray, cut: float) -> None:
        """Make the master an LP again for a new solve from ``start``, its cuts and fixings kept.

        The fixings hold for the plans costing at most the cut they were made under; ``cut`` (the
        new solve's) must be no higher, which a ``start`` at least as good as the last incumbent
        ensures. ``start``'s own cuts are added (its tight cut per area).
        """
        if cut > self.fixed_for:
            raise ValueError(f"cut {cut:.10g} above the one the fixings assumed ({self.fixed_for:.10g})")
        highs, m = self.highs, self.m
        if self.integer:
            highs.changeColsIntegrality(
                m, np.arange(m, dtype=np.int32), np.full(m, highspy.HighsVarType.kContinuous)
            )
            self.integer = False
        if self.cutoff_row >= 0:
            highs.changeRowBounds(self.cutoff_row, -_INF, _INF)
        self.cuts += _add_cuts(highs, self.sep, start.astype(float), np.full(self.n, -np.inf))

    def same_instance(self, inst: Instance, p: int) -> bool:
        """Whether ``inst`` (and ``p``) are the ones this master was built on, array for array."""
        own = self.inst
        return p == self.p and (
            own is inst
            or all(
                np.array_equal(a, b)
                for a, b in (
                    (own.row_ptr, inst.row_ptr), (own.row_site, inst.row_site),
                    (own.row_cost, inst.row_cost), (own.far, inst.far),
                )
            )
        )  # fmt: skip

    def solve_lp(self, deadline: float) -> tuple[float, np.ndarray | None, np.ndarray | None]:
        """Phase 1: solve the LP relaxation, adding each area's most violated cut, round by round.

        Returns
        -------
        tuple
            The LP bound (``-inf`` unless the loop ended with no violated cut, so that it bounds the
            problem), the LP's ``y`` and the reduced costs of ``y`` (``None`` when no LP was solved).
        """
        highs, m = self.highs, self.m
        lp_bound = -np.inf
        values: np.ndarray | None = None
        complete = False
        while time.perf_counter() < deadline:
            _lp_time_limit(highs, deadline, 1.0)
            highs.run()
            if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                break
            values = np.asarray(highs.getSolution().col_value)
            lp_bound = float(highs.getInfo().objective_function_value)
            added = _add_cuts(highs, self.sep, values[:m], values[m:])
            self.cuts += added
            _log.debug("phase 1: LP %.6g, %d cuts added", lp_bound, added)
            if added == 0:
                complete = True
                break
        if values is None:
            return -np.inf, None, None
        if not complete:
            # Stopped mid-loop (or the last LP failed): the LP value bounds the master, not the problem.
            return -np.inf, values[:m], None
        dual = np.asarray(highs.getSolution().col_dual)[:m]
        return lp_bound, values[:m], dual

    def fix(self, y: np.ndarray, dual: np.ndarray, lp_bound: float, cut: float) -> int:
        """Fix sites whose LP reduced cost proves them closed (or open) in every plan costing at most ``cut``.

        Returns the number of sites fixed; they stay fixed for the rest of the solve.
        """
        free = (self.upper_y > 0.5) & (self.lower_y < 0.5)
        close = free & (y < 1e-9) & (lp_bound + dual > cut)
        force = free & (y > 1 - 1e-9) & (lp_bound - dual > cut)
        for mask, lo, hi in ((close, 0.0, 0.0), (force, 1.0, 1.0)):
            idx = np.flatnonzero(mask).astype(np.int32)
            if len(idx):
                self.highs.changeColsBounds(len(idx), idx, np.full(len(idx), lo), np.full(len(idx), hi))
        self.upper_y[close] = 0.0
        self.lower_y[force] = 1.0
        self.fixed_for = min(self.fixed_for, cut)
        return int(close.sum() + force.sum())

    def probe(self, y: np.ndarray, dual: np.ndarray, cut: float, deadline: float) -> int:
        """Fix closed the sites that no plan costing at most ``cut`` opens, by solving the LP with each open.

        Reduced costs bound each site's opening linearly; the LP re-solved with the site open (dual
        simplex from the current basis, stopped by HiGHS's ``objective_bound`` as soon as its value
        passes ``cut``, with the cuts its solutions violate) bounds it exactly (probing, Savelsbergh
        1994). Sites closed in the LP go in order of reduced cost, largest first (they fix fastest),
        until ``deadline``; the cuts found stay. Returns the number fixed.
        """
        highs, m = self.highs, self.m
        free = (self.upper_y > 0.5) & (self.lower_y < 0.5) & (y < 1e-9)
        cands = np.flatnonzero(free)
        cands = cands[np.argsort(-dual[cands], kind="stable")]
        highs.setOptionValue("objective_bound", cut)
        self.fixed_for = min(self.fixed_for, cut)
        fixed = 0
        for j in cands:
            if time.perf_counter() > deadline:
                break
            jj = int(j)
            highs.changeColBounds(jj, 1.0, 1.0)
            proven = False
            for _ in range(5):
                _lp_time_limit(highs, deadline, 0.1)
                highs.run()
                st = highs.getModelStatus()
                if st in (highspy.HighsModelStatus.kObjectiveBound, highspy.HighsModelStatus.kInfeasible):
                    proven = True
                    break
                if st != highspy.HighsModelStatus.kOptimal:
                    break
                if highs.getInfo().objective_function_value > cut:
                    proven = True
                    break
                v = np.asarray(highs.getSolution().col_value)
                added = _add_cuts(highs, self.sep, v[:m], v[m:])
                self.cuts += added
                if added == 0:
                    break
            highs.changeColBounds(jj, 0.0, 0.0 if proven else 1.0)
            if proven:
                self.upper_y[jj] = 0.0
                fixed += 1
        highs.setOptionValue("objective_bound", _INF)
        return fixed

    def _watch(self, seen: list[tuple[np.ndarray, np.ndarray]], wrong: list[bool], *, interrupt: bool):  # type: ignore[no-untyped-def]
        """Return a HiGHS callback that keeps each plan found (``seen``) and stops at a wrong one.

        A plan is wrong when its ``theta`` sum is below its cost by more than half a unit (with the
        cutoff a plan costing less is a better incumbent, never wrong); ``wrong[0]`` is then set and,
        with ``interrupt``, the run stops at HiGHS's next interrupt check.
        """
        m, n, p, inst = self.m, self.n, self.p, self.inst
        found_type = highspy.cb.HighsCallbackType.kCallbackMipSolution
        check_type = highspy.cb.HighsCallbackType.kCallbackMipInterrupt

        def watch(kind, _message, data_out, data_in, _user):  # type: ignore[no-untyped-def]
            if kind == found_type:
                values = np.asarray(data_out.mip_solution)[: m + n]
                plan = values[:m] > 0.5
                if int(plan.sum()) == p:
                    seen.append((plan, values[m:].copy()))
                    cost = inst.objective(np.flatnonzero(plan))
                    if cost > float(values[m:].sum()) + 0.5 * max(1.0, 1e-9 * cost):
                        wrong[0] = True
            elif kind == check_type:
                data_in.user_interrupt = bool(interrupt and wrong[0])  # set each time: HiGHS keeps it

        return watch

    def restrict(self, allowed: np.ndarray) -> None:
        """Let only the sites in ``allowed`` open (the rest get ``y = 0``), fixed sites kept as fixed."""
        upper = np.where(allowed, self.upper_y, 0.0)
        lower = np.minimum(self.lower_y, upper)
        idx = np.arange(self.m, dtype=np.int32)
        self.highs.changeColsBounds(self.m, idx, lower, upper)

    def add_row(self, sites: np.ndarray, lower: float) -> int:
        """Add a row ``sum over sites of y >= lower``; return its index (change it with :meth:`set_row`)."""
        row = int(self.highs.getNumRow())
        idx = np.asarray(sites, dtype=np.int32)
        self.highs.addRow(float(lower), _INF, len(idx), idx, np.ones(len(idx)))
        return row

    def set_row(self, row: int, lower: float) -> None:
        """Set the lower side of a row added by :meth:`add_row` (``-inf`` drops it)."""
        self.highs.changeRowBounds(row, float(lower), _INF)

    def search(
        self, best_open: np.ndarray, best: float, deadline: float, *, integral: bool, cutoff: bool
    ) -> tuple[np.ndarray, float, float, Status]:
        """Phase 2: the MIP with the cuts found, re-solved with the cuts its plans violate.

        With ``cutoff`` and ``integral`` a row ``sum theta <= best - 1`` asks only for a better plan
        (it follows the incumbent). Returns the best plan, its cost, the MIP's bound (of the master as
        restricted now, at most ``best``) and ``OPTIMAL`` when no better plan exists in it.
        """
        highs, m, n, sep, inst, p = self.highs, self.m, self.n, self.sep, self.inst, self.p
        if not self.integer:
            highs.changeColsIntegrality(
                m, np.arange(m, dtype=np.int32), np.full(m, highspy.HighsVarType.kInteger)
            )
            highs.setOptionValue("mip_rel_gap", 1e-9)
            highs.setOptionValue("mip_abs_gap", 1e-7)
            self.integer = True
        use_cutoff = cutoff and integral
        if use_cutoff:
            # Ask only whether a plan costing at most best - 1 exists: sum theta <= best - 1. HiGHS then
            # prunes every node whose bound reaches the incumbent; "infeasible" proves the incumbent optimal.
            if self.cutoff_row < 0:
                self.cutoff_row = int(highs.getNumRow())
                highs.addRow(-_INF, best - 1.0, n, np.arange(m, m + n, dtype=np.int32), np.ones(n))
            else:
                highs.changeRowBounds(self.cutoff_row, -_INF, best - 1.0)
        elif self.cutoff_row >= 0:
            highs.changeRowBounds(self.cutoff_row, -_INF, _INF)
        # Every plan HiGHS reports is costed: a better one becomes the incumbent, a wrong one (its theta
        # below its cost) gives its cuts. With the cutoff every plan it finds is one or the other, and
        # the run stops at a wrong one (HiGHS has no lazy constraints): its tree was built on it.
        seen: list[tuple[np.ndarray, np.ndarray]] = []
        wrong = [False]
        highs.setOptionValue("mip_heuristic_effort", 0.0 if use_cutoff else 0.05)
        highs.setCallback(self._watch(seen, wrong, interrupt=use_cutoff), None)
        highs.startCallback(highspy.cb.HighsCallbackType.kCallbackMipSolution)
        highs.startCallback(highspy.cb.HighsCallbackType.kCallbackMipInterrupt)
        bound = -np.inf
        status = Status.TIME_LIMIT
        while time.perf_counter() < deadline:
            wrong[0] = False
            seen.clear()
            if not use_cutoff:
                _, theta = sep.levels(best_open.astype(float))
                warm = highspy.HighsSolution()
                warm.col_value = list(np.r_[best_open.astype(float), theta])
                warm.value_valid = True
                highs.setSolution(warm)
            highs.setOptionValue("time_limit", max(0.5, deadline - time.perf_counter()))
            highs.run()
            model_status = highs.getModelStatus()
            if use_cutoff and model_status == highspy.HighsModelStatus.kInfeasible:
                status = Status.OPTIMAL  # no plan of the master (a relaxation) costs best - 1 or less
                break
            info = highs.getInfo()
            # With the cutoff row the MIP's bound covers only plans below best; min(bound, best) stays valid.
            bound = max(bound, float(info.mip_dual_bound))
            values = np.asarray(highs.getSolution().col_value)
            if len(values) < m + n or info.primal_solution_status == 0:
                break
            # Read before rows reset it; a run stopped at a wrong plan goes on with its cuts.
            solved = model_status == highspy.HighsModelStatus.kOptimal or wrong[0]
            is_open = values[:m] > 0.5
            found = inst.objective(np.flatnonzero(is_open))
            if int(is_open.sum()) == p and found < best:
                best_open, best = is_open, found
                if use_cutoff:
                    highs.changeRowBounds(self.cutoff_row, -_INF, best - 1.0)
            if bound > cut_of(best, integral):
                status = Status.OPTIMAL
                break
            added = _add_cuts(highs, sep, is_open.astype(float), values[m:])
            for plan, theta in seen:
                cost = inst.objective(np.flatnonzero(plan))
                if cost < best:
                    best_open, best = plan, cost
                    if use_cutoff:
                        highs.changeRowBounds(self.cutoff_row, -_INF, best - 1.0)
                added += _add_cuts(highs, sep, plan.astype(float), theta)
            self.cuts += added
            _log.debug(
                "phase 2: %s, plan %.6g, bound %.6g, %d cuts added",
                "optimal" if solved else "stopped", found, bound, added,
            )  # fmt: skip
            if not solved:
                break
            if added == 0 and not use_cutoff:  # the MIP's optimum is a plan costed exactly: optimal
                status = Status.OPTIMAL
                bound = best
                break
        bound = best if status == Status.OPTIMAL else min(bound, best)
        return best_open, best, bound, status


def cut_of(upper: float, integral: bool) -> float:
    """Return the level a bound must pass to prove no plan costs less than ``upper``."""
    return upper - (1 - 1e-9) if integral else upper * (1 - 1e-12)


def benders(
    inst: Instance,
    p: int,
    start: np.ndarray,
    *,
    fixed_open: np.ndarray | None = None,
    fixed_closed: np.ndarray | None = None,
    time_limit: float = 300.0,
    integral: bool = False,
    cutoff: bool = True,
    master: Master | None = None,
) -> BendersResult:
    """Solve the p-median ``inst`` by Benders decomposition (see the module notes).

    Parameters
    ----------
    inst
        The instance (weighted costs; possibly a truncated relaxation with far costs).
    p
        Sites to open.
    start
        A plan (open mask of ``p`` sites): the incumbent, the first cuts and the MIP's warm start.
    fixed_open, fixed_closed
        Masks of sites already proven open or closed in any better plan (e.g. by a Lagrangian bound).
    time_limit
        Seconds in all.
    integral
        Whether every plan's cost is a whole number (fixing and proof then use ``upper - 1``).
    cutoff
        With ``integral``: Phase 2 asks only for a plan costing at most the incumbent less one (a
        row ``sum theta <= best - 1``, lowered as better plans are found) instead of closing the
        gap; an infeasible master proves the incumbent optimal.
    master
        The :attr:`BendersResult.master` of an earlier call on the same instance and ``p`` (checked
        array for array; on another a new master is built): its cuts, its fixings and its best plan
        (the incumbent when cheaper than ``start``) carry over, so Phase 1 starts from the last LP's
        cuts and probing only tries the sites still free. With the same ``integral``.

    Returns
    -------
    BendersResult
        The best plan, its cost and a proven lower bound (both in ``inst``'s weighted units), and
        the master, to go on from.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    best_open = start.astype(bool).copy()
    best = inst.objective(np.flatnonzero(best_open))
    if master is not None and not master.same_instance(inst, p):
        _log.debug("another instance: a new master")
        master = None
    if master is None:
        master = Master(inst, p, best_open, fixed_open=fixed_open, fixed_closed=fixed_closed)
    else:
        if master.best_open is not None and master.best < best:
            best_open, best = master.best_open.copy(), master.best
        master.reuse(best_open, cut_of(best, integral))
        master.impose(fixed_open, fixed_closed)
    lp_bound, y, dual = master.solve_lp(deadline)
    fixed = 0
    if y is not None and dual is not None:
        fixed = master.fix(y, dual, lp_bound, cut_of(best, integral))
        if np.isfinite(lp_bound) and lp_bound <= cut_of(best, integral):
            now = time.perf_counter()
            probed = master.probe(y, dual, cut_of(best, integral), now + PROBE_SHARE * (deadline - now))
            _log.debug("probing fixed %d in %.1f s", probed, time.perf_counter() - now)
            fixed += probed
    _log.debug("phase 1 done: LP %.6g, %d fixed, %.1f s", lp_bound, fixed, time.perf_counter() - started)
    if np.isfinite(lp_bound) and lp_bound > cut_of(best, integral):
        master.keep(best_open, best)
        return BendersResult(best_open, best, best, Status.OPTIMAL, lp_bound, master.cuts, fixed, master)
    best_open, best, bound, status = master.search(
        best_open, best, deadline, integral=integral, cutoff=cutoff
    )
    if status != Status.OPTIMAL:
        bound = min(max(bound, lp_bound), best)
    master.keep(best_open, best)
    return BendersResult(best_open, best, bound, status, lp_bound, master.cuts, fixed, master)
