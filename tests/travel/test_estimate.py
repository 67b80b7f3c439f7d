"""Estimated travel minutes: the formula on hand-worked cases and a peer geodesic (the car fit: test_car_model)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pyproj import Geod

from hubplan.data.assumptions import BusModel, ModeSpeed, Travel
from hubplan.travel import estimate_minutes, estimate_modes, great_circle_matrix_km, haversine_km
from hubplan.travel.estimate import bus_rurality_factors

ROOT = Path(__file__).resolve().parents[2]


def test_one_degree_of_latitude() -> None:
    # 2 * pi * 6371.0088 / 360 = 111.1951 km
    assert float(haversine_km(np.array(52.0), np.array(1.0), np.array(53.0), np.array(1.0))) == pytest.approx(
        111.1951, abs=1e-3
    )


def test_haversine_matches_ellipsoidal_geodesic_within_half_a_percent() -> None:
    rng = np.random.default_rng(1)
    lat1, lat2 = rng.uniform(52.3, 53.0, (2, 200))
    lon1, lon2 = rng.uniform(0.1, 1.8, (2, 200))
    _, _, metres = Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)
    np.testing.assert_allclose(haversine_km(lat1, lon1, lat2, lon2), metres / 1000, rtol=5e-3)


def test_walk_and_car_follow_the_formula() -> None:
    travel = Travel(
        walk=ModeSpeed(speed_kph=5.0, circuity=1.2, access_minutes=0.0),
        car=ModeSpeed(speed_kph=60.0, circuity=1.5, access_minutes=4.0),
    )
    origins = np.array([[52.0, 1.0]])
    destinations = np.array([[52.0, 1.0], [53.0, 1.0]])  # 0 km and 111.1951 km
    walk = estimate_minutes(origins, destinations, "walk", assumptions=travel)
    car = estimate_minutes(origins, destinations, "car", assumptions=travel)
    # walk: 111.1951 km * 1.2 / 5 km/h * 60 = 1601.21 min; car: 4 + 111.1951 * 1.5 / 60 * 60 = 170.79 min
    np.testing.assert_allclose(walk, [[0.0, 1601.21]], atol=0.01)
    np.testing.assert_allclose(car, [[4.0, 170.79]], atol=0.01)
    assert walk.dtype == np.float32
    assert walk.flags.f_contiguous


def test_bus_scales_by_the_origin_rurality_and_walks_when_quicker() -> None:
    travel = Travel(
        walk=ModeSpeed(speed_kph=6.0, circuity=1.0, access_minutes=0.0),
        bus=BusModel(
            fixed_minutes=4.0,
            minutes_per_km=8.0,
            exponent=0.5,
            rurality_factor={"urban": 1.0, "rural_town": 1.0, "rural_village": 1.5},
        ),
    )
    origins = np.array([[52.0, 1.0], [52.0, 1.0], [52.0, 1.0]])
    d = np.array([[52.0 + 1 / 111.1951, 1.0], [52.0 + 9 / 111.1951, 1.0]])  # 1 km and 9 km north
    rurality = np.array(["urban", "rural_village", ""])
    bus = estimate_minutes(origins, d, "bus", assumptions=travel, origin_rurality=rurality)
    # 1 km: walk 10 min beats bus 4 + 8 x 1 = 12 (and 12 x 1.5 = 18).
    # 9 km: bus 4 + 8 x 3 = 28, and 28 x 1.5 = 42 from a village; walking would take 90 min.
    # An area with no class counts as urban.
    np.testing.assert_allclose(bus, [[10.0, 28.0], [10.0, 42.0], [10.0, 28.0]], atol=0.01)


def test_a_bus_speed_scales_the_distance_term() -> None:
    """``speed_kph`` is 10 km over the distance term's minutes at 10 km: 600 / (8 x 10^0.5) = 23.72 km/h."""
    flat = dict.fromkeys(("urban", "rural_town", "rural_village"), 1.0)
    bus = BusModel(fixed_minutes=4.0, minutes_per_km=8.0, exponent=0.5, rurality_factor=flat)
    assert bus.speed_kph == pytest.approx(600 / (8 * 10**0.5))
    faster = bus.with_speed(2 * bus.speed_kph)
    assert faster.minutes_per_km == pytest.approx(4.0)
    assert faster.fixed_minutes == 4.0


def test_bad_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="mode: expected one of walk, car, bus"):
        estimate_minutes(np.zeros((1, 2)), np.zeros((1, 2)), "tram")
    with pytest.raises(ValueError, match=r"origins: expected an \(n, 2\) array"):
        estimate_minutes(np.zeros(3), np.zeros((1, 2)), "car")


def test_matrix_product_distances_match_haversine() -> None:
    rng = np.random.default_rng(3)
    origins = np.column_stack([rng.uniform(50, 56, 300), rng.uniform(-5, 2, 300)])
    destinations = np.vstack(
        [origins[:5] + 1e-5, np.column_stack([rng.uniform(50, 56, 40), rng.uniform(-5, 2, 40)])]
    )
    expected = haversine_km(
        origins[:, :1], origins[:, 1:], destinations[None, :, 0], destinations[None, :, 1]
    )
    np.testing.assert_allclose(great_circle_matrix_km(origins, destinations), expected, atol=1e-3)  # 1 metre


def test_all_modes_at_once_equal_one_at_a_time() -> None:
    rng = np.random.default_rng(4)
    origins = np.column_stack([rng.uniform(52.3, 53, 50), rng.uniform(0.2, 1.7, 50)])
    destinations = origins[rng.choice(50, 600)]  # more than one chunk of columns
    rurality = rng.choice(["urban", "rural_town", "rural_village"], 50)
    together = estimate_modes(origins, destinations, origin_rurality=rurality)
    for mode in ("walk", "car", "bus"):
        alone = estimate_minutes(origins, destinations, mode, origin_rurality=rurality)
        np.testing.assert_array_equal(together[mode], alone)


def test_a_rurality_factor_table_names_every_rural_class() -> None:
    """Left out, villages would count as urban: bus minutes from them 1.226 times too few."""
    with pytest.raises(ValueError, match="a rurality_factor for each of rural_town, rural_village"):
        BusModel(
            fixed_minutes=4.0,
            minutes_per_km=8.0,
            exponent=0.5,
            rurality_factor={"urban": 1, "rural_town": 1.085},
        )
    # Urban left out is 1, as the fitted model has it.
    fitted = BusModel(
        fixed_minutes=2.37, minutes_per_km=19.19, exponent=0.593,
        rurality_factor={"rural_town": 1.085, "rural_village": 1.226},
    )  # fmt: skip
    assert bus_rurality_factors(np.array(["urban", "rural_village"]), fitted).tolist() == [1.0, 1.226]
