"""Build a sweep's arrays from a workspace: shared arrays, minutes per travel assumption, rules per rule set.

The rules are those ``hubplan optimise --rule`` builds (:func:`hubplan.optimise.plan.build_rules`
from :class:`~hubplan.optimise.plan.PlanSettings`), and the optimiser's weights are its own
(:func:`hubplan.optimise.plan.family_weights`), so a sweep point's plan is the plan ``optimise``
would choose with the same settings.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable

import numpy as np

from hubplan.data.assumptions import MAX_KPH, MIN_KPH
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError
from hubplan.optimise.rules import Rules, parse_rules
from hubplan.scale.sweep import SweepInputs, TravelInputs
from hubplan.travel import TravelMatrix, estimate_modes

SWEPT_MODES = ("car", "bus")
"""The modes a sweep measures and whose speeds it can change."""


def _context_digest(workspace: Workspace) -> str:
    """Hash what the rules read besides the sweep's arrays: the sites' columns and the settings."""
    sites, areas = workspace.sites, workspace.areas
    h = hashlib.sha256(workspace.assumptions.model_dump_json().encode())
    for column in (sites.ids, sites.kind, sites.district, areas.ids):
        h.update("\x1f".join(map(str, column)).encode() + b"\x1e")
    for array in (sites.required, sites.excluded, sites.capacity, areas.families, areas.deprivation_decile):
        h.update(np.ascontiguousarray(array, dtype=np.float64).tobytes())
    return h.hexdigest()


def sweep_inputs(workspace: Workspace) -> SweepInputs:
    """Return the arrays every sweep point of a workspace shares.

    Parameters
    ----------
    workspace
        The workspace.

    Returns
    -------
    SweepInputs
        Children per area, the optimiser's weights, the most deprived fifth, site ids and costs.
    """
    from hubplan.optimise.plan import family_weights

    return SweepInputs(
        weights=np.asarray(workspace.areas.families, dtype=np.float64),
        need_weights=family_weights(workspace),
        deprived=np.asarray(workspace.areas.most_deprived, dtype=bool),
        site_ids=tuple(str(i) for i in workspace.sites.ids),
        site_cost=np.asarray(workspace.sites.cost_per_year, dtype=np.float64),
        context=_context_digest(workspace),
    )


def travel_inputs(
    workspace: Workspace,
    travel: TravelMatrix,
    *,
    car_kph: float | None = None,
    bus_kph: float | None = None,
) -> TravelInputs:
    """Return car and bus minutes under a travel assumption, and the baseline's minutes under it.

    A speed given re-estimates that mode's minutes with the workspace's other assumptions
    (circuity and fixed minutes; for bus, the fitted model with its distance term scaled to the
    speed, :meth:`hubplan.data.assumptions.BusModel.with_speed`); a speed not given keeps
    ``travel``'s minutes.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices (:func:`hubplan.travel.build_travel`).
    car_kph, bus_kph
        Speeds (km/h), or ``None`` for the workspace's minutes.

    Returns
    -------
    TravelInputs
        The minutes; the speeds are those given, the workspace's for estimated minutes, or ``nan``
        for routed or imported minutes.

    Raises
    ------
    HubplanError
        For a speed not above 0 or above the assumptions' maximum, or a speed for a mode whose
        minutes are routed or imported (speeds change estimated minutes only).
    """
    assumed = workspace.assumptions.travel
    asked = {"car": car_kph, "bus": bus_kph}
    speeds: dict[str, float] = {}
    for mode, speed in asked.items():
        source = travel.sources.get(mode, "estimated")
        if speed is None:
            speeds[mode] = getattr(assumed, mode).speed_kph if source == "estimated" else math.nan
            continue
        if not MIN_KPH <= speed <= MAX_KPH:
            msg = f"{mode}_kph: expected a speed from {MIN_KPH:g} to {MAX_KPH:g} km/h; got {speed:g}"
            raise HubplanError(msg)
        if source != "estimated":
            msg = (
                f"{mode}_kph: this workspace's {mode} minutes are {source}, and a speed changes "
                f"estimated minutes only; remove its travel/{mode}.npz or sweep the other mode"
            )
            raise HubplanError(msg)
        speeds[mode] = float(speed)
    minutes = {m: np.asarray(travel.minutes[m], dtype=np.float32) for m in SWEPT_MODES}
    changed = tuple(m for m in SWEPT_MODES if asked[m] is not None)
    if changed:
        update = {
            m: assumed.bus.with_speed(speeds[m])
            if m == "bus"
            else getattr(assumed, m).model_copy(update={"speed_kph": speeds[m]})
            for m in changed
        }
        model = assumed.model_copy(update=update)
        origins = np.column_stack([workspace.areas.lat, workspace.areas.lon])
        destinations = np.column_stack([workspace.sites.lat, workspace.sites.lon])
        minutes |= estimate_modes(
            origins,
            destinations,
            changed,
            assumptions=model,
            origin_rurality=workspace.areas.rurality,
        )
    baseline = workspace.baseline
    positions = (
        workspace.base_indices(baseline) if baseline is not None else np.arange(len(workspace.sites.ids))
    )
    return TravelInputs(
        car_kph=speeds["car"],
        bus_kph=speeds["bus"],
        minutes=minutes,
        baseline_minutes={m: minutes[m][:, positions].min(axis=1).astype(np.float64) for m in minutes},
    )


def rules_maker(
    workspace: Workspace, mode: str, *, method: str = "heuristic"
) -> Callable[[tuple[str, ...], TravelInputs], Rules]:
    """Return a function that builds a rule set's rules on the workspace, as ``hubplan optimise`` does.

    Parameters
    ----------
    workspace
        The workspace.
    mode
        The objective's mode (``deprived-max`` is measured by it).
    method
        The solver method recorded in the settings.

    Returns
    -------
    Callable
        ``make(texts, travel)`` returns the :class:`~hubplan.optimise.rules.Rules` of ``texts``
        (``NAME=VALUE``) without a count or budget, under ``travel``'s minutes; it raises
        :class:`~hubplan.errors.InfeasibleError` when they cannot hold and
        :class:`~hubplan.errors.HubplanError` for an unknown rule or site id.
    """
    from hubplan.optimise.plan import Objective, PlanSettings, build_rules
    from hubplan.optimise.solution import Method

    def make(texts: tuple[str, ...], travel: TravelInputs) -> Rules:
        settings = PlanSettings(
            objective=Objective("pmedian", mode), method=Method.parse(method), **parse_rules(texts)
        )
        matrix = TravelMatrix(
            minutes=dict(travel.minutes), sources=dict.fromkeys(travel.minutes, "estimated")
        )
        return build_rules(workspace, matrix, settings)

    return make


def check_rule_sets(rule_sets: list[tuple[str, ...]]) -> None:
    """Check every rule's name and value now, before any work (unknown names fail here).

    Parameters
    ----------
    rule_sets
        Rule sets of ``NAME=VALUE`` texts.

    Raises
    ------
    HubplanError
        For an unknown rule name or a value its parser refuses.
    """
    for texts in rule_sets:
        parse_rules(texts)
