"""Exact plans with HiGHS: Elloumi's (2010) formulation over each area's sorted distinct costs.

For area ``u`` with distinct costs ``D_1 < ... < D_L`` (``D_L`` its far cost when not every site is
listed), ``z_k = 1`` when no open site costs at most ``D_k``. Then

    minimise    sum_u [ D_1(u) + sum_{k<L} (D_{k+1}(u) - D_k(u)) z_{u,k} ]
    subject to  z_{u,1} + sum_{j: c_uj = D_1} y_j >= 1
                z_{u,k} - z_{u,k-1} + sum_{j: c_uj = D_k} y_j >= 0        (k = 2 .. L-1)
                sum_j y_j = p   or   sum_j cost_j y_j <= budget
                sum_{j in district d} y_j >= k_d,  sum_{j in S} y_j >= 1 (cover sets)
                y_j in {0, 1} (1 if required, 0 if excluded),  z >= 0.

The chained rows are equivalent to Elloumi's cumulative ones (they sum to them) but hold each
``y_j`` once per area, so the model has as many non-zeros as the cost matrix. Levels past an
area's nearest required site, or past its ``(m - p + 1)``-th nearest allowed site when exactly
``p`` open, are dropped: some site that near is always open. Maximal covering is the case of
0/1 costs. The model goes to HiGHS through ``highspy`` as column-wise arrays in one call.

References: Elloumi, S. (2010) "A tighter formulation of the p-median problem", J. Comb. Optim.
19, 69-83; Church, R. and ReVelle, C. (1974) "The maximal covering location problem".
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from hubplan.errors import InfeasibleError, SolverError
from hubplan.optimise.highs import quiet_highs
from hubplan.optimise.instance import Instance
from hubplan.optimise.rules import Capacity, Rules
from hubplan.optimise.solution import Status


@dataclass(frozen=True, eq=False)
class _Model:
    """The MIP as arrays, with what is needed to map a plan to a full starting solution."""

    n_y: int
    z_area: np.ndarray  # the area of each z column
    z_level: np.ndarray  # the cost level D_k of each z column (unweighted by position, weighted value)
    cost: np.ndarray  # objective per column
    lower: np.ndarray
    upper: np.ndarray
    matrix: sp.csc_array
    row_lower: np.ndarray
    row_upper: np.ndarray
    offset: float


def build_model(inst: Instance, rules: Rules) -> _Model:
    """Build the MIP for ``inst`` under ``rules`` (see the module docstring for the formulation).

    Parameters
    ----------
    inst
        The instance.
    rules
        The rules.

    Returns
    -------
    _Model
        Column-wise arrays ready for HiGHS.
    """
    m = inst.n_sites
    view = rules.view(m)
    required, excluded = view.required, view.excluded
    allowed_count = int((~excluded).sum())
    exact_p = view.fixed_p if view.fixed_p >= 0 and view.budget == np.inf else None
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    z_area: list[np.ndarray] = []
    z_level: list[np.ndarray] = []
    z_cost: list[np.ndarray] = []
    offset = 0.0
    n_rows = 0
    n_z = 0
    for u in range(inst.n_areas):
        lo, hi = inst.row_ptr[u], inst.row_ptr[u + 1]
        sites = inst.row_site[lo:hi]
        costs = inst.row_cost[lo:hi]
        keep = ~excluded[sites] & (costs < inst.far[u])
        sites, costs = sites[keep], costs[keep]
        if inst.far[u] == 0 and len(sites) == 0:
            continue
        levels, inverse = np.unique(costs, return_inverse=True)
        full = bool(inst.complete) or len(sites) == allowed_count
        values = levels if full else np.append(levels, inst.far[u])
        last = len(values)  # number of levels; z exists for levels 1 .. last-1
        if len(sites):
            if required[sites].any():
                last = min(last, int(inverse[required[sites]].min()) + 1)
            if exact_p is not None and len(sites) >= allowed_count - exact_p + 1:
                counts = np.cumsum(np.bincount(inverse, minlength=len(levels)))
                last = min(last, int(np.searchsorted(counts, allowed_count - exact_p + 1)) + 1)
        offset += float(values[0])
        n_levels = last - 1
        if n_levels <= 0:
            continue
        z_cols = n_z + np.arange(n_levels)
        z_area.append(np.full(n_levels, u))
        z_level.append(values[:n_levels])
        z_cost.append(np.diff(values[:last]))
        level_rows = n_rows + np.arange(n_levels)
        # z_k on row k; -z_{k-1} on row k (k >= 2); y_j on the row of its level.
        rows += [level_rows, level_rows[1:]]
        cols += [m + z_cols, m + z_cols[:-1]]
        vals += [np.ones(n_levels), -np.ones(n_levels - 1)]
        on_level = inverse < n_levels
        rows.append(n_rows + inverse[on_level])
        cols.append(sites[on_level])
        vals.append(np.ones(int(on_level.sum())))
        n_rows += n_levels
        n_z += n_levels
    chain_rows = n_rows
    # Each area's first chained row needs 1 (some site at its nearest level, or z_1); the others 0.
    row_lower = [np.r_[1.0, np.zeros(len(c) - 1)] for c in z_cost]
    row_upper = [np.full(chain_rows, np.inf)]

    n_rows = _add_rule_rows(
        rules, m, n_rows, rows=rows, cols=cols, vals=vals, row_lower=row_lower, row_upper=row_upper
    )

    n_cols = m + n_z
    entries = (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))) if vals else ([], ([], []))
    matrix = sp.csc_array(entries, shape=(n_rows, n_cols))
    matrix.sum_duplicates()
    lower = np.zeros(n_cols)
    upper = np.full(n_cols, np.inf)
    lower[:m], upper[:m] = rules.bounds(m)
    return _Model(
        n_y=m,
        z_area=np.concatenate(z_area) if z_area else np.zeros(0, dtype=np.int64),
        z_level=np.concatenate(z_level) if z_level else np.zeros(0),
        cost=np.concatenate([np.zeros(m), *z_cost]) if z_cost else np.zeros(m),
        lower=lower,
        upper=upper,
        matrix=matrix,
        row_lower=np.concatenate(row_lower) if row_lower else np.zeros(0),
        row_upper=np.concatenate(row_upper),
        offset=offset,
    )


def _add_rule_rows(
    rules: Rules,
    m: int,
    n_rows: int,
    *,
    rows: list[np.ndarray],
    cols: list[np.ndarray],
    vals: list[np.ndarray],
    row_lower: list[np.ndarray],
    row_upper: list[np.ndarray],
) -> int:
    """Append each rule's own rows on the site variables (see ``Rule.rows``); return the row count."""
    for row in rules.rows(m):
        rows.append(np.full(len(row.sites), n_rows))
        cols.append(np.asarray(row.sites, dtype=np.int64))
        vals.append(np.asarray(row.coef, dtype=np.float64))
        row_lower.append(np.array([row.lower]))
        row_upper.append(np.array([row.upper]))
        n_rows += 1
    return n_rows


