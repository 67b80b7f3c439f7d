"""Norfolk's 53 children's centres: the 37 that public sources name, at their towns, and 16 modelled.

Real (``norfolk_childrens_centres_named.csv`` in the shared data; REAL_DATA.md lists the sources S1 to
S14): 37 centres' names, districts, towns or areas, and what became of them in 2019, including the
first proposal's 7 bases and 8 of the adopted 15. No offline source gives their addresses, so each
stands at its town's position (**town-level position**): the GeoNames place of that name, else the
mean position of the Norfolk mobile-library stops in a community of that name, else the postcode of
the library of that name. Where several named centres share a town, the first stands at the town and
each other one at a modelled position within 4 km of it (:func:`spread_shared_towns`), so each has
neighbourhoods of its own.

Modelled (no source names them): the other 16 centres. Each district's count continues the
need-weighted share (children under five, those in IMD deciles 1-3 counted 1.5 times) from the named
centres it already has (D'Hondt); each modelled centre stands at the LSOA position that most shortens
the need-weighted straight-line distance to the nearest centre, given those already placed, and is
named after the nearest town, with "(modelled)" in its name. The 7 of the adopted 15 that no source
names are assumed by the rule the sources state (two bases per district plus three in Norwich): in each
district short of its count, the centres not known to have closed, those serving the most children
first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.travel import haversine_km

N_CENTRES = 53
ADOPTED_PER_DISTRICT = 2
ADOPTED_NORWICH = 3
# Where the published town or area is not itself a place of that name: the place it is in (as published).
PLACE_OF = {
    "South Lynn, King's Lynn": "King's Lynn",
    "Drayton/Taverham": "Drayton",
    "Long Stratton (at Manor Field Infant and Nursery School)": "Long Stratton",
    "Gorleston": "Gorleston-on-Sea",
    "North Lynn/Gaywood, King's Lynn": "Gaywood",
    "London Road, Dereham": "East Dereham",
    "Angel Road, Norwich": "Norwich",
    "Great Yarmouth borough": "Great Yarmouth",
    "Manor Road, North Walsham": "North Walsham",
    "Bowthorpe, Norwich": "Bowthorpe",
}
KEPT = ("kept_base_confirmed", "kept_base_inferred")
CLOSED = ("closed", "closed_de_designated")
FIRST_PROPOSAL = "Sep 2018 proposed base"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def short_name(published: str) -> str:
    """The centre's name without "Children's Centre" and "Sure Start" (for its id)."""
    return published.replace(" Sure Start", "").removesuffix(" Children's Centre")


@dataclass(frozen=True)
class Place:
    """A named position in Norfolk and where it comes from."""

    name: str
    lat: float
    lon: float
    source: str


def place_finder(places: pd.DataFrame, stops: pd.DataFrame, libraries: pd.DataFrame) -> dict[str, Place]:
    """Every name a centre's town can be found under: GeoNames places, then stop communities, then libraries."""
    found: dict[str, Place] = {}
    for r in libraries.itertuples():
        name = str(r.name).removesuffix(" Library")
        found[name] = Place(
            name, float(r.lat), float(r.lon), f"the postcode of {r.name} (Libraries Taskforce 2016)"
        )
    communities = stops.assign(lat=stops["lat"].astype(float), lon=stops["lon"].astype(float))
    for name, group in communities.groupby("community", sort=True):
        found[str(name)] = Place(
            str(name),
            round(float(group["lat"].mean()), 5),
            round(float(group["lon"].mean()), 5),
            "the mean position of its Norfolk mobile-library stops (2019)",
        )
    for r in places.itertuples():
        found[str(r.name)] = Place(str(r.name), float(r.lat), float(r.lon), "GeoNames")
    return found


def named_centres(named: pd.DataFrame, where: dict[str, Place]) -> pd.DataFrame:
    """The 37 named centres at their towns (town-level positions), with their sources."""
    rows = []
    for r in named.itertuples():
        town = PLACE_OF.get(str(r.town_or_area), str(r.town_or_area))
        place = where[town]  # a KeyError here is a new published town: add it to PLACE_OF
        note = "" if town == r.town_or_area else f"; the sources say {r.town_or_area}"
        rows.append(
            {
                "id": "cc-" + slug(short_name(str(r.name_as_published))),
                "name": str(r.name_as_published),
                "lat": place.lat,
                "lon": place.lon,
                "district": str(r.district),
                "town": town,
                "status_2019": str(r.status_2019),
                "evidence": str(r.evidence),
                "position_source": f"town-level position: {town}, at {place.source}{note}",
                "provenance": (
                    f"name, district and 2019 fate ({r.status_2019}) from public sources "
                    f"{str(r.source_ids).replace(';', ', ')} (REAL_DATA.md); cost, capacity, provider and "
                    "contract modelled"
                ),
            }
        )
    return pd.DataFrame(rows)


