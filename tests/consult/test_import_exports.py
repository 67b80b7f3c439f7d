"""Exports as survey tools write them (probe 9 #24, #29, #39): no ids, no respondent type, two header rows.

Google Forms exports have no response-id column: each response's id is made from its time and answers,
so the same export imported twice adds nothing the second time. Microsoft Forms (and many councils'
forms) do not ask who is responding: respondent_type is left blank and shown as "not asked".
SurveyMonkey writes a second header row ("Response", "Open-Ended Response"): it is skipped, saying so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.consult.importer import MADE_ID_PREFIX, read_responses
from hubplan.store import close_stores
from tests.helpers import write_workspace

runner = CliRunner()

GOOGLE = (
    "Timestamp,Are you a parent or carer?,Postcode,Which centre do you use?,Do you agree with the proposal?,"
    "Any other comments?\n"
    '2019/01/14 10:32:11 AM GMT,Parent,NR1 9QE,Alpha,Strongly disagree,"Keep it open"\n'
    "2019/01/14 1:02:03 PM GMT,Grandparent,nr19qe,,Agree,ok\n"
)
GOOGLE_MAP = """[columns]
submitted_at = "Timestamp"
respondent_type = "Are you a parent or carer?"
postcode = "Postcode"
centre = "Which centre do you use?"
support = "Do you agree with the proposal?"
comment = "Any other comments?"
"""
MICROSOFT = (
    "ID,Start time,Completion time,Email,Name,Postcode,Centre,Support,Comments\n"
    "1,14/01/2019 10:30,14/01/2019 10:32,anonymous,,NR1 9QE,Alpha,Disagree,Too far\n"
    "2,14/01/2019 11:30,14/01/2019 11:32,anonymous,,IP22 4AB,Alpha,Agree,Fine\n"
)
MICROSOFT_MAP = """[columns]
response_id = "ID"
submitted_at = "Completion time"
postcode = "Postcode"
centre = "Centre"
support = "Support"
comment = "Comments"
"""
SURVEYMONKEY = (
    "Respondent ID,Collector ID,Start Date,End Date,Are you,What is your postcode?,Which centre?,"
    "Do you support the proposal?,Comments\n"
    ",,,,Response,Response,Response,Response,Open-Ended Response\n"
    "114226,4232,10/15/2018 09:01:02 AM,10/15/2018 09:05:00 AM,Parent,NR1 9QE,Alpha,Disagree,Too far\n"
)
SURVEYMONKEY_MAP = """[columns]
response_id = "Respondent ID"
submitted_at = "End Date"
respondent_type = "Are you"
postcode = "What is your postcode?"
centre = "Which centre?"
support = "Do you support the proposal?"
comment = "Comments"
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    """The tiny workspace; stores are closed after the test."""
    yield write_workspace(tmp_path / "ws")
    close_stores()


def _import(workspace: Path, export: str, mapping: str) -> str:
    (workspace.parent / "resp.csv").write_text(export)
    (workspace.parent / "map.toml").write_text(mapping)
    args = ["consult", "import", str(workspace), str(workspace.parent / "resp.csv")]
    result = runner.invoke(app, [*args, "--mapping", str(workspace.parent / "map.toml")])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_a_google_forms_export_has_ids_made_from_its_answers(workspace: Path) -> None:
    said = _import(workspace, GOOGLE, GOOGLE_MAP)
    assert "resp.csv: 2 valid rows, 2 new" in said
    assert "resp.csv has no response_id column (Google Forms exports have none)" in said
    assert "made from its answers" in said
    again = _import(workspace, GOOGLE, GOOGLE_MAP)
    assert "2 valid rows, 0 new (2 already stored)" in again
    # A later export with one more response, in another order, adds only that one.
    later = GOOGLE.splitlines(keepends=True)
    later = [later[0], "2019/01/15 09:00:00 AM GMT,Parent,NR2 1AA,,Neutral,\n", later[2], later[1]]
    assert "3 valid rows, 1 new (2 already stored)" in _import(workspace, "".join(later), GOOGLE_MAP)


