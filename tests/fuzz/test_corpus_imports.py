"""Issue 26's last probe findings through `consult import`, `reach` and `init`, as people really send them.

Each case writes what a council officer has to hand (a survey tool's export, a mapping typed in
Notepad, a usage extract, a list of the centres run today) into a fresh folder and runs the real
command: exit 1 with a message naming the user's file, row and column and no traceback, or, where the
file is right, exit 0 with the rows counted by hand here. The imports run in-process, where pytest's
``filterwarnings = error`` turns any library warning into a failure; the special files run in a child
with a hang guard (tests.data.test_hostile.run_cli). New families of these commands go here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hubplan.cli import app
from hubplan.consult import all_responses, engine_for
from tests.data.test_hostile import MAX_OUTPUT_BYTES, run_cli
from tests.helpers import write_workspace

GOOGLE_HEADER = (
    '"Timestamp","Response ID","I am a...","Your postcode","Which children\'s centre do you use?",'
    '"Do you agree with the proposal?","Anything else you want to tell us?"\n'
)
GOOGLE_MAPPING = """# Google Forms export -> hubplan (typed in Notepad)
[columns]
submitted_at = "Timestamp"
response_id = "Response ID"
respondent_type = "I am a..."
postcode = "Your postcode"
centre = "Which children's centre do you use?"
support = "Do you agree with the proposal?"
comment = "Anything else you want to tell us?"
"""
HEADER = "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("HUBPLAN_STORE_URL", raising=False)
    return write_workspace(tmp_path / "ws")


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "250"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "Warning" not in result.output  # no library's warning reaches the user
    assert len(result.output.encode()) < MAX_OUTPUT_BYTES
    return result.exit_code, result.output


def _refused(output: str, code: int, *patterns: str) -> None:
    assert code == 1, output
    for pattern in patterns:
        assert re.search(pattern, output), f"no {pattern!r} in {output}"


# Item 1: a mapping that gives one export column for two fields.


@pytest.mark.parametrize(
    ("mapping", "pattern"),
    [
        (  # the line above copied and its column left unchanged
            GOOGLE_MAPPING.replace(
                'comment = "Anything else you want to tell us?"', 'comment = "Response ID"'
            ),
            r"map\.toml, column 'columns\.comment': expected a column no other name is mapped to "
            r"\(columns\.response_id is mapped to it too\), found 'Response ID' for both response_id and comment",
        ),
        (  # the brief's case: the export's own column named for itself and for the comment
            '[columns]\nresponse_id = "response_id"\ncomment = "response_id"\n',
            r"column 'columns\.comment': .*found 'response_id' for both response_id and comment",
        ),
        (  # the same column with a stray space
            '[columns]\nresponse_id = "Response ID"\ncentre = "Response ID "\n',
            r"column 'columns\.centre': .*found 'Response ID' for both response_id and centre",
        ),
    ],
    ids=["copied line", "canonical column twice", "stray space"],
)
def test_a_mapping_giving_one_column_for_two_fields_is_refused(
    ws: Path, tmp_path: Path, mapping: str, pattern: str
) -> None:
    export = tmp_path / "form.csv"
    export.write_text(
        GOOGLE_HEADER + '"2019/01/14 10:32:11 AM GMT","gf-1","Parent","NR1 1AA","","Agree",""\n'
    )
    (tmp_path / "map.toml").write_text(mapping, encoding="utf-8")
    code, output = _invoke("consult", "import", str(ws), str(export), "--mapping", str(tmp_path / "map.toml"))
    _refused(output, code, pattern)


def test_a_mapping_without_its_columns_line_is_refused(ws: Path, tmp_path: Path) -> None:
    """The [columns] line left out: the names would be read as nothing and the export's columns missed."""
    export = tmp_path / "form.csv"
    export.write_text(
        GOOGLE_HEADER + '"2019/01/14 10:32:11 AM GMT","gf-1","Parent","NR1 1AA","","Agree",""\n'
    )
    (tmp_path / "map.toml").write_text(GOOGLE_MAPPING.replace("[columns]\n", ""))
    code, output = _invoke("consult", "import", str(ws), str(export), "--mapping", str(tmp_path / "map.toml"))
    _refused(
        output, code, r"the mapping map\.toml has 7 problem\(s\)",
        r"map\.toml, column 'submitted_at': expected each name under a \[columns\] line, found a name outside",
    )  # fmt: skip


