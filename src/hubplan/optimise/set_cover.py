"""The cheapest set of sites covering every demand (location set covering, Toregas et al. 1971), on HiGHS.

minimise    sum_j cost_j y_j
subject to  sum_{j in S_i} y_j >= 1     for every demand i
            y_j in {0, 1}
"""

from __future__ import annotations

import highspy
import numpy as np
import scipy.sparse as sp

from hubplan.errors import InfeasibleError, SolverError
from hubplan.optimise.highs import quiet_highs


def solve_set_cover(covers: sp.csr_array, cost: np.ndarray, *, time_limit: float | None = 60.0) -> np.ndarray:
    """Return the positions of the cheapest sites that cover every row of ``covers``.

    Parameters
    ----------
    covers
        (n_demands, n_sites) 0/1: which sites cover each demand. Every row needs at least one.
    cost
        (n_sites,) cost of choosing each site (e.g. 1 to count sites, plus a small tie-breaker).
    time_limit
        Seconds for HiGHS.

    Returns
    -------
    numpy.ndarray
        Sorted positions of the chosen sites.

    Raises
    ------
    InfeasibleError
        When some demand has no site that covers it.
    SolverError
        When HiGHS finds no plan.
    """
    matrix = sp.csc_array(covers, dtype=np.float64)
    n_rows, n_cols = matrix.shape
    if n_rows == 0:
        return np.zeros(0, dtype=np.int64)
    uncovered = np.flatnonzero(np.diff(sp.csr_array(covers).indptr) == 0)
    if len(uncovered):
        msg = (
            f"{len(uncovered)} demand(s) have no site that covers them (the first is row {int(uncovered[0])})"
        )
        raise InfeasibleError(msg)
    h = quiet_highs()
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.col_cost_ = np.asarray(cost, dtype=np.float64)
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = np.ones(n_cols)
    lp.row_lower_ = np.ones(n_rows)
    lp.row_upper_ = np.full(n_rows, highspy.kHighsInf)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_ = n_cols
    lp.a_matrix_.num_row_ = n_rows
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = np.ones(len(matrix.indices))
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n_cols
    h.passModel(lp)
    h.run()
    if h.getInfo().primal_solution_status != highspy.kSolutionStatusFeasible:
        msg = f"HiGHS found no covering: {h.modelStatusToString(h.getModelStatus())}"
        raise SolverError(msg)
    values = np.asarray(h.getSolution().col_value)
    return np.flatnonzero(values > 0.5).astype(np.int64)