def build_capacitated_model(inst: Instance, rules: Rules) -> _Model:
    """Build the capacitated model: each area's families may split between open sites within capacity.

        minimise    sum_ij c_ij x_ij + sum_i far_i s_i
        subject to  sum_j x_ij + s_i = 1            (each area assigned, or left at its far cost)
                    x_ij <= y_j                     (only to open sites)
                    sum_i d_i x_ij <= cap_j y_j     (capacity in families)
                    the count or budget, district and cover rules on y

    Parameters
    ----------
    inst
        The instance (``c_ij`` are its weighted costs).
    rules
        The rules, with ``capacity`` per site and ``demand`` per area.

    Returns
    -------
    _Model
        Column-wise arrays: y, then x for each listed pair of allowed sites, then s.
    """
    m, n = inst.n_sites, inst.n_areas
    excluded = rules.view(m).excluded
    rule = rules.find(Capacity)
    if rule is None:
        msg = "rules: the capacitated model needs a capacity rule"
        raise ValueError(msg)
    capacity = np.asarray(rule.capacity, dtype=np.float64)
    demand = np.asarray(rule.demand, dtype=np.float64)
    area = np.repeat(np.arange(n), np.diff(inst.row_ptr))
    keep = ~excluded[inst.row_site] & (inst.row_cost < inst.far[area])
    area, site, cost = area[keep], inst.row_site[keep], inst.row_cost[keep]
    k = len(site)
    x_col = m + np.arange(k)
    s_col = m + k + np.arange(n)
    rows = [area, np.arange(n)]  # assignment rows 0 .. n-1
    cols = [x_col, s_col]
    vals = [np.ones(k), np.ones(n)]
    row_lower = [np.ones(n)]
    row_upper = [np.ones(n)]
    link = n + np.arange(k)  # x_ij - y_j <= 0
    rows += [link, link]
    cols += [x_col, site]
    vals += [np.ones(k), -np.ones(k)]
    row_lower.append(np.full(k, -np.inf))
    row_upper.append(np.zeros(k))
    n_rows = n + k
    limited = np.flatnonzero(np.isfinite(capacity))
    for j in limited:  # sum_i d_i x_ij - cap_j y_j <= 0
        mine = np.flatnonzero(site == j)
        rows.append(np.full(len(mine) + 1, n_rows))
        cols.append(np.r_[x_col[mine], j])
        vals.append(np.r_[demand[area[mine]], -capacity[j]])
        n_rows += 1
    row_lower.append(np.full(len(limited), -np.inf))
    row_upper.append(np.zeros(len(limited)))
    n_rows = _add_rule_rows(
        rules, m, n_rows, rows=rows, cols=cols, vals=vals, row_lower=row_lower, row_upper=row_upper
    )
    n_cols = m + k + n
    matrix = sp.csc_array(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n_rows, n_cols)
    )
    matrix.sum_duplicates()
    lower = np.zeros(n_cols)
    upper = np.ones(n_cols)
    lower[:m], upper[:m] = rules.bounds(m)
    return _Model(
        n_y=m,
        z_area=np.zeros(0, dtype=np.int64),
        z_level=np.zeros(0),
        cost=np.concatenate([np.zeros(m), cost, inst.far]),
        lower=lower,
        upper=upper,
        matrix=matrix,
        row_lower=np.concatenate(row_lower),
        row_upper=np.concatenate(row_upper),
        offset=0.0,
    )


