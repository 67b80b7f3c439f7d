"""Read OR-Library p-median instances (Beasley 1990) into a cost matrix of shortest-path distances."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path


def read_orlib_pmedian(path: Path) -> tuple[np.ndarray, int]:
    """Return the all-pairs shortest-path distances and ``p`` of an OR-Library ``pmedN.txt`` file.

    The file holds ``n_vertices n_edges p`` and then one ``i j cost`` line per undirected edge
    (vertices from 1). A pair listed more than once takes its **last** cost, as the published optima
    assume. Every vertex is both an area (weight 1) and a candidate site.

    Parameters
    ----------
    path
        The instance file.

    Returns
    -------
    tuple
        The (n, n) float64 distance matrix and ``p``.
    """
    numbers = np.array(path.read_text().split(), dtype=np.int64)
    n, n_edges, p = (int(x) for x in numbers[:3])
    edges = numbers[3 : 3 + 3 * n_edges].reshape(n_edges, 3)
    i = np.minimum(edges[:, 0], edges[:, 1]) - 1
    j = np.maximum(edges[:, 0], edges[:, 1]) - 1
    # Keep the last occurrence of each pair.
    key = i * n + j
    _, last_from_end = np.unique(key[::-1], return_index=True)
    last = len(key) - 1 - last_from_end
    graph = sp.coo_array((edges[last, 2].astype(np.float64), (i[last], j[last])), shape=(n, n)).tocsr()
    return shortest_path(graph, method="D", directed=False), p
