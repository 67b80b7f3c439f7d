"""Usage tables: every problem named with its row and column; counts above an area's children flagged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hubplan.data import load_workspace
from hubplan.data.usage import USAGE_FILE, financial_year, load_usage, read_usage, store_usage
from hubplan.errors import InputError
from tests.helpers import write_workspace


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The tiny workspace: A1 10 families (decile 1, D1), A2 20 (decile 5, D2), A3 30 (decile 10, D2)."""
    return write_workspace(tmp_path / "ws")


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


def test_rows_add_up_by_area_and_are_kept_in_the_workspace(tiny: Path, tmp_path: Path) -> None:
    """A3 has two rows (one per site): registered 12 + 10 = 22, seen 9 + 9 = 18; A2 has none (0)."""
    usage_file = write(
        tmp_path / "u.csv",
        "area_id,registered,seen,site_id,period",
        "A1,8,6,S1,2018",
        "A3,12,9,S1,2018",
        "A3,10,9,S2,2018",
    )
    workspace = load_workspace(tiny)
    usage = read_usage(usage_file, workspace)
    assert usage.registered_by_area.tolist() == [8, 0, 22]
    assert usage.seen_by_area.tolist() == [6, 0, 18]
    assert [w.found for w in usage.warnings] == [  # A2 has no row: no data, not none seen
        "no row for 1 of 3 areas (20 families: A2): counted as none seen in the totals, their reach shown as no data"
    ]
    assert not usage.is_modelled
    assert store_usage(usage, tiny) == (tiny / USAGE_FILE, None)
    again = load_usage(workspace)
    assert again is not None
    assert again.seen_by_area.tolist() == [6, 0, 18]
    assert (tiny / USAGE_FILE).read_text().splitlines()[
        0
    ] == "area_id,registered,seen,site_id,period,modelled"


def test_a_usage_file_with_several_errors_names_every_problem(tiny: Path, tmp_path: Path) -> None:
    usage_file = write(
        tmp_path / "bad.csv",
        "area_id,registered,seen,site_id",
        "A11,8,6,S1",  # row 2: no such area (did you mean A1?)
        "A2,10,many,",  # row 3: seen not a number
        "A3,-4,2,",  # row 4: registered below 0
        "A1,5,5,S7",  # row 5: no such site
        ",5,5,",  # row 6: neither area nor postcode
        "A2,2.5,1,",  # row 7: registered not whole
    )
    with pytest.raises(InputError, match="has 6 problems") as caught:
        read_usage(usage_file, load_workspace(tiny))
    where = {(p.row, p.column) for p in caught.value.problems}
    assert where == {
        (2, "area_id"),
        (3, "seen"),
        (4, "registered"),
        (5, "site_id"),
        (6, "area_id"),
        (7, "registered"),
    }
    assert all(p.file == "bad.csv" for p in caught.value.problems)
    text = str(caught.value)
    assert "did you mean 'A1'" in text
    assert "'many'" in text


def test_a_table_without_counts_or_areas_says_what_is_missing(tiny: Path, tmp_path: Path) -> None:
    usage_file = write(tmp_path / "u.csv", "area,registered", "A1,3")
    with pytest.raises(InputError) as caught:
        read_usage(usage_file, load_workspace(tiny))
    columns = {p.column for p in caught.value.problems}
    assert {"seen", "area_id", "area"} <= columns  # 'area' is unknown (did you mean 'area_id'?)


def test_counts_above_the_areas_children_are_flagged_not_capped(tiny: Path, tmp_path: Path) -> None:
    """A3 has 30 families; rows 3 and 4 add up to 34 seen and 42 registered: both flagged, none capped."""
    usage_file = write(tmp_path / "u.csv", "area_id,registered,seen", "A1,8,9", "A3,12,9", "A3,30,25")
    usage = read_usage(usage_file, load_workspace(tiny))
    assert usage.seen_by_area.tolist() == [9, 0, 34]
    flagged = {(w.column, w.row) for w in usage.warnings if w.row is not None}  # A2's missing row aside
    # row 2: 9 seen of 8 registered; row 4: A3 again with no site or period to tell it from row 3
    assert flagged == {("seen", 3), ("registered", 3), ("seen", 2), ("area_id", 4)}
    words = " ".join(str(w) for w in usage.warnings)
    assert "34 seen in area A3, which has 30 families (rows 3, 4)" in words
    assert "not capped" in words


