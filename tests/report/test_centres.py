"""A page for every closing centre: it exists, names the centre, links back, and shows the report's figures."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import bundled_workspace_path, load_workspace
from hubplan.report import format as fmt

runner = CliRunner()
SCENARIOS = ("baseline-53", "proposal-2018-7")


class _Tables(HTMLParser):
    """Collect every table's rows as lists of cell texts, and every link."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links += [v for k, v in attrs if k == "href" and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _parse(html: str) -> _Tables:
    parser = _Tables()
    parser.feed(html)
    return parser


def _numbers(cells: list[str]) -> list[float]:
    return [float(n.replace(",", "")) for c in cells for n in re.findall(r"\d[\d,]*(?:\.\d+)?", c)]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    args = ["report", str(bundled_workspace_path()), "--scenarios", ",".join(SCENARIOS), "--out", str(out)]
    result = runner.invoke(app, [*args, "--no-pdf"])
    assert result.exit_code == 0, result.output
    return out


def _closing() -> list[tuple[str, str]]:
    ws = load_workspace(bundled_workspace_path())
    kept = set(ws.scenario("proposal-2018-7").bases)
    return [
        (c, str(ws.sites.name[ws.sites.index[c]])) for c in ws.scenario("baseline-53").bases if c not in kept
    ]


def test_every_closing_centre_has_a_page_that_names_it_and_links_back(report: Path) -> None:
    closing = _closing()
    assert len(closing) == 53 - 7
    pages = sorted(p.name for p in (report / "centres").glob("*.html"))
    assert pages == sorted(f"{c}.html" for c, _ in closing)
    main_links = set(_parse((report / "report.html").read_text()).links)
    for centre, name in closing:
        html = (report / "centres" / f"{centre}.html").read_text()
        assert f"<h1>{escape(name)}</h1>" in html
        links = _parse(html).links
        assert "../report.html" in links
        assert (report / "centres" / "../report.html").resolve() == (report / "report.html").resolve()
        assert f"centres/{centre}.html" in main_links


def test_pages_show_the_same_figures_as_the_main_report(report: Path) -> None:
    main = (report / "report.html").read_text()
    section = main[main.index('<section id="centres">') : main.index('<section id="outreach">')]
    chunks = section.split('<div class="centre">')[1:]
    assert len(chunks) == 46
    for chunk in chunks:
        centre = re.search(r"\((cc-[a-z0-9-]+),", chunk)
        assert centre is not None
        page = (report / "centres" / f"{centre[1]}.html").read_text()
        # The children it serves: the first number of the main report's paragraph, and of the page's.
        served = re.search(r"<p>([\d,]+) children had it", chunk)
        assert served is not None
        assert re.search(rf"<li>{served[1]} children under five live in", page), centre[1]
        main_rows = {r[0]: r[1:] for r in _parse(chunk).tables[0][1:]}
        page_rows = _parse(page).tables[0][1:]
        assert len(page_rows) == len(main_rows) == 1
        for row in page_rows:
            scenario = re.search(r"\(([a-z0-9-]+)\)$", row[0])
            assert scenario is not None
            theirs = main_rows[scenario[1]]
            assert row[1] == theirs[0]  # the same new base
            assert _numbers(row[2:]) == _numbers(theirs[1:])  # car, bus, walk: after and before
            assert len(_numbers(row[2:])) == 6


def test_main_report_has_the_checklist_and_the_timeline(report: Path) -> None:
    html = (report / "report.html").read_text()
    for key, words in (
        ("5A", "section 5A"),
        ("5D", "section 5D"),
        ("149", "section 149"),
        ("gunning", "Gunning"),
    ):
        assert f'id="duty-{key}"' in html
        assert words in html
    assert "https://www.legislation.gov.uk/ukpga/2006/21/section/5A" in html
    assert "48 against" in html
    assert "27 for" in html
    assert "2 abstentions" in html
    assert "+£1.30m in 2019/20" in html
    assert "+£3.00m in 2020/21" in html
    assert "+£1.00m a year" in html
    assert "hubplan amend WORKSPACE adopted-2019-15 --extra 1.3m" in html
    # Norfolk's consultation ran about 8 weeks, short of the 12 used: both items say so.
    status = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="status"[^>]*>([^<]+)</td>', html))
    assert status["Consultation period"] == status["Adequate time"] == "not met"
    assert status["Formative stage"] == "met"  # 7 bases proposed, 15 adopted


