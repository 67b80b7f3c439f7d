#!/usr/bin/env python3
"""Model Norfolk's usage of its children's centres by LSOA, consistent with what the council published.

No offline source gives Norfolk's registration and contact counts by area, so this builds a usage
table that agrees with the two figures the council published in 2018 and labels every count
modelled (``modelled = true`` on every row; ``usage.md`` beside it says how):

- the centres "were used by 23,000 families over the past year": 23,000 seen in the year, taken as
  23,000 of the workspace's children under five (one child under five per family using a centre:
  no offline source gives a ratio, and any other would make the published total unreproducible);
- "just under 25% of families in our most disadvantaged areas do not currently access children's
  centres": 24.5% of the children of the most deprived fifth of LSOAs (IMD deciles 1 and 2, how
  hubplan groups deprivation everywhere) are not seen.

Within those totals each area's chance of being seen falls with its bus minutes to the nearest of
the 53 centres (``exp(-minutes / 60)``: reach halves about every 42 minutes, an assumption, so far
areas use the centres less), times a seeded lognormal factor (sigma 0.25) for what differs between
areas; each group's level is solved so the totals hold exactly (largest remainder rounding).
Registered = seen plus 35% of those not seen (registered at birth but not seen that year; an
assumption), never above the area's children. ``site_id`` is the nearest centre by car.

Usage: python scripts/build_norfolk_usage.py [WORKSPACE]   (default: the bundled Norfolk workspace)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.evaluate.metrics import nearest_base
from hubplan.travel import build_travel

SEED = 2018
SEEN_IN_YEAR = 23_000
"""Seen in the year: "used by 23,000 families over the past year" (Norfolk County Council, 2018)."""
MOST_DEPRIVED_NOT_SEEN = 0.245
"""Not seen in the most deprived fifth: "just under 25%" (Norfolk County Council, 2018)."""
DECAY_MINUTES = 60.0
NOISE_SIGMA = 0.25
REGISTERED_NOT_SEEN = 0.35
MAX_REACH = 0.97
PERIOD = "2017-18"

USAGE_MD = f"""# usage.csv: modelled usage of Norfolk's children's centres

Made by `scripts/build_norfolk_usage.py` (seed {SEED}; deterministic). **Every count is modelled**:
no offline source gives Norfolk's registration and contact counts by area. It agrees with what the
council published in 2018: {SEEN_IN_YEAR:,} seen in the year ("used by 23,000 families over the past
year", taken as children under five, one per family) and {MOST_DEPRIVED_NOT_SEEN:.1%} of the children
of the most deprived fifth of LSOAs not seen ("just under 25% of families in our most disadvantaged
areas do not currently access children's centres"). Within those totals an area's chance of being
seen falls with its bus minutes to the nearest of the 53 centres (exp(-minutes / {DECAY_MINUTES:g})),
times a seeded lognormal factor (sigma {NOISE_SIGMA:g}). Registered = seen plus
{REGISTERED_NOT_SEEN:.0%} of those not seen. `site_id` is the nearest centre by car. Period
{PERIOD}.
"""


def _round_to_total(expected: np.ndarray, total: int) -> np.ndarray:
    """Round ``expected`` to whole numbers that add up to ``total`` (largest remainder)."""
    floor = np.floor(expected).astype(np.int64)
    left = total - int(floor.sum())
    order = np.argsort(-(expected - floor), kind="stable")
    floor[order[:left]] += 1
    return floor


def _level(children: np.ndarray, shape: np.ndarray, target: float) -> np.ndarray:
    """Return per-area reach ``min(level * shape, MAX_REACH)`` whose children-weighted sum is ``target``."""
    low, high = 0.0, 100.0
    for _ in range(200):
        mid = (low + high) / 2
        if float((children * np.minimum(mid * shape, MAX_REACH)).sum()) < target:
            low = mid
        else:
            high = mid
    return np.minimum(high * shape, MAX_REACH)


def build(folder: Path) -> Path:
    """Write ``usage.csv`` and ``usage.md`` into the Norfolk workspace ``folder``; return the CSV's path."""
    workspace = load_workspace(folder)
    with tempfile.TemporaryDirectory() as cache:  # leave no travel cache in the workspace
        travel = build_travel(workspace, cache_dir=Path(cache))
    baseline = workspace.baseline
    assert baseline is not None, "the Norfolk workspace's baseline is the 53 centres"
    bases = workspace.base_indices(baseline)
    minutes = nearest_base(travel.minutes["bus"], bases)[0]
    nearest = nearest_base(travel.minutes["car"], bases)[1]
    children = np.asarray(workspace.areas.families, dtype=np.float64)
    rng = np.random.default_rng(SEED)
    shape = np.exp(-minutes / DECAY_MINUTES) * rng.lognormal(0.0, NOISE_SIGMA, len(children))
    deprived = workspace.areas.most_deprived
    seen = np.zeros(len(children), dtype=np.int64)
    deprived_seen = round(float(children[deprived].sum()) * (1 - MOST_DEPRIVED_NOT_SEEN))
    for mask, total in ((deprived, deprived_seen), (~deprived, SEEN_IN_YEAR - deprived_seen)):
        reach = _level(children[mask], shape[mask], total)
        seen[mask] = _round_to_total(children[mask] * reach, total)
    seen = np.minimum(seen, children.astype(np.int64))
    registered = np.minimum(
        seen + np.round(REGISTERED_NOT_SEEN * (children - seen)).astype(np.int64), children.astype(np.int64)
    )
    lines = ["area_id,registered,seen,site_id,period,modelled"]
    for i, area in enumerate(workspace.areas.ids):
        site = workspace.sites.ids[int(nearest[i])]
        lines.append(f"{area},{registered[i]},{seen[i]},{site},{PERIOD},true")
    path = folder / "usage.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "usage.md").write_text(USAGE_MD, encoding="utf-8")
    return path


def main() -> None:
    """Build the usage for the workspace named on the command line (default: the bundled one)."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_workspace_path()
    path = build(folder)
    print(f"wrote {path} (modelled)")


if __name__ == "__main__":
    main()
