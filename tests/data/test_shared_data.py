"""Without the built data, hubplan says what is missing and how to build it; with HUBPLAN_SHARED_DATA it reads it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hubplan.data import bundled, england
from hubplan.data.shared_data import ENV_VAR, MISSING_LEAD, DataMissingError, shared_data_folder

ROOT = Path(__file__).resolve().parents[2]


class _Package:
    """Stands in for ``importlib.resources`` with a package folder that has none of the built files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def files(self, _package: str) -> Path:
        return self.folder

    @staticmethod
    def as_file(path: Path) -> object:
        from contextlib import nullcontext

        return nullcontext(path)


def test_missing_england_tables_name_the_files_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(england, "resources", _Package(tmp_path))
    monkeypatch.delenv(ENV_VAR, raising=False)
    with pytest.raises(DataMissingError, match=MISSING_LEAD) as caught:
        england._read("lad2019_to_utla2019")
    message = str(caught.value)
    assert str(tmp_path / "england" / "lad2019_to_utla2019.csv.gz") in message
    assert "make data" in message
    assert ENV_VAR in message


def test_the_tables_are_read_from_the_shared_folder_when_the_package_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "england_lad2019_to_utla2019.csv").write_text(
        "lad_code,lad_name,utla_code,utla_name\nE07000143,Breckland,E10000020,Norfolk\n"
    )
    (tmp_path / "package").mkdir()
    monkeypatch.setattr(england, "resources", _Package(tmp_path / "package"))
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert shared_data_folder() == tmp_path
    table = england._read("lad2019_to_utla2019")
    assert table.to_dict(orient="records") == [
        {"lad_code": "E07000143", "lad_name": "Breckland", "utla_code": "E10000020", "utla_name": "Norfolk"}
    ]
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(DataMissingError, match="named by HUBPLAN_SHARED_DATA"):
        england._read("lad2019_to_utla2019")


def test_the_unbuilt_norfolk_workspace_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "norfolk").mkdir()
    (tmp_path / "norfolk" / "hubplan.toml").write_text("")  # a committed file alone
    monkeypatch.setattr(bundled, "resources", _Package(tmp_path))
    with pytest.raises(DataMissingError) as caught:
        bundled.bundled_workspace_path()
    assert caught.value.missing == [str(tmp_path / "norfolk" / n) for n in bundled.BUILT_FILES]


def test_the_build_without_the_shared_folder_says_what_is_missing(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_england.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert f"{tmp_path / 'england_lsoa2011.csv'}" in result.stderr
    assert "HUBPLAN_SHARED_DATA" in result.stderr
    assert "Traceback" not in result.stderr
