"""Draw what the inputs could have been: children within the ONS error, car minutes within the model's.

Two stated assumptions, both options:

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

Bus minutes have no measured error and are not drawn.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache

import numpy as np
from scipy.optimize import brentq
from scipy.stats import norm

from hubplan.data.assumptions import CAR_MODEL_MEDIAN_ABS_ERROR

DEMAND_CV = 0.10
"""Assumed coefficient of variation of an LSOA's ONS count of children under five."""

CAR_MEDIAN_ABS_ERROR = CAR_MODEL_MEDIAN_ABS_ERROR
"""Median absolute relative error of the estimated car minutes: the car model's, measured (13.4%)."""

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
    return car_error if sources.get("car", "estimated") == "estimated" else 0.0
