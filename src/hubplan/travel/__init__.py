"""Stage 2, travel: minutes from every area to every site, per mode, estimated (or routed/imported later)."""

from hubplan.modes import MODES, Mode
from hubplan.travel.estimate import (
    bus_minutes,
    bus_rurality_factors,
    describe_estimate,
    estimate_minutes,
    estimate_modes,
)
from hubplan.travel.geodesic import great_circle_matrix_km, haversine_km
from hubplan.travel.matrix import TravelMatrix, build_travel, cache_key

__all__ = [
    "MODES",
    "Mode",
    "TravelMatrix",
    "build_travel",
    "bus_minutes",
    "bus_rurality_factors",
    "cache_key",
    "describe_estimate",
    "estimate_minutes",
    "estimate_modes",
    "great_circle_matrix_km",
    "haversine_km",
]