def test_an_export_column_beside_one_the_mapping_renames_to_it_is_refused(ws: Path, tmp_path: Path) -> None:
    """The export has its own 'comment' column and the mapping renames 'Comments' to comment too."""
    export = tmp_path / "export.csv"
    export.write_text(HEADER.rstrip("\n") + ",Comments\nr1,2018-10-01,parent,NR1 1AA,,agree,a,b\n")
    (tmp_path / "map.toml").write_text('[columns]\ncomment = "Comments"\n')
    code, output = _invoke("consult", "import", str(ws), str(export), "--mapping", str(tmp_path / "map.toml"))
    _refused(output, code, r"export\.csv, row 1, column 'comment': expected one column for it .*"
                           r"found 2 columns read as it: 'comment' and 'Comments'")  # fmt: skip


# Item 2: a file with no responses.


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (b"\xef\xbb\xbf" + HEADER.encode(), "only a header row"),  # Excel's 'CSV UTF-8' of the headings
        (
            b"\xef\xbb\xbf" + HEADER.replace("\n", "\r\n").encode() + b",,,,,,\r\n,,,,,,\r\n",
            "only a header row",
        ),
        (b"", "an empty file"),
        (b"\xef\xbb\xbf", r"an empty file \(only a byte-order mark\)"),
    ],
    ids=["BOM and header", "header and empty spreadsheet rows", "empty", "BOM only"],
)
def test_an_export_without_responses_is_refused(ws: Path, tmp_path: Path, content: bytes, found: str) -> None:
    export = tmp_path / "responses.csv"
    export.write_bytes(content)
    code, output = _invoke("consult", "import", str(ws), str(export))
    _refused(output, code, r"responses\.csv holds no responses", rf"responses\.csv: expected .*found {found}")


# Item 3: a mapping saved by Notepad in another encoding.


def test_a_mapping_saved_as_unicode_by_notepad_is_read(ws: Path, tmp_path: Path) -> None:
    """Notepad's 'Unicode' is UTF-16 with a byte-order mark: read as the CSV readers read it; 2 rows."""
    export = tmp_path / "form.csv"
    export.write_text(
        GOOGLE_HEADER
        + '"2019/01/14 10:32:11 AM GMT","gf-1","Parent","NR1 1AA","","Disagree","No bus on Sundays."\n'
        + '"2019/01/14 1:05:40 PM GMT","gf-2","Grandparent","NR20 4AB","","Agree",""\n'
    )
    (tmp_path / "map.toml").write_bytes(GOOGLE_MAPPING.replace("\n", "\r\n").encode("utf-16"))
    code, output = _invoke("consult", "import", str(ws), str(export), "--mapping", str(tmp_path / "map.toml"))
    assert code == 0, output
    assert "form.csv: 2 valid rows, 2 new" in output
    assert [r.comment for r in all_responses(engine_for(ws))] == ["No bus on Sundays.", ""]


def test_a_mapping_saved_as_utf16_without_a_mark_is_read(ws: Path, tmp_path: Path) -> None:
    export = tmp_path / "form.csv"
    export.write_text(
        GOOGLE_HEADER + '"2019/01/14 10:32:11 AM GMT","gf-1","Parent","NR1 1AA","","Agree",""\n'
    )
    (tmp_path / "map.toml").write_bytes(GOOGLE_MAPPING.encode("utf-16-le"))  # no byte-order mark
    code, output = _invoke("consult", "import", str(ws), str(export), "--mapping", str(tmp_path / "map.toml"))
    assert code == 0, output
    assert "form.csv: 1 valid rows, 1 new" in output


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        (GOOGLE_MAPPING.replace("Anything else", "Anything else (£)").encode("cp1252"),  # Notepad's 'ANSI'
         r"map\.toml, row 9: expected UTF-8 text .*found byte 0xa3, which is not UTF-8 "
         r"\(the file looks saved as Latin-1 or Windows-1252\)"),
        (b'[columns\ncomment = "Comments"\n',
         r"map\.toml, row 1: expected a TOML mapping file: \[columns\], then lines such as "),
    ],
    ids=["ANSI", "not TOML"],
)  # fmt: skip
def test_a_mapping_in_another_encoding_says_utf8(
    ws: Path, tmp_path: Path, content: bytes, pattern: str
) -> None:
    export = tmp_path / "form.csv"
    export.write_text(
        GOOGLE_HEADER + '"2019/01/14 10:32:11 AM GMT","gf-1","Parent","NR1 1AA","","Agree",""\n'
    )
    (tmp_path / "map.toml").write_bytes(content)
    code, output = _invoke("consult", "import", str(ws), str(export), "--mapping", str(tmp_path / "map.toml"))
    _refused(output, code, pattern)
    assert "codec" not in output


