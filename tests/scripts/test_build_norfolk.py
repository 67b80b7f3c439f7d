"""The bundled workspace is exactly what the generator makes from the shared data and sources/ (deterministic)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hubplan.data import bundled_workspace_path

ROOT = Path(__file__).resolve().parents[2]


def test_generator_reproduces_the_bundled_files_byte_for_byte(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_norfolk.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    bundled = bundled_workspace_path()
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    shipped = sorted(
        p.relative_to(bundled) for p in bundled.rglob("*") if p.is_file() and ".hubplan-cache" not in p.parts
    )
    assert made == shipped
    for relative in made:
        assert (tmp_path / relative).read_bytes() == (bundled / relative).read_bytes(), relative
