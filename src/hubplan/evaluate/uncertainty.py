"""The error model: draw what the inputs could have been (children, car and bus minutes) within errors.

Three stated assumptions, all settings (``[uncertainty]``,
:class:`hubplan.data.assumptions.UncertaintySettings`):

- **Demand.** ONS publishes no confidence interval for an LSOA's mid-year count of children aged
  0-4. A count of 60-100 children (the usual LSOA) carries Poisson-scale noise of 10-13%, and
  small-area estimates rolled forward from a census drift further; we assume each area's count is
  off by a log-normal factor with mean 1 and a coefficient of variation of **10%**, independently
  between areas (:data:`DEMAND_CV`).
- **Car minutes.** The car model (``5.1 + 0.96`` minutes a great-circle km: 78.2 km/h at circuity
  1.25, docs/car_model.md) was fitted to road times from every English LSOA to its nearest stroke
  units; on held-out LSOAs its median absolute error is **13.4%**
  (:data:`hubplan.data.assumptions.CAR_MODEL_MEDIAN_ABS_ERROR`, here :data:`CAR_MEDIAN_ABS_ERROR`).
  We take its error as log-normal with median 1 and that median absolute error. An area that is
  badly connected is slow to every site, so one factor is drawn per area and applies to all its
  trips: this is the cautious choice, giving wider intervals than independent errors per trip
  would. The factor also scales the family's 3 fixed minutes, which the fit did not measure: a
  little wider again.

- **Bus minutes.** The bus model (docs/bus_model.md) was fitted on real timetable-routed minutes;
  its out-of-fold median absolute error on the training LSOAs is 22.5% under 2 km, 15.2% for 2-5 km,
  12.0% for 5-10 km and 14.9% beyond (:data:`hubplan.data.assumptions.BUS_MODEL_MEDIAN_ABS_ERROR`).
  As for car, one standard normal ``z`` is drawn per area and its factor on a trip is
  ``exp(z * sigma)`` with ``sigma`` the band's (:class:`MinuteDraws`); the band of a trip is read
  from its minutes, at the band's edges in km turned into the bus model's urban minutes, so the
  draw needs no distances. Bus draws come from their own generator (seeded ``[seed, 2]``), so
  turning them on leaves the demand and car draws as they were.

Routed or imported minutes come from no model of ours and are not drawn.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.optimize import brentq
from scipy.stats import norm

from hubplan.data.assumptions import BUS_MODEL_MEDIAN_ABS_ERROR, CAR_MODEL_MEDIAN_ABS_ERROR, BusModel
from hubplan.data.assumptions import DEMAND_CV as DEFAULT_DEMAND_CV
from hubplan.modes import Mode

DEMAND_CV = DEFAULT_DEMAND_CV
"""Assumed coefficient of variation of an LSOA's ONS count of children under five."""

CAR_MEDIAN_ABS_ERROR = CAR_MODEL_MEDIAN_ABS_ERROR
"""Median absolute relative error of the estimated car minutes: the car model's, measured (13.4%)."""

BUS_MEDIAN_ABS_ERROR = BUS_MODEL_MEDIAN_ABS_ERROR
"""Median absolute relative error of the estimated bus minutes by great-circle km band: measured."""

BUS_SEED_STREAM = 2
"""Bus factors come from ``default_rng([seed, BUS_SEED_STREAM])``, apart from demand and car."""

INTERVAL = (0.05, 0.95)
"""The quantiles of a 90% interval."""


def lognormal_sigma_for_cv(cv: float) -> float:
    """Return the log-scale sigma of a log-normal with the coefficient of variation ``cv``.

    ``cv**2 = exp(sigma**2) - 1``.

    Parameters
    ----------
    cv
        Coefficient of variation (0 or more).

    Returns
    -------
    float
        sigma.

    Examples
    --------
    >>> round(lognormal_sigma_for_cv(0.10), 5)
    0.09975
    """
    return math.sqrt(math.log1p(cv * cv))


@cache
def lognormal_sigma_for_median_abs_error(error: float) -> float:
    """Return the sigma of a median-1 log-normal factor X whose ``|X - 1|`` has median ``error``.

    Solves ``Phi(ln(1 + e) / sigma) - Phi(ln(1 - e) / sigma) = 1/2``.

    Parameters
    ----------
    error
        Median absolute relative error, between 0 and 1.

    Returns
    -------
    float
        sigma (0 when ``error`` is 0).

    Examples
    --------
    >>> round(lognormal_sigma_for_median_abs_error(0.08), 4)
    0.1188
    """
    if error <= 0:
        return 0.0

    def excess(sigma: float) -> float:
        return float(norm.cdf(math.log1p(error) / sigma) - norm.cdf(math.log1p(-error) / sigma) - 0.5)

    return float(brentq(excess, 1e-6, 10.0))


def draw_demand(weights: np.ndarray, rng: np.random.Generator, *, cv: float = DEMAND_CV) -> np.ndarray:
    """Draw each area's children as its estimate times a mean-1 log-normal factor.

    Parameters
    ----------
    weights
        (n,) estimated children per area.
    rng
        The random generator.
    cv
        Coefficient of variation of the factor.

    Returns
    -------
    numpy.ndarray
        (n,) float64 drawn children.
    """
    sigma = lognormal_sigma_for_cv(cv)
    factor = rng.lognormal(-sigma * sigma / 2, sigma, size=len(weights)) if sigma > 0 else 1.0
    return np.asarray(weights, dtype=np.float64) * factor


