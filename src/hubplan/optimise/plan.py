"""Choose bases for a workspace: turn its sites, areas, travel and the user's rules into a solved scenario."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

import numpy as np

from hubplan import __version__
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import InputError, ParameterError
from hubplan.modes import MODES, Mode
from hubplan.optimise.instance import Instance, build_instance
from hubplan.optimise.rules import REGISTRY, SPECS, RuleContext, Rules, site_positions
from hubplan.optimise.solution import Method, Solution
from hubplan.optimise.solve import as_coverage, coverage_instance, prefer_earlier_twins, solve_instance
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
        The mode whose minutes count (a :class:`~hubplan.modes.Mode`; its text is accepted).
    minutes
        The coverage threshold (coverage only).
    """

    kind: ObjectiveKind
    mode: Mode | str = Mode.BUS
    minutes: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", Mode(self.mode))

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
        ParameterError
            When the text is not one of those forms (``parameter="objective"``).
        """
        match = _OBJECTIVE.match(text.strip().lower())
        modes = "|".join(Mode)
        forms = f"pmedian, pmedian:MODE or coverage:MINUTES:MODE (e.g. coverage:20:bus; MODE is {modes})"
        bad = ParameterError("objective", expected=forms, found=text)
        if not match:
            raise bad
        if match["kind"] == "pmedian":
            mode = match["a"] or Mode.BUS
            if match["b"] is not None or mode not in MODES:
                raise bad
            return cls("pmedian", Mode(mode))
        try:
            minutes = float(match["a"] or "")
        except ValueError:
            raise bad from None
        mode = match["b"] or Mode.BUS
        if mode not in MODES or not minutes > 0:
            raise bad
        return cls("coverage", Mode(mode), minutes)

    def __str__(self) -> str:
        return f"pmedian:{self.mode}" if self.kind == "pmedian" else f"coverage:{self.minutes:g}:{self.mode}"

    def describe(self, people: str = "families") -> str:
        """Say in words what is optimised.

        Parameters
        ----------
        people
            What the workspace's demand counts, in one word ("families" or "children").

        Returns
        -------
        str
            E.g. "the most children within 20 minutes by bus of a base".
        """
        if self.kind == "pmedian":
            one = {"families": "family", "children": "child"}.get(people, people)
            return f"the least {one}-weighted minutes by {self.mode} to the nearest base"
        return f"the most {people} within {self.minutes:g} minutes by {self.mode} of a base"


@dataclass(frozen=True)
class PlanSettings:
    """Everything that decides a plan; recorded in the scenario it writes.

    Each rule's field is read, built and recorded by its :class:`~hubplan.optimise.rules.RuleSpec`
    (``bases``, ``budget``, ``district_min``, ``required``, ``excluded``, ``deprived_max_minutes``,
    ``capacity``).

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
        Further rules as ``NAME=VALUE`` texts, each a rule whose
        :class:`~hubplan.optimise.rules.RuleSpec` keeps no field here (see
        :func:`hubplan.optimise.rules.register`).
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
        if self.time_limit is not None and not self.time_limit > 0:  # 0 gave "within inf%"
            found = f"{self.time_limit:g}"
            raise ParameterError("time_limit", expected="more than 0 seconds", found=found)

    def record(self) -> dict[str, Any]:
        """Return the settings as plain data for a scenario file (each rule recorded by its spec)."""
        specs = {spec.setting: spec for spec in SPECS.values() if spec.setting}
        out: dict[str, Any] = {"objective": str(self.objective)}
        for key in ("bases", "budget", "deprived_max_minutes", "time_limit", "district_min", "capacity",
                    "required", "excluded", "candidates", "rules"):  # fmt: skip
            value = getattr(self, key)
            unset = value is None or (isinstance(value, (tuple, list)) and not value)
            if key in specs:
                if not unset and value != specs[key].default:
                    out[key] = specs[key].record(value)
            elif not unset:
                out[key] = list(value) if isinstance(value, (tuple, list)) else value
        out |= {"method": str(self.method), "seed": self.seed}
        return out


@dataclass(frozen=True, eq=False)
class Plan:
    """A solved plan: its scenario, the solver's proof, and any alternatives as scenarios."""

    scenario: Scenario
    solution: Solution
    settings: PlanSettings
    alternatives: tuple[Scenario, ...] = field(default=())


