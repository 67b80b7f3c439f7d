"""Load a workspace folder into arrays, checking every file and reporting all problems at once."""

from __future__ import annotations

import fnmatch
import os
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from hubplan.data.assumptions import Assumptions, load_assumptions
from hubplan.data.columns import AREA_COLUMNS, SITE_COLUMNS, check_columns
from hubplan.data.districts import check_districts_used, misspelt_districts
from hubplan.data.read_table import (
    EDITOR_ENDINGS,
    TABLE_SUFFIXES,
    RawTable,
    find_table,
    missing_table_found,
    read_table,
    shown,
)
from hubplan.data.safe_read import check_user_file, outside, shown_path
from hubplan.data.scenario import Scenario, read_scenario
from hubplan.data.sense import (
    check_area_codes,
    check_children_counts,
    check_demand,
    check_flags,
    check_ids,
    check_positions,
    check_schedule_times,
    check_sites_once,
)
from hubplan.errors import InputError, Problem
from hubplan.suggest import closest


def demand_words(unit: str) -> tuple[str, str]:
    """Return what a demand unit counts, in one word and in words.

    Parameters
    ----------
    unit
        ``"children"`` (areas give ``children``) or ``"families"``.

    Returns
    -------
    tuple of str
        ``("children", "children under five")`` or ``("families", "families with children under five")``.
    """
    if unit == "children":
        return "children", "children under five"
    return "families", "families with children under five"


