"""The ``reach`` command: import who uses the service now and show it against who lives there."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from hubplan.cli.common import AsJson, Dir, app, err, handles_errors, load, out, print_json, travel_for
from hubplan.data.usage import USAGE_FILE, PostcodePlacer, load_usage, read_usage, store_usage
from hubplan.data.workspace import Workspace
from hubplan.errors import InputError, Problem
from hubplan.evaluate.usage import INTERVAL, ReachGroup, UsageReach, reach_of_usage
from hubplan.report import format as fmt
from hubplan.report.usage import reach_cells

TITLES = {
    "deprivation_decile": "deprivation decile (1 = most deprived)",
    "deprivation_quintile": "deprivation quintile (1 = most deprived)",
    "rurality": "rurality",
    "district": "district",
}


def _placer(workspace: Workspace) -> PostcodePlacer:
    """Place postcodes as consultation responses are placed (ONS centroids, else postcode districts)."""
    from hubplan.consult.locate import area_of_postcodes

    return lambda postcodes: area_of_postcodes(postcodes, workspace)


@app.command()
@handles_errors
def reach(
    directory: Dir,
    usage: Annotated[
        Path | None,
        typer.Option(
            help="A usage table (CSV): area_id or postcode, registered, seen, optional site_id, period "
            "and modelled. It is checked and kept in the workspace as usage.csv; without it, the "
            "workspace's usage.csv is shown."
        ),
    ] = None,
    period: Annotated[
        str | None, typer.Option(help="Use only the rows of this period (default: the latest given).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Import who uses the service now (registered, seen) and show reach against who lives there."""
    workspace = load(directory)
    kept: Path | None = None
    if usage is None:
        found = load_usage(workspace)
        if found is None:
            problem = Problem(
                str(directory / USAGE_FILE), None, None,
                "usage in the workspace, or a usage table given with --usage FILE", "no such file",
            )  # fmt: skip
            raise InputError([problem], "no usage to show")
        checked = found
        if period is not None:
            checked = read_usage(directory / USAGE_FILE, workspace, period=period, root=directory)
    else:
        checked = read_usage(usage, workspace, period=period, place_postcodes=_placer(workspace))
        if usage.resolve() != (directory / USAGE_FILE).resolve():
            _, kept = store_usage(checked, directory)
    result = reach_of_usage(workspace, checked, travel_for(workspace))
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {warning}", markup=True, highlight=False)
    if as_json:
        print_json(result.to_dict())
        return
    out.print(_headline(result))
    for name, groups in result.groups.items():
        out.print(_table(TITLES.get(name, name), groups, result.people))
    if result.by_minutes:
        title = f"{result.minutes_mode} minutes to the nearest base of {result.minutes_scenario}"
        out.print(_table(title, result.by_minutes, result.people))
    for note in result.notes:
        out.print(f"[dim]Note: {note}[/]")
    if usage is not None:
        out.print(f"kept the usage in {directory / USAGE_FILE}, where the report reads it")
        if kept is not None:
            out.print(f"the earlier {USAGE_FILE} is kept as {kept} (replacing any older copy)")


def _headline(result: UsageReach) -> str:
    total = result.total
    text = (
        f"{fmt.families(total.seen)} of {fmt.families(total.children)} {result.people} were seen"
        f"{f' in {result.period}' if result.period else ''} ({fmt.share(total.seen, total.children)})"
    )
    if total.areas_without_row:
        text += (
            f"; {total.areas_without_row:,} area{'s' if total.areas_without_row != 1 else ''} "
            f"({fmt.families(total.without_row)} {result.people}) have no usage row and count as none seen"
        )
    not_seen = result.most_deprived_not_seen
    most = result.most_deprived
    if not_seen is not None and most is not None:
        children = fmt.families(most.children)
        text += f"; in the most deprived fifth of areas {not_seen:.1%} of {children} {result.people} were not"
        text += " seen"
        if most.areas_without_row:
            text += f" (counting the {fmt.families(most.without_row)} in areas with no usage row)"
    elif most is not None and most.no_data:
        text += "; the most deprived fifth of areas has no usage row: its reach is not known"
    text += "."
    if result.modelled:
        text += " The usage is modelled, not recorded."
    return text


def _table(title: str, groups: tuple[ReachGroup, ...], people: str) -> Table:
    table = Table(title=f"Reach by {title} ({INTERVAL})")
    for column in (title, people, "registered", "seen", "reach", "interval"):
        table.add_column(column, justify="left" if column == title else "right")
    for g in groups:
        table.add_row(*_cells(g))
    return table


def _cells(g: ReachGroup) -> list[str]:
    """Return a group's row: "no data" with no usage row in it, no interval where some areas lack one."""
    cells = reach_cells(g, between="-")
    if g.no_data:
        cells[4] = cells[5] = "no data"
    elif g.areas_without_row:
        cells[5] = f"none ({g.areas_without_row} of {g.areas} areas no row)"
    return cells
