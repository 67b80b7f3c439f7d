"""Evaluate a scenario: reach by mode and group, families who lose access, and cost against the baseline."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace, demand_words
from hubplan.evaluate.breakdowns import Breakdown, area_breakdowns
from hubplan.evaluate.distance import DistanceReach, distance_reach
from hubplan.evaluate.metrics import GroupReach, group_reach, nearest_base
from hubplan.evaluate.within_area import NOT_MODELLED, within_area
from hubplan.modes import Mode
from hubplan.travel.matrix import TravelMatrix, build_travel

OVER_BUDGET = "over budget: "
"""How the note that a scenario's bases cost more than its own budget begins."""
UNREACHABLE = " are not given and count as unreachable"
"""How the note that imported minutes leave area-site pairs out ends."""


@dataclass(frozen=True, eq=False)
class ModeEvaluation:
    """How far families are from their nearest base by one mode.

    Parameters
    ----------
    mode
        ``"walk"``, ``"car"`` or ``"bus"``.
    source
        Where the minutes came from (``"estimated"``, ``"routed"``, ``"imported"``).
    nearest_minutes
        (n_areas,) minutes to the nearest base.
    nearest_site
        (n_areas,) position of that base among the sites.
    total
        Reach for all families (one group, ``"all"``).
    groups
        Reach by breakdown name (``"district"``, ``"deprivation_quintile"``, ...).
    """

    mode: str
    source: str
    nearest_minutes: np.ndarray
    nearest_site: np.ndarray
    total: GroupReach
    groups: dict[str, GroupReach]


@dataclass(frozen=True, eq=False)
class Evaluation:
    """A scenario's evaluation.

    Parameters
    ----------
    scenario
        The scenario evaluated.
    bases
        Its bases' site ids.
    cost_per_year
        The bases' summed annual cost (£ a year).
    thresholds
        The thresholds (minutes) that ``within`` and ``lose`` count.
    families
        All families with children under five in the areas.
    modes
        One evaluation per mode.
    baseline
        The baseline scenario's name ('' when there is none).
    baseline_cost_per_year
        The baseline's cost (£ a year), NaN when there is none.
    notes
        What a reader must know (sources of minutes, modelled data).
    unit
        ``"families"`` or ``"children"``: what ``families`` counts (the workspace's areas say).
    access_minutes, access_mode
        What "has access" means (``[evaluation]`` settings): a base within ``access_minutes`` by
        ``access_mode``; ``access_minutes`` is one of ``thresholds``.
    access_measure
        ``"minutes"`` (access is ``access_minutes`` by ``access_mode``) or ``"km"`` (access is
        ``distance.access_km`` in a straight line), from ``[evaluation] access_measure``.
    distance
        Who lives within ``[evaluation] access_km`` straight-line km of a base (always measured,
        beside the minutes).
    """

    scenario: Scenario
    bases: tuple[str, ...]
    cost_per_year: float
    thresholds: tuple[float, ...]
    families: float
    modes: dict[str, ModeEvaluation]
    baseline: str = ""
    baseline_cost_per_year: float = math.nan
    notes: tuple[str, ...] = field(default=())
    unit: str = "families"
    access_minutes: float = 30.0
    access_mode: str = Mode.BUS
    access_measure: str = "minutes"
    distance: DistanceReach | None = None

    @property
    def people(self) -> str:
        """What the demand counts, in one word: ``"families"`` or ``"children"``."""
        return demand_words(self.unit)[0]

    @property
    def noun(self) -> str:
        """What the demand counts, in words: "families with children under five" or "children under five"."""
        return demand_words(self.unit)[1]

    def _distance_dict(self) -> dict[str, Any] | None:
        d = self.distance
        if d is None:
            return None
        return {
            "access_km": d.access_km,
            **_distance_figures(d.total, 0),
            "by": {
                b: {label: _distance_figures(r, g) for g, label in enumerate(r.labels)}
                for b, r in d.groups.items()
            },
        }

    @property
    def cautions(self) -> tuple[str, ...]:
        """The notes a reader must be warned of.

        Bases over the scenario's own budget, imported minutes that leave pairs out, and journeys
        that are mostly travel inside an area (:mod:`hubplan.evaluate.within_area`): each changes what
        every figure of this evaluation means.
        """
        return tuple(
            n for n in self.notes if n.startswith((OVER_BUDGET, NOT_MODELLED)) or n.endswith(UNREACHABLE)
        )

    @property
    def saving_per_year(self) -> float:
        """The baseline's cost less this scenario's (£ a year; NaN with no baseline)."""
        return self.baseline_cost_per_year - self.cost_per_year

    def to_dict(self) -> dict[str, Any]:
        """Return the evaluation as plain JSON-ready data (``inf`` and NaN become ``None``).

        Returns
        -------
        dict
            ``scenario``, ``title``, ``bases``, ``cost_per_year``, ``baseline``, ``saving_per_year``,
            ``families``, ``thresholds_minutes``, ``notes``, ``cautions`` (the notes to warn of) and
            ``modes`` -> mode -> ``source``, ``within`` (threshold -> families), ``lose_access``,
            ``mean_minutes``, ``p90_minutes``, ``by`` (breakdown -> group -> the same figures).
        """
        keys = [_threshold_key(t) for t in self.thresholds]

        def reach(r: GroupReach, g: int) -> dict[str, Any]:
            out: dict[str, Any] = {
                "families": _num(r.families[g]),
                "within": {k: _num(r.within[g, i]) for i, k in enumerate(keys)},
                "mean_minutes": _num(r.mean_minutes[g]),
                "p90_minutes": _num(r.p90_minutes[g]),
            }
            if r.lose is not None:
                out["lose_access"] = {k: _num(r.lose[g, i]) for i, k in enumerate(keys)}
            return out

        modes = {}
        for name, m in self.modes.items():
            entry = {"source": m.source, **reach(m.total, 0)}
            entry["by"] = {
                b: {label: reach(r, g) for g, label in enumerate(r.labels)} for b, r in m.groups.items()
            }
            modes[name] = entry
        return {
            "scenario": self.scenario.name,
            "title": self.scenario.title,
            "bases": list(self.bases),
            "cost_per_year": _num(self.cost_per_year),
            "baseline": self.baseline or None,
            "baseline_cost_per_year": _num(self.baseline_cost_per_year),
            "saving_per_year": _num(self.saving_per_year),
            "families": _num(self.families),
            "unit": self.unit,
            "access_minutes": self.access_minutes,
            "access_mode": self.access_mode,
            "access_measure": self.access_measure,
            "distance": self._distance_dict(),
            "thresholds_minutes": [_num(t) for t in self.thresholds],
            "notes": list(self.notes),
            "cautions": list(self.cautions),
            "modes": modes,
        }