@dataclass(frozen=True, eq=False)
class Sites:
    """Buildings that can be bases or host outreach: one entry per site, in file order.

    Attributes hold one value per site: ``name``, ``kind``, ``lat``/``lon`` (degrees), ``district``,
    ``cost_per_year`` (£ a year as a base), ``capacity`` (families a year, NaN for no limit),
    ``provider``, ``contract_end`` (YYYY-MM-DD or ''), the flags ``required``, ``excluded``,
    ``outreach``, ``schedule`` (when it is open or visited, in words; '' when not given),
    ``position_source`` and ``provenance`` (where its position and its facts come from, in words; ''
    when not given); ``current`` (the council runs a centre or hub there now) and ``cost_given`` (its
    ``cost_per_year`` came from the user's file, not from ``[costs] site_cost_per_year``; a site with
    neither has a NaN cost).
    """

    ids: tuple[str, ...]
    name: np.ndarray
    kind: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    district: np.ndarray
    cost_per_year: np.ndarray
    capacity: np.ndarray
    provider: np.ndarray
    contract_end: np.ndarray
    required: np.ndarray
    excluded: np.ndarray
    outreach: np.ndarray
    schedule: np.ndarray | None = None
    position_source: np.ndarray | None = None
    provenance: np.ndarray | None = None
    current: np.ndarray | None = None
    cost_given: np.ndarray | None = None

    @property
    def costs_known(self) -> bool:
        """Whether every site has a cost a year (given by the user or assumed by a setting)."""
        return bool(np.isfinite(np.asarray(self.cost_per_year, dtype=np.float64)).all())

    @property
    def current_ids(self) -> tuple[str, ...]:
        """The ids of the sites marked ``current`` (the council's network now), in file order."""
        if self.current is None:
            return ()
        return tuple(i for i, c in zip(self.ids, self.current, strict=True) if c)

    @cached_property
    def index(self) -> dict[str, int]:
        """Map each site id to its position."""
        return {site_id: i for i, site_id in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Areas:
    """Demand areas: one entry per area, in file order.

    Attributes hold one value per area: ``name``, ``lat``/``lon`` (degrees), ``district``,
    ``families`` (the demand: families with children under five, or children under five when
    ``unit`` says so), ``deprivation_decile`` (1 = most deprived, 0 = not given; the index
    ``deprivation_index`` names), ``rurality`` ('' = not given) and ``no_car_share`` (0 to 1, NaN =
    not given).
    """

    ids: tuple[str, ...]
    name: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    district: np.ndarray
    families: np.ndarray
    deprivation_decile: np.ndarray
    rurality: np.ndarray
    no_car_share: np.ndarray
    unit: str = "families"
    deprivation_index: str = "imd"

    @property
    def people(self) -> str:
        """What the demand counts, in one word: ``"families"`` or ``"children"``."""
        return demand_words(self.unit)[0]

    @property
    def noun(self) -> str:
        """What the demand counts, in words: "families with children under five" or "children under five"."""
        return demand_words(self.unit)[1]

    @property
    def most_deprived(self) -> np.ndarray:
        """Mask of areas in the most deprived fifth (deprivation deciles 1 and 2)."""
        mask: np.ndarray = (self.deprivation_decile >= 1) & (self.deprivation_decile <= 2)
        return mask

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Workspace:
    """Everything a user gives hubplan: sites, areas, scenarios and assumptions.

    Parameters
    ----------
    sites
        Sites from ``sites.*`` followed by any from ``venues.*``.
    areas
        Areas from ``areas.*``.
    scenarios
        By name, in file-name order.
    assumptions
        From ``hubplan.toml`` (defaults where it is silent).
    path
        The folder it was read from, if any.
    files
        The names of the table files read.
    unused_columns
        (file, column) for each column of the user's own that hubplan does not read (commands warn).
    """

    sites: Sites
    areas: Areas
    scenarios: dict[str, Scenario]
    assumptions: Assumptions
    path: Path | None = None
    files: tuple[str, ...] = field(default=())
    unused_columns: tuple[tuple[str, str], ...] = field(default=())

    def scenario(self, name: str) -> Scenario:
        """Return the scenario called ``name``.

        Parameters
        ----------
        name
            A scenario's name.

        Returns
        -------
        Scenario
            The scenario.

        Raises
        ------
        InputError
            When there is none by that name (the message lists the ones there are).
        """
        if name in self.scenarios:
            return self.scenarios[name]
        named = next((s for s in self.scenarios.values() if Path(s.file).stem == name), None)
        if named is not None:  # x.yaml whose `name:` line says otherwise: say both
            expected = (
                f"the scenario's own name, {named.name!r}: the 'name:' line of {named.file} names it so "
                f"(use {named.name!r}, or change that line to name: {name})"
            )
            raise InputError([Problem(named.file, None, "name", expected, shown(name))], "no such scenario")
        close = closest(name, list(self.scenarios))
        hint = f"; did you mean '{close[0]}'?" if close else ""
        expected = f"one of the scenarios {', '.join(self.scenarios) or '(none)'}{hint}"
        raise InputError([Problem("scenarios/", None, None, expected, shown(name))], "no such scenario")

    def base_indices(self, scenario: Scenario) -> np.ndarray:
        """Return the positions of a scenario's bases among the sites.

        Parameters
        ----------
        scenario
            A scenario whose bases are all site ids of this workspace.

        Returns
        -------
        numpy.ndarray
            int64 positions, in the scenario's order.
        """
        return np.array([self.sites.index[b] for b in scenario.bases], dtype=np.int64)

    def over_budget(self, scenario: Scenario) -> str | None:
        """Say that a scenario's bases cost more than its own ``budget_per_year``, or ``None``.

        A warning, not a refusal: a plan written before costs rose is still worth evaluating.

        Parameters
        ----------
        scenario
            A scenario whose bases are all site ids of this workspace.

        Returns
        -------
        str or None
            E.g. "scenario 'x' (scenarios/x.yaml): its bases cost £386,000 a year, more than its
            budget_per_year of £1,000"; ``None`` without a budget, within it, or with a base of no cost.
        """
        if scenario.budget_per_year is None:
            return None
        costs = np.asarray(self.sites.cost_per_year, dtype=np.float64)
        cost = float(costs[self.base_indices(scenario)].sum())
        if not np.isfinite(cost) or cost <= scenario.budget_per_year + 1e-6:
            return None
        where = f" ({scenario.file})" if scenario.file else ""
        return (
            f"scenario '{scenario.name}'{where}: its bases cost £{cost:,.0f} a year, more than its "
            f"budget_per_year of £{scenario.budget_per_year:,.0f}"
        )

    @property
    def baseline(self) -> Scenario | None:
        """The scenario others are compared with: ``[evaluation].baseline``, else the current network.

        The current network is the sites marked ``current`` in ``sites.csv`` (as the scenario
        :data:`CURRENT`). With neither, there is no baseline: no "now", so nothing closes or saves.
        """
        name = self.assumptions.evaluation.baseline or (CURRENT if self.sites.current_ids else "")
        return self.scenarios.get(name) if name else None

    @property
    def baseline_name(self) -> str:
        """The baseline scenario's name ('' without a network today)."""
        found = self.baseline
        return found.name if found is not None else ""


CURRENT = "current"
"""The name of the scenario holding the council's current network (``hubplan init --current``)."""


def check_workspace(path: Path) -> tuple[Workspace | None, list[Problem]]:
    """Read and check a workspace folder, collecting every problem in one pass.

    Parameters
    ----------
    path
        A folder with ``sites``, ``areas`` (``.csv``, ``.geojson`` or ``.gpkg``), optional ``venues``,
        optional ``scenarios/*.yaml`` and optional ``hubplan.toml``.

    Returns
    -------
    tuple
        The workspace (``None`` when there are problems) and the list of problems.
    """
    problems: list[Problem] = []
    if not path.is_dir():
        found = "a file" if path.exists() else "nothing there"
        problems.append(
            Problem(str(path), None, None, "a workspace folder with sites.csv and areas.csv", found)
        )
        return None, problems
    try:
        assumptions = load_assumptions(path / "hubplan.toml")
    except InputError as exc:
        problems.extend(exc.problems)
        assumptions = Assumptions()
    region = assumptions.region

    def table(stem: str, required: bool) -> RawTable | None:
        found = find_table(path, stem)
        every = [f"{stem}{suffix}" for suffix in TABLE_SUFFIXES if (path / f"{stem}{suffix}").exists()]
        if len(every) > 1:
            expected = f"one {stem} table (hubplan would read {every[0]} and not the others)"
            problems.append(Problem(every[0], None, None, expected, f"{', '.join(every)} side by side"))
            return None
        if found is None:
            what = missing_table_found(path, stem)
            if required or what.startswith("none, but"):
                problems.append(Problem(f"{stem}.csv", None, None, f"a {stem} table in {path}", what))
            return None
        return read_table(found, problems, root=path)

    before = len(problems)
    site_tables = [t for t in (table("sites", True), table("venues", False)) if t is not None]
    # Without every site table, a scenario's bases cannot be checked: each would be "not a site".
    sites_known = len(problems) == before
    unused: list[tuple[str, str]] = []
    area_table = table("areas", True)
    raw_districts = [
        t.frame["district"].astype(str).to_numpy()
        for t in [*site_tables, area_table]
        if t is not None and isinstance(t.frame.get("district"), pd.Series)
    ]
    region = region.model_copy(
        update={"districts": misspelt_districts(region.districts, raw_districts, problems)}
    )
    site_cols = [check_columns(t, SITE_COLUMNS, region, problems, unused=unused) for t in site_tables]
    unit = "families"
    if area_table is not None and "children" in area_table.frame.columns:
        if "families" in area_table.frame.columns:
            problems.append(
                Problem(area_table.file, 1, "children", "either 'families' or 'children', not both", "both")
            )
        else:
            frame = area_table.frame.rename(columns={"children": "families"})
            area_table = RawTable(area_table.file, frame, area_table.rows)
            unit = "children"
    index = assumptions.evaluation.deprivation
    if area_table is not None and index == "idaci" and "idaci_decile" not in area_table.frame.columns:
        problems.append(
            Problem(
                area_table.file, 1, "idaci_decile",
                "a column 'idaci_decile' (hubplan.toml sets evaluation.deprivation = \"idaci\")", "none",
            )
        )  # fmt: skip
    before_areas = len(problems)
    area_cols = (
        check_columns(area_table, AREA_COLUMNS, region, problems, unused=unused) if area_table else None
    )
    if unit == "children":  # the column was read as 'families': name it as the file does
        problems[before_areas:] = [
            replace(p, column="children") if p.column == "families" else p for p in problems[before_areas:]
        ]

    _check_unique_ids(site_tables, site_cols, problems)
    check_ids([(t, c["id"]) for t, c in zip(site_tables, site_cols, strict=True)], problems)
    check_sites_once(list(zip(site_tables, site_cols, strict=True)), problems)
    for t, c in zip(site_tables, site_cols, strict=True):
        check_flags(t, c, problems)
        check_positions(t, c, region, problems)
        check_schedule_times(t, c, problems)
    if area_table is not None and area_cols is not None:
        _check_unique_ids([area_table], [area_cols], problems)
        check_ids([(area_table, area_cols["id"])], problems)
        check_area_codes(area_table, area_cols["id"], problems)
        check_demand(area_table, area_cols, problems, noun=unit)
        if unit == "children":
            check_children_counts(area_table, area_cols, problems)
        check_positions(area_table, area_cols, region, problems)
        named = [area_cols["district"], *(c["district"] for c in site_cols)]
        check_districts_used(region.districts, named, problems)

    site_ids = {str(i) for cols in site_cols for i in cols["id"]}
    excluded = {
        str(i) for cols in site_cols for i, ex in zip(cols["id"], cols["excluded"], strict=True) if ex
    }
    scenarios: dict[str, Scenario] = {}
    folder = path / "scenarios"
    # Hidden files are not scenarios: macOS leaves "._name.yaml" beside each file copied to a USB stick,
    # and editors keep ".name.yaml" backups.
    files_found = _scenario_files(folder, problems, root=path)
    for file in [f for f in files_found if not f.name.startswith(".")]:
        scenario = read_scenario(file, problems, within=path)
        if scenario is None:
            continue
        twin = next((s for s in scenarios.values() if s.name.casefold() == scenario.name.casefold()), None)
        if twin is not None:
            expected = f"a name not used by {twin.file}" + (
                "" if twin.name == scenario.name else " but for case"
            )
            problems.append(Problem(scenario.file, None, "name", expected, shown(scenario.name)))
        if sites_known:
            _check_bases(scenario, site_ids, excluded, problems)
        scenarios[scenario.name] = scenario
    _check_travel_files(path, problems)
    baseline = assumptions.evaluation.baseline
    scenarios_readable = not any(p.file in ("scenarios", "scenarios/") for p in problems)
    if baseline and site_tables and baseline not in scenarios and scenarios_readable:
        expected = f"the name of a scenario in scenarios/ ({', '.join(scenarios) or 'there are none'})"
        problems.append(Problem("hubplan.toml", None, "evaluation.baseline", expected, f"'{baseline}'"))

    if problems or area_cols is None or not site_cols:
        return None, _capped(problems)
    sites = _sites(site_cols, assumptions.costs.site_cost_per_year)
    if sites.current_ids and not baseline and CURRENT not in scenarios:
        scenarios[CURRENT] = Scenario(
            name=CURRENT,
            title="The network today",
            bases=sites.current_ids,
            description="The sites marked current in the sites table: the council's network now.",
            file=site_tables[0].file,
        )
    areas = Areas(
        ids=tuple(str(i) for i in area_cols["id"]),
        name=area_cols["name"],
        lat=area_cols["lat"],
        lon=area_cols["lon"],
        district=area_cols["district"],
        families=area_cols["families"],
        deprivation_decile=area_cols["idaci_decile" if index == "idaci" else "deprivation_decile"],
        rurality=area_cols["rurality"],
        no_car_share=area_cols["no_car_share"],
        unit=unit,
        deprivation_index=index,
    )
    files = tuple(t.file for t in [*site_tables, area_table] if t is not None)
    return Workspace(sites, areas, scenarios, assumptions, path, files, tuple(unused)), problems


def load_workspace(path: str | Path) -> Workspace:
    """Load a workspace folder, or raise with every problem in it.

    Parameters
    ----------
    path
        The workspace folder (see :func:`check_workspace` for what it holds).

    Returns
    -------
    Workspace
        Sites, areas, scenarios and assumptions as arrays and frozen objects.

    Raises
    ------
    InputError
        Listing every problem, each with its file, row, column, what was expected and what was found.

    Examples
    --------
    >>> from hubplan.data import bundled_workspace_path, load_workspace
    >>> ws = load_workspace(bundled_workspace_path())
    >>> len(ws.areas), sorted(ws.scenarios)[0]
    (538, 'adopted-2019-15')
    """
    workspace, problems = check_workspace(Path(path))
    if problems or workspace is None:
        n = len(problems)
        raise InputError(problems, f"the workspace {path} has {n} problem{'s' if n != 1 else ''}")
    return workspace


MAX_PROBLEMS_ALIKE = 10
"""Problems listed one by one for each file and column; the rest are counted in one more line."""


def _capped(problems: list[Problem]) -> list[Problem]:
    """Keep the first :data:`MAX_PROBLEMS_ALIKE` problems of each file and column, and count the rest.

    Problems without a row (about a whole file or column, or counting others) are always kept.
    """
    seen: dict[tuple[str, str | None], int] = {}
    kept: list[Problem] = []
    for problem in problems:
        if problem.row is None:
            kept.append(problem)
            continue
        key = (problem.file, problem.column)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= MAX_PROBLEMS_ALIKE:
            kept.append(problem)
    for (file, column), count in seen.items():
        if count > MAX_PROBLEMS_ALIKE:
            found = f"{count - MAX_PROBLEMS_ALIKE:,} more rows like these"
            kept.append(Problem(file, None, column, "the same fixed in the rows not listed", found))
    return kept


def _check_unique_ids(
    tables: list[RawTable], cols: list[dict[str, np.ndarray]], problems: list[Problem]
) -> None:
    first: dict[str, tuple[str, int]] = {}
    for t, c in zip(tables, cols, strict=True):
        for value, row in zip(c["id"], t.rows, strict=True):
            key = str(value)
            if not key:
                continue
            if key in first:
                where = f"{first[key][0]} row {first[key][1]}"
                problems.append(
                    Problem(t.file, int(row), "id", f"an id not already used ({where})", f"'{key}'")
                )
            else:
                first[key] = (t.file, int(row))


def _scenario_files(folder: Path, problems: list[Problem], *, root: Path) -> list[Path]:
    """List ``scenarios/*.yaml`` (and ``.yml``), naming a folder that cannot be listed.

    ``Path.glob`` finds nothing in a folder it may not read, and the baseline would then be reported
    missing; the folder itself is named instead, as is a ``scenarios`` that is a link leading out of
    the workspace ``root`` (nothing is read through it, as for a scenario file that is such a link).
    """
    if outside(folder, root):
        found = f"a link to a folder outside it ({shown_path(folder)})"
        problems.append(
            Problem("scenarios/", None, None, "a folder of scenarios inside the workspace folder", found)
        )
        return []
    if folder.exists() and not folder.is_dir():
        expected = "a folder of .yaml files (one scenario each)"
        problems.append(Problem("scenarios", None, None, expected, "a file: move it away"))
        return []
    if not folder.is_dir():
        return []
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries]
    except OSError as exc:
        expected = "a folder of scenarios hubplan can read"
        problems.append(Problem("scenarios/", None, None, expected, exc.strerror or str(exc)))
        return []
    for name in sorted(names):
        # Notepad saves "x.yaml" as "x.yaml.txt" where Windows hides endings: never read, and never named.
        stem, dot, ending = name.rpartition(".")
        typed = ending.casefold() in EDITOR_ENDINGS and fnmatch.fnmatch(stem.casefold(), "*.y*ml")
        if not name.startswith(".") and dot and typed:
            expected = f"a scenario file ending .yaml: rename it {stem}"
            problems.append(Problem(f"scenarios/{name}", None, None, expected, f"the ending .{ending}"))
    return sorted(folder / n for n in names if fnmatch.fnmatch(n, "*.y*ml"))


