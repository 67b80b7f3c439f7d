#!/usr/bin/env python3
"""Copy the England tables from ../shared/data into the package, gzipped deterministically.

The tables are the real open data described in ../shared/data/REAL_DATA.md (every English LSOA with
IMD/IDACI 2019, ONS under-5 counts, RUC 2011 and positions; every library; LAD to upper-tier council).
They ship inside hubplan so `hubplan init` works offline for any English council. gzip is written
with mtime 0 and no file name, so the same input gives the same bytes.

Usage: python scripts/build_england.py [SHARED_DATA_DIR]   (default: ../shared/data)
"""

from __future__ import annotations

import gzip
import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "hubplan" / "data" / "england"
TABLES = ("england_lsoa2011.csv", "england_libraries.csv", "england_lad2019_to_utla2019.csv")


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


def main(shared: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        raw = (shared / name).read_bytes()
        packed = gzip_bytes(raw)
        target = OUT / (name.removeprefix("england_") + ".gz")
        target.write_bytes(packed)
        digest = hashlib.sha256(raw).hexdigest()[:16]
        print(f"{target.relative_to(ROOT)}: {len(raw):,} -> {len(packed):,} bytes (csv sha256 {digest}...)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
