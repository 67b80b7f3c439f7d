"""Probe 9 #9: ``travel --import`` of a table covering almost no pairs made every other pair unreachable."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hubplan.cli import app
from tests.helpers import write_workspace

runner = CliRunner()


def test_a_table_of_one_pair_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    table = tmp_path / "t.csv"
    table.write_text("area_id,site_id,mode,minutes\nA1,S1,car,5\n")
    result = runner.invoke(app, ["travel", str(folder), "--import", str(table)])
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert (
        "--import: t.csv gives 1 of the 6 car pairs (areas x sites): 2 of 3 areas would reach no site"
        in output
    )
    assert "add --partial" in output
    assert not (folder / "travel" / "car.npz").exists()


def test_a_partial_import_is_said_at_import_and_with_every_evaluation(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    table = tmp_path / "t.csv"
    table.write_text("area_id,site_id,mode,minutes\nA1,S1,car,5\n")
    result = runner.invoke(app, ["travel", str(folder), "--import", str(table), "--partial"])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "car: imported from t.csv; 5 of 6 pairs not given (unreachable)" in output
    assert "warning: car: 2 of 3 areas reach no site (no pair given)" in output
    result = runner.invoke(app, ["evaluate", str(folder), "one", "--json"])
    assert (
        "car minutes are imported: 5 of 6 area-site pairs (83.3%) are not given and count as unreachable"
        in result.stdout
    )


def test_a_full_table_is_imported_without_a_word_of_warning(tmp_path: Path) -> None:
    folder = write_workspace(tmp_path / "w")
    table = tmp_path / "t.csv"
    rows = [
        f"{a},{s},car,{5 + i}"
        for i, (a, s) in enumerate((a, s) for a in ("A1", "A2", "A3") for s in ("S1", "S2"))
    ]
    table.write_text("\n".join(["area_id,site_id,mode,minutes", *rows]) + "\n")
    result = runner.invoke(app, ["travel", str(folder), "--import", str(table)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    result = runner.invoke(app, ["evaluate", str(folder), "one", "--json"])
    assert "car minutes are imported (every area-site pair given)" in result.stdout