TOWN_RADIUS_KM = 4.0


def spread_shared_towns(named: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Stand centres that share a town apart: the first at the town, each other one within 4 km of it.

    Several named centres in one town would otherwise stand at one point, and all but one would have no
    neighbourhood of their own. Each further centre stands at the LSOA position, within
    :data:`TOWN_RADIUS_KM` of the town and in its district, that most shortens the need-weighted
    distance to the nearest centre; its ``position_source`` says it is modelled within the town.
    """
    named = named.copy()
    need = _need(areas)
    lat, lon = areas["lat"].to_numpy(), areas["lon"].to_numpy()
    spot = list(zip(named["lat"], named["lon"], strict=True))
    for i in range(len(named)):
        if spot[i] not in spot[:i]:
            continue
        town_lat, town_lon = spot[i]
        from_town = haversine_km(lat, lon, town_lat, town_lon)
        mine = np.flatnonzero(
            (from_town <= TOWN_RADIUS_KM) & (areas["district"].to_numpy() == named.at[i, "district"])
        )
        placed_lat, placed_lon = np.array(named["lat"][:i]), np.array(named["lon"][:i])
        nearest = haversine_km(lat[:, None], lon[:, None], placed_lat[None, :], placed_lon[None, :]).min(
            axis=1
        )
        to_candidate = haversine_km(lat[:, None], lon[:, None], lat[None, mine], lon[None, mine])
        pick = int(
            mine[int(np.argmin((need[:, None] * np.minimum(nearest[:, None], to_candidate)).sum(axis=0)))]
        )
        named.loc[i, ["lat", "lon"]] = [float(lat[pick]), float(lon[pick])]
        spot[i] = (float(lat[pick]), float(lon[pick]))
        named.at[i, "position_source"] = (
            f"town-level position: {named.at[i, 'town']}, shared with another named centre there, so modelled "
            f"within the town: the position of LSOA {areas.at[pick, 'id']} ({areas.at[pick, 'name']})"
        )
    return named


def _need(areas: pd.DataFrame) -> np.ndarray:
    return np.asarray(
        areas["children"].to_numpy() * (1 + 0.5 * (areas["deprivation_decile"].to_numpy() <= 3))
    )


def _dhondt(weights: np.ndarray, seats: int, start: np.ndarray) -> np.ndarray:
    out = start.copy()
    for _ in range(seats - int(out.sum())):
        out[int(np.argmax(weights / (out + 1)))] += 1
    return out


def _direction(dlat: float, dlon: float) -> str:
    dx, dy = dlon * 111.32 * np.cos(np.radians(52.6)), dlat * 110.57
    if np.hypot(dx, dy) < 1.2:
        return "Central"
    names = ("East", "North East", "North", "North West", "West", "South West", "South", "South East")
    return names[int(np.round(np.degrees(np.arctan2(dy, dx)) / 45)) % 8]


def modelled_centres(
    named: pd.DataFrame, areas: pd.DataFrame, places: pd.DataFrame, districts: tuple[str, ...]
) -> pd.DataFrame:
    """The 16 centres no source names: shared among districts by need, placed where they shorten trips most."""
    need = _need(areas)
    by_district = pd.Series(need).groupby(areas["district"].to_numpy()).sum().reindex(list(districts))
    have = named["district"].value_counts().reindex(list(districts), fill_value=0).to_numpy()
    seats = _dhondt(by_district.to_numpy(), N_CENTRES, have)
    lat, lon = areas["lat"].to_numpy(), areas["lon"].to_numpy()
    centres_lat, centres_lon = list(named["lat"]), list(named["lon"])
    towns = places[places["population"].fillna(0) >= 1500].reset_index(drop=True)
    used = set(named["town"])
    rows = []
    for district, total, already in zip(districts, seats, have, strict=True):
        mine = np.flatnonzero(areas["district"].to_numpy() == district)
        for _ in range(int(total - already)):
            nearest = haversine_km(
                lat[:, None], lon[:, None], np.array(centres_lat), np.array(centres_lon)
            ).min(axis=1)
            # Need-weighted distance to the nearest centre if a centre stood at each candidate LSOA.
            to_candidate = haversine_km(lat[:, None], lon[:, None], lat[None, mine], lon[None, mine])
            total_km = (need[:, None] * np.minimum(nearest[:, None], to_candidate)).sum(axis=0)
            pick = int(mine[int(np.argmin(total_km))])
            here = towns[towns["district"] == district]
            km = haversine_km(here["lat"].to_numpy(), here["lon"].to_numpy(), lat[pick], lon[pick])
            town = here.iloc[int(np.argmin(km))]
            name = str(town["name"])
            if name in used:
                name = f"{name} {_direction(lat[pick] - float(town['lat']), lon[pick] - float(town['lon']))}"
            while name in used:
                name += " 2"
            used.add(name)
            centres_lat.append(float(lat[pick]))
            centres_lon.append(float(lon[pick]))
            rows.append(
                {
                    "id": "cc-" + slug(name),
                    "name": f"{name} Children's Centre (modelled)",
                    "lat": float(lat[pick]),
                    "lon": float(lon[pick]),
                    "district": district,
                    "town": str(town["name"]),
                    "status_2019": "",
                    "evidence": "",
                    "position_source": f"modelled: the position of LSOA {areas.at[pick, 'id']} ({areas.at[pick, 'name']})",
                    "provenance": (
                        "modelled: no public source names this centre; placed where it most shortens children's "
                        "need-weighted distance to a centre; cost, capacity, provider and contract modelled"
                    ),
                }
            )
    return pd.DataFrame(rows)


def all_centres(
    shared: Path,
    areas: pd.DataFrame,
    places: pd.DataFrame,
    libraries: pd.DataFrame,
    districts: tuple[str, ...],
) -> pd.DataFrame:
    """The 53 centres, by district in the order given, named ones first in the sources' order."""
    named = pd.read_csv(shared / "norfolk_childrens_centres_named.csv", dtype=str, keep_default_na=False)
    stops = pd.read_csv(shared / "norfolk_mobile_library_stops.csv", dtype=str, keep_default_na=False)
    where = place_finder(places, stops, libraries)
    real = spread_shared_towns(named_centres(named, where), areas)
    modelled = modelled_centres(real, areas, places, districts)
    centres = pd.concat([real, modelled], ignore_index=True)
    centres["order"] = centres["district"].map({d: i for i, d in enumerate(districts)})
    centres = centres.sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)
    assert len(centres) == N_CENTRES and centres["id"].is_unique, centres["id"].tolist()
    return centres


