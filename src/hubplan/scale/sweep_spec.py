"""What a sweep does with a workspace's settings: defaults < ``hubplan.toml`` < what the caller gives.

The sweep reads the same settings as every other command, by the same rules:

- the access threshold is ``[evaluation]``'s (:attr:`~hubplan.data.assumptions.EvaluationSettings.access`:
  ``access_minutes``, or the threshold nearest 30 minutes), so thresholds 10, 20, 45 and 60 sweep
  at 20, as the evaluation measures access;
- the mode the plans minimise is ``[evaluation] access_mode``;
- draws, seed, demand CV and car error are ``[uncertainty]``'s, as the report's intervals;
- a value the caller gives (the command line) wins over all of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError, ParameterError
from hubplan.evaluate.uncertainty import CAR_MEDIAN_ABS_ERROR, DEMAND_CV, BusError, drawn_car_error
from hubplan.modes import Mode
from hubplan.scale.sweep import SweepOptions

T = TypeVar("T")

Source = Literal["default", "hubplan.toml", "given"]
"""Where a setting's value came from."""

SWEPT_MODES = (Mode.BUS, Mode.CAR)
"""The modes a sweep can minimise and measures."""

METHODS = ("heuristic", "exact")
"""The solver methods."""


@dataclass(frozen=True)
class SweepSpec:
    """A sweep's settings, resolved: defaults < the workspace's ``hubplan.toml`` < given values.

    Parameters
    ----------
    mode
        The mode whose weighted minutes each plan minimises (``bus`` or ``car``).
    method
        ``heuristic`` or ``exact``.
    thresholds_minutes
        The access thresholds to sweep (minutes).
    draws
        Monte Carlo draws per point (0: none).
    seed
        Seeds the heuristic and the draws.
    demand_cv
        Coefficient of variation of each area's children (a fraction).
    car_error
        Median absolute relative error of estimated car minutes (a fraction); routed or imported
        car minutes are not drawn whatever it is (:meth:`options`).
    sources
        Each setting's name to where its value came from.
    bus_error
        The bus model's error by band (``None``: bus minutes not drawn).
    """

    mode: str
    method: str
    thresholds_minutes: tuple[float, ...]
    draws: int
    seed: int
    demand_cv: float
    car_error: float
    sources: Mapping[str, Source] = field(default_factory=dict)
    bus_error: BusError | None = None

    @classmethod
    def from_workspace(
        cls,
        workspace: Workspace,
        *,
        mode: str | None = None,
        method: str | None = None,
        thresholds_minutes: Sequence[float] | None = None,
        draws: int | None = None,
        seed: int | None = None,
        demand_cv: float | None = None,
        car_error: float | None = None,
    ) -> SweepSpec:
        """Resolve a sweep's settings on a workspace; ``None`` (or empty) takes the workspace's.

        Parameters
        ----------
        workspace
            The workspace (its ``[evaluation]`` and ``[uncertainty]`` settings).
        mode
            ``bus`` or ``car``; the workspace's ``access_mode`` when ``None``.
        method
            ``heuristic`` (the default) or ``exact``.
        thresholds_minutes
            Thresholds (minutes, above 0); the workspace's access threshold when ``None`` or empty.
        draws
            Draws per point (0 or more); ``[uncertainty] draws`` when ``None``.
        seed
            The seed (0 or more); ``[uncertainty] seed`` when ``None``.
        demand_cv
            A fraction (0 or more); ``[uncertainty] demand_cv``, else 10%, when ``None``.
        car_error
            A fraction from 0 to below 1; ``[uncertainty] car_median_abs_error``, else the car
            model's measured error, when ``None``.

        Returns
        -------
        SweepSpec
            The settings and where each came from.

        Raises
        ------
        HubplanError
            Naming the parameter, what was expected and what was found (a mode or method as a
            :class:`~hubplan.errors.ParameterError`, also for a workspace whose ``access_mode`` is
            ``walk`` and no ``mode`` given).
        """
        assumptions = workspace.assumptions
        evaluation, uncertainty = assumptions.evaluation, assumptions.uncertainty
        sources: dict[str, Source] = {}

        def pick(name: str, given: T | None, from_file: T | None, default: T) -> T:
            if given is not None:
                sources[name] = "given"
                return given
            if from_file is not None:
                sources[name] = "hubplan.toml" if name in _set_in_file(workspace, name) else "default"
                return from_file
            sources[name] = "default"
            return default

        chosen_mode = pick("mode", mode, evaluation.access_mode, Mode.BUS)
        if chosen_mode not in SWEPT_MODES:
            hint = (
                "the workspace's [evaluation] access_mode is walk, which a sweep does not plan by: "
                "give a mode"
                if mode is None
                else ""
            )
            raise ParameterError("mode", expected="bus or car", found=chosen_mode, hint=hint)
        chosen_method = pick("method", method, None, "heuristic")
        if chosen_method not in METHODS:
            raise ParameterError("method", expected="heuristic or exact", found=chosen_method)
        given_thresholds = tuple(float(t) for t in thresholds_minutes) if thresholds_minutes else None
        thresholds = pick("thresholds_minutes", given_thresholds, (float(evaluation.access),), (30.0,))
        if any(not t > 0 for t in thresholds):
            msg = f"thresholds_minutes: expected minutes above 0; got {list(thresholds)}"
            raise HubplanError(msg)
        chosen_draws = pick("draws", draws, uncertainty.draws, 200)
        if chosen_draws < 0:
            msg = f"draws: expected 0 or more; got {chosen_draws}"
            raise HubplanError(msg)
        chosen_seed = pick("seed", seed, uncertainty.seed, 0)
        cv = pick("demand_cv", demand_cv, uncertainty.demand_cv, DEMAND_CV)
        error = pick("car_error", car_error, uncertainty.car_median_abs_error, CAR_MEDIAN_ABS_ERROR)
        if cv < 0 or not 0 <= error < 1:
            msg = f"demand_cv, car_error: expected 0 or more (car below 1); got {cv:g} and {error:g}"
            raise HubplanError(msg)
        return cls(
            mode=chosen_mode,
            method=chosen_method,
            thresholds_minutes=thresholds,
            draws=int(chosen_draws),
            seed=int(chosen_seed),
            demand_cv=float(cv),
            car_error=float(error),
            sources=sources,
            bus_error=BusError.of(assumptions.travel.bus, uncertainty.bus_median_abs_error),
        )

    def options(self, travel_sources: Mapping[str, str]) -> SweepOptions:
        """Return how each point is solved and drawn, on travel minutes from ``travel_sources``.

        Parameters
        ----------
        travel_sources
            Each mode's minutes' source (``estimated``, ``routed``, ``imported``): car minutes are
            drawn with :attr:`car_error`, and bus minutes with :attr:`bus_error` (the bus model's
            error by band, ``[uncertainty] bus_median_abs_error``), only when estimated.

        Returns
        -------
        SweepOptions
            Mode, draws, errors, method and seed.
        """
        bus = self.bus_error
        bus_drawn = (
            bus is not None and travel_sources.get(Mode.BUS, "estimated") == "estimated" and not bus.off
        )
        return SweepOptions(
            mode=self.mode,
            draws=self.draws,
            demand_cv=self.demand_cv,
            car_median_abs_error=drawn_car_error(travel_sources, self.car_error),
            bus_band_minutes=bus.edges_minutes if bus_drawn and bus is not None else (),
            bus_median_abs_error=bus.errors if bus_drawn and bus is not None else (),
            method=self.method,
            seed=self.seed,
        )


_FILE_FIELDS = {
    "mode": ("evaluation", "access_mode"),
    "thresholds_minutes": ("evaluation", "access_minutes", "thresholds_minutes"),
    "draws": ("uncertainty", "draws"),
    "seed": ("uncertainty", "seed"),
    "demand_cv": ("uncertainty", "demand_cv"),
    "car_error": ("uncertainty", "car_median_abs_error"),
}
"""A sweep setting's table in ``hubplan.toml`` and the keys there that decide it."""


def _set_in_file(workspace: Workspace, name: str) -> set[str]:
    """Return ``{name}`` when the workspace's ``hubplan.toml`` sets a key that decides ``name``."""
    where = _FILE_FIELDS.get(name)
    if where is None:
        return set()
    table, *keys = where
    section = getattr(workspace.assumptions, table)
    return {name} if any(k in section.model_fields_set for k in keys) else set()
