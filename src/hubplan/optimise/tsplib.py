"""Read TSPLIB point sets (Reinelt 1991) and the large p-median benchmarks' published values.

The p-median literature's large instances (Resende and Werneck 2004; Duran-Mateluna, Ales and
Elloumi 2023) take every point as both a client and a candidate site, each with demand 1, and the
distance between two points as their Euclidean distance **rounded down** to an integer.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scipy.sparse as sp

from hubplan.errors import InputError, Problem


def read_tsplib_points(path: Path) -> np.ndarray:
    """Return the ``NODE_COORD_SECTION`` coordinates of a TSPLIB file as an (n, 2) array.

    Parameters
    ----------
    path
        A ``.tsp`` file: a header, then ``NODE_COORD_SECTION``, rows ``id x y``, then ``EOF``.

    Returns
    -------
    np.ndarray
        (n, 2) float64 coordinates in the file's unit, in the file's order.

    Raises
    ------
    InputError
        When the file has no coordinate section, a row is not ``id x y``, or the count disagrees
        with ``DIMENSION``.
    """
    lines = path.read_text().splitlines()
    dimension = None
    start = None
    for number, line in enumerate(lines):
        key, _, value = line.partition(":")
        if key.strip().upper() == "DIMENSION":
            dimension = int(value)
        if line.strip().upper().startswith("NODE_COORD_SECTION"):
            start = number + 1
            break
    if start is None:
        raise InputError([Problem(str(path), None, None, "a NODE_COORD_SECTION line", "none")])
    rows: list[tuple[float, float]] = []
    for number, line in enumerate(lines[start:], start=start + 1):
        text = line.strip()
        if not text or text.upper() == "EOF":
            break
        parts = text.split()
        try:
            rows.append((float(parts[1]), float(parts[2])))
        except (IndexError, ValueError):
            problem = Problem(str(path), number, "NODE_COORD_SECTION", "'id x y' with numbers", repr(text))
            raise InputError([problem]) from None
    if dimension is not None and len(rows) != dimension:
        problem = Problem(str(path), None, "DIMENSION", f"{dimension} coordinate rows", f"{len(rows)}")
        raise InputError([problem])
    return np.asarray(rows, dtype=np.float64)


def floor_distances(points: np.ndarray, sites: np.ndarray | None = None) -> np.ndarray:
    """Return the dense matrix of Euclidean distances rounded down (the benchmarks' convention).

    Parameters
    ----------
    points
        (n, 2) client coordinates.
    sites
        (m, 2) site coordinates (default: the points themselves).

    Returns
    -------
    np.ndarray
        (n, m) float64 whole-number distances, ``floor(sqrt(dx^2 + dy^2))``.
    """
    other = points if sites is None else sites
    out = np.empty((len(points), len(other)))
    for lo in range(0, len(points), 512):
        block = points[lo : lo + 512]
        out[lo : lo + 512] = np.floor(
            np.hypot(block[:, None, 0] - other[None, :, 0], block[:, None, 1] - other[None, :, 1])
        )
    return out


def nearest_distances(points: np.ndarray, k: int) -> tuple[sp.csr_array, np.ndarray]:
    """Return each point's ``k`` nearest points (itself included) at floor distances, and the next distance.

    Parameters
    ----------
    points
        (n, 2) coordinates; every point is a client and a site.
    k
        How many nearest sites each client keeps (``k < n``).

    Returns
    -------
    tuple
        A sparse (n, n) matrix of the kept floor distances (explicit zeros kept), and each client's
        floor distance to its ``k+1``-th nearest point: no site it does not list is nearer, so using
        it as the far cost gives a relaxation (its optimum is a lower bound of the full problem).
    """
    from scipy.spatial import cKDTree

    n = len(points)
    tree = cKDTree(points)
    dist, idx = tree.query(points, k=k + 1)
    floor = np.floor(dist)
    rows = np.repeat(np.arange(n), k)
    matrix = sp.csr_array((floor[:, :k].ravel(), (rows, idx[:, :k].ravel())), shape=(n, n))
    return matrix, floor[:, k]
