"""The environment is read at the edges: only the CLI and the web app resolve ``HUBPLAN_STORE_URL``.

The walk reads every module's syntax tree (imports inside functions and ``TYPE_CHECKING`` blocks count).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import hubplan
from hubplan.environment import STORE_URL_VARIABLE, store_url_from_environment
from hubplan.store import STORE_FILE, store_url

PACKAGE = Path(hubplan.__file__).parent

EDGES = ("hubplan.cli.", "hubplan.web.app", "hubplan.web.context")
"""Modules that may read the store's URL from the environment (through :mod:`hubplan.environment`)."""


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return out


def _imports(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def test_only_the_edges_read_the_store_url_from_the_environment() -> None:
    modules = _modules()
    assert "hubplan.environment" in modules
    readers = {
        name
        for name, tree in modules.items()
        if name != "hubplan.environment" and any(i.startswith("hubplan.environment") for i in _imports(tree))
    }
    assert readers, "the CLI and the web app read the store's URL through hubplan.environment"
    assert {r for r in readers if not r.startswith(EDGES)} == set()
    assert {"hubplan.cli.report", "hubplan.cli.consult", "hubplan.web.app"} <= readers
    # ...and no module spells the variable itself: the name lives in hubplan.environment alone.
    spelled = {
        name
        for name, tree in modules.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and node.value == STORE_URL_VARIABLE
        and name != "hubplan.environment"
    }
    assert spelled == set()


def test_the_store_below_the_edges_ignores_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(STORE_URL_VARIABLE, "postgresql://someone@elsewhere/db")
    assert store_url(tmp_path) == f"sqlite:///{tmp_path.resolve() / STORE_FILE}"
    assert store_url_from_environment() == "postgresql://someone@elsewhere/db"
    monkeypatch.setenv(STORE_URL_VARIABLE, "  ")
    assert store_url_from_environment() is None
    monkeypatch.delenv(STORE_URL_VARIABLE)
    assert store_url_from_environment() is None
