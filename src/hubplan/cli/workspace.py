"""Commands on a workspace as it is: validate, evaluate, compare, and the Norfolk demo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from hubplan.cli.common import (
    AsJson,
    Dir,
    app,
    cost_words,
    err,
    evaluate_all,
    finite,
    handles_errors,
    load,
    out,
    print_json,
    print_notes,
    print_problems,
    travel_for,
    warn_of_travel_inside_areas,
    warn_unused_columns,
)
from hubplan.consult import affected_families, area_of_postcodes, read_responses, representation
from hubplan.data import bundled_workspace_path, check_workspace, write_bundled_workspace
from hubplan.data.scenario import Scenario
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError, InputError, ParameterError, Problem
from hubplan.evaluate import area_breakdowns, evaluate
from hubplan.evaluate.evaluation import Evaluation
from hubplan.optimise.plan import Objective, PlanSettings, plan
from hubplan.outreach import amend, plan_outreach
from hubplan.report import (
    breakdown_table,
    comparison_notes,
    comparison_table,
    evaluation_table,
    headline_sentences,
)
from hubplan.report import format as fmt
from hubplan.report.outreach import amend_sentence, outreach_sentence
from hubplan.report.tables import BREAKDOWN_TITLES
from hubplan.travel import TravelMatrix


@app.command()
@handles_errors
def validate(directory: Dir) -> None:
    """Check every file in a workspace and list all problems (exit 1 if there are any)."""
    workspace, problems = check_workspace(directory)
    problems += _later_checks(directory, workspace)
    if workspace is not None:
        warn_unused_columns(workspace)
    if problems or workspace is None:
        n = len(problems)
        print_problems(f"{directory} has {n} problem{'s' if n != 1 else ''}", problems)
        raise typer.Exit(1)
    from hubplan.travel.memory import available_memory, memory_message
    from hubplan.travel.stored import load_matrices

    load_matrices(workspace)  # routed or imported minutes made for other areas or sites: an InputError
    memory = memory_message(len(workspace.areas), len(workspace.sites), available=available_memory())
    if memory is not None and memory[1]:  # evaluate and optimise would refuse it: so does validate
        raise HubplanError(f"{directory}: {memory[0]}")
    if memory is not None:
        err.print(f"warning: {escape(memory[0])}")
    for scenario in workspace.scenarios.values():
        if over := workspace.over_budget(scenario):
            err.print(f"warning: {escape(over)}")
    out.print(
        f"[green]ok[/]: {directory}: {len(workspace.sites)} sites, {len(workspace.areas)} areas, "
        f"{len(workspace.scenarios)} scenarios ({', '.join(workspace.scenarios)})"
    )


def _usage_warnings(workspace: Workspace) -> None:
    """Read ``usage.csv`` as ``hubplan reach`` and the report do; print what it flags (counts kept)."""
    from hubplan.data.usage import load_usage

    usage = load_usage(workspace)
    for warning in usage.warnings if usage is not None else ():
        err.print(f"warning: {escape(str(warning))}")


def _later_checks(directory: Path, workspace: Workspace | None) -> list[Problem]:
    """Run the checks later commands make on the workspace's other files, collecting their problems.

    ``decision.yaml`` (report), ``places.csv`` (the map's search), ``postcode_districts.csv`` and
    ``responses*.csv`` (consult), ``themes.yaml`` (consult report), ``usage.csv`` (reach, report) and
    ``boundaries.geojson`` (the maps): each is read as the command that uses it reads it, so a file
    ``validate`` passes does not fail, or quietly fall back, later.
    """
    from hubplan.consult.importer import read_responses
    from hubplan.consult.themes import read_themes_file
    from hubplan.data.boundaries import areas_without_outline, check_boundaries
    from hubplan.data.decision import load_decision
    from hubplan.data.points import PLACES_FILE, POSTCODE_DISTRICTS_FILE, check_points
    from hubplan.data.read_table import find_table, look_alike_file

    problems: list[Problem] = []
    if not directory.is_dir():
        return problems
    region = workspace.assumptions.region if workspace is not None else None
    for file in (PLACES_FILE, POSTCODE_DISTRICTS_FILE):
        check_points(directory, file, problems, region=region)
    problems += check_boundaries(directory)
    for table in ("sites", "venues", "areas"):  # "sites (1).csv" beside sites.csv: say which one is read
        found = find_table(directory, table)
        copy = look_alike_file(directory, found.name) if found is not None else None
        if found is not None and copy is not None:
            err.print(f"warning: {escape(copy)} is not read: hubplan reads {escape(found.name)}")
    outlines = areas_without_outline(directory, list(workspace.areas.ids)) if workspace is not None else None
    if outlines is not None:  # the maps show those areas as dots: worth saying, nothing is wrong
        err.print(f"warning: {escape(str(outlines))}")
    names = tuple(workspace.scenarios) if workspace is not None else None
    later: list[Callable[[], object]] = [
        lambda: load_decision(directory, scenarios=names),
        lambda: read_themes_file(directory),
    ]
    if workspace is not None:
        later.append(lambda: _usage_warnings(workspace))
    for check in later:
        try:
            check()
        except InputError as exc:
            problems.extend(exc.problems)
    for path in sorted(directory.glob("responses*.csv")):
        try:
            problems.extend(read_responses(path, within=directory).problems)
        except InputError as exc:
            problems.extend(exc.problems)
    problems += _store_problems(directory)
    return _at_most_per_file(problems)


def _store_problems(directory: Path) -> list[Problem]:
    """Return the store's problem, as serve, consult and report would meet it on opening it (read only).

    The workspace's ``hubplan.sqlite`` (or the file ``HUBPLAN_STORE_URL`` names) that is not a SQLite
    database, is damaged, holds another application's tables, is a folder or a link out of the
    workspace. No store yet is no problem: it is made when first used.
    """
    from hubplan.environment import STORE_URL_VARIABLE, store_url_from_environment
    from hubplan.store import STORE_FILE, check_store, store_url

    url = store_url_from_environment()
    try:
        wrong = check_store(store_url(directory, url=url))
    except HubplanError as error:  # a link out of the workspace, a folder, a URL hubplan cannot use
        wrong = str(error)
    if not wrong:
        return []
    file = STORE_FILE if url is None else STORE_URL_VARIABLE
    expected = "a hubplan store (the consultation and saved plans), or none yet (one is made when needed)"
    return [Problem(file, None, None, expected, wrong)]


LATER_PROBLEMS_PER_FILE = 10
"""The most problems ``validate`` lists for one of the files later commands read (the rest counted)."""


def _at_most_per_file(problems: list[Problem]) -> list[Problem]:
    """Keep the first few problems of each file, and one saying how many more it has."""
    kept: list[Problem] = []
    count: dict[str, int] = {}
    for problem in problems:
        count[problem.file] = count.get(problem.file, 0) + 1
        if count[problem.file] <= LATER_PROBLEMS_PER_FILE:
            kept.append(problem)
    for file, n in count.items():
        if n > LATER_PROBLEMS_PER_FILE:
            more = f"{n - LATER_PROBLEMS_PER_FILE} more (not listed: fix these and run validate again)"
            kept.append(Problem(file, None, None, "the problems above fixed", more))
    return kept


@app.command(name="evaluate")
@handles_errors
def evaluate_command(
    directory: Dir,
    scenario: Annotated[
        str, typer.Argument(help="The scenario's name (its file in scenarios/ without .yaml).")
    ],
    as_json: AsJson = False,
    mode: Annotated[
        str | None, typer.Option(help="The mode for the tables by group (default: evaluation.access_mode).")
    ] = None,
    minutes: Annotated[
        float | None,
        typer.Option(
            parser=finite, help="The threshold for the tables by group (default: evaluation.access_minutes)."
        ),
    ] = None,
) -> None:
    """Evaluate one scenario: who is within reach by mode and group, and cost against the baseline."""
    workspace = load(directory)
    (ev,) = evaluate_all(workspace, [scenario])
    if over := workspace.over_budget(ev.scenario):
        err.print(f"warning: {escape(over)}")
    warn_of_travel_inside_areas([ev])
    if as_json:
        print_json(ev.to_dict())
        return
    mode = mode or ev.access_mode
    minutes = ev.access_minutes if minutes is None else minutes
    _check_view(ev, mode, minutes)
    assumed = cost_words(workspace, [ev])
    out.print(evaluation_table(ev, cost_words=assumed))
    if ev.baseline:
        out.print(
            f"Cost {fmt.money(ev.cost_per_year)} a year; baseline '{ev.baseline}' "
            f"{fmt.money(ev.baseline_cost_per_year)}; saving {fmt.money(ev.saving_per_year)}"
            + (f" ({escape(assumed)})." if assumed else ".")
        )
    for name in ev.modes[mode].groups:
        out.print(breakdown_table(ev, name, mode=mode, minutes=minutes))
    print_notes(comparison_notes([ev]))


def _check_view(ev: Evaluation, mode: str, minutes: float) -> None:
    if mode not in ev.modes:
        raise ParameterError("mode", expected=f"one of {', '.join(ev.modes)}", found=mode)
    if float(minutes) not in ev.thresholds:
        thresholds = ", ".join(f"{t:g}" for t in ev.thresholds)
        expected = f"one of the thresholds in hubplan.toml ({thresholds})"
        raise ParameterError("minutes", expected=expected, found=f"{minutes:g}")


@app.command()
@handles_errors
def compare(
    directory: Dir,
    scenarios: Annotated[
        list[str] | None, typer.Argument(help="Scenario names; all of them when none given.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Put scenarios side by side: bases, cost, saving, reach by each mode, families losing access."""
    workspace = load(directory)
    baseline = workspace.baseline_name
    names = list(scenarios or sorted(workspace.scenarios, key=lambda n: n != baseline))
    evaluations = evaluate_all(workspace, names)
    if as_json:
        print_json({"scenarios": [ev.to_dict() for ev in evaluations]})
        return
    out.print(comparison_table(evaluations, cost_words=cost_words(workspace, evaluations)))
    print_notes(comparison_notes(evaluations))


@app.command()
@handles_errors
def demo(
    workspace_out: Annotated[
        Path | None, typer.Option(help="Also write the bundled Norfolk workspace here, to inspect and edit.")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Evaluate the bundled Norfolk scenarios (2018-19) and print the comparison and what it means."""
    from hubplan.analysis.uncertainty import scenario_intervals
    from hubplan.report.summary import interval_note, notes_beyond_summary

    source = bundled_workspace_path()
    if workspace_out is not None:
        write_bundled_workspace(workspace_out)
        err.print(f"wrote the bundled workspace to {workspace_out}")
        source = workspace_out  # its travel cache goes there, where `evaluate DIR` finds it again
    workspace = load(source)  # the package's own copy caches in the user's cache folder, never in it
    order = [n for n in ("baseline-53", "proposal-2018-7", "adopted-2019-15") if n in workspace.scenarios]
    travel = travel_for(workspace)
    groups = area_breakdowns(workspace.areas, workspace.assumptions.region.districts)
    scenarios: list[Scenario | str] = [*order, *(n for n in workspace.scenarios if n not in order)]
    # The best plans of the same sizes, among the same 53 centres, for the least minutes by the access mode.
    for size in (7, 15):
        access_mode = workspace.assumptions.evaluation.access_mode
        best = PlanSettings(Objective("pmedian", access_mode), bases=size, candidates=("children_centre",))
        scenarios.append(plan(workspace, travel, best, name=f"best-{size}").scenario)
    evaluations = [evaluate(workspace, s, travel=travel, breakdowns=groups) for s in scenarios]
    # With their 90% intervals, as the report gives them: a count outside its own interval is led by it.
    intervals = scenario_intervals(workspace, travel, evaluations)
    sentences = headline_sentences(evaluations, region=workspace.assumptions.region.name, intervals=intervals)
    if note := interval_note(intervals, people=workspace.areas.people):
        sentences.append(note)
    money = _outreach_and_amendments(workspace, travel) + _consultation_sentences(workspace, travel)
    if as_json:
        print_json(
            {"scenarios": [ev.to_dict() for ev in evaluations], "summary": sentences, "outreach": money}
        )
        return
    out.print("[bold]hubplan demo: Norfolk's children's centres, 2018-19[/]\n")
    out.print(comparison_table(evaluations))
    worst = evaluations[1] if len(evaluations) > 1 else evaluations[0]
    out.print(breakdown_table(worst, "deprivation_quintile"))
    out.print("[bold]What it means[/]")
    for sentence in sentences:
        out.print(f"- {sentence}")
    if money:
        out.print("[bold]Outreach, the amendments and the consultation (modelled and synthetic)[/]")
        for sentence in money:
            out.print(f"- {sentence}")
    print_notes(notes_beyond_summary(comparison_notes(evaluations), evaluations, sentences))
    hint = f" {workspace_out}" if workspace_out else " DIR (after --workspace-out DIR)"
    out.print(f"\nTry: hubplan evaluate{hint} adopted-2019-15   |   hubplan compare --help")


# The opposition amendments from the record (2019/20), evaluated against the adopted plan.
AMENDMENTS = (("the Liberal Democrats' amendment", 1_000_000.0), ("Labour's amendment", 1_300_000.0))


def _outreach_and_amendments(workspace: Workspace, travel: TravelMatrix) -> list[str]:
    """Say what outreach the adopted plan's budget buys, and what each amendment would add."""
    if "adopted-2019-15" not in workspace.scenarios:
        return []
    adopted = workspace.scenario("adopted-2019-15")
    before = plan_outreach(workspace, travel, adopted)
    lines = [
        f"Within the adopted plan's {fmt.money(before.budget_per_year)} a year, its 15 bases cost "
        f"{fmt.money(before.bases_cost_per_year)}; {outreach_sentence(before)} "
        f"({fmt.money(before.budget_per_year - before.cost_per_year)} is left)."
    ]
    for who, extra in AMENDMENTS:
        options = amend(
            workspace, travel, adopted, extra, candidates=("children_centre",)
        )  # keep centres open
        lines.append(
            f"For {who} ({fmt.money(extra)} more in 2019/20): " + amend_sentence(options, extra, before)
        )
    return lines


def _consultation_sentences(workspace: Workspace, travel: TravelMatrix) -> list[str]:
    """Say who the (synthetic) respondents were against the families the first proposal affects."""
    path = workspace.path / "responses-synthetic.csv" if workspace.path is not None else None
    if path is None or not path.is_file() or "proposal-2018-7" not in workspace.scenarios:
        return []
    rows = read_responses(path).rows
    areas, method = area_of_postcodes([str(r["postcode"]) for r in rows], workspace)
    affected = affected_families(workspace, travel, workspace.scenario("proposal-2018-7"))
    reps = {r.breakdown: r for r in representation(workspace, areas, affected)}
    under = [
        f"{BREAKDOWN_TITLES.get(k, k).lower()} {', '.join(r.under_represented)}"
        for k, r in reps.items()
        if r.under_represented
    ]
    return [
        f"Consultation ({len(rows):,} synthetic responses, placed by {method}): set against the "
        f"{workspace.areas.people} whose nearest base the first "
        "proposal closes, the under-represented groups are "
        + ("; ".join(under) if under else "none")
        + ". hubplan consult report finds the themes (see docs/consultation.md)."
    ]
