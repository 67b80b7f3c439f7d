"""Commands for outreach and money: outreach, amend, events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from dataclasses import asdict, fields
from pathlib import Path
from typing import Annotated, Any

import typer

from hubplan.analysis.provenance import figure_provenance
from hubplan.cli.common import (
    AsJson,
    Dir,
    app,
    finite,
    handles_errors,
    load,
    money_option,
    out,
    print_json,
    print_notes,
    solver_output_to_stderr,
    travel_for,
)
from hubplan.data.workspace import Workspace
from hubplan.errors import HubplanError
from hubplan.evaluate.evaluation import data_notes
from hubplan.files import spreadsheet_safe, write_output
from hubplan.outreach import amend as amend_plan
from hubplan.outreach import plan_events, plan_outreach
from hubplan.outreach.events import Event
from hubplan.outreach.reach import outreach_reach
from hubplan.outreach.timetable import Session
from hubplan.report import format as fmt
from hubplan.report.outreach import (
    OUTREACH_COSTS,
    OUTREACH_FIGURES,
    FigureNotes,
    amend_sentence,
    amend_table,
    events_table,
    figure_notes,
    outreach_summary_table,
    reach_table,
    timetable_table,
    venues_table,
)
from hubplan.travel import TravelMatrix

MAX_CONSULTATION_DAYS = 366
"""The longest consultation ``events`` plans drop-ins for (councils consult for 6 to 12 weeks)."""

Scenario = Annotated[str, typer.Argument(help="The scenario's name.")]
BudgetOpt = Annotated[
    str | None,
    typer.Option(help="The service budget a year (default: the scenario's budget_per_year), e.g. 5.2m."),
]


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]], *, option: str) -> None:
    """Write rows as CSV atomically, never over a file hubplan did not write (a user's, a workspace's)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    write_output(path, buffer.getvalue().encode("utf-8"), option=option)


def _figure_notes(
    workspace: Workspace, travel: TravelMatrix, keys: tuple[str, ...] = OUTREACH_FIGURES
) -> FigureNotes:
    """Mark each outreach figure shown with where it comes from, in the report's words (its provenance)."""
    return figure_notes(figure_provenance(workspace, dict(travel.sources)).figures, keys)


def _json_sources(
    workspace: Workspace, travel: TravelMatrix, keys: tuple[str, ...] = OUTREACH_FIGURES
) -> dict[str, dict[str, str]]:
    """Return where each outreach figure comes from, as ``--json`` carries it: key -> kind and detail.

    The kind is ``real``, ``user`` or ``assumed``; the detail names the source, the file, or the
    setting with its value and reason (the same words the terminal's numbered notes and the report's
    sources table use).
    """
    figures = figure_provenance(workspace, dict(travel.sources)).figures
    return {key: figures[key].to_dict() for key in keys if key in figures}


