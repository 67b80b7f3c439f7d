"""Measure hubplan's lots against spopt's regionalisation on Norfolk's adopted plan (538 LSOAs, 15 bases).

Every method gets the same areas, the same rook contiguity (libpysal's, from the same outlines) and,
for spopt, the areas' positions in km as the attributes to keep alike (so its regions are as compact
as it can make them). Each split is then scored the same way:

- balance: children per lot (least, most), the largest gap from the mean lot, lots within +-10%;
- compactness: children-weighted mean km from an area to its lot's nearest-to-all base (the lot's
  cheapest centre base), and to the lot's own children-weighted medoid area (for lots with no base);
- bases: lots with no base (a contract with no building), bases per lot;
- kept together: children in the same lot as the base that serves them (nearest by bus);
- contiguity (every lot one piece) and wall time.

Prints a table and writes it to bench/results/lots.md.

Usage: python bench/lots.py [--lots 12] [--time-limit 60] [--peers kmeans,skater,maxp,azp] [--no-ours]
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from hubplan.analysis.lots import lot_problem
from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.data.boundaries import read_boundaries
from hubplan.optimise.lots import LotProblem, LotSettings, contiguous, plan_lots, served_together
from hubplan.optimise.lots_exact import exact_lots
from hubplan.optimise.lots_heuristic import search_lots
from hubplan.travel import build_travel

RESULTS = Path(__file__).parent / "results" / "lots.md"


def score(problem: LotProblem, labels: np.ndarray, seconds: float, name: str) -> dict[str, str]:
    """Score a split (labels 0..K-1 per area) by the measures in the module docstring."""
    _, lot = np.unique(labels, return_inverse=True)
    k = int(lot.max()) + 1
    w = problem.children
    children = np.bincount(lot, weights=w, minlength=k)
    mean = w.sum() / k
    d_base = problem.distances()
    xy = problem.xy_km
    to_base, to_medoid, no_base = 0.0, 0.0, 0
    for g in range(k):
        members = np.flatnonzero(lot == g)
        inside = [b for b, a in enumerate(problem.base_area) if lot[a] == g]
        pair = np.linalg.norm(xy[members][:, None, :] - xy[members][None, :, :], axis=2)
        to_medoid += float((w[members] @ pair).min())
        if inside:
            to_base += float(min(w[members] @ d_base[members, b] for b in inside))
        else:
            no_base += 1
            to_base += float((w[members] @ pair).min())  # no base: its medoid stands in (flattering)
    bases = np.bincount(lot[problem.base_area], minlength=k)
    gap = np.abs(children - mean) / mean
    return {
        "method": name,
        "lots": str(k),
        "children least-most": f"{children.min():,.0f}-{children.max():,.0f}",
        "largest gap": f"{gap.max():.1%}",
        "lots within 10%": f"{int((gap <= 0.1 + 1e-9).sum())}/{k}",
        "km to centre base": f"{to_base / w.sum():.2f}",
        "km to medoid": f"{to_medoid / w.sum():.2f}",
        "lots with no base": str(no_base),
        "bases per lot": f"{bases.min()}-{bases.max()}",
        "with own base": f"{served_together(problem, lot):.0%}",
        "contiguous": "yes" if contiguous(problem, lot, k) else "no",
        "seconds": f"{seconds:.1f}",
    }


def timed(fn: Callable[[], np.ndarray]) -> tuple[np.ndarray, float]:
    """Return ``fn()`` and its wall time (s)."""
    start = time.perf_counter()
    labels = fn()
    return labels, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lots", type=int, default=12)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument(
        "--peers",
        default="kmeans,skater,maxp,azp",
        help="spopt methods to run, by comma (MaxP and AZP each take minutes on 538 areas)",
    )
    parser.add_argument("--ours", action=argparse.BooleanOptionalAction, default=True, help="run hubplan's")
    args = parser.parse_args()
    k = args.lots
    ws = load_workspace(bundled_workspace_path())
    travel = build_travel(ws)
    scenario = ws.scenario("adopted-2019-15")
    problem = lot_problem(ws, travel, scenario, defaults=ws.assumptions.lots)
    rows = []

    if args.ours:
        settings = LotSettings(lots=k, method="heuristic", time_limit=args.time_limit)
        start = time.perf_counter()
        found = plan_lots(problem, settings)
        rows.append(score(problem, found.lot, time.perf_counter() - start, "hubplan heuristic"))
        # The MIP from the search's lots (what `--method auto` does on smaller councils).
        start = time.perf_counter()
        searched = search_lots(problem, settings)
        exact = exact_lots(problem, settings, start=searched)
        seconds = time.perf_counter() - start
        best = (
            exact if exact is not None and searched is not None and exact.cost < searched.cost else searched
        )
        bound = exact.bound if exact is not None else None
        gap = f"gap {(best.cost - bound) / best.cost:.1%}" if best is not None and bound else "no bound"
        name = f"hubplan search, then HiGHS {args.time_limit:g} s from it ({gap})"
        if best is not None:
            rows.append(score(problem, best.lot, seconds, name))

    import geopandas as gpd
    import libpysal
    from shapely.geometry import shape
    from spopt.region import AZP, MaxPHeuristic, RegionKMeansHeuristic, Skater

    outlines = {f["properties"]["id"]: shape(f["geometry"]) for f in read_boundaries(ws.path)["area"]}
    gdf = gpd.GeoDataFrame(
        {"x": problem.xy_km[:, 0], "y": problem.xy_km[:, 1], "children": problem.children},
        geometry=[outlines[a] for a in ws.areas.ids],
        crs="EPSG:4326",
    )
    w = libpysal.weights.Rook.from_dataframe(gdf, use_index=False, silence_warnings=True)
    attrs = ["x", "y"]

    def kmeans() -> np.ndarray:
        model = RegionKMeansHeuristic(gdf[attrs].to_numpy(), k, w, seed=0)
        model.solve()
        return np.asarray(model.labels_)

    def skater() -> np.ndarray:
        model = Skater(gdf, w, attrs, n_clusters=k, floor=20)
        model.solve()
        return np.asarray(model.labels_)

    def azp() -> np.ndarray:
        model = AZP(gdf, w, attrs, n_clusters=k, random_state=0)
        model.solve()
        return np.asarray(model.labels_)

    def maxp() -> np.ndarray:
        threshold = 0.9 * float(problem.children.sum()) / k
        model = MaxPHeuristic(gdf, w, attrs, "children", threshold, top_n=2)
        model.solve()
        return np.asarray(model.labels_)

    every: dict[str, tuple[str, Callable[[], np.ndarray]]] = {
        "kmeans": ("spopt RegionKMeansHeuristic (x, y)", kmeans),
        "skater": ("spopt Skater (x, y, floor 20 areas)", skater),
        "maxp": ("spopt MaxPHeuristic (x, y; >= 90% of the mean lot)", maxp),
        "azp": ("spopt AZP (x, y)", azp),
    }
    for key in filter(None, args.peers.split(",")):
        name, fn = every[key.strip()]
        np.random.seed(0)  # noqa: NPY002 - spopt's heuristics draw from numpy's global generator
        labels, seconds = timed(fn)
        rows.append(score(problem, labels, seconds, name))

    header = list(rows[0])
    lines = [
        "# Lots: hubplan against spopt's regionalisation",
        "",
        f"Norfolk's adopted plan (2019): {len(ws.areas)} LSOAs, {len(scenario.bases)} bases, {k} lots; "
        f"rook contiguity; {platform.python_version()} on {platform.machine()}. "
        "Command: `python bench/lots.py`" + (f" --lots {k}" if k != 12 else "") + ".",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
        *("| " + " | ".join(row[h] for h in header) + " |" for row in rows),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if k == 12 and args.ours and args.peers == parser.get_default("peers"):
        previous = RESULTS.read_text() if RESULTS.exists() else ""
        keep = previous.split("## What it shows", 1)
        RESULTS.write_text(text + ("\n## What it shows" + keep[1] if len(keep) == 2 else ""))


if __name__ == "__main__":
    main()
