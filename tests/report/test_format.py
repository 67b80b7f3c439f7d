"""Money as the report and the command line write it, worked by hand."""

from __future__ import annotations

import pytest

from hubplan.report import format as fmt


@pytest.mark.parametrize(
    ("pounds", "text"),
    [
        (5_200_000, "£5.20m"),
        (1_000_000, "£1.00m"),
        (245_000, "£245k"),
        (1_000, "£1k"),
        (999.6, "£1k"),  # rounds to a thousand, so shown in thousands
        (300, "£300"),  # an amendment of £300 is not "£0k"
        (0, "£0"),
        (-2_500_000, "-£2.50m"),
        (float("nan"), "-"),
    ],
)
def test_money(pounds: float, text: str) -> None:
    assert fmt.money(pounds) == text