# Item 4: the times survey tools export.


@pytest.mark.parametrize(
    ("header", "rows", "mapping"),
    [
        (GOOGLE_HEADER,
         ['"2019/01/14 10:32:11 AM GMT","gf-1","Parent","NR1 1AA","","Agree",""',
          '"2019/01/14 1:05:40 PM GMT+1","gf-2","Parent","NR1 1AA","","Agree",""'],
         GOOGLE_MAPPING),
        ("ID,Start time,Completion time,Email,Name,Type,Postcode,Centre,Support,Comments\n",
         ["1,14/01/2019 10:32:11,14/01/2019 10:40:02,anonymous,,parent,NR1 1AA,,agree,",
          "2,15/01/2019 09:01:00,15/01/2019 09:05:13,anonymous,,parent,NR1 1AA,,agree,"],
         '[columns]\nresponse_id = "ID"\nsubmitted_at = "Completion time"\nrespondent_type = "Type"\n'
         'postcode = "Postcode"\ncentre = "Centre"\nsupport = "Support"\ncomment = "Comments"\n'),
        ("ID,Start time,Completion time,Email,Name,Type,Postcode,Centre,Support,Comments\n",  # a US-set Excel
         ["1,1/14/2019 10:32:11 AM,1/14/2019 10:40:02 AM,anonymous,,parent,NR1 1AA,,agree,",
          "2,1/15/2019 9:01:00 AM,1/15/2019 9:05:13 AM,anonymous,,parent,NR1 1AA,,agree,"],
         '[columns]\nresponse_id = "ID"\nsubmitted_at = "Completion time"\nrespondent_type = "Type"\n'
         'postcode = "Postcode"\ncentre = "Centre"\nsupport = "Support"\ncomment = "Comments"\n'),
        ("Response ID,Started,Ended,respondent_type,postcode,centre,support,comment\n",
         ["CS-0001,2019-01-14 10:32:11,2019-01-14 10:40:00,parent,NR1 1AA,,agree,",
          "CS-0002,2019-01-14T10:33:00Z,2019-01-14T10:41:00Z,parent,NR1 1AA,,agree,"],
         '[columns]\nresponse_id = "Response ID"\nsubmitted_at = "Ended"\n'),
    ],
    ids=["Google Forms", "Microsoft Forms (UK)", "Microsoft Forms (US)", "Citizen Space"],
)  # fmt: skip
def test_survey_tools_times_are_read_without_warnings(
    ws: Path, tmp_path: Path, header: str, rows: list[str], mapping: str
) -> None:
    export = tmp_path / "export.csv"
    export.write_text(header + "\n".join(rows) + "\n")
    (tmp_path / "map.toml").write_text(mapping)
    code, output = _invoke("consult", "import", str(ws), str(export), "--mapping", str(tmp_path / "map.toml"))
    assert code == 0, output
    assert "export.csv: 2 valid rows, 2 new (0 already stored), 0 problem(s) skipped" in output


