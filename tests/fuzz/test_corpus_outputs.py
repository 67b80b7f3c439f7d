"""Outputs never written over a file hubplan did not write (probe round 6, issue 26 items 1-2).

A user names an output file or folder; whatever is already there and is not an earlier output of the
same kind (a workspace table, their own spreadsheet, their own report.html) is left as it was and the
command stops with a message. An earlier output of the same kind is replaced, as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hubplan.errors import HubplanError
from hubplan.files import GENERATOR_MARK, PDF_CREATOR, check_replaceable, same_kind_of_output, write_output
from tests.data.test_hostile import run_cli

TIMETABLE_HEADER = b"venue,weekday,slot,base,staff"


def test_a_timetable_named_after_a_workspace_table_is_refused_and_the_table_kept(ws: Path) -> None:
    """`--timetable DIR/sites.csv` (a slip of the shell's tab completion) replaced sites.csv, exit 0."""
    sites = (ws / "sites.csv").read_bytes()
    (result,) = run_cli(["outreach", str(ws), "proposal-2018-7", "--timetable", str(ws / "sites.csv")])
    assert result["code"] == 1, result["output"]
    output = " ".join(str(result["output"]).split())
    assert "sites.csv (named by --timetable) is a file hubplan did not write" in output
    assert "nothing was written" in output
    assert (ws / "sites.csv").read_bytes() == sites
    assert sorted(p.name for p in ws.iterdir() if p.name.startswith(".writing-")) == []


def test_a_users_own_csv_is_kept_and_an_earlier_timetable_replaced(ws: Path, tmp_path: Path) -> None:
    mine = tmp_path / "timetable.csv"
    mine.write_text("Day,Where,Who\nMonday,Holt library,Sam (stay and play)\n", encoding="utf-8")
    ours = tmp_path / "ours.csv"
    refused, first, again = run_cli(
        ["outreach", str(ws), "proposal-2018-7", "--timetable", str(mine)],
        ["outreach", str(ws), "proposal-2018-7", "--timetable", str(ours)],
        ["outreach", str(ws), "adopted-2019-15", "--timetable", str(ours)],
    )
    assert refused["code"] == 1
    assert mine.read_text(encoding="utf-8").startswith("Day,Where,Who")
    assert first["code"] == 0, first["output"]
    assert again["code"] == 0, again["output"]
    assert ours.read_bytes().startswith(TIMETABLE_HEADER)


def test_a_users_own_report_html_in_out_is_kept(ws: Path, tmp_path: Path) -> None:
    """A councillor's own report.html (saved from Word) in the folder they name as --out."""
    out = tmp_path / "governors"
    out.mkdir()
    theirs = '<html><head><meta name="Generator" content="Microsoft Word 15"><title>Report</title></head>'
    (out / "report.html").write_text(theirs, encoding="utf-8")
    (result,) = run_cli(["report", str(ws), "--out", str(out), "--no-pdf", "--scenarios", "baseline-53"])
    assert result["code"] == 1, result["output"]
    assert "report.html is a file hubplan did not write" in " ".join(str(result["output"]).split())
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]
    assert (out / "report.html").read_text(encoding="utf-8") == theirs