def build_rules(workspace: Workspace, travel: TravelMatrix, settings: PlanSettings) -> Rules:
    """Turn the settings and the sites' own flags into solver rules, each through its :class:`RuleSpec`.

    The sites that must, or cannot, be bases are resolved first (the sites' own flags, the
    ``required`` and ``excluded`` settings, the candidate kinds), as other rules read them; then
    every registered rule builds itself from its setting, and each rule kept as text from its text.

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
    ParameterError
        For an unknown site id, candidate kind or rule.
    InfeasibleError
        When a deprived area has no allowed site within the maximum.
    """
    sites = workspace.sites
    required = sites.required.astype(bool).copy()
    required[site_positions(workspace, settings.required, "required")] = True
    excluded = sites.excluded.astype(bool).copy()
    excluded[site_positions(workspace, settings.excluded, "excluded")] = True
    if settings.candidates:
        kinds = sorted(set(map(str, sites.kind)))
        unknown = sorted(set(settings.candidates) - set(kinds))
        if unknown:
            raise ParameterError(
                "candidates", lead=f"no site is of kind '{unknown[0]}'",
                expected=f"kinds among {', '.join(kinds)}", found=",".join(settings.candidates),
            )  # fmt: skip
        # A required site stays a candidate whatever its kind; an explicit exclusion is kept, so a
        # site both required and excluded is reported as a conflict.
        excluded |= ~np.isin(sites.kind.astype(str), settings.candidates) & ~required
    context = RuleContext(workspace, travel, settings.objective.mode, required, excluded)
    built = [spec.build(getattr(settings, spec.setting), context) for spec in SPECS.values() if spec.setting]
    for text in settings.rules:
        key, _, value = text.partition("=")
        spec = REGISTRY.get(key)
        if spec is None or spec.setting is not None:
            known = (
                ", ".join(sorted(n for n, s in REGISTRY.items() if s.setting is None)) or "none registered"
            )
            raise ParameterError(
                "rules", lead=f"unknown rule '{key}'", expected=f"one of {known}", found=text
            )
        parsed = spec.read(value)
        try:
            built.append(spec.build(parsed, context))
        except InputError:
            raise
        except ValueError as exc:  # a rule added later may refuse its value on this workspace plainly
            raise ParameterError(
                "rules",
                lead=text,
                expected="a value this rule can build on the workspace",
                found=value,
                hint=str(exc),
            ) from None
    return Rules(*(rule for rule in built if rule is not None))


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


def canonical_order(workspace: Workspace, travel: TravelMatrix) -> tuple[Workspace, TravelMatrix, np.ndarray]:
    """Return the workspace and its travel with sites sorted by (cost, id) and areas by id.

    Parameters
    ----------
    workspace
        The workspace, its sites and areas in file order.
    travel
        Its travel matrices.

    Returns
    -------
    tuple
        The reordered workspace, its reordered travel (each mode's minutes reordered when read),
        and ``site_order``: the workspace position of each reordered site (a site of unknown cost
        sorts last).
    """
    sites, areas = workspace.sites, workspace.areas
    cost = np.asarray(sites.cost_per_year, dtype=np.float64)
    site_order = np.lexsort((np.asarray(sites.ids, dtype=str), np.where(np.isnan(cost), np.inf, cost)))
    area_order = np.argsort(np.asarray(areas.ids, dtype=str), kind="stable")
    ordered = replace(workspace, sites=_taken(sites, site_order), areas=_taken(areas, area_order))
    minutes = _Reordered(travel.minutes, area_order, site_order)
    return ordered, TravelMatrix(minutes=minutes, sources=travel.sources), site_order.astype(np.int64)


def _taken(table: Any, order: np.ndarray) -> Any:
    """Return a frozen table (``Sites`` or ``Areas``) with each per-row field taken in ``order``."""
    n = len(table)
    changes: dict[str, Any] = {}
    for f in fields(table):
        value = getattr(table, f.name)
        if isinstance(value, np.ndarray) and value.shape[:1] == (n,):
            changes[f.name] = value[order]
        elif isinstance(value, tuple) and len(value) == n:
            changes[f.name] = tuple(value[i] for i in order)
    return replace(table, **changes)


