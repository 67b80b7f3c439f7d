"""The report's reach section renders from the analysis: headline, map, tables and reach against minutes."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from hubplan.analysis.view import render_view
from hubplan.cli import app
from hubplan.data import load_workspace
from hubplan.data.usage import read_usage
from hubplan.evaluate.usage import reach_of_usage
from hubplan.report.usage import NO_DATA, reach_map
from tests.helpers import write_workspace

runner = CliRunner()


def test_the_report_has_a_reach_section_with_the_most_deprived_fifth_not_seen(tmp_path: Path) -> None:
    """Tiny workspace: A1 (decile 1) 6 of 10 seen, so 40.0% of the most deprived fifth not seen;
    all areas 29 of 60 (48.3%)."""
    folder = write_workspace(tmp_path / "ws")
    usage = tmp_path / "usage.csv"
    usage.write_text("area_id,registered,seen\nA1,8,6\nA2,10,5\nA3,22,18\n")
    stored = runner.invoke(app, ["reach", str(folder), "--usage", str(usage)])
    assert stored.exit_code == 0, stored.output
    result = runner.invoke(app, ["report", str(folder), "--out", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "report.html").read_text()
    section = html[html.index('<section id="reach">') :]
    section = section[: section.index("</section>")]
    text = re.sub(r"<svg.*?</svg>", "", section, flags=re.S)
    assert "Reach: who uses the service now" in text
    assert "29 of the 60 families" in text
    assert "48.3%" in text
    assert "40.0% (95% interval 16.8% to 68.7%) of 10 families were not seen" in text
    assert text.count("<svg") == 0
    assert section.count("<svg") == 2
    assert "Reach against travel time" in text
    assert "need_weighting" in text
    assert 'href="#reach"' in html  # in the contents
    # The areas with the most not seen: A2 (20 - 5 = 15), A3 (30 - 18 = 12), A1 (10 - 6 = 4).
    most = text[text.index("The 3 areas with the most families not seen") :]
    assert most.index("<td>A2</td>") < most.index("<td>A3</td>") < most.index("<td>A1</td>")
    assert "Modelled usage" not in text  # recorded counts are not called modelled


def test_no_usage_no_section(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "ws")
    result = runner.invoke(app, ["report", str(folder), "--out", str(tmp_path / "out"), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert '<section id="reach">' not in (tmp_path / "out" / "report.html").read_text()


def test_the_map_shades_each_area_by_its_reach_band(tmp_path: Path) -> None:
    """A1 6/10 = 60% -> "60-80%" (an edge goes up); A2 5/20 = 25% -> "20-40%"; A3 34/30 -> over 100%."""
    folder = write_workspace(tmp_path / "ws")
    (tmp_path / "u.csv").write_text("area_id,registered,seen\nA1,8,6\nA2,10,5\nA3,34,34\n")
    workspace = load_workspace(folder)
    reach = reach_of_usage(workspace, read_usage(tmp_path / "u.csv", workspace))
    spec = reach_map(render_view(workspace), reach)
    dots = spec["layer"][0]["data"]["values"]
    assert [d["band"] for d in dots] == ["60-80%", "20-40%", "over 100% (check the counts)"]


def test_an_area_with_no_usage_row_is_no_data_on_the_map(tmp_path: Path) -> None:
    """Probe 10: areas a partial extract leaves out were shaded "under 20%" like areas hardly seen."""
    folder = write_workspace(tmp_path / "ws")
    (tmp_path / "u.csv").write_text("area_id,registered,seen\nA1,8,6\n")
    workspace = load_workspace(folder)
    reach = reach_of_usage(workspace, read_usage(tmp_path / "u.csv", workspace))
    spec = reach_map(render_view(workspace), reach)
    dots = spec["layer"][0]["data"]["values"]
    assert [d["band"] for d in dots] == ["60-80%", NO_DATA, NO_DATA]
