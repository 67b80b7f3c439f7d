"""``hubplan serve`` refuses options it cannot use at start, before it says it is serving (probe 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from hubplan.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def never_serve(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused option must stop the command before uvicorn runs (else the test would hang serving)."""

    def served(*_: object, **__: object) -> None:
        pytest.fail("hubplan serve started although an option was refused")

    monkeypatch.setattr(uvicorn, "run", served)
    monkeypatch.setattr(uvicorn.Server, "run", served)  # what hubplan serve runs


@pytest.mark.parametrize(("port", "bound"), [("99999", "less than or equal to 65535"), ("-1", "greater")])
def test_a_port_out_of_range_is_refused_naming_the_option(tmp_path: Path, port: str, bound: str) -> None:
    """``--port 99999`` and ``--port -1`` died with an OverflowError traceback from bind()."""
    result = runner.invoke(app, ["serve", str(tmp_path), "--port", port])
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--port'" in result.output
    assert bound in result.output
    assert "Traceback" not in result.output


def test_a_rate_limit_in_no_known_notation_is_refused_at_start(tmp_path: Path) -> None:
    """``--rate-limit lots`` started, then every request answered 500 (slowapi could not read it)."""
    result = runner.invoke(app, ["serve", str(tmp_path), "--rate-limit", "lots"])
    assert result.exit_code == 1, result.output
    assert "error: --rate-limit: expected requests per client such as 1200/minute" in result.output
    assert "got 'lots'" in result.output
    assert "serving" not in result.output
    assert "hubplan map for" not in result.output
