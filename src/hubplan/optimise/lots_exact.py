"""Exact lots with HiGHS: a p-regions MIP centred on bases, with flow-based contiguity.

With areas ``i``, bases ``b`` (standing in area ``a(b)``), arcs ``(i, l)`` between touching areas,
``w_i`` children, ``d_ib`` km, ``s(i)`` the base serving area ``i``, measures ``m`` with values
``v_mi``, means ``T_m`` and tolerances ``t_m``:

    minimise    sum_ib w_i d_ib x_ib + split_km * sum_i w_i z_i
    subject to  sum_b x_ib = 1                                    (each area in one lot)
                x_ib <= x_{a(b) b}                                (a lot holds its centre)
                sum_b x_{a(b) b} = K                              (K lots)
                (1 - t_m) T_m x_{a(b) b} <= sum_i v_mi x_ib <= (1 + t_m) T_m x_{a(b) b}
                sum_l f_ilb - sum_l f_lib = x_ib        (i != a(b))    (each area sends one unit
                f_ilb <= (n - K) x_lb,   f_{a(b) l b} = 0                to its centre, through
                                                                          areas of its own lot)
                z_i >= x_ib - x_{a(s(i)) b}                       (child away from its own base)
                x_pb = x_qb (p, q pinned to one lot),  x_pb + x_qb <= 1 (pinned to different lots)
                sum_{b run by provider P} x_{a(b) b} <= max_lots_per_provider
                x binary; f, z >= 0.

The flow rows are Shirabe's (2005) single-sink flow for each possible centre, as Duque, Church and
Middleton (2011) use for p-regions ("PRF"); lots centred on bases make ``x_{a(b) b}`` the opening of
lot ``b`` (the centre-based form of Hess et al. 1965). A lot's centre is whichever of its bases
costs least, so the optimum is that of :func:`hubplan.optimise.lots.partition_cost`.

References: Duque, J.C., Church, R.L. and Middleton, R.S. (2011) "The p-regions problem", Geogr.
Anal. 43, 104-126; Shirabe, T. (2005) "A model of contiguity for spatial unit allocation", Geogr.
Anal. 37, 2-16; Hess, S.W. et al. (1965) "Nonpartisan political redistricting by computer", Oper.
Res. 13, 998-1006.
"""

from __future__ import annotations

import time

import highspy
import numpy as np
import scipy.sparse as sp

from hubplan.errors import InfeasibleError, SolverError
from hubplan.optimise.highs import quiet_highs
from hubplan.optimise.lots_model import LotProblem, Lots, LotSettings, partition_cost, targets


def _arcs(problem: LotProblem) -> np.ndarray:
    edges = problem.adjacency.edges
    return np.concatenate([edges, edges[:, ::-1]]) if len(edges) else edges


def model_size(problem: LotProblem, settings: LotSettings) -> int:
    """Return about how many non-zeros the MIP has (to decide whether ``auto`` tries it)."""
    n, n_bases, n_arcs = problem.n_areas, len(problem.base_area), len(_arcs(problem))
    split_rows = n * n_bases * 3 if settings.split_km > 0 else 0
    return n_bases * (n * (3 + len(problem.measures) * 2) + n_arcs * 3) + split_rows


