"""The ``hubplan`` command: one typer app over the whole pipeline; each module adds its commands."""

# isort: off
# Commands are listed in the order their modules register them: the pipeline's order.
from hubplan.cli import workspace, optimise, outreach, circuits, report, serve, travel, consult
from hubplan.cli.common import app

# isort: on

__all__ = [
    "app",
    "circuits",
    "consult",
    "main",
    "optimise",
    "outreach",
    "report",
    "serve",
    "travel",
    "workspace",
]


def main() -> None:
    """Run the command line (the ``hubplan`` entry point)."""
    app()
