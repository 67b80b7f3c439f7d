"""The report: its PDF has the sections and a figure worked out independently; its HTML stands alone."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.evaluate import evaluate
from hubplan.files import written_by_hubplan
from tests.helpers import write_workspace

runner = CliRunner()
SECTIONS = (
    "In brief",
    "The options side by side",
    "Maps",
    "Charts",
    "Draft equality impact assessment",
    "Closing centres",
    "Outreach and its timetable",
    "Assumptions and sources",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    args = [
        "report",
        str(bundled_workspace_path()),
        "--scenarios",
        "baseline-53,proposal-2018-7,adopted-2019-15",
    ]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_html_references_nothing_outside_itself(report: Path) -> None:
    html = (report / "report.html").read_text()
    references = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert references  # there are links, and every one stays inside the file
    # ... but for links (never resources) to the law it cites and to the centre pages written beside it.
    outside = ("#", "centres/", "https://www.legislation.gov.uk/", "https://www.bailii.org/")
    assert all(r.startswith(outside) for r in references), [
        r for r in references if not r.startswith(outside)
    ]
    assert not re.findall(r"""src\s*=\s*["'](?!#)""", html)
    assert "url(" not in html.replace("url(#", "")
    assert "<script" not in html  # no script needed to read it
    assert "@import" not in html


def test_report_and_pdf_carry_hubplans_mark(report: Path) -> None:
    """So a later report can tell them from a user's own report.html or report.pdf in --out."""
    assert written_by_hubplan(report / "report.html")
    assert written_by_hubplan(report / "report.pdf")
    assert (report / "report.pdf").read_bytes().startswith(b"%PDF-1.4")