def first_proposal(centres: pd.DataFrame) -> list[str]:
    """The 7 bases of September 2018, all named by the sources."""
    seven = centres[
        centres["evidence"].str.contains(FIRST_PROPOSAL) | (centres["status_2019"] == "kept_base_inferred")
    ]
    assert len(seven) == 7 and seven["district"].is_unique, seven["name"].tolist()
    return list(seven["id"])


def adopted(
    centres: pd.DataFrame, served: np.ndarray, districts: tuple[str, ...]
) -> tuple[list[str], list[str]]:
    """The adopted 15: the 8 the sources name, and 7 assumed by the stated rule (returned apart)."""
    known = list(centres.loc[centres["status_2019"].isin(KEPT), "id"])
    assumed: list[str] = []
    # Not known to have closed: modelled centres and those of unknown or unconfirmed fate first; centres
    # proposed for closure whose final fate was not seen only where a district has nothing else.
    rank = centres["status_2019"].map(
        lambda s: (
            0
            if s in ("", "unknown", "proposed_closure_2018_status_unconfirmed")
            else 1
            if s.startswith("proposed")
            else 2
        )
    )
    for district in districts:
        want = ADOPTED_NORWICH if district == "Norwich" else ADOPTED_PER_DISTRICT
        mine = centres[(centres["district"] == district) & ~centres["id"].isin(known) & (rank < 2)]
        order = sorted(mine.index, key=lambda i: (rank[i], -served[i]))
        short = want - int(centres.loc[centres["id"].isin(known), "district"].eq(district).sum())
        assumed += [str(centres.at[i, "id"]) for i in order[:short]]
    assert len(known) + len(assumed) == 15, (known, assumed)
    return known, assumed