def test_made_ids_are_stable_and_marked(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(GOOGLE)
    (tmp_path / "b.csv").write_text(GOOGLE)
    mapping = {v: k for k, v in (line.split(" = ") for line in GOOGLE_MAP.splitlines()[1:])}
    mapping = {k.strip('"'): v for k, v in mapping.items()}
    first = read_responses(tmp_path / "a.csv", mapping=mapping)
    second = read_responses(tmp_path / "b.csv", mapping=mapping)
    ids = [r["response_id"] for r in first.rows]
    assert ids == [r["response_id"] for r in second.rows]
    assert all(str(i).startswith(MADE_ID_PREFIX) and len(str(i)) == len(MADE_ID_PREFIX) + 12 for i in ids)
    assert len(set(ids)) == 2


def test_an_export_without_a_respondent_type_question_is_imported_as_not_asked(workspace: Path) -> None:
    said = _import(workspace, MICROSOFT, MICROSOFT_MAP)
    assert "2 valid rows, 2 new" in said
    assert "resp.csv has no respondent_type column: respondent_type is left blank ('not asked')" in said
    summary = runner.invoke(app, ["consult", "summary", str(workspace), "--scenario", "one"])
    assert summary.exit_code == 0, summary.output
    assert "2 responses; by type: not asked 2" in summary.output


def test_surveymonkey_s_second_header_row_is_skipped_saying_so(workspace: Path) -> None:
    said = _import(workspace, SURVEYMONKEY, SURVEYMONKEY_MAP)
    assert "resp.csv: row 2 is SurveyMonkey's second header row ('Response', 'Open-Ended Response'" in said
    assert "skipped" in said
    assert "resp.csv: 1 valid rows, 1 new (0 already stored), 0 problem(s) skipped" in said


def test_rows_after_a_spreadsheet_s_empty_row_keep_their_numbers(workspace: Path) -> None:
    """Line 4 is an empty spreadsheet row (,,,,,,): the future date below it is on line 5, said as row 5.

    Before, blank rows were not counted, so every later problem was named one row too high up, and the
    blank row went without a word.
    """
    export = (
        "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"
        "R1,2018-10-01T10:00,parent,NR1 1AA,,disagree,Keep it open.\n"
        "R2,2018-10-01T11:00,parent,NR1 1AB,,agree,Fine.\n"
        ",,,,,,\n"
        "R3,2030-01-01T12:00,parent,NR1 1AC,,disagree,Dated in the future.\n"
        "R4,2018-10-02T12:00,parent,NR1 1AD,,maybe?,An answer no list has.\n"
    )
    (workspace.parent / "responses.csv").write_text(export)
    result = runner.invoke(
        app, ["consult", "import", str(workspace), str(workspace.parent / "responses.csv")]
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "responses.csv, row 5, column 'submitted_at'" in said
    assert "responses.csv, row 6, column 'support'" in said
    assert "responses.csv: 1 blank row skipped (row 4: no cell filled in)" in said
    assert "2 valid rows, 2 new (0 already stored), 2 problem(s) skipped" in said


def test_rows_that_repeat_an_earlier_row_exactly_are_named_and_stored_once(workspace: Path) -> None:
    """Probe 34 F16: a form sent twice gives the same row again; the import said nothing of it.

    Rows 2-3 give D-1 with different answers (both named as problems, neither kept); row 5 copies
    row 4 and row 7 copies row 6 exactly, and row 8 copies row 4 again: 3 repeats of 2 responses, so
    2 valid rows (D-2 and D-3), each stored once, and the note names rows 5, 7 and 8.
    """
    export = (
        "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"
        "D-1,2018-10-24T08:45,parent,NR1 9QE,,disagree,first answer\n"
        "D-1,2018-10-24T08:45,parent,NR1 9QE,,agree,changed answer\n"
        "D-2,2018-10-24T08:45,parent,NR1 9QE,,agree,x\n"
        "D-2,2018-10-24T08:45,parent,NR1 9QE,,agree,x\n"
        "D-3,2018-10-25T09:00,carer,NR2 1AB,,disagree,too far\n"
        "D-3,2018-10-25T09:00,carer,NR2 1AB,,disagree,too far\n"
        "D-2,2018-10-24T08:45,parent,NR1 9QE,,agree,x\n"
    )
    (workspace.parent / "responses.csv").write_text(export)
    result = runner.invoke(
        app, ["consult", "import", str(workspace), str(workspace.parent / "responses.csv")]
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "responses.csv: 3 rows repeat an earlier row of the file (rows 5, 7, 8): stored once" in said
    assert "2 valid rows, 2 new (0 already stored), 2 problem(s) skipped" in said


def test_a_row_that_repeats_a_row_with_a_problem_is_not_said_to_be_stored(workspace: Path) -> None:
    """Row 3 copies row 2, whose answer no list has: neither is stored, and the note says so."""
    export = (
        "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"
        "R1,2018-10-02T12:00,parent,NR1 1AD,,maybe?,An answer no list has.\n"
        "R1,2018-10-02T12:00,parent,NR1 1AD,,maybe?,An answer no list has.\n"
        "R2,2018-10-01T11:00,parent,NR1 1AB,,agree,Fine.\n"
    )
    (workspace.parent / "responses.csv").write_text(export)
    result = runner.invoke(
        app, ["consult", "import", str(workspace), str(workspace.parent / "responses.csv")]
    )
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        "responses.csv: 1 row repeats an earlier row of the file (row 3): skipped with the row it repeats, "
        "which has a problem"
    ) in said
    assert "1 valid rows, 1 new (0 already stored), 1 problem(s) skipped" in said


CAMPAIGN = "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n" + "".join(
    f"C{i},2018-10-07T09:0{i},parent,NR1 9Q{c},,disagree,{text}\n"
    for i, (c, text) in enumerate(
        [
            ("A", "SAVE OUR CENTRES: I object to every closure."),
            ("B", "SAVE OUR CENTRES: I object to every closure."),
            ("D", "save our centres -  i object to every closure"),  # the same words, retyped
            ("E", "The bus to town takes over an hour."),
        ],
        start=1,
    )
)


def test_a_campaign_s_shared_text_is_counted_and_said(workspace: Path) -> None:
    """Three responses give one text (the third in other case and spacing): three responses, and said.

    Before, the import, the summary and its representation tables counted them as three independent
    respondents without a word.
    """
    (workspace.parent / "responses.csv").write_text(CAMPAIGN)
    imported = runner.invoke(
        app, ["consult", "import", str(workspace), str(workspace.parent / "responses.csv")]
    )
    assert imported.exit_code == 0, imported.output
    said = " ".join(imported.output.split())
    assert "4 valid rows, 4 new" in said
    assert (
        "responses.csv: 4 rows kept, 3 of these share one text (rows 2, 3, 4 have the most shared one)"
        in said
    )
    summary = runner.invoke(app, ["consult", "summary", str(workspace), "--scenario", "one"])
    assert summary.exit_code == 0, summary.output
    shown = " ".join(summary.output.split())
    assert "4 responses (3 of these share one text); by type: parent 4" in shown
    assert (
        "Sharing a text: a shared text is the same words, three or more (case, spacing and punctuation"
        in shown
    )