def _start_values(model: _Model, inst: Instance, is_open: np.ndarray) -> np.ndarray:
    """Return a full MIP solution for a plan: ``z = 1`` for levels below each area's nearest open cost."""
    d1 = np.full(inst.n_areas, np.inf)
    lo, hi = inst.row_ptr[:-1], inst.row_ptr[1:]
    for u in range(inst.n_areas):
        s = inst.row_site[lo[u] : hi[u]]
        c = inst.row_cost[lo[u] : hi[u]][is_open[s]]
        d1[u] = min(float(c.min()) if len(c) else np.inf, float(inst.far[u]))
    z = (model.z_level < d1[model.z_area] - 1e-12).astype(np.float64)
    return np.concatenate([is_open.astype(np.float64), z])


@dataclass(frozen=True, kw_only=True)
class ExactResult:
    """What HiGHS found: the plan, its objective, the dual bound and the status."""

    is_open: np.ndarray
    objective: float
    bound: float
    status: Status
    seconds: float


class ExactSolver:
    """A HiGHS model of one instance that can be solved, then solved again excluding plans already found.

    Parameters
    ----------
    inst
        The instance.
    rules
        The rules.
    time_limit
        Seconds for each solve (``None``: no limit).
    """

    def __init__(self, inst: Instance, rules: Rules, *, time_limit: float | None = None) -> None:
        self.inst = inst
        self.model = (
            build_capacitated_model(inst, rules) if rules.find(Capacity) else build_model(inst, rules)
        )
        self.highs = quiet_highs()
        self.highs.setOptionValue("mip_rel_gap", 1e-9)
        self.highs.setOptionValue("mip_abs_gap", 1e-7)
        self.highs.setOptionValue("random_seed", 0)
        if time_limit is not None:
            self.highs.setOptionValue("time_limit", float(time_limit))
        lp = highspy.HighsLp()
        model = self.model
        n_cols = len(model.cost)
        lp.num_col_ = n_cols
        lp.num_row_ = len(model.row_lower)
        lp.col_cost_ = model.cost
        lp.col_lower_ = model.lower
        lp.col_upper_ = model.upper
        lp.row_lower_ = model.row_lower
        lp.row_upper_ = model.row_upper
        lp.offset_ = model.offset
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.num_col_ = n_cols
        lp.a_matrix_.num_row_ = len(model.row_lower)
        lp.a_matrix_.start_ = model.matrix.indptr.astype(np.int32)
        lp.a_matrix_.index_ = model.matrix.indices.astype(np.int32)
        lp.a_matrix_.value_ = model.matrix.data
        integrality = [highspy.HighsVarType.kContinuous] * n_cols
        integrality[: model.n_y] = [highspy.HighsVarType.kInteger] * model.n_y
        lp.integrality_ = integrality
        status = self.highs.passModel(lp)
        if status != highspy.HighsStatus.kOk:
            msg = f"HiGHS refused the model ({status})"
            raise SolverError(msg)

    def solve(self, start: np.ndarray | None = None) -> ExactResult:
        """Solve, optionally from a starting plan (an open mask); raise when no plan exists.

        Parameters
        ----------
        start
            A plan keeping the rules, to start from.

        Returns
        -------
        ExactResult
            The plan and its proof.

        Raises
        ------
        InfeasibleError
            When HiGHS proves no plan keeps the rules.
        SolverError
            When HiGHS stops without a plan for another reason.
        """
        started = time.perf_counter()
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = list(_start_values(self.model, self.inst, start))
            solution.value_valid = True
            self.highs.setSolution(solution)
        self.highs.run()
        status = self.highs.getModelStatus()
        info = self.highs.getInfo()
        if status == highspy.HighsModelStatus.kInfeasible:
            msg = "no plan keeps all the rules (HiGHS proved the model infeasible)"
            raise InfeasibleError(msg)
        values = np.asarray(self.highs.getSolution().col_value)
        if len(values) < self.model.n_y or info.primal_solution_status != highspy.kSolutionStatusFeasible:
            msg = f"HiGHS stopped without a plan: {self.highs.modelStatusToString(status)}"
            raise SolverError(msg)
        is_open = values[: self.model.n_y] > 0.5
        optimal = status == highspy.HighsModelStatus.kOptimal
        return ExactResult(
            is_open=is_open,
            objective=float(info.objective_function_value),
            bound=float(info.mip_dual_bound),
            status=Status.OPTIMAL if optimal else Status.TIME_LIMIT,
            seconds=time.perf_counter() - started,
        )

    def exclude(self, is_open: np.ndarray) -> None:
        """Add a cut that forbids exactly this plan (``sum_{in S} y - sum_{not in S} y <= |S| - 1``).

        Parameters
        ----------
        is_open
            The plan to forbid.
        """
        coef = np.where(is_open, 1.0, -1.0)
        idx = np.arange(self.model.n_y, dtype=np.int32)
        self.highs.addRow(-highspy.kHighsInf, float(is_open.sum()) - 1, len(idx), idx, coef)