@app.command()
@handles_errors
def outreach(
    directory: Dir,
    scenario: Scenario,
    budget: BudgetOpt = None,
    threshold_minutes: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            parser=finite,
            help="Minutes beyond which families get outreach, above 0 and at most 1,440 (default: "
            "[outreach] threshold_minutes).",
        ),
    ] = None,
    timetable: Annotated[Path | None, typer.Option(help="Write the weekly timetable as CSV here.")] = None,
    weight_by_reach: Annotated[
        bool | None,
        typer.Option(
            "--weight-by-reach/--weight-by-deprivation",
            help="Share sessions by deprivation and by the share of children not seen in the year (the "
            "workspace's usage.csv, from `hubplan reach`), or by deprivation alone (default: [outreach] "
            "need_weighting).",
        ),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Plan outreach where a scenario's bases do not reach: venues, sessions, staff, timetable and cost."""
    workspace = load(directory)
    with solver_output_to_stderr(enabled=as_json):  # stdout is the JSON and nothing else
        travel = travel_for(workspace)
        result = plan_outreach(
            workspace,
            travel,
            workspace.scenario(scenario),
            budget_per_year=None if budget is None else money_option(budget, "budget"),
            threshold_minutes=threshold_minutes,
            need_weighting=None
            if weight_by_reach is None
            else ("deprivation_and_reach" if weight_by_reach else "deprivation"),
        )
    if timetable is not None:
        columns = [f.name for f in fields(Session)]
        _write_csv(timetable, columns, [asdict(s) for s in result.sessions], option="--timetable")
    notes = data_notes(workspace, travel, bases_cost_only=False)  # evaluate's: minutes and data
    if as_json:
        notes = list(dict.fromkeys([*result.notes, *notes]))  # each once, as the terminal prints them
        print_json(result.to_dict() | {"sources": _json_sources(workspace, travel), "notes": notes})
        return
    sources = _figure_notes(workspace, travel)
    out.print(outreach_summary_table(result, sources=sources))
    out.print(venues_table(result, sources=sources))
    out.print(timetable_table(result))
    for reach in outreach_reach(workspace, result):
        if reach.breakdown != "district":
            out.print(reach_table(reach, people=result.people))
    # evaluate's notes on the minutes and the data, which the reach above rests on too
    print_notes([*sources.notes, *result.notes, *notes])
    if not math.isfinite(result.budget_per_year):
        out.print("[dim]Note: give a budget with --budget (e.g. --budget 5.2m) to plan outreach within it[/]")
    if timetable is not None:
        out.print(f"wrote the timetable of {len(result.sessions)} weekly sessions to {timetable}")


@app.command()
@handles_errors
def amend(
    directory: Dir,
    scenario: Scenario,
    extra: Annotated[str, typer.Option(help="The extra money a year, e.g. 1m or 1.3m.")] = "1m",
    budget: BudgetOpt = None,
    no_rounds: Annotated[
        bool,
        typer.Option(
            "--no-rounds",
            help="Skip the option of outreach vehicles (its routing solve takes up to [circuits] "
            "quick_time_limit_seconds, 20 s by default).",
        ),
    ] = False,
    candidates: Annotated[
        str,
        typer.Option(
            help="Kinds of site that may be added as bases, e.g. library,school (default: any kind)."
        ),
    ] = "",
    as_json: AsJson = False,
) -> None:
    """Find the best use of extra money: more bases (centres kept open), more outreach, a mix, or vehicles."""
    workspace = load(directory)
    travel = travel_for(workspace)
    chosen = workspace.scenario(scenario)
    amount = money_option(extra, "extra")
    base_budget = None if budget is None else money_option(budget, "budget")
    kinds = tuple(k.strip() for k in candidates.split(",") if k.strip())
    with solver_output_to_stderr(enabled=as_json):  # stdout is the JSON and nothing else
        before = plan_outreach(workspace, travel, chosen, budget_per_year=base_budget)
        options = amend_plan(
            workspace,
            travel,
            chosen,
            amount,
            budget_per_year=base_budget,
            rounds=not no_rounds,
            candidates=kinds,
        )
    if not options:
        raise HubplanError("no way of spending the extra keeps the rules")
    shown = (*OUTREACH_COSTS, "session_capacity")  # the figures amend shows (no workers)
    notes = data_notes(workspace, travel, bases_cost_only=False)  # evaluate's: minutes and data
    if as_json:
        print_json(
            {
                "scenario": chosen.name,
                "extra_per_year": amount,
                "before": {
                    "families_within_base": before.families_within_base,
                    "families_reached": before.families_reached,
                },
                "options": [
                    {
                        "share_on_centres": o.share_on_centres,
                        "kept_open": list(o.kept_open),
                        "families_within_base": round(o.families_within_base, 1),
                        "families_reached": round(o.families_reached, 1),
                        "cost_per_year": round(o.cost_per_year, 2),
                        "rounds": None
                        if o.rounds is None
                        else {
                            "vehicles": o.rounds.cost.vehicles,
                            "route_days": len(o.rounds.plan.routes),
                            "stops_served": len(o.rounds.served),
                            "stops_unserved": len(o.rounds.stops) - len(o.rounds.served),
                            "families_served": round(o.rounds.families_served, 1),
                            "families_unserved": round(o.rounds.families_unserved, 1),
                            "cost": o.rounds.cost.to_dict(),
                        },
                    }
                    for o in options
                ],
                # the rounds' cost too, where an option has rounds (the terminal's table says it)
                "sources": _json_sources(
                    workspace, travel, (*shown, "rounds_costs") if any(o.rounds for o in options) else shown
                ),
                "notes": list(dict.fromkeys([*before.notes, *notes])),
            }
        )
        return
    assumed = next((o.outreach.bases_cost_words for o in options if o.outreach.bases_cost_words), "")
    sources = _figure_notes(workspace, travel, shown)
    out.print(amend_table(options, amount, cost_words=assumed, sources=sources))
    out.print(amend_sentence(options, amount, before))
    print_notes([*sources.notes, *before.notes, *notes])


@app.command()
@handles_errors
def events(
    directory: Dir,
    scenario: Scenario,
    start: Annotated[str, typer.Option("--from", help="The consultation's first day, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="Its last day, YYYY-MM-DD.")],
    data_out: Annotated[Path | None, typer.Option("--out", help="Write the events as CSV here.")] = None,
    as_json: AsJson = False,
) -> None:
    """Propose consultation drop-in events so every closing centre's community has one nearby."""
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        raise HubplanError(
            f"--from/--to: expected dates written YYYY-MM-DD; got {start!r}, {end!r}"
        ) from None
    if last < first:
        raise HubplanError(f"--to ({last}) is before --from ({first})")
    if (last - first).days > MAX_CONSULTATION_DAYS:
        raise HubplanError(
            f"--from/--to: expected a consultation of at most a year ({MAX_CONSULTATION_DAYS} days); "
            f"got {(last - first).days:,} days, {first} to {last} (a year typed wrong?)"
        )
    workspace = load(directory)
    with solver_output_to_stderr(enabled=as_json):  # stdout is the JSON and nothing else
        found, notes = plan_events(workspace, workspace.scenario(scenario), first, last)
    rows = [asdict(e) | {"slots": " ".join(e.slots), "centres": " ".join(e.centres)} for e in found]
    if data_out is not None:
        _write_csv(data_out, [f.name for f in fields(Event)], rows, option="--out")
    if as_json:
        print_json({"scenario": scenario, "events": [asdict(e) for e in found], "notes": notes})
        return
    out.print(events_table(found))
    out.print(f"{len(found)} events cover {sum(len(e.centres) for e in found)} closing centres.")
    print_notes(notes)
    if data_out is not None:
        out.print(f"wrote {data_out}")


__all__ = ["amend", "events", "fmt", "outreach"]
