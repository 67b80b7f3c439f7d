"""Charts render whatever text reaches them: control characters never crash the renderer."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.report.charts import area_words, chart_safe, chart_text

PASTED = {
    "title": "First proposal\v(Sept 2018)",  # Word's manual line break, pasted into a spreadsheet
    "sites": ["Attleborough\vChildren's Centre", "\x1b[31mDiss\x1b[0m", "Thetford\x07", "Wymondham\x85"],
}


def _spec(title: str, sites: list[str]) -> dict[str, object]:
    """A bar chart as the report draws them: a title, one bar per site, the site names as labels."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "data": {"values": [{"site": s, "families": 10 * (i + 1)} for i, s in enumerate(sites)]},
        "mark": "bar",
        "encoding": {
            "y": {"field": "site", "type": "nominal", "title": f"site\x1b[1m ({title})"},
            "x": {"field": "families", "type": "quantitative"},
        },
    }


def test_control_characters_in_labels_and_titles_render() -> None:
    """A site name or scenario title holding \\v, ESC[31m or BEL renders (vl-convert aborted on them).

    The render runs in a child process: before the fix, vl-convert's Rust panic (NonXmlChar) aborted the
    whole process (SIGABRT, exit -6), which would have taken the test run with it.
    """
    code = (
        "import json, sys; from hubplan.report.charts import to_svg; "
        "sys.stdout.write(to_svg(json.loads(sys.stdin.read())))"
    )
    spec = _spec(PASTED["title"], PASTED["sites"])
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    svg = done.stdout
    assert "First proposal (Sept 2018)" in svg
    assert "Attleborough Children" in svg
    assert ">Diss<" in svg
    assert not any(chr(c) in svg for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85])


def test_chart_safe_cleans_keys_and_values_alike() -> None:
    """Fields named in encodings still match the data once both are cleaned; numbers are untouched."""
    spec = {"data": {"values": [{"a\x07": "x\vy", "n": 3}]}, "encoding": {"y": {"field": "a\x07"}}}
    assert chart_safe(spec) == {
        "data": {"values": [{"a ": "x y", "n": 3}]},
        "encoding": {"y": {"field": "a "}},
    }


def test_chart_text_drops_terminal_codes_and_spaces_control_runs() -> None:
    assert chart_text("\x1b[31mred\x1b[0m") == "red"
    assert chart_text("a\r\n\tb") == "a b"
    assert chart_text("plain £ text é") == "plain £ text é"


def _view(ids: list[str], outlined: list[str]) -> Any:
    """A stand-in for a RenderView: the areas' ids and noun, and the outlines drawn for some."""
    areas = SimpleNamespace(ids=tuple(ids), noun="children under five")
    features = tuple({"properties": {"id": i}} for i in outlined)
    return SimpleNamespace(areas=areas, layers=SimpleNamespace(area=features))


def test_a_map_caption_says_what_each_area_is_drawn_as() -> None:
    """Probe 10 #10: "a neighbourhood (an LSOA)" only for LSOAs drawn as outlines."""
    lsoas = ["E01026599", "W01000001"]
    assert area_words(_view(lsoas, lsoas)) == "Each shape is a neighbourhood (an LSOA)"
    assert area_words(_view(["a1", "a2"], ["a1", "a2"])) == "Each shape is an area of areas.csv"
    dots = "Each dot is an area of areas.csv, where its people live, sized by its children under five"
    assert area_words(_view(["a1", "a2"], [])) == dots
    assert area_words(_view(lsoas, ["elsewhere"])) == dots  # outlines of no area here: dots are drawn


def _square(lat: float, lon: float, *, points_per_side: int) -> list[list[float]]:
    """A closed ring 0.02 degrees square around (lat, lon), each side cut into ``points_per_side`` steps."""
    corners = [
        (lon - 0.01, lat - 0.01),
        (lon + 0.01, lat - 0.01),
        (lon + 0.01, lat + 0.01),
        (lon - 0.01, lat + 0.01),
    ]
    ring = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        ring += [
            [x0 + (x1 - x0) * k / points_per_side, y0 + (y1 - y0) * k / points_per_side]
            for k in range(points_per_side)
        ]
    return [*ring, ring[0]]


def _outlined_report(folder: Path, out: Path, *, points_per_side: int) -> int:
    """Report the tiny workspace with its three areas drawn as squares; return report.html's size (bytes)."""
    from tests.helpers import TINY_AREAS, write_workspace

    write_workspace(folder)
    features = []
    for row in TINY_AREAS:
        area, lat, lon, district = row.split(",")[:4]
        ring = _square(float(lat), float(lon), points_per_side=points_per_side)
        features.append({
            "type": "Feature", "properties": {"layer": "area", "id": area, "district": district},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        })  # fmt: skip
    (folder / "boundaries.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features})
    )
    result = CliRunner().invoke(app, ["report", str(folder), "--no-pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return (out / "report.html").stat().st_size


def test_outlines_with_needless_points_make_no_bigger_a_report(tmp_path: Path) -> None:
    """Probe 34 F13: a 50 MB outline file made a 238 MB report; its points went into every map.

    The same three squares, once as 4 corners and once with 3,000 points on every side (all on the
    straight sides, so 12,000 points that draw the same square): the maps simplify each outline to a
    quarter of a pixel, which leaves the 4 corners either way, so the two reports are the same size
    give or take rounding in the last digit of a coordinate (1%). Unsimplified, the dense squares add
    36,000 points to each of the report's maps: megabytes.
    """
    plain = _outlined_report(tmp_path / "plain", tmp_path / "rep-plain", points_per_side=1)
    dense = _outlined_report(tmp_path / "dense", tmp_path / "rep-dense", points_per_side=3000)
    assert dense <= plain * 1.01, (plain, dense)


def test_a_long_report_shows_its_steps_on_a_terminal_and_nothing_in_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe 34 F13: 8.5 minutes of report printed nothing at all; on a terminal a bar now says the step.

    Where stderr is a file (CliRunner's), the bar writes nothing, not even a blank line.
    """
    from rich.console import Console

    from hubplan.cli import common
    from tests.helpers import write_workspace

    folder = write_workspace(tmp_path / "w")
    quiet = CliRunner().invoke(app, ["report", str(folder), "--no-pdf", "--out", str(tmp_path / "r1")])
    assert quiet.exit_code == 0, quiet.output
    assert "scenarios (evaluate" not in quiet.output
    screen = io.StringIO()
    monkeypatch.setattr(common, "err", Console(file=screen, force_terminal=True, width=120))
    shown = CliRunner().invoke(app, ["report", str(folder), "--no-pdf", "--out", str(tmp_path / "r2")])
    assert shown.exit_code == 0, shown.output
    assert "report of 2 scenarios (evaluate, analyse, draw, centre pages)" in screen.getvalue()