class _Reordered(Mapping[str, np.ndarray]):
    """Each mode's (n_areas, n_sites) minutes with rows and columns reordered, made when first read."""

    def __init__(self, minutes: Mapping[str, np.ndarray], rows: np.ndarray, cols: np.ndarray) -> None:
        self._minutes, self._rows, self._cols = minutes, rows, cols
        self._made: dict[str, np.ndarray] = {}

    def __getitem__(self, mode: str) -> np.ndarray:
        if mode not in self._made:
            self._made[mode] = np.asfortranarray(self._minutes[mode][np.ix_(self._rows, self._cols)])
        return self._made[mode]

    def __iter__(self) -> Iterator[str]:
        return iter(self._minutes)

    def __len__(self) -> int:
        return len(self._minutes)


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
        The scenario, the solver's solution (objective, bound, gap; its sites are positions in the
        workspace), and alternatives.

    Notes
    -----
    The plan does not depend on the order of the rows of ``sites.csv`` and ``areas.csv``: the
    solvers get the sites sorted by cost and then id, and the areas by id
    (:func:`canonical_order`). Where plans tie on the objective because two sites have the same
    minutes to every area (a centre and the library at its postcode), the cheaper site, then the
    lower id, is kept (:func:`hubplan.optimise.solve.prefer_earlier_twins`, a swap after solving
    that leaves the objective unchanged; no term is added to the objective). Under a coverage
    objective twins are sites that cover the same areas within its minutes.

    Raises
    ------
    InfeasibleError
        Naming the rules that conflict.
    """
    # The solvers see the sites in (cost, id) order and the areas in id order, whatever the files' row
    # order, so a shuffled sites.csv gives the same plan; twins go to the cheaper, then lower id.
    ordered, ordered_travel, site_order = canonical_order(workspace, travel)
    rules = build_rules(ordered, ordered_travel, settings)
    inst = build_objective(ordered, ordered_travel, settings.objective)

    def as_sites(positions: np.ndarray) -> np.ndarray:
        return np.sort(site_order[prefer_earlier_twins(inst, rules, positions)])

    # An alternative that equals the plan, or one before it, once its twins are swapped is the same
    # plan: the solver passes it over and looks further.
    solution = solve_instance(
        inst, rules, method=settings.method, time_limit=settings.time_limit, seed=settings.seed,
        alternatives=settings.alternatives, within=settings.within,
        same=lambda positions: as_sites(positions).tobytes(),
    )  # fmt: skip
    others = tuple(replace(a, open=as_sites(a.open)) for a in solution.alternatives)
    solution = replace(solution, open=as_sites(solution.open), alternatives=others)
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
    """Return ``best-15`` for 15 bases, ``best-5.2m`` for £5.2m, or ``best-179999.99`` for £179,999.99.

    The name keeps the budget exactly: a budget that millions to six significant figures would round
    (``179999.99`` is ``0.18m``) is named in pounds and pence, so two budgets (two plans) never
    share a name.
    """
    if settings.bases is not None:
        return f"best-{settings.bases}"
    return f"best-{_budget_text(float(settings.budget), unit='')}"  # type: ignore[arg-type]


def _budget_text(pounds: float, *, unit: str) -> str:
    """Return ``5.2m`` (``£5.2m`` with ``unit='£'``) where that is the amount, else ``179999.99``.

    Millions to six significant figures when they give the amount to the penny; else pounds with pence
    (with ``unit='£'``, thousands separated: ``£179,999.99``).
    """
    millions = f"{pounds / 1e6:g}"
    if abs(float(millions) * 1e6 - pounds) < 0.005:
        return f"{unit}{millions}m"
    return f"{unit}{pounds:,.2f}" if unit else f"{pounds:.2f}"


def _scenario(workspace: Workspace, settings: PlanSettings, solution: Solution, name: str) -> Scenario:
    ids = tuple(workspace.sites.ids[j] for j in solution.open)
    if settings.budget is None:
        title = f"Best {len(ids)} bases (optimised)"
    else:
        within = _budget_text(settings.budget, unit="£")
        title = f"Best plan within {within} a year (optimised, {len(ids)} bases)"
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