def _check_bases(scenario: Scenario, site_ids: set[str], excluded: set[str], problems: list[Problem]) -> None:
    lines: tuple[int | None, ...] = scenario.base_lines or (None,) * len(scenario.bases)
    for base, line in zip(scenario.bases, lines, strict=True):
        if base not in site_ids:
            close = closest(base, sorted(site_ids))
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                Problem(
                    scenario.file, line, "bases", f"the id of a site in sites or venues{hint}", f"'{base}'"
                )
            )
        elif base in excluded:
            problems.append(
                Problem(
                    scenario.file,
                    line,
                    "bases",
                    "a site that may be a base (its 'excluded' is true)",
                    f"'{base}'",
                )
            )


def _check_travel_files(path: Path, problems: list[Problem]) -> None:
    """Check that each stored matrix (``travel/*.npz``, from ``hubplan travel``) is a whole file.

    Whether its minutes fit the current areas and sites is checked when it is used.
    """
    folder = path / "travel"
    for file in sorted(folder.glob("*.npz")) if folder.is_dir() else []:
        label = f"travel/{file.name}"
        if not check_user_file(
            file, MAX_STORED_MATRIX_BYTES, problems, what="a travel matrix", label=label, root=path
        ):
            continue
        try:
            with zipfile.ZipFile(file) as archive:
                damaged = archive.testzip()
                names = set(archive.namelist())
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error, ValueError) as exc:
            damaged, names = type(exc).__name__, set()
        missing = _STORED_ARRAYS - names
        if damaged is not None or missing:
            found = "a damaged or foreign file: run `hubplan travel` again, or delete it to use estimates"
            problems.append(Problem(label, None, None, "a travel matrix written by `hubplan travel`", found))


