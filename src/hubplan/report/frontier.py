"""Present a budget frontier: a table, CSV data for a chart, and what each extra sum buys."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
from rich.table import Table

from hubplan.data.workspace import Workspace
from hubplan.evaluate.metrics import nearest_base
from hubplan.files import write_bytes_atomically
from hubplan.optimise.frontier import FrontierPoint
from hubplan.optimise.plan import Objective
from hubplan.report import format as fmt
from hubplan.travel.matrix import TravelMatrix

DEFAULT_MINUTES = 30.0
"""The threshold reported for a p-median frontier, which has none of its own."""


def frontier_rows(
    workspace: Workspace, travel: TravelMatrix, points: list[FrontierPoint], objective: Objective
) -> list[dict[str, Any]]:
    """Return one plain row per budget: bases, cost, families within the threshold, the most deprived fifth.

    Parameters
    ----------
    workspace
        The workspace.
    travel
        Its travel matrices.
    points
        The frontier.
    objective
        Its objective (its mode and minutes are reported; 30 minutes for a p-median).

    Returns
    -------
    list of dict
        ``budget``, ``bases``, ``cost_per_year``, ``families_within``, ``share_within``,
        ``most_deprived_within``, ``most_deprived_families``, ``mean_minutes``, ``mode``, ``minutes``,
        ``gap``, ``status``, ``sites`` (ids separated by ';'), ``note``, ``noun`` (what is counted:
        "children" or "families").
    """
    minutes_limit = objective.minutes or DEFAULT_MINUTES
    families = np.asarray(workspace.areas.families, dtype=np.float64)
    deprived = workspace.areas.most_deprived
    matrix = travel.minutes[objective.mode]
    rows = []
    for point in points:
        row: dict[str, Any] = {
            "budget": point.budget,
            "mode": objective.mode,
            "minutes": minutes_limit,
            "noun": workspace.areas.noun,
        }
        if point.plan is None:
            rows.append(row | {"bases": 0, "status": "infeasible", "note": point.reason})
            continue
        bases = workspace.base_indices(point.plan.scenario)
        if len(bases) == 0:  # the budget is below the cheapest allowed site: no base at all
            note = "the budget buys no site (each allowed site costs more)"
            rows.append(row | {"bases": 0, "status": "infeasible", "note": note})
            continue
        nearest, _ = nearest_base(matrix, bases)
        within = nearest <= minutes_limit
        row |= {
            "bases": len(bases),
            "cost_per_year": float(workspace.sites.cost_per_year[bases].sum()),
            "families_within": float(families[within].sum()),
            "share_within": float(families[within].sum() / families.sum()),
            "most_deprived_within": float(families[within & deprived].sum()),
            "most_deprived_families": float(families[deprived].sum()),
            "mean_minutes": float(families @ nearest / families.sum()),
            "gap": point.plan.solution.gap,
            "status": point.plan.solution.status,
            "sites": ";".join(point.plan.scenario.bases),
            "note": "",
        }
        rows.append(row)
    return rows


def frontier_table(rows: list[dict[str, Any]], objective: Objective) -> Table:
    """Return the frontier as a table, one row per budget.

    Parameters
    ----------
    rows
        From :func:`frontier_rows`.
    objective
        The objective, for the title.

    Returns
    -------
    rich.table.Table
        The table.
    """
    first = rows[0]
    limit = f"{first['minutes']:g} min by {first['mode']}"
    table = Table(title=f"Budget frontier: best plans for {objective.describe()}")
    for name in (
        "budget",
        "bases",
        "cost a year",
        f"{first['noun']} within {limit}",
        "share",
        "most deprived fifth",
        "gap",
    ):
        table.add_column(name, justify="right")
    for row in rows:
        if row["status"] == "infeasible":
            table.add_row(fmt.money(row["budget"]), "-", "-", "no plan fits", "", "", "")
            continue
        table.add_row(
            fmt.money(row["budget"]),
            str(row["bases"]),
            fmt.money(row["cost_per_year"]),
            fmt.families(row["families_within"]),
            f"{row['share_within']:.0%}",
            f"{fmt.families(row['most_deprived_within'])} of {fmt.families(row['most_deprived_families'])}",
            f"{row['gap']:.2%}",
        )
    return table


def extra_money_sentences(rows: list[dict[str, Any]], extra: float) -> list[str]:
    """Say what ``extra`` more a year buys, from the lowest feasible budget upwards in steps of ``extra``.

    Parameters
    ----------
    rows
        From :func:`frontier_rows`.
    extra
        £ a year.

    Returns
    -------
    list of str
        One sentence per step found in the rows.
    """
    feasible = {round(r["budget"], 2): r for r in rows if r["status"] != "infeasible"}
    if not feasible or extra <= 0:
        return []
    out = []
    budget = min(feasible)
    while round(budget + extra, 2) in feasible:
        low, high = feasible[round(budget, 2)], feasible[round(budget + extra, 2)]
        more = high["families_within"] - low["families_within"]
        deprived = high["most_deprived_within"] - low["most_deprived_within"]
        out.append(
            f"From {fmt.money(low['budget'])} to {fmt.money(high['budget'])} a year: "
            f"{high['bases'] - low['bases']:+d} bases, {fmt.families(more)} more {low['noun']} within "
            f"{low['minutes']:g} minutes by {low['mode']} "
            f"({fmt.families(deprived)} of them in the most deprived fifth of areas)."
        )
        budget = round(budget + extra, 2)
    return out


def write_frontier_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write the rows as CSV for a chart, atomically (a failure leaves any old file as it was).

    Parameters
    ----------
    path
        The CSV file.
    rows
        From :func:`frontier_rows`.
    """
    columns = [
        "budget", "bases", "cost_per_year", "mode", "minutes", "families_within", "share_within",
        "most_deprived_within", "most_deprived_families", "mean_minutes", "gap", "status", "sites", "note",
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_bytes_atomically(path, buffer.getvalue().encode("utf-8"))
