"""The Monte Carlo draws have the errors they claim, checked by simulation."""

from __future__ import annotations

import numpy as np
import pytest

from hubplan.scale.uncertainty import (
    draw_car_factors,
    draw_demand,
    lognormal_sigma_for_cv,
    lognormal_sigma_for_median_abs_error,
)


def test_demand_draws_have_mean_one_and_the_asked_cv():
    rng = np.random.default_rng(1)
    drawn = draw_demand(np.full(200_000, 50.0), rng, cv=0.10)
    factor = drawn / 50.0
    assert factor.mean() == pytest.approx(1.0, abs=0.002)
    assert factor.std() / factor.mean() == pytest.approx(0.10, rel=0.02)


def test_car_factors_have_the_asked_median_absolute_error():
    rng = np.random.default_rng(2)
    factors = draw_car_factors(200_000, rng, median_abs_error=0.08)
    assert np.median(np.abs(factors - 1.0)) == pytest.approx(0.08, rel=0.02)
    assert np.median(factors) == pytest.approx(1.0, abs=0.002)


def test_sigmas_by_formula():
    # cv^2 = exp(sigma^2) - 1: sigma = sqrt(ln(1.01)) for cv 0.1.
    assert lognormal_sigma_for_cv(0.1) == pytest.approx(np.sqrt(np.log(1.01)))
    # For a small error the factor is close to 1 + sigma Z, so sigma is close to e / 0.6745
    # (the median of |Z| is 0.6745); the exact root is within 1% of it for 1%.
    assert lognormal_sigma_for_median_abs_error(0.01) == pytest.approx(0.01 / 0.67449, rel=0.01)
    assert lognormal_sigma_for_median_abs_error(0.0) == 0.0
    assert (draw_car_factors(5, np.random.default_rng(0), median_abs_error=0.0) == 1.0).all()