def _distance_figures(r: GroupReach, g: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "families": _num(r.families[g]),
        "within": _num(r.within[g, 0]),
        "mean_km": _num(r.mean_minutes[g]),
        "p90_km": _num(r.p90_minutes[g]),
    }
    if r.lose is not None:
        out["lose_access"] = _num(r.lose[g, 0])
    return out


def _threshold_key(t: float) -> str:
    return f"{t:g}"


def _num(x: float | np.floating[Any], digits: int = 2) -> float | None:
    value = float(x)
    return round(value, digits) if math.isfinite(value) else None


def evaluate(
    workspace: Workspace,
    scenario: Scenario | str,
    *,
    travel: TravelMatrix | None = None,
    baseline: Scenario | str | None = None,
    breakdowns: list[Breakdown] | None = None,
) -> Evaluation:
    """Evaluate one scenario against the workspace's baseline.

    Parameters
    ----------
    workspace
        The workspace.
    scenario
        A scenario, or the name of one in the workspace.
    travel
        The travel matrices; built (or read from the cache) when ``None``.
    baseline
        What to compare with; the workspace's ``[evaluation].baseline`` when ``None``.
    breakdowns
        Groups to report; every breakdown the areas allow when ``None`` (pass them in to reuse
        across many evaluations).

    Returns
    -------
    Evaluation
        Cost, saving, and reach by mode and group.

    Raises
    ------
    InputError
        When a scenario name is unknown.
    ValueError
        When the scenario has no bases.

    Examples
    --------
    >>> from hubplan.data import bundled_workspace_path, load_workspace
    >>> ws = load_workspace(bundled_workspace_path())
    >>> ev = evaluate(ws, "baseline-53")
    >>> len(ev.bases), ev.cost_per_year
    (53, 10200000.0)
    """
    chosen = workspace.scenario(scenario) if isinstance(scenario, str) else scenario
    base_scenario = workspace.baseline if baseline is None else baseline
    if isinstance(base_scenario, str):
        base_scenario = workspace.scenario(base_scenario)
    matrix = travel or build_travel(workspace)
    groups = (
        breakdowns
        if breakdowns is not None
        else area_breakdowns(workspace.areas, workspace.assumptions.region.districts)
    )
    thresholds = np.asarray(workspace.assumptions.evaluation.thresholds_minutes, dtype=np.float64)
    families = np.asarray(workspace.areas.families, dtype=np.float64)[None, :]
    cost = workspace.sites.cost_per_year

    bases = workspace.base_indices(chosen)
    base_idx = workspace.base_indices(base_scenario) if base_scenario is not None else None
    modes: dict[str, ModeEvaluation] = {}
    for mode in matrix.modes:
        minutes = matrix.minutes[mode]
        nearest, which = nearest_base(minutes, bases)
        before = None
        if base_idx is not None:
            before = nearest if base_scenario is chosen else nearest_base(minutes, base_idx)[0]
        total = group_reach(nearest, families, ("all",), thresholds, baseline_minutes=before)
        by = {
            b.name: group_reach(nearest, b.weights, b.labels, thresholds, baseline_minutes=before)
            for b in groups
        }
        modes[mode] = ModeEvaluation(mode, matrix.sources[mode], nearest, which, total, by)

    notes = data_notes(workspace, matrix)
    if chosen.modelled:
        notes.append(f"modelled: {chosen.modelled}")
    if over := workspace.over_budget(chosen):
        notes.append(f"{OVER_BUDGET}{over}")
    inside = within_area({m: e.nearest_minutes for m, e in modes.items()}, families[0])
    if said := inside.sentence(demand_words(workspace.areas.unit)[0]):
        notes.append(said)
    return Evaluation(
        scenario=chosen,
        bases=chosen.bases,
        cost_per_year=float(cost[bases].sum()),
        thresholds=tuple(float(t) for t in thresholds),
        families=float(families.sum()),
        modes=modes,
        baseline=base_scenario.name if base_scenario is not None else "",
        baseline_cost_per_year=float(cost[base_idx].sum()) if base_idx is not None else math.nan,
        notes=tuple(notes),
        unit=workspace.areas.unit,
        access_minutes=float(workspace.assumptions.evaluation.access),
        access_mode=workspace.assumptions.evaluation.access_mode,
        access_measure=workspace.assumptions.evaluation.access_measure,
        distance=distance_reach(workspace, bases, breakdowns=groups, baseline_bases=base_idx),
    )


