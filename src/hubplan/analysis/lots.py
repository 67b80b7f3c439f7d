"""A scenario's commissioning lots: the problem built from the workspace, solved, and a table per lot."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hubplan.analysis.evidence import Evidence, decided_scenario
from hubplan.analysis.view import site_areas
from hubplan.data.boundaries import read_boundaries
from hubplan.data.lot_settings import LotsDefaults
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import InfeasibleError, InputError, Problem
from hubplan.evaluate.evaluation import Evaluation
from hubplan.optimise.contiguity import Adjacency, adjacency, project_km
from hubplan.optimise.lots import (
    LotMethod,
    LotProblem,
    Lots,
    LotSettings,
    Measure,
    bases_by_lot,
    compactness_km,
    contiguous,
    lot_sums,
    plan_lots,
    served_together,
)
from hubplan.outreach.plan import OutreachPlan, plan_outreach
from hubplan.travel.matrix import TravelMatrix


@dataclass(frozen=True)
class LotRow:
    """One lot's figures.

    Parameters
    ----------
    lot
        Its number, 1..K.
    areas
        Its area ids, in the workspace's order.
    children
        Demand in it (children under five, or families: the workspace's unit).
    need
        Of them, in the most deprived fifth of areas (deprivation deciles 1-2).
    bases
        Its bases (site ids).
    centre
        The base at its middle (the model's centre).
    providers
        The providers now running its bases ('' left out).
    outreach_hours_per_week
        Staff hours a week of the outreach plan's sessions at venues in it.
    bases_cost_per_year, outreach_cost_per_year
        £ a year: its bases, and its venues' sessions.
    """

    lot: int
    areas: tuple[str, ...]
    children: float
    need: float
    bases: tuple[str, ...]
    centre: str
    providers: tuple[str, ...]
    outreach_hours_per_week: float
    bases_cost_per_year: float
    outreach_cost_per_year: float

    @property
    def cost_per_year(self) -> float:
        """Bases and outreach sessions (£ a year)."""
        return self.bases_cost_per_year + self.outreach_cost_per_year


@dataclass(frozen=True, eq=False)
class ScenarioLots:
    """A scenario's areas split into lots, with the figures each output shows.

    Parameters
    ----------
    scenario
        The scenario's name.
    count
        K.
    lots
        The solver's result (each area's lot, cost, bound, method).
    area_ids
        The workspace's areas, in order (``lots.lot`` follows it).
    rows
        A row per lot.
    tolerance
        Measure name to its tolerance (children always; need and outreach hours when balanced).
    rule
        The contiguity rule (``"rook"``) and what was added to it, in words.
    served_together
        Share of children in the same lot as the base that serves them (0..1).
    compactness_km
        Children-weighted mean km from an area to its lot's centre base.
    contiguous
        Whether every lot is one piece (always, unless pins force otherwise).
    notes
        What the reader should know (islands joined, lots out of tolerance).
    """

    scenario: str
    count: int
    lots: Lots
    area_ids: tuple[str, ...]
    rows: tuple[LotRow, ...]
    tolerance: dict[str, float]
    rule: str
    served_together: float
    compactness_km: float
    contiguous: bool
    people: str = "children"
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the lots as JSON-ready data (the ``hubplan lots --json`` object).

        Returns
        -------
        dict
            ``scenario``, ``count``, ``lots`` (each ``lot``, ``areas``, ``children``, ``bases``,
            ``need``, ``centre``, ``providers``, ``outreach_hours_per_week``, ``cost_per_year``), the
            solver's ``method``, ``cost``, ``bound``, ``optimal``, ``seconds``, and the checks.
        """
        return {
            "scenario": self.scenario,
            "count": self.count,
            "people": self.people,
            "lots": [
                {
                    "lot": r.lot,
                    "areas": list(r.areas),
                    "children": round(r.children, 1),
                    "bases": list(r.bases),
                    "need": round(r.need, 1),
                    "centre": r.centre,
                    "providers": list(r.providers),
                    "outreach_hours_per_week": round(r.outreach_hours_per_week, 1),
                    "bases_cost_per_year": round(r.bases_cost_per_year, 2),
                    "outreach_cost_per_year": round(r.outreach_cost_per_year, 2),
                    "cost_per_year": round(r.cost_per_year, 2),
                }
                for r in self.rows
            ],
            "tolerance": self.tolerance,
            "contiguity": self.rule,
            "contiguous": self.contiguous,
            "served_together": round(self.served_together, 4),
            "compactness_km": round(self.compactness_km, 3),
            "method": self.lots.method,
            "optimal": self.lots.optimal,
            "cost": round(self.lots.cost, 3),
            "bound": round(self.lots.bound, 3) if self.lots.bound is not None else None,
            "seconds": round(self.lots.seconds, 2),
            "unbalanced": list(self.lots.unbalanced),
            "notes": list(self.notes),
        }


def area_adjacency(workspace: Workspace, *, outlines: Sequence[dict[str, Any]] | None = None) -> Adjacency:
    """Return which of the workspace's areas touch, from ``boundaries.geojson`` where it has them.

    ``outlines`` are the area layer's features when the caller has read them (the analysis reads the
    file once); else the file is read here.
    """
    features = read_boundaries(workspace.path)["area"] if outlines is None else outlines
    shapes = {f["properties"]["id"]: f["geometry"] for f in features}
    return adjacency(workspace.areas.ids, workspace.areas.lat, workspace.areas.lon, shapes)


def nearest_areas(workspace: Workspace, sites: np.ndarray) -> np.ndarray:
    """Return, for each site position given, the area whose position is nearest (a site's area).

    The one rule (:func:`hubplan.analysis.view.site_areas`): straight lines in projected km.
    """
    return site_areas(workspace, sites)


def parse_pins(workspace: Workspace, pins: Sequence[str]) -> dict[int, int]:
    """Read pins ``SITE=LOT`` or ``DISTRICT=LOT`` into area position to lot number.

    Parameters
    ----------
    workspace
        The workspace (its sites and districts).
    pins
        Each ``NAME=LOT``: a site id (its area is pinned) or a district's name (all its areas).

    Returns
    -------
    dict of int to int
        Area position to lot number (1..K).

    Raises
    ------
    InputError
        Naming every pin that is not a site or district, or whose lot is not a whole number, or that
        puts one area in two lots.
    """
    problems: list[Problem] = []
    out: dict[int, int] = {}
    districts = {str(d) for d in workspace.areas.district}
    for pin in pins:
        name, _, number = pin.rpartition("=")
        if not name or not number.strip().isdigit():
            problems.append(Problem("pins", None, None, "SITE=LOT or DISTRICT=LOT, LOT a whole number", pin))
            continue
        name, lot = name.strip(), int(number)
        if name in workspace.sites.index:
            areas = nearest_areas(workspace, np.array([workspace.sites.index[name]])).tolist()
        elif name in districts:
            areas = np.flatnonzero(workspace.areas.district == name).tolist()
        else:
            problems.append(Problem("pins", None, None, "a site id or a district's name", name))
            continue
        for area in areas:
            if out.get(area, lot) != lot:
                found = f"{pin} (area {workspace.areas.ids[area]} already in lot {out[area]})"
                problems.append(Problem("pins", None, None, "each area pinned to one lot", found))
                break
            out[area] = lot
    if problems:
        raise InputError(problems, f"{len(problems)} pin(s) cannot be read")
    return out


def lot_problem(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    *,
    defaults: LotsDefaults,
    outreach: OutreachPlan | None = None,
    pins: dict[int, int] | None = None,
    outlines: Sequence[dict[str, Any]] | None = None,
) -> LotProblem:
    """Build the lots problem of a scenario: positions, contiguity, bases, measures and pins.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices (which base serves each area: the nearest by the access mode).
    scenario
        The bases.
    defaults
        The ``[lots]`` settings (tolerances).
    outreach
        The scenario's outreach plan, for the hours balanced on (needed with ``outreach_tolerance``).
    pins
        Area position to lot number.
    outlines
        The areas' outlines when already read (:func:`area_adjacency`).

    Returns
    -------
    LotProblem
        Ready for :func:`hubplan.optimise.lots.plan_lots`.
    """
    areas = workspace.areas
    bases = workspace.base_indices(scenario)
    children = np.asarray(areas.families, dtype=np.float64)
    minutes = travel.minutes[workspace.assumptions.evaluation.access_mode][:, bases]
    measures = [Measure("children", children, defaults.tolerance)]
    if defaults.need_tolerance is not None:
        measures.append(Measure("need", children * areas.most_deprived, defaults.need_tolerance))
    if defaults.outreach_tolerance is not None and outreach is not None:
        measures.append(
            Measure("outreach_hours", _venue_hours(workspace, outreach)[0], defaults.outreach_tolerance)
        )
    return LotProblem(
        xy_km=project_km(areas.lat, areas.lon),
        children=children,
        adjacency=area_adjacency(workspace, outlines=outlines),
        base_ids=tuple(scenario.bases),
        base_area=nearest_areas(workspace, bases),
        served_by=np.argmin(minutes, axis=1).astype(np.int64),
        measures=tuple(measures),
        base_provider=tuple(str(p) for p in workspace.sites.provider[bases]),
        pinned=pins or {},
    )


def _venue_hours(workspace: Workspace, outreach: OutreachPlan) -> tuple[np.ndarray, np.ndarray]:
    """Return (n_areas,) outreach staff hours a week and £ a year, each venue's put in its area."""
    n = len(workspace.areas)
    hours, cost = np.zeros(n), np.zeros(n)
    if not outreach.venues:
        return hours, cost
    where = nearest_areas(workspace, np.array([workspace.sites.index[v.venue] for v in outreach.venues]))
    for v, area in zip(outreach.venues, where.tolist(), strict=True):
        hours[area] += v.staff_hours_per_week
        cost[area] += v.cost_per_year
    return hours, cost


def scenario_lots(
    workspace: Workspace,
    travel: TravelMatrix,
    scenario: Scenario,
    count: int,
    *,
    defaults: LotsDefaults | None = None,
    pins: Sequence[str] = (),
    method: LotMethod | None = None,
    seed: int = 0,
    outreach: OutreachPlan | None = None,
    outlines: Sequence[dict[str, Any]] | None = None,
) -> ScenarioLots:
    """Split the workspace's areas into ``count`` lots around a scenario's bases, with a table per lot.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    scenario
        The bases.
    count
        K, the number of lots.
    defaults
        The ``[lots]`` settings (default the workspace's).
    pins
        ``SITE=LOT`` or ``DISTRICT=LOT`` rules (:func:`parse_pins`).
    method
        ``auto``, ``exact`` or ``heuristic`` (default ``[lots] method``).
    seed
        Seeds the search.
    outreach
        The scenario's outreach plan (planned here when not given).
    outlines
        The areas' outlines when already read (:func:`area_adjacency`).

    Returns
    -------
    ScenarioLots
        The lots, their figures and their checks.
    """
    defaults = defaults or workspace.assumptions.lots
    pinned = parse_pins(workspace, pins)
    outreach = outreach or plan_outreach(workspace, travel, scenario)
    problem = lot_problem(
        workspace, travel, scenario, defaults=defaults, outreach=outreach, pins=pinned, outlines=outlines
    )
    settings = LotSettings(
        lots=count,
        split_km=defaults.split_km,
        max_lots_per_provider=defaults.max_lots_per_provider,
        method=method or defaults.method,
        time_limit=defaults.time_limit_seconds,
        seed=seed,
    )
    lots = plan_lots(problem, settings)
    hours, venue_cost = _venue_hours(workspace, outreach)
    lot = lots.lot
    children = lot_sums(problem.children, lot, count)
    need = lot_sums(problem.children * workspace.areas.most_deprived, lot, count)
    hour_sums, venue_sums = lot_sums(hours, lot, count), lot_sums(venue_cost, lot, count)
    site_cost = {s: float(workspace.sites.cost_per_year[workspace.sites.index[s]]) for s in scenario.bases}
    site_provider = {s: str(workspace.sites.provider[workspace.sites.index[s]]) for s in scenario.bases}
    grouped = bases_by_lot(problem, lot, count)
    rows = tuple(
        LotRow(
            lot=g + 1,
            areas=tuple(workspace.areas.ids[i] for i in np.flatnonzero(lot == g)),
            children=float(children[g]),
            need=float(need[g]),
            bases=tuple(grouped[g]),
            centre=problem.base_ids[int(lots.centre[g])],
            providers=tuple(sorted({site_provider[s] for s in grouped[g]} - {""})),
            outreach_hours_per_week=float(hour_sums[g]),
            bases_cost_per_year=sum(site_cost[s] for s in grouped[g]),
            outreach_cost_per_year=float(venue_sums[g]),
        )
        for g in range(count)
    )
    adj = problem.adjacency
    rule = "rook (areas sharing a border)"
    notes = []
    if adj.without_outline:
        notes.append(
            f"{adj.without_outline} areas had no outline: their neighbours come from a triangulation"
        )
    if adj.bridges:
        names = ", ".join(f"{workspace.areas.ids[a]}-{workspace.areas.ids[b]}" for a, b in adj.bridges[:5])
        notes.append(f"{len(adj.bridges)} island(s) joined to their nearest area: {names}")
    if lots.unbalanced:
        notes.append("outside the tolerance: " + "; ".join(lots.unbalanced))
    notes.extend(_source_notes(workspace, rows))
    return ScenarioLots(
        scenario=scenario.name,
        count=count,
        lots=lots,
        area_ids=workspace.areas.ids,
        rows=rows,
        tolerance={m.name: m.tolerance for m in problem.measures},
        rule=rule,
        served_together=served_together(problem, lot),
        compactness_km=compactness_km(problem, lot, lots.centre),
        contiguous=contiguous(problem, lot, count),
        people=workspace.areas.people,
        notes=tuple(notes),
    )


@dataclass(frozen=True, eq=False)
class ReportLots:
    """The lots the report shows, and the counts it could not cut with the reason.

    Parameters
    ----------
    splits
        One per count that could be cut, in ``[lots] counts`` order.
    skipped
        A sentence per count that could not (more lots than the scenario's bases can centre, say).
    """

    splits: tuple[ScenarioLots, ...]
    skipped: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return ``splits`` (each :meth:`ScenarioLots.to_dict`) and ``skipped``."""
        return {"splits": [s.to_dict() for s in self.splits], "skipped": list(self.skipped)}


def report_lots(
    workspace: Workspace,
    travel: TravelMatrix,
    evaluations: Sequence[Evaluation],
    evidence: Evidence,
    outreach: Mapping[str, OutreachPlan] | None = None,
    *,
    outlines: Sequence[dict[str, Any]] | None = None,
) -> ReportLots | None:
    """Cut the lots the report shows: ``[lots] counts`` for the decided (or proposed) scenario.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    evaluations
        The reported scenarios.
    evidence
        The checklist's evidence (which scenario: as for the rounds).
    outreach
        Outreach plans already made, by scenario name.
    outlines
        The areas' outlines when already read (:func:`area_adjacency`).

    Returns
    -------
    ReportLots or None
        One split per count that can be cut, and why the others cannot; ``None`` when ``counts`` is
        empty. The scenario is the one the record says was adopted, else the proposal, else the first
        reported one.
    """
    counts = workspace.assumptions.lots.counts
    chosen = decided_scenario(evaluations, evidence) or (evaluations[0] if evaluations else None)
    if not counts or chosen is None:
        return None
    plan = (outreach or {}).get(chosen.scenario.name)
    splits, skipped = [], []
    for k in counts:
        try:
            splits.append(
                scenario_lots(workspace, travel, chosen.scenario, k, outreach=plan, outlines=outlines)
            )
        except InfeasibleError as exc:
            skipped.append(f"{chosen.scenario.title} in {k} lot{'s' if k != 1 else ''}: {exc}")
    return ReportLots(splits=tuple(splits), skipped=tuple(skipped))


def _source_notes(workspace: Workspace, rows: Sequence[LotRow]) -> list[str]:
    """Say where the lots' providers, outreach hours and money come from, and what the workspace lacks."""
    notes = []
    if workspace.baseline is None:
        notes.append(
            "providers now: no current network was given (hubplan init --current), so no lot names one"
        )
    outreach = workspace.assumptions.outreach
    per_session = f"{outreach.families_per_session:g} families a session"
    if "families_per_session" in outreach.model_fields_set:
        notes.append(f"outreach hours: this scenario's outreach plan at {per_session} (set in hubplan.toml)")
    else:
        notes.append(
            f"outreach hours: this scenario's outreach plan at {per_session}, hubplan's default, an "
            "assumption (set [outreach] families_per_session in hubplan.toml)"
        )
    if any(not np.isfinite(r.bases_cost_per_year) for r in rows):
        notes.append("£ a year: not shown, as the sites give no cost_per_year for every base")
    return notes