def draw_car_factors(
    n_areas: int, rng: np.random.Generator, *, median_abs_error: float = CAR_MEDIAN_ABS_ERROR
) -> np.ndarray:
    """Draw one median-1 log-normal factor per area for its car minutes to every site.

    Parameters
    ----------
    n_areas
        Areas.
    rng
        The random generator.
    median_abs_error
        Median absolute relative error of the car minutes.

    Returns
    -------
    numpy.ndarray
        (n_areas,) factors.
    """
    sigma = lognormal_sigma_for_median_abs_error(median_abs_error)
    return rng.lognormal(0.0, sigma, size=n_areas) if sigma > 0 else np.ones(n_areas)


def drawn_car_error(sources: Mapping[str, str], car_error: float) -> float:
    """Return the car error a sweep draws with: ``car_error`` for estimated car minutes, else 0.

    The error is the car model's (``--car-error``); routed or imported car minutes do not come from
    that model, so they are not drawn, as the report does not draw them
    (:func:`hubplan.analysis.uncertainty.scenario_intervals`).

    Parameters
    ----------
    sources
        The travel matrix's source of each mode (``"estimated"``, ``"routed"``, ``"imported"``).
    car_error
        Median absolute relative error of estimated car minutes (a fraction).

    Returns
    -------
    float
        The error to draw with (a fraction; 0: car minutes held).
    """
    return car_error if sources.get(Mode.CAR, "estimated") == "estimated" else 0.0


def band_edges_km(errors: Mapping[str, float]) -> tuple[float, ...]:
    """Return the upper km edges of all but the last band of ``{"lo-hi": error}`` (in order).

    Examples
    --------
    >>> band_edges_km({"0-2": 0.2, "2-5": 0.1, "5-10": 0.1})
    (2.0, 5.0)
    """
    return tuple(float(key.split("-")[1]) for key in list(errors)[:-1])


@dataclass(frozen=True)
class BusError:
    """The bus model's error by band, with the bands' edges in minutes so a draw needs no distances.

    Parameters
    ----------
    edges_minutes
        Upper edges of every band but the last (minutes, increasing): the bus model's urban
        minutes at the bands' km edges.
    errors
        Median absolute relative error of each band (fractions), one more than ``edges_minutes``.
    """

    edges_minutes: tuple[float, ...]
    errors: tuple[float, ...]

    @classmethod
    def of(cls, bus: BusModel, errors: Mapping[str, float]) -> BusError:
        """Return the error of ``bus`` with ``errors`` by km band (``{"0-2": 0.225, ...}``).

        Parameters
        ----------
        bus
            The bus model (its urban minutes place the bands' edges).
        errors
            Band to median absolute relative error, bands in increasing km order.

        Returns
        -------
        BusError
            The bands in minutes and their errors.
        """
        km = np.asarray(band_edges_km(errors), dtype=np.float64)
        edges = bus.fixed_minutes + bus.minutes_per_km * km**bus.exponent
        return cls(tuple(float(e) for e in edges), tuple(float(v) for v in errors.values()))

    @property
    def off(self) -> bool:
        """Whether every band's error is 0 (nothing to draw)."""
        return all(e <= 0 for e in self.errors)

    def sigmas(self, minutes: np.ndarray) -> np.ndarray:
        """Return the log-normal sigma of each trip's band, read from its minutes."""
        sigma = np.array([lognormal_sigma_for_median_abs_error(e) for e in self.errors])
        band = np.searchsorted(np.asarray(self.edges_minutes), np.asarray(minutes), side="left")
        out: np.ndarray = sigma[band]
        return out


@dataclass(frozen=True, eq=False)
class MinuteDraws:
    """Draws of one mode's minutes whose error depends on the trip: ``minutes * exp(z * sigma(minutes))``.

    Parameters
    ----------
    z
        (draws, n_areas) standard normals, one per area and draw (shared by all its trips).
    error
        The error by band.
    """

    z: np.ndarray
    error: BusError

    def factors(self, minutes: np.ndarray) -> np.ndarray:
        """Return (draws, n_areas) factors on each area's ``minutes`` (its trip to one base each)."""
        return np.asarray(np.exp(self.z * self.error.sigmas(minutes)[None, :]))


def draw_bus(n_areas: int, draws: int, *, seed: int, error: BusError) -> MinuteDraws | None:
    """Draw the bus minutes' factors for ``draws`` draws, from their own generator.

    Parameters
    ----------
    n_areas
        Areas.
    draws
        Draws.
    seed
        The analysis's seed (the generator is ``default_rng([seed, 2])``).
    error
        The bus error by band.

    Returns
    -------
    MinuteDraws or None
        ``None`` when the error is 0 everywhere.
    """
    if error.off or draws == 0:
        return None
    rng = np.random.default_rng([seed, BUS_SEED_STREAM])
    return MinuteDraws(rng.standard_normal((draws, n_areas)), error)
