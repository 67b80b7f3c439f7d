"""The ``hubplan`` command: validate, evaluate, compare and demo, over a workspace folder."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hubplan.data import (
    bundled_workspace_path,
    check_workspace,
    load_workspace,
    write_bundled_workspace,
    write_scenario,
)
from hubplan.data.money import parse_money
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError, InputError
from hubplan.evaluate import area_breakdowns, evaluate
from hubplan.evaluate.evaluation import Evaluation
from hubplan.optimise.frontier import budget_frontier, budget_steps
from hubplan.optimise.plan import Objective, PlanSettings, plan
from hubplan.report import breakdown_table, comparison_table, evaluation_table, headline_sentences
from hubplan.report import format as fmt
from hubplan.report.frontier import extra_money_sentences, frontier_rows, frontier_table, write_frontier_csv
from hubplan.travel import TravelMatrix, build_travel

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


@contextmanager
def _bar(description: str, total: int) -> Iterator[Callable[[int, int], None]]:
    """Show a progress bar on stderr while the block runs; yield its ``advance(done, total)``."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(done: int, new_total: int) -> None:
            bar.update(task, completed=done, total=new_total)

        yield advance


def _travel(workspace: Workspace) -> TravelMatrix:
    with _bar(f"travel minutes for {len(workspace.areas):,} areas", len(workspace.sites)) as advance:
        return build_travel(workspace, progress=advance)


def _evaluate_all(workspace: Workspace, names: list[str]) -> list[Evaluation]:
    travel = _travel(workspace)
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
    travel = _travel(workspace)
    groups = area_breakdowns(workspace.areas, workspace.assumptions.region.districts)
    scenarios: list[Scenario | str] = [*order, *(n for n in workspace.scenarios if n not in order)]
    # The best plans of the same sizes, among the same 53 centres, for the least family-minutes by bus.
    for size in (7, 15):
        best = PlanSettings(Objective("pmedian", "bus"), bases=size, candidates=("children_centre",))
        scenarios.append(plan(workspace, travel, best, name=f"best-{size}").scenario)
    evaluations = [evaluate(workspace, s, travel=travel, breakdowns=groups) for s in scenarios]
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


RULES_HELP = (
    "A rule, repeatable: district-min=K (at least K bases per district), required=ID[,ID...], "
    "excluded=ID[,ID...], deprived-max=MINUTES (every area in deprivation deciles 1-2 within this of a base)."
)


