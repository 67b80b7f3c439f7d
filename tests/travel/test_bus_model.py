"""The bus model: the fit on real timetable minutes is reproduced, it ships as the default, and it holds up on `test`."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from hubplan.data.assumptions import BUS_MODEL_MEDIAN_ABS_ERROR, Travel
from hubplan.travel import describe_estimate
from tests.helpers import load_script as load_project_script

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "bus_model.md"
VALIDATION = ROOT.parent / "shared" / "data" / "validation" / "public_transport_minutes_r5r.csv"


def load_script() -> ModuleType:
    return load_project_script("fit_bus_model")


@pytest.fixture(scope="module")
def script() -> ModuleType:
    if not VALIDATION.is_file():
        pytest.skip(f"the validation minutes are not at {VALIDATION} (../shared beside the repository)")
    return load_script()


@pytest.fixture(scope="module")
def text(script: ModuleType) -> str:
    return str(script.report(script.load_pairs(VALIDATION)))


def test_the_docs_carry_the_fit_and_its_held_out_table(text: str) -> None:
    doc = DOC.read_text()
    for line in text.splitlines():
        assert line in doc, f"docs/bus_model.md is stale; rerun scripts/fit_bus_model.py: {line}"


def test_the_default_model_is_the_fit_and_its_measured_error(script: ModuleType) -> None:
    pairs = script.load_pairs(VALIDATION)
    train = pairs[pairs["split"] == "train"].reset_index(drop=True)
    chosen, _ = script.choose(train)
    fitted = script.fit(train, script.CANDIDATES[chosen]).bus_model()
    assert Travel().bus == fitted
    assert script.band_errors(train, script.CANDIDATES[chosen]) == BUS_MODEL_MEDIAN_ABS_ERROR


def test_no_test_pair_reaches_the_fit(script: ModuleType) -> None:
    """Change every `test` pair's minutes and the fit is unchanged: it cannot have seen them."""
    pairs = script.load_pairs(VALIDATION)
    train = pairs[pairs["split"] == "train"].reset_index(drop=True)
    assert set(train["split"]) == {"train"}
    assert not set(train["lsoa11cd"]) & set(pairs.loc[pairs["split"] == "test", "lsoa11cd"])
    before = script.fit(train, script.CANDIDATES["rurality"])
    shuffled = pairs.copy()
    shuffled.loc[shuffled["split"] == "test", "minutes"] *= 3
    after = script.fit(
        shuffled[shuffled["split"] == "train"].reset_index(drop=True), script.CANDIDATES["rurality"]
    )
    assert before == after


def test_the_goal_on_test_within_20_km(script: ModuleType) -> None:
    """Issue 22's goal: median |error| <= 15%, median signed within 5%, shares within 5 points."""
    pairs = script.load_pairs(VALIDATION)
    test = pairs[pairs["split"] == "test"].reset_index(drop=True)
    rows = script.test_rows(test, script.hubplan_minutes(test, Travel().bus))
    name, n, _, _, med_abs, med_signed, shares = rows[0]
    assert (name, n) == ("all within 20 km", 947)
    assert med_abs <= 15.0
    assert abs(med_signed) <= 5.0
    for i in range(3):
        assert abs(shares[2 * i] - shares[2 * i + 1]) <= 5.0


def test_a_hand_worked_pair() -> None:
    """At 2 km: 2.37 + 19.19 x 2^0.593 = 31.32 min from a town; x 1.226 = 38.39 from a village, where
    walking (2 x 1.3 / 4.5 x 60 = 34.67 min) is quicker."""
    from hubplan.travel import estimate_minutes

    o = np.array([[52.0, 1.0], [52.0, 1.0]])
    d = np.array([[52.0 + 2 / 111.1951, 1.0]])
    minutes = estimate_minutes(o, d, "bus", origin_rurality=np.array(["urban", "rural_village"]))
    np.testing.assert_allclose(minutes[:, 0], [31.32, 34.67], atol=0.01)


def test_the_model_is_described_in_a_sentence() -> None:
    sentence = describe_estimate("bus")
    assert "2.37 + 19.19 x km^0.593" in sentence
    assert "rural village x1.226" in sentence
    assert sentence.endswith(".")
    assert ". " not in sentence  # one sentence
    with pytest.raises(ValueError, match="mode: expected one of walk, car, bus; got 'tram'"):
        describe_estimate("tram")
