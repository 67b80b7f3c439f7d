"""The command line starts fast: `hubplan --help` imports no stage, and its list matches the real commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer

from hubplan.cli import app
from hubplan.cli.lazy import COMMANDS

HEAVY = ("numpy", "pandas", "scipy", "highspy", "numba", "torch", "sqlalchemy", "fastapi", "geopandas")


def test_the_index_lists_every_command_with_its_own_help() -> None:
    group = typer.main.get_command(app)
    real = {name: (command.help or "").strip().splitlines()[0] for name, command in group.commands.items()}  # type: ignore[attr-defined]
    assert {name: short for name, (_, short) in COMMANDS.items()} == real


def test_help_imports_no_stage() -> None:
    code = (
        "import sys\n"
        "from hubplan.cli import main\n"
        "sys.argv = ['hubplan', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "validate" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_command_runs_with_only_its_module_loaded(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from hubplan.cli import main\n"
        f"sys.argv = ['hubplan', 'validate', {str(tmp_path)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    print('exit', exit.code)\n"
        "print('torch' in sys.modules, 'hubplan.cli.consult' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "expected a sites table in" in result.stderr
    assert result.stdout.strip().splitlines()[-2:] == ["exit 1", "False False"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_runs_alone_as_a_subcommand(command: str) -> None:
    """A module with one command (serve, report, init...) must not become the whole program."""
    code = (
        "import sys\n"
        "from hubplan.cli import main\n"
        f"sys.argv = ['hubplan', {command!r}, '--help']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    print('exit', exit.code)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert f"Usage: hubplan {command}" in result.stdout, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "exit 0"


def test_numba_caches_its_kernels_in_the_user_cache_not_the_package(tmp_path: Path) -> None:
    """Probe 34 (F2): numba wrote 24 ``kernels.*.nbi/.nbc`` files into the package's ``optimise/__pycache__``."""
    import os

    from tests.helpers import write_workspace

    folder = write_workspace(tmp_path / "w")
    code = (
        "import sys\n"
        "from hubplan.cli import main\n"
        f"sys.argv = ['hubplan', 'optimise', {str(folder)!r}, '--bases', '1', '--method', 'heuristic']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    print('exit', exit.code)\n"
        "import numba.core.config as c\nprint(c.CACHE_DIR)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip().splitlines()[-1] == str(tmp_path / "cache" / "hubplan" / "numba"), (
        result.stderr
    )
    kept = [p.name for p in (tmp_path / "cache" / "hubplan" / "numba").rglob("*.nbi")]
    assert any(name.startswith("kernels.") for name in kept), kept
