"""Rows on disk: batches written once beside the table, read back with it, removed when it is written."""

from __future__ import annotations

import pandas as pd

from hubplan.scale.rows import BatchWriter, parts_folder, read_rows, write_rows


def row(key: str, value: float, error: str = "") -> dict[str, object]:
    return {"key": key, "value": value, "fingerprint": "fp", "error": error}


def test_batches_are_read_with_the_table_and_the_newest_row_wins(tmp_path):
    path = tmp_path / "t.parquet"
    write_rows(path, [row("b", 1.0), row("a", 2.0)])
    assert pd.read_parquet(path)["key"].tolist() == ["a", "b"]  # sorted by key
    writer = BatchWriter(path)
    writer.write([row("c", 3.0)])
    writer.write([])  # nothing: no file
    writer.write([row("a", 20.0), row("d", 4.0, "boom")])
    assert sorted(p.name for p in parts_folder(path).iterdir()) == ["000001.parquet", "000002.parquet"]
    assert (writer.batches, writer.rows) == (2, 3)
    rows = read_rows(path)
    assert {k: r["value"] for k, r in rows.items()} == {"a": 20.0, "b": 1.0, "c": 3.0, "d": 4.0}
    assert rows["d"]["error"] == "boom"
    # A later writer (the next run) numbers its batches after the ones it finds.
    again = BatchWriter(path)
    again.write([row("a", 200.0)])
    assert (parts_folder(path) / "000003.parquet").exists()
    assert read_rows(path)["a"]["value"] == 200.0
    # The table written at the end holds every row; the batches go.
    write_rows(path, list(read_rows(path).values()))
    assert not parts_folder(path).exists()
    table = pd.read_parquet(path)
    assert table["key"].tolist() == ["a", "b", "c", "d"]
    assert table["value"].tolist() == [200.0, 1.0, 3.0, 4.0]


def test_nothing_written_is_no_rows(tmp_path):
    assert read_rows(tmp_path / "none.parquet") == {}


def test_a_batch_cut_short_is_left_out_and_its_rows_computed_again(tmp_path):
    path = tmp_path / "t.parquet"
    writer = BatchWriter(path)
    writer.write([row("a", 1.0)])
    (parts_folder(path) / "000002.parquet").write_bytes(b"PAR1 cut short")
    assert list(read_rows(path)) == ["a"]
