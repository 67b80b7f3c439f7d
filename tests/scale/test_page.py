"""The national page escapes what it shows and reads the threshold and mode it is given."""

from __future__ import annotations

import math

import pandas as pd

from hubplan.scale.page import TRAILBLAZER, council_map, programme_of_council, render_national_page
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


def test_the_family_hubs_programmes_are_marked_on_the_map_and_in_the_table():
    """Three councils: E1 in the 75 (a trailblazer), E2 in the Transformation Fund, E3 in neither.

    Within 20 min by car: E1 100 children at 50% and E4 (also in the 75) 300 at 90%, so the 75's
    share is (50 + 270) / 400 = 80.0%; E2 alone 60.0%; E3 alone 10.0%.
    """
    table = pd.DataFrame(
        [
            _row(code="E1", name="One", children=100.0, share_within_car=0.5),
            _row(code="E4", name="Four", children=300.0, share_within_car=0.9),
            _row(code="E2", name="Two", children=200.0, share_within_car=0.6),
            _row(code="E3", name="Three", children=50.0, share_within_car=0.1),
        ]
    )
    programmes = pd.DataFrame(
        {
            "la_name_as_published": ["One", "Four", "Two", "Later"],
            "utla2019_name": ["One", "Four", "Two", ""],
            "utla2019_code": ["E1", "E4", "E2", ""],
            "programme": [
                "FHSfL_75_2022",
                "FHSfL_75_2022",
                "Family_Hubs_Transformation_Fund",
                "FHSfL_75_2022",
            ],
            "trailblazer_2023": ["yes", "", "", ""],
            "source": ["s", "s", "s", "s"],
        }
    )
    page = render_national_page(
        table, rule="r", mode="car", threshold_minutes=20, draw_map=False, programmes=programmes
    )
    text = " ".join(page.split())
    assert "2 Family Hubs and Start for Life (75 councils, April 2022), 1 of them trailblazers: 80.0%" in text
    assert "1 Family Hubs Transformation Fund: 60.0% within 20 minutes by car" in text
    assert "1 in neither programme: 10.0%" in text
    assert (
        "<td>Family Hubs and Start for Life (75 councils, April 2022); trailblazer (February 2023)</td>"
        in page
    )
    assert "<td>Family Hubs Transformation Fund</td>" in page
    spec = council_map(table, mode="car", threshold_minutes=20, programmes=programme_of_council(programmes))
    ring = {v["council"]: v["programme"] for v in spec["data"]["values"]}
    assert ring == {
        "One": "Family Hubs and Start for Life (75 councils, April 2022)",
        "Four": "Family Hubs and Start for Life (75 councils, April 2022)",
        "Two": "Family Hubs Transformation Fund",
        "Three": "in neither programme",
    }
    assert spec["encoding"]["stroke"]["title"] == "national family hubs programme"
    # Channels on one field share a legend: none may switch it off, or the rings go unexplained.
    assert spec["encoding"]["strokeWidth"]["legend"] is not None
    # Without the list nothing is marked.
    plain = render_national_page(table, rule="r", mode="car", threshold_minutes=20, draw_map=False)
    assert "programme" not in plain


def test_the_shipped_programme_list_names_75_and_the_transformation_fund():
    """REAL_DATA.md: 75 councils of Family Hubs and Start for Life with 14 trailblazers; 12 (then 13) of the fund."""
    from hubplan.data.england import family_hubs_programmes

    marks = programme_of_council(family_hubs_programmes())
    in_75 = [w for w in marks.values() if w.startswith("Family Hubs and Start for Life")]
    assert sum(TRAILBLAZER in w for w in marks.values()) == 14
    # 87 rows: 75 + 12; North Northamptonshire (a 2021 council, one of the 75) has no 2019 code.
    assert len(in_75) == 74
    assert len(marks) == 86
    assert marks["E10000020"].startswith("Family Hubs and Start for Life")  # Norfolk is one of the 75


def test_a_council_whose_journeys_are_inside_one_area_is_listed_not_ranked():
    """Scilly: one area, every child "0 min", 100% within reach. It must not rank first of England nor
    count in the share: it is listed apart with its caution."""
    caution = "journeys not modelled: 92 of 92 children (100%) have a base at their own area's point"
    table = pd.DataFrame(
        [
            _row(code="E06000053", name="Isles of Scilly", share_within_bus=1.0, caution=caution),
            _row(code="E2", name="Kent", share_within_bus=0.5, caution=""),
        ]
    )
    page = " ".join(
        render_national_page(table, rule="r", mode="bus", threshold_minutes=30, draw_map=False).split()
    )
    assert "<td>1</td><td>Kent</td>" in page
    assert "<td>Isles of Scilly</td>" not in page
    assert "Councils not ranked: travel inside an area is the journey" in page
    assert f"Isles of Scilly (E06000053): within 30 min by car –, by bus 100.0%; {caution}" in page.replace(
        "&#x27;", "'"
    )
    assert (
        "50.0% of children under five are within 30 minutes of a base by bus (Isles of Scilly left out"
        in page
    )
    assert [v["council"] for v in council_map(table, mode="bus", threshold_minutes=30)["data"]["values"]] == [
        "Kent"
    ]
