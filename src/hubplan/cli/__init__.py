"""The ``hubplan`` command: one typer app over the whole pipeline; each module adds its commands."""

from hubplan.cli import consult, optimise, outreach, report, serve, travel, workspace
from hubplan.cli.common import app

__all__ = ["app", "consult", "main", "optimise", "outreach", "report", "serve", "travel", "workspace"]


def main() -> None:
    """Run the command line (the ``hubplan`` entry point)."""
    app()