class _Builder:
    """Rows of a sparse matrix added one at a time, as (columns, values, lower, upper)."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []

    def add(self, cols: list[int], vals: list[float], lower: float, upper: float) -> None:
        r = len(self.lower)
        self.rows += [r] * len(cols)
        self.cols += cols
        self.vals += vals
        self.lower.append(lower)
        self.upper.append(upper)


def _build(problem: LotProblem, settings: LotSettings) -> tuple[highspy.HighsLp, int, np.ndarray]:
    n, k = problem.n_areas, settings.lots
    n_bases = len(problem.base_area)
    arcs = _arcs(problem)
    n_arcs = len(arcs)
    inf = highspy.kHighsInf

    def x(i: int, b: int) -> int:
        return i * n_bases + b

    f0 = n * n_bases

    def f(a: int, b: int) -> int:
        return f0 + b * n_arcs + a

    z0 = f0 + n_arcs * n_bases
    served = problem.served_by
    own = np.where(served >= 0, problem.base_area[np.where(served >= 0, served, 0)], -1)
    z_areas = [i for i in range(n) if settings.split_km > 0 and own[i] >= 0 and own[i] != i]
    z_col = {i: z0 + t for t, i in enumerate(z_areas)}
    n_cols = z0 + len(z_areas)
    d = problem.distances()
    w = problem.children.astype(np.float64)
    cost = np.zeros(n_cols)
    cost[:f0] = (w[:, None] * d).ravel()
    for i, c in z_col.items():
        cost[c] = settings.split_km * w[i]
    lower = np.zeros(n_cols)
    upper = np.ones(n_cols)
    big = float(n - k)
    upper[f0:z0] = big
    m = _Builder()
    for i in range(n):
        m.add([x(i, b) for b in range(n_bases)], [1.0] * n_bases, 1.0, 1.0)
    for b in range(n_bases):
        centre = int(problem.base_area[b])
        for i in range(n):
            if i != centre:
                m.add([x(i, b), x(centre, b)], [1.0, -1.0], -inf, 0.0)
    m.add([x(int(problem.base_area[b]), b) for b in range(n_bases)], [1.0] * n_bases, k, k)
    for measure, target in zip(problem.measures, targets(problem, k), strict=True):
        v = measure.values.astype(np.float64)
        for b in range(n_bases):
            cols = [x(i, b) for i in range(n) if v[i] != 0]
            vals = [float(v[i]) for i in range(n) if v[i] != 0]
            centre = x(int(problem.base_area[b]), b)
            m.add([*cols, centre], [*vals, -(1 + measure.tolerance) * target], -inf, 0.0)
            m.add([*cols, centre], [*vals, -(1 - measure.tolerance) * target], 0.0, inf)
    out_arcs: list[list[int]] = [[] for _ in range(n)]
    in_arcs: list[list[int]] = [[] for _ in range(n)]
    for a, (i, j) in enumerate(arcs.tolist()):
        out_arcs[i].append(a)
        in_arcs[j].append(a)
    for b in range(n_bases):
        centre = int(problem.base_area[b])
        for a in out_arcs[centre]:
            upper[f(a, b)] = 0.0
        for i in range(n):
            if i == centre:
                continue
            cols = [f(a, b) for a in out_arcs[i]] + [f(a, b) for a in in_arcs[i]] + [x(i, b)]
            vals = [1.0] * len(out_arcs[i]) + [-1.0] * len(in_arcs[i]) + [-1.0]
            m.add(cols, vals, 0.0, 0.0)
        for a, (_, j) in enumerate(arcs.tolist()):
            if upper[f(a, b)] > 0:
                m.add([f(a, b), x(j, b)], [1.0, -big], -inf, 0.0)
    for i, c in z_col.items():
        for b in range(n_bases):
            m.add([c, x(i, b), x(int(own[i]), b)], [1.0, -1.0, 1.0], 0.0, inf)
    by_label: dict[int, list[int]] = {}
    for area, label in sorted(problem.pinned.items()):
        by_label.setdefault(label, []).append(area)
    reps = [areas[0] for _, areas in sorted(by_label.items())]
    for areas in by_label.values():
        for p in areas[1:]:
            for b in range(n_bases):
                m.add([x(p, b), x(areas[0], b)], [1.0, -1.0], 0.0, 0.0)
    for s, p in enumerate(reps):
        for q in reps[s + 1 :]:
            for b in range(n_bases):
                m.add([x(p, b), x(q, b)], [1.0, 1.0], -inf, 1.0)
    cap = settings.max_lots_per_provider
    if cap is not None:
        for name in sorted({problem.provider(b) for b in range(n_bases)} - {""}):
            cols = [x(int(problem.base_area[b]), b) for b in range(n_bases) if problem.provider(b) == name]
            m.add(cols, [1.0] * len(cols), -inf, float(cap))
    matrix = sp.csc_array((m.vals, (m.rows, m.cols)), shape=(len(m.lower), n_cols))
    matrix.sum_duplicates()
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = len(m.lower)
    lp.col_cost_ = cost
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = np.array(m.lower)
    lp.row_upper_ = np.array(m.upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_ = n_cols
    lp.a_matrix_.num_row_ = len(m.lower)
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data
    integrality = [highspy.HighsVarType.kContinuous] * n_cols
    integrality[:f0] = [highspy.HighsVarType.kInteger] * f0
    lp.integrality_ = integrality
    return lp, f0, arcs


def _start(problem: LotProblem, split_km: float, start: Lots, n_cols: int, arcs: np.ndarray) -> np.ndarray:
    """Return the MIP's columns for a known split: x from the lots, flows along BFS trees to each centre."""
    n, n_bases = problem.n_areas, len(problem.base_area)
    values = np.zeros(n_cols)
    f0 = n * n_bases
    n_arcs = len(arcs)
    arc_of = {(int(i), int(j)): a for a, (i, j) in enumerate(arcs.tolist())}
    neighbours = problem.adjacency.neighbours
    for g, b in enumerate(start.centre.tolist()):
        members = set(np.flatnonzero(start.lot == g).tolist())
        for i in members:
            values[i * n_bases + b] = 1.0
        root = int(problem.base_area[b])
        parent = {root: root}
        order = [root]
        for i in order:
            for nb in neighbours[i]:
                j = int(nb)
                if j in members and j not in parent:
                    parent[j] = i
                    order.append(j)
        load = dict.fromkeys(order, 1.0)
        for i in reversed(order[1:]):
            values[f0 + b * n_arcs + arc_of[(i, parent[i])]] = load[i]
            load[parent[i]] += load[i]
    z0 = f0 + n_arcs * n_bases
    served = problem.served_by
    own = np.where(served >= 0, problem.base_area[np.where(served >= 0, served, 0)], -1)
    z_areas = [i for i in range(n) if split_km > 0 and own[i] >= 0 and own[i] != i]
    for t, i in enumerate(z_areas):
        values[z0 + t] = float(start.lot[own[i]] != start.lot[i])
    return values


