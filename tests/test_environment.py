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

EDGES = ("hubplan.cli", "hubplan.web.app", "hubplan.web.context")
"""Modules that may read the environment (through :mod:`hubplan.environment`): the CLI and the web app."""


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


def test_redaction_writes_nothing_in_the_temporary_folder(tmp_path: Path) -> None:
    """Presidio imports transformers and torch (when the themes extra is installed), and torch made
    $TMPDIR/torchinductor_<user> on import: a folder outside anything the user named (probe round 7)."""
    import os
    import subprocess
    import sys

    temporary, cache = tmp_path / "tmp", tmp_path / "cache"
    temporary.mkdir()
    script = (
        "from hubplan.environment import keep_library_caches_in_user_cache\n"
        "keep_library_caches_in_user_cache()\n"
        "from hubplan.consult.redact import redact\n"
        "print(redact('please call Bob Smith'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"TORCHINDUCTOR_CACHE_DIR", "PRESIDIO_DEVICE"}}
    env |= {"TMPDIR": str(temporary), "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "please call [name]"
    assert sorted(p.name for p in temporary.iterdir()) == []