@pytest.mark.parametrize(
    ("old", "new", "replaceable"),
    [
        (b"venue,weekday\r\nx,Mon\r\n", b"venue,weekday\nHolt,Monday\n", True),  # saved again by Excel
        (b"\xef\xbb\xbfvenue,weekday\nx,Mon\n", b"venue,weekday\n", True),
        (b"site_id,name,lat,lon\ncc-holt,Holt,52.9,1.09\n", b"venue,weekday\n", False),
        (b"", b"venue,weekday\n", False),  # an empty file is no earlier output
        (
            b"lot,areas,families,bases\n",
            b"lot,areas,children,bases\n",
            True,
        ),  # lots-table.csv's people column
        (b"lot,areas,families,bases\n", b"lot,areas,children,cost\n", False),
        (b"area_id,lot\n", b"area_id,lots\n", False),  # two columns must match whole
        (b'{"lots": 3, "rows": []}', b'{"lots": 4, "rows": [1], "source": "x"}', True),  # optional key
        (b'{"name": "my notes"}', b'{"lots": 4, "rows": [1]}', False),
        (
            b'{"lots": "my notes"}',
            b'{"lots": 4, "rows": [1], "notes": []}',
            False,
        ),  # one shared key is no match
        (b"[1, 2]", b'{"lots": 4}', False),
        (b"not json", b'{"lots": 4}', False),
        (b"<html><title>mine</title>", GENERATOR_MARK + b"<title>report</title>", False),
        (GENERATOR_MARK + b"<title>old</title>", GENERATOR_MARK + b"<title>new</title>", True),
        (b"%PDF-1.7 someone else's PDF %%EOF", b"%PDF-1.4 new", False),
        (b"%PDF-1.4 " + b"x" * 20000 + PDF_CREATOR + b">> %%EOF", b"%PDF-1.4 new", True),
    ],
)
def test_what_counts_as_an_earlier_output(old: bytes, new: bytes, replaceable: bool, tmp_path: Path) -> None:
    suffix = ".json" if new.startswith(b"{") else ".pdf" if new.startswith(b"%PDF") else ".csv"
    path = tmp_path / f"out{suffix}"
    path.write_bytes(old)
    assert same_kind_of_output(path, new) is replaceable
    if replaceable:
        assert write_output(path, new).read_bytes() == new
    else:
        with pytest.raises(HubplanError, match="will not write over it"):
            write_output(path, new, option="--out")
        assert path.read_bytes() == old


def test_links_and_folders_are_never_outputs(tmp_path: Path) -> None:
    target = tmp_path / "precious.csv"
    target.write_bytes(b"venue,weekday\n")  # even one that looks like an output
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    for path, what in ((link, "a link"), (folder, "a folder")):
        with pytest.raises(HubplanError, match=f"is {what}, so hubplan will not write over it"):
            check_replaceable(path, b"venue,weekday\n")
    assert target.read_bytes() == b"venue,weekday\n"
    check_replaceable(tmp_path / "absent.csv", b"anything")  # a new name is always fine


def test_a_lots_folder_with_a_users_lots_json_is_left_whole(tmp_path: Path) -> None:
    from hubplan.files import write_outputs

    (tmp_path / "lots.json").write_text(json.dumps({"notes": "my own"}), encoding="utf-8")
    files = [(tmp_path / "lots.csv", b"area_id,lot\n"), (tmp_path / "lots.json", b'{"lots": 2}')]
    with pytest.raises(HubplanError, match=r"lots\.json \(named by --out\)"):
        write_outputs(files, option="--out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lots.json"]  # lots.csv was not written either


def test_an_unwritable_out_folder_is_named_not_its_staging_folder(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only --out (a shared drive mounted read-only) named the hidden staging folder inside it.

    The tests run as root, for whom no folder is read-only, so the refusal is made where the staging
    folder is made, as the operating system would make it."""
    import tempfile

    from typer.testing import CliRunner

    from hubplan.cli import app

    def refused(*args: object, dir: str = "", **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", f"{dir}/.staging-123-x1y2")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    out = tmp_path / "shared-drive"
    result = CliRunner().invoke(
        app, ["report", str(ws), "--out", str(out), "--no-pdf", "--scenarios", "baseline-53"]
    )
    assert result.exit_code == 1, result.output
    flat = " ".join(result.output.split())
    assert f"{out}: expected a folder hubplan can write in, found permission denied" in flat
    assert ".staging" not in flat


def test_a_scenarios_folder_that_cannot_be_listed_is_named(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`chmod 000 scenarios` (as a non-root user) was reported as the baseline scenario missing."""
    import os

    from hubplan.data.workspace import check_workspace

    listing = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("scenarios"):
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    _, problems = check_workspace(ws)
    assert [str(p) for p in problems][:1] == [
        "scenarios/: expected a folder of scenarios hubplan can read, found Permission denied"
    ]


@pytest.mark.parametrize("target", ["outside", "missing"])
def test_a_store_linked_out_of_the_workspace_is_never_written(ws: Path, tmp_path: Path, target: str) -> None:
    """hubplan.sqlite as a link: consult import wrote the store through it, wherever it pointed."""
    elsewhere = tmp_path / "elsewhere.sqlite"
    if target == "outside":
        elsewhere.write_bytes(b"")
    (ws / "hubplan.sqlite").unlink(missing_ok=True)
    (ws / "hubplan.sqlite").symlink_to(elsewhere)
    export = tmp_path / "export.csv"
    export.write_text(
        "response_id,submitted_at,respondent_type,postcode,centre,support,comment\n"
        "R1,2018-10-01,parent,NR19 1AA,Dereham,agree,Keep it\n"
    )
    (result,) = run_cli(["consult", "import", str(ws), str(export)])
    assert result["code"] == 1, result["output"]
    assert "expected the workspace's own store file, found a link to" in " ".join(
        str(result["output"]).split()
    )
    assert elsewhere.read_bytes() == b"" if target == "outside" else not elsewhere.exists()


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("＝1+1", "'＝1+1"),  # a full-width equals sign, which Excel also reads as one
        ("-1.5", "-1.5"),  # a number written as text stays a number
        ("+44", "+44"),
        ("Holt Library", "Holt Library"),
        (12.5, 12.5),
    ],
)
def test_a_csv_cell_is_never_a_formula(cell: object, shown: object) -> None:
    """OWASP's advice for CSV injection, checked cell by cell (every CSV output goes through it)."""
    from hubplan.files import spreadsheet_safe

    assert spreadsheet_safe(cell) == shown


