"""Data in ../shared stays there: no file git tracks holds the bytes of a shared file, compressed or not."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _digests(data: bytes) -> set[str]:
    """The SHA-256 of the bytes, and of what they hold if they are gzip."""
    out = {hashlib.sha256(data).hexdigest()}
    if data[:2] == b"\x1f\x8b":
        with contextlib.suppress(OSError, EOFError):
            out.add(hashlib.sha256(gzip.decompress(data)).hexdigest())
    return out


def test_git_tracks_no_copy_of_the_shared_data() -> None:
    if not SHARED.is_dir():
        pytest.skip("no ../shared beside the repository")
    shared: dict[str, Path] = {}
    for path in SHARED.rglob("*"):
        if path.is_file() and path.stat().st_size > 512:  # tiny files (a README line) may match by chance
            for digest in _digests(path.read_bytes()):
                shared[digest] = path
    assert shared, "../shared holds no data to compare with"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    copies = []
    for name in filter(None, tracked):
        path = REPO / name.decode()
        if path.is_file():
            copies += [
                f"{name.decode()} = {shared[d].relative_to(SHARED)}"
                for d in _digests(path.read_bytes())
                if d in shared
            ]
    assert copies == []