def test_postcodes_are_placed_through_the_placer_and_unplaceable_ones_named(
    tiny: Path, tmp_path: Path
) -> None:
    usage_file = write(tmp_path / "u.csv", "postcode,registered,seen", "ZZ1 1AA,4,3", "QQ9 9QQ,2,1")

    def placer(postcodes: list[str]) -> tuple[np.ndarray, str]:
        return np.array([2 if p.startswith("ZZ1") else -1 for p in postcodes]), "postcode district"

    workspace = load_workspace(tiny)
    with pytest.raises(InputError) as caught:
        read_usage(usage_file, workspace, place_postcodes=placer)
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "postcode")]
    write(tmp_path / "u.csv", "postcode,registered,seen", "ZZ1 1AA,4,3")
    usage = read_usage(usage_file, workspace, place_postcodes=placer)
    assert usage.seen_by_area.tolist() == [0, 0, 3]
    assert "postcode district" in usage.placed_by
    with pytest.raises(InputError, match="postcode"):
        read_usage(usage_file, workspace)  # no placer: postcodes cannot be placed


def test_the_latest_period_is_used_unless_one_is_chosen(tiny: Path, tmp_path: Path) -> None:
    usage_file = write(
        tmp_path / "u.csv", "area_id,registered,seen,period", "A1,8,6,2017-18", "A1,9,7,2018-19"
    )
    workspace = load_workspace(tiny)
    latest = read_usage(usage_file, workspace)
    assert latest.seen_by_area[0] == 7
    assert "the latest, 2018-19, is used" in latest.notes[0]
    assert read_usage(usage_file, workspace, period="2017-18").seen_by_area[0] == 6
    with pytest.raises(InputError, match="period"):
        read_usage(usage_file, workspace, period="2016-17")


def test_one_financial_year_however_it_is_written(tiny: Path, tmp_path: Path) -> None:
    """Three exports from three systems, one year (April 2017 to March 2018): one period, rows added up."""
    usage_file = write(
        tmp_path / "u.csv",
        "area_id,registered,seen,period",
        "A1,8,6,2017/18",
        "A2,5,2,2017-18",
        "A3,4,1,Apr 2017 - Mar 2018",
        "A1,1,1,2016/17",
    )
    usage = read_usage(usage_file, load_workspace(tiny))
    assert usage.periods == ("2017-18",)
    assert usage.seen_by_area.tolist() == [6, 2, 1]
    assert "(2016-17, 2017-18)" in usage.notes[0]
    assert read_usage(usage_file, load_workspace(tiny), period="FY2016/2017").seen_by_area.tolist() == [
        1,
        0,
        0,
    ]
    assert [financial_year(t) for t in ("17/18", "Apr-17 to Mar-18", "01/04/2017 - 31/03/2018", "99/00")] == [
        "2017-18", "2017-18", "2017-18", "1999-00",
    ]  # fmt: skip
    assert [financial_year(t) for t in ("1999/2000", "2017-19", "2017", "Q1 2018")] == [
        "1999-00", "2017-19", "2017", "Q1 2018",
    ]  # fmt: skip


def test_an_area_pasted_twice_is_a_warning_naming_its_rows(tiny: Path, tmp_path: Path) -> None:
    """Probe 9 #32: the same area, site and period twice was summed without a word."""
    from typer.testing import CliRunner

    from hubplan.cli import app

    usage_file = write(tmp_path / "u.csv", "area_id,registered,seen", "A1,8,5", "A1,8,5", "A2,3,1")
    result = CliRunner().invoke(app, ["reach", str(tiny), "--usage", str(usage_file)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert (
        "warning: u.csv, row 3, column 'area_id': expected each area once for a site and period (a repeated "
        "row is counted twice), found area A1 in rows 2, 3: summed, as given" in output
    )
    by_site = write(tmp_path / "s.csv", "area_id,registered,seen,site_id", "A1,8,5,S1", "A1,2,1,S2")
    assert [w.row for w in read_usage(by_site, load_workspace(tiny)).warnings] == [
        None
    ]  # only A2, A3 missing
