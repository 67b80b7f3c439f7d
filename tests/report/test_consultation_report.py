"""The consultation report renders an analysed consultation: its figures, worded; nothing computed or read.

The report below is written by hand: 1,234 responses (1,200 parents, 34 organisations), one theme no
one has answered, one petition of 6,000, and one table of 40 placed respondents against 200 affected
families: D1 has 10 respondents and 100 affected, a ratio of (10/40) / (100/200) = 0.50, under the 0.8
line; D2 has 30 and 100, (30/40) / (100/200) = 1.50; D3 has none affected, so no ratio ("-").
"""

from __future__ import annotations

import ast
import math
from pathlib import Path

import hubplan.report.consultation as consultation_module
from hubplan.analysis.consultation import (
    CentreVoices,
    ConsultationReport,
    RepresentationTable,
    StanceCount,
    ThemeSummary,
)
from hubplan.consult.snapshot import Petition
from hubplan.report.consultation import render_consultation_report, write_consultation_report

ALLOWED = ("hubplan.analysis", "hubplan.report", "hubplan.errors", "hubplan.files")

TABLE = RepresentationTable(
    breakdown="district",
    scenario="Keep one",
    labels=("D1", "D2", "D3"),
    respondents=(10.0, 30.0, 0.0),
    affected=(100.0, 100.0, 0.0),
    ratio=(0.5, 1.5, math.nan),
    under_represented=("D1",),
)
REPORT = ConsultationReport(
    region="Tiny",
    scenario="Keep one",
    count=1234,
    synthetic=False,
    types=(("parent", 1200), ("organisation", 34)),
    stances=(StanceCount("oppose", 1000, ("closed question", "text: similarity to anchor statements")),),
    themes=(ThemeSummary("t1", "Buses are too few", 321, ("bus", "buses"), ("Only two buses a day",), ""),),
    placed_by="postcode district",
    chart=(TABLE,),
    representation=(TABLE,),
    petitions=(Petition("Save Centre Two", 6000, ("NR1", "NR2")),),
    centres=(CentreVoices("C2", "Centre Two", 2, (("oppose", 2),), ("Our only group for toddlers",)),),
    source="sqlite:///x",
)


def test_the_report_words_the_analysed_figures(tmp_path: Path) -> None:
    html = render_consultation_report(REPORT)
    assert "<title>Tiny consultation: what people said</title>" in html
    assert "1,234 responses and 1 petition(s)." in html
    assert "<tr><td>parent</td><td>1,200</td></tr>" in html
    assert (
        "<td>oppose</td><td>1,000</td><td>closed question, text: similarity to anchor statements</td>" in html
    )
    # One of its 321 responses is quoted, and the heading says so (it said only "321 responses").
    assert 'Buses are too few <span class="small">(t1, 321 responses; 1 quoted below)</span>' in html
    assert "<td>Buses are too few</td><td>321</td><td>No change in the plan answered this yet.</td>" in html
    assert '<caption class="small">District: Keep one</caption>' in html
    assert "<tr><td>D1</td><td>10</td><td>100</td><td>0.50</td></tr>" in html
    assert "<tr><td>D2</td><td>30</td><td>100</td><td>1.50</td></tr>" in html
    assert "<tr><td>D3</td><td>0</td><td>0</td><td>-</td></tr>" in html
    assert "<strong>Under-represented:</strong> D1" in html
    assert "<td>Save Centre Two</td><td>6,000</td><td>NR1, NR2</td>" in html
    assert 'Centre Two <span class="small">(2 responses: oppose 2)</span>' in html
    assert "<blockquote>Our only group for toddlers</blockquote>" in html
    assert "Synthetic responses" not in html
    written = write_consultation_report(REPORT, tmp_path)
    assert written.html == tmp_path / "consultation.html"
    assert written.html.read_text(encoding="utf-8") == html


def test_the_consultation_report_imports_nothing_below_analysis() -> None:
    """Imports anywhere in the module (functions and TYPE_CHECKING blocks too) name only allowed stages."""
    tree = ast.parse(Path(consultation_module.__file__).read_text(encoding="utf-8"))
    named = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    ours = {m for m in named if m.split(".")[0] == "hubplan"}
    assert ours, "it imports the analysis it renders"
    assert {m for m in ours if not m.startswith(ALLOWED)} == set()


def test_the_tables_name_children_where_the_areas_count_children_and_say_who_is_outside() -> None:
    """Probe 9 #31 and #4: a workspace counting children says so; responses from outside are named."""
    outside = "2 responses from outside Tiny (EH1, CF10): stored, not placed in any area"
    html = render_consultation_report(
        ConsultationReport(**{**REPORT.__dict__, "people": "children", "outside": outside})
    )
    assert '<th scope="col">children affected</th>' in html
    assert "against the children whose nearest base closes" in html
    assert "families" not in html
    assert f"<p>{outside}.</p>" in html
    plain = render_consultation_report(REPORT)
    assert '<th scope="col">families affected</th>' in plain
    assert "from outside" not in plain
