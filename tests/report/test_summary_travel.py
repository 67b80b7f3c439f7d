"""The summary's sentence on how travel minutes are estimated names the fitted bus model."""

from hubplan.report.summary import estimate_sentence


def test_bus_is_described_as_fitted_on_timetables() -> None:
    """Bus minutes come from a model fitted on timetabled journeys (docs/bus_model.md), not a speed."""
    sentence = estimate_sentence(["walk", "car", "bus"])
    assert sentence.startswith("Travel times are estimated from straight-line distance")
    assert "bus by a model fitted on real timetabled journeys (Tuesday daytimes, 2024)" in sentence
    assert "car by a model fitted on free-flow road times" in sentence
    assert "walking at an assumed speed" in sentence


def test_only_the_estimated_modes_are_named() -> None:
    """With bus imported (not estimated) the sentence says nothing of timetables' fitted model."""
    sentence = estimate_sentence(["walk"])
    assert sentence.endswith(": walking at an assumed speed.")
    assert "bus" not in sentence