def test_times_that_fit_no_export_are_named_by_row(ws: Path, tmp_path: Path) -> None:
    """Row 3 was typed by hand; row 4 is month first in a file that is day first (rows 2 and 5); row 5 is 31
    February. 1 row is kept."""
    export = tmp_path / "paper-forms.csv"
    export.write_text(
        HEADER
        + "P-01,14/01/2019 10:32,parent,NR1 1AA,,agree,\n"
        + "P-02,Monday morning,parent,NR1 1AA,,agree,\n"
        + "P-03,1/15/2019 09:00,parent,NR1 1AA,,agree,\n"
        + "P-04,31/02/2019 09:00,parent,NR1 1AA,,agree,\n"
    )
    code, output = _invoke("consult", "import", str(ws), str(export))
    assert code == 0, output
    assert "paper-forms.csv: 1 valid rows, 1 new (0 already stored), 3 problem(s) skipped" in output
    for row, expected in (
        (3, r"a date and time as a survey tool exports it: ISO 8601"),
        (
            4,
            r"a date in the order most of the file's dates use \(day first: 2 rows can only be read that way,"
            r" e\.g\. row 2\)",
        ),
        (5, r"a date and time that exist"),
    ):
        flat = " ".join(output.split())
        assert re.search(rf"paper-forms\.csv, row {row}, column 'submitted_at': expected {expected}", flat)
    assert "Monday" not in output  # the cell itself is never quoted


def test_an_export_whose_every_time_fits_no_form_imports_nothing_and_exits_1(
    ws: Path, tmp_path: Path
) -> None:
    """30 rows re-saved by a German-set spreadsheet (14.01.2019 10:32): no row can be kept, so the import
    fails (exit 1, nothing stored) instead of reporting "0 valid rows"; the first 20 problems are listed."""
    export = tmp_path / "resaved.csv"
    export.write_text(
        HEADER + "".join(f"R{i},14.01.2019 10:{i:02d},parent,NR1 1AA,,agree,\n" for i in range(30))
    )
    code, output = _invoke("consult", "import", str(ws), str(export))
    _refused(
        output, code,
        r"resaved\.csv holds no response that can be imported: 30 problem\(s\) \(the first 20 shown\)",
        r"resaved\.csv, row 2, column 'submitted_at': expected a date and time as a survey tool exports it",
    )  # fmt: skip
    assert "row 21," in output
    assert "row 22," not in output
    assert all_responses(engine_for(ws)) == []


# Item 7: one response id written two ways.


def test_a_response_id_written_two_ways_is_one_response_named_with_both_rows(
    ws: Path, tmp_path: Path
) -> None:
    """'R12' and 'r12 ' (typed again, same answers): one response, named at row 3 with row 2; 'R13' and
    'r13' with different comments: both named, neither kept. 1 of 4 rows stored."""
    export = tmp_path / "citizen-space.csv"
    export.write_text(
        HEADER
        + "R12,2019-01-14 10:32,parent,NR1 1AA,,disagree,Please keep it open\n"
        + "r12 ,2019-01-14 10:32,parent,NR1 1AA,,disagree,Please keep it open\n"
        + "R13,2019-01-14 10:40,parent,NR1 1AA,,agree,Fine by me\n"
        + "r13,2019-01-14 10:40,parent,NR1 1AA,,agree,Actually no\n"
    )
    code, output = _invoke("consult", "import", str(ws), str(export))
    assert code == 0, output
    assert "citizen-space.csv: 1 valid rows, 1 new (0 already stored), 3 problem(s) skipped" in output
    assert (
        "citizen-space.csv, row 3, column 'response_id': expected each response_id written one way (row 2 has "
        "'R12', the same answers), found 'r12': kept once, as row 2"
    ) in output
    assert (
        "citizen-space.csv, row 5, column 'response_id': expected each response_id once, or the same response "
        "again (row 4 has 'R13'), found 'r13' with different answers"
    ) in output
    assert (
        "citizen-space.csv, row 4, column 'response_id': expected each response_id once (row 5 gives it again "
        "with different answers), found 'R13'"
    ) in output
    assert [r.response_id for r in all_responses(engine_for(ws))] == ["R12"]