def test_pdf_has_the_sections_and_a_known_figure(report: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; make test installs it")
    text = subprocess.run(
        ["pdftotext", "-layout", str(report / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for section in SECTIONS:
        assert section in flat, section
    # A figure worked out independently: families more than 30 minutes by bus under the first proposal.
    ws = load_workspace(bundled_workspace_path())
    bus = evaluate(ws, "proposal-2018-7").modes["bus"]
    beyond = round(float(ws.areas.families.sum() - bus.total.within[0, 2]))
    # ... followed by its 90% interval (tests/report/test_intervals.py works the interval out).
    assert re.search(
        rf"{beyond:,} \(90% interval [\d,]+\u2013[\d,]+\) of Norfolk's 47,149 children under five", flat
    )
    # The first page says who loses access under each plan.
    first_page = " ".join(text.split("\f")[0].split())
    assert "would lose a base within 30 minutes by bus" in first_page
    assert "Modelled data" in first_page


def test_report_names_every_closing_centre(report: Path) -> None:
    html = (report / "report.html").read_text()
    ws = load_workspace(bundled_workspace_path())
    closing = set(ws.scenario("baseline-53").bases) - set(ws.scenario("proposal-2018-7").bases)
    for centre in closing:
        assert f"({centre}," in html


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ctypes runs gcc to find libraries on Linux")
def test_the_pdf_library_loads_without_running_a_compiler() -> None:
    """WeasyPrint's library names sent ctypes to gcc 16 times a report, writing /tmp/cc*.c files."""
    script = (
        "import ctypes.util, subprocess\n"
        "calls = []\n"
        "real = subprocess.Popen.__init__\n"
        "def spy(self, args, *a, **k):\n"
        "    calls.append(args)\n"
        "    return real(self, args, *a, **k)\n"
        "subprocess.Popen.__init__ = spy\n"
        "from hubplan.report.document import _libraries_found_without_a_compiler\n"
        "with _libraries_found_without_a_compiler():\n"
        "    import weasyprint\n"
        "assert ctypes.util.find_library.__name__ == 'find_library'\n"
        "print([c for c in calls if 'ldconfig' not in str(c)])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"  # no gcc, no ld: only ldconfig's cache is read


def _own_areas_report(tmp_path: Path) -> tuple[str, str]:
    """Report the tiny workspace of the user's own areas (no boundaries.geojson), no budget anywhere.

    Returns the report's text (tags dropped, entities read) and ``hubplan outreach``'s output for
    the same option.
    """
    folder = write_workspace(tmp_path / "w")
    out = tmp_path / "rep"
    result = runner.invoke(app, ["report", str(folder), "--no-pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", (out / "report.html").read_text())).split())
    cli = runner.invoke(app, ["outreach", str(folder), "one"])
    assert cli.exit_code == 0, cli.output
    return text, " ".join(cli.output.split())


def test_report_and_outreach_follow_one_rule_without_a_budget(tmp_path: Path) -> None:
    """Probe 10 #2: outreach with no budget planned sessions while the report of the same plan said
    "No reported option has a budget, so no outreach is planned": now both plan none, in one sentence."""
    text, cli = _own_areas_report(tmp_path)
    why = (
        "no budget was set (the scenario's budget_per_year or [outreach] budget_per_year), so no outreach "
        "is planned"
    )
    assert f"Only one : {why}." in text
    assert f"Note: {why}" in cli
    assert "outreach sessions (0 a week at 0 venues; assumed [2])" in cli


def test_map_caption_says_the_users_areas_are_dots(tmp_path: Path) -> None:
    """Probe 10 #10: areas of the user's own, drawn as dots, were captioned "a neighbourhood (an LSOA)"."""
    text, _ = _own_areas_report(tmp_path)
    assert "neighbourhood (an LSOA)" not in text
    assert "Only one. Each dot is an area of areas.csv, where its people live, sized by its" in text


def test_every_table_has_header_cells(report: Path) -> None:
    """Probe round 11 (#14): each option's outreach budget table had bare cells, no <th>, no caption."""
    page = (report / "report.html").read_text()
    tables = re.findall(r"<table[^>]*>.*?</table>", page, re.S)
    assert tables
    bare = [t[:120] for t in tables if "<th " not in t and "<th>" not in t]
    assert bare == []
    budget = re.search(
        r"<table><caption[^>]*>([^<]+)</caption><tbody><tr><th scope=\"row\">budget a year</th>", page
    )
    assert budget is not None
    assert "outreach budget and cost" in budget[1]


def test_every_map_and_chart_has_its_figures_as_a_table(report: Path) -> None:
    """Probe round 11 (#8): the maps carried who is far only in colour; a table now says it in numbers."""
    page = (report / "report.html").read_text()
    maps = page[page.index('<section id="maps">') : page.index('<section id="charts">')]
    charts = page[page.index('<section id="charts">') : page.index('<section id="equality">')]
    assert maps.count('role="img"') == maps.count("<details") == 3
    assert charts.count('role="img"') == charts.count("<details") == 3
    # The adopted plan's map in numbers: its bands up to 30 minutes by bus, over all districts, are
    # those within 30 minutes by bus (worked out by evaluate, independently of the report).
    adopted = re.search(r"<caption[^>]*>Adopted plan[^<]*by district[^<]*</caption>(.*?)</table>", maps, re.S)
    assert adopted is not None
    header = re.findall(r'<th scope="col">([^<]+)</th>', adopted[1])
    assert header == ["district", "up to 10 min", "10-20 min", "20-30 min", "30-45 min", "over 45 min", "all"]
    total = re.search(r'<th scope="row">all districts</th>(.*?)</tr>', adopted[1], re.S)
    assert total is not None
    cells = [int(c.replace(",", "")) for c in re.findall(r"<td>([\d,]+)</td>", total[1])]
    ws = load_workspace(bundled_workspace_path())
    bus = evaluate(ws, "adopted-2019-15").modes["bus"]
    assert sum(cells[:3]) == pytest.approx(float(bus.total.within[0, 2]), abs=3)  # rounded per band
    assert cells[-1] == 47_149


def test_the_pdf_is_tagged_for_screen_readers(report: Path) -> None:
    """Probe round 11 (#9): ``pdfinfo report.pdf`` said ``Tagged: no`` (no headings or table structure)."""
    pdf = (report / "report.pdf").read_bytes()
    assert b"/StructTreeRoot" in pdf
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", pdf)
    if shutil.which("pdfinfo") is not None:
        info = subprocess.run(
            ["pdfinfo", str(report / "report.pdf")], capture_output=True, text=True, check=True
        )
        assert "Tagged:          yes" in info.stdout
