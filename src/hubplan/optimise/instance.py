"""The assignment-cost instance every solver works on: weighted costs, sparse by area and by site."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from hubplan.errors import ParameterError


@dataclass(frozen=True, eq=False)
class Instance:
    """Minimise the sum over areas of the weighted cost to the nearest open site.

    Costs are stored twice, by area (CSR) and by site (CSC), already multiplied by each area's
    weight. An area with no open site among its listed pairs pays its ``far`` cost.

    Parameters
    ----------
    n_areas, n_sites
        The sizes.
    row_ptr, row_site, row_cost
        CSR by area: for area ``i``, sites ``row_site[row_ptr[i]:row_ptr[i+1]]`` at weighted costs
        ``row_cost[...]``.
    col_ptr, col_area, col_cost
        The same pairs, CSC by site.
    far
        Each area's weighted cost when none of its listed sites is open.
    complete
        Whether every area lists every site (a dense input): then ``far`` is never paid.
    """

    n_areas: int
    n_sites: int
    row_ptr: np.ndarray
    row_site: np.ndarray
    row_cost: np.ndarray
    col_ptr: np.ndarray
    col_area: np.ndarray
    col_cost: np.ndarray
    far: np.ndarray
    complete: bool

    def objective(self, open_sites: np.ndarray) -> float:
        """Return the weighted cost of opening ``open_sites`` (positions).

        Parameters
        ----------
        open_sites
            Positions of the open sites.

        Returns
        -------
        float
            The sum over areas of the weighted cost to the nearest open site (or ``far``).
        """
        is_open = np.zeros(self.n_sites, dtype=bool)
        is_open[open_sites] = True
        costs = np.where(is_open[self.row_site], self.row_cost, np.inf)
        # One inf past the end, so that an empty last row starts inside the array (reduceat needs it).
        best = np.minimum.reduceat(np.append(costs, np.inf), self.row_ptr[:-1])
        empty = np.diff(self.row_ptr) == 0
        best = np.where(empty, np.inf, best)
        return float(np.minimum(best, self.far).sum())


def build_instance(
    cost: np.ndarray | sp.spmatrix | sp.sparray, weights: np.ndarray, *, far: float | None = None
) -> Instance:
    """Make an :class:`Instance` from an areas x sites cost matrix and area weights.

    Parameters
    ----------
    cost
        Dense (n_areas, n_sites) costs (e.g. minutes; ``inf`` for pairs that cannot be used), or a
        scipy sparse matrix listing only usable pairs (e.g. those within a cut-off; explicit zeros
        count as pairs).
    weights
        Non-negative weight of each area (e.g. families).
    far
        The unweighted cost an area pays when none of its listed sites is open; by default twice
        the largest listed cost (plus one), so that reaching every area is preferred.

    Returns
    -------
    Instance
        The instance.

    Raises
    ------
    ValueError
        When shapes disagree, or costs or weights are negative or not numbers.
    """
    w = np.asarray(weights, dtype=np.float64)
    if sp.issparse(cost):
        matrix = sp.csr_array(cost, dtype=np.float64)
        matrix.sum_duplicates()
        complete = False
    else:
        dense = np.asarray(cost, dtype=np.float64)
        if dense.ndim != 2:
            raise ParameterError(
                "cost", expected="a 2-D (n_areas, n_sites) array", found=f"{dense.ndim} dimensions"
            )
        usable = np.isfinite(dense)
        complete = bool(usable.all())
        rows, cols = np.nonzero(usable)
        matrix = sp.csr_array((dense[rows, cols], (rows, cols)), shape=dense.shape)
    n_areas, n_sites = matrix.shape
    if w.shape != (n_areas,):
        raise ParameterError(
            "weights", expected=f"shape ({n_areas},) to match cost's areas", found=str(w.shape)
        )
    if not np.isfinite(w).all() or (w < 0).any():
        raise ParameterError(
            "weights", expected="finite values of 0 or more", found="a negative or missing one"
        )
    if len(matrix.data) and (not np.isfinite(matrix.data).all() or (matrix.data < 0).any()):
        raise ParameterError(
            "cost",
            expected="finite costs of 0 or more for every listed pair",
            found="a negative or missing one",
        )
    top = float(matrix.data.max()) if len(matrix.data) else 1.0
    far_unweighted = 2 * top + 1 if far is None else float(far)
    # Weight each listed pair (built from the pattern itself, so explicit zero costs stay listed).
    csr = sp.csr_array(
        (matrix.data * np.repeat(w, np.diff(matrix.indptr)), matrix.indices, matrix.indptr),
        shape=matrix.shape,
    )
    csr.sort_indices()
    csc = csr.tocsc()
    csc.sort_indices()
    return Instance(
        n_areas=n_areas,
        n_sites=n_sites,
        row_ptr=csr.indptr.astype(np.int64),
        row_site=csr.indices.astype(np.int64),
        row_cost=csr.data.astype(np.float64),
        col_ptr=csc.indptr.astype(np.int64),
        col_area=csc.indices.astype(np.int64),
        col_cost=csc.data.astype(np.float64),
        far=w * far_unweighted,
        complete=complete,
    )