def test_a_plan_saved_under_a_name_differing_only_in_case_is_refused(ws: Path) -> None:
    """`optimise --name Adopted-2019-15` beside adopted-2019-15: one file on Windows and macOS."""
    from hubplan.data.scenario import Scenario, write_scenario
    from hubplan.errors import InputError

    before = sorted(p.name for p in (ws / "scenarios").iterdir())
    with pytest.raises(InputError) as caught:
        write_scenario(ws, Scenario(name="Adopted-2019-15", title="x", bases=("cc-holt",)))
    assert [str(p) for p in caught.value.problems] == [
        "scenarios/Adopted-2019-15.yaml, column 'name': expected a name that differs from "
        "scenarios/adopted-2019-15.yaml in more than case, found 'Adopted-2019-15'"
    ]
    assert sorted(p.name for p in (ws / "scenarios").iterdir()) == before


def test_a_parquet_export_replaces_an_earlier_export_and_no_other_table(tmp_path: Path) -> None:
    """`travel --export minutes.parquet`: an earlier export of the same columns is replaced, a user's table is not."""
    import io

    import pandas as pd

    def parquet(frame: pd.DataFrame) -> bytes:
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()

    ours = parquet(
        pd.DataFrame(
            {"area_id": ["E1"], "site_id": ["s"], "mode": ["bus"], "minutes": [1.0], "source": ["x"]}
        )
    )
    path = tmp_path / "minutes.parquet"
    path.write_bytes(ours)
    assert write_output(path, ours).read_bytes() == ours
    theirs = parquet(pd.DataFrame({"school": ["Holt"], "pupils": [120]}))
    path.write_bytes(theirs)
    with pytest.raises(HubplanError, match="is a file hubplan did not write"):
        write_output(path, ours, option="--export")
    assert path.read_bytes() == theirs


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["lots", "{ws}", "no-such-plan", "--lots", "3", "--out", "{out}"], "lots-table.csv"),
        (["circuits", "{ws}", "no-such-plan", "--out", "{out}"], "routes.csv"),
        (["national", "{out}", "--councils", "Atlantis"], "national.html"),
    ],
)
def test_a_users_file_in_out_is_named_before_any_solving(
    command: list[str], name: str, ws: Path, tmp_path: Path
) -> None:
    """The review's case: lots, circuits and national refused only after minutes of solving.

    The plan or council named does not exist, so any work would fail on it first: the message about
    the user's file shows the check comes before it.
    """
    out = tmp_path / "out"
    out.mkdir()
    mine = b"my own notes, kept here on purpose\n"
    (out / name).write_bytes(mine)
    (result,) = run_cli([part.format(ws=ws, out=out) for part in command])
    output = " ".join(str(result["output"]).split())
    assert result["code"] == 1, output
    assert f"{name} (named by --out) is a file hubplan did not write" in output
    assert (out / name).read_bytes() == mine
    assert sorted(p.name for p in out.iterdir()) == [name]
