"""Charts render whatever text reaches them: control characters never crash the renderer."""

from __future__ import annotations

import json
import subprocess
import sys
from types import SimpleNamespace
from typing import Any

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
