"""Helpers to write small workspaces for tests, and to load the project's scripts as modules."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_script(name: str) -> ModuleType:
    """Load ``scripts/<name>.py`` as a module (registered, as dataclasses look their module up)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


SITES_HEADER = "id,name,kind,lat,lon,district,cost_per_year"
AREAS_HEADER = "id,lat,lon,district,families,deprivation_decile,rurality,no_car_share"

TINY_SITES = [
    "S1,Site one,children_centre,52.60,1.00,D1,100",
    "S2,Site two,library,52.70,1.10,D2,50",
]
TINY_AREAS = [
    "A1,52.60,1.01,D1,10,1,urban,0.5",
    "A2,52.65,1.05,D2,20,5,rural_village,0.0",
    "A3,52.72,1.12,D2,30,10,rural_town,0.2",
]
TINY_TOML = """
[region]
name = "Tiny"
districts = ["D1", "D2"]
bounds = { min_lat = 52.0, max_lat = 53.0, min_lon = 0.5, max_lon = 1.5 }

[evaluation]
baseline = "both"
"""


def write_workspace(
    folder: Path,
    *,
    sites: list[str] | None = None,
    areas: list[str] | None = None,
    scenarios: dict[str, str] | None = None,
    toml: str | None = TINY_TOML,
    sites_header: str = SITES_HEADER,
    areas_header: str = AREAS_HEADER,
) -> Path:
    """Write a workspace (the tiny 3 areas x 2 sites one unless told otherwise) and return its folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sites.csv").write_text(
        "\n".join([sites_header, *(TINY_SITES if sites is None else sites)]) + "\n"
    )
    (folder / "areas.csv").write_text(
        "\n".join([areas_header, *(TINY_AREAS if areas is None else areas)]) + "\n"
    )
    if toml is not None:
        (folder / "hubplan.toml").write_text(toml)
    (folder / "scenarios").mkdir(exist_ok=True)
    if scenarios is None:
        scenarios = {"both": "bases: [S1, S2]\n", "one": "title: Only one\nbases:\n  - S1\n"}
    for name, text in scenarios.items():
        (folder / "scenarios" / f"{name}.yaml").write_text(text)
    return folder


def redactions_read(monkeypatch: pytest.MonkeyPatch, module: ModuleType) -> list[str]:
    """Record every text ``module``'s ``redact_all`` is given (it still redacts them); return the record."""
    read: list[str] = []
    real = module.redact_all

    def recording(texts: list[str]) -> list[str]:
        read.extend(texts)
        return real(texts)  # type: ignore[no-any-return]

    monkeypatch.setattr(module, "redact_all", recording)
    return read
