"""Placing responses' postcodes: memory bounded by the distinct postcodes, not the responses.

151,528 responses took `consult summary` to 4.45 GB: every response's distance to every area was
held at once, several (responses x areas) float64 arrays.
"""

from __future__ import annotations

import tracemalloc

import numpy as np

from hubplan.consult import area_of_postcodes
from hubplan.data import bundled_workspace_path, load_workspace


def test_many_responses_are_placed_in_bounded_memory() -> None:
    """20,000 responses x 538 areas x 8 bytes is 86 MB an array; the old way peaked near 600 MB."""
    workspace = load_workspace(bundled_workspace_path())
    postcodes = [f"NR{i % 30 + 1} {i % 9}AB" for i in range(20_000)] + ["", "ZZ9 9ZZ", "nr1 1ab"]
    area_of_postcodes(postcodes[:10], workspace)  # the postcode book's own first load is not counted
    tracemalloc.start()
    try:
        areas, _ = area_of_postcodes(postcodes, workspace)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200e6
    # The same answers as placing each distinct postcode on its own.
    for typed in sorted(set(postcodes[:300]) | {"", "ZZ9 9ZZ", "nr1 1ab"}):
        alone, _ = area_of_postcodes([typed], workspace)
        assert np.all(areas[[i for i, p in enumerate(postcodes) if p == typed]] == alone[0]), typed
    assert areas[-3] == -1
    assert areas[-1] == area_of_postcodes(["NR1 1AB"], workspace)[0][0]
