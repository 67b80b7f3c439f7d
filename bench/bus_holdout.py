"""Issue 22's held-out check, end to end: init each validation council with the NHS sites, export, compare.

For every council the validation LSOAs lie in, ``hubplan init --area CODE --sites SITES.csv`` (the
52 NHS sites, most of them over the border in Wales), then ``hubplan travel DIR --export FILE``;
the exported bus minutes are joined to the ``test`` rows of
``../shared/data/validation/public_transport_minutes_r5r.csv`` within 20 km and scored: median
absolute and signed error, and the share within 30, 45 and 60 minutes, real against hubplan.

Goal (issue 22): median |error| <= 15%, median signed within +-5%, each share within 5 points.
Prints a table and writes bench/results/bus_holdout.md.

Usage: python bench/bus_holdout.py [--work DIR]
"""

from __future__ import annotations

import argparse
import platform
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from typer.testing import CliRunner

from hubplan.cli import app

ROOT = Path(__file__).resolve().parents[1]
VALIDATION = ROOT.parent / "shared" / "data" / "validation" / "public_transport_minutes_r5r.csv"
RESULTS = Path(__file__).parent / "results" / "bus_holdout.md"
COUNCILS = {  # the validation's districts, each as the council that runs children's centres there
    "E06000050": "Cheshire West and Chester",
    "E08000015": "Wirral",
    "E06000051": "Shropshire",
    "E06000019": "Herefordshire",
    "E06000020": "Telford and Wrekin",
    "E07000080": "Forest of Dean",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bus-holdout-"))
    pairs = pd.read_csv(VALIDATION, dtype={"ruc11_code": str})
    test = pairs[(pairs["split"] == "test") & (pairs["crow_km"] <= 20)]
    sites = pairs.drop_duplicates("site_id")[["site_id", "site_name", "site_lat", "site_lon"]]
    sites_csv = work / "nhs_sites.csv"
    work.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(
        {
            "id": "nhs-" + sites["site_id"],
            "name": sites["site_name"],
            "kind": "health_centre",
            "lat": sites["site_lat"],
            "lon": sites["site_lon"],
            "district": "NHS sites",
            "cost_per_year": 0,
        }
    ).to_csv(sites_csv, index=False)
    runner = CliRunner()
    exported = []
    for code in COUNCILS:
        folder = work / code
        if not folder.exists():
            result = runner.invoke(app, ["init", "--area", code, "--sites", str(sites_csv), str(folder)])
            assert result.exit_code == 0, result.output
        target = work / f"{code}.parquet"
        result = runner.invoke(app, ["travel", str(folder), "--export", str(target)])
        assert result.exit_code == 0, result.output
        table = pd.read_parquet(target)
        exported.append(table[(table["mode"] == "bus") & table["site_id"].str.startswith("nhs-")])
    bus = pd.concat(exported).drop_duplicates(["area_id", "site_id"])
    bus["site_id"] = bus["site_id"].str.removeprefix("nhs-")
    joined = test.merge(bus, left_on=["lsoa11cd", "site_id"], right_on=["area_id", "site_id"], how="left")
    found = joined["minutes_y"].notna()
    real = joined.loc[found, "minutes_x"].to_numpy(dtype=float)
    model = joined.loc[found, "minutes_y"].to_numpy(dtype=float)
    rel = model / real - 1
    lines = [
        f"Test pairs within 20 km: {len(test):,}; found in the exports: {int(found.sum()):,}. "
        f"Machine: {platform.machine()}, Python {platform.python_version()}.",
        "",
        "| figure | real | hubplan | goal |",
        "| --- | ---: | ---: | --- |",
        f"| median abs error % | | {100 * np.median(np.abs(rel)):.1f} | <= 15 |",
        f"| median signed error % | | {100 * np.median(rel):+.1f} | within +-5 |",
    ]
    for t in (30, 45, 60):
        lines.append(
            f"| within {t} min % | {100 * np.mean(real <= t):.1f} | {100 * np.mean(model <= t):.1f} | within 5 points |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text)


if __name__ == "__main__":
    main()
