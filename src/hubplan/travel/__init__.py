"""Stage 2, travel: minutes from every area to every site, per mode, estimated (or routed/imported later)."""

from hubplan.travel.estimate import MODES, bus_wait_minutes, estimate_minutes
from hubplan.travel.geodesic import haversine_km
from hubplan.travel.matrix import TravelMatrix, build_travel, cache_key

__all__ = [
    "MODES",
    "TravelMatrix",
    "build_travel",
    "bus_wait_minutes",
    "cache_key",
    "estimate_minutes",
    "haversine_km",
]