def data_notes(workspace: Workspace, travel: TravelMatrix, *, bases_cost_only: bool = True) -> list[str]:
    """Return the notes every plan's figures from this workspace carry, whatever its bases.

    How each mode's minutes were made (estimated, routed or imported), that a cost counts the bases'
    own costs only, and what of the workspace's data is modelled (``[region] modelled``: in Norfolk,
    every centre's cost and libraries' costs as bases; with ``init --assume-costs``, households
    without a car and the costs). ``evaluate`` prints them after its tables, and ``frontier``,
    ``optimise``, ``compare``, ``outreach`` and ``amend``, whose figures rest on the same minutes and
    data, print the same notes.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    bases_cost_only
        Say that a cost counts the bases' own costs only (``False`` for outreach plans, whose cost
        counts the outreach too).

    Returns
    -------
    list of str
        One note each, in the order ``evaluate`` prints them.
    """
    notes = [_source_note(mode, src, travel.minutes[mode]) for mode, src in travel.sources.items()]
    if bases_cost_only:
        notes.append("cost counts the bases' own annual costs only; outreach and staff are not costed here")
    if workspace.assumptions.region.modelled:
        notes.append(f"modelled data: {workspace.assumptions.region.modelled}")
    return notes


def _source_note(mode: str, source: str, minutes: np.ndarray) -> str:
    """Say where a mode's minutes come from, and for imported ones how many pairs the table left out.

    An imported table that gives one car pair of 686,000 leaves every other pair unreachable: said
    with every evaluation, not only when it was imported.
    """
    if source != "imported":
        return f"{mode} minutes are {source}"
    missing = int(np.size(minutes) - np.isfinite(minutes).sum())
    if not missing:
        return f"{mode} minutes are imported (every area-site pair given)"
    return (
        f"{mode} minutes are imported: {missing:,} of {np.size(minutes):,} area-site pairs "
        f"({missing / np.size(minutes):.1%}){UNREACHABLE}"
    )
