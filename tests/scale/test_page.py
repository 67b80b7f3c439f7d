"""The national page escapes what it shows and reads the threshold and mode it is given."""

from __future__ import annotations

import math

import pandas as pd

from hubplan.scale.page import render_national_page
from hubplan.scale.tasks import ROW_COLUMNS


def _row(**values):
    row = dict.fromkeys(ROW_COLUMNS, math.nan)
    row.update(
        areas=3, children=100.0, bases=1, error="", code="E0", name="A", centre_lat=52.0, centre_lon=1.0
    )
    row.update(values)
    return row


def test_names_and_errors_are_escaped_and_ranked_by_the_mode_given():
    table = pd.DataFrame(
        [
            _row(code="E1", name="<script>alert(1)</script>", share_within_bus=0.5, share_within_car=0.9),
            _row(code="E2", name="Tom & Jerry", share_within_bus=0.8, share_within_car=0.1),
            _row(code="E3", name="Broken", error="ValueError: <b>bad</b>"),
        ]
    )
    page = render_national_page(
        table, rule="one base per 2,000", mode="bus", threshold_minutes=20, draw_map=False
    )
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bad</b>" not in page
    assert "ValueError: &lt;b&gt;bad&lt;/b&gt;" in page
    assert "within 20 min by bus" in page
    assert "within 30" not in page
    # Ranked by bus: Tom & Jerry (80%) first, then the 50% council.
    assert page.index("Tom &amp; Jerry") < page.index("&lt;script&gt;")
    # 2 councils planned, 100 children each: 50 + 80 = 130 of 200 within 20 minutes by bus.
    assert "65.0% of children under five are within 20 minutes of a base by bus" in " ".join(page.split())
    page_car = render_national_page(table, rule="r", mode="car", threshold_minutes=20, draw_map=False)
    assert page_car.index("&lt;script&gt;") < page_car.index("Tom &amp; Jerry")