def exact_lots(problem: LotProblem, settings: LotSettings, *, start: Lots | None = None) -> Lots | None:
    """Solve the lots MIP with HiGHS (see the module docstring), from ``start`` when given.

    Parameters
    ----------
    problem
        The problem.
    settings
        K, the rules and ``time_limit`` (s).
    start
        Lots keeping the rules (the search's), handed to HiGHS as its first solution.

    Returns
    -------
    Lots or None
        The best lots HiGHS found with its proven bound; ``None`` when it stopped without any.

    Raises
    ------
    InfeasibleError
        When HiGHS proves that no split keeps every rule.
    SolverError
        When HiGHS refuses the model.
    """
    started = time.perf_counter()
    k = settings.lots
    lp, f0, arcs = _build(problem, settings)
    highs = quiet_highs()
    highs.setOptionValue("random_seed", settings.seed)
    highs.setOptionValue("mip_rel_gap", 1e-6)
    highs.setOptionValue("time_limit", float(settings.time_limit))
    if highs.passModel(lp) != highspy.HighsStatus.kOk:
        msg = "HiGHS refused the lots model"
        raise SolverError(msg)
    if start is not None:
        solution = highspy.HighsSolution()
        solution.col_value = list(_start(problem, settings.split_km, start, lp.num_col_, arcs))
        solution.value_valid = True
        highs.setSolution(solution)
    highs.run()
    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        msg = (
            f"no split into {k} lots keeps every rule (HiGHS proved it): contiguity, a base in each "
            "lot, the balance tolerances, the pins and the provider cap cannot all hold; widen the "
            "tolerances or drop a rule"
        )
        raise InfeasibleError(msg)
    info = highs.getInfo()
    if info.primal_solution_status != highspy.kSolutionStatusFeasible:
        return None
    values = np.asarray(highs.getSolution().col_value)
    x = values[:f0].reshape(problem.n_areas, len(problem.base_area)) > 0.5
    chosen = np.flatnonzero(x[problem.base_area, np.arange(len(problem.base_area))])
    lot = np.full(problem.n_areas, -1, dtype=np.int64)
    for g, b in enumerate(chosen.tolist()):
        lot[x[:, b]] = g
    priced = partition_cost(
        problem, lot, k, split_km=settings.split_km, max_per_provider=settings.max_lots_per_provider
    )
    if priced is None or len(chosen) != k or (lot < 0).any():
        msg = "HiGHS returned lots that do not keep the model's rows"
        raise SolverError(msg)
    optimal = status == highspy.HighsModelStatus.kOptimal
    return Lots(
        lot=lot,
        centre=chosen,
        cost=float(priced[0]),
        bound=float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else None,
        method="exact",
        optimal=optimal,
        seconds=time.perf_counter() - started,
    )
