"""Present a budget frontier: a table, CSV data for a chart, and what each extra sum buys."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

from rich.table import Table

from hubplan.files import spreadsheet_safe, write_output
from hubplan.report import format as fmt


def frontier_table(rows: list[dict[str, Any]], *, objective: str, cost_words: str = "") -> Table:
    """Return the frontier as a table, one row per budget.

    Parameters
    ----------
    rows
        From :func:`hubplan.analysis.frontier.frontier_rows`.
    objective
        The objective in words (``Objective.describe()``), for the title.
    cost_words
        When sites' costs are assumed (:func:`hubplan.data.cost_source.assumed_cost_words`): said in
        the cost column's heading.

    Returns
    -------
    rich.table.Table
        The table.
    """
    first = rows[0]
    limit = f"{first['minutes']:g} min by {first['mode']}"
    table = Table(title=f"Budget frontier: best plans for {objective}")
    for name in (
        "budget",
        "bases",
        f"cost a year ({cost_words})" if cost_words else "cost a year",
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
            "no bound yet" if math.isinf(row["gap"]) else f"{row['gap']:.2%}",
        )
    return table


def extra_money_sentences(rows: list[dict[str, Any]], extra: float) -> list[str]:
    """Say what ``extra`` more a year buys, from the lowest feasible budget upwards in steps of ``extra``.

    Parameters
    ----------
    rows
        From :func:`hubplan.analysis.frontier.frontier_rows`.
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


FRONTIER_COLUMNS = [
    "budget", "bases", "cost_per_year", "mode", "minutes", "families_within", "share_within",
    "most_deprived_within", "most_deprived_families", "mean_minutes", "gap", "status", "sites", "note",
]  # fmt: skip
"""The columns of the frontier CSV (``hubplan optimise --frontier --out``)."""


def frontier_header() -> bytes:
    """Return the frontier CSV's header line, to check ``--out`` before any solving starts."""
    return (",".join(FRONTIER_COLUMNS) + "\n").encode()


def write_frontier_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write the rows as CSV for a chart, atomically, never over a file hubplan did not write.

    Parameters
    ----------
    path
        The CSV file.
    rows
        From :func:`hubplan.analysis.frontier.frontier_rows`.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FRONTIER_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    write_output(path, buffer.getvalue().encode("utf-8"), option="--out")