# Item 5: a usage table that is not a regular file.


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_reach_with_a_named_pipe_or_a_device_says_so(ws: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "usage-export.csv"
    os.mkfifo(fifo)
    pipe, device, missing = run_cli(
        ["reach", str(ws), "--usage", str(fifo)],
        ["reach", str(ws), "--usage", "/dev/zero"],
        ["reach", str(ws), "--usage", str(tmp_path / "usage-2019.csv")],
    )
    expected = {
        "pipe": (pipe, r"usage-export\.csv: expected a usage table as a regular file, found a FIFO"),
        "device": (device, r"zero: expected a usage table as a regular file, found a character device"),
        "missing": (missing, r"usage-2019\.csv: expected a usage table, found no such file"),
    }
    for what, (result, pattern) in expected.items():
        assert result["exception"] is None, what
        _refused(str(result["output"]), int(str(result["code"])), pattern)
    assert "no such file" not in str(pipe["output"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_workspace_usage_file_that_is_a_pipe_is_named_not_skipped(ws: Path) -> None:
    os.mkfifo(ws / "usage.csv")
    (result,) = run_cli(["reach", str(ws)])
    _refused(str(result["output"]), int(str(result["code"])),
             r"usage\.csv: expected a usage table as a regular file, found a FIFO")  # fmt: skip


# Item 6: the centres run today, with a centre twice.

RUTLAND = "E06000017"
"""Rutland: 24 LSOAs, libraries at Ketton (52.62965, -0.55353) and Oakham (52.66939, -0.72585)."""


def test_init_names_the_users_file_and_rows_for_a_centre_twice(tmp_path: Path) -> None:
    """The list the council keeps: Oakham's hub again in capitals with a trailing space (row 4, after a
    blank line), and Ketton's hub again under a new id (row 5)."""
    current = tmp_path / "our-centres.csv"
    current.write_text(
        "id,name,lat,lon\n"
        "fh-oakham,Oakham Family Hub,52.6710,-0.7270\n"
        "\n"
        "FH-Oakham ,Oakham Family Hub,52.6710,-0.7270\n"
        "fh-ketton,Ketton Family Hub,52.6275,-0.5530\n"
        "fh-ketton-2,Ketton Family Hub,52.6275,-0.5530\n"
    )
    code, output = _invoke("init", str(tmp_path / "w"), "--area", RUTLAND, "--current", str(current))
    _refused(
        output, code,
        r"our-centres\.csv, row 4, column 'id': expected an id that differs from 'fh-oakham' \(our-centres\.csv "
        r"row 2\) in more than case or hidden characters, found 'FH-Oakham'",
        r"our-centres\.csv, row 6, column 'id': expected each site once \(the same name and place as "
        r"'fh-ketton', our-centres\.csv row 5\), found 'fh-ketton-2'",
    )  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["our-centres.csv"]  # no workspace, no staging
    assert "sites.csv" not in output


def test_init_names_the_users_files_for_a_centre_also_in_the_extra_sites(tmp_path: Path) -> None:
    """A centre of --current listed again in --sites (row 3 of the sites file) is found only once the two
    are put together: it is named in both of the user's files, never in the temporary folder."""
    current = tmp_path / "current.csv"
    current.write_text("id,name,lat,lon\nfh-ketton,Ketton Family Hub,52.6275,-0.5530\n")
    extra = tmp_path / "extra-sites.csv"
    extra.write_text(
        "id,name,kind,lat,lon,district\n"
        "vh-barrowden,Barrowden Village Hall,village_hall,52.5900,-0.6030,Rutland\n"
        "vh-ketton,Ketton Family Hub,village_hall,52.6275,-0.5530,Rutland\n"
    )
    code, output = _invoke(
        "init", str(tmp_path / "w"), "--area", RUTLAND, "--current", str(current), "--sites", str(extra)
    )
    _refused(
        output, code,
        rf"the workspace {re.escape(str(tmp_path / 'w'))} would have 1 problem",
        r"extra-sites\.csv, row 3, column 'id': expected each site once \(the same name and place as "
        r"'fh-ketton', current\.csv row 2\), found 'vh-ketton'",
    )  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current.csv", "extra-sites.csv"]


def test_init_names_the_extra_sites_file_and_rows_for_its_own_repeats(tmp_path: Path) -> None:
    """--sites alone: vh-1 again as 'VH-1 ' (row 3), vh-2 twice (rows 4 and 5), and Oakham's library id
    in capitals (row 6), each found in the workspace being built and named in the user's file."""
    extra = tmp_path / "halls.csv"
    extra.write_text(
        "id,name,kind,lat,lon,district\n"
        "vh-1,Village Hall,village_hall,52.64,-0.60,Rutland\n"
        "VH-1 ,Other Hall,village_hall,52.65,-0.61,Rutland\n"
        "vh-2,Hall two,village_hall,52.66,-0.62,Rutland\n"
        "vh-2,Hall two b,village_hall,52.67,-0.62,Rutland\n"
        "lib-OAKHAM,Church hall,village_hall,52.67,-0.63,Rutland\n"
    )
    code, output = _invoke("init", str(tmp_path / "w"), "--area", RUTLAND, "--sites", str(extra))
    _refused(
        output, code,
        r"halls\.csv, row 5, column 'id': expected an id not already used \(halls\.csv row 4\), found 'vh-2'",
        r"halls\.csv, row 3, column 'id': expected an id that differs from 'vh-1' \(halls\.csv row 2\)",
        r"halls\.csv, row 6, column 'id': expected an id that differs from 'lib-oakham' \(a library init adds "
        r"from the England table\)",
    )  # fmt: skip
    assert "sites.csv" not in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["halls.csv"]


# Probe 27: a changed answer in a later export, ids as a spreadsheet writes them, an address typed
# into the postcode box.


def test_a_later_export_changing_a_stored_answer_is_refused_whole(ws: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "week1.csv", tmp_path / "week2.csv"
    first.write_text(HEADER + "R1,2018-10-01,parent,NR19 1AA,Dereham,agree,Please keep it\n")
    second.write_text(
        HEADER
        + "R2,2018-10-08,parent,NR20 3AB,Dereham,disagree,\n"
        + "R1,2018-10-01,parent,NR19 1AA,Dereham,agree,Please keep it open on Fridays\n"
    )
    assert _invoke("consult", "import", str(ws), str(first))[0] == 0
    code, output = _invoke("consult", "import", str(ws), str(second))
    _refused(
        output,
        code,
        r"1 response is stored already with other answers: nothing of week2\.csv was imported",
        r"week2\.csv, row 3, column 'response_id': expected each response_id once, or the same answers "
        r"again \(stored from week1\.csv row 2 as 'R1', with other comment\), found 'R1' with different answers",
    )
    assert "Fridays" not in output
    assert [r.response_id for r in all_responses(engine_for(ws))] == ["R1"]  # R2 not stored either
    third = tmp_path / "week2-fixed.csv"
    third.write_text(HEADER + "r1 ,2018-10-01,parent,NR19 1AA,Dereham,agree,Please keep it\n")
    code, output = _invoke("consult", "import", str(ws), str(third))
    assert code == 0, output
    assert "1 valid rows, 0 new (1 already stored)" in output


def test_ids_a_spreadsheet_writes_as_one_number_are_one_response(ws: Path, tmp_path: Path) -> None:
    """Excel writes id 1 as 1, 1.0 or 01 depending on the cell's format: one response, kept once."""
    export = tmp_path / "export.csv"
    row = ",2018-10-01,parent,NR19 1AA,Dereham,agree,Keep it\n"
    export.write_text(HEADER + "1" + row + "1.0" + row + "01" + row)
    code, output = _invoke("consult", "import", str(ws), str(export))
    assert code == 0, output
    assert "export.csv: 1 valid rows, 1 new" in output
    assert "row 3, column 'response_id': expected each response_id written one way" in output
    assert [r.response_id for r in all_responses(engine_for(ws))] == ["1"]


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        ("12 Hall Road, Norwich NR1 9QE", "NR1 9QE"),
        ("nr1   9qe", "NR1 9QE"),
        ("Flat 2, 5 Mill St, Holt, NR25 6XY (near the church)", "NR25 6XY"),
        ("NR19", "NR19"),
        ("12 Hall Road, Norwich", ""),  # no postcode in it: nothing of it is stored
    ],
)
def test_only_the_postcode_of_a_postcode_cell_is_stored(
    ws: Path, tmp_path: Path, cell: str, stored: str
) -> None:
    export = tmp_path / "export.csv"
    export.write_text(HEADER + f'R1,2018-10-01,parent,"{cell}",Dereham,agree,Keep it\n')
    assert _invoke("consult", "import", str(ws), str(export))[0] == 0
    assert [r.postcode for r in all_responses(engine_for(ws))] == [stored]


def test_an_excel_unicode_text_export_is_named_as_tab_separated(ws: Path, tmp_path: Path) -> None:
    """Excel's "Unicode Text": UTF-16 with tabs between cells (here without a byte-order mark)."""
    export = tmp_path / "responses.txt"
    rows = HEADER.replace(",", "\t") + "R1\t2018-10-01\tparent\tNR19 1AA\tDereham\tagree\tKeep it\n"
    export.write_bytes(rows.encode("utf-16-le"))
    code, output = _invoke("consult", "import", str(ws), str(export))
    _refused(
        output,
        code,
        r"responses\.txt, row 1: expected cells separated by commas .*found cells separated by tabs",
    )


def test_an_id_holding_a_line_break_is_named_not_stored(ws: Path, tmp_path: Path) -> None:
    """Alt+Enter in a spreadsheet cell puts a line break inside the id; it comes out quoted in the CSV."""
    export = tmp_path / "export.csv"
    export.write_text(
        HEADER
        + '"R-0\n17",2018-10-01,parent,NR19 1AA,Dereham,agree,Keep it\n'
        + "R-018,2018-10-01,parent,NR19 1AA,Dereham,agree,Keep it\n"
    )
    code, output = _invoke("consult", "import", str(ws), str(export))
    assert code == 0, output
    assert (
        "export.csv, row 2, column 'response_id': expected an id of visible characters on one line, "
        "found 'R-0\\n17', with a line break" in " ".join(output.split())
    )
    assert [r.response_id for r in all_responses(engine_for(ws))] == ["R-018"]


def test_responses_dated_outside_the_consultation_are_noted_and_future_ones_refused(
    ws: Path, tmp_path: Path
) -> None:
    """A 2017 date (the year typed wrong in January) is kept with a note; a date years ahead is refused."""
    (ws / "decision.yaml").write_text(
        "proposal: {scenario: close-some, title: Fewer centres}\nconsultation:\n  start: 2018-09-18\n"
        "  end: 2018-11-30\n"
    )
    export = tmp_path / "export.csv"
    export.write_text(
        HEADER
        + "R1,2018-10-01,parent,NR19 1AA,Dereham,agree,Keep it\n"
        + "R2,2017-10-02,parent,NR19 1AA,Dereham,agree,Keep it\n"
        + "R3,2018-12-01 00:30,parent,NR19 1AA,Dereham,agree,\n"
        + "R4,2031-10-02,parent,NR19 1AA,Dereham,disagree,\n"
    )
    code, output = _invoke("consult", "import", str(ws), str(export))
    flat = " ".join(output.split())
    assert code == 0, output
    assert "export.csv: 3 valid rows, 3 new" in flat
    assert (
        "2 response(s) dated outside the consultation's period in decision.yaml (18 September 2018 to "
        "30 November 2018): rows 3, 4. They are kept" in flat
    )
    assert re.search(
        r"export\.csv, row 5, column 'submitted_at': expected a time no later than today \(\d\d \w+ 20\d\d\), "
        r"found a time on 02 October 2031",
        flat,
    )
    assert sorted(r.response_id for r in all_responses(engine_for(ws))) == ["R1", "R2", "R3"]


def test_a_workbook_given_as_the_export_is_named_as_one(ws: Path, tmp_path: Path) -> None:
    """Microsoft Forms' 'Open in Excel' gives an .xlsx; saved or renamed as .csv it is still a workbook."""
    import zipfile

    export = tmp_path / "Family hubs consultation(1-214).csv"
    with zipfile.ZipFile(export, "w") as book:
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    code, output = _invoke("consult", "import", str(ws), str(export))
    _refused(
        output,
        code,
        r"is not a CSV file",
        r"expected a CSV export \(in a spreadsheet: File, Save as, 'CSV UTF-8'\), found a zip archive: an Excel",
    )


def test_an_id_that_is_an_e_mail_address_is_never_printed(ws: Path, tmp_path: Path) -> None:
    """Some survey tools use the respondent's e-mail address as the response's id."""
    export = tmp_path / "export.csv"
    export.write_text(
        HEADER
        + "jo.bloggs@example.net,2018-10-01,parent,NR19 1AA,Dereham,agree,Keep it\n"
        + "jo.bloggs@example.net,2018-10-02,parent,NR19 1AA,Dereham,disagree,Changed my mind\n"
        + "R3,2018-10-02,parent,NR19 1AA,Dereham,agree,\n"
    )
    code, output = _invoke("consult", "import", str(ws), str(export))
    assert code == 0, output
    assert "jo.bloggs" not in output
    assert "example.net" not in output
    assert (
        "an id of 21 characters that looks like an e-mail address or a phone number (not shown)"
        in " ".join(output.split())
    )


def test_a_usage_file_postcode_cell_holding_a_name_is_not_printed(ws: Path, tmp_path: Path) -> None:
    """A usage extract whose postcode column also holds the family's name."""
    usage = tmp_path / "usage.csv"
    usage.write_text("postcode,registered,seen\nZZ99 9ZZ Mrs Smith,4,2\nno fixed abode - Jones family,1,1\n")
    code, output = _invoke("reach", str(ws), "--usage", str(usage))
    flat = " ".join(output.split())
    assert code == 1, flat
    assert "Smith" not in flat
    assert "Jones" not in flat
    assert "row 2, column 'postcode': expected a postcode hubplan can place in an area" in flat
    assert "found 'ZZ99 9ZZ' with more text around it (18 characters, the rest not shown)" in flat
    assert "row 3, column 'postcode'" in flat
    assert "found text of 29 characters with no postcode in it (not shown: it may be personal data)" in flat


def test_a_five_point_scale_and_a_forms_wording_are_read(ws: Path, tmp_path: Path) -> None:
    """Citizen Space and SmartSurvey export the words the form showed, not hubplan's."""
    export = tmp_path / "export.csv"
    export.write_text(
        HEADER
        + "CS-1,2018-10-01,A parent or carer,NR19 1AA,Dereham,Strongly disagree,Keep it\n"
        + "CS-2,2018-10-01,I am a grandparent,NR19 1AA,Dereham,Tend to agree,\n"
        + "CS-3,2018-10-01,A member of the public,NR19 1AA,Dereham,Neither agree nor disagree,\n"
        + "CS-4,2018-10-01,Professional,NR19 1AA,Dereham,Don't know,\n"
        + "CS-5,2018-10-01,A parent or carer,NR19 1AA,Dereham,Sort of,\n"
    )
    code, output = _invoke("consult", "import", str(ws), str(export))
    assert code == 0, output
    stored = {r.response_id: (r.respondent_type, r.support) for r in all_responses(engine_for(ws))}
    assert stored == {
        "CS-1": ("parent", "disagree"),
        "CS-2": ("grandparent", "agree"),
        "CS-3": ("other", "neutral"),
        "CS-4": ("professional", "neutral"),
    }
    assert (
        "row 6, column 'support': expected agree, disagree, neutral or blank (or a five-point scale's "
        in (" ".join(output.split()))
    )
    assert "found 'sort of'" in output


def test_a_survey_tools_numeric_id_is_shown_and_a_name_in_an_answer_is_not(ws: Path, tmp_path: Path) -> None:
    """SurveyMonkey's respondent ids are eleven digits or more: no phone number, so they are named."""
    export = tmp_path / "export.csv"
    export.write_text(
        HEADER
        + "114239587342,2018-10-01,parent,NR19 1AA,Dereham,agree,Keep it\n"
        + "114239587342,2018-10-02,parent,NR19 1AA,Dereham,disagree,Changed my mind\n"
        + "114239587343,2018-10-02,Childminder - Sarah Jones,NR19 1AA,Dereham,agree,\n"
        + "114239587344,2018-10-02,parent,NR19 1AA,Dereham,agree,\n"
    )
    code, output = _invoke("consult", "import", str(ws), str(export))
    flat = " ".join(output.split())
    assert code == 0, flat
    assert "found '114239587342'" in flat
    assert "Sarah" not in flat
    assert "row 4, column 'respondent_type'" in flat
    assert "found another value (25 characters, not shown)" in flat