def test_one_page_for_the_web_quotes_only_redacted_comments(tmp_path: Path) -> None:
    """C2 closes under "keep"; a response naming "Centre Two" is quoted without its e-mail or phone."""
    from hubplan.analysis import analyse
    from hubplan.consult import add_responses, engine_for
    from hubplan.evaluate import evaluate
    from hubplan.report.centres import render_centre_pages
    from hubplan.travel import build_travel
    from tests.helpers import write_workspace

    folder = write_workspace(
        tmp_path / "ws",
        sites=[
            "C1,Centre One,children_centre,52.60,1.00,D1,100",
            "C2,Centre Two,children_centre,52.70,1.00,D1,100",
        ],
        areas=["A1,52.60,1.00,D1,10,1,urban,0.5", "A2,52.70,1.00,D1,20,5,urban,0.2"],
        scenarios={"all": "bases: [C1, C2]\n", "keep": "title: Keep one\nbases: [C1]\n"},
        toml='[region]\nname = "Tiny"\ndistricts = ["D1"]\n[evaluation]\nbaseline = "all"\n',
    )
    engine = engine_for(folder)
    comment = "Please keep it, write to jo@example.org or call 07700 900123"
    add_responses(engine, [{"response_id": "R1", "submitted_at": "2018-10-01", "respondent_type": "parent",
                            "postcode": "NR1 1AA", "centre": "Centre Two", "support": "oppose", "comment": comment,
                            "source_file": "x.csv", "source_row": 2}])  # fmt: skip
    engine.dispose()
    ws = load_workspace(folder)
    travel = build_travel(ws)
    evaluations = [evaluate(ws, name, travel=travel) for name in ("all", "keep")]
    analysis = analyse(ws, travel, evaluations)
    pages = render_centre_pages(analysis, only="C2", report_href="/report")
    assert list(pages) == ["C2"]
    html = pages["C2"]
    assert "Please keep it, write to [e-mail] or call [phone]" in html
    assert "jo@example.org" not in html
    assert "07700" not in html
    assert 'href="/report"' in html
    # A2 (20 children) is C2's only area; under "keep" they go to Centre One.
    assert "<li>20 children under five live in" not in html  # the areas count families here
    assert "<li>20 families with children under five live in" in html
    assert render_centre_pages(analysis, only="C1") == {}


@pytest.mark.parametrize(("mode", "words"), [("car", "by car"), ("walk", "on foot"), ("bus", "by bus")])
def test_a_centre_page_speaks_of_the_access_mode(tmp_path: Path, mode: str, words: str) -> None:
    """The centre's users, its page's sentences and its tables follow ``[evaluation] access_mode``.

    Two centres 11 km apart, an area at each: whatever the mode, A2 (20 families) is nearest C2, so
    C2's users are A2's 20 families, and under "keep" (C1 only) they go to Centre One.
    """
    from hubplan.analysis import analyse
    from hubplan.evaluate import evaluate
    from hubplan.report.centres import render_centre_pages
    from hubplan.travel import build_travel
    from tests.helpers import write_workspace

    folder = write_workspace(
        tmp_path / "ws",
        sites=[
            "C1,Centre One,children_centre,52.60,1.00,D1,100",
            "C2,Centre Two,children_centre,52.70,1.00,D1,100",
        ],
        areas=["A1,52.60,1.00,D1,10,1,urban,0.5", "A2,52.70,1.00,D1,20,5,urban,0.2"],
        scenarios={"all": "bases: [C1, C2]\n", "keep": "title: Keep one\nbases: [C1]\n"},
        toml=f'[region]\nname = "Tiny"\ndistricts = ["D1"]\n[evaluation]\nbaseline = "all"\naccess_mode = "{mode}"\n',
    )
    ws = load_workspace(folder)
    travel = build_travel(ws)
    analysis = analyse(ws, travel, [evaluate(ws, name, travel=travel) for name in ("all", "keep")])
    (centre,) = analysis.centres
    assert (centre.id, centre.mode, centre.demand, centre.areas) == ("C2", mode, 20.0, (1,))
    html = render_centre_pages(analysis, only="C2")["C2"]
    assert f"for which Centre Two is the nearest centre {words}." in html
    assert f"Keep one: nearest base {words}" in html
    after, before = centre.moves[0].minutes[mode]
    assert f"on average {fmt.minutes(after)} {words} instead of {fmt.minutes(before)}" in html
    others = {"car": "by bus", "walk": "by car", "bus": "by car"}
    assert f"nearest centre {others[mode]}" not in html
