#!/usr/bin/env python3
"""Build the England tables into the package from the shared data folder, gzipped deterministically.

The tables are the real open data described in the shared ``REAL_DATA.md`` (every English LSOA with
IMD/IDACI 2019, ONS under-5 counts, RUC 2011 and positions; every library; LAD to upper-tier council;
the councils of the national family hubs programmes). They are not kept in git: ``make data`` runs
this script, which writes them to ``src/hubplan/data/england/*.csv.gz`` (ignored files) so `hubplan
init` and `hubplan national` work offline for any English council. gzip is written with mtime 0 and
no file name, so the same input gives the same bytes. Needs only the standard library.

Usage: python scripts/build_england.py [SHARED_DATA_DIR]
       (default: $HUBPLAN_SHARED_DATA, else ../shared/data beside the repository)
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "hubplan" / "data" / "england"
# Shared file -> table name in the package (hubplan.data.england.TABLES is the same map, reversed).
TABLES = {
    "england_lsoa2011.csv": "lsoa2011",
    "england_libraries.csv": "libraries",
    "england_lad2019_to_utla2019.csv": "lad2019_to_utla2019",
    "family_hubs_programme_local_authorities.csv": "family_hubs_programmes",
}


def default_shared() -> Path:
    """The shared data folder: ``$HUBPLAN_SHARED_DATA``, else ``../shared/data`` beside the repository."""
    value = os.environ.get("HUBPLAN_SHARED_DATA", "").strip()
    return Path(value).expanduser() if value else ROOT.parent / "shared" / "data"


def require(shared: Path, names: list[str]) -> None:
    """Stop with a clear message (exit 2) when the shared data folder lacks any of the files named."""
    missing = [name for name in names if not (shared / name).is_file()]
    if not missing:
        return
    listed = "\n".join(f"  - {shared / name}" for name in missing)
    sys.stderr.write(
        f"hubplan: the real open data it is built from is not here; missing:\n{listed}\n"
        "hubplan's England tables and its Norfolk workspace are built from the project's shared data "
        "folder, which is not part of the repository. Put it at ../shared/data beside the repository, or "
        "name its folder with HUBPLAN_SHARED_DATA=/path/to/data, then run `make data` again. "
        "docs/data.md lists every file and its source.\n"
    )
    raise SystemExit(2)


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


def main(shared: Path) -> None:
    require(shared, list(TABLES))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, table in TABLES.items():
        raw = (shared / name).read_bytes()
        target = OUT / f"{table}.csv.gz"
        packed = gzip_bytes(raw)
        if not target.is_file() or target.read_bytes() != packed:
            target.write_bytes(packed)
        digest = hashlib.sha256(raw).hexdigest()[:16]
        print(f"{target.relative_to(ROOT)}: {len(raw):,} -> {len(packed):,} bytes (csv sha256 {digest}...)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default_shared())
