"""The ``hubplan`` command: one typer app over the whole pipeline; each module adds its commands."""

# isort: off
# Commands are listed in the order their modules register them: the pipeline's order.
from hubplan.cli import init, workspace, optimise, outreach, report, serve, travel, consult, national, sweep
from hubplan.cli.common import app

# isort: on

__all__ = [
    "app",
    "consult",
    "init",
    "main",
    "national",
    "optimise",
    "outreach",
    "report",
    "serve",
    "sweep",
    "travel",
    "workspace",
]


def main() -> None:
    """Run the command line (the ``hubplan`` entry point)."""
    app()
