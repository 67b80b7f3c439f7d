"""Choose bases for a workspace: turn its sites, areas, travel and the user's rules into a solved scenario."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from hubplan import __version__
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError, InfeasibleError
from hubplan.optimise.instance import Instance, build_instance
from hubplan.optimise.rules import REGISTRY, Rules
from hubplan.optimise.solution import Method, Solution
from hubplan.optimise.solve import as_coverage, coverage_instance, solve_instance
from hubplan.travel.estimate import MODES
from hubplan.travel.matrix import TravelMatrix

ObjectiveKind = Literal["pmedian", "coverage"]

_OBJECTIVE = re.compile(r"^(?P<kind>pmedian|coverage)(?::(?P<a>[^:]+))?(?::(?P<b>[^:]+))?$")


@dataclass(frozen=True)
class Objective:
    """What a plan optimises.

    Parameters
    ----------
    kind
        ``"pmedian"``: least family-weighted minutes to the nearest base. ``"coverage"``: most
        families within ``minutes`` of a base.
    mode
        The mode whose minutes count.
    minutes
        The coverage threshold (coverage only).
    """

    kind: ObjectiveKind
    mode: str = "bus"
    minutes: float | None = None

    @classmethod
    def parse(cls, text: str) -> Objective:
        """Read ``pmedian``, ``pmedian:car`` or ``coverage:20:bus``.

        Parameters
        ----------
        text
            The objective as written on the command line.

        Returns
        -------
        Objective
            The objective.

        Raises
        ------
        HubplanError
            When the text is not one of those forms.
        """
        match = _OBJECTIVE.match(text.strip().lower())
        hint = "expected pmedian, pmedian:MODE or coverage:MINUTES:MODE (e.g. coverage:20:bus)"
        if not match:
            raise HubplanError(f"objective: {hint}; got {text!r}")
        if match["kind"] == "pmedian":
            mode = match["a"] or "bus"
            if match["b"] is not None or mode not in MODES:
                raise HubplanError(f"objective: {hint}; got {text!r}")
            return cls("pmedian", mode)
        try:
            minutes = float(match["a"] or "")
        except ValueError:
            raise HubplanError(f"objective: {hint}; got {text!r}") from None
        mode = match["b"] or "bus"
        if mode not in MODES or minutes <= 0:
            raise HubplanError(f"objective: {hint}; got {text!r}")
        return cls("coverage", mode, minutes)

    def __str__(self) -> str:
        return f"pmedian:{self.mode}" if self.kind == "pmedian" else f"coverage:{self.minutes:g}:{self.mode}"

    def describe(self) -> str:
        """Say in words what is optimised."""
        if self.kind == "pmedian":
            return f"the least family-weighted minutes by {self.mode} to the nearest base"
        return f"the most families within {self.minutes:g} minutes by {self.mode} of a base"


@dataclass(frozen=True)
class PlanSettings:
    """Everything that decides a plan; recorded in the scenario it writes.

    Parameters
    ----------
    objective
        What to optimise.
    bases
        Exactly this many bases (or ``None`` with a budget).
    budget
        The bases' summed cost may not exceed this (£ a year).
    district_min
        At least this many bases in every district.
    required, excluded
        Site ids that must, or must not, be bases (besides the sites' own flags).
    deprived_max_minutes
        Every area in deprivation deciles 1-2 must have a base within this many minutes (by the
        objective's mode).
    capacity
        Keep each base within its ``capacity`` column (families; empty means no limit). Exact only.
    candidates
        The kinds of site that may be bases (empty: every kind).
    method
        ``"exact"`` or ``"heuristic"`` (a :class:`~hubplan.optimise.solution.Method`).
    time_limit
        Seconds.
    seed
        Seeds the heuristic.
    alternatives
        How many other distinct plans to find.
    within
        Their tolerance (0.05 = within 5% of the best objective).
    rules
        Further rules as ``NAME=VALUE`` texts, each registered with a ``build`` (see
        :func:`hubplan.optimise.rules.register_rule`).
    """

    objective: Objective
    bases: int | None = None
    budget: float | None = None
    district_min: int = 0
    required: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    deprived_max_minutes: float | None = None
    capacity: bool = False
    candidates: tuple[str, ...] = ()
    method: Method = Method.EXACT
    time_limit: float | None = None
    seed: int = 0
    alternatives: int = 0
    within: float = 0.05
    rules: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", Method.parse(self.method))

    def record(self) -> dict[str, Any]:
        """Return the settings as plain data for a scenario file."""
        out: dict[str, Any] = {"objective": str(self.objective)}
        for key in ("bases", "budget", "deprived_max_minutes", "time_limit"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.district_min:
            out["district_min"] = self.district_min
        if self.capacity:
            out["capacity"] = True
        for key in ("required", "excluded", "candidates", "rules"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        out |= {"method": str(self.method), "seed": self.seed}
        return out


@dataclass(frozen=True, eq=False)
class Plan:
    """A solved plan: its scenario, the solver's proof, and any alternatives as scenarios."""

    scenario: Scenario
    solution: Solution
    settings: PlanSettings
    alternatives: tuple[Scenario, ...] = field(default=())


@dataclass(frozen=True, eq=False)
class PlanContext:
    """What a registered rule needs to build itself on a workspace (see ``register_rule``).

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    mode
        The objective's mode (whose minutes count).
    excluded
        Sites no plan may use, from the other settings (a mask).
    """

    workspace: Workspace
    travel: TravelMatrix
    mode: str
    excluded: np.ndarray

    def positions(self, ids: tuple[str, ...], rule: str) -> np.ndarray:
        """Return the site positions of ``ids``; raise naming ``rule`` for an unknown id."""
        return _site_positions(self.workspace, ids, rule)


def _site_positions(workspace: Workspace, ids: tuple[str, ...], flag: str) -> np.ndarray:
    index = workspace.sites.index
    unknown = [i for i in ids if i not in index]
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(index), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise HubplanError(f"rules: {flag}: no site has the id '{unknown[0]}'{hint}")
    return np.array([index[i] for i in ids], dtype=np.int64)


def build_rules(workspace: Workspace, travel: TravelMatrix, settings: PlanSettings) -> Rules:
    """Turn the settings and the sites' own flags into solver rules.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices (for the deprived-area maximum).
    settings
        The settings.

    Returns
    -------
    Rules
        In site positions.

    Raises
    ------
    HubplanError
        For an unknown site id or candidate kind.
    InfeasibleError
        When a deprived area has no allowed site within the maximum.
    """
    sites = workspace.sites
    required = sites.required.astype(bool).copy()
    required[_site_positions(workspace, settings.required, "required")] = True
    excluded = sites.excluded.astype(bool).copy()
    excluded[_site_positions(workspace, settings.excluded, "excluded")] = True
    if settings.candidates:
        kinds = sorted(set(map(str, sites.kind)))
        unknown = sorted(set(settings.candidates) - set(kinds))
        if unknown:
            raise HubplanError(f"candidates: no site is of kind '{unknown[0]}' (kinds: {', '.join(kinds)})")
        # A required site stays a candidate whatever its kind; an explicit exclusion is kept, so a
        # site both required and excluded is reported as a conflict.
        excluded |= ~np.isin(sites.kind.astype(str), settings.candidates) & ~required
    site_cost = np.asarray(sites.cost_per_year, dtype=np.float64)
    if settings.budget is not None:
        allowed = ~excluded | required
        missing = [
            i for i, c, ok in zip(sites.ids, site_cost, allowed, strict=True) if ok and not np.isfinite(c)
        ]
        if missing:
            shown_ids = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            raise HubplanError(
                f"budget: {len(missing)} sites have no cost a year ({shown_ids}); give their cost_per_year "
                "in sites.csv, assume one ([costs] site_cost_per_year in hubplan.toml), narrow the "
                "candidates, or plan by number of bases"
            )
    site_cost = np.nan_to_num(site_cost, nan=0.0)  # only sites that cannot be bases are left without one
    districts = tuple(dict.fromkeys(map(str, sites.district)))
    code = {d: i for i, d in enumerate(districts)}
    cover_sets: list[np.ndarray] = []
    labels: list[str] = []
    if settings.deprived_max_minutes is not None:
        minutes = travel.minutes[settings.objective.mode]
        limit = f"{settings.deprived_max_minutes:g}"
        for i in np.flatnonzero(workspace.areas.most_deprived & (workspace.areas.families > 0)):
            near = np.flatnonzero((minutes[i] <= settings.deprived_max_minutes) & ~excluded)
            if len(near) == 0:
                area = workspace.areas.ids[i]
                raise InfeasibleError(
                    f"deprived-max={limit}: area {area} ({workspace.areas.name[i] or area}) has no candidate "
                    f"site within {limit} minutes by {settings.objective.mode}"
                )
            cover_sets.append(near)
            labels.append(f"deprived-max for area {workspace.areas.ids[i]}")
    context = PlanContext(workspace, travel, settings.objective.mode, excluded)
    extra = []
    for text in settings.rules:
        key, _, value = text.partition("=")
        setting = REGISTRY.get(key)
        if setting is None or setting.build is None:
            raise HubplanError(f"rules: unknown rule '{key}'")
        try:
            extra.append(setting.build(value, context))
        except ValueError as exc:
            raise HubplanError(f"rules: {text}: {exc}") from None
    return Rules(
        *extra,
        p=settings.bases,
        budget=settings.budget,
        site_cost=site_cost,
        required=np.flatnonzero(required),
        excluded=np.flatnonzero(excluded),
        district=np.array([code[str(d)] for d in sites.district], dtype=np.int64),
        district_min=np.full(len(districts), settings.district_min, dtype=np.int64)
        if settings.district_min
        else None,
        district_names=districts,
        cover_sets=tuple(cover_sets),
        cover_labels=tuple(labels),
        capacity=np.nan_to_num(np.asarray(sites.capacity, dtype=np.float64), nan=np.inf)
        if settings.capacity
        else None,
        demand=np.asarray(workspace.areas.families, dtype=np.float64) if settings.capacity else None,
    )


def family_weights(workspace: Workspace) -> np.ndarray:
    """Return each area's families times the need weight of its deprivation decile (``[optimise]``).

    Parameters
    ----------
    workspace
        The workspace.

    Returns
    -------
    numpy.ndarray
        Weights; an area with no decile keeps weight 1 per family.
    """
    need = np.asarray((1.0, *workspace.assumptions.optimise.need_weights))
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    weights: np.ndarray = families * need[workspace.areas.deprivation_decile]
    return weights


def build_objective(workspace: Workspace, travel: TravelMatrix, objective: Objective) -> Instance:
    """Return the instance for an objective: weighted minutes, or 0/1 coverage within the threshold.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    objective
        The objective.

    Returns
    -------
    Instance
        The solver's instance.
    """
    minutes = np.asarray(travel.minutes[objective.mode], dtype=np.float64)
    weights = family_weights(workspace)
    if objective.kind == "coverage":
        return coverage_instance(minutes, weights, float(objective.minutes))  # type: ignore[arg-type]
    return build_instance(minutes, weights)


def plan(
    workspace: Workspace, travel: TravelMatrix, settings: PlanSettings, *, name: str | None = None
) -> Plan:
    """Choose bases under the settings' rules and return them as a scenario that records how.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    settings
        Objective, count or budget, rules, method.
    name
        The scenario's name (default ``best-<bases>`` or ``best-<budget>``).

    Returns
    -------
    Plan
        The scenario, the solver's solution (objective, bound, gap), and alternatives.

    Raises
    ------
    InfeasibleError
        Naming the rules that conflict.
    """
    rules = build_rules(workspace, travel, settings)
    inst = build_objective(workspace, travel, settings.objective)
    solution = solve_instance(
        inst, rules, method=settings.method, time_limit=settings.time_limit, seed=settings.seed,
        alternatives=settings.alternatives, within=settings.within,
    )  # fmt: skip
    if settings.objective.kind == "coverage":
        solution = as_coverage(solution, float(family_weights(workspace).sum()))
    label = name or default_name(settings)
    scenario = _scenario(workspace, settings, solution, label)
    alternatives = tuple(
        _scenario(workspace, settings, alt, f"{label}-alt{k}")
        for k, alt in enumerate(solution.alternatives, start=1)
    )
    return Plan(scenario, solution, settings, alternatives)


def default_name(settings: PlanSettings) -> str:
    """Return ``best-15`` for 15 bases, or ``best-5.2m`` for a £5.2m budget."""
    if settings.bases is not None:
        return f"best-{settings.bases}"
    return f"best-{settings.budget / 1e6:g}m"  # type: ignore[operator]


def _scenario(workspace: Workspace, settings: PlanSettings, solution: Solution, name: str) -> Scenario:
    ids = tuple(workspace.sites.ids[j] for j in solution.open)
    if settings.budget is None:
        title = f"Best {len(ids)} bases (optimised)"
    else:
        title = f"Best plan within £{settings.budget / 1e6:g}m a year (optimised, {len(ids)} bases)"
    record = settings.record() | {
        "result": {
            "objective": round(solution.objective, 4),
            "bound": round(solution.bound, 4),
            "gap": round(solution.gap, 6),
            "status": str(solution.status),
            "bound_method": str(solution.bound_method),
        },
        "hubplan_version": __version__,
    }
    return Scenario(
        name=name,
        title=title,
        bases=ids,
        description=f"Chosen by hubplan to give {settings.objective.describe()}.",
        modelled="The choice rests on the workspace's data; where that is modelled, so is this plan.",
        budget_per_year=settings.budget,
        extra={"settings": record},
    )
