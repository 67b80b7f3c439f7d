"""The error model lives in :mod:`hubplan.evaluate.uncertainty`; this module re-exports it for old imports."""

from hubplan.evaluate.uncertainty import (
    CAR_MEDIAN_ABS_ERROR,
    DEMAND_CV,
    INTERVAL,
    draw_car_factors,
    draw_demand,
    drawn_car_error,
    lognormal_sigma_for_cv,
    lognormal_sigma_for_median_abs_error,
)

__all__ = [
    "CAR_MEDIAN_ABS_ERROR",
    "DEMAND_CV",
    "INTERVAL",
    "draw_car_factors",
    "draw_demand",
    "drawn_car_error",
    "lognormal_sigma_for_cv",
    "lognormal_sigma_for_median_abs_error",
]
