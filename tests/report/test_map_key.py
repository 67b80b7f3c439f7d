"""The report's access map names what it shows: towns, numbered bases in a key, every marker in a legend."""

from __future__ import annotations

from pathlib import Path

from hubplan.analysis.view import render_view
from hubplan.data import load_workspace
from hubplan.data.boundaries import write_boundaries
from hubplan.evaluate import evaluate
from hubplan.report.charts import BASE, CLOSES, access_map
from tests.helpers import write_workspace


def _map(tmp_path: Path, scenario: str) -> dict:
    folder = write_workspace(tmp_path / "w")
    write_boundaries(folder, {}, {}, [("Townham", 52.61, 1.02), ("Villby", 52.71, 1.11)])
    ws = load_workspace(folder)
    return access_map(render_view(ws), evaluate(ws, scenario))


def _key_rows(spec: dict) -> list[str]:
    return [row["text"] for row in spec["hconcat"][1]["data"]["values"]]


def test_the_plan_closing_a_site_numbers_its_base_and_marks_the_closure(tmp_path: Path) -> None:
    """Scenario 'one' keeps S1 of the baseline's S1 and S2: S1 is base 1 in the key, S2 a cross."""
    spec = _map(tmp_path, "one")
    drawn = spec["hconcat"][0]
    sites = {s["name"]: (s["status"], s["number"]) for s in drawn["layer"][-3]["data"]["values"]}
    assert sites == {"Site one": (BASE, "1"), "Site two": (CLOSES, "")}
    numbers = [v["number"] for v in drawn["layer"][-2]["data"]["values"]]
    assert numbers == ["1"]
    places = [v["name"] for v in drawn["layer"][-1]["data"]["values"]]
    assert places == ["Townham", "Villby"]
    rows = _key_rows(spec)
    assert "1  Site one" in rows
    assert not any("Site two" in r for r in rows)
    # Every marker is explained: the colours, the town names, the triangles and the crosses.
    assert any(r.startswith("Colour: minutes by") for r in rows)
    assert "Bold names: towns (GeoNames)." in rows
    assert "Triangles: the plan's bases, numbered as below." in rows
    assert "Crosses: sites the plan closes (bases now)." in rows
    shape = drawn["layer"][-3]["encoding"]["shape"]
    assert shape["scale"]["domain"] == [BASE, CLOSES]
    assert "legend" not in drawn["layer"][-3]["encoding"]["fill"]  # the sites' legend is drawn


def test_a_plan_closing_nothing_has_no_cross_in_its_legend(tmp_path: Path) -> None:
    spec = _map(tmp_path, "both")
    rows = _key_rows(spec)
    assert {"1  Site one", "2  Site two"} <= set(rows)
    assert not any(r.startswith("Crosses") for r in rows)
    assert spec["hconcat"][0]["layer"][-3]["encoding"]["shape"]["scale"]["domain"] == [BASE]
