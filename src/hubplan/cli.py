"""The ``hubplan`` command: validate, evaluate, compare and demo, over a workspace folder."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hubplan.data import bundled_workspace_path, check_workspace, load_workspace, write_bundled_workspace
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError, InputError
from hubplan.evaluate import area_breakdowns, evaluate
from hubplan.evaluate.evaluation import Evaluation
from hubplan.report import breakdown_table, comparison_table, evaluation_table, headline_sentences
from hubplan.report import format as fmt
from hubplan.travel import build_travel

app = typer.Typer(
    help="Plan a network of family services: which sites to keep, who loses access, what it costs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=False, width=140)
err = Console(stderr=True, highlight=False, width=140)
MAX_PROBLEMS_SHOWN = 200

F = TypeVar("F", bound=Callable[..., Any])

Dir = Annotated[
    Path, typer.Argument(help="The workspace folder (sites.csv, areas.csv, scenarios/, hubplan.toml).")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")]


def _handles_errors(command: F) -> F:
    """Turn hubplan's own errors into a clear message and exit code 1 (tracebacks are for bugs only)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            _print_problems(exc.summary, exc.problems)
            raise typer.Exit(1) from None
        except HubplanError as exc:
            err.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(1) from None
        except OSError as exc:  # unreadable or unwritable files are the user's to fix, not bugs
            where = f"{exc.filename}: " if exc.filename else ""
            err.print(f"[bold red]error:[/] {where}{exc.strerror or exc}", markup=False)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _print_problems(summary: str, problems: list[Any]) -> None:
    err.print(f"[bold red]error:[/] {summary}")
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        err.print(f"  - {problem}", markup=False)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        err.print(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more")


def _load(directory: Path) -> Workspace:
    return load_workspace(directory)


def _evaluate_all(workspace: Workspace, names: list[str]) -> list[Evaluation]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(f"travel minutes for {len(workspace.areas):,} areas", total=len(workspace.sites))

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        travel = build_travel(workspace, progress=advance)
    groups = area_breakdowns(workspace.areas, workspace.assumptions.region.districts)
    return [evaluate(workspace, name, travel=travel, breakdowns=groups) for name in names]


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@app.command()
@_handles_errors
def validate(directory: Dir) -> None:
    """Check every file in a workspace and list all problems (exit 1 if there are any)."""
    workspace, problems = check_workspace(directory)
    if problems or workspace is None:
        n = len(problems)
        _print_problems(f"{directory} has {n} problem{'s' if n != 1 else ''}", problems)
        raise typer.Exit(1)
    out.print(
        f"[green]ok[/]: {directory}: {len(workspace.sites)} sites, {len(workspace.areas)} areas, "
        f"{len(workspace.scenarios)} scenarios ({', '.join(workspace.scenarios)})"
    )


@app.command(name="evaluate")
@_handles_errors
def evaluate_command(
    directory: Dir,
    scenario: Annotated[
        str, typer.Argument(help="The scenario's name (its file in scenarios/ without .yaml).")
    ],
    as_json: AsJson = False,
    mode: Annotated[str, typer.Option(help="The mode for the tables by group.")] = "bus",
    minutes: Annotated[float, typer.Option(help="The threshold for the tables by group.")] = 30,
) -> None:
    """Evaluate one scenario: families within reach by mode and group, and cost against the baseline."""
    workspace = _load(directory)
    (ev,) = _evaluate_all(workspace, [scenario])
    if as_json:
        _print_json(ev.to_dict())
        return
    _check_view(ev, mode, minutes)
    out.print(evaluation_table(ev))
    if ev.baseline:
        out.print(
            f"Cost {fmt.money(ev.cost_per_year)} a year; baseline '{ev.baseline}' "
            f"{fmt.money(ev.baseline_cost_per_year)}; saving {fmt.money(ev.saving_per_year)}."
        )
    for name in ev.modes[mode].groups:
        out.print(breakdown_table(ev, name, mode=mode, minutes=minutes))
    for note in ev.notes:
        out.print(f"[dim]Note: {note}[/]")


def _check_view(ev: Evaluation, mode: str, minutes: float) -> None:
    if mode not in ev.modes:
        msg = f"--mode: expected one of {', '.join(ev.modes)}; got '{mode}'"
        raise HubplanError(msg)
    if float(minutes) not in ev.thresholds:
        thresholds = ", ".join(f"{t:g}" for t in ev.thresholds)
        msg = f"--minutes: expected one of the thresholds in hubplan.toml ({thresholds}); got {minutes:g}"
        raise HubplanError(msg)


@app.command()
@_handles_errors
def compare(
    directory: Dir,
    scenarios: Annotated[
        list[str] | None, typer.Argument(help="Scenario names; all of them when none given.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Put scenarios side by side: bases, cost, saving, reach by each mode, families losing access."""
    workspace = _load(directory)
    names = list(scenarios or workspace.scenarios)
    evaluations = _evaluate_all(workspace, names)
    if as_json:
        _print_json({"scenarios": [ev.to_dict() for ev in evaluations]})
        return
    out.print(comparison_table(evaluations))


@app.command()
@_handles_errors
def demo(
    workspace_out: Annotated[
        Path | None, typer.Option(help="Also write the bundled Norfolk workspace here, to inspect and edit.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Evaluate the bundled Norfolk scenarios (2018-19) and print the comparison and what it means."""
    source = bundled_workspace_path()
    if workspace_out is not None:
        write_bundled_workspace(workspace_out)
        err.print(f"wrote the bundled workspace to {workspace_out}")
    workspace = _load(source)
    order = [n for n in ("baseline-53", "proposal-2018-7", "adopted-2019-15") if n in workspace.scenarios]
    evaluations = _evaluate_all(workspace, order + [n for n in workspace.scenarios if n not in order])
    sentences = headline_sentences(evaluations, region=workspace.assumptions.region.name)
    if as_json:
        _print_json({"scenarios": [ev.to_dict() for ev in evaluations], "summary": sentences})
        return
    out.print("[bold]hubplan demo: Norfolk's children's centres, 2018-19[/]\n")
    out.print(comparison_table(evaluations))
    worst = evaluations[1] if len(evaluations) > 1 else evaluations[0]
    out.print(breakdown_table(worst, "deprivation_quintile"))
    out.print("[bold]What it means[/]")
    for sentence in sentences:
        out.print(f"- {sentence}")
    hint = f" {workspace_out}" if workspace_out else " DIR (after --workspace-out DIR)"
    out.print(f"\nTry: hubplan evaluate{hint} adopted-2019-15   |   hubplan compare --help")


def main() -> None:
    """Run the command line (the ``hubplan`` entry point)."""
    app()