MAX_STORED_MATRIX_BYTES = 4_000_000_000
"""The largest stored travel matrix checked (bytes): England's output areas by a few thousand sites."""

_STORED_ARRAYS = frozenset({"minutes.npy", "source.npy", "places.npy", "provenance.npy"})


def _sites(cols: list[dict[str, np.ndarray]], assumed_cost: float | None) -> Sites:
    def cat(name: str) -> np.ndarray:
        return np.concatenate([c[name] for c in cols])

    cost = np.asarray(cat("cost_per_year"), dtype=np.float64)
    given = np.isfinite(cost)
    if assumed_cost is not None:
        cost = np.where(given, cost, float(assumed_cost))

    return Sites(
        ids=tuple(str(i) for i in cat("id")),
        name=cat("name"),
        kind=cat("kind"),
        lat=cat("lat"),
        lon=cat("lon"),
        district=cat("district"),
        cost_per_year=cost,
        capacity=cat("capacity"),
        provider=cat("provider"),
        contract_end=cat("contract_end"),
        required=cat("required"),
        excluded=cat("excluded"),
        outreach=cat("outreach"),
        schedule=cat("schedule"),
        position_source=cat("position_source"),
        provenance=cat("provenance"),
        current=np.asarray(cat("current"), dtype=bool),
        cost_given=given,
    )
