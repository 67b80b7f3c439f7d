"""Commands that choose bases: optimise, and the budget frontier."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hubplan.cli.common import (
    AsJson,
    Dir,
    app,
    cost_words,
    err,
    finite,
    handles_errors,
    load,
    money_option,
    out,
    print_json,
    print_notes,
    progress_bar,
    travel_for,
    warn_of_travel_inside_areas,
)
from hubplan.data.scenario import write_scenarios
from hubplan.errors import ParameterError
from hubplan.optimise.rules import REGISTRY, parse_rules

if TYPE_CHECKING:
    from hubplan.optimise.plan import PlanSettings

# The solvers, evaluation and report load inside the commands that use them (fast --help).

RULES_HELP = "A rule, repeatable: " + ", ".join(REGISTRY[name].usage for name in sorted(REGISTRY)) + "."


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
    from hubplan.optimise.plan import Objective, PlanSettings
    from hubplan.optimise.solution import Method

    return PlanSettings(
        objective=Objective.parse(objective),
        bases=bases,
        budget=budget,
        candidates=tuple(k.strip() for k in candidates.split(",") if k.strip()),
        method=Method.parse(method),
        time_limit=time_limit,
        seed=seed,
        alternatives=alternatives,
        within=within,
        **parse_rules(rules),
    )


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
    float | None, typer.Option(parser=finite, help="Seconds; the best plan so far is returned with its gap.")
]
SeedOpt = Annotated[int, typer.Option(help="Seeds the heuristic: same seed, same plan.")]


@app.command()
@handles_errors
def optimise(
    directory: Dir,
    bases: Annotated[int | None, typer.Option(help="Keep exactly this many bases.")] = None,
    budget: Annotated[
        str | None, typer.Option(help="Or spend at most this a year on bases, e.g. 5.2m.")
    ] = None,
    objective: ObjectiveOpt = "pmedian:bus",
    rules: RuleOpt = None,
    candidates: CandidatesOpt = "",
    method: MethodOpt = "exact",
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = 0,
    alternatives: Annotated[int, typer.Option(help="Also find this many other distinct plans.")] = 0,
    within: Annotated[
        float, typer.Option(parser=finite, help="Alternatives within this share of the best (0.05 = 5%).")
    ] = 0.05,
    name: Annotated[
        str | None, typer.Option(help="The scenario's name (default best-N or best-BUDGET).")
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace a scenario file of the same name.")] = False,
    dry_run: Annotated[bool, typer.Option(help="Print the plan without writing a scenario file.")] = False,
    as_json: AsJson = False,
) -> None:
    """Choose bases under a number or a budget and rules; write the plan as a scenario and compare it."""
    from hubplan.evaluate import area_breakdowns, evaluate
    from hubplan.optimise.plan import plan
    from hubplan.optimise.solve import MAX_SAME_PLANS
    from hubplan.report import comparison_notes, comparison_table

    if (bases is None) == (budget is None):
        raise ParameterError(
            "bases", expected="exactly one of --bases N or --budget AMOUNT", found="both or neither"
        )
    settings = _settings(
        objective, rules or [], candidates, method=method, time_limit=time_limit, seed=seed,
        bases=bases, budget=None if budget is None else money_option(budget, "budget"),
        alternatives=alternatives, within=within,
    )  # fmt: skip
    workspace = load(directory)
    travel = travel_for(workspace)
    result = plan(workspace, travel, settings, name=name)
    if len(result.alternatives) < alternatives:
        err.print(
            f"note: found {len(result.alternatives)} of the {alternatives} alternatives asked for within "
            f"{within * 100:g}% of the best: the solver met no other distinct plan (a plan that only swaps "
            f"a site for its twin at the same place is the same plan; up to {MAX_SAME_PLANS} are passed "
            "over, and the heuristic looks less far than the exact method)"
        )
    written = []
    if not dry_run:  # the plan and its alternatives as one set: all saved, or none
        written = write_scenarios(directory, [result.scenario, *result.alternatives], overwrite=overwrite)
    baseline = workspace.baseline_name
    names = sorted((n for n in workspace.scenarios if n != result.scenario.name), key=lambda n: n != baseline)
    groups = area_breakdowns(workspace.areas, workspace.assumptions.region.districts)
    evaluations = [evaluate(workspace, n, travel=travel, breakdowns=groups) for n in names]
    evaluations += [
        evaluate(workspace, s, travel=travel, breakdowns=groups)
        for s in (result.scenario, *result.alternatives)
    ]
    solution = result.solution
    if as_json:
        print_json(
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
        f"{settings.objective.describe(workspace.areas.people)}; "
        f"objective {solution.objective:,.1f}, proven within {solution.gap:.2%} of the best possible "
        f"({solution.status}, {solution.bound_method}), {solution.seconds:.2f} s"
    )
    out.print(comparison_table(evaluations, cost_words=cost_words(workspace, evaluations)))
    warn_of_travel_inside_areas(evaluations)
    print_notes(comparison_notes(evaluations))  # evaluate's notes, each once
    for path in written:
        out.print(f"wrote {path}")


@app.command()
@handles_errors
def frontier(
    directory: Dir,
    start: Annotated[
        str, typer.Option("--from", help="The lowest budget, e.g. 4m (default: the cheapest site's cost).")
    ] = "",
    stop: Annotated[
        str, typer.Option("--to", help="The highest budget, e.g. 10.2m (default: every candidate's cost).")
    ] = "",
    step: Annotated[
        str, typer.Option(help="The step between budgets, e.g. 0.25m (default: a tenth of the range).")
    ] = "",
    objective: ObjectiveOpt = "coverage:20:bus",
    rules: RuleOpt = None,
    candidates: CandidatesOpt = "",
    method: MethodOpt = "exact",
    time_limit: TimeLimitOpt = None,
    seed: SeedOpt = 0,
    extra: Annotated[
        str, typer.Option(help="Say what this much more a year buys, from each budget (default: one step).")
    ] = "",
    data_out: Annotated[Path | None, typer.Option("--out", help="Write the frontier as CSV here.")] = None,
    as_json: AsJson = False,
) -> None:
    """Find the best plan at each budget: bases, cost, families reached, the most deprived fifth reached."""
    from hubplan.analysis.frontier import frontier_rows
    from hubplan.data.cost_source import assumed_cost_words as cost_words_of_sites
    from hubplan.evaluate.evaluation import data_notes
    from hubplan.files import check_replaceable
    from hubplan.optimise.frontier import budget_frontier, budget_steps, default_budget_range
    from hubplan.report.frontier import (
        extra_money_sentences,
        frontier_header,
        frontier_table,
        write_frontier_csv,
    )

    if data_out is not None:  # before minutes of solving, not after
        check_replaceable(data_out, frontier_header(), option="--out")
    settings = _settings(objective, rules or [], candidates, method=method, time_limit=time_limit, seed=seed)
    given = {
        name: money_option(text, name)
        for name, text in (("start", start), ("stop", stop), ("step", step))
        if text
    }
    more = money_option(extra, "extra") if extra else None
    workspace = load(directory)
    low, high, by = default_budget_range(workspace, settings)  # sized to this workspace's costs
    budgets = budget_steps(given.get("start", low), given.get("stop", high), given.get("step", by))
    travel = travel_for(workspace)
    with progress_bar(f"best plans at {len(budgets)} budgets", len(budgets)) as advance:
        points = budget_frontier(workspace, travel, budgets, settings, progress=advance)
    rows = frontier_rows(workspace, travel, points, settings.objective)
    if data_out is not None:
        write_frontier_csv(data_out, rows)
    notes = data_notes(workspace, travel)  # evaluate's: how minutes were made, what data is modelled
    if as_json:
        print_json({"objective": str(settings.objective), "points": rows, "notes": notes})
        return
    assumed = cost_words_of_sites(workspace)  # any site may be a base at some budget
    out.print(
        frontier_table(
            rows, objective=settings.objective.describe(workspace.areas.people), cost_words=assumed
        )
    )
    for sentence in extra_money_sentences(rows, more if more is not None else given.get("step", by)):
        out.print(f"- {sentence}")
    print_notes(notes)
    if data_out is not None:
        out.print(f"wrote {data_out}")