def _parse_rules(rules: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for text in rules:
        key, _, value = text.partition("=")
        key = key.strip().lower()
        try:
            if key == "district-min":
                out["district_min"] = int(value)
            elif key in ("required", "excluded"):
                out[key] = tuple(v.strip() for v in value.split(",") if v.strip())
            elif key == "deprived-max":
                out["deprived_max_minutes"] = float(value)
            else:
                msg = (
                    f"--rule: unknown rule '{key}'; expected district-min, required, excluded or deprived-max"
                )
                raise HubplanError(msg)
        except ValueError:
            msg = f"--rule {text}: expected a number after '{key}='"
            raise HubplanError(msg) from None
    return out


def _settings(
    objective: str,
    rules: list[str],
    candidates: str,
    *,
    method: str,
    time_limit: float | None,
    seed: int,
    bases: int | None = None,
    budget: float | None = None,
    alternatives: int = 0,
    within: float = 0.05,
) -> PlanSettings:
    if method not in ("exact", "heuristic"):
        msg = f"--method: expected exact or heuristic; got '{method}'"
        raise HubplanError(msg)
    return PlanSettings(
        objective=Objective.parse(objective),
        bases=bases,
        budget=budget,
        candidates=tuple(k.strip() for k in candidates.split(",") if k.strip()),
        method=method,
        time_limit=time_limit,
        seed=seed,
        alternatives=alternatives,
        within=within,
        **_parse_rules(rules),
    )


def _money_option(value: str, option: str) -> float:
    try:
        return parse_money(value)
    except ValueError as exc:
        raise HubplanError(f"{option}: {exc}") from None


ObjectiveOpt = Annotated[
    str,
    typer.Option(
        help="pmedian[:MODE] (least family-minutes) or coverage:MINUTES:MODE (most families within)."
    ),
]
RuleOpt = Annotated[list[str] | None, typer.Option("--rule", help=RULES_HELP)]
CandidatesOpt = Annotated[
    str,
    typer.Option(help="Kinds of site that may be bases, e.g. children_centre,library (default: every kind)."),
]
MethodOpt = Annotated[
    str, typer.Option(help="exact (HiGHS, proven optimal) or heuristic (fast, with a proven gap).")
]
TimeLimitOpt = Annotated[
    float | None, typer.Option(help="Seconds; the best plan so far is returned with its gap.")
]
SeedOpt = Annotated[int, typer.Option(help="Seeds the heuristic: same seed, same plan.")]


@app.command()
@_handles_errors
def optimise(
    directory: Dir,
    bases: Annotated[int | None, typer.Option(help="Keep exactly this many bases.")] = None,
    budget: Annotated[
        str | None, typer.Option(help="Or spend at most this a year on bases, e.g. 5.2m.")
    ] = None,
    objective: ObjectiveOpt = "pmedian:bus",
    rule: RuleOpt = None,
    candidates: CandidatesOpt = "",
    method: MethodOpt = "exact",
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = 0,
    alternatives: Annotated[int, typer.Option(help="Also find this many other distinct plans.")] = 0,
    within: Annotated[
        float, typer.Option(help="Alternatives within this share of the best (0.05 = 5%).")
    ] = 0.05,
    name: Annotated[
        str | None, typer.Option(help="The scenario's name (default best-N or best-BUDGET).")
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace a scenario file of the same name.")] = False,
    dry_run: Annotated[bool, typer.Option(help="Print the plan without writing a scenario file.")] = False,
    as_json: AsJson = False,
) -> None:
    """Choose bases under a number or a budget and rules; write the plan as a scenario and compare it."""
    if (bases is None) == (budget is None):
        raise HubplanError("give exactly one of --bases N or --budget AMOUNT")
    settings = _settings(
        objective, rule or [], candidates, method=method, time_limit=time_limit, seed=seed,
        bases=bases, budget=None if budget is None else _money_option(budget, "--budget"),
        alternatives=alternatives, within=within,
    )  # fmt: skip
    workspace = _load(directory)
    travel = _travel(workspace)
    result = plan(workspace, travel, settings, name=name)
    written = []
    if not dry_run:
        for scenario in (result.scenario, *result.alternatives):
            written.append(write_scenario(directory, scenario, overwrite=overwrite))
    baseline = workspace.assumptions.evaluation.baseline
    names = sorted((n for n in workspace.scenarios if n != result.scenario.name), key=lambda n: n != baseline)
    groups = area_breakdowns(workspace.areas, workspace.assumptions.region.districts)
    evaluations = [evaluate(workspace, n, travel=travel, breakdowns=groups) for n in names]
    evaluations += [
        evaluate(workspace, s, travel=travel, breakdowns=groups)
        for s in (result.scenario, *result.alternatives)
    ]
    solution = result.solution
    if as_json:
        _print_json(
            {
                "scenario": result.scenario.name,
                "bases": list(result.scenario.bases),
                "settings": result.scenario.extra["settings"],
                "alternatives": [{"scenario": a.name, "bases": list(a.bases)} for a in result.alternatives],
                "evaluations": [ev.to_dict() for ev in evaluations],
            }
        )
        return
    out.print(
        f"[bold]{result.scenario.name}[/]: {len(result.scenario.bases)} bases, "
        f"{settings.objective.describe()}; "
        f"objective {solution.objective:,.1f}, proven within {solution.gap:.2%} of the best possible "
        f"({solution.status}, {solution.bound_method}), {solution.seconds:.2f} s"
    )
    out.print(comparison_table(evaluations))
    for path in written:
        out.print(f"wrote {path}")


@app.command()
@_handles_errors
def frontier(
    directory: Dir,
    start: Annotated[str, typer.Option("--from", help="The lowest budget, e.g. 4m.")] = "4m",
    stop: Annotated[str, typer.Option("--to", help="The highest budget, e.g. 10.2m.")] = "10.2m",
    step: Annotated[str, typer.Option(help="The step between budgets, e.g. 0.25m.")] = "0.25m",
    objective: ObjectiveOpt = "coverage:20:bus",
    rule: RuleOpt = None,
    candidates: CandidatesOpt = "",
    method: MethodOpt = "exact",
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = 0,
    extra: Annotated[str, typer.Option(help="Say what this much more a year buys, from each budget.")] = "1m",
    data_out: Annotated[Path | None, typer.Option("--out", help="Write the frontier as CSV here.")] = None,
    as_json: AsJson = False,
) -> None:
    """Find the best plan at each budget: bases, cost, families reached, the most deprived fifth reached."""
    settings = _settings(objective, rule or [], candidates, method=method, time_limit=time_limit, seed=seed)
    try:
        budgets = budget_steps(
            _money_option(start, "--from"), _money_option(stop, "--to"), _money_option(step, "--step")
        )
    except ValueError as exc:
        raise HubplanError(str(exc)) from None
    workspace = _load(directory)
    travel = _travel(workspace)
    with _bar(f"best plans at {len(budgets)} budgets", len(budgets)) as advance:
        points = budget_frontier(workspace, travel, budgets, settings, progress=advance)
    rows = frontier_rows(workspace, travel, points, settings.objective)
    if data_out is not None:
        write_frontier_csv(data_out, rows)
    if as_json:
        _print_json({"objective": str(settings.objective), "points": rows})
        return
    out.print(frontier_table(rows, settings.objective))
    for sentence in extra_money_sentences(rows, _money_option(extra, "--extra")):
        out.print(f"- {sentence}")
    if data_out is not None:
        out.print(f"wrote {data_out}")


def main() -> None:
    """Run the command line (the ``hubplan`` entry point)."""
    app()
