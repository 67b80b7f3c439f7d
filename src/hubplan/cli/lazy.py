"""Start fast: the ``hubplan`` command lists its commands without importing them, and imports one when run.

Every command module imports the stage it drives (numpy, pandas, HiGHS, numba, torch for themes);
``hubplan --help`` needs none of that. :data:`COMMANDS` names each command's module and one-line help;
a test checks it against the commands themselves, so it cannot drift.
"""

from __future__ import annotations

import importlib

import typer

HELP = "Plan a network of family services: which sites to keep, who loses access, what it costs."
"""The command's own one-line help."""

COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "Make a workspace for an English council: its LSOAs, its centres today, libraries as candidates."),
    "validate": ("workspace", "Check every file in a workspace and list all problems (exit 1 if there are any)."),
    "evaluate": ("workspace", "Evaluate one scenario: who is within reach by mode and group, and cost against the baseline."),
    "compare": ("workspace", "Put scenarios side by side: bases, cost, saving, reach by each mode, families losing access."),
    "demo": ("workspace", "Evaluate the bundled Norfolk scenarios (2018-19) and print the comparison and what it means."),
    "optimise": ("optimise", "Choose bases under a number or a budget and rules; write the plan as a scenario and compare it."),
    "frontier": ("optimise", "Find the best plan at each budget: bases, cost, families reached, the most deprived fifth reached."),
    "outreach": ("outreach", "Plan outreach where a scenario's bases do not reach: venues, sessions, staff, timetable and cost."),
    "reach": ("reach", "Import who uses the service now (registered, seen) and show reach against who lives there."),
    "amend": ("outreach", "Find the best use of extra money: more bases (centres kept open), more outreach, a mix, or vehicles."),
    "events": ("outreach", "Propose consultation drop-in events so every closing centre's community has one nearby."),
    "lots": ("lots", "Split the areas into contiguous commissioning lots, balanced in children, each with its bases."),
    "circuits": ("circuits", "Plan which vehicle visits which stop on which day, in what order, with the least driving."),
    "national": ("national", "Plan every English upper-tier council under one rule; write a row per council and a national page."),
    "sweep": ("sweep", "Plan a workspace at every combination of bases (or budgets), rules and travel assumptions."),
    "report": ("report", "Write an HTML report (opens from disk, no network) and its PDF: summary, tables, maps, charts."),
    "serve": ("serve", "Serve the web map: try plans, see the figures change, download the report; editors save plans."),
    "travel": ("travel", "Replace estimated minutes with routed or imported ones (kept in travel/), or export them all."),
    "consult": ("consult", "Consultation: import responses, petitions, who responded, what to publish."),
}  # fmt: skip
"""Command name to (module in hubplan.cli, one-line help), in the pipeline's order."""


def command_name(args: list[str]) -> str | None:
    """Return the command named in ``args`` (the first word that is not an option), if any."""
    return next((a for a in args if not a.startswith("-")), None)


def load_app(name: str) -> typer.Typer:
    """Import the module that defines command ``name`` and return the app it registered on.

    Parameters
    ----------
    name
        A key of :data:`COMMANDS`.

    Returns
    -------
    typer.Typer
        The ``hubplan`` app with that module's commands.
    """
    importlib.import_module(f"hubplan.cli.{COMMANDS[name][0]}")
    from hubplan.cli.common import app

    return app


def index_app() -> typer.Typer:
    """Return an app that only lists the commands (for ``hubplan``, ``--help`` and unknown commands).

    Returns
    -------
    typer.Typer
        One placeholder per command, with its one-line help; the placeholders are never run.
    """
    index = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False, rich_markup_mode=None)
    for name, (_, short) in COMMANDS.items():

        def placeholder() -> None:  # pragma: no cover - main() runs the real command instead
            raise NotImplementedError

        index.command(name=name, help=short, short_help=short)(placeholder)
    return index


def run(args: list[str]) -> None:
    """Run the command line on ``args``, importing only the command asked for.

    Parameters
    ----------
    args
        The arguments after the program's name.
    """
    name = command_name(args)
    app = load_app(name) if name in COMMANDS else index_app()
    app(args=args, prog_name="hubplan")
